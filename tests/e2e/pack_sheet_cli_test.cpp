// `peiling-hub pack to-sheet` and `from-sheet` as an organiser runs them, and the bundled workbooks
// opened and saved again by LibreOffice (headless), which writes .xlsx and .ods its own way: the
// check that the reader is not tuned to libxlsxwriter's output.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/workbook_maker.hpp"

namespace peiling::test {
namespace {

namespace fs = std::filesystem;

const fs::path kPacks = fs::path(PEILING_ASSETS_DIR) / "packs";

nlohmann::json json_of(const fs::path& path) {
  return nlohmann::json::parse(read_file(path));
}

TEST(PackSheetCli, ToSheetThenFromSheetGivesThePackBack) {
  const std::string dir = scratch_dir("pack_sheet_round_trip");
  const std::string pack = (kPacks / "follow-up-2010-spring.json").string();
  const auto to = run_process({PEILING_HUB_BIN, "pack", "to-sheet", pack, dir + "/follow-up.xlsx"});
  ASSERT_EQ(to.exit_code, 0) << to.output;
  EXPECT_EQ(to.output, pack + ": written to " + dir + "/follow-up.xlsx\n");
  const auto from =
      run_process({PEILING_HUB_BIN, "pack", "from-sheet", dir + "/follow-up.xlsx", dir + "/back.json"});
  ASSERT_EQ(from.exit_code, 0) << from.output;
  EXPECT_EQ(from.output.rfind(dir + "/follow-up.xlsx: ok (76 points", 0), 0u) << from.output;
  EXPECT_EQ(json_of(dir + "/back.json"), json_of(pack));
}

TEST(PackSheetCli, ABrokenWorkbookPrintsEveryErrorExitsOneAndWritesNothing) {
  const std::string dir = scratch_dir("pack_sheet_broken");
  auto tables = minimal_pack_tables();
  set_cell(tables, "points", "F2", "");
  set_cell(tables, "points", "B2", "nope");
  write_file(dir + "/broken.xlsx", make_xlsx(tables));
  const auto result =
      run_process({PEILING_HUB_BIN, "pack", "from-sheet", dir + "/broken.xlsx", dir + "/out.json"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.output,
            dir + "/broken.xlsx: points!F2 (title::en): empty, but the pack has the language en\n" + dir +
                "/broken.xlsx: points!B2 (theme): unknown theme id 'nope'\n");
  EXPECT_FALSE(fs::exists(dir + "/out.json"));
}

TEST(PackSheetCli, AnInvalidPackIsNotWrittenAsAWorkbook) {
  const std::string dir = scratch_dir("pack_sheet_invalid");
  const std::string pack = std::string(PEILING_TEST_DATA_DIR) + "/fixtures/packs/invalid/dangling-theme.json";
  const auto result = run_process({PEILING_HUB_BIN, "pack", "to-sheet", pack, dir + "/out.xlsx"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find(pack + ": /points/"), std::string::npos) << result.output;
  EXPECT_FALSE(fs::exists(dir + "/out.xlsx"));
}

TEST(PackSheetLibreOffice, BundledWorkbooksSavedAgainAsXlsxAndOdsReadBackEqual) {
  const std::string dir = scratch_dir("pack_sheet_libreoffice");
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(kPacks)) {
    if (entry.path().extension() != ".xlsx") continue;
    fs::path json = entry.path();
    json.replace_extension(".json");
    for (const std::string format : {"xlsx", "ods"}) {
      SCOPED_TRACE(entry.path().string() + " as " + format);
      const std::string out_dir = dir + "/" + format;
      // A profile of its own, so that no running LibreOffice of the user's takes the job over.
      const auto converted =
          run_process({"soffice", "--headless", "-env:UserInstallation=file://" + dir + "/profile",
                       "--convert-to", format, "--outdir", out_dir, entry.path().string()},
                      {.timeout_seconds = 180});
      ASSERT_EQ(converted.exit_code, 0) << converted.output;
      fs::path saved = fs::path(out_dir) / entry.path().filename();
      saved.replace_extension("." + format);
      ASSERT_TRUE(fs::exists(saved)) << converted.output;
      const std::string back = dir + "/" + entry.path().stem().string() + "-" + format + ".json";
      const auto read = run_process({PEILING_HUB_BIN, "pack", "from-sheet", saved.string(), back});
      ASSERT_EQ(read.exit_code, 0) << read.output;
      EXPECT_EQ(json_of(back), json_of(json));
      ++checked;
    }
  }
  EXPECT_GE(checked, 4);
}

}  // namespace
}  // namespace peiling::test
