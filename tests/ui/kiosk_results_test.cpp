// The kiosk's Results screen in this process, so that responses can arrive while it is up: it
// rereads the store on its timer and shows them without a tap.
#include <gtest/gtest.h>

#include <string>

#include "headless_rig.hpp"
#include "platform/main_loop.hpp"
#include "support/respondents.hpp"
#include "ui/kiosk_app.hpp"
#include "ui/script.hpp"

namespace peiling::test {
namespace {

TEST(KioskResultsLive, NewResponsesShowWithinTheRefreshWithoutATap) {
  HeadlessRig rig({1280, 800}, 1.0f);
  ASSERT_TRUE(rig.ok());
  auto kiosk = bundled_kiosk();
  ASSERT_TRUE(kiosk);
  const Pack& pack = kiosk->pack.pack;
  store::DeviceStore& store = kiosk->store;
  ASSERT_TRUE(store.remember_pack({pack.id, pack.version}, kiosk->pack.bytes).ok());
  add_respondents(store, pack, 6, 0, 5);
  ui::KioskApp app(pack, kiosk->catalog, store, rig.clock(), rig.fonts(), {.language = "nl"});
  platform::MainLoop loop(rig.display(), rig.imgui(), rig.clock(), app);
  ui::ScriptRunner runner(loop, rig.display(), app.screen_index());
  const auto run = [&](const std::string& text) { run_in_process(runner, text, "results"); };
  std::string pin;
  for (char digit : std::string("2009")) pin += std::string("tap \"pin.") + digit + "\"\n";
  pin += "tap \"pin.ok\"\n";
  run("drag 1276 4 1276 4 3500\n" + pin + pin + "tap \"admin.results\"\nexpect \"6 volledige reacties\"\n");

  // The screen sleeps until its next read, at most the refresh interval away.
  const auto wakeup = app.next_wakeup_ms(rig.clock().now_ms());
  ASSERT_TRUE(wakeup);
  EXPECT_LE(*wakeup - rig.clock().now_ms(), ui::AdminController::kResultsRefreshMs);

  add_respondents(store, pack, 3, 0, 6);
  loop.run_for(ui::AdminController::kResultsRefreshMs + 500);
  run("expect \"9 volledige reacties\"\nexpect \"Wat vindt de zaal?\"\n");
}

}  // namespace
}  // namespace peiling::test
