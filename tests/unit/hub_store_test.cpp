// The hub store: each batch in whole or not at all, exactly once, whatever arrives twice, and
// devices trusted on first use, quarantined under --strict, or blocked.
#include "hub/hub_store.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "core/codec.hpp"
#include "store/sqlite/survey_rows.hpp"
#include "support/process.hpp"
#include "sync/outbox.hpp"
#include "sync_test_support.hpp"

namespace peiling::sync::test {
namespace {

namespace fs = std::filesystem;
using hub::BatchOutcome;
using hub::Conflict;
using hub::DeviceState;
using hub::HubStore;
using hub::IngestResult;

// A batch as it arrives at the hub: encoded, read back and decoded like a file would be.
struct Arrival {
  VerifiedBatch envelope;
  BatchPayload payload;
};

Arrival arrive(const BatchSigner& signer, std::int64_t seq, std::vector<Response> responses) {
  BatchPayload payload{random_uuid_v4(), signer.device_id, seq, 1'258'099'200'000, std::move(responses)};
  const auto encoded = encode_batch_file(encode_payload(payload), seq, signer, std::nullopt);
  auto envelope = read_batch_file(encoded.file, "arrival.json");
  EXPECT_TRUE(envelope.ok()) << envelope.errors().joined();
  return {envelope.value(), std::move(payload)};
}

class HubStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    hub = scratch_hub("hub_store_", dir);
    ASSERT_TRUE(hub.has_value());
  }

  IngestResult ingest(const Arrival& arrival, bool strict = false, const std::string& file = "a.json") {
    auto result = hub->ingest({arrival.envelope, arrival.payload, file}, strict);
    EXPECT_TRUE(result.ok()) << result.error().message;
    return result.ok() ? result.value() : IngestResult{};
  }

  int counted_complete() {
    auto status = hub->status();
    EXPECT_TRUE(status.ok());
    int complete = 0;
    if (status.ok()) {
      for (const auto& pack_counts : status->responses) complete += pack_counts.complete;
    }
    return complete;
  }

  std::string dir;
  std::optional<HubStore> hub;
  Pack pack = fixture_pack();
  store::DeviceStore device = open_device(pack);
  SigningKeys device_keys;
  BatchSigner signer = device_keys.signer(random_uuid_v4());
};

TEST_F(HubStoreTest, ABatchArrivesOnceAndAgainIsADuplicateThatChangesNothing) {
  const auto given = peiling::test::add_respondents(device, pack, 4).given;
  const Arrival first = arrive(signer, 1, given);
  const auto added = ingest(first);
  EXPECT_EQ(added.outcome, BatchOutcome::added);
  EXPECT_EQ(added.responses_added, 4);
  const auto again = ingest(first, false, "copy-of-a.json");
  EXPECT_EQ(again.outcome, BatchOutcome::duplicate);
  EXPECT_EQ(again.responses_added, 0);
  EXPECT_EQ(counted_complete(), 4);
  for (const auto& response : given) {
    auto held = hub->response(response.id);
    ASSERT_TRUE(held.ok());
    peiling::test::expect_same_response(held.value(), response);
  }
}

TEST_F(HubStoreTest, TheSameNumberWithOtherContentIsAConflictAndTheFirstIsKept) {
  const auto given = peiling::test::add_respondents(device, pack, 3).given;
  const Arrival first = arrive(signer, 1, {given[0], given[1]});
  const Arrival rival = arrive(signer, 1, {given[2]});
  ingest(first);
  const auto conflict = ingest(rival, false, "rival.json");
  EXPECT_EQ(conflict.outcome, BatchOutcome::conflict);
  EXPECT_EQ(conflict.stored_sha256, first.envelope.payload_sha256);
  ingest(rival, false, "rival-again.json");
  auto status = hub->status();
  ASSERT_TRUE(status.ok());
  ASSERT_EQ(status->conflicts.size(), 1u);
  const Conflict& recorded = status->conflicts[0];
  EXPECT_EQ(recorded.device_id, signer.device_id);
  EXPECT_EQ(recorded.seq, 1);
  EXPECT_EQ(recorded.stored_sha256, first.envelope.payload_sha256);
  EXPECT_EQ(recorded.offered_sha256, rival.envelope.payload_sha256);
  EXPECT_EQ(recorded.file_name, "rival.json");
  EXPECT_EQ(recorded.times_seen, 2);
  EXPECT_EQ(counted_complete(), 2);
  EXPECT_FALSE(hub->response(given[2].id).ok()) << "nothing of the conflicting batch is taken in";
}

TEST_F(HubStoreTest, AResponseTheHubHasFromAnotherBatchIsSkippedAndCounted) {
  const auto given = peiling::test::add_respondents(device, pack, 3).given;
  ingest(arrive(signer, 1, {given[0], given[1]}));
  const auto overlap = ingest(arrive(signer, 2, {given[1], given[2]}));
  EXPECT_EQ(overlap.outcome, BatchOutcome::added);
  EXPECT_EQ(overlap.responses_added, 1);
  EXPECT_EQ(overlap.duplicate_responses, std::vector<std::string>{given[1].id});
  auto status = hub->status();
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->duplicate_responses, 1);
  EXPECT_EQ(counted_complete(), 3);
}

TEST_F(HubStoreTest, ADeviceKeepsTheKeyItFirstSignedWith) {
  const auto given = peiling::test::add_respondents(device, pack, 2).given;
  ingest(arrive(signer, 1, {given[0]}));
  const SigningKeys impostor;
  const auto refused = ingest(arrive(impostor.signer(signer.device_id), 2, {given[1]}));
  EXPECT_EQ(refused.outcome, BatchOutcome::wrong_device_key);
  EXPECT_FALSE(hub->response(given[1].id).ok());
  auto held = hub->held_batches();
  ASSERT_TRUE(held.ok());
  EXPECT_EQ(held->size(), 1u);
}

TEST_F(HubStoreTest, StrictQuarantinesNewDevicesUntilApprovedAndBlockingExcludesEverywhere) {
  const auto given = peiling::test::add_respondents(device, pack, 3).given;
  EXPECT_EQ(ingest(arrive(signer, 1, {given[0], given[1]}), true).outcome, BatchOutcome::quarantined);
  auto status = hub->status();
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->quarantined_batches, 1);
  EXPECT_EQ(status->devices_pending, 1);
  EXPECT_EQ(counted_complete(), 0);

  ASSERT_TRUE(hub->set_device_state(signer.device_id, DeviceState::approved).ok());
  EXPECT_EQ(counted_complete(), 2) << "approval releases the quarantine";
  EXPECT_EQ(ingest(arrive(signer, 2, {given[2]}), true).outcome, BatchOutcome::added);

  ASSERT_TRUE(hub->set_device_state(signer.device_id, DeviceState::blocked).ok());
  EXPECT_EQ(counted_complete(), 0);
  auto held = hub->held_batches();
  ASSERT_TRUE(held.ok());
  EXPECT_TRUE(held->empty()) << "a blocked device is not acknowledged either";
  auto devices = hub->devices();
  ASSERT_TRUE(devices.ok());
  ASSERT_EQ(devices->size(), 1u);
  EXPECT_EQ(devices->at(0).state, DeviceState::blocked);
  EXPECT_EQ(devices->at(0).batches, 2);
  EXPECT_EQ(devices->at(0).complete, 3);
  EXPECT_EQ(hub->set_device_state(random_uuid_v4(), DeviceState::approved).error().kind,
            store::ErrorKind::not_found);
}

// Every row of a pack's survey data with its names spelled out, in one order.
std::vector<std::string> survey_rows(const SurveyData& data) {
  std::vector<std::string> rows;
  const auto id = [&](ResponseIndex r) { return data.responses[r].id; };
  for (const auto& shown : data.shown)
    rows.push_back("shown " + id(shown.response) + " " + data.name(shown.item));
  for (const auto& rating : data.ratings) {
    rows.push_back("rating " + id(rating.response) + " " + data.name(rating.item) + " " +
                   data.name(rating.scale) + " " + std::to_string(rating.value));
  }
  for (const auto& choice : data.top_choices) {
    rows.push_back("top " + id(choice.response) + " " + data.name(choice.item) + " " +
                   std::to_string(choice.rank));
  }
  for (const auto& text : data.comments)
    rows.push_back("comment " + id(text.response) + " " + data.name(text.key) + " " + text.text);
  for (const auto& text : data.open_answers)
    rows.push_back("open " + id(text.response) + " " + data.name(text.key) + " " + text.text);
  std::sort(rows.begin(), rows.end());
  return rows;
}

// Three copies of each response, new ids, in a pack called another-pack: three times as many
// responses beside the pack's own, their ids among its ids.
std::vector<Response> three_copies_in_another_pack(const std::vector<Response>& given) {
  std::vector<Response> others;
  for (int copy = 0; copy < 3; ++copy) {
    for (Response response : given) {
      response.id = random_uuid_v4();
      response.pack.id = "another-pack";
      others.push_back(std::move(response));
    }
  }
  return others;
}

// The report reads each table whole while the pack holds half of the hub's responses or more,
// and through a join with its responses when it holds fewer: both give the same rows.
TEST_F(HubStoreTest, APacksSurveyDataIsTheSameWhetherItHoldsMostOfTheHubOrLittle) {
  const auto given = peiling::test::add_respondents(device, pack, 3).given;
  ingest(arrive(signer, 1, given));
  auto alone = hub->survey_data(pack.id);
  ASSERT_TRUE(alone.ok()) << alone.error().message;
  ASSERT_EQ(alone->responses.size(), 3u);
  std::size_t answers = 0;
  for (const auto& response : given) answers += response.answers.size();
  EXPECT_EQ(alone->ratings.size(), answers);

  ingest(arrive(signer, 2, three_copies_in_another_pack(given)));
  auto among_others = hub->survey_data(pack.id);
  ASSERT_TRUE(among_others.ok()) << among_others.error().message;
  EXPECT_EQ(among_others->responses.size(), 3u);
  EXPECT_EQ(survey_rows(among_others.value()), survey_rows(alone.value()));
  auto other = hub->survey_data("another-pack");
  ASSERT_TRUE(other.ok()) << other.error().message;
  EXPECT_EQ(other->responses.size(), 9u);
  EXPECT_EQ(other->ratings.size(), 3 * answers);
}

// The answers are read in stretches of the responses, by two threads on a hub file: with more
// responses than stretches, and another pack's responses between them, every answer still comes
// once, in response order, in the whole-table read and in the join alike.
TEST_F(HubStoreTest, AnswersReadInStretchesComeOnceEachAndInResponseOrder) {
  const auto given = peiling::test::add_respondents(device, pack, 70).given;
  std::map<std::string, std::size_t> answers_of;
  for (const auto& response : given) answers_of[response.id] = response.answers.size();
  ingest(arrive(signer, 1, given));
  const auto check = [&](const char* read) {
    auto data = hub->survey_data(pack.id);
    ASSERT_TRUE(data.ok()) << data.error().message;
    ASSERT_EQ(data->responses.size(), given.size()) << read;
    std::map<std::string, std::size_t> read_of;
    for (std::size_t i = 0; i < data->ratings.size(); ++i) {
      const ResponseIndex response = data->ratings[i].response;
      if (i > 0) {
        ASSERT_LE(data->ratings[i - 1].response, response) << read << ": out of order at " << i;
      }
      ++read_of[data->responses[response].id];
    }
    EXPECT_EQ(read_of, answers_of) << read;
  };
  check("whole tables");
  ingest(arrive(signer, 2, three_copies_in_another_pack(given)));
  check("join");
}

// The report reads a hub file on connections of its own, but a caller inside a transaction must
// see its own rows, not the file as committed.
TEST_F(HubStoreTest, SurveyDataReadInsideATransactionSeesThatTransactionsRows) {
  ingest(arrive(signer, 1, peiling::test::add_respondents(device, pack, 3).given));
  auto connection =
      store::sqlite::Connection::open((fs::path(dir) / "hub.db").string(), SQLITE_OPEN_READWRITE, "test");
  ASSERT_TRUE(connection.ok()) << connection.error().message;
  const auto read = [&] {
    auto data = store::sqlite::read_survey_data(connection.value(), store::sqlite::StoreKind::hub, pack.id);
    EXPECT_TRUE(data.ok()) << data.error().message;
    return data.ok() ? data.value() : SurveyData{};
  };
  const std::size_t committed = read().ratings.size();
  ASSERT_GT(committed, 0u);
  {
    auto transaction = connection->begin_write("test");
    ASSERT_TRUE(transaction.ok()) << transaction.error().message;
    ASSERT_TRUE(connection->run_script("DELETE FROM answers", "test").ok());
    const SurveyData inside = read();
    EXPECT_EQ(inside.responses.size(), 3u);
    EXPECT_TRUE(inside.ratings.empty()) << "read the committed answers, not the transaction's";
  }
  EXPECT_EQ(read().ratings.size(), committed) << "rolled back";
}

TEST_F(HubStoreTest, KeysAreMadeOnceAndSurviveReopening) {
  const std::string sign_key = hub->sign_public_key();
  const std::string seal_key = hub->seal_public_key();
  EXPECT_EQ(sign_key.size(), 32u);
  EXPECT_EQ(seal_key.size(), 32u);
  hub.reset();
  auto again = HubStore::create(fs::path(dir) / "hub.db");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, store::ErrorKind::constraint);
  auto reopened = HubStore::open(fs::path(dir) / "hub.db");
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  EXPECT_EQ(reopened->sign_public_key(), sign_key);
  EXPECT_EQ(reopened->seal_public_key(), seal_key);
  const std::string secret = "only for the hub";
  EXPECT_EQ(reopened->unseal(seal(secret, seal_key)), secret);
  auto missing = HubStore::open(fs::path(dir) / "missing.db");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, store::ErrorKind::not_found);
}

}  // namespace
}  // namespace peiling::sync::test
