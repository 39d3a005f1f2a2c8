// The console's import from uploaded bytes: batch files from the fixtures, contact files, and
// zips of a stick's folder made here, each with its outcome; hostile zips refused whole with
// nothing stored; and the acknowledgement to give back for the stick.
#include "hub/hub_upload.hpp"

#include <gtest/gtest.h>
#include <zip.h>

#include "core/codec.hpp"
#include "sync/ack_file.hpp"
#include "sync/contact_file.hpp"
#include "sync/files.hpp"
#include "sync/outbox.hpp"
#include "sync_test_support.hpp"

namespace peiling::hub {
namespace {

namespace fs = std::filesystem;

struct ZipEntryToWrite {
  std::string name;
  std::string bytes;
  bool symlink = false;
};

// A zip made in memory by libzip, as a browser's user would make one of a stick's folder.
std::string zip_of(const std::vector<ZipEntryToWrite>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* zip = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  EXPECT_NE(zip, nullptr);
  zip_source_keep(buffer);
  for (const auto& entry : entries) {
    zip_source_t* source = zip_source_buffer(zip, entry.bytes.data(), entry.bytes.size(), 0);
    const zip_int64_t index = zip_file_add(zip, entry.name.c_str(), source, ZIP_FL_ENC_UTF_8);
    EXPECT_GE(index, 0) << entry.name;
    if (entry.symlink) {
      zip_file_set_external_attributes(zip, static_cast<zip_uint64_t>(index), 0, ZIP_OPSYS_UNIX,
                                       0120777u << 16);
    }
  }
  EXPECT_EQ(zip_close(zip), 0);
  std::string bytes;
  EXPECT_EQ(zip_source_open(buffer), 0);
  char chunk[4096];
  for (zip_int64_t got; (got = zip_source_read(buffer, chunk, sizeof chunk)) > 0;) {
    bytes.append(chunk, static_cast<std::size_t>(got));
  }
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return bytes;
}

std::string fixture_batch(const char* name) {
  return peiling::test::read_file(fs::path(PEILING_TEST_DATA_DIR) / "fixtures" / "batches" / name);
}

class HubUpload : public ::testing::Test {
 protected:
  void SetUp() override {
    hub = sync::test::scratch_hub("hub_upload_", dir);
    ASSERT_TRUE(hub.has_value());
    pack = sync::test::pack_with(
        true, HubSettings{std::nullopt, std::nullopt, hub->sign_public_key(), hub->seal_public_key()});
  }

  UploadOutcome upload(const std::vector<UploadedFile>& files, bool strict = false) {
    auto outcome = import_uploads(*hub, files, strict);
    EXPECT_TRUE(outcome.ok()) << outcome.errors().joined();
    return outcome.ok() ? outcome.value() : UploadOutcome{};
  }

  // A tablet's export onto a stick folder: its batch files and its contact file.
  fs::path stick_of_a_tablet(int respondents, const std::string& address) {
    auto device = sync::test::open_device(pack);
    peiling::test::add_respondents(device, pack, respondents);
    EXPECT_TRUE(device.add_contact({pack.id, address}).ok());
    const fs::path stick = fs::path(dir) / "stick";
    auto exchanged = sync::exchange_with_folder(device, pack, stick);
    EXPECT_TRUE(exchanged.ok()) << exchanged.errors().joined();
    return stick;
  }

  int counted_batches() {
    auto status = hub->status();
    EXPECT_TRUE(status.ok());
    return status.ok() ? status->batches + status->quarantined_batches : -1;
  }

  std::string dir;
  std::optional<HubStore> hub;
  Pack pack;
};

TEST_F(HubUpload, BatchFilesAreNewThenAlreadyHad) {
  const UploadOutcome first = upload({{"plain.json", fixture_batch("plain.json")},
                                      {"tablet.json", fixture_batch("tablet-with-choices.json")}});
  ASSERT_EQ(first.files.size(), 2u);
  EXPECT_EQ(first.files[0].name, "plain.json");
  EXPECT_EQ(first.files[0].kind, UploadKind::batch);
  EXPECT_EQ(first.files[0].status, UploadStatus::added) << first.files[0].reason;
  EXPECT_EQ(first.files[0].responses_added, 2);
  EXPECT_EQ(first.files[1].status, UploadStatus::added) << first.files[1].reason;
  EXPECT_TRUE(first.clean());
  EXPECT_EQ(counted_batches(), 2);

  const UploadOutcome again = upload({{"plain (1).json", fixture_batch("plain.json")}});
  ASSERT_EQ(again.files.size(), 1u);
  EXPECT_EQ(again.files[0].status, UploadStatus::already_had);
  EXPECT_EQ(again.files[0].responses_added, 0);
  EXPECT_TRUE(again.clean());
  EXPECT_EQ(counted_batches(), 2);
}

TEST_F(HubUpload, StrictQuarantinesANewDevicesBatch) {
  const UploadOutcome outcome = upload({{"plain.json", fixture_batch("plain.json")}}, true);
  ASSERT_EQ(outcome.files.size(), 1u);
  EXPECT_EQ(outcome.files[0].status, UploadStatus::quarantined);
  auto status = hub->status();
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->quarantined_batches, 1);
  EXPECT_EQ(status->batches, 0);
}

TEST_F(HubUpload, WhatIsNoBatchIsRefusedWithTheReasonAndNothingStored) {
  const UploadOutcome outcome = upload({
      {"notes.txt", "Kiosk 3 was in zaal B"},
      {"huge.json", std::string(sync::kMaxBatchFileBytes + 1, ' ')},
      {"other-hub.json", fixture_batch("sealed.json")},
      {"empty.json", "{}"},
  });
  ASSERT_EQ(outcome.files.size(), 4u);
  for (const auto& file : outcome.files) {
    EXPECT_EQ(file.status, UploadStatus::refused) << file.name;
    EXPECT_FALSE(file.reason.empty()) << file.name;
    EXPECT_NE(file.reason.rfind(file.name + ":", 0), 0u)
        << "the reason names the file twice: " << file.reason;
  }
  EXPECT_NE(outcome.files[1].reason.find("over the batch file limit"), std::string::npos)
      << outcome.files[1].reason;
  EXPECT_NE(outcome.files[2].reason.find("does not open with this hub's key"), std::string::npos)
      << outcome.files[2].reason;
  EXPECT_EQ(outcome.files[0].reason.find("zaal"), std::string::npos) << outcome.files[0].reason;
  EXPECT_FALSE(outcome.clean());
  EXPECT_EQ(counted_batches(), 0);
}

TEST_F(HubUpload, TheSameSeqWithOtherAnswersIsAConflictAndTheStoredBatchStays) {
  auto device = sync::test::open_device(pack);
  const auto respondents = peiling::test::add_respondents(device, pack, 2);
  const sync::test::SigningKeys keys;
  const auto signer = keys.signer(random_uuid_v4());
  const auto batch_of = [&](const Response& response) {
    const sync::BatchPayload payload{random_uuid_v4(), signer.device_id, 1, 1'258'099'200'000, {response}};
    return sync::encode_batch_file(sync::encode_payload(payload), 1, signer, std::nullopt).file;
  };
  const UploadOutcome outcome = upload(
      {{"first.json", batch_of(respondents.given[0])}, {"second.json", batch_of(respondents.given[1])}});
  ASSERT_EQ(outcome.files.size(), 2u);
  EXPECT_EQ(outcome.files[0].status, UploadStatus::added);
  EXPECT_EQ(outcome.files[1].status, UploadStatus::conflict);
  EXPECT_NE(outcome.files[1].reason.find("the stored one is kept"), std::string::npos)
      << outcome.files[1].reason;
  EXPECT_FALSE(outcome.clean());
  EXPECT_EQ(counted_batches(), 1);
}

TEST_F(HubUpload, AZipOfAStickTakesItsBatchesAndContactsAndSkipsWhatImportSkips) {
  const fs::path stick = stick_of_a_tablet(4, "an@example.org");
  std::vector<ZipEntryToWrite> entries;
  for (const auto& file : sync::sorted_json_files(stick)) {
    entries.push_back({"STICK/" + file.filename().string(), peiling::test::read_file(file)});
  }
  ASSERT_EQ(entries.size(), 1u);
  for (const auto& file : sync::sorted_json_files(stick / sync::kContactFolder)) {
    entries.push_back({"STICK/contacts/" + file.filename().string(), peiling::test::read_file(file)});
  }
  ASSERT_EQ(entries.size(), 2u);
  entries.push_back({"STICK/acks/peiling-ack-0123.json", "{}"});
  entries.push_back({"STICK/packs/conference-1.json", "{}"});
  entries.push_back({"__MACOSX/STICK/._peiling-x.json", "resource fork"});
  entries.push_back({"STICK/README.txt", "not a batch"});
  const UploadOutcome outcome = upload({{"stick.zip", zip_of(entries)}});

  ASSERT_EQ(outcome.files.size(), 2u);
  EXPECT_EQ(outcome.files[0].name, "stick.zip/" + entries[0].name);
  EXPECT_EQ(outcome.files[0].kind, UploadKind::batch);
  EXPECT_EQ(outcome.files[0].status, UploadStatus::added) << outcome.files[0].reason;
  EXPECT_EQ(outcome.files[0].responses_added, 4);
  EXPECT_EQ(outcome.files[1].kind, UploadKind::contacts);
  EXPECT_EQ(outcome.files[1].status, UploadStatus::added) << outcome.files[1].reason;
  EXPECT_EQ(outcome.files[1].addresses, 1);
  EXPECT_TRUE(outcome.clean());
  auto contacts = hub->contacts();
  ASSERT_TRUE(contacts.ok());
  EXPECT_EQ(contacts.value(), (std::vector<Contact>{{pack.id, "an@example.org"}}));

  // The acknowledgement lists the stick's batch, signed by this hub, under the name import uses.
  EXPECT_EQ(outcome.acknowledgement_name, sync::ack_file_name(hub->sign_public_key()));
  auto ack =
      sync::read_ack_file(outcome.acknowledgement, outcome.acknowledgement_name, {hub->sign_public_key()});
  ASSERT_TRUE(ack.ok()) << ack.errors().joined();
  auto held = hub->held_batches();
  ASSERT_TRUE(held.ok());
  EXPECT_EQ(ack->batches, held.value());
  EXPECT_EQ(ack->batches.size(), 1u);
}

TEST_F(HubUpload, AContactFileUploadedAloneIsRead) {
  const fs::path stick = stick_of_a_tablet(1, "iemand@example.nl");
  const auto files = sync::sorted_json_files(stick / sync::kContactFolder);
  ASSERT_EQ(files.size(), 1u);
  const UploadOutcome outcome = upload({{"contacts.json", peiling::test::read_file(files[0])}});
  ASSERT_EQ(outcome.files.size(), 1u);
  EXPECT_EQ(outcome.files[0].kind, UploadKind::contacts);
  EXPECT_EQ(outcome.files[0].status, UploadStatus::added) << outcome.files[0].reason;
  EXPECT_EQ(outcome.files[0].addresses, 1);
}

TEST_F(HubUpload, AHostileZipIsRefusedWholeAndNothingOfItIsStored) {
  const std::string batch = fixture_batch("plain.json");
  std::vector<ZipEntryToWrite> many;
  for (int n = 0; n <= 10'000; ++n) many.push_back({"f" + std::to_string(n) + ".txt", ""});
  const UploadOutcome outcome = upload({
      {"climbs.zip", zip_of({{"STICK/plain.json", batch}, {"../outside.json", batch}})},
      {"link.zip", zip_of({{"STICK/plain.json", batch}, {"STICK/link.json", "/etc/passwd", true}})},
      {"many.zip", zip_of(many)},
      {"broken.zip", "PK\x03\x04 and then nothing a zip has"},
  });
  ASSERT_EQ(outcome.files.size(), 4u);
  for (const auto& file : outcome.files) {
    EXPECT_EQ(file.kind, UploadKind::archive) << file.name;
    EXPECT_EQ(file.status, UploadStatus::refused) << file.name;
  }
  EXPECT_NE(outcome.files[0].reason.find("outside the archive's folder; refused whole"), std::string::npos)
      << outcome.files[0].reason;
  EXPECT_NE(outcome.files[1].reason.find("is a link; refused whole"), std::string::npos)
      << outcome.files[1].reason;
  EXPECT_NE(outcome.files[2].reason.find("more than 10000 entries"), std::string::npos)
      << outcome.files[2].reason;
  EXPECT_NE(outcome.files[3].reason.find("not a zip archive"), std::string::npos) << outcome.files[3].reason;
  EXPECT_EQ(counted_batches(), 0);
}

}  // namespace
}  // namespace peiling::hub
