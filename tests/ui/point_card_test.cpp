// A point card that fits (issue 18, defects 5 and 7): at 1280x800 and 800x1280, a point with a
// title of 120 characters and a body of 400 shows both scales, "add a remark" and Next without
// scrolling; the top controls are one row on every screen.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "script_run.hpp"
#include "support/process.hpp"

namespace peiling::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string text_of_length(const std::string& words, std::size_t length) {
  std::string text;
  while (text.size() < length) text += words;
  text.resize(length);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

// The bundled pack with every point's title 120 characters and body 400 (in both languages).
std::string pack_with_long_points(const std::string& dir) {
  json pack = json::parse(read_file(fs::path(PEILING_ASSETS_DIR) / "packs" / "conference-2009-11-13.json"));
  const std::string title = text_of_length("Werkconferentie over samenwerking in de jeugdzorg ", 120);
  const std::string body =
      text_of_length("Hulpverleners spreken elkaar te laat en te weinig aan op zorgen. ", 400);
  for (json& point : pack.at("points")) {
    point["title"] = {{"nl", title}, {"en", title}};
    point["body"] = {{"nl", body}, {"en", body}};
  }
  const std::string file = dir + "/long-points.json";
  write_file(file, pack.dump(2));
  return file;
}

struct CardCase {
  std::string size;
  std::string text_size_tap;  // empty for A
};

class PointCard : public ::testing::TestWithParam<CardCase> {};

TEST_P(PointCard, BothScalesAddARemarkAndNextShowWithoutScrolling) {
  const CardCase& card = GetParam();
  const std::string name = "point_card_" + card.size + (card.text_size_tap.empty() ? "_a" : "_a_plus");
  const std::string dir = scratch_dir(name);
  const std::string script =
      card.text_size_tap +
      "tap \"welcome.begin\"\ntap \"role.frontline\"\ntap \"nav.next\"\ntap \"nav.next\"\n"
      "tap \"vignette.skip\"\nscreenshot " +
      name + ".png\nlist_widgets\n";
  const auto run =
      run_script(dir, script, {"--size", card.size, "--seed", "13", "--pack", pack_with_long_points(dir)});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const int height = std::stoi(card.size.substr(card.size.find('x') + 1));
  std::set<std::string> whole;
  for (const auto& rect : printed_rects(run.output)) {
    // Whole: not cut by the edge of the part that scrolls, nor by the screen's.
    if (rect.kind == "widget" && rect.whole && rect.height() >= 57 && rect.y1 <= static_cast<float>(height))
      whole.insert(rect.id);
  }
  for (const std::string id : {"importance.1", "importance.5", "importance.none", "feasibility.1",
                               "feasibility.5", "feasibility.none", "remark.open", "nav.next"}) {
    EXPECT_TRUE(whole.contains(id)) << id << " is not whole on screen at " << card.size << "\n" << run.output;
  }
}

// Text sizes A and A+; A++ may scroll.
INSTANTIATE_TEST_SUITE_P(TextSizes, PointCard,
                         ::testing::Values(CardCase{"1280x800", ""}, CardCase{"800x1280", ""},
                                           CardCase{"1280x800", "tap \"view.text.a_plus\"\n"},
                                           CardCase{"800x1280", "tap \"view.text.a_plus\"\n"}),
                         [](const auto& param_info) {
                           return (param_info.param.size == "1280x800" ? std::string("landscape")
                                                                       : "portrait") +
                                  (param_info.param.text_size_tap.empty() ? "_a" : "_a_plus");
                         });

// Defect 10: in portrait a card that scrolls keeps its buttons a spacing clear of the scrollbar
// (the window's margin is 39 px, the scrollbar 9 px at scale 1).
TEST(PointCard, InPortraitTheScrollbarKeepsASpacingFromTheButtons) {
  const std::string dir = scratch_dir("point_card_scrollbar");
  const auto run = run_script(dir,
                              "tap \"view.text.a_plus\"\ntap \"welcome.begin\"\ntap \"role.frontline\"\n"
                              "tap \"nav.next\"\ntap \"nav.next\"\ntap \"vignette.skip\"\n"
                              "screenshot point-card-scrollbar.png\nlist_widgets\n",
                              {"--size", "800x1280", "--seed", "13", "--pack", pack_with_long_points(dir)});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const float scrollbar_left = 800 - 39 - 9;
  int scale_buttons = 0;
  for (const auto& rect : printed_rects(run.output)) {
    if (rect.id.rfind("importance.", 0) != 0 && rect.id.rfind("feasibility.", 0) != 0) continue;
    ++scale_buttons;
    EXPECT_LE(rect.x1, scrollbar_left - 8) << rect.id << " is flush against the scrollbar";
  }
  EXPECT_GE(scale_buttons, 6);
}

struct BarCase {
  std::string size;
  std::string scale;
};

class TopBar : public ::testing::TestWithParam<BarCase> {};

TEST_P(TopBar, IsOneRowOnEveryScreen) {
  const BarCase& bar = GetParam();
  const std::string name = "top_bar_" + bar.size + "_" + bar.scale;
  const std::string dir = scratch_dir(name);
  const auto run = run_script(dir, "screenshot " + name + ".png\nlist_widgets\n",
                              {"--size", bar.size, "--scale", bar.scale, "--seed", "13"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  std::vector<PrintedRect> controls;
  for (const auto& rect : printed_rects(run.output))
    if (rect.id.rfind("view.", 0) == 0 || rect.id.rfind("language.", 0) == 0) controls.push_back(rect);
  ASSERT_GE(controls.size(), 2u) << run.output;
  for (const auto& control : controls)
    EXPECT_EQ(control.y0, controls.front().y0) << control.id << " on the row";
}

INSTANTIATE_TEST_SUITE_P(EveryPromisedSize, TopBar,
                         ::testing::Values(BarCase{"600x900", "1"}, BarCase{"600x900", "1.5"},
                                           BarCase{"600x900", "2"}, BarCase{"800x1280", "1"},
                                           BarCase{"800x1280", "2"}, BarCase{"700x1000", "2"},
                                           BarCase{"1280x800", "1"}, BarCase{"1920x1080", "1"}),
                         [](const auto& param_info) {
                           std::string scale = param_info.param.scale;
                           for (char& c : scale)
                             if (c == '.') c = '_';
                           return "size_" + param_info.param.size + "_scale_" + scale;
                         });

}  // namespace
}  // namespace peiling::test
