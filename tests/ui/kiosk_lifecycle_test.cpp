// The pack's life on the kiosk (issue 17), in this process so that the hub's word can arrive in
// the middle of a response, as a sync brings it: a kiosk on a closing pack finishes the response
// under way, then shows the closed screen instead of Welcome; a tablet finishes its draft until the
// pack is closed. Screenshots of both orientations go to the scratch folder, to look at.
#include <gtest/gtest.h>

#include <string>

#include "headless_rig.hpp"
#include "platform/main_loop.hpp"
#include "script_run.hpp"
#include "support/process.hpp"
#include "ui/kiosk_app.hpp"
#include "ui/script.hpp"

namespace peiling::test {
namespace {

// The rest of one respondent's way, from the first point to Thanks and back.
std::string rest_of_response() {
  std::string script;
  const std::size_t pages = 12 + bundled_missed_opportunities() + 2;
  for (std::size_t page = 0; page < pages; ++page) script += "tap \"nav.next\"\n";
  return script + "tap \"review.send\"\nexpect \"Dank u wel!\"\ntap_at 10 10\n";
}

// What a sync does when it learns something: the store has it, then the worker wakes the loop.
void hub_says(store::DeviceStore& store, const Pack& pack, PackLifecycle lifecycle) {
  ASSERT_TRUE(store.learn_pack_status({pack.id, pack.version}, lifecycle, store.now()).ok());
  SDL_Event wake{};
  wake.type = SDL_USEREVENT;
  ASSERT_EQ(SDL_PushEvent(&wake), 1);
}

struct Orientation {
  platform::Size size;
  std::string name;
};

class KioskLifecycle : public ::testing::TestWithParam<Orientation> {};

TEST_P(KioskLifecycle, AClosingPackFinishesTheResponseUnderWayThenShowsTheClosedScreen) {
  const Orientation& view = GetParam();
  const std::string shots = scratch_dir("kiosk_closing_" + view.name);
  HeadlessRig rig(view.size, 1.0f);
  ASSERT_TRUE(rig.ok());
  auto kiosk = bundled_kiosk();
  ASSERT_TRUE(kiosk);
  const Pack& pack = kiosk->pack.pack;
  store::DeviceStore& store = kiosk->store;
  ASSERT_TRUE(store.remember_pack({pack.id, pack.version}, kiosk->pack.bytes).ok());
  ui::KioskApp app(pack, kiosk->catalog, store, rig.clock(), rig.fonts(), {.language = "nl"});
  platform::MainLoop loop(rig.display(), rig.imgui(), rig.clock(), app);
  ui::ScriptRunner runner(loop, rig.display(), app.screen_index());
  const auto run = [&](const std::string& text) { run_in_process(runner, text, "closing"); };

  run("tap \"welcome.begin\"\ntap \"role.skip\"\ntap \"vignette.skip\"\n");
  hub_says(store, pack, {PackState::closing, std::nullopt, false});
  loop.run_for(100);
  run("expect \"Punt 1 van 12\"\n");  // the respondent is not cut short
  run(rest_of_response() +
      "expect \"Deze peiling is gesloten, dank u wel\"\nexpect_not \"Begin\"\nscreenshot " + shots +
      "/closed-nl.png\n");
  auto counts = store.counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->complete, 1) << "the response under way was finished and kept";
  EXPECT_EQ(counts->in_progress, 0) << "and no other began";

  // A tap where Begin was starts nothing; the operator still reaches the panel.
  run("tap_at " + std::to_string(view.size.width / 2) + " " + std::to_string(view.size.height / 2) +
      "\nexpect \"Deze peiling is gesloten\"\n");
  counts = store.counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->in_progress, 0);
  run("tap \"English\"\nexpect \"This survey has closed, thank you\"\nscreenshot " + shots +
      "/closed-en.png\n");
  run("drag " + std::to_string(view.size.width - 4) + " 4 " + std::to_string(view.size.width - 4) +
      " 4 3500\nexpect \"PIN\"\n");
}

TEST_P(KioskLifecycle, ARehearsalPackShowsItsBandOnEveryScreenAndItsResponsesAreFlagged) {
  const Orientation& view = GetParam();
  const std::string shots = scratch_dir("kiosk_rehearsal_" + view.name);
  HeadlessRig rig(view.size, 1.0f);
  ASSERT_TRUE(rig.ok());
  auto kiosk = bundled_kiosk();
  ASSERT_TRUE(kiosk);
  const Pack& pack = kiosk->pack.pack;
  store::DeviceStore& store = kiosk->store;
  ASSERT_TRUE(store.remember_pack({pack.id, pack.version}, kiosk->pack.bytes).ok());
  ASSERT_TRUE(
      store.learn_pack_status({pack.id, pack.version}, {PackState::open, std::nullopt, true}, 1).ok());
  ui::KioskApp app(pack, kiosk->catalog, store, rig.clock(), rig.fonts(), {.language = "nl"});
  platform::MainLoop loop(rig.display(), rig.imgui(), rig.clock(), app);
  ui::ScriptRunner runner(loop, rig.display(), app.screen_index());
  const auto run = [&](const std::string& text) { run_in_process(runner, text, "rehearsal"); };
  const std::string band = "expect \"PROEF / REHEARSAL\"\n";
  run(band + "screenshot " + shots + "/welcome.png\ntap \"welcome.begin\"\n" + band + "tap \"role.skip\"\n" +
      "tap \"vignette.skip\"\n" + band + "screenshot " + shots + "/point.png\n");
  std::string rest = rest_of_response();
  rest.insert(rest.find("tap_at"), band + "screenshot " + shots + "/thanks.png\n");
  run(rest + band + "tap \"English\"\nexpect \"REHEARSAL / PROEF\"\n");
  run("drag " + std::to_string(view.size.width - 4) + " 4 " + std::to_string(view.size.width - 4) +
      " 4 3500\nexpect \"REHEARSAL / PROEF\"\nscreenshot " + shots + "/admin-pin.png\n");
  auto finished = store.survey_data(pack.id);
  ASSERT_TRUE(finished.ok());
  ASSERT_EQ(finished->responses.size(), 1u);
  auto response = store.response(finished->responses.front().id);
  ASSERT_TRUE(response.ok());
  EXPECT_TRUE(response->rehearsal) << "the batch will tell the hub";
}

INSTANTIATE_TEST_SUITE_P(BothOrientations, KioskLifecycle,
                         ::testing::Values(Orientation{{1280, 800}, "landscape"},
                                           Orientation{{800, 1280}, "portrait"}),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace peiling::test
