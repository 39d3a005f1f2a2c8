#include "x_server.hpp"

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/XTest.h>
#include <poll.h>
#include <stb_image.h>
#include <stb_image_write.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace peiling::bench {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kPollInterval = std::chrono::milliseconds(20);
constexpr auto kStartTimeout = std::chrono::seconds(15);

// A request about a window that has gone (or is not mapped yet) is an answer here, not a reason
// for Xlib to end the benchmark.
int ignore_error(Display*, XErrorEvent*) {
  return 0;
}

// Reads the display number Xvfb writes to -displayfd, waiting at most timeout.
int read_display_number(int fd, ChildProcess& xvfb) {
  std::string text;
  const auto deadline = Clock::now() + kStartTimeout;
  while (text.find('\n') == std::string::npos) {
    if (Clock::now() > deadline) throw std::runtime_error("Xvfb did not name its display in time");
    pollfd ready{fd, POLLIN, 0};
    if (poll(&ready, 1, static_cast<int>(kPollInterval.count())) <= 0) {
      if (!xvfb.running()) throw std::runtime_error("Xvfb " + describe_status(*xvfb.exit_status()));
      continue;
    }
    char buffer[16];
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n <= 0) throw std::runtime_error("Xvfb ended before naming its display (install xvfb)");
    text.append(buffer, static_cast<std::size_t>(n));
  }
  return std::atoi(text.c_str());
}

}  // namespace

struct XServer::Connection {
  Display* display = nullptr;
  ~Connection() {
    if (display) XCloseDisplay(display);
  }
};

XServer::XServer(int width, int height) : connection_(std::make_unique<Connection>()) {
  Pipe named;
  const std::string screen = std::to_string(width) + "x" + std::to_string(height) + "x24";
  // A black root: a window mapped but not drawn yet reads back blank, not as a pattern.
  xvfb_.emplace(std::vector<std::string>{"Xvfb", "-displayfd", std::to_string(named.write_end()), "-screen",
                                         "0", screen, "-br", "-nolisten", "tcp"},
                ChildOptions{.inherit_fd = named.write_end()});
  named.close_write();
  display_ = std::string(":").append(std::to_string(read_display_number(named.read_end(), *xvfb_)));
  XSetErrorHandler(ignore_error);
  // A display that has been named does not yet answer: the kiosk started too early says it cannot
  // connect. Wait until the server accepts a connection of ours, which then stays open (so Xvfb
  // never resets between the programs it serves).
  const auto deadline = Clock::now() + kStartTimeout;
  while (!(connection_->display = XOpenDisplay(display_.c_str()))) {
    if (!xvfb_->running()) throw std::runtime_error("Xvfb " + describe_status(*xvfb_->exit_status()));
    if (Clock::now() > deadline) throw std::runtime_error("Xvfb on " + display_ + " accepts no connection");
    std::this_thread::sleep_for(kPollInterval);
  }
  int event = 0, error = 0, major = 0, minor = 0;
  if (!XTestQueryExtension(connection_->display, &event, &error, &major, &minor))
    throw std::runtime_error("Xvfb on " + display_ + " has no XTest extension");
}

XServer::~XServer() = default;

XWindow XServer::window_of(pid_t pid, std::chrono::milliseconds timeout) {
  Display* display = connection_->display;
  const Atom pid_atom = XInternAtom(display, "_NET_WM_PID", False);
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    Window root = 0, parent = 0;
    Window* children = nullptr;
    unsigned int count = 0;
    XWindow found = 0;
    if (XQueryTree(display, DefaultRootWindow(display), &root, &parent, &children, &count)) {
      for (unsigned int i = 0; i < count && !found; ++i) {
        Atom type = 0;
        int format = 0;
        unsigned long items = 0, left = 0;
        unsigned char* data = nullptr;
        if (XGetWindowProperty(display, children[i], pid_atom, 0, 1, False, XA_CARDINAL, &type, &format,
                               &items, &left, &data) == Success &&
            data && items == 1 && format == 32) {
          XWindowAttributes attributes{};
          const bool mine = static_cast<pid_t>(*reinterpret_cast<unsigned long*>(data)) == pid;
          if (mine && XGetWindowAttributes(display, children[i], &attributes) &&
              attributes.map_state == IsViewable)
            found = children[i];
        }
        if (data) XFree(data);
      }
      if (children) XFree(children);
    }
    if (found) return found;
    if (Clock::now() > deadline)
      throw std::runtime_error("process " + std::to_string(pid) + " showed no window on " + display_);
    std::this_thread::sleep_for(kPollInterval);
  }
}

void XServer::move_pointer(XWindow window, int x, int y) {
  Display* display = connection_->display;
  int root_x = 0, root_y = 0;
  Window child = 0;
  XTranslateCoordinates(display, window, DefaultRootWindow(display), x, y, &root_x, &root_y, &child);
  XTestFakeMotionEvent(display, DefaultScreen(display), root_x, root_y, CurrentTime);
  XSync(display, False);
}

void XServer::button(bool pressed) {
  XTestFakeButtonEvent(connection_->display, 1, pressed ? True : False, CurrentTime);
  XSync(connection_->display, False);
}

std::optional<RgbImage> XServer::capture(XWindow window) {
  Display* display = connection_->display;
  XWindowAttributes attributes{};
  if (!XGetWindowAttributes(display, window, &attributes) || attributes.map_state != IsViewable)
    return std::nullopt;
  XImage* image = XGetImage(display, window, 0, 0, static_cast<unsigned>(attributes.width),
                            static_cast<unsigned>(attributes.height), AllPlanes, ZPixmap);
  if (!image) return std::nullopt;
  RgbImage out{attributes.width, attributes.height, {}};
  out.rgb.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height) * 3);
  const bool bgrx = image->bits_per_pixel == 32 && image->red_mask == 0xff0000 &&
                    image->green_mask == 0xff00 && image->blue_mask == 0xff && image->byte_order == LSBFirst;
  for (int y = 0; y < out.height; ++y) {
    const auto* row = reinterpret_cast<const std::uint8_t*>(image->data) +
                      static_cast<std::ptrdiff_t>(y) * image->bytes_per_line;
    std::uint8_t* to = out.rgb.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(out.width) * 3;
    for (int x = 0; x < out.width; ++x, to += 3) {
      if (bgrx) {
        to[0] = row[4 * x + 2], to[1] = row[4 * x + 1], to[2] = row[4 * x];
      } else {
        const unsigned long pixel = XGetPixel(image, x, y);
        to[0] = static_cast<std::uint8_t>((pixel & image->red_mask) >> 16);
        to[1] = static_cast<std::uint8_t>((pixel & image->green_mask) >> 8);
        to[2] = static_cast<std::uint8_t>(pixel & image->blue_mask);
      }
    }
  }
  XDestroyImage(image);
  return out;
}

double share_of_pixels_differing(const RgbImage& a, const RgbImage& b) {
  if (a.width != b.width || a.height != b.height || a.rgb.empty()) return 1;
  // SDL's software and OpenGL renderers place edges up to a pixel apart and blend them a little
  // differently: a pixel matches when one within a pixel of it in the other picture is close in
  // colour. Another screen differs over whole words and panels.
  constexpr int kClose = 128;
  const auto at = [](const RgbImage& image, int x, int y) {
    return image.rgb.data() + (static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) + x) * 3;
  };
  std::size_t differing = 0;
  for (int y = 0; y < a.height; ++y) {
    for (int x = 0; x < a.width; ++x) {
      const std::uint8_t* pixel = at(a, x, y);
      bool matched = false;
      for (int dy = -1; dy <= 1 && !matched; ++dy) {
        for (int dx = -1; dx <= 1 && !matched; ++dx) {
          const int nx = x + dx, ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= b.width || ny >= b.height) continue;
          const std::uint8_t* other = at(b, nx, ny);
          int most = 0;
          for (int c = 0; c < 3; ++c) most = std::max(most, std::abs(int(pixel[c]) - int(other[c])));
          matched = most <= kClose;
        }
      }
      differing += matched ? 0 : 1;
    }
  }
  return static_cast<double>(differing) / (static_cast<double>(a.width) * static_cast<double>(a.height));
}

RgbImage left_part(const RgbImage& image, int width) {
  width = std::clamp(width, 0, image.width);
  RgbImage part{width, image.height, {}};
  for (int y = 0; y < image.height; ++y) {
    const auto row = image.rgb.begin() + static_cast<std::ptrdiff_t>(y) * image.width * 3;
    part.rgb.insert(part.rgb.end(), row, row + width * 3);
  }
  return part;
}

RgbImage read_png(const std::string& path) {
  int width = 0, height = 0, channels = 0;
  stbi_uc* pixels = stbi_load(path.c_str(), &width, &height, &channels, 3);
  if (!pixels) throw std::runtime_error("cannot read " + path);
  RgbImage image{width, height, std::vector<std::uint8_t>(pixels, pixels + width * height * 3)};
  stbi_image_free(pixels);
  return image;
}

void write_png(const RgbImage& image, const std::string& path) {
  if (!stbi_write_png(path.c_str(), image.width, image.height, 3, image.rgb.data(), image.width * 3))
    throw std::runtime_error("cannot write " + path);
}

}  // namespace peiling::bench
