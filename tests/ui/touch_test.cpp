// Touch on the real screens: finger events as SDL delivers them (with the mouse events it
// synthesizes), driven by `peiling --script`, and the idle behaviour of a flicked screen.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "core/catalog.hpp"
#include "core/pack.hpp"
#include "headless_rig.hpp"
#include "platform/main_loop.hpp"
#include "png_probe.hpp"
#include "script_run.hpp"
#include "store/device_store.hpp"
#include "ui/kiosk_app.hpp"
#include "ui/script.hpp"

namespace peiling::test {
namespace {

// 600x900 at scale 2 with text size A++: Welcome is three screens tall.
const std::vector<std::string> kSmallScreen{"--size", "600x900", "--scale", "2"};
// (At this size text size and contrast are behind the compact bar's "Aa".)
const std::string kTallWelcome = "finger_tap \"view.menu\"\nfinger_tap \"view.text.a_plus_plus\"\n";
const std::string kFlickUp = "finger_drag 300 850 300 600 80\n";

std::string at(float x, float y) {
  return std::to_string(std::lround(x)) + " " + std::to_string(std::lround(y));
}

PrintedRect measure_once(const std::string& dir, const std::string& text,
                         std::vector<std::string> extra = {}) {
  const auto result = run_script(dir, "measure \"" + text + "\"\n", std::move(extra));
  const auto rects = printed_rects(result.output);
  EXPECT_EQ(rects.size(), 1u) << result.output;
  return rects.empty() ? PrintedRect{} : rects.front();
}

// After reach, flicks and measures text at the lift, 100 ms and 400 ms later, and twice once it
// has settled: it goes on moving after the finger lifts, and then friction stops it.
void expect_flick_coasts(const std::string& name, const std::string& reach, const std::string& flick,
                         const std::string& text, const std::vector<std::string>& args) {
  const auto dir = scratch_dir(name);
  const std::string measure = "measure \"" + text + "\"\n";
  const auto result = run_script(dir,
                                 reach + flick + measure + "wait 100\n" + measure + "wait 300\n" + measure +
                                     "wait 5000\n" + measure + "wait 1000\n" + measure,
                                 args);
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const auto rects = printed_rects(result.output);
  ASSERT_EQ(rects.size(), 5u) << result.output;
  // The visible part of the text: the edges of its window clip its top or bottom as it moves up.
  const auto moved_up = [](const PrintedRect& before, const PrintedRect& after) {
    return after.y0 < before.y0 || after.y1 < before.y1;
  };
  EXPECT_TRUE(moved_up(rects[0], rects[1])) << "still moving 100 ms after the lift";
  EXPECT_TRUE(moved_up(rects[1], rects[2])) << "still moving 400 ms after the lift";
  EXPECT_EQ(rects[3].y0, rects[4].y0) << "friction has stopped it";
  EXPECT_EQ(rects[3].y1, rects[4].y1) << "friction has stopped it";
}

TEST(TouchScroll, AFlickScrollsAndTheContentKeepsMovingAfterTheFingerLifts) {
  // A gentler flick than kFlickUp: with the compact top bar the title is nearer the top, and a
  // hard flick carries it off the screen before friction stops it (more so since the bar keeps
  // A's size at A++, and the texts scroll above Begin).
  expect_flick_coasts("flick_coasts", kTallWelcome, "finger_drag 300 850 300 760 80\n", "Werkconferentie",
                      kSmallScreen);
}

TEST(TouchScroll, AFlickScrollsTheVignette) {
  expect_flick_coasts("flick_vignette",
                      "tap \"welcome.begin\"\ntap \"role.skip\"\ntap \"view.text.a_plus_plus\"\n",
                      "finger_drag 400 700 400 550 60\n", "Dit is het gezin", {"--scale", "1.5"});
}

TEST(TouchScroll, AFlickScrollsTheListOfPointsToChooseFrom) {
  std::string reach = "tap \"welcome.begin\"\ntap \"role.skip\"\ntap \"vignette.skip\"\n";
  const std::size_t pages = 12 + bundled_missed_opportunities();
  for (std::size_t page = 0; page < pages; ++page) reach += "tap \"nav.next\"\n";
  // A list this long starts with its themes closed: the first one opened.
  reach += "expect \"Welke drie punten\"\ntap \"top.theme.complex-reality\"\n";
  // A gentle flick: the list is short, and the point must stay in view to be measured.
  const std::string flick = "finger_drag 640 600 640 560 100\n";
  expect_flick_coasts("flick_top_list", reach, flick, "Betere onderlinge afstemming", {"--seed", "13"});
}

TEST(TouchScroll, FlicksStopAtBothEdges) {
  const auto dir = scratch_dir("flick_edges");
  const std::string flick_up_and_settle = kFlickUp + "wait 3000\n";
  const std::string flick_down_and_settle = "finger_drag 300 100 300 850 80\nwait 3000\n";
  std::string script = kTallWelcome + "measure \"English\"\n";
  for (int i = 0; i < 6; ++i) script += flick_up_and_settle;
  script += "measure \"Anoniem\"\n" + flick_up_and_settle + "measure \"Anoniem\"\n";
  for (int i = 0; i < 8; ++i) script += flick_down_and_settle;
  script += "measure \"English\"\n";
  const auto result = run_script(dir, script, kSmallScreen);
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const auto rects = printed_rects(result.output);
  ASSERT_EQ(rects.size(), 4u) << result.output;
  EXPECT_LE(rects[1].y1, 900.0f) << "the last text is fully on screen at the bottom edge";
  EXPECT_EQ(rects[2].y1, rects[1].y1) << "a flick at the bottom edge moves nothing";
  EXPECT_EQ(rects[3].y0, rects[0].y0) << "flicked back to the top, exactly where it started";
}

TEST(TouchTap, ADragThatStartsOnAButtonDoesNotPressIt) {
  const auto dir = scratch_dir("drag_on_button");
  const PrintedRect english = measure_once(dir, "English");
  const float y = (english.y0 + english.y1) / 2;
  // Both ends on the button: ImGui alone would press it on release.
  const std::string across = at(english.x0 + 10, y) + " " + at(english.x1 - 10, y);
  const auto result = run_script(dir, "finger_drag " + across +
                                          " 200\n"
                                          "expect \"Werkconferentie\"\n"
                                          "drag " +
                                          across +
                                          " 200\n"
                                          "expect \"Werkconferentie\"\n"
                                          "expect_not \"Work conference\"\n");
  EXPECT_EQ(result.exit_code, 0) << result.output;
}

TEST(TouchTap, MovingLessThanTenPixelsIsStillATap) {
  const auto dir = scratch_dir("jittery_tap");
  const PrintedRect english = measure_once(dir, "English");
  const float x = (english.x0 + english.x1) / 2;
  const float y = (english.y0 + english.y1) / 2;
  const auto result = run_script(
      dir, "finger_drag " + at(x - 4, y) + " " + at(x + 4, y + 3) + " 150\nexpect \"Work conference\"\n");
  EXPECT_EQ(result.exit_code, 0) << result.output;
}

TEST(TouchTap, AFingerTapPressesOnceAndLeavesNothingHovered) {
  const auto dir = scratch_dir("finger_tap");
  const PrintedRect english = measure_once(dir, "English");
  const int probe_x = static_cast<int>((english.x0 + english.x1) / 2);
  const int probe_y = static_cast<int>(english.y0) + 6;  // inside the outline, above the label
  const auto result = run_script(dir,
                                 "finger_tap \"English\"\n"
                                 "expect \"Work conference\"\n"
                                 "screenshot after-finger.png\n"
                                 "tap \"Nederlands\"\n"
                                 "tap \"English\"\n"
                                 "screenshot after-mouse.png\n"
                                 "finger_tap \"view.contrast\"\n"
                                 "screenshot contrast.png\n");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(png_pixel(dir + "/after-finger.png", probe_x, probe_y), 0x1D4E89) << "selected, not hovered";
  EXPECT_EQ(png_pixel(dir + "/after-mouse.png", probe_x, probe_y), 0x255FA3) << "a mouse stays and hovers";
  EXPECT_GT(probe_png(dir + "/contrast.png").dark_pixels, 1280 * 800 * 8 / 10) << "toggled once, not twice";
}

TEST(TouchScroll, RedrawsEveryFrameWhileCoastingAndNotAtAllOnceStill) {
  HeadlessRig rig({600, 900}, 2.0f);
  ASSERT_TRUE(rig.ok());
  auto kiosk = bundled_kiosk();
  ASSERT_TRUE(kiosk);
  ui::KioskApp app(kiosk->pack.pack, kiosk->catalog, kiosk->store, rig.clock(), rig.fonts(),
                   {.language = "nl"}, {.scale = 2.0f});
  platform::MainLoop loop(rig.display(), rig.imgui(), rig.clock(), app);
  ui::ScriptRunner runner(loop, rig.display(), app.screen_index());
  auto script = ui::parse_script(kTallWelcome + kFlickUp, "flick");
  ASSERT_TRUE(script.ok());
  std::string error;
  ASSERT_TRUE(runner.run(script.value(), "flick", error)) << error;

  EXPECT_TRUE(app.is_animating());
  std::uint64_t frames = loop.frames_rendered();
  loop.run_for(160);
  EXPECT_GE(loop.frames_rendered() - frames, 9u) << "about one frame per 16 ms while coasting";

  loop.run_for(5000);
  EXPECT_FALSE(app.is_animating());
  EXPECT_FALSE(app.next_wakeup_ms(rig.clock().now_ms()));
  frames = loop.frames_rendered();
  loop.run_for(60000);
  EXPECT_LE(loop.frames_rendered() - frames, 1u) << "a still screen sleeps until the next event";
}

}  // namespace
}  // namespace peiling::test
