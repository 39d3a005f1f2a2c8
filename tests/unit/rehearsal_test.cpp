// Rehearsal packs (issue 17): a pack published as a rehearsal runs on real devices, and its
// responses reach the hub flagged, by the batch (what the device showed under its band) or by the
// hub's own record of the pack; they never reach a report, /live or the overview's counts, only
// the Rehearsal view; "go live" publishes the pack for real and deletes them, and real ones count.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/codec.hpp"
#include "hub/hub_store.hpp"
#include "report/hub_report.hpp"
#include "report/live_page.hpp"
#include "support/process.hpp"
#include "sync/outbox.hpp"
#include "sync_test_support.hpp"

namespace peiling::sync::test {
namespace {

namespace fs = std::filesystem;
using hub::HubStore;

std::string fixture_bytes() {
  return peiling::test::read_file(fs::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs" /
                                  "valid-minimal.json");
}

class RehearsalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = peiling::test::scratch_dir(std::string("rehearsal_") +
                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    auto created = HubStore::create(fs::path(dir) / "hub.db");
    ASSERT_TRUE(created.ok()) << created.error().message;
    hub.emplace(std::move(created.value()));
    auto published = hub->publish_pack({pack.id, pack.version}, fixture_bytes(), true);
    ASSERT_TRUE(published.ok()) << published.error().message;
  }

  void deliver(BatchSigner& signer, std::int64_t seq, const std::vector<Response>& responses) {
    BatchPayload payload{random_uuid_v4(), signer.device_id, seq, 1'258'099'200'000, responses};
    const auto encoded = encode_batch_file(encode_payload(payload), seq, signer, std::nullopt);
    auto envelope = read_batch_file(encoded.file, "b.json");
    ASSERT_TRUE(envelope.ok()) << envelope.errors().joined();
    auto decoded = decode_payload(envelope->payload, envelope.value(), "b.json");
    ASSERT_TRUE(decoded.ok()) << decoded.errors().joined();
    auto result = hub->ingest({envelope.value(), decoded.value(), "b.json"}, false);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->responses_added, static_cast<int>(responses.size()));
  }

  int counted() {
    auto status = hub->status();
    EXPECT_TRUE(status.ok());
    int complete = 0;
    for (const auto& counts : status.ok() ? status->responses : std::vector<hub::PackCounts>{})
      complete += counts.complete;
    return complete;
  }

  int in_report(bool rehearsal) {
    report::ReportRequest request;
    request.db = fs::path(dir) / "hub.db";
    request.format = report::Format::json;
    request.out = fs::path(dir) / (rehearsal ? "rehearsal.json" : "report.json");
    request.pack_id = pack.id;
    request.rehearsal = rehearsal;
    auto written = report::write_report(request);
    EXPECT_TRUE(written.ok()) << written.errors().joined();
    const auto json = nlohmann::json::parse(peiling::test::read_file(request.out));
    EXPECT_EQ(json.at("rehearsal"), rehearsal);
    return json.at("summary").at("responses").get<int>();
  }

  std::string live() {
    auto page = report::live_page(hub.value(), pack, "en");
    EXPECT_TRUE(page.ok());
    return page.ok() ? page.value() : std::string();
  }

  std::string dir;
  std::optional<HubStore> hub;
  Pack pack = fixture_pack();
  SigningKeys keys;
};

TEST_F(RehearsalTest,
       ItsResponsesNeverReachAReportLiveOrTheOverviewAndAfterGoLiveTheyAreGoneAndRealOnesCount) {
  // A device that learned the pack is a rehearsal flags what it takes in its batch.
  store::DeviceStore rehearsing = open_device(pack);
  ASSERT_TRUE(
      rehearsing.learn_pack_status({pack.id, pack.version}, {PackState::open, std::nullopt, true}, 1).ok());
  const auto flagged = peiling::test::add_respondents(rehearsing, pack, 6).given;
  ASSERT_EQ(flagged.size(), 6u);
  for (const auto& response : flagged) EXPECT_TRUE(response.rehearsal) << "begun under the band";
  BatchSigner first = keys.signer(random_uuid_v4());
  deliver(first, 1, flagged);
  // One that never heard of it (an older device): the hub's record of the pack flags its responses.
  store::DeviceStore unaware = open_device(pack);
  const auto unflagged = peiling::test::add_respondents(unaware, pack, 2).given;
  for (const auto& response : unflagged) EXPECT_FALSE(response.rehearsal);
  SigningKeys other_keys;
  BatchSigner second = other_keys.signer(random_uuid_v4());
  deliver(second, 1, unflagged);

  EXPECT_EQ(counted(), 0) << "the overview and status count none";
  EXPECT_EQ(in_report(false), 0) << "the report counts none";
  EXPECT_NE(live().find("Responses: 0 "), std::string::npos) << "/live counts none";
  auto by_quarter = hub->responses_by_quarter_hour(0);
  ASSERT_TRUE(by_quarter.ok());
  EXPECT_TRUE(by_quarter->empty()) << "nor the overview's bars";
  auto queue = hub->moderation_queue(pack.id);
  ASSERT_TRUE(queue.ok());
  EXPECT_TRUE(queue->empty()) << "nor the big screen's comments";
  EXPECT_EQ(in_report(true), 8) << "the Rehearsal view shows them all";
  auto held = hub->rehearsal_responses(pack.id);
  ASSERT_TRUE(held.ok());
  EXPECT_EQ(held.value(), 8);

  // Go live: the same pack for real, its rehearsal responses deleted, audited.
  auto deleted = hub->go_live(pack.id, {0, "ada", "go-live", pack.id, "cli"});
  ASSERT_TRUE(deleted.ok()) << deleted.error().message;
  EXPECT_EQ(deleted.value(), 8);
  EXPECT_EQ(in_report(true), 0) << "they are gone";
  for (const auto& response : flagged) EXPECT_FALSE(hub->response(response.id).ok()) << "gone for good";
  auto log = hub->audit_log(1);
  ASSERT_TRUE(log.ok() && !log->empty());
  EXPECT_EQ(log->front().action, "go-live");
  EXPECT_NE(log->front().detail.find("8 rehearsal responses deleted"), std::string::npos)
      << log->front().detail;
  auto listed = hub->published_packs();
  ASSERT_TRUE(listed.ok() && listed->size() == 1u);
  EXPECT_FALSE(listed->front().lifecycle.rehearsal) << "devices learn it at their next sync";
  EXPECT_GT(listed->front().lifecycle_changed_at, 0) << "a newer word than a stale stick's";
  EXPECT_FALSE(hub->go_live(pack.id, {0, "ada", "go-live", pack.id, "cli"}).ok()) << "once";

  // The device learns it; what it takes from then on counts.
  ASSERT_TRUE(rehearsing.learn_pack_status({pack.id, pack.version}, {}, 2).ok());
  const auto real = peiling::test::add_respondents(rehearsing, pack, 5).given;
  for (const auto& response : real) EXPECT_FALSE(response.rehearsal);
  deliver(first, 2, real);
  EXPECT_EQ(counted(), 5);
  EXPECT_EQ(in_report(false), 5);
  EXPECT_NE(live().find("Responses: 5 "), std::string::npos);

  // A rehearsal response the device still held, arriving after go live, is stored and never counted.
  const auto leftover = peiling::test::add_respondents(unaware, pack, 1).given;
  Response marked = leftover.front();
  marked.rehearsal = true;
  deliver(second, 2, {marked});
  EXPECT_EQ(counted(), 5);
  EXPECT_EQ(in_report(true), 1);
}

TEST_F(RehearsalTest, PublishingTheSamePackWithTheOtherFlagIsRefusedWithWhatToDo) {
  auto again = hub->publish_pack({pack.id, pack.version}, fixture_bytes(), true);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again.value()) << "the same publish changes nothing";
  auto for_real = hub->publish_pack({pack.id, pack.version}, fixture_bytes(), false);
  ASSERT_FALSE(for_real.ok());
  EXPECT_NE(for_real.error().message.find("go live"), std::string::npos) << for_real.error().message;
  ASSERT_TRUE(hub->go_live(pack.id, {0, "ada", "go-live", pack.id, "cli"}).ok());
  auto rehearse_again = hub->publish_pack({pack.id, pack.version}, fixture_bytes(), true);
  ASSERT_FALSE(rehearse_again.ok());
  EXPECT_NE(rehearse_again.error().message.find("a rehearsal needs a new version"), std::string::npos);
}

TEST(RehearsalBatch, OnlyARehearsalResponseCarriesTheKeyAndItReadsBack) {
  Response response;
  response.id = random_uuid_v4();
  response.pack = {"fixture-minimal", 3};
  response.language = "nl";
  response.status = ResponseStatus::complete;
  response.started_at = 1'258'099'200'000;
  response.ended_at = response.started_at + 1000;
  SigningKeys keys;
  const BatchSigner signer = keys.signer(random_uuid_v4());
  BatchPayload payload{random_uuid_v4(), signer.device_id, 1, response.started_at, {response}};
  EXPECT_EQ(encode_payload(payload).find("rehearsal"), std::string::npos)
      << "other batches stay as they were";
  payload.responses[0].rehearsal = true;
  const std::string text = encode_payload(payload);
  EXPECT_NE(text.find("\"rehearsal\":true"), std::string::npos);
  const auto encoded = encode_batch_file(text, 1, signer, std::nullopt);
  auto envelope = read_batch_file(encoded.file, "b.json");
  ASSERT_TRUE(envelope.ok()) << envelope.errors().joined();
  auto decoded = decode_payload(envelope->payload, envelope.value(), "b.json");
  ASSERT_TRUE(decoded.ok()) << decoded.errors().joined();
  EXPECT_TRUE(decoded->responses[0].rehearsal);
}

}  // namespace
}  // namespace peiling::sync::test
