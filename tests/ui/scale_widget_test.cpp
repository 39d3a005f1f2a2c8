// The scale as one ordered row (issue 18, defect 4): the points of a scale side by side in order,
// of equal widths, "no opinion" after a clear gap; an ordered vertical list where a row does not
// fit; 3 to 11 points on any integer range; arrow keys and Enter for a physical keyboard. Read
// from the widget rectangles the script driver prints, on the real screens.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "script_run.hpp"
#include "support/process.hpp"
#include "support/raw_database.hpp"

namespace peiling::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kToFirstPoint =
    "tap \"welcome.begin\"\ntap \"role.frontline\"\ntap \"nav.next\"\ntap \"nav.next\"\ntap "
    "\"vignette.skip\"\n";
// On a small screen every page scrolls as a whole: turn the wheel before each tap.
const std::string kToFirstPointScrolling =
    "wheel 100 300 -10\ntap \"welcome.begin\"\nwheel 100 300 -10\ntap \"role.frontline\"\nwheel 100 300 -10\n"
    "tap \"nav.next\"\nwheel 100 300 -10\ntap \"nav.next\"\nwheel 100 300 -10\ntap \"vignette.skip\"\n";

// The bundled pack with importance on min..max (labels made up for the extra points).
std::string pack_with_importance(const std::string& dir, int min, int max) {
  json pack = json::parse(read_file(fs::path(PEILING_ASSETS_DIR) / "packs" / "conference-2009-11-13.json"));
  for (json& scale : pack.at("scales")) {
    if (scale.at("id") != "importance") continue;
    scale["min"] = min;
    scale["max"] = max;
    json labels = json::array();
    for (int v = min; v <= max; ++v) {
      labels.push_back({{"nl", "Waarde " + std::to_string(v) + " op de schaal"},
                        {"en", "Value " + std::to_string(v) + " on the scale"}});
    }
    scale["labels"] = labels;
  }
  const std::string file = dir + "/pack-" + std::to_string(min) + "-" + std::to_string(max) + ".json";
  write_file(file, pack.dump(2));
  return file;
}

struct Scale {
  std::vector<PrintedRect> points;  // in the order of the values
  PrintedRect none;
};

Scale scale_of(const std::vector<PrintedRect>& rects, const std::string& scale, int min, int max) {
  Scale out;
  for (int v = min; v <= max; ++v) {
    const std::string id = scale + "." + std::to_string(v);
    for (const auto& rect : rects)
      if (rect.kind == "widget" && rect.id == id) out.points.push_back(rect);
  }
  for (const auto& rect : rects)
    if (rect.kind == "widget" && rect.id == scale + ".none") out.none = rect;
  return out;
}

std::vector<PrintedRect> widgets_on_first_point(const std::string& name, const std::string& size,
                                                const std::string& scale_factor, const std::string& to_point,
                                                const std::vector<std::string>& extra = {}) {
  const std::string dir = scratch_dir(name);
  std::vector<std::string> args{"--size", size, "--scale", scale_factor, "--seed", "13"};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto run = run_script(dir, to_point + "screenshot " + name + ".png\nlist_widgets\n", args);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  return printed_rects(run.output);
}

void expect_one_ordered_row(const Scale& scale, int count, const std::string& where) {
  SCOPED_TRACE(where);
  ASSERT_EQ(scale.points.size(), static_cast<std::size_t>(count));
  ASSERT_FALSE(scale.none.id.empty());
  const PrintedRect& first = scale.points.front();
  float spacing = 0;
  for (std::size_t i = 1; i < scale.points.size(); ++i) {
    const PrintedRect& point = scale.points[i];
    EXPECT_EQ(point.y0, first.y0) << point.id << " is on the row of " << first.id;
    EXPECT_EQ(point.y1, first.y1) << point.id;
    EXPECT_NEAR(point.width(), first.width(), 1.0f) << point.id << " is as wide as " << first.id;
    EXPECT_GT(point.x0, scale.points[i - 1].x1) << point.id << " comes after " << scale.points[i - 1].id;
    spacing = point.x0 - scale.points[i - 1].x1;
  }
  // "No opinion" after the last point, beside it with a clear gap or on a row of its own below.
  if (scale.none.y0 == first.y0) {
    EXPECT_GT(scale.none.x0 - scale.points.back().x1, spacing * 1.5f) << "a clear gap before no opinion";
  } else {
    EXPECT_GT(scale.none.y0, first.y1) << "no opinion below the row";
    EXPECT_GE(scale.none.x0, scale.points.back().x0 - 1) << "under the end of the row";
  }
}

TEST(ScaleWidget, FivePointsAndNoOpinionAreOneOrderedRowInBothOrientations) {
  for (const std::string size : {"1280x800", "800x1280"}) {
    const auto rects = widgets_on_first_point("scale_row_" + size, size, "1", kToFirstPoint);
    expect_one_ordered_row(scale_of(rects, "importance", 1, 5), 5, size + " importance");
    expect_one_ordered_row(scale_of(rects, "feasibility", 1, 5), 5, size + " feasibility");
  }
}

TEST(ScaleWidget, SevenPointsFromMinusThreeAndFourPointsFromZeroAreOneOrderedRow) {
  const std::string dir = scratch_dir("scale_ranges");
  for (const auto& [min, max] : {std::pair{-3, 3}, std::pair{0, 3}}) {
    const std::string pack = pack_with_importance(dir, min, max);
    const std::string name = "scale_range_" + std::to_string(min) + "_" + std::to_string(max);
    const auto rects = widgets_on_first_point(name, "1280x800", "1", kToFirstPoint, {"--pack", pack});
    expect_one_ordered_row(scale_of(rects, "importance", min, max), max - min + 1, name);
  }
}

TEST(ScaleWidget, TooNarrowForARowTheScaleIsAnOrderedListWithNoOpinionLast) {
  const auto rects = widgets_on_first_point("scale_list_600x900", "600x900", "2",
                                            kToFirstPointScrolling + "wheel 100 300 -6\n");
  const Scale scale = scale_of(rects, "importance", 1, 5);
  ASSERT_GE(scale.points.size(), 2u) << "the list starts on screen";
  for (std::size_t i = 1; i < scale.points.size(); ++i) {
    EXPECT_EQ(scale.points[i].x0, scale.points[0].x0) << scale.points[i].id;
    EXPECT_EQ(scale.points[i].x1, scale.points[0].x1) << scale.points[i].id;
    EXPECT_GT(scale.points[i].y0, scale.points[i - 1].y1) << scale.points[i].id << " below the one before";
  }
}

TEST(ScaleWidget, ArrowKeysMoveAndEnterChoosesThenTheNextScaleHasTheKeys) {
  const std::string dir = scratch_dir("scale_keys");
  const auto run =
      run_script(dir,
                 kToFirstPoint +
                     "key Right\nkey Right\nkey Right\nkey Left\nscreenshot scale-keys-focus.png\n"
                     "key Return\nkey Right\nkey Right\nkey Right\nkey Right\nkey Right\n"
                     "key Right\nkey Right\nkey Return\nexpect \"Opgeslagen\"\n",
                 {"--size", "1280x800", "--data-dir", dir + "/data", "--seed", "13"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  RawDatabase database(fs::path(dir) / "data" / "peiling.db");
  // Right three times from nothing: 1, 2, 3; Left: 2. On feasibility, Right past the end stops at
  // "no opinion", which Enter chooses as a skip (NULL).
  EXPECT_EQ(database.rows("SELECT scale_id, value FROM answers ORDER BY scale_id"),
            (std::vector<std::string>{"feasibility NULL", "importance 2"}));
}

}  // namespace
}  // namespace peiling::test
