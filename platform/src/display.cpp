#include "platform/display.hpp"

#include <SDL.h>
#include <stb/stb_image_write.h>
#include <sys/mman.h>

#include <algorithm>
#include <cstdlib>

namespace platform {

namespace {

// Why no window can open, for a person: the display that is named but does not answer, or that
// none is named.
std::string no_display_message() {
  constexpr const char* kAdvice = "Run it on a desktop, under Xvfb, or try --headless.";
  const char* x11 = SDL_getenv("DISPLAY");
  const char* wayland = SDL_getenv("WAYLAND_DISPLAY");
  if (x11 && *x11) {
    return std::string("cannot connect to display ") + x11 +
           " (is its X server running, and may this user connect to it?). " + kAdvice;
  }
  if (wayland && *wayland) {
    return std::string("cannot connect to the Wayland display ") + wayland + ". " + kAdvice;
  }
  return std::string("no display found (DISPLAY and WAYLAND_DISPLAY are not set). ") + kAdvice;
}

bool init_video(bool headless, std::string& error) {
  if (headless) SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
  // Touch screens: we handle both finger and mouse events ourselves (see imgui_runtime.cpp).
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  // SIGTERM and SIGINT end the process as usual rather than becoming SDL_QUIT, which a kiosk
  // ignores; every acknowledged answer is already committed, so nothing is lost.
  SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    error = headless ? std::string("cannot start SDL's dummy video driver: ") + SDL_GetError()
                     : no_display_message();
    return false;
  }
  // With no X11, Wayland or KMS display to connect to, SDL falls back to drivers that show
  // nothing. Unless the user asked for one of those by name, that means there is no display.
  const std::string driver = SDL_GetCurrentVideoDriver();
  const bool invisible = driver == "offscreen" || driver == "dummy";
  if (!headless && invisible && !SDL_getenv("SDL_VIDEODRIVER")) {
    SDL_Quit();
    error = no_display_message();
    return false;
  }
  return true;
}

// Reads the top-left size of what the renderer drew.
bool read_pixels(SDL_Renderer* renderer, Size size, Image& out, std::string& error) {
  out.width = size.width;
  out.height = size.height;
  out.rgba.resize(static_cast<std::size_t>(size.width) * static_cast<std::size_t>(size.height) * 4);
  const SDL_Rect area{0, 0, size.width, size.height};
  if (SDL_RenderReadPixels(renderer, &area, SDL_PIXELFORMAT_ABGR8888, out.rgba.data(), size.width * 4) != 0) {
    error = std::string("cannot read pixels: ") + SDL_GetError();
    return false;
  }
  return true;
}

class WindowDisplay final : public Display {
 public:
  WindowDisplay(SDL_Window* window, SDL_Renderer* renderer) : window_(window), renderer_(renderer) {}
  ~WindowDisplay() override {
    SDL_DestroyRenderer(renderer_);
    SDL_DestroyWindow(window_);
  }
  SDL_Renderer* renderer() override { return renderer_; }
  SDL_Window* window() override { return window_; }
  bool shows_every_frame() const override { return true; }
  Size pixel_size() const override {
    Size size;
    SDL_GetRendererOutputSize(renderer_, &size.width, &size.height);
    return size;
  }
  float pixels_per_point() const override {
    int window_width = 0;
    int window_height = 0;
    SDL_GetWindowSize(window_, &window_width, &window_height);
    return window_width > 0 ? static_cast<float>(pixel_size().width) / static_cast<float>(window_width)
                            : 1.0f;
  }
  bool capture(Image& out, std::string& error) override {
    return read_pixels(renderer_, pixel_size(), out, error);
  }
  bool resize(Size size, std::string&) override {
    const float ppp = pixels_per_point();
    SDL_SetWindowSize(window_, static_cast<int>(static_cast<float>(size.width) / ppp),
                      static_cast<int>(static_cast<float>(size.height) / ppp));
    return true;
  }
  void present() override { SDL_RenderPresent(renderer_); }

 private:
  SDL_Window* window_;
  SDL_Renderer* renderer_;
};

// The pixels of a headless surface: fresh pages from the kernel, which are zero already and cost
// nothing until drawn on (SDL_CreateRGBSurfaceWithFormat would clear them all, though a screen
// uses only part of the square). They are asked for as transparent huge pages: the first frame
// touches every pixel of the screen, and at 4 KiB a page that was a thousand page faults, about
// a tenth of start-up on the 2-core test machine. Where the kernel has no huge page to give, the
// pages are ordinary ones.
class Pixels {
 public:
  // Whole huge pages, which Linux also places on a huge page's boundary.
  explicit Pixels(std::size_t bytes) : bytes_((bytes + kHugePage - 1) / kHugePage * kHugePage) {
    void* mapped = mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) return;
    data_ = mapped;
    madvise(data_, bytes_, MADV_HUGEPAGE);
  }
  ~Pixels() {
    if (data_) munmap(data_, bytes_);
  }
  Pixels(const Pixels&) = delete;
  Pixels& operator=(const Pixels&) = delete;
  void* get() const { return data_; }
  explicit operator bool() const { return data_ != nullptr; }

 private:
  static constexpr std::size_t kHugePage = 2 << 20;
  std::size_t bytes_;
  void* data_ = nullptr;
};

class HeadlessDisplay final : public Display {
 public:
  HeadlessDisplay(std::unique_ptr<Pixels> pixels, SDL_Surface* surface, SDL_Renderer* renderer, Size size)
      : pixels_(std::move(pixels)), surface_(surface), renderer_(renderer), size_(size) {}
  ~HeadlessDisplay() override {
    SDL_DestroyRenderer(renderer_);
    SDL_FreeSurface(surface_);
  }
  SDL_Renderer* renderer() override { return renderer_; }
  SDL_Window* window() override { return nullptr; }
  bool shows_every_frame() const override { return false; }
  Size pixel_size() const override { return size_; }
  float pixels_per_point() const override { return 1.0f; }
  bool capture(Image& out, std::string& error) override {
    return read_pixels(renderer_, pixel_size(), out, error);
  }
  bool resize(Size size, std::string& error) override {
    if (size.width < 64 || size.height < 64 || size.width > surface_->w || size.height > surface_->h) {
      error = "a headless screen opened at " + std::to_string(surface_->w) +
              " pixels square takes sizes from 64 up to that";
      return false;
    }
    size_ = size;
    SDL_Event event{};
    event.type = SDL_WINDOWEVENT;
    event.window.event = SDL_WINDOWEVENT_SIZE_CHANGED;
    event.window.data1 = size.width;
    event.window.data2 = size.height;
    SDL_PushEvent(&event);
    return true;
  }
  // The surface is the frame; there is nothing to flip.
  void present() override {}

 private:
  std::unique_ptr<Pixels> pixels_;  // outlives the surface that draws on it
  SDL_Surface* surface_;            // square, so that the screen can turn
  SDL_Renderer* renderer_;
  Size size_;  // the part of the surface that is the screen
};

}  // namespace

Display::~Display() = default;

std::unique_ptr<Display> Display::open(const DisplayOptions& options, std::string& error) {
  if (options.size.width < 64 || options.size.height < 64 || options.size.width > 16384 ||
      options.size.height > 16384) {
    error = "window size " + std::to_string(options.size.width) + "x" + std::to_string(options.size.height) +
            " is out of range (64 to 16384 pixels a side)";
    return nullptr;
  }
  if (!init_video(options.headless, error)) return nullptr;

  if (options.headless) {
    const int side = std::max(options.size.width, options.size.height);
    constexpr int kBytesPerPixel = 4;
    auto pixels = std::make_unique<Pixels>(static_cast<std::size_t>(side) * static_cast<std::size_t>(side) *
                                           kBytesPerPixel);
    SDL_Surface* surface =
        *pixels ? SDL_CreateRGBSurfaceWithFormatFrom(pixels->get(), side, side, 32, side * kBytesPerPixel,
                                                     SDL_PIXELFORMAT_ARGB8888)
                : nullptr;
    SDL_Renderer* renderer = surface ? SDL_CreateSoftwareRenderer(surface) : nullptr;
    if (!renderer) {
      error =
          std::string("cannot create the headless renderer: ") + (*pixels ? SDL_GetError() : "out of memory");
      if (surface) SDL_FreeSurface(surface);
      return nullptr;
    }
    return std::make_unique<HeadlessDisplay>(std::move(pixels), surface, renderer, options.size);
  }

  Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
  if (options.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  SDL_Window* window = SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                        options.size.width, options.size.height, flags);
  if (!window) {
    error = std::string("no display found: cannot open a window (") + SDL_GetError() + "). Try --headless.";
    return nullptr;
  }
  SDL_Renderer* renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_PRESENTVSYNC);
  if (!renderer) renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
  if (!renderer) {
    error = std::string("cannot create a renderer: ") + SDL_GetError();
    SDL_DestroyWindow(window);
    return nullptr;
  }
  return std::make_unique<WindowDisplay>(window, renderer);
}

float scale_from_dpi(Display& display) {
  constexpr float kMinScale = 0.75f;
  constexpr float kMaxScale = 4.0f;
  SDL_Window* window = display.window();
  float diagonal_dpi = 0;
  if (!window || SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(window), &diagonal_dpi, nullptr, nullptr) != 0 ||
      diagonal_dpi <= 0) {
    return 1.0f;
  }
  return std::clamp(diagonal_dpi / kLogicalPixelsPerInch, kMinScale, kMaxScale);
}

bool save_png(const Image& image, const std::string& path, std::string& error) {
  if (image.width <= 0 || image.height <= 0) {
    error = "nothing rendered to save";
    return false;
  }
  if (!stbi_write_png(path.c_str(), image.width, image.height, 4, image.rgba.data(), image.width * 4)) {
    error = "cannot write PNG to " + path;
    return false;
  }
  return true;
}

}  // namespace platform
