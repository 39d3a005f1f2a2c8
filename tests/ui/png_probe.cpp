#include "png_probe.hpp"

#include <stb/stb_image.h>

namespace peiling::test {

PngInfo probe_png(const std::string& path) {
  PngInfo info;
  int channels = 0;
  unsigned char* pixels = stbi_load(path.c_str(), &info.width, &info.height, &channels, 4);
  if (!pixels) return info;
  info.ok = true;
  for (int i = 0; i < info.width * info.height; ++i) {
    const unsigned char* p = pixels + i * 4;
    if (p[0] + p[1] + p[2] < 3 * 128) ++info.dark_pixels;
  }
  stbi_image_free(pixels);
  return info;
}

long png_pixel(const std::string& path, int x, int y) {
  int width = 0;
  int height = 0;
  int channels = 0;
  unsigned char* pixels = stbi_load(path.c_str(), &width, &height, &channels, 4);
  if (!pixels) return -1;
  long color = -1;
  if (x >= 0 && y >= 0 && x < width && y < height) {
    const unsigned char* p = pixels + (static_cast<long>(y) * width + x) * 4;
    color = (static_cast<long>(p[0]) << 16) | (static_cast<long>(p[1]) << 8) | p[2];
  }
  stbi_image_free(pixels);
  return color;
}

}  // namespace peiling::test
