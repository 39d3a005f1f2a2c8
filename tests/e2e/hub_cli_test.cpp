#include <gtest/gtest.h>

#include "support/process.hpp"

namespace peiling::test {
namespace {

TEST(HubCli, ValidatesTheBundledPack) {
  const std::string pack = std::string(PEILING_ASSETS_DIR) + "/packs/conference-2009-11-13.json";
  const auto result = run_process({PEILING_HUB_BIN, "pack", "validate", pack});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find(pack + ": ok"), std::string::npos) << result.output;
}

TEST(HubCli, RefusesABrokenPackWithExitOne) {
  const auto dir = scratch_dir("hub_broken_pack");
  write_file(dir + "/broken.json", R"({"format": "peiling.pack/1", "id": )");
  const auto result = run_process({PEILING_HUB_BIN, "pack", "validate", dir + "/broken.json"});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("broken.json: invalid JSON"), std::string::npos) << result.output;
}

TEST(HubCli, NoSubcommandPrintsUsage) {
  const auto result = run_process({PEILING_HUB_BIN});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.output.find("pack"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace peiling::test
