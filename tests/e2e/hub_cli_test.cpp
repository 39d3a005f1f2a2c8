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

// The life of a pack and its rehearsal from the command line: every bad input named, the state
// kept across runs (each command is a new process on the same database), --yes required.
TEST(HubCli, PackStateAndGoLiveNameBadInputAndKeepTheStateAcrossRuns) {
  const auto dir = scratch_dir("hub_pack_state");
  const std::string db = dir + "/hub.db";
  const std::string pack = kFixtures + "/valid-minimal.json";
  ASSERT_EQ(run_process({PEILING_HUB_BIN, "init", "--db", db}).exit_code, 0);
  auto result = run_process({PEILING_HUB_BIN, "pack", "publish", "--db", db, "--rehearsal", pack});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("published fixture-minimal version 3 as a rehearsal"), std::string::npos)
      << result.output;

  const auto refused = [&](std::vector<std::string> args, const std::string& message) {
    std::vector<std::string> argv{PEILING_HUB_BIN, "pack", "state", "--db", db};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto run = run_process(argv);
    EXPECT_EQ(run.exit_code, 1) << run.output;
    EXPECT_NE(run.output.find(message), std::string::npos) << run.output;
  };
  refused({"fixture-minimal", "ajar"}, "'ajar' is not a pack state; give open, closing or closed");
  refused({"fixture-minimal", "closing", "--closes-at", "half past four"},
          "closes at: 'half past four' is not a time; give it in UTC as 2026-12-03T15:00Z");
  refused({"fixture-minimal", "closing", "--closes-at", "2009-11-13T17:00Z"}, "has passed");
  refused({"unknown-pack", "closed"}, "pack unknown-pack is not published on this hub");

  result = run_process({PEILING_HUB_BIN, "pack", "state", "--db", db, "fixture-minimal", "closing",
                        "--closes-at", "2099-06-01T15:00"});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(
      result.output,
      "pack fixture-minimal is now closing, closing by itself at 2099-06-01T15:00:00.000Z; devices learn it "
      "at their next sync\n");
  // A new process on the same database: the state held, in what devices fetch.
  result = run_process({PEILING_HUB_BIN, "pack", "list", "--db", db});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("\"state\": \"closing\""), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("\"closes_at\": \"2099-06-01T15:00:00.000Z\""), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("\"rehearsal\": true"), std::string::npos) << result.output;

  result = run_process({PEILING_HUB_BIN, "pack", "go-live", "--db", db, "fixture-minimal"});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("deletes its 0 rehearsal response(s) for good; run it again with --yes"),
            std::string::npos)
      << result.output;
  result = run_process({PEILING_HUB_BIN, "pack", "go-live", "--db", db, "fixture-minimal", "--yes"});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  result = run_process({PEILING_HUB_BIN, "pack", "list", "--db", db});
  EXPECT_NE(result.output.find("\"rehearsal\": false"), std::string::npos) << result.output;
  result = run_process({PEILING_HUB_BIN, "audit", "--db", db});
  EXPECT_NE(result.output.find("pack-state"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("go-live"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace peiling::test
