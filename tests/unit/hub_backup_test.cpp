// `peiling-hub backup` and `restore` without the process: the round trip keeps everything, and
// every way a restore can go wrong (passphrase, a cut or altered file, an existing target, a newer
// schema) is refused with a message and leaves nothing behind. A backup taken while another
// connection keeps writing restores to a consistent hub.
#include <gtest/gtest.h>
#include <sodium.h>
#include <sqlite3.h>

#include <atomic>
#include <thread>

#include "hub/backup.hpp"
#include "hub/hub_import.hpp"
#include "hub/hub_schema.hpp"
#include "support/process.hpp"
#include "sync/files.hpp"
#include "sync/outbox.hpp"
#include "sync_test_support.hpp"

namespace peiling::hub {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kPassphrase = "correct horse battery";
constexpr std::size_t kHeaderBytes = 100;         // magic, format, costs, salt, key check, stream header
constexpr std::size_t kSealedChunk = 65536 + 17;  // a chunk of the database and its tag

std::vector<std::string> files_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class HubBackup : public ::testing::Test {
 protected:
  void SetUp() override {
    auto hub = sync::test::scratch_hub("hub_backup_", dir_name);
    ASSERT_TRUE(hub.has_value());
    dir = dir_name;
    pack = sync::test::pack_with(
        true, HubSettings{std::nullopt, std::nullopt, hub->sign_public_key(), hub->seal_public_key()});
    sign_key = hub->sign_public_key();
    hub.reset();
    deliver(5, "an@example.org");
  }

  // A tablet's visit of a stick and its import: count respondents, and an address when given.
  void deliver(int count, const std::string& address = {}) {
    auto device = sync::test::open_device(pack);
    peiling::test::add_respondents(device, pack, count);
    if (!address.empty()) {
      ASSERT_TRUE(device.add_contact({pack.id, address}).ok());
    }
    const fs::path stick = dir / ("stick-" + std::to_string(sticks++));
    auto exchanged = sync::exchange_with_folder(device, pack, stick);
    ASSERT_TRUE(exchanged.ok()) << exchanged.errors().joined();
    auto hub = HubStore::open(db());
    ASSERT_TRUE(hub.ok()) << hub.error().message;
    auto imported = import_and_acknowledge(hub.value(), {stick}, {});
    ASSERT_TRUE(imported.ok() && imported.value());
  }

  fs::path db() const { return dir / "hub.db"; }
  fs::path backup_file() const { return dir / "hub.peiling-backup"; }

  BackupSummary backed_up() {
    auto backup = backup_hub(db(), backup_file(), kPassphrase);
    EXPECT_TRUE(backup.ok()) << backup.errors().joined();
    return backup.ok() ? backup.value() : BackupSummary{};
  }

  // Restoring fails with a message containing `expected`, and the folder holds what it held before.
  void refused(const fs::path& file, std::string_view passphrase, std::string_view expected) {
    const auto before = files_in(dir);
    auto restored = restore_hub(file, dir / "restored.db", passphrase);
    ASSERT_FALSE(restored.ok());
    EXPECT_NE(restored.errors().joined().find(expected), std::string::npos) << restored.errors().joined();
    EXPECT_EQ(files_in(dir), before);
  }

  std::string dir_name;
  fs::path dir;
  Pack pack;
  std::string sign_key;
  int sticks = 0;
};

TEST_F(HubBackup, RestoresTheSameHubWithItsKeysContactsAndCounts) {
  const BackupSummary backup = backed_up();
  EXPECT_EQ(backup.file, backup_file());
  EXPECT_EQ(backup.bytes, fs::file_size(backup_file()));
  EXPECT_EQ(backup.responses, 5);
  EXPECT_EQ(backup.schema_version, hub_migration_steps().back().version);

  auto restored = restore_hub(backup_file(), dir / "restored.db", kPassphrase);
  ASSERT_TRUE(restored.ok()) << restored.errors().joined();
  EXPECT_EQ(restored->db, dir / "restored.db");
  EXPECT_EQ(restored->responses, 5);
  EXPECT_EQ(restored->schema_version, backup.schema_version);

  auto original = HubStore::open(db());
  auto copy = HubStore::open(dir / "restored.db");
  ASSERT_TRUE(original.ok() && copy.ok());
  EXPECT_EQ(copy->sign_public_key(), sign_key);
  EXPECT_EQ(copy->seal_public_key(), original->seal_public_key());
  auto contacts = copy->contacts();
  ASSERT_TRUE(contacts.ok());
  EXPECT_EQ(contacts.value(), (std::vector<Contact>{{pack.id, "an@example.org"}}));
  auto original_status = original->status();
  auto copy_status = copy->status();
  ASSERT_TRUE(original_status.ok() && copy_status.ok());
  ASSERT_EQ(copy_status->responses.size(), 1u);
  EXPECT_EQ(copy_status->responses.front().complete, 5);
  EXPECT_EQ(copy_status->devices, original_status->devices);
  EXPECT_EQ(copy_status->batches, original_status->batches);
}

TEST_F(HubBackup, TheFileShowsNothingOfTheDatabase) {
  backed_up();
  const std::string bytes = peiling::test::read_file(backup_file());
  EXPECT_EQ(bytes.rfind("PEILBACK", 0), 0u);
  EXPECT_EQ(bytes.find("SQLite format 3"), std::string::npos);
  EXPECT_EQ(bytes.find("an@example.org"), std::string::npos);
  EXPECT_EQ(bytes.find(peiling::test::kCommentMarker), std::string::npos);
  // Only the backup itself is left: no plain copy, no temporary file.
  EXPECT_EQ(files_in(dir), (std::vector<std::string>{"hub.db", "hub.peiling-backup", "stick-0"}));
}

TEST_F(HubBackup, AWrongPassphraseIsSaidSoAndRestoresNothing) {
  backed_up();
  refused(backup_file(), "not the right one", "The passphrase does not open");
}

TEST_F(HubBackup, ACutFileIsRefusedWhereverItIsCut) {
  backed_up();
  const std::string bytes = peiling::test::read_file(backup_file());
  ASSERT_GT(bytes.size(), kHeaderBytes + kSealedChunk + 1000) << "the hub should span two chunks";
  const auto cut_at = [&](std::size_t size, std::string_view expected) {
    SCOPED_TRACE("cut to " + std::to_string(size) + " bytes");
    const fs::path cut = dir / "cut.peiling-backup";
    peiling::test::write_file(cut.string(), bytes.substr(0, size));
    refused(cut, kPassphrase, expected);
    fs::remove(cut);
  };
  cut_at(0, "is not a Peiling hub backup");
  cut_at(kHeaderBytes - 1, "is not a Peiling hub backup");
  cut_at(kHeaderBytes, "is cut short");
  cut_at(kHeaderBytes + kSealedChunk, "is cut short");  // at a chunk's end: only the FINAL tag tells
  cut_at(kHeaderBytes + kSealedChunk + 10, "does not verify");
  cut_at(bytes.size() - 1, "does not verify");
}

TEST_F(HubBackup, AnAlteredByteAnywhereIsRefused) {
  backed_up();
  const std::string bytes = peiling::test::read_file(backup_file());
  const auto flipped_at = [&](std::size_t at, std::string_view expected) {
    SCOPED_TRACE("byte " + std::to_string(at) + " flipped");
    std::string altered = bytes;
    altered[at] = static_cast<char>(altered[at] ^ 0x01);
    const fs::path file = dir / "altered.peiling-backup";
    peiling::test::write_file(file.string(), altered);
    refused(file, kPassphrase, expected);
    fs::remove(file);
  };
  flipped_at(0, "is not a Peiling hub backup");
  flipped_at(30, "The passphrase does not open");   // the salt: another key
  flipped_at(60, "The passphrase does not open");   // the key check
  flipped_at(90, "does not verify");                // the stream header
  flipped_at(kHeaderBytes + 5, "does not verify");  // the first chunk
  flipped_at(kHeaderBytes + kSealedChunk + 1000, "does not verify");
  flipped_at(bytes.size() - 1, "does not verify");  // the last tag
  const fs::path longer = dir / "longer.peiling-backup";
  peiling::test::write_file(longer.string(), bytes + "x");
  refused(longer, kPassphrase, "altered");
}

TEST_F(HubBackup, ANewerFormatOrAnAbsurdCostIsRefusedBeforeAnyWork) {
  backed_up();
  const std::string bytes = peiling::test::read_file(backup_file());
  std::string newer = bytes;
  newer[8] = 2;  // the format, right after the magic
  peiling::test::write_file((dir / "newer.peiling-backup").string(), newer);
  refused(dir / "newer.peiling-backup", kPassphrase, "backup format 2; this one reads format 1");
  std::string costly = bytes;
  costly[20 + 7] = 0x7f;  // memlimit's top byte: far beyond any machine
  peiling::test::write_file((dir / "costly.peiling-backup").string(), costly);
  refused(dir / "costly.peiling-backup", kPassphrase, "has a damaged header");
}

TEST_F(HubBackup, NeverOverwritesAnExistingDatabaseOrBackup) {
  backed_up();
  peiling::test::write_file((dir / "restored.db").string(), "an organiser's other hub");
  refused(backup_file(), kPassphrase, "already exists");
  EXPECT_EQ(peiling::test::read_file(dir / "restored.db"), "an organiser's other hub");
  fs::remove(dir / "restored.db");
  // A stale write-ahead log would be replayed into the restored database.
  peiling::test::write_file((dir / "restored.db-wal").string(), "stale");
  refused(backup_file(), kPassphrase, "restored.db-wal' already exists");

  const std::string before = peiling::test::read_file(backup_file());
  auto again = backup_hub(db(), backup_file(), kPassphrase);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.errors().joined().find("no earlier backup is lost"), std::string::npos);
  EXPECT_EQ(peiling::test::read_file(backup_file()), before);
}

TEST_F(HubBackup, ANewerSchemaIsBackedUpButNotRestored) {
  const int newer = hub_migration_steps().back().version + 1;
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db().c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, ("PRAGMA user_version = " + std::to_string(newer)).c_str(), nullptr, nullptr,
                         nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  EXPECT_EQ(backed_up().schema_version, newer);
  refused(backup_file(), kPassphrase, "was written by a newer peiling-hub (schema " + std::to_string(newer));
}

TEST_F(HubBackup, AShortPassphraseOrAMissingHubWritesNothing) {
  const auto before = files_in(dir);
  auto short_one = backup_hub(db(), backup_file(),
                              "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                              "abcd");  // 9 characters in 14 bytes
  ASSERT_FALSE(short_one.ok());
  EXPECT_NE(short_one.errors().joined().find("at least 10 characters"), std::string::npos);
  auto missing = backup_hub(dir / "nothing.db", backup_file(), kPassphrase);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.errors().joined().find("There is no hub database"), std::string::npos);
  peiling::test::write_file((dir / "other.db").string(), "");
  auto other = backup_hub(dir / "other.db", backup_file(), kPassphrase);
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.errors().joined().find("is not a Peiling hub database"), std::string::npos);
  fs::remove(dir / "other.db");
  EXPECT_EQ(files_in(dir), before);
  refused(db(), kPassphrase, "is not a Peiling hub backup");
}

TEST_F(HubBackup, ABackupWhileAnotherConnectionWritesIsConsistent) {
  // Batch files made beforehand, one respondent each, so that the writer does nothing but write.
  constexpr int kBatches = 100;
  std::vector<std::string> batches;
  {
    auto device = sync::test::open_device(pack);
    for (int n = 0; n < kBatches; ++n) {
      peiling::test::add_respondents(device, pack, 1);
      auto formed = sync::form_batches(device, pack);
      ASSERT_TRUE(formed.ok() && formed.value() == 1);
    }
    auto exported = sync::export_batches(device, pack, dir / "batches");
    ASSERT_TRUE(exported.ok()) << exported.errors().joined();
    for (const auto& file : sync::sorted_json_files(dir / "batches")) {
      batches.push_back(peiling::test::read_file(file));
    }
    ASSERT_EQ(batches.size(), static_cast<std::size_t>(kBatches));
  }

  std::atomic<int> ingested{0};
  std::atomic<bool> writer_failed{false};
  std::thread writer([&] {
    auto hub = HubStore::open(db());
    if (!hub.ok()) {
      writer_failed = true;
      return;
    }
    for (const auto& bytes : batches) {
      auto batch = ingest_batch_bytes(hub.value(), bytes, "batch.json", false);
      if (!batch.ok() || batch->rejected) writer_failed = true;
      ++ingested;
    }
  });
  std::vector<std::int64_t> seen;
  for (int n = 0; n < 3; ++n) {
    while (ingested < 5 * (n + 1) && ingested < static_cast<int>(batches.size())) std::this_thread::yield();
    const fs::path file = dir / ("during-" + std::to_string(n) + ".peiling-backup");
    auto backup = backup_hub(db(), file, kPassphrase);
    ASSERT_TRUE(backup.ok()) << backup.errors().joined();
    auto restored = restore_hub(file, dir / ("during-" + std::to_string(n) + ".db"), kPassphrase);
    ASSERT_TRUE(restored.ok()) << restored.errors().joined();
    EXPECT_EQ(restored->responses, backup->responses);
    seen.push_back(restored->responses);
  }
  writer.join();
  EXPECT_FALSE(writer_failed);
  // The first snapshot came while the writer still had most of its batches to go.
  EXPECT_LT(seen.front(), 5 + kBatches);
  for (std::size_t n = 0; n < seen.size(); ++n) {
    EXPECT_GE(seen[n], 5);
    EXPECT_LE(seen[n], 5 + kBatches);
    if (n > 0) {
      EXPECT_GE(seen[n], seen[n - 1]);
    }
  }
  auto hub = HubStore::open(db());
  ASSERT_TRUE(hub.ok());
  auto status = hub->status();
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->responses.front().complete, 5 + kBatches);
}

}  // namespace
}  // namespace peiling::hub
