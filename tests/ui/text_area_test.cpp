// The app's own text area (issue 18, defects 2 and 6): at every size the README promises a tap on
// the remark brings up the keyboard below the field and what is typed lands in it; words wrap
// and the box grows with a long remark; a drag in the focused field selects, and typing replaces
// the selection.
#include <gtest/gtest.h>

#include <string>

#include "script_run.hpp"
#include "support/process.hpp"

namespace peiling::test {
namespace {

// On a small screen a page (or its middle) scrolls, so the wheel turns before each tap, low on
// the screen, where the part that scrolls is.
std::string to_remark(const std::string& size) {
  const int height = std::stoi(size.substr(size.find('x') + 1));
  const std::string wheel = "wheel 100 " + std::to_string(height * 3 / 4) + " ";
  return wheel + "-10\ntap \"welcome.begin\"\n" + wheel + "-10\ntap \"role.frontline\"\n" + wheel +
         "-10\ntap \"nav.next\"\n" + wheel + "-10\ntap \"nav.next\"\n" + wheel +
         "-10\ntap \"vignette.skip\"\n" + wheel + "-40\ntap \"remark.open\"\n" + wheel + "-40\n";
}

const PrintedRect* find(const std::vector<PrintedRect>& rects, const std::string& id) {
  for (const auto& rect : rects)
    if (rect.kind == "widget" && rect.id == id) return &rect;
  return nullptr;
}

struct SizeCase {
  std::string size;
  std::string scale;
};

class TextEntry : public ::testing::TestWithParam<SizeCase> {};

TEST_P(TextEntry, ATapOnTheRemarkBringsUpTheKeyboardBelowItAndTheTextLandsInIt) {
  const SizeCase& view = GetParam();
  const std::string name = "text_entry_" + view.size + "_" + view.scale;
  const std::string dir = scratch_dir(name);
  const auto run =
      run_script(dir,
                 to_remark(view.size) + "tap \"Uw opmerking\"\ntype \"Goed plan, maar wie betaalt?\"\n" +
                     "expect \"Goed plan, maar wie betaalt?\"\nscreenshot " + name + ".png\nlist_widgets\n",
                 {"--size", view.size, "--scale", view.scale, "--seed", "13"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto rects = printed_rects(run.output);
  const PrintedRect* field = find(rects, "remark");
  const PrintedRect* key = find(rects, "osk.e");
  ASSERT_TRUE(field) << "the field is on screen: " << run.output;
  ASSERT_TRUE(key) << "the keyboard is up: " << run.output;
  EXPECT_LE(field->y1, key->y0) << "the field is above the keys";
  EXPECT_GE(field->y0, 0.0f);
}

INSTANTIATE_TEST_SUITE_P(EveryPromisedSize, TextEntry,
                         ::testing::Values(SizeCase{"600x900", "1"}, SizeCase{"600x900", "1.5"},
                                           SizeCase{"600x900", "2"}, SizeCase{"800x1280", "1"},
                                           SizeCase{"800x1280", "2"}, SizeCase{"700x1000", "2"},
                                           SizeCase{"1280x800", "1"}),
                         [](const auto& param_info) {
                           std::string scale = param_info.param.scale;
                           for (char& c : scale)
                             if (c == '.') c = '_';
                           return "size_" + param_info.param.size + "_scale_" + scale;
                         });

TEST(TextArea, ALongRemarkWrapsAndTheBoxGrowsWithIt) {
  const std::string dir = scratch_dir("text_area_wrap");
  std::string remark;
  while (remark.size() < 400) remark += "Een woord na het andere, tot de regel vol is. ";
  const auto run =
      run_script(dir,
                 "tap \"welcome.begin\"\ntap \"role.frontline\"\ntap \"nav.next\"\ntap \"nav.next\"\n"
                 "tap \"vignette.skip\"\nwheel 400 600 -10\ntap \"remark.open\"\nwheel 400 600 -10\n"
                 "list_widgets\ntap \"Uw opmerking\"\ntype \"" +
                     remark + "\"\nscreenshot text-area-wrap.png\nlist_widgets\n",
                 {"--size", "800x1280", "--seed", "13"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  std::vector<const PrintedRect*> fields;
  for (const auto& rect : printed_rects(run.output))
    if (rect.id == "remark") fields.push_back(&rect);
  ASSERT_EQ(fields.size(), 2u) << run.output;
  EXPECT_GE(fields[1]->height(), fields[0]->height() * 1.5f) << "the box grew with the text";
  // As wide as before, but for the scrollbar the taller page now has and the spacing beside it.
  EXPECT_NEAR(fields[1]->width(), fields[0]->width(), 30.0f)
      << "it wraps, it does not widen or scroll sideways";
}

TEST(TextArea, ADragInTheFocusedFieldSelectsAndTypingReplacesTheSelection) {
  const std::string dir = scratch_dir("text_area_select");
  const std::string to_field =
      "tap \"welcome.begin\"\ntap \"role.frontline\"\ntap \"nav.next\"\ntap \"nav.next\"\n"
      "tap \"vignette.skip\"\nwheel 400 400 -10\ntap \"remark.open\"\nwheel 400 400 -10\n"
      "tap \"Uw opmerking\"\ntype \"aaaa bbbb\"\n";
  const std::vector<std::string> args{"--size", "1280x800", "--seed", "13"};
  const auto first = run_script(dir, to_field + "list_widgets\n", args);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  const auto rects = printed_rects(first.output);
  const PrintedRect* field = find(rects, "remark");
  ASSERT_TRUE(field) << first.output;
  // From just inside the left edge of the first line, far to the right of the text on it: the
  // whole line, then X in its place.
  const int y = static_cast<int>(field->y0 + 22);
  const std::string drag = "drag " + std::to_string(static_cast<int>(field->x0 + 4)) + " " +
                           std::to_string(y) + " " + std::to_string(static_cast<int>(field->x1 - 10)) + " " +
                           std::to_string(y) + " 300\n";
  const auto second = run_script(dir,
                                 to_field + drag + "screenshot text-area-selected.png\ntype \"X\"\n" +
                                     "expect \"X\"\nexpect_not \"aaaa\"\nexpect_not \"bbbb\"\n",
                                 args);
  EXPECT_EQ(second.exit_code, 0) << second.output;
}

// Defect 4 of the rest of issue 18: a remark longer than the box scrolls inside it under a finger
// that moves up or down, and the page stays put.
TEST(TextArea, AFingerScrollsALongRemarkInsideItsBox) {
  const std::string dir = scratch_dir("text_area_drag_scroll");
  std::string remark;
  for (int word = 1; remark.size() < 700; ++word) remark += "w" + std::to_string(1000 + word) + " ";
  const std::string to_long_remark =
      "tap \"welcome.begin\"\ntap \"role.frontline\"\ntap \"nav.next\"\ntap \"nav.next\"\n"
      "tap \"vignette.skip\"\nwheel 400 400 -10\ntap \"remark.open\"\nwheel 400 400 -10\n"
      "tap \"Uw opmerking\"\ntype \"" +
      remark + "\"\nlist_widgets\nmeasure \"w1001 \"\n";
  const std::vector<std::string> args{"--size", "1280x800", "--seed", "13"};
  const auto typed = run_script(dir, to_long_remark, args);
  ASSERT_EQ(typed.exit_code, 0) << typed.output;
  const auto rects = printed_rects(typed.output);
  const PrintedRect* field = find(rects, "remark");
  ASSERT_TRUE(field && rects.back().kind == "measure") << typed.output;
  // Typed to its end, the box shows its last lines: the first word is found only in the whole text.
  EXPECT_GT(rects.back().height(), 60.0f) << "the first line is scrolled out of the box";

  // A finger from near the top of the box down by most of it, in the focused field: the first line
  // comes into view, one line tall, and the page does not move.
  const int x = static_cast<int>((field->x0 + field->x1) / 2);
  const int y0 = static_cast<int>(field->y0 + 20);
  const std::string drag = "finger_drag " + std::to_string(x) + " " + std::to_string(y0) + " " +
                           std::to_string(x) + " " + std::to_string(static_cast<int>(field->y1 - 10)) +
                           " 500\n";
  const auto dragged =
      run_script(dir,
                 to_long_remark + drag +
                     "wait 1000\nscreenshot text-area-scrolled.png\nlist_widgets\nmeasure \"w1001 \"\n",
                 args);
  ASSERT_EQ(dragged.exit_code, 0) << dragged.output;
  const auto after = printed_rects(dragged.output);
  ASSERT_EQ(after.back().kind, "measure") << dragged.output;
  EXPECT_LT(after.back().height(), 40.0f) << "the first line shows in the box\n" << dragged.output;
  const PrintedRect* moved_field = nullptr;
  for (const auto& rect : after)
    if (rect.id == "remark") moved_field = &rect;  // the last listing's
  ASSERT_TRUE(moved_field);
  EXPECT_EQ(moved_field->y0, field->y0) << "the page stayed put";
}

}  // namespace
}  // namespace peiling::test
