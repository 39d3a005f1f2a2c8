#pragma once
// Where frames go: a real window, or (headless) a software renderer drawing into a memory
// surface under SDL's dummy video driver, so tests and screenshots need no display.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct SDL_Renderer;
struct SDL_Window;

namespace platform {

struct Size {
  int width = 0;
  int height = 0;
};

struct DisplayOptions {
  bool headless = false;
  bool fullscreen = false;
  Size size{1280, 800};
  std::string title = "Peiling";
};

struct Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgba;  // width * height * 4 bytes, top row first
};

class Display {
 public:
  virtual ~Display();
  // Opens a window or a headless surface. On failure returns null and sets error to a message
  // for a person (for example: no display found, try --headless).
  static std::unique_ptr<Display> open(const DisplayOptions& options, std::string& error);

  virtual SDL_Renderer* renderer() = 0;
  virtual SDL_Window* window() = 0;  // null when headless
  // Whether a person sees every frame. A headless surface is only ever read by capture(), so
  // frames in between need no pixels.
  virtual bool shows_every_frame() const = 0;
  virtual Size pixel_size() const = 0;
  // Pixels per window coordinate: mouse events arrive in window coordinates.
  virtual float pixels_per_point() const = 0;
  // Reads back what has been rendered and not yet presented.
  virtual bool capture(Image& out, std::string& error) = 0;
  // Takes another size, as when a tablet is turned: a window asks the window system (which then
  // sends SDL_WINDOWEVENT_SIZE_CHANGED); a headless surface takes any size within the square of
  // the larger side it was opened with, and sends that event itself.
  virtual bool resize(Size size, std::string& error) = 0;
  virtual void present() = 0;
};

bool save_png(const Image& image, const std::string& path, std::string& error);

// Sizes are designed in logical pixels of 1/160 inch (Android's baseline density).
inline constexpr float kLogicalPixelsPerInch = 160.0f;

// Physical pixels per logical pixel, from the DPI SDL reports for the window's display: 1 when
// headless or when SDL cannot tell, and never below 0.75 (a monitor claiming 96 dpi or less
// would otherwise get text too small to read from a metre away).
float scale_from_dpi(Display& display);

}  // namespace platform
