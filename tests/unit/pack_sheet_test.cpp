// Packs as workbooks: every valid pack survives to-sheet and from-sheet unchanged, and the
// change list the console shows before publishing.
#include "hub/pack_sheet.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "support/process.hpp"
#include "support/workbook_maker.hpp"

namespace peiling::hub {
namespace {

namespace fs = std::filesystem;
using test::read_file;

const fs::path kAssets(PEILING_ASSETS_DIR);
const fs::path kFixtures = fs::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs";

// Every valid pack this repository has: the bundled ones, the fixtures and the version 1 copies.
std::vector<fs::path> valid_packs() {
  std::vector<fs::path> out;
  for (const fs::path& folder : {kAssets / "packs", kFixtures, kFixtures / "v1"}) {
    for (const auto& entry : fs::directory_iterator(folder)) {
      const auto name = entry.path().filename().string();
      if (entry.path().extension() == ".json" && (folder != kFixtures || name.starts_with("valid-")))
        out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(PackSheet, EveryValidPackRoundTripsThroughAWorkbook) {
  const auto packs = valid_packs();
  ASSERT_GE(packs.size(), 7u);
  for (const auto& path : packs) {
    SCOPED_TRACE(path.string());
    const std::string original = read_file(path);
    auto workbook = workbook_from_pack(original, path.string());
    ASSERT_TRUE(workbook.ok()) << workbook.errors().joined();
    auto back = pack_from_workbook(workbook.value(), "pack.xlsx");
    ASSERT_TRUE(back.ok()) << back.errors().joined();
    // nlohmann::json keeps object keys sorted, so == compares keys and values, key order aside.
    EXPECT_EQ(nlohmann::json::parse(back->json), nlohmann::json::parse(original));
  }
}

// The workbooks shipped beside the bundled packs are what to-sheet makes of them: regenerate them
// with `make pack-workbooks` after changing a pack.
TEST(PackSheet, BundledWorkbooksMatchTheirPacks) {
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(kAssets / "packs")) {
    if (entry.path().extension() != ".json") continue;
    SCOPED_TRACE(entry.path().string());
    fs::path workbook = entry.path();
    workbook.replace_extension(".xlsx");
    ASSERT_TRUE(fs::exists(workbook)) << "no workbook beside the pack; run make pack-workbooks";
    auto read = pack_from_workbook(read_file(workbook), workbook.string());
    ASSERT_TRUE(read.ok()) << read.errors().joined();
    EXPECT_EQ(nlohmann::json::parse(read->json), nlohmann::json::parse(read_file(entry.path())))
        << "the workbook and the pack have drifted apart; run make pack-workbooks";
    ++checked;
  }
  EXPECT_GE(checked, 2);
}

// The README's worked example, its tables typed into a workbook as they stand, is the README's
// small JSON example.
TEST(PackSheet, TheReadmesWorkedExampleIsItsJsonExample) {
  const std::string readme = read_file(kAssets / "packs" / "README.md");
  std::smatch json;
  ASSERT_TRUE(std::regex_search(readme, json, std::regex("```json\n(\\{\n  \"format\"[^`]*)\n```")));
  const auto start = readme.find("### A worked example");
  const auto end = readme.find("A follow-up's choice questions", start);
  ASSERT_NE(start, std::string::npos);
  std::istringstream lines(readme.substr(start, end - start));
  test::Tables tables;
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("**") && line.ends_with("**")) {
      tables.push_back({line.substr(2, line.size() - 4), {}, {}});
    } else if (line.starts_with("| ") && !line.starts_with("| ---") && !tables.empty()) {
      std::vector<std::string> cells;
      for (std::size_t at = 1; at < line.size();) {
        const std::size_t next = line.find(" |", at);
        std::string cell = line.substr(at, next - at);
        cells.push_back(cell.size() <= 1 ? "" : cell.substr(1));
        at = next + 2;
      }
      tables.back().rows.push_back(std::move(cells));
    }
  }
  ASSERT_EQ(tables.size(), 6u);
  auto read = pack_from_workbook(test::make_xlsx(tables), "README.md");
  ASSERT_TRUE(read.ok()) << read.errors().joined();
  EXPECT_EQ(nlohmann::json::parse(read->json), nlohmann::json::parse(json[1].str()));
}

Pack load(const fs::path& path) {
  auto loaded = load_pack_file(path);
  if (!loaded) ADD_FAILURE() << loaded.errors().joined();
  return loaded ? loaded->pack : Pack{};
}

TEST(PackChanges, ListsPointsAddedRemovedRewordedAndScalesChanged) {
  const Pack old_pack = load(kFixtures / "valid-minimal.json");
  Pack new_pack = old_pack;
  ASSERT_GE(new_pack.points.size(), 3u);
  const std::string removed = new_pack.points[1].id;
  new_pack.points.erase(new_pack.points.begin() + 1);
  new_pack.points[0].body.by_language["en"] += " Reworded.";
  Point added = new_pack.points[0];
  added.id = "wg9-1";
  new_pack.points.push_back(added);
  new_pack.scales[0].labels[0].by_language["nl"] = "Anders";
  const PackChanges changes = pack_changes(old_pack, new_pack);
  EXPECT_EQ(changes.points_added, std::vector<std::string>{"wg9-1"});
  EXPECT_EQ(changes.points_removed, std::vector<std::string>{removed});
  EXPECT_EQ(changes.points_reworded, std::vector<std::string>{old_pack.points[0].id});
  EXPECT_EQ(changes.scales_changed, std::vector<std::string>{old_pack.scales[0].id});
  EXPECT_TRUE(pack_changes(old_pack, old_pack).empty());
}

TEST(PackChanges, VersionTwoOfTheConferencePackAddsPointsAndKeepsEveryOldOne) {
  const Pack v1 = load(kFixtures / "v1" / "conference-2009-11-13.json");
  const Pack v2 = load(kAssets / "packs" / "conference-2009-11-13.json");
  const PackChanges changes = pack_changes(v1, v2);
  EXPECT_EQ(changes.points_added.size(), v2.points.size() - v1.points.size());
  EXPECT_TRUE(changes.points_removed.empty());
  for (const auto& id : changes.points_added) EXPECT_EQ(v1.point(id), nullptr) << id;
  // Version 2 reworded some of the points it kept (issue 19); each listed one differs.
  EXPECT_FALSE(changes.points_reworded.empty());
  for (const auto& id : changes.points_reworded) {
    ASSERT_NE(v1.point(id), nullptr) << id;
    EXPECT_FALSE(v1.point(id)->title.by_language == v2.point(id)->title.by_language &&
                 v1.point(id)->body.by_language == v2.point(id)->body.by_language)
        << id;
  }
  EXPECT_TRUE(changes.scales_changed.empty());
}

}  // namespace
}  // namespace peiling::hub
