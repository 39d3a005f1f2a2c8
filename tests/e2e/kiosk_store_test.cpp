// The kiosk and its device store, as the operator meets them: --data-dir, --backup, and the
// start-up checks that must be shown rather than fail silently.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <random>

#include "store/device_store.hpp"
#include "store/schema.hpp"
#include "support/process.hpp"

namespace peiling::test {
namespace {

namespace fs = std::filesystem;
using store::DeviceStore;

ProcessResult run_headless(const std::string& data_dir, const std::string& work_dir) {
  return run_process({PEILING_KIOSK_BIN, "--headless", "--data-dir", data_dir, "--screenshot", "welcome.png"},
                     {.working_dir = work_dir, .timeout_seconds = 60});
}

TEST(KioskStore, BackupWhileAKioskHoldsTheFolderRestoresToTheSameDevice) {
  const auto dir = scratch_dir("kiosk_backup");
  const auto data = dir + "/data";
  std::string device_id, response_id;
  auto running = DeviceStore::open(data);  // holds the folder like a kiosk in use
  ASSERT_TRUE(running.ok()) << running.error().message;
  device_id = running->device_id();
  ASSERT_TRUE(running->remember_pack({"p", 1}, "{}").ok());
  auto begun = running->begin_response({{"p", 1}, "nl", std::nullopt, Mode::kiosk, {"p1"}});
  ASSERT_TRUE(begun.ok());
  response_id = begun.value();
  ASSERT_TRUE(running->record_answer(response_id, "p1", "importance", Rating::of(4)).ok());

  const auto result =
      run_process({PEILING_KIOSK_BIN, "--data-dir", data, "--backup", "copy.db"}, {.working_dir = dir});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("written to " + (fs::path(dir) / "copy.db").string()), std::string::npos)
      << result.output;
  ASSERT_TRUE(running->record_answer(response_id, "p1", "importance", Rating::of(1)).ok())
      << "the kiosk keeps working during and after the backup";

  // Restoring is putting the copy in a data folder as peiling.db.
  fs::create_directories(dir + "/restored");
  fs::copy_file(dir + "/copy.db", dir + "/restored/" + store::kDatabaseFileName);
  auto restored = DeviceStore::open(dir + "/restored");
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  EXPECT_EQ(restored->device_id(), device_id);
  auto response = restored->response(response_id);
  ASSERT_TRUE(response.ok()) << response.error().message;
  ASSERT_EQ(response->answers.size(), 1u);
  EXPECT_EQ(response->answers[0].rating, Rating::of(4)) << "the copy is the moment of the backup";
}

TEST(KioskStore, BackupOfAFolderWithoutADatabaseFailsClearly) {
  const auto dir = scratch_dir("kiosk_backup_empty");
  const auto result = run_process({PEILING_KIOSK_BIN, "--data-dir", dir, "--backup", dir + "/copy.db"});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("there is no Peiling database in " + dir), std::string::npos) << result.output;
  EXPECT_FALSE(fs::exists(dir + "/copy.db"));
}

TEST(KioskStore, ADamagedDatabaseIsMovedAsideAndTheOperatorIsTold) {
  const auto dir = scratch_dir("kiosk_corrupt");
  std::mt19937 random(std::random_device{}());
  std::string garbage(20'000, '\0');
  for (auto& byte : garbage) byte = static_cast<char>(random() & 0xff);
  write_file(dir + "/peiling.db", garbage);

  const auto result = run_headless(dir, dir);
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("peiling: warning: peiling.db in " + dir + " failed its start-up check"),
            std::string::npos)
      << result.output;
  std::vector<fs::path> moved;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename().string().rfind("peiling.db.corrupt-", 0) == 0) moved.push_back(entry.path());
  }
  ASSERT_EQ(moved.size(), 1u);
  EXPECT_TRUE(read_file(moved[0]) == garbage) << "moved aside byte for byte";
  EXPECT_NE(result.output.find(moved[0].filename().string()), std::string::npos) << result.output;
}

TEST(KioskStore, ADatabaseFromANewerPeilingIsRefusedUntouched) {
  const auto dir = scratch_dir("kiosk_newer");
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir + "/peiling.db").c_str(), &db), SQLITE_OK);
    const std::string sql =
        "CREATE TABLE later (x); PRAGMA user_version=" + std::to_string(store::latest_schema_version() + 1);
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }
  const std::string before = read_file(dir + "/peiling.db");
  const auto result = run_headless(dir, dir);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("was written by a newer Peiling"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("left untouched"), std::string::npos) << result.output;
  EXPECT_TRUE(read_file(dir + "/peiling.db") == before);
  EXPECT_FALSE(fs::exists(dir + "/welcome.png")) << "no screen is shown on a refused database";
}

TEST(KioskStore, ASecondKioskOnTheSameFolderIsRefused) {
  const auto dir = scratch_dir("kiosk_second");
  auto first = DeviceStore::open(dir);
  ASSERT_TRUE(first.ok()) << first.error().message;
  const auto result = run_headless(dir, dir);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("Another Peiling is using " + dir), std::string::npos) << result.output;
}

TEST(KioskStore, AHeadlessRunWithoutDataDirLeavesTheUsersDataAlone) {
  const auto home = scratch_dir("kiosk_home");
  const auto result =
      run_process({PEILING_KIOSK_BIN, "--headless", "--screenshot", "welcome.png"},
                  {.set_env = {{"HOME", home}}, .unset_env = {"XDG_DATA_HOME"}, .working_dir = home});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_FALSE(fs::exists(home + "/.local/share/peiling")) << "a batch run uses a temporary data folder";
}

}  // namespace
}  // namespace peiling::test
