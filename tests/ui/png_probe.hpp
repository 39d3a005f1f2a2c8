#pragma once
// Reads a PNG the app wrote, to check its size and that something was drawn.
#include <string>

namespace peiling::test {

struct PngInfo {
  bool ok = false;
  int width = 0;
  int height = 0;
  int dark_pixels = 0;  // pixels much darker than the background: text and button fills
};

PngInfo probe_png(const std::string& path);

// The colour at one pixel as 0xRRGGBB, or -1 when the file cannot be read or (x, y) is outside.
long png_pixel(const std::string& path, int x, int y);

}  // namespace peiling::test
