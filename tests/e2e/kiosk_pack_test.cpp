// `peiling --pack FILE`: a valid pack runs and becomes the device's active pack; an invalid one is
// refused with the validator's lines, and the kiosk keeps running on the last good pack.
#include <gtest/gtest.h>

#include <sstream>

#include "support/process.hpp"

namespace peiling::test {
namespace {

const std::string kFixtures = std::string(PEILING_TEST_DATA_DIR) + "/fixtures/packs";

TEST(KioskPack, RunsAValidPackGivenOnTheCommandLine) {
  const auto dir = scratch_dir("kiosk_valid_pack");
  write_file(dir + "/t.script",
             "expect \"Proefconferentie ‘Klein maar compleet’\"\nexpect \"Wat kunnen wij samen doen?\"\n");
  const auto result = run_process({PEILING_KIOSK_BIN, "--headless", "--virtual-time", "--pack",
                                   kFixtures + "/valid-minimal.json", "--script", dir + "/t.script"});
  EXPECT_EQ(result.exit_code, 0) << result.output;
}

TEST(KioskPack, RefusesAnInvalidPackWithTheSameLinesAsTheHub) {
  const std::string pack = kFixtures + "/invalid/many-errors.json";
  const auto hub = run_process({PEILING_HUB_BIN, "pack", "validate", pack});
  ASSERT_EQ(hub.exit_code, 1) << hub.output;
  const auto kiosk =
      run_process({PEILING_KIOSK_BIN, "--headless", "--pack", pack, "--screenshot", "/dev/null"});
  EXPECT_EQ(kiosk.exit_code, 0) << kiosk.output;
  EXPECT_NE(kiosk.output.find("peiling: running the bundled pack, conference-2009-11-13"), std::string::npos)
      << kiosk.output;
  EXPECT_EQ(kiosk.signal, 0);
  EXPECT_NE(kiosk.output.find("peiling: refusing the pack " + pack + "; it is not valid:\n"),
            std::string::npos)
      << kiosk.output;
  std::istringstream lines(hub.output);
  int count = 0;
  for (std::string line; std::getline(lines, line); ++count) {
    EXPECT_NE(kiosk.output.find(line + "\n"), std::string::npos) << line << "\n---\n" << kiosk.output;
  }
  EXPECT_EQ(count, 5);
}

TEST(KioskPack, RefusesAPackTooDeepToParseWithoutCrashing) {
  const auto dir = scratch_dir("kiosk_deep_pack");
  write_file(dir + "/deep.json", std::string(100000, '[') + std::string(100000, ']'));
  const auto result = run_process(
      {PEILING_KIOSK_BIN, "--headless", "--pack", dir + "/deep.json", "--screenshot", dir + "/never.png"});
  EXPECT_EQ(result.signal, 0);
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find(": nested deeper than 32 levels"), std::string::npos) << result.output;
}

TEST(KioskPack, KeepsRunningOnTheLastGoodPackOfTheDevice) {
  const auto dir = scratch_dir("kiosk_last_good_pack");
  const std::string data_dir = dir + "/data";
  write_file(dir + "/good.script", "expect \"Proefconferentie\"\n");
  auto result = run_process({PEILING_KIOSK_BIN, "--headless", "--virtual-time", "--data-dir", data_dir,
                             "--pack", kFixtures + "/valid-minimal.json", "--script", dir + "/good.script"});
  ASSERT_EQ(result.exit_code, 0) << result.output;

  // The next start is given a broken pack: it is refused, and the device's last good pack runs.
  result = run_process({PEILING_KIOSK_BIN, "--headless", "--virtual-time", "--data-dir", data_dir, "--pack",
                        kFixtures + "/invalid/many-errors.json", "--script", dir + "/good.script"});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("refusing the pack"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("running the last good pack"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace peiling::test
