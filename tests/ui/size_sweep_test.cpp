// The acceptance sweep of issue 18: a whole response, every screen of it, at every promised size
// (600x900 at scale 1, 1.5 and 2; 800x1280 at scale 1 and 2; 1280x800; 1920x1080) and text size
// (A, A+, A++). On every screen: no widget reaches past the screen's sides, every widget is at
// least 9 mm on each side and no taller than the part of the screen it scrolls in (so a scroll
// shows it whole, and the walk taps each one whole), and no label breaks inside a word or runs over
// its widget's edges. On every point card at A and A+ at 1280x800 and 800x1280: both scales and
// Next show whole on arrival, without a scroll. It prints, per size, the taps and scrolls it took
// to answer the 12 points (target: 3 per point: two answers and Next).
//
// 9 mm: the app's logical pixel is 1/160 inch (Android's dp), so 9 mm is 57 logical px, and a
// physical pixel is 1/scale logical px: 57 * scale pixels at --scale. (At 96 dpi CSS pixels the
// same 9 mm would be 34 px: the app's rule is the stricter.)
//
// With PEILING_SWEEP_SHOTS=1 in the environment it also saves a screenshot of every screen, in
// nl, en and high contrast, under build/.../tests/artifacts/sweep/ (an artifact, not committed).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "script_run.hpp"
#include "support/process.hpp"

namespace peiling::test {
namespace {

struct SweepCase {
  std::string size;
  std::string scale;
  std::string text;  // "a", "a_plus", "a_plus_plus"
};

std::string case_name(const SweepCase& sweep) {
  std::string scale = sweep.scale;
  for (char& c : scale)
    if (c == '.') c = '_';
  return sweep.size + "_scale_" + scale + "_" + sweep.text;
}

int width_of(const std::string& size) {
  return std::stoi(size.substr(0, size.find('x')));
}
int height_of(const std::string& size) {
  return std::stoi(size.substr(size.find('x') + 1));
}

std::size_t bundled_scenes() {
  const auto pack =
      nlohmann::json::parse(read_file(std::string(PEILING_ASSETS_DIR) + "/packs/conference-2009-11-13.json"));
  return pack.at("vignette").at("scenes").size();
}

// Enough wheel notches to reach the end of the top three's list with a theme open, and of
// Review, at the smallest screen and the largest text (600x900 at scale 2, A++).
constexpr int kNotchesThroughTopList = 60;
constexpr int kNotchesThroughReview = 30;

// The walk: chooses the view, then Welcome to Thanks, reaching each button (reach scrolls to it
// when it is not in view). After each screen's widgets an empty measure marks its end.
std::string walk_script(const SweepCase& sweep, bool compact_bar, bool high_contrast,
                        const std::string& shots) {
  std::ostringstream s;
  const auto view_tap = [&](const std::string& id) {
    if (compact_bar) s << "tap \"view.menu\"\n";
    s << "tap \"" << id << "\"\n";
  };
  if (high_contrast) view_tap("view.contrast");
  if (sweep.text != "a") view_tap("view.text." + sweep.text);
  int shot = 0;
  const auto screen = [&](const std::string& name) {
    s << "list_widgets\n";
    if (!shots.empty()) {
      ++shot;
      s << "screenshot " << shots << "/" << (shot < 10 ? "0" : "") << shot << "-" << name << ".png\n";
    }
    s << "measure \"\"\n";
  };
  screen("welcome");
  s << "reach \"welcome.begin\"\n";
  screen("role");
  s << "reach \"role.frontline\"\nreach \"nav.next\"\n";
  for (std::size_t scene = 0; scene < bundled_scenes(); ++scene) {
    screen("scene-" + std::to_string(scene + 1));
    s << "reach \"nav.next\"\n";
  }
  for (int point = 1; point <= 12; ++point) {
    screen("point-" + std::to_string(point));
    s << "reach \"importance.4\"\nreach \"feasibility.2\"\nreach \"nav.next\"\n";
  }
  for (std::size_t missed = 0; missed < bundled_missed_opportunities(); ++missed) {
    screen("missed-" + std::to_string(missed + 1));
    s << "reach \"nav.next\"\n";
  }
  screen("top");
  s << "reach \"top.theme.complex-reality\"\nreach \"top.wg1-1\"\n";
  screen("top-chosen");
  // The lists longer than the screen, wheeled through to their ends (a notch moves less than the
  // part of the screen they scroll in), so that every row of them is listed: the theme headings
  // and the 33 points of the theme opened, the answers on Review.
  const auto wheel_through = [&](int notches) {
    for (int notch = 0; notch < notches; ++notch)
      s << "wheel " << width_of(sweep.size) / 2 << " " << height_of(sweep.size) / 2 << " -1\nlist_widgets\n";
  };
  wheel_through(kNotchesThroughTopList);
  s << "reach \"nav.next\"\n";
  screen("open");
  s << "reach \"nav.next\"\n";
  screen("review");
  wheel_through(kNotchesThroughReview);
  s << "reach \"review.send\"\n";
  screen("thanks");
  return s.str();
}

// The widget listings of the output, one per screen, split at the separator measures.
std::vector<std::vector<PrintedRect>> screens(const std::string& output) {
  std::vector<std::vector<PrintedRect>> listed(1);
  for (const auto& rect : printed_rects(output)) {
    if (rect.kind == "measure") {
      listed.emplace_back();
    } else {
      listed.back().push_back(rect);
    }
  }
  listed.pop_back();
  return listed;
}

// The wheel's notches each reach took, in order.
std::vector<int> notches_per_reach(const std::string& output) {
  const std::regex reached(R"re(^reached "(.*)" (\d+)(?: partly)?$)re");
  std::vector<int> notches;
  std::istringstream lines(output);
  std::string line;
  std::smatch match;
  while (std::getline(lines, line))
    if (std::regex_match(line, match, reached)) notches.push_back(std::stoi(match[2]));
  return notches;
}

bool compact_bar_at(const SweepCase& sweep, const std::string& dir) {
  const auto run = run_script(dir, "list_widgets\n", {"--size", sweep.size, "--scale", sweep.scale});
  for (const auto& rect : printed_rects(run.output))
    if (rect.id == "view.menu") return true;
  return false;
}

// The taps and scrolls the walk may take for the 12 points at a size: 3 per point where the card
// fits; where it does not, a scroll to the first question (a long body), and to the second where
// the screen shows less than a question and its scale. The figures of issue 18's sweep once the
// second question glided into view after the first answer; before, main's code took 49, 57, 60
// at 600x900 scale 1, 60 and 61 at scale 1.5, 72 at scale 2, 60 and 61 at 800x1280 scale 2, 48
// at 800x1280 A++ and 53 at 1280x800 A++.
int most_gestures_for_12_points(const SweepCase& sweep) {
  const std::map<std::string, int> figures{
      {"600x900_scale_1_a", 36},           {"600x900_scale_1_a_plus", 43},
      {"600x900_scale_1_a_plus_plus", 48}, {"600x900_scale_1_5_a", 48},
      {"600x900_scale_1_5_a_plus", 48},    {"600x900_scale_1_5_a_plus_plus", 48},
      {"600x900_scale_2_a", 49},           {"600x900_scale_2_a_plus", 61},
      {"600x900_scale_2_a_plus_plus", 61}, {"800x1280_scale_2_a", 48},
      {"800x1280_scale_2_a_plus", 48},     {"800x1280_scale_2_a_plus_plus", 48},
      {"1280x800_scale_1_a_plus_plus", 40}};
  const auto figure = figures.find(case_name(sweep));
  return figure == figures.end() ? 36 : figure->second;
}

// Whether a point card must show both scales and Next on arrival: at A and A+ on the kiosk sizes.
bool card_must_fit(const SweepCase& sweep) {
  return sweep.scale == "1" && (sweep.size == "1280x800" || sweep.size == "800x1280") &&
         sweep.text != "a_plus_plus";
}

void PrintTo(const SweepCase& sweep, std::ostream* out) {
  *out << case_name(sweep);
}

// The walk's screens as listed, checked: every widget on the screen, whole where it must be, at
// least 9 mm, its label unbroken and within it; every button the walk tapped whole when tapped;
// on arrival, a point card's scales and Next at the kiosk sizes, and Next on scenes and missed
// opportunities.
void check_screens(const SweepCase& sweep, const std::string& output) {
  const float scale = std::stof(sweep.scale);
  const float min_side = std::floor(57.0f * scale) - 1;
  const float width = static_cast<float>(width_of(sweep.size));
  const float height = static_cast<float>(height_of(sweep.size));
  const auto listed = screens(output);
  ASSERT_EQ(listed.size(), 2 + bundled_scenes() + 12 + bundled_missed_opportunities() + 5) << output;
  for (std::size_t k = 0; k < listed.size(); ++k) {
    for (const auto& widget : listed[k]) {
      SCOPED_TRACE("screen " + std::to_string(k + 1) + ", " + widget.id);
      EXPECT_GE(widget.full_x0, 0.0f) << "off the screen's left";
      EXPECT_LE(widget.full_x1, width) << "off the screen's right";
      EXPECT_FALSE(widget.broken_word) << "\"" << widget.label << "\" breaks inside a word";
      EXPECT_FALSE(widget.label_spills) << "\"" << widget.label << "\" runs over the widget's edges";
      // Whole, or whole once scrolled to: never taller than the part of the screen it shows in.
      EXPECT_FALSE(widget.taller_than_view) << "taller than the part of the screen it scrolls in";
      EXPECT_GE(std::min(widget.full_x1 - widget.full_x0, widget.full_y1 - widget.full_y0), min_side)
          << "smaller than 9 mm";
      if (widget.whole) {
        EXPECT_LE(widget.y1, height);
      }
    }
  }
  // And every button the walk tapped showed whole when it was tapped (reach says "partly" when
  // it could only tap the part of it that showed).
  const std::regex partly(R"re(^reached "(.*)" \d+ partly$)re");
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (std::regex_match(line, match, partly))
      ADD_FAILURE() << match[1] << " is taller than the part of the screen it scrolls in";
  }
  // On arrival at each point card: at A and A+ on the kiosk sizes, both scales and Next whole.
  const std::size_t first_card = 2 + bundled_scenes();
  for (std::size_t card = first_card; card < first_card + 12 && card_must_fit(sweep); ++card) {
    std::set<std::string> whole;
    for (const auto& widget : listed[card])
      if (widget.whole) whole.insert(widget.id);
    for (const std::string id : {"importance.1", "importance.5", "importance.none", "feasibility.1",
                                 "feasibility.5", "feasibility.none", "nav.next"})
      EXPECT_TRUE(whole.contains(id)) << id << " is not whole on card " << card - first_card + 1;
  }
  // On arrival at each scene, and at A and A+ each missed opportunity, at every size: Next whole,
  // as on a point card (at 600x900, scale 2, the whole page once scrolled and Next was below the
  // fold). At A++ on 600x900, scale 2, a missed opportunity's longer progress line leaves its body
  // too short to scroll alone, and the whole page scrolls (A++ may, as issue 18 says of a card).
  const std::size_t first_missed = first_card + 12;
  const std::size_t last =
      sweep.text == "a_plus_plus" ? first_card : first_missed + bundled_missed_opportunities();
  for (std::size_t k = 2; k < last; ++k) {
    if (k >= first_card && k < first_missed) continue;
    const bool next_whole = std::any_of(listed[k].begin(), listed[k].end(), [](const PrintedRect& widget) {
      return widget.id == "nav.next" && widget.whole;
    });
    EXPECT_TRUE(next_whole) << "Next is not whole on arrival at screen " << k + 1;
  }
}

class SizeSweep : public ::testing::TestWithParam<SweepCase> {};

TEST_P(SizeSweep, EveryScreenFitsItsButtonsAreWholeAndNineMillimetresAndNoLabelBreaksAWord) {
  const SweepCase& sweep = GetParam();
  const std::string name = case_name(sweep);
  const std::string dir = scratch_dir("size_sweep_" + name);
  const bool compact = compact_bar_at(sweep, dir);
  const std::vector<std::string> args{"--size", sweep.size, "--scale", sweep.scale, "--seed", "13"};
  // In the pack's first language, Dutch, and in English, whose labels run longer.
  std::vector<std::string> english = args;
  english.insert(english.end(), {"--lang", "en"});
  const auto english_run =
      run_script(scratch_dir("size_sweep_" + name + "_en"), walk_script(sweep, compact, false, ""), english);
  ASSERT_EQ(english_run.exit_code, 0) << english_run.output;
  {
    SCOPED_TRACE("en");
    check_screens(sweep, english_run.output);
  }
  const auto run = run_script(dir, walk_script(sweep, compact, false, ""), args);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  check_screens(sweep, run.output);
  // Taps to answer the 12 points: per card two answers and Next, and one scroll for each of them
  // that was not in view.
  const auto notches = notches_per_reach(run.output);
  const std::size_t first_reach = 2 + bundled_scenes();  // begin, role, its Next, each scene's Next
  ASSERT_GE(notches.size(), first_reach + 36) << run.output;
  int gestures = 0;
  for (std::size_t i = first_reach; i < first_reach + 36; ++i) gestures += 1 + (notches[i] > 0 ? 1 : 0);
  std::printf("sweep %s: %d taps and scrolls to answer 12 points (%.2f per point)\n", name.c_str(), gestures,
              gestures / 12.0);
  RecordProperty("gestures_for_12_points", gestures);
  if (card_must_fit(sweep)) {
    EXPECT_EQ(gestures, 36) << "three taps per point";
  }
  // Elsewhere, no more than the figures the small screens came to once the second question
  // glided into view after the first answer (before that: 4 to 6 per point).
  EXPECT_LE(gestures, most_gestures_for_12_points(sweep)) << "more taps and scrolls than before";

  if (std::getenv("PEILING_SWEEP_SHOTS") == nullptr) return;
  const std::string artifacts = std::string(PEILING_TEST_OUTPUT_DIR) + "/sweep";
  for (const auto& [language, contrast] : {std::pair{"nl", false}, {"en", false}, {"nl", true}}) {
    const std::string folder = artifacts + "/" + language + (contrast ? "_high_contrast" : "") + "/" + name;
    std::filesystem::create_directories(folder);
    std::vector<std::string> shot_args = args;
    shot_args.insert(shot_args.end(), {"--lang", language});
    const auto shots = run_script(dir, walk_script(sweep, compact, contrast, folder), shot_args);
    EXPECT_EQ(shots.exit_code, 0) << language << (contrast ? " high contrast" : "") << "\n" << shots.output;
  }
}

std::vector<SweepCase> every_case() {
  std::vector<SweepCase> cases;
  for (const auto& [size, scale] : {std::pair{"600x900", "1"},
                                    {"600x900", "1.5"},
                                    {"600x900", "2"},
                                    {"800x1280", "1"},
                                    {"800x1280", "2"},
                                    {"1280x800", "1"},
                                    {"1920x1080", "1"}}) {
    for (const char* text : {"a", "a_plus", "a_plus_plus"}) cases.push_back({size, scale, text});
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(EveryPromisedSize, SizeSweep, ::testing::ValuesIn(every_case()),
                         [](const auto& param_info) { return case_name(param_info.param); });

}  // namespace
}  // namespace peiling::test
