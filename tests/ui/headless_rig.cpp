#include "headless_rig.hpp"

#include <SDL.h>
#include <gtest/gtest.h>

#include <filesystem>

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

std::optional<BundledKiosk> bundled_kiosk() {
  const std::filesystem::path assets(PEILING_ASSETS_DIR);
  auto pack = load_pack_file(assets / "packs" / "conference-2009-11-13.json");
  if (!pack) {
    ADD_FAILURE() << pack.errors().joined();
    return std::nullopt;
  }
  auto catalog = Catalog::load(assets / "i18n", pack->pack.languages);
  if (!catalog) {
    ADD_FAILURE() << catalog.errors().joined();
    return std::nullopt;
  }
  auto store = store::DeviceStore::open_in_memory();
  if (!store) {
    ADD_FAILURE() << store.error().message;
    return std::nullopt;
  }
  return BundledKiosk{std::move(pack.value()), std::move(catalog.value()), std::move(store.value())};
}

void run_in_process(ui::ScriptRunner& runner, const std::string& text, const std::string& origin) {
  auto script = ui::parse_script(text, origin);
  ASSERT_TRUE(script.ok()) << script.errors().joined();
  std::string error;
  EXPECT_TRUE(runner.run(script.value(), origin, error)) << error;
}

}  // namespace peiling::test
