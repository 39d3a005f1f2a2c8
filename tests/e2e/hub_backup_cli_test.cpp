// `peiling-hub backup` and `restore` as an organiser runs them: a hub filled by a kiosk's stick,
// backed up, restored in another folder, and the same `status --json` there.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/delivery.hpp"
#include "support/process.hpp"

namespace peiling::test {
namespace {

namespace fs = std::filesystem;

// ctest runs each case in a process of its own, side by side: each case gets folders of its own.
std::string case_dir(const std::string& base) {
  return scratch_dir(base + "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
}

class HubBackupCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = case_dir("hub_backup_cli");
    hub_db = dir + "/hub.db";
    const auto init = run_process({PEILING_HUB_BIN, "init", "--db", hub_db});
    ASSERT_EQ(init.exit_code, 0) << init.output;
    const auto pack = nlohmann::json::parse(
        read_file(fs::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs" / "valid-minimal.json"));
    deliver_respondents(hub_db, dir + "/pack.json", pack, 7, 0, 15);
    write_file(passphrase_file, "a passphrase of the bureau\n");
  }

  ProcessResult status_json(const std::string& db) {
    return run_process({PEILING_HUB_BIN, "status", "--db", db, "--json"});
  }

  std::string dir;
  std::string hub_db;
  std::string passphrase_file = case_dir("hub_backup_cli_secret") + "/passphrase";
};

TEST_F(HubBackupCli, RestoredElsewhereTheHubHasTheSameStatus) {
  const std::string backup = dir + "/hub.peiling-backup";
  const auto backed_up =
      run_process({PEILING_HUB_BIN, "backup", "--db", hub_db, backup, "--passphrase-file", passphrase_file});
  ASSERT_EQ(backed_up.exit_code, 0) << backed_up.output;
  EXPECT_NE(backed_up.output.find("written to " + backup), std::string::npos) << backed_up.output;
  EXPECT_NE(backed_up.output.find("7 responses"), std::string::npos) << backed_up.output;

  const std::string elsewhere = case_dir("hub_backup_cli_elsewhere") + "/restored.db";
  const auto restored = run_process(
      {PEILING_HUB_BIN, "restore", backup, "--db", elsewhere, "--passphrase-file", passphrase_file});
  ASSERT_EQ(restored.exit_code, 0) << restored.output;
  EXPECT_NE(restored.output.find("7 responses"), std::string::npos) << restored.output;

  const auto original = status_json(hub_db);
  const auto copy = status_json(elsewhere);
  ASSERT_EQ(original.exit_code, 0) << original.output;
  ASSERT_EQ(copy.exit_code, 0) << copy.output;
  EXPECT_EQ(copy.output, original.output);
  const auto counts = nlohmann::json::parse(copy.output);
  EXPECT_FALSE(counts.empty());
  const auto keys = run_process({PEILING_HUB_BIN, "keys", "show", "--db", hub_db});
  const auto copied_keys = run_process({PEILING_HUB_BIN, "keys", "show", "--db", elsewhere});
  EXPECT_EQ(copied_keys.output, keys.output);

  // Once more onto the restored hub: refused, and the hub still answers as before.
  const auto again = run_process(
      {PEILING_HUB_BIN, "restore", backup, "--db", elsewhere, "--passphrase-file", passphrase_file});
  EXPECT_EQ(again.exit_code, 1) << again.output;
  EXPECT_NE(again.output.find("already exists"), std::string::npos) << again.output;
  EXPECT_EQ(status_json(elsewhere).output, original.output);
}

TEST_F(HubBackupCli, AWrongPassphraseOrAShortOneIsAMessageAndExitOne) {
  const std::string backup = dir + "/hub.peiling-backup";
  ASSERT_EQ(
      run_process({PEILING_HUB_BIN, "backup", "--db", hub_db, backup, "--passphrase-file", passphrase_file})
          .exit_code,
      0);
  const std::string wrong = dir + "/wrong";
  write_file(wrong, "another passphrase\n");
  const auto refused =
      run_process({PEILING_HUB_BIN, "restore", backup, "--db", dir + "/new.db", "--passphrase-file", wrong});
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_NE(refused.output.find("The passphrase does not open"), std::string::npos) << refused.output;
  EXPECT_FALSE(fs::exists(dir + "/new.db"));

  const std::string short_one = dir + "/short";
  write_file(short_one, "too short\n");
  const auto too_short = run_process({PEILING_HUB_BIN, "backup", "--db", hub_db,
                                      dir + "/other.peiling-backup", "--passphrase-file", short_one});
  EXPECT_EQ(too_short.exit_code, 1) << too_short.output;
  EXPECT_NE(too_short.output.find("at least 10 characters"), std::string::npos) << too_short.output;
  EXPECT_FALSE(fs::exists(dir + "/other.peiling-backup"));
}

}  // namespace
}  // namespace peiling::test
