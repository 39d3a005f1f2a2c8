#include <gtest/gtest.h>

#include "support/process.hpp"

namespace peiling::test {
namespace {

const std::string kFixtures = std::string(PEILING_TEST_DATA_DIR) + "/fixtures/packs";

TEST(HubCli, ValidatesTheBundledPack) {
  const std::string pack = std::string(PEILING_ASSETS_DIR) + "/packs/conference-2009-11-13.json";
  const auto result = run_process({PEILING_HUB_BIN, "pack", "validate", pack});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output.rfind(pack + ": ok (", 0), 0u) << result.output;
  EXPECT_NE(result.output.find(", languages nl,en)\n"), std::string::npos) << result.output;
}

TEST(HubCli, SummarisesAValidPack) {
  const std::string pack = kFixtures + "/valid-minimal.json";
  const auto result = run_process({PEILING_HUB_BIN, "pack", "validate", pack});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output, pack + ": ok (4 points, 2 scenes, languages nl,en)\n");
}

TEST(HubCli, ReportsEveryErrorOfEveryFileAndExitsOne) {
  const std::string good = kFixtures + "/valid-minimal.json";
  const std::string bad = kFixtures + "/invalid/many-errors.json";
  const std::string newer = kFixtures + "/invalid/newer-format.json";
  const auto result = run_process({PEILING_HUB_BIN, "pack", "validate", good, bad, newer});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  std::string expected = good + ": ok (4 points, 2 scenes, languages nl,en)\n";
  for (const char* line :
       {": /extra: unknown key", ": /title/en: missing translation",
        ": /settings/idle_countdown_s: 2 is out of range 3..120", ": /open_questions: must not be empty",
        ": /points/0/theme: unknown theme id 'nowhere'"}) {
    expected += bad + line + "\n";
  }
  expected += newer +
              ": /format: 'peiling.pack/2' is a newer format than this Peiling reads (peiling.pack/1.1); " +
              "update Peiling\n";
  EXPECT_EQ(result.output, expected);
}

TEST(HubCli, RefusesABrokenPackWithExitOne) {
  const auto dir = scratch_dir("hub_broken_pack");
  write_file(dir + "/broken.json", R"({"format": "peiling.pack/1", "id": )");
  const auto result = run_process({PEILING_HUB_BIN, "pack", "validate", dir + "/broken.json"});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(
      result.output.find("broken.json: invalid JSON at byte 35 (line 1, column 36): the text ends too early"),
      std::string::npos)
      << result.output;
}

TEST(HubCli, AMissingFileIsAnErrorNotACrash) {
  const auto result = run_process({PEILING_HUB_BIN, "pack", "validate", "/nonexistent/pack.json"});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("/nonexistent/pack.json: cannot read: "), std::string::npos) << result.output;
}

TEST(HubCli, NoSubcommandPrintsUsage) {
  const auto result = run_process({PEILING_HUB_BIN});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.output.find("pack"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace peiling::test
