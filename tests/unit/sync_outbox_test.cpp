// The device's outbox: batches within their limits, exports that repeat byte for byte, and the
// hub's acknowledgements read back from the stick.
#include <gtest/gtest.h>

#include <map>

#include "core/json_file.hpp"
#include "hub/hub_import.hpp"
#include "hub/hub_store.hpp"
#include "support/process.hpp"
#include "sync/ack_file.hpp"
#include "sync/outbox.hpp"
#include "sync_test_support.hpp"

namespace peiling::sync::test {
namespace {

namespace fs = std::filesystem;
using hub::HubStore;
using hub::ImportSummary;
using peiling::test::read_file;

std::map<std::string, std::string> folder_files(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file()) files[entry.path().filename().string()] = read_file(entry.path());
  }
  return files;
}

// Every batch file in dir, read back as the hub reads it.
std::vector<BatchPayload> read_folder(const fs::path& dir) {
  std::vector<BatchPayload> payloads;
  for (const auto& [name, bytes] : folder_files(dir)) {
    EXPECT_LE(bytes.size(), kMaxBatchFileBytes) << name;
    auto envelope = read_batch_file(bytes, name);
    EXPECT_TRUE(envelope.ok()) << envelope.errors().joined();
    if (!envelope.ok()) continue;
    EXPECT_EQ(name, batch_file_name(envelope->device_id, envelope->seq));
    auto payload = decode_payload(envelope->payload, envelope.value(), name);
    EXPECT_TRUE(payload.ok()) << payload.errors().joined();
    if (payload.ok()) payloads.push_back(std::move(payload.value()));
  }
  return payloads;
}

TEST(Outbox, BatchesHoldAtMost500ResponsesInOrderWithoutGapsInTheirNumbers) {
  const Pack pack = pack_with(true, std::nullopt);
  auto device = open_device(pack);
  const auto given = peiling::test::add_respondents(device, pack, 1100, 30).given;
  auto formed = form_batches(device, pack);
  ASSERT_TRUE(formed.ok()) << formed.errors().joined();
  EXPECT_EQ(formed.value(), 3);

  const auto dir = peiling::test::scratch_dir("outbox_limits");
  auto exported = export_batches(device, pack, dir);
  ASSERT_TRUE(exported.ok()) << exported.errors().joined();
  const auto payloads = read_folder(dir);
  ASSERT_EQ(payloads.size(), 3u);
  std::size_t complete = 0, abandoned = 0;
  for (std::size_t i = 0; i < payloads.size(); ++i) {
    EXPECT_EQ(payloads[i].seq, static_cast<std::int64_t>(i + 1));
    EXPECT_LE(payloads[i].responses.size(), kMaxBatchResponses);
    for (const auto& response : payloads[i].responses) {
      (response.status == ResponseStatus::complete ? complete : abandoned)++;
    }
  }
  EXPECT_EQ(complete, given.size());
  EXPECT_EQ(abandoned, 30u) << "the pack keeps abandoned responses";
  auto again = form_batches(device, pack);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value(), 0) << "every response is in one batch already";
}

TEST(Outbox, LargeCommentsSplitBatchesToStayWithinOneMebibyte) {
  const Pack pack = pack_with(false, std::nullopt);
  auto device = open_device(pack);
  std::vector<std::string> ids;
  for (int i = 0; i < 40; ++i) {
    auto id = device.begin_response({{pack.id, pack.version}, "nl", std::nullopt, Mode::kiosk, {"wg1-1"}});
    ASSERT_TRUE(id.ok());
    ASSERT_TRUE(
        device.set_comment(id.value(), "wg1-1", std::string(60'000, static_cast<char>('a' + i % 26))).ok());
    ASSERT_TRUE(device.complete_response(id.value()).ok());
    ids.push_back(id.value());
  }
  const auto dir = peiling::test::scratch_dir("outbox_one_mebibyte");
  auto exported = export_batches(device, pack, dir);
  ASSERT_TRUE(exported.ok()) << exported.errors().joined();
  EXPECT_GE(exported->batches_formed, 3);
  std::vector<std::string> arrived;
  for (const auto& payload : read_folder(dir)) {
    for (const auto& response : payload.responses) arrived.push_back(response.id);
  }
  std::sort(arrived.begin(), arrived.end());
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(arrived, ids) << "each response in exactly one batch";
}

TEST(Outbox, AbandonedResponsesStayHomeWhenThePackDiscardsThem) {
  const Pack pack = pack_with(false, std::nullopt);
  auto device = open_device(pack);
  peiling::test::add_respondents(device, pack, 4, 3);
  const auto dir = peiling::test::scratch_dir("outbox_no_abandoned");
  ASSERT_TRUE(export_batches(device, pack, dir).ok());
  std::size_t count = 0;
  for (const auto& payload : read_folder(dir)) {
    for (const auto& response : payload.responses) {
      EXPECT_EQ(response.status, ResponseStatus::complete);
      ++count;
    }
  }
  EXPECT_EQ(count, 4u);
  auto counts = device.sync_counts(false);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts.value(), (store::SyncCounts{.exported = 4}));
}

TEST(Outbox, ExportingTwiceWritesIdenticalFilesAndNewResponsesGoInANewBatch) {
  const Pack pack = pack_with(true, std::nullopt);
  auto device = open_device(pack);
  peiling::test::add_respondents(device, pack, 5);
  const auto first = peiling::test::scratch_dir("outbox_twice_1");
  const auto second = peiling::test::scratch_dir("outbox_twice_2");
  auto exported = export_batches(device, pack, first);
  ASSERT_TRUE(exported.ok()) << exported.errors().joined();
  EXPECT_EQ(exported->written.size(), 1u);
  ASSERT_TRUE(export_batches(device, pack, second).ok());
  EXPECT_EQ(folder_files(first), folder_files(second));

  peiling::test::add_respondents(device, pack, 2);
  auto third = export_batches(device, pack, first);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->batches_formed, 1);
  const auto files = folder_files(first);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files.at(batch_file_name(device.device_id(), 1)),
            folder_files(second).at(batch_file_name(device.device_id(), 1)));
  EXPECT_TRUE(files.contains(batch_file_name(device.device_id(), 2)));
  for (const auto& [name, bytes] : files)
    EXPECT_NE(name.front(), '.') << "no temporary file is left: " << name;
}

class OutboxWithHub : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = peiling::test::scratch_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    auto created = HubStore::create(fs::path(dir) / "hub.db");
    ASSERT_TRUE(created.ok()) << created.error().message;
    hub.emplace(std::move(created.value()));
    pack = pack_with(true,
                     HubSettings{std::nullopt, std::nullopt, hub->sign_public_key(), hub->seal_public_key()});
  }

  ImportSummary import(const fs::path& path) {
    auto imported = import_batches(*hub, {path}, {});
    EXPECT_TRUE(imported.ok()) << imported.errors().joined();
    return imported.ok() ? imported.value() : ImportSummary{};
  }

  std::string dir;
  std::optional<HubStore> hub;
  Pack pack;
};

TEST_F(OutboxWithHub, TheHubsAcknowledgementOnTheStickStopsTheExportOfDeliveredBatches) {
  auto device = open_device(pack);
  const auto given = peiling::test::add_respondents(device, pack, 7, 2).given;
  const auto stick = fs::path(dir) / "stick";
  auto exported = export_batches(device, pack, stick);
  ASSERT_TRUE(exported.ok()) << exported.errors().joined();
  ASSERT_EQ(exported->written.size(), 1u);

  EXPECT_EQ(import(stick).new_batches, 1);
  for (const auto& response : given) {
    auto held = hub->response(response.id);
    ASSERT_TRUE(held.ok()) << held.error().message;
    peiling::test::expect_same_response(held.value(), response);
  }
  auto ack = write_acknowledgement(*hub, stick);
  ASSERT_TRUE(ack.ok()) << ack.errors().joined();
  EXPECT_EQ(ack->parent_path(), stick / kAckFolder);

  peiling::test::add_respondents(device, pack, 1);
  fs::remove(exported->written.front());
  auto next = export_batches(device, pack, stick);
  ASSERT_TRUE(next.ok()) << next.errors().joined();
  EXPECT_EQ(next->acks_read, 1);
  EXPECT_TRUE(next->ack_problems.empty());
  EXPECT_EQ(next->batches_delivered, 1);
  ASSERT_EQ(next->written.size(), 1u) << "only the new batch";
  EXPECT_EQ(next->written.front().filename(), batch_file_name(device.device_id(), 2));
  EXPECT_FALSE(fs::exists(exported->written.front())) << "the delivered batch is not written again";
  auto counts = device.sync_counts(true);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts.value(), (store::SyncCounts{.exported = 1, .delivered = 9}));
}

TEST_F(OutboxWithHub, AnAcknowledgementFromAnotherHubOrChangedByHandIsIgnoredAndReported) {
  auto device = open_device(pack);
  peiling::test::add_respondents(device, pack, 3);
  const auto stick = fs::path(dir) / "stick";
  ASSERT_TRUE(export_batches(device, pack, stick).ok());
  import(stick);
  auto ack = write_acknowledgement(*hub, stick);
  ASSERT_TRUE(ack.ok());
  std::string text = read_file(ack.value());
  text[text.find("payload_sha256") + 20] ^= 1;
  peiling::test::write_file(ack->string(), text);
  auto other_hub = HubStore::create(fs::path(dir) / "other-hub.db");
  ASSERT_TRUE(other_hub.ok());
  ASSERT_TRUE(write_acknowledgement(other_hub.value(), stick).ok());

  auto next = export_batches(device, pack, stick);
  ASSERT_TRUE(next.ok()) << next.errors().joined();
  EXPECT_EQ(next->acks_read, 0);
  ASSERT_EQ(next->ack_problems.size(), 2u);
  for (const auto& problem : next->ack_problems)
    EXPECT_EQ(problem.rfind((stick / kAckFolder).string(), 0), 0u);
  EXPECT_EQ(next->batches_delivered, 0);
  EXPECT_EQ(next->written.size(), 1u) << "still not delivered, so exported again";
}

TEST_F(OutboxWithHub, AHubKeyPinnedByTheAdminIsTrustedWithoutOneInThePack) {
  const Pack no_key_pack = pack_with(true, std::nullopt);
  auto device = open_device(no_key_pack);
  peiling::test::add_respondents(device, no_key_pack, 2);
  const auto stick = fs::path(dir) / "stick";
  ASSERT_TRUE(export_batches(device, no_key_pack, stick).ok());
  import(stick);
  ASSERT_TRUE(write_acknowledgement(*hub, stick).ok());
  auto unpinned = export_batches(device, no_key_pack, stick);
  ASSERT_TRUE(unpinned.ok());
  ASSERT_EQ(unpinned->ack_problems.size(), 1u);
  EXPECT_NE(unpinned->ack_problems[0].find("no hub key to check it with"), std::string::npos);

  ASSERT_TRUE(device.set_pinned_hub_sign_key(hub->sign_public_key()).ok());
  auto pinned = export_batches(device, no_key_pack, stick);
  ASSERT_TRUE(pinned.ok());
  EXPECT_EQ(pinned->batches_delivered, 1);
  EXPECT_TRUE(pinned->written.empty());
}

TEST_F(OutboxWithHub, DeliveredBatchFilesAreDeletedAfterTheDaysTheAdminKeepsThem) {
  peiling::store::StoreOptions options;
  UtcMillis now = 1'258'099'200'000;
  options.now = [&now] { return now; };
  auto opened = store::DeviceStore::open_in_memory(options);
  ASSERT_TRUE(opened.ok());
  auto& device = opened.value();
  ASSERT_TRUE(device.remember_pack({pack.id, pack.version}, "{}").ok());
  ASSERT_TRUE(device.set_keep_delivered_days(2).ok());
  peiling::test::add_respondents(device, pack, 2);
  const auto stick = fs::path(dir) / "stick";
  ASSERT_TRUE(export_batches(device, pack, stick).ok());
  import(stick);
  ASSERT_TRUE(write_acknowledgement(*hub, stick).ok());
  auto delivered = export_batches(device, pack, stick);
  ASSERT_TRUE(delivered.ok());
  ASSERT_EQ(delivered->batches_delivered, 1);
  EXPECT_EQ(delivered->batch_files_deleted, 0);

  now += 2 * 24 * 60 * 60 * 1000 + 1;
  auto later = export_batches(device, pack, stick);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->batch_files_deleted, 1);
  EXPECT_FALSE(device.batch_file(1).ok());
}

TEST(RemovableMedia, AreTheFoldersTwoLevelsUnderEachRoot) {
  const fs::path dir = peiling::test::scratch_dir("removable_media");
  for (const auto* volume : {"media/kiosk/STICK", "media/kiosk/BACKUP", "run/media/admin/USB"}) {
    fs::create_directories(dir / volume);
  }
  peiling::test::write_file((dir / "media/kiosk/not-a-volume.txt").string(), "x");
  const auto found = list_removable_media({dir / "media", dir / "run/media", dir / "nowhere"});
  EXPECT_EQ(found, (std::vector<fs::path>{dir / "media/kiosk/BACKUP", dir / "media/kiosk/STICK",
                                          dir / "run/media/admin/USB"}));
}

}  // namespace
}  // namespace peiling::sync::test
