#pragma once
// An X server (Xvfb) of the benchmark's own, and a connection to it that finds a program's
// window, drives it with input from outside the program through the XTest extension (as
// xdotool does), and reads back what the window shows.
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "child_process.hpp"

namespace peiling::bench {

using XWindow = unsigned long;  // an X window id

struct RgbImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgb;  // width * height * 3, top row first

  bool operator==(const RgbImage&) const = default;
};

class XServer {
 public:
  // Starts Xvfb on a free display with one screen of width x height and waits until it accepts
  // a connection (Xvfb names its display before it listens). Throws std::runtime_error when it
  // does not start or accept within a few seconds.
  XServer(int width, int height);
  ~XServer();
  XServer(const XServer&) = delete;
  XServer& operator=(const XServer&) = delete;

  const std::string& display() const { return display_; }  // ":N", for DISPLAY

  // The top-level window of process pid, once it is mapped. Throws when none appears in time.
  XWindow window_of(pid_t pid, std::chrono::milliseconds timeout);
  // Pointer and button 1 through XTest, at a point of window in its own pixels.
  void move_pointer(XWindow window, int x, int y);
  void button(bool pressed);
  // What the window shows; nothing when it has gone (SDL replaces its first window when it
  // creates an OpenGL renderer).
  std::optional<RgbImage> capture(XWindow window);

 private:
  struct Connection;
  std::optional<ChildProcess> xvfb_;
  std::string display_;
  std::unique_ptr<Connection> connection_;  // closed before xvfb_ ends
};

// Whether two pictures show the same screen: the share of pixels that differ clearly (by more
// than a rendering difference between SDL's renderers); 1 when the sizes differ.
double share_of_pixels_differing(const RgbImage& a, const RgbImage& b);

// The leftmost width columns of image.
RgbImage left_part(const RgbImage& image, int width);

// Reads a PNG (the kiosk's --screenshot); throws when it cannot.
RgbImage read_png(const std::string& path);
void write_png(const RgbImage& image, const std::string& path);

}  // namespace peiling::bench
