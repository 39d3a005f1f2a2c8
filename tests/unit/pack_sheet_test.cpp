// Packs as workbooks: every valid pack survives to-sheet and from-sheet unchanged, and the
// change list the console shows before publishing.
#include "hub/pack_sheet.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/process.hpp"

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

}  // namespace
}  // namespace peiling::hub
