// The text size and contrast control, and touch-sized buttons on a small screen, through the
// real Welcome screen driven by `peiling --script`.
#include <gtest/gtest.h>

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
// control and the language switch wrap onto several lines, and no button shrinks.
TEST(TouchTargets, OnASmallScreenAtScaleTwoEveryButtonIsFullSizeAndOnScreen) {
  const auto dir = scratch_dir("small_screen_targets");
  const auto result = run_script(dir,
                                 "list_widgets\n"
                                 "screenshot small-a.png\n"
                                 "tap \"view.text.a_plus_plus\"\n"
                                 "list_widgets\n"
                                 "screenshot small-a-plus-plus.png\n",
                                 {"--size", "600x900", "--scale", "2"});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const auto widgets = printed_rects(result.output);
  ASSERT_EQ(widgets.size(), 12u) << "4 view buttons and 2 languages, at A and at A++:\n" << result.output;
  const float min_side = kMinTargetLogicalPx * 2;
  for (const auto& widget : widgets) {
    EXPECT_GE(widget.width(), min_side) << widget.id;
    EXPECT_GE(widget.height(), min_side) << widget.id;
    EXPECT_GE(widget.x0, 0) << widget.id;
    EXPECT_LE(widget.x1, 600) << widget.id;
    EXPECT_LE(widget.y1, 900) << widget.id;
  }
}

}  // namespace
}  // namespace peiling::test
