#include "headless_rig.hpp"

#include <SDL.h>
#include <gtest/gtest.h>

#include "platform/paths.hpp"

namespace peiling::test {

HeadlessRig::HeadlessRig(platform::Size size, float scale) {
  std::string error;
  display_ = platform::Display::open({.headless = true, .size = size}, error);
  if (!display_) {
    ADD_FAILURE() << error;
    return;
  }
  if (!imgui_.init(*display_, {platform::font_file().string(), ui::font_ladder_pixels(scale)}, error)) {
    ADD_FAILURE() << error;
    return;
  }
  ok_ = true;
}

HeadlessRig::SdlShutdown::~SdlShutdown() {
  SDL_Quit();
}

}  // namespace peiling::test
