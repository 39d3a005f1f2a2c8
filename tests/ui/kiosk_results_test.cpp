// The kiosk's Results screen in this process, so that responses can arrive while it is up: it
// rereads the store on its timer and shows them without a tap.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/catalog.hpp"
#include "core/pack.hpp"
#include "headless_rig.hpp"
#include "platform/main_loop.hpp"
#include "store/device_store.hpp"
#include "support/respondents.hpp"
#include "ui/kiosk_app.hpp"
#include "ui/script.hpp"

namespace peiling::test {
namespace {

TEST(KioskResultsLive, NewResponsesShowWithinTheRefreshWithoutATap) {
  HeadlessRig rig({1280, 800}, 1.0f);
  ASSERT_TRUE(rig.ok());
  const std::filesystem::path assets(PEILING_ASSETS_DIR);
  auto pack = load_pack_file(assets / "packs" / "conference-2009-11-13.json");
  ASSERT_TRUE(pack.ok());
  auto catalog = Catalog::load(assets / "i18n", pack->pack.languages);
  ASSERT_TRUE(catalog.ok());
  auto store = store::DeviceStore::open_in_memory();
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(store->remember_pack({pack->pack.id, pack->pack.version}, pack->bytes).ok());
  add_respondents(store.value(), pack->pack, 6, 0, 5);
  ui::KioskApp app(pack->pack, catalog.value(), store.value(), rig.clock(), rig.fonts(), {.language = "nl"});
  platform::MainLoop loop(rig.display(), rig.imgui(), rig.clock(), app);
  ui::ScriptRunner runner(loop, rig.display(), app.screen_index());
  const auto run = [&](const std::string& text) {
    auto script = ui::parse_script(text, "results");
    ASSERT_TRUE(script.ok()) << script.errors().joined();
    std::string error;
    EXPECT_TRUE(runner.run(script.value(), "results", error)) << error;
  };
  std::string pin;
  for (char digit : std::string("2009")) pin += std::string("tap \"pin.") + digit + "\"\n";
  pin += "tap \"pin.ok\"\n";
  run("drag 1276 4 1276 4 3500\n" + pin + pin + "tap \"admin.results\"\nexpect \"6 volledige reacties\"\n");

  // The screen sleeps until its next read, at most the refresh interval away.
  const auto wakeup = app.next_wakeup_ms(rig.clock().now_ms());
  ASSERT_TRUE(wakeup);
  EXPECT_LE(*wakeup - rig.clock().now_ms(), ui::KioskApp::kResultsRefreshMs);

  add_respondents(store.value(), pack->pack, 3, 0, 6);
  loop.run_for(ui::KioskApp::kResultsRefreshMs + 500);
  run("expect \"9 volledige reacties\"\nexpect \"Wat vindt de zaal?\"\n");
}

}  // namespace
}  // namespace peiling::test
