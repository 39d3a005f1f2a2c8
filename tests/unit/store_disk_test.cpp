// The store on disk: reopening, the folder lock, start-up checks, full and read-only disks, backups.
#include <gtest/gtest.h>
#include <sodium.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <random>
#include <stdexcept>
#include <thread>

#include "store/schema.hpp"
#include "store_test_support.hpp"
#include "support/process.hpp"
#include "support/raw_database.hpp"

namespace peiling::store::test {
namespace {

namespace fs = std::filesystem;
using peiling::test::RawDatabase;
using peiling::test::read_file;

std::string random_bytes(std::size_t size) {
  std::mt19937_64 random(std::random_device{}());
  std::string bytes(size, '\0');
  for (auto& byte : bytes) byte = static_cast<char>(random() & 0xff);
  return bytes;
}

// Compares file contents without printing kilobytes of binary on failure.
::testing::AssertionResult SameBytes(const std::string& actual, const std::string& expected) {
  if (actual == expected) return ::testing::AssertionSuccess();
  const auto diff = std::mismatch(actual.begin(), actual.end(), expected.begin(), expected.end());
  return ::testing::AssertionFailure() << "sizes " << actual.size() << " and " << expected.size()
                                       << ", first difference at byte " << (diff.first - actual.begin());
}

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class StoreDiskTest : public ::testing::Test {
 protected:
  void SetUp() override { dir = test_dir(); }

  // Every caller needs a store to go on; GoogleTest reports the exception as this test's failure.
  DeviceStore open_ok(StoreOptions options) {
    auto opened = DeviceStore::open(dir, std::move(options));
    if (!opened) throw std::runtime_error("could not open the store: " + opened.error().message);
    return std::move(opened.value());
  }
  DeviceStore open_ok() { return open_ok(clock.options()); }

  std::string begin(DeviceStore& store) {
    EXPECT_TRUE(Ok(store.remember_pack(kPack, kPackJson)));
    auto id = store.begin_response({kPack, "nl", std::nullopt, Mode::kiosk, {"p1", "p2"}});
    EXPECT_TRUE(Ok(id));
    return id.ok() ? id.value() : std::string();
  }

  fs::path db_path() const { return fs::path(dir) / kDatabaseFileName; }
  std::string moved_name() const {
    return std::string(kDatabaseFileName) + ".corrupt-" + format_compact_utc(clock.now());
  }

  std::string dir;
  TestClock clock;
};

TEST_F(StoreDiskTest, ReopeningKeepsTheDeviceAndEveryAnswer) {
  std::string device_id, response_id;
  std::array<unsigned char, 32> public_key{};
  {
    DeviceStore store = open_ok();
    device_id = store.device_id();
    public_key = store.signing_public_key();
    response_id = begin(store);
    ASSERT_TRUE(Ok(store.set_active_pack(kPack)));
    ASSERT_TRUE(Ok(store.record_answer(response_id, "p1", "importance", Rating::of(4))));
    ASSERT_TRUE(Ok(store.record_answer(response_id, "p1", "importance", Rating::of(5))));
    ASSERT_TRUE(Ok(store.increment_pin_failures()));
  }
  clock.advance(86'400'000);
  DeviceStore store = open_ok();
  EXPECT_EQ(store.device_id(), device_id);
  EXPECT_EQ(store.signing_public_key(), public_key);
  const auto signature = store.sign("hello");
  EXPECT_EQ(crypto_sign_verify_detached(signature.data(), reinterpret_cast<const unsigned char*>("hello"), 5,
                                        public_key.data()),
            0);
  auto response = store.response(response_id);
  ASSERT_TRUE(Ok(response));
  ASSERT_EQ(response->answers.size(), 1u);
  EXPECT_EQ(response->answers[0].rating, Rating::of(5));
  EXPECT_EQ(response->answers[0].revision, 2);
  auto active = store.active_pack();
  ASSERT_TRUE(Ok(active));
  EXPECT_EQ(active->value(), kPack);
  auto failures = store.increment_pin_failures();
  ASSERT_TRUE(Ok(failures));
  EXPECT_EQ(failures.value(), 2);
}

TEST_F(StoreDiskTest, TheFileIsASoundWalDatabaseOfTheLatestSchema) {
  DeviceStore store = open_ok();
  RawDatabase file(db_path());
  EXPECT_EQ(file.rows("PRAGMA journal_mode"), std::vector<std::string>{"wal"});
  EXPECT_EQ(file.rows("PRAGMA user_version"),
            std::vector<std::string>{std::to_string(latest_schema_version())});
  EXPECT_EQ(file.problems(), std::vector<std::string>{});
}

// The store's connection enforces foreign keys, so a discarded response takes its rows along.
TEST_F(StoreDiskTest, ADiscardedResponseLeavesNoRowBehind) {
  DeviceStore store = open_ok();
  const auto id = begin(store);
  ASSERT_TRUE(Ok(store.record_answer(id, "p1", "importance", Rating::of(3))));
  ASSERT_TRUE(Ok(store.set_comment(id, "p1", "x")));
  ASSERT_TRUE(Ok(store.set_top_choices(id, {"p1"})));
  ASSERT_TRUE(Ok(store.discard_response(id)));
  RawDatabase file(db_path());
  for (const std::string table : {"response_points", "answers", "comments", "top_choices"})
    EXPECT_EQ(file.rows("SELECT count(*) FROM " + table), std::vector<std::string>{"0"}) << table;
}

TEST_F(StoreDiskTest, ASecondStoreOnTheSameFolderIsRefusedUntilTheFirstCloses) {
  std::optional<DeviceStore> first = open_ok();
  auto second = DeviceStore::open(dir, clock.options());
  ASSERT_TRUE(FailsWith(second, ErrorKind::locked));
  EXPECT_NE(second.error().message.find("Another Peiling is using " + dir), std::string::npos)
      << second.error().message;
  first.reset();
  EXPECT_TRUE(Ok(DeviceStore::open(dir, clock.options())));
}

TEST_F(StoreDiskTest, AWriteWhileAnotherProgramHoldsTheDatabaseFailsAsLockedAndSavesNothing) {
  StoreOptions options = clock.options();
  options.busy_timeout_ms = 50;
  DeviceStore store = open_ok(options);
  const auto id = begin(store);
  RawDatabase other(db_path());
  ASSERT_EQ(other.exec("BEGIN IMMEDIATE"), SQLITE_OK);
  EXPECT_TRUE(FailsWith(store.record_answer(id, "p1", "importance", Rating::of(2)), ErrorKind::locked));
  ASSERT_EQ(other.exec("ROLLBACK"), SQLITE_OK);
  auto response = store.response(id);
  ASSERT_TRUE(Ok(response));
  EXPECT_TRUE(response->answers.empty());
  EXPECT_TRUE(Ok(store.record_answer(id, "p1", "importance", Rating::of(2))));
}

TEST_F(StoreDiskTest, RandomBytesAreMovedAsideWithWalAndShmAndAFreshDatabaseStarts) {
  const std::string garbage = random_bytes(64 * 1024), wal = random_bytes(4096), shm = random_bytes(32768);
  peiling::test::write_file(db_path().string(), garbage);
  peiling::test::write_file(db_path().string() + "-wal", wal);
  peiling::test::write_file(db_path().string() + "-shm", shm);
  const std::string moved = moved_name();
  {
    DeviceStore store = open_ok();
    EXPECT_TRUE(SameBytes(read_file(fs::path(dir) / moved), garbage));
    EXPECT_TRUE(SameBytes(read_file(fs::path(dir) / (moved + "-wal")), wal));
    EXPECT_TRUE(SameBytes(read_file(fs::path(dir) / (moved + "-shm")), shm));
    EXPECT_EQ(RawDatabase(db_path()).problems(), std::vector<std::string>{});
    auto counts = store.counts();
    ASSERT_TRUE(Ok(counts));
    EXPECT_EQ(counts->complete + counts->abandoned + counts->in_progress, 0);
    auto warnings = store.warnings();
    ASSERT_TRUE(Ok(warnings));
    ASSERT_EQ(warnings->size(), 1u);
    EXPECT_EQ(warnings->at(0).kind, WarningKind::corrupt_moved_aside);
    EXPECT_NE(warnings->at(0).message.find(moved), std::string::npos) << warnings->at(0).message;
  }
  DeviceStore store = open_ok();
  auto warnings = store.warnings();
  ASSERT_TRUE(Ok(warnings));
  EXPECT_EQ(warnings->size(), 1u) << "the admin screen shows it until dismissed";
  ASSERT_TRUE(Ok(store.dismiss_warnings()));
  warnings = store.warnings();
  ASSERT_TRUE(Ok(warnings));
  EXPECT_TRUE(warnings->empty());
}

TEST_F(StoreDiskTest, ADamagedPageFailsTheStartUpCheckAndIsMovedAsideUntouched) {
  std::string old_device;
  {
    DeviceStore store = open_ok();
    old_device = store.device_id();
    const auto id = begin(store);
    for (int i = 0; i < 400; ++i) {
      ASSERT_TRUE(Ok(store.set_comment(id, "p" + std::to_string(i), std::string(200, 'x'))));
    }
  }
  // Overwrite the middle of every page after the first (which holds the schema).
  std::string bytes = read_file(db_path());
  const std::size_t page = 4096;
  ASSERT_GT(bytes.size(), 4 * page);
  for (std::size_t offset = page + page / 4; offset + 64 < bytes.size(); offset += page) {
    std::fill_n(bytes.begin() + static_cast<std::ptrdiff_t>(offset), 64, '\xA5');
  }
  peiling::test::write_file(db_path().string(), bytes);

  DeviceStore store = open_ok();
  EXPECT_TRUE(SameBytes(read_file(fs::path(dir) / moved_name()), bytes));
  EXPECT_NE(store.device_id(), old_device) << "a fresh database is a new device";
  auto warnings = store.warnings();
  ASSERT_TRUE(Ok(warnings));
  ASSERT_EQ(warnings->size(), 1u);
  EXPECT_NE(warnings->at(0).message.find("nothing was deleted"), std::string::npos)
      << warnings->at(0).message;
}

TEST_F(StoreDiskTest, ASecondDamagedFileInTheSameSecondGetsItsOwnName) {
  const std::string first = random_bytes(8192), second = random_bytes(8192);
  peiling::test::write_file(db_path().string(), first);
  { open_ok(); }
  peiling::test::write_file(db_path().string(), second);
  { open_ok(); }
  EXPECT_TRUE(SameBytes(read_file(fs::path(dir) / moved_name()), first));
  EXPECT_TRUE(SameBytes(read_file(fs::path(dir) / (moved_name() + "-2")), second));
}

TEST_F(StoreDiskTest, ADatabaseFromANewerSchemaIsRefusedAndLeftByteForByte) {
  const int newer = latest_schema_version() + 1;
  {
    RawDatabase future(db_path());
    ASSERT_EQ(future.exec("PRAGMA journal_mode=WAL"), SQLITE_OK);
    sqlite3_db_config(future.handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    ASSERT_EQ(
        future.exec("CREATE TABLE from_the_future (x TEXT); PRAGMA user_version=" + std::to_string(newer)),
        SQLITE_OK);
    ASSERT_EQ(future.exec("INSERT INTO from_the_future VALUES ('still in the WAL')"), SQLITE_OK);
  }
  const std::string main_before = read_file(db_path());
  const std::string wal_before = read_file(db_path().string() + "-wal");
  ASSERT_FALSE(wal_before.empty()) << "the test needs un-checkpointed data in the WAL";
  const auto names_before = names_in(dir);

  for (int attempt = 0; attempt < 2; ++attempt) {
    auto refused = DeviceStore::open(dir, clock.options());
    ASSERT_TRUE(FailsWith(refused, ErrorKind::newer_schema));
    EXPECT_NE(
        refused.error().message.find("newer Peiling (schema " + std::to_string(newer) +
                                     "; this one knows up to " + std::to_string(latest_schema_version())),
        std::string::npos)
        << refused.error().message;
    EXPECT_NE(refused.error().message.find("left untouched"), std::string::npos);
  }
  // The data lives in the main file and the WAL; -shm is SQLite's rebuildable index of the WAL.
  EXPECT_TRUE(SameBytes(read_file(db_path()), main_before));
  EXPECT_TRUE(SameBytes(read_file(db_path().string() + "-wal"), wal_before));
  auto names_after = names_in(dir);
  std::erase(names_after, "peiling.lock");
  EXPECT_EQ(names_after, names_before) << "nothing moved aside, nothing added";
}

TEST_F(StoreDiskTest, AFullDiskFailsTheAnswerSavesNothingOfItAndWarnsTheAdmin) {
  std::int64_t pages = 0;
  {
    DeviceStore store = open_ok();
    pages = std::stoll(RawDatabase(db_path()).rows("PRAGMA page_count").at(0));
  }
  StoreOptions options = clock.options();
  options.max_page_count = pages + 2;
  DeviceStore store = open_ok(options);
  const auto id = begin(store);

  int saved = 0;
  std::optional<StoreResult<int>> failure;
  for (int i = 0; i < 100'000 && !failure; ++i) {
    auto revision =
        store.record_answer(id, "point-" + std::to_string(i), "importance", Rating::of(1 + i % 5));
    if (revision) {
      ++saved;
    } else {
      failure.emplace(std::move(revision));
    }
  }
  ASSERT_TRUE(failure.has_value()) << "the page cap never filled up";
  ASSERT_TRUE(FailsWith(*failure, ErrorKind::full));
  EXPECT_NE(failure->error().message.find("nothing was saved"), std::string::npos)
      << failure->error().message;

  auto response = store.response(id);
  ASSERT_TRUE(Ok(response));
  EXPECT_EQ(static_cast<int>(response->answers.size()), saved);
  for (const auto& answer : response->answers) EXPECT_NE(answer.item_id, "point-" + std::to_string(saved));
  auto warnings = store.warnings();
  ASSERT_TRUE(Ok(warnings));
  ASSERT_EQ(warnings->size(), 1u);
  EXPECT_EQ(warnings->at(0).kind, WarningKind::disk_full);
  EXPECT_EQ(RawDatabase(db_path()).problems(), std::vector<std::string>{});
  // Changing an existing answer needs no new page, so the respondent can still correct one.
  EXPECT_TRUE(Ok(store.record_answer(id, "point-0", "importance", Rating::of(5))));
}

// Runs body in a child process that cannot write where root could (it drops to nobody when the
// suite runs as root), and returns what body returned.
std::string run_without_root(const std::function<std::string()>& body) {
  int fds[2];
  if (pipe(fds) != 0) return "pipe failed";
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(3);
    const std::string text = body();
    const ssize_t written = write(fds[1], text.data(), text.size());
    _exit(written == static_cast<ssize_t>(text.size()) ? 0 : 4);
  }
  close(fds[1]);
  std::string text;
  char buffer[1024];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;)
    text.append(buffer, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return "child failed with status " + std::to_string(status);
  return text;
}

std::string open_and_describe(const std::string& dir) {
  auto opened = DeviceStore::open(dir);
  return opened ? std::string("opened")
                : std::string(to_string(opened.error().kind)) + ": " + opened.error().message;
}

// Makes a folder tree read-only for the test and writable again afterwards, so it can be cleaned.
class ReadOnlyTree {
 public:
  explicit ReadOnlyTree(fs::path root) : root_(std::move(root)) { set(false); }
  ~ReadOnlyTree() { set(true); }

 private:
  void set(bool writable) {
    const auto mode = writable ? fs::perm_options::add : fs::perm_options::remove;
    const auto bits = fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write;
    for (const auto& entry : fs::recursive_directory_iterator(root_))
      fs::permissions(entry.path(), bits, mode);
    fs::permissions(root_, bits, mode);
  }
  fs::path root_;
};

TEST_F(StoreDiskTest, AReadOnlyFolderIsAClearErrorAndItsDatabaseIsLeftAsItWas) {
  { open_ok(); }
  const std::string before = read_file(db_path());
  ReadOnlyTree read_only(dir);
  const std::string outcome = run_without_root([&] { return open_and_describe(dir); });
  EXPECT_EQ(outcome.rfind("read_only: ", 0), 0u) << outcome;
  EXPECT_NE(outcome.find(dir), std::string::npos) << outcome;
  EXPECT_TRUE(SameBytes(read_file(db_path()), before));
}

TEST_F(StoreDiskTest, ADataFolderThatCannotBeCreatedIsAClearError) {
  ReadOnlyTree read_only(dir);
  const std::string inside = dir + "/peiling";
  const std::string outcome = run_without_root([&] { return open_and_describe(inside); });
  EXPECT_EQ(outcome.rfind("read_only: ", 0), 0u) << outcome;
  EXPECT_NE(outcome.find(inside), std::string::npos) << outcome;
}

TEST_F(StoreDiskTest, ADataFolderPathThroughAFileIsAnIoError) {
  peiling::test::write_file(dir + "/a-file", "not a folder");
  const std::string outcome = open_and_describe(dir + "/a-file/data");
  EXPECT_EQ(outcome.rfind("io: ", 0), 0u) << outcome;
}

TEST_F(StoreDiskTest, BackupOfTheFolderWorksWhileTheStoreKeepsWriting) {
  DeviceStore store = open_ok();
  const auto id = begin(store);
  ASSERT_TRUE(Ok(store.record_answer(id, "first", "importance", Rating::of(3))));
  std::atomic<bool> stop = false;
  std::atomic<int> written = 0;
  std::thread writer([&] {
    for (int i = 0; !stop; ++i) {
      if (store.record_answer(id, "item-" + std::to_string(i), "importance", Rating::of(1 + i % 5)))
        ++written;
    }
  });
  while (written < 20) std::this_thread::yield();
  const std::string backup = test_dir("backup") + "/peiling-backup.db";
  const auto result = backup_data_dir(dir, backup);
  const int written_after_backup = written;
  stop = true;
  writer.join();
  ASSERT_TRUE(Ok(result));
  EXPECT_FALSE(fs::exists(backup + ".partial"));

  RawDatabase copy(backup);
  EXPECT_EQ(copy.problems(), std::vector<std::string>{});
  EXPECT_EQ(copy.rows("PRAGMA journal_mode"), std::vector<std::string>{"delete"})
      << "one self-contained file";
  const int copied = std::stoi(copy.rows("SELECT count(*) FROM answers").at(0));
  EXPECT_GE(copied, 1 + 20);
  EXPECT_LE(copied, 1 + written_after_backup);
  EXPECT_EQ(copy.rows("SELECT count(*) FROM answers WHERE item_id = 'first'"), std::vector<std::string>{"1"});
}

TEST_F(StoreDiskTest, BackupRefusesAMissingDatabaseAndAnExistingTarget) {
  EXPECT_TRUE(FailsWith(backup_data_dir(dir, dir + "/copy.db"), ErrorKind::not_found));
  { open_ok(); }
  const std::string target = test_dir("backup") + "/existing.db";
  peiling::test::write_file(target, "an earlier backup");
  EXPECT_TRUE(FailsWith(backup_data_dir(dir, target), ErrorKind::io));
  EXPECT_EQ(read_file(target), "an earlier backup");
}

}  // namespace
}  // namespace peiling::store::test
