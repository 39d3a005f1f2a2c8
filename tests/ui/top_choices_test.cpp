// Top three by theme (issue 18, defect 8), on a pack of 45 points with long Dutch titles in five
// themes: the themes of a long list start closed and open on a tap, the chosen points stay in view
// above the list with their order and remove buttons, and the wheel or a finger over them scrolls
// the list.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "script_run.hpp"
#include "support/process.hpp"

namespace peiling::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int kThemes = 5;
constexpr int kPoints = 45;

// Words a Dutch improvement point is made of, cycled into titles of about 110 characters.
const char* const kWords[] = {
    "samenwerking", "tussen", "jeugdzorg",          "huisarts",    "school",  "en",  "politie", "bij",
    "signalen",     "van",    "kindermishandeling", "vroegtijdig", "gesprek", "met", "ouders",  "over",
    "zorgen",       "rond",   "veiligheid",         "thuis"};

std::string dutch_title(int number) {
  std::string title = "Punt " + std::to_string(number) + ":";
  for (std::size_t k = static_cast<std::size_t>(number); title.size() < 110; ++k)
    title += " " + std::string(kWords[k % std::size(kWords)]);
  return title;
}

std::string theme_id(int theme) {
  return "thema-" + std::to_string(theme + 1);
}

std::string theme_label(int theme) {
  return "Thema " + std::to_string(theme + 1) + ": verbeteringen in de keten rond het gezin";
}

// The bundled pack with 45 points in five themes of nine, every one open to the top three, and
// scales of 7 and 4 points.
std::string forty_five_point_pack(const std::string& dir) {
  json pack = json::parse(read_file(fs::path(PEILING_ASSETS_DIR) / "packs" / "conference-2009-11-13.json"));
  json themes = json::array();
  for (int t = 0; t < kThemes; ++t)
    themes.push_back({{"id", theme_id(t)}, {"label", {{"nl", theme_label(t)}, {"en", theme_label(t)}}}});
  pack["themes"] = themes;
  json& points = pack.at("points");
  points.erase(points.begin() + kPoints, points.end());
  json from = json::array();
  for (int i = 0; i < kPoints; ++i) {
    json& point = points[static_cast<std::size_t>(i)];
    point["theme"] = theme_id(i / (kPoints / kThemes));
    point["title"] = {{"nl", dutch_title(i + 1)}, {"en", dutch_title(i + 1)}};
    point.erase("related");  // it may name points that are left out
    from.push_back(point.at("id"));
  }
  pack.at("top_n")["from"] = from;
  for (json& scale : pack.at("scales")) {
    const int max = scale.at("id") == "importance" ? 7 : 4;
    json labels = json::array();
    for (int v = 1; v <= max; ++v) {
      const std::string label = "Waarde " + std::to_string(v);
      labels.push_back({{"nl", label}, {"en", label}});
    }
    scale["max"] = max;
    scale["labels"] = labels;
  }
  const std::string file = dir + "/forty-five.json";
  write_file(file, pack.dump(2));
  return file;
}

// From Welcome to the top three, paging past every point and missed opportunity.
std::string to_top_choices() {
  std::string script =
      "tap \"welcome.begin\"\ntap \"role.frontline\"\ntap \"nav.next\"\ntap \"nav.next\"\ntap "
      "\"vignette.skip\"\n";
  for (std::size_t page = 0; page < 12 + bundled_missed_opportunities(); ++page)
    script += "tap \"nav.next\"\n";
  return script + "expect \"Welke drie punten\"\n";
}

const PrintedRect* find_rect(const std::vector<PrintedRect>& rects, const std::string& id) {
  const auto found =
      std::find_if(rects.begin(), rects.end(), [&](const auto& rect) { return rect.id == id; });
  return found == rects.end() ? nullptr : &*found;
}

// The first point of the list that shows, whole or in part (not a theme or a chosen point's button).
const PrintedRect* first_listed(const std::vector<PrintedRect>& rects) {
  for (const auto& rect : rects) {
    const bool control = rect.id.rfind("top.theme.", 0) == 0 || rect.id.rfind("top.up.", 0) == 0 ||
                         rect.id.rfind("top.down.", 0) == 0 || rect.id.rfind("top.remove.", 0) == 0;
    if (rect.id.rfind("top.", 0) == 0 && !control) return &rect;
  }
  return nullptr;
}

std::string point_id(const std::string& pack_file, int index) {
  return json::parse(read_file(pack_file)).at("points").at(static_cast<std::size_t>(index)).at("id");
}

TEST(TopChoices, ALongListStartsWithItsThemesClosedAndATapOpensAndClosesOne) {
  const std::string dir = scratch_dir("top_choices_themes");
  const std::string pack = forty_five_point_pack(dir);
  const std::string script =
      to_top_choices() + "expect \"▸ " + theme_label(0) + " (9 punten)\"\n" + "expect_not \"" +
      dutch_title(1) + "\"\nscreenshot closed.png\n" + "tap \"top.theme." + theme_id(1) + "\"\nexpect \"▾ " +
      theme_label(1) + "\"\n" + "expect \"" + dutch_title(10) + "\"\nexpect_not \"" + dutch_title(1) +
      "\"\n" + "tap \"top." + point_id(pack, 9) + "\"\nexpect \"✓ " + dutch_title(10) + "\"\n" +
      "tap \"top.theme." + theme_id(1) + "\"\nexpect_not \"" + dutch_title(11) + "\"\n" + "expect \"▸ " +
      theme_label(1) + " (9 punten, 1 gekozen)\"\nscreenshot one-chosen.png\n";
  const auto run = run_script(dir, script, {"--size", "1280x800", "--seed", "13", "--pack", pack});
  EXPECT_EQ(run.exit_code, 0) << run.output;
}

class TopChoicesPinned : public ::testing::TestWithParam<std::string> {};

TEST_P(TopChoicesPinned, TheChosenStayInViewAndTheWheelOrAFingerOverThemScrollsTheList) {
  const std::string size = GetParam();
  const std::string dir = scratch_dir("top_choices_pinned_" + size);
  const std::string pack = forty_five_point_pack(dir);
  std::string script = to_top_choices() + "tap \"top.theme." + theme_id(0) + "\"\n";
  for (int index : {0, 1, 2}) script += "tap \"top." + point_id(pack, index) + "\"\n";
  script += "screenshot chosen.png\nlist_widgets\n";
  const auto before_run = run_script(dir, script, {"--size", size, "--seed", "13", "--pack", pack});
  ASSERT_EQ(before_run.exit_code, 0) << before_run.output;
  const auto before = printed_rects(before_run.output);
  const PrintedRect* remove = find_rect(before, "top.remove.3");
  const PrintedRect* up = find_rect(before, "top.up.2");
  ASSERT_TRUE(remove && up) << before_run.output;
  EXPECT_TRUE(remove->whole && up->whole) << "the chosen points' buttons show whole";
  const PrintedRect* listed = first_listed(before);
  ASSERT_TRUE(listed) << before_run.output;

  // The wheel and a drag, each over the third chosen point's row, scroll the list under it.
  const int x = static_cast<int>(remove->x0) - 40;
  const int y = static_cast<int>((remove->y0 + remove->y1) / 2);
  for (const std::string& gesture : {"wheel " + std::to_string(x) + " " + std::to_string(y) + " -2\n",
                                     "finger_drag " + std::to_string(x) + " " + std::to_string(y) + " " +
                                         std::to_string(x) + " " + std::to_string(y - 200) + " 400\n"}) {
    SCOPED_TRACE(gesture);
    const auto after_run = run_script(dir, script + gesture + "screenshot scrolled.png\nlist_widgets\n",
                                      {"--size", size, "--seed", "13", "--pack", pack});
    ASSERT_EQ(after_run.exit_code, 0) << after_run.output;
    const auto after = printed_rects(after_run.output);
    std::vector<PrintedRect> last(after.begin() + static_cast<std::ptrdiff_t>(before.size()), after.end());
    const PrintedRect* moved = first_listed(last);
    const PrintedRect* still = find_rect(last, "top.remove.3");
    ASSERT_TRUE(still) << after_run.output;
    EXPECT_EQ(still->y0, remove->y0) << "the chosen points stay put";
    EXPECT_TRUE(still->whole);
    ASSERT_TRUE(moved) << after_run.output;
    EXPECT_TRUE(moved->id != listed->id || moved->full_y0 < listed->full_y0 - 50)
        << "the list scrolled: first " << listed->id << " at " << listed->full_y0 << ", then " << moved->id
        << " at " << moved->full_y0;
  }
}

INSTANTIATE_TEST_SUITE_P(Sizes, TopChoicesPinned, ::testing::Values("1280x800", "800x1280"));

}  // namespace
}  // namespace peiling::test
