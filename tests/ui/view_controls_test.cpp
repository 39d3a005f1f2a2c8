// The text size and contrast control, and touch-sized buttons on a small screen, through the
// real Welcome screen driven by `peiling --script`.
#include <gtest/gtest.h>

#include <set>

#include "png_probe.hpp"
#include "script_run.hpp"

namespace peiling::test {
namespace {

// 9 mm at 160 dpi, in logical pixels (kMinTargetLogicalPx in app/ui/widgets.hpp).
constexpr float kMinTargetLogicalPx = 57.0f;

TEST(ViewControls, EachTextSizeStepMakesTextAndButtonsLargerAndABringsThemBack) {
  const auto dir = scratch_dir("text_sizes");
  const std::string measure_both = "measure \"Werkconferentie\"\nmeasure \"English\"\n";
  const auto result = run_script(dir, measure_both + "tap \"view.text.a_plus\"\n" + measure_both +
                                          "tap \"view.text.a_plus_plus\"\n" + measure_both +
                                          "tap \"view.text.a\"\n" + measure_both);
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const auto rects = printed_rects(result.output);
  ASSERT_EQ(rects.size(), 8u) << result.output;
  for (std::size_t item = 0; item < 2; ++item) {
    const auto& a = rects[item];
    const auto& a_plus = rects[2 + item];
    const auto& a_plus_plus = rects[4 + item];
    const auto& a_again = rects[6 + item];
    EXPECT_LT(a.height(), a_plus.height()) << a.label;
    EXPECT_LT(a_plus.height(), a_plus_plus.height()) << a.label;
    EXPECT_EQ(a_again.height(), a.height()) << a.label;
  }
}

TEST(ViewControls, ContrastSwitchTurnsTheScreenDarkAndBack) {
  const auto dir = scratch_dir("contrast_switch");
  const auto result = run_script(dir,
                                 "screenshot standard.png\n"
                                 "tap \"view.contrast\"\n"
                                 "screenshot high.png\n"
                                 "tap \"view.contrast\"\n"
                                 "screenshot standard-again.png\n");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const int all_pixels = 1280 * 800;
  EXPECT_LT(probe_png(dir + "/standard.png").dark_pixels, all_pixels / 10);
  EXPECT_GT(probe_png(dir + "/high.png").dark_pixels, all_pixels * 8 / 10);
  EXPECT_EQ(probe_png(dir + "/standard-again.png").dark_pixels, probe_png(dir + "/standard.png").dark_pixels);
}

// 600x900 pixels at scale 2 is a screen of 300x450 logical pixels, smaller than any phone: the
// control and the language switch wrap onto several lines, and no button shrinks. What does not
// fit below is reached by dragging the screen up.
// The ids of the buttons seen whole in list_widgets output; checks every button on the way: on
// screen across and never narrower than 9 mm. A button cut by the edge of the screen or of a
// scrolling page counts once it has been seen whole.
std::set<std::string> buttons_seen_whole(const std::vector<PrintedRect>& widgets, float min_side,
                                         float width) {
  std::set<std::string> seen_whole;
  for (const auto& widget : widgets) {
    EXPECT_GE(widget.x0, 0) << widget.id;
    EXPECT_LE(widget.x1, width) << widget.id;
    EXPECT_GE(widget.width(), min_side) << widget.id;
    if (widget.height() >= min_side) seen_whole.insert(widget.id);
  }
  return seen_whole;
}

TEST(TouchTargets, OnASmallScreenAtScaleTwoEveryButtonIsFullSizeAndReachable) {
  // The compact bar: text size and contrast behind "Aa", and the way to the other language.
  const std::set<std::string> all_buttons{"view.menu", "language.en"};
  const std::vector<std::string> small_screen{"--size", "600x900", "--scale", "2"};
  const float min_side = kMinTargetLogicalPx * 2;
  const auto dir = scratch_dir("small_screen_targets");

  const auto at_a = run_script(dir, "list_widgets\nscreenshot small-a.png\n", small_screen);
  ASSERT_EQ(at_a.exit_code, 0) << at_a.output;
  // At A, Begin too: it stays put below the texts, which scroll (issue 18).
  std::set<std::string> with_begin = all_buttons;
  with_begin.insert("welcome.begin");
  EXPECT_EQ(buttons_seen_whole(printed_rects(at_a.output), min_side, 600), with_begin)
      << "at text size A, all on the first screen";

  const auto at_a_plus_plus = run_script(dir,
                                         "tap \"view.menu\"\ntap \"view.text.a_plus_plus\"\n"
                                         "list_widgets\n"
                                         "screenshot small-a-plus-plus.png\n"
                                         "finger_drag 300 850 300 100 1500\n"
                                         "wait 3000\n"
                                         "list_widgets\n"
                                         "screenshot small-a-plus-plus-scrolled.png\n",
                                         small_screen);
  ASSERT_EQ(at_a_plus_plus.exit_code, 0) << at_a_plus_plus.output;
  // At A++ as well: the bar keeps A's size, which leaves the texts room to scroll above Begin.
  EXPECT_EQ(buttons_seen_whole(printed_rects(at_a_plus_plus.output), min_side, 600), with_begin)
      << "at A++, Begin too shows whole before the screen is dragged";
}

// Every screen of a response and of the admin, on a screen so tall that nothing scrolls, and
// then at 600x900 and scale 2. Each screen's buttons are listed after a `measure` line that marks
// where the screen starts; on the small screen the body is dragged up step by step to its end,
// where the way on is.
struct ScreenTour {
  std::string script;
  int screens = 0;
};

// list_buttons lists a screen's buttons; reach_start and reach_end bring the start and the end
// of a screen into view.
ScreenTour tour_of_every_screen(int width, const std::string& list_buttons, const std::string& reach_start,
                                const std::string& reach_end) {
  const std::string hold_corner =
      "drag " + std::to_string(width - 4) + " 4 " + std::to_string(width - 4) + " 4 3500\n";
  const std::string pin = reach_start + "tap \"pin.2\"\n" + reach_end +
                          "tap \"pin.0\"\ntap \"pin.0\"\ntap \"pin.9\"\ntap \"pin.ok\"\n";
  const auto next_times = [&](int times) {
    std::string script;
    for (int i = 0; i < times; ++i) script += reach_end + "tap \"nav.next\"\n";
    return script;
  };
  // Each screen: a text that shows it is there, then the way on to the next.
  const std::vector<std::pair<std::string, std::string>> screens{
      {"Werkconferentie", "tap \"welcome.begin\"\n"},
      {"Wat is uw rol", "tap \"role.skip\"\n"},
      {"Scène 1 van", "tap \"vignette.skip\"\n"},
      {"Punt 1 van", next_times(12)},
      {"Gemiste kans 1 van", next_times(static_cast<int>(bundled_missed_opportunities()))},
      {"Welke drie punten", next_times(1)},
      {"Wat kan ik doen", next_times(1)},
      // Thanks has no buttons: a tap brings Welcome back, and holding its corner the PIN pad.
      {"Klaar om te versturen", "tap \"review.send\"\nexpect \"Dank u wel\"\ntap_at 10 10\n" + hold_corner},
      {"Kies een beheerderspincode", pin + pin},
      {"Beheer", ""},
  };
  ScreenTour tour;
  for (const auto& [marker, way_on] : screens) {
    tour.script += "measure \"" + marker + "\"\n" + list_buttons + way_on;
    ++tour.screens;
  }
  return tour;
}

// The buttons listed per screen, split at the measure lines.
std::vector<std::vector<PrintedRect>> buttons_per_screen(const std::string& output) {
  std::vector<std::vector<PrintedRect>> screens;
  for (auto& rect : printed_rects(output)) {
    if (rect.kind == "measure") {
      screens.emplace_back();
    } else if (!screens.empty()) {
      screens.back().push_back(std::move(rect));
    }
  }
  return screens;
}

TEST(TouchTargets, OnEveryScreenAt600x900AndScaleTwoEveryButtonIsFullSizeAndReachable) {
  const auto dir = scratch_dir("every_screen_targets");
  const ScreenTour tall = tour_of_every_screen(1600, "list_widgets\n", "", "");
  const auto reference =
      run_script(dir, tall.script, {"--size", "1600x8000", "--data-dir", dir + "/tall", "--seed", "13"});
  ASSERT_EQ(reference.exit_code, 0) << reference.output;
  const auto reference_screens = buttons_per_screen(reference.output);
  ASSERT_EQ(reference_screens.size(), static_cast<std::size_t>(tall.screens));

  std::string drag_through = "list_widgets\n";
  std::string reach_start;
  std::string reach_end;
  // Enough 150 px drags for the longest body: the top choices, every point of the bundled pack.
  for (int step = 0; step < 130; ++step)
    drag_through += "finger_drag 300 400 300 250 400\nwait 1500\nlist_widgets\n";
  for (int step = 0; step < 8; ++step) {
    reach_start += "finger_drag 300 100 300 800 200\nwait 2000\n";
    reach_end += "finger_drag 300 800 300 100 200\nwait 2000\n";
  }
  const ScreenTour small = tour_of_every_screen(600, drag_through, reach_start, reach_end);
  const auto result =
      run_script(dir, small.script + "screenshot small-admin.png\n",
                 {"--size", "600x900", "--scale", "2", "--data-dir", dir + "/small", "--seed", "13"});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const auto small_screens = buttons_per_screen(result.output);
  ASSERT_EQ(small_screens.size(), reference_screens.size());

  for (std::size_t screen = 0; screen < small_screens.size(); ++screen) {
    SCOPED_TRACE("screen " + std::to_string(screen + 1));
    const auto everything = buttons_seen_whole(reference_screens[screen], kMinTargetLogicalPx, 1600);
    EXPECT_GE(everything.size(), 3u) << "the tall screen shows the screen's buttons at once";
    // The top bar is compact on the small screen (top_bar.hpp; point_card_test.cpp checks it).
    const auto without_bar = [](std::set<std::string> ids) {
      std::erase_if(
          ids, [](const std::string& id) { return id.starts_with("view.") || id.starts_with("language."); });
      return ids;
    };
    EXPECT_EQ(without_bar(buttons_seen_whole(small_screens[screen], kMinTargetLogicalPx * 2, 600)),
              without_bar(everything));
  }
}

// Welcome in both orientations at every text size and in high contrast, to look at. Each also
// checks that every button is whole, on screen and at least 9 mm.
class WelcomeScreenshot : public ::testing::TestWithParam<ViewCase> {};

TEST_P(WelcomeScreenshot, EveryButtonIsOnScreenAndFullSize) {
  const ViewCase& shot = GetParam();
  const auto dir = scratch_dir("welcome_" + shot.name);
  const auto result =
      run_script(dir, shot.taps + "list_widgets\nscreenshot welcome.png\n", {"--size", shot.size});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const auto png = probe_png(dir + "/welcome.png");
  ASSERT_TRUE(png.ok);
  const auto widgets = printed_rects(result.output);
  // The view controls (or, compact, "Aa"), the languages (or, compact, the other one) and Begin.
  std::set<std::string> ids;
  for (const auto& widget : widgets) ids.insert(widget.id);
  EXPECT_TRUE(ids.contains("welcome.begin")) << result.output;
  EXPECT_TRUE(ids.contains("view.menu") || (ids.contains("view.text.a") && ids.contains("view.contrast")))
      << result.output;
  EXPECT_TRUE(ids.contains("language.en")) << result.output;
  for (const auto& widget : widgets) {
    EXPECT_GE(widget.width(), kMinTargetLogicalPx) << widget.id;
    EXPECT_GE(widget.height(), kMinTargetLogicalPx) << widget.id;
    EXPECT_GE(widget.x0, 0) << widget.id;
    EXPECT_GE(widget.y0, 0) << widget.id;
    EXPECT_LE(widget.x1, static_cast<float>(png.width)) << widget.id;
    EXPECT_LE(widget.y1, static_cast<float>(png.height)) << widget.id;
  }
}

INSTANTIATE_TEST_SUITE_P(Views, WelcomeScreenshot, ::testing::ValuesIn(every_view("finger_tap")),
                         [](const ::testing::TestParamInfo<ViewCase>& param_info) {
                           return param_info.param.name;
                         });

}  // namespace
}  // namespace peiling::test
