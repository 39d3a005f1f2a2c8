// Every DeviceStore operation and its error paths, once on :memory: and once on disk.
#include <gtest/gtest.h>
#include <sodium.h>

#include <filesystem>
#include <optional>
#include <regex>

#include "store_test_support.hpp"

namespace peiling::store::test {
namespace {

enum class Where { memory, disk };

class StoreTest : public ::testing::TestWithParam<Where> {
 protected:
  void SetUp() override {
    if (GetParam() == Where::disk) dir = test_dir();
    auto opened = GetParam() == Where::memory ? DeviceStore::open_in_memory(clock.options())
                                              : DeviceStore::open(dir, clock.options());
    ASSERT_TRUE(Ok(opened));
    store.emplace(std::move(opened.value()));
    ASSERT_TRUE(Ok(store->remember_pack(kPack, kPackJson)));
  }

  std::string begin(std::vector<std::string> points = {"p1", "p2", "p3"},
                    std::optional<std::string> role = "teacher") {
    auto id = store->begin_response({kPack, "nl", std::move(role), Mode::kiosk, std::move(points)});
    EXPECT_TRUE(Ok(id));
    return id.ok() ? id.value() : std::string();
  }

  Response read(const std::string& id) {
    auto response = store->response(id);
    EXPECT_TRUE(Ok(response));
    return response.ok() ? response.value() : Response{};
  }

  std::string dir;
  TestClock clock;
  std::optional<DeviceStore> store;
};

using namespace std::string_view_literals;

const std::regex kUuidV4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

// --- The device ----------------------------------------------------------------------------------

TEST_P(StoreTest, DeviceHasARandomUuid) {
  EXPECT_TRUE(std::regex_match(store->device_id(), kUuidV4)) << store->device_id();
  auto other = DeviceStore::open_in_memory();
  ASSERT_TRUE(Ok(other));
  EXPECT_NE(other->device_id(), store->device_id());
}

TEST_P(StoreTest, SignaturesVerifyWithTheDevicePublicKey) {
  const std::string message = "batch 1 of device " + store->device_id();
  const auto signature = store->sign(message);
  const auto& key = store->signing_public_key();
  const auto* bytes = reinterpret_cast<const unsigned char*>(message.data());
  EXPECT_EQ(crypto_sign_verify_detached(signature.data(), bytes, message.size(), key.data()), 0);
  const std::string tampered = message + ".";
  EXPECT_NE(
      crypto_sign_verify_detached(signature.data(), reinterpret_cast<const unsigned char*>(tampered.data()),
                                  tampered.size(), key.data()),
      0);
}

// --- Packs ---------------------------------------------------------------------------------------

TEST_P(StoreTest, RememberedPackKeepsItsBytesAndSha256) {
  const std::string file = peiling::test::scratch_dir("store_pack_digest") + "/pack.json";
  peiling::test::write_file(file, kPackJson);
  const auto sha256sum = peiling::test::run_process({"sha256sum", file});
  ASSERT_EQ(sha256sum.exit_code, 0) << sha256sum.output;

  auto digest = store->remember_pack(kPack, kPackJson);
  ASSERT_TRUE(Ok(digest));
  EXPECT_EQ(digest.value(), sha256sum.output.substr(0, 64));
  auto stored = store->pack(kPack);
  ASSERT_TRUE(Ok(stored));
  EXPECT_EQ(stored->json, kPackJson);
  EXPECT_EQ(stored->sha256, digest.value());
}

TEST_P(StoreTest, SamePackVersionWithOtherBytesIsRefused) {
  EXPECT_TRUE(FailsWith(store->remember_pack(kPack, kPackJson + " "), ErrorKind::constraint));
  auto stored = store->pack(kPack);
  ASSERT_TRUE(Ok(stored));
  EXPECT_EQ(stored->json, kPackJson);
  EXPECT_TRUE(Ok(store->remember_pack({kPack.id, kPack.version + 1}, kPackJson + " ")));
}

TEST_P(StoreTest, PacksListsEveryPackSeenInOrder) {
  ASSERT_TRUE(Ok(store->remember_pack({"another-pack", 2}, "{\"b\": 2}")));
  ASSERT_TRUE(Ok(store->remember_pack({kPack.id, kPack.version + 1}, kPackJson + " ")));
  auto packs = store->packs();
  ASSERT_TRUE(Ok(packs));
  EXPECT_EQ(packs.value(), (std::vector<PackRef>{{"another-pack", 2}, kPack, {kPack.id, kPack.version + 1}}));
}

TEST_P(StoreTest, UnknownPackIsNotFound) {
  EXPECT_TRUE(FailsWith(store->pack({"nope", 1}), ErrorKind::not_found));
  EXPECT_TRUE(FailsWith(store->set_active_pack({"nope", 1}), ErrorKind::not_found));
}

TEST_P(StoreTest, ActivePackIsNoneUntilSetAndThenFollowsTheLastChoice) {
  auto none = store->active_pack();
  ASSERT_TRUE(Ok(none));
  EXPECT_FALSE(none->has_value());
  const PackRef next{kPack.id, kPack.version + 1};
  ASSERT_TRUE(Ok(store->remember_pack(next, "{}")));
  ASSERT_TRUE(Ok(store->set_active_pack(kPack)));
  ASSERT_TRUE(Ok(store->set_active_pack(next)));
  auto active = store->active_pack();
  ASSERT_TRUE(Ok(active));
  EXPECT_EQ(active->value(), next);
}

// --- Responses -----------------------------------------------------------------------------------

TEST_P(StoreTest, BeginResponseStoresEverythingAboutTheRespondent) {
  const auto id = begin({"p3", "p1", "p2"}, "parent");
  EXPECT_TRUE(std::regex_match(id, kUuidV4)) << id;
  const Response response = read(id);
  EXPECT_EQ(response.pack, kPack);
  EXPECT_EQ(response.language, "nl");
  EXPECT_EQ(response.role, "parent");
  EXPECT_EQ(response.mode, Mode::kiosk);
  EXPECT_EQ(response.status, ResponseStatus::in_progress);
  EXPECT_EQ(response.started_at, clock.now());
  EXPECT_FALSE(response.ended_at.has_value());
  EXPECT_EQ(response.points_shown, (std::vector<std::string>{"p3", "p1", "p2"}));
  EXPECT_NE(begin(), id);
}

TEST_P(StoreTest, TabletModeAndNoRoleAreKept) {
  auto id = store->begin_response({kPack, "en", std::nullopt, Mode::tablet, {"p1"}});
  ASSERT_TRUE(Ok(id));
  const Response response = read(id.value());
  EXPECT_EQ(response.mode, Mode::tablet);
  EXPECT_FALSE(response.role.has_value());
}

TEST_P(StoreTest, BeginResponseRefusesUnknownPacksRepeatedPointsAndNoLanguage) {
  EXPECT_TRUE(FailsWith(store->begin_response({{"nope", 1}, "nl", std::nullopt, Mode::kiosk, {"p1"}}),
                        ErrorKind::not_found));
  EXPECT_TRUE(FailsWith(store->begin_response({kPack, "nl", std::nullopt, Mode::kiosk, {"p1", "p2", "p1"}}),
                        ErrorKind::constraint));
  EXPECT_TRUE(FailsWith(store->begin_response({kPack, "", std::nullopt, Mode::kiosk, {"p1"}}),
                        ErrorKind::constraint));
  auto counts = store->counts();
  ASSERT_TRUE(Ok(counts));
  EXPECT_EQ(counts->in_progress, 0);
}

TEST_P(StoreTest, RoleAndLanguageCanChangeWhileInProgress) {
  const auto id = begin();
  ASSERT_TRUE(Ok(store->set_language(id, "en")));
  ASSERT_TRUE(Ok(store->set_role(id, std::nullopt)));
  Response response = read(id);
  EXPECT_EQ(response.language, "en");
  EXPECT_FALSE(response.role.has_value());
  ASSERT_TRUE(Ok(store->set_role(id, "social worker")));
  EXPECT_EQ(read(id).role, "social worker");
  EXPECT_TRUE(FailsWith(store->set_language(id, ""), ErrorKind::constraint));
  EXPECT_TRUE(FailsWith(store->set_role("no-such-response", "x"), ErrorKind::not_found));
}

TEST_P(StoreTest, AnswerIsSavedWithRevisionOneAndAChangeReplacesIt) {
  const auto id = begin();
  auto first = store->record_answer(id, "p1", "importance", Rating::of(4));
  ASSERT_TRUE(Ok(first));
  EXPECT_EQ(first.value(), 1);
  const UtcMillis first_time = clock.now();
  clock.advance(5'000);
  auto second = store->record_answer(id, "p1", "importance", Rating::of(2));
  ASSERT_TRUE(Ok(second));
  EXPECT_EQ(second.value(), 2);

  const Response response = read(id);
  ASSERT_EQ(response.answers.size(), 1u);
  EXPECT_EQ(response.answers[0].item_id, "p1");
  EXPECT_EQ(response.answers[0].scale_id, "importance");
  EXPECT_EQ(response.answers[0].rating, Rating::of(2));
  EXPECT_EQ(response.answers[0].revision, 2);
  EXPECT_EQ(response.answers[0].answered_at, first_time + 5'000);
}

TEST_P(StoreTest, AnswersAreKeptPerItemAndScaleAndASkipIsAnAnswer) {
  const auto id = begin();
  ASSERT_TRUE(Ok(store->record_answer(id, "p1", "importance", Rating::of(5))));
  ASSERT_TRUE(Ok(store->record_answer(id, "p1", "feasibility", Rating::skip())));
  ASSERT_TRUE(Ok(store->record_answer(id, "p2", "importance", Rating::of(1))));
  // Scales may run from -100 to 100: 0 and negative values are answers like any other.
  ASSERT_TRUE(Ok(store->record_answer(id, "p3", "importance", Rating::of(0))));
  ASSERT_TRUE(Ok(store->record_answer(id, "p3", "feasibility", Rating::of(-100))));
  ASSERT_TRUE(Ok(store->record_answer(id, "p4", "importance", Rating::of(100))));
  const Response response = read(id);
  ASSERT_EQ(response.answers.size(), 6u);
  EXPECT_EQ(response.answers[0].scale_id, "feasibility");
  EXPECT_TRUE(response.answers[0].rating.is_skip());
  EXPECT_EQ(response.answers[1].rating, Rating::of(5));
  EXPECT_EQ(response.answers[2].item_id, "p2");
  EXPECT_EQ(response.answers[3].rating, Rating::of(-100));
  EXPECT_EQ(response.answers[4].rating, Rating::of(0));
  EXPECT_EQ(response.answers[5].rating, Rating::of(100));
}

TEST_P(StoreTest, AnswerErrorsSaveNothing) {
  const auto id = begin();
  EXPECT_TRUE(
      FailsWith(store->record_answer(id, "p1", "importance", Rating::of(-101)), ErrorKind::constraint));
  EXPECT_TRUE(
      FailsWith(store->record_answer(id, "p1", "importance", Rating::of(101)), ErrorKind::constraint));
  EXPECT_TRUE(FailsWith(store->record_answer("no-such-response", "p1", "importance", Rating::of(3)),
                        ErrorKind::not_found));
  EXPECT_TRUE(read(id).answers.empty());
}

TEST_P(StoreTest, CommentsAndOpenAnswersKeepAnyUtf8ByteForByte) {
  const auto id = begin();
  const std::string texts[] = {
      std::string(
          "Zoë's idee: één \xE2\x80\x98loket\xE2\x80\x99 \xE2\x80\x94 g\xC3\xA9\xC3\xA9n \xF0\x9F\x91\xAA!"),
      std::string("\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D and e\xCC\x81 (combining) and a\0b with a NUL"sv),
      std::string("  leading and trailing spaces, a tab\t and\r\nnewlines  "),
      std::string(),
  };
  for (const auto& text : texts) {
    ASSERT_TRUE(Ok(store->set_comment(id, "p1", text)));
    ASSERT_TRUE(Ok(store->record_open_answer(id, "q-extra", text)));
    const Response response = read(id);
    ASSERT_EQ(response.comments.size(), 1u);
    ASSERT_EQ(response.open_answers.size(), 1u);
    EXPECT_EQ(response.comments[0].text, text);
    EXPECT_EQ(response.open_answers[0].text, text);
    EXPECT_EQ(response.comments[0].text.size(), text.size());
  }
  const Response response = read(id);
  EXPECT_EQ(response.comments[0].key, "p1");
  EXPECT_EQ(response.comments[0].revision, static_cast<int>(std::size(texts)));
  EXPECT_EQ(response.open_answers[0].key, "q-extra");
  EXPECT_EQ(response.open_answers[0].revision, static_cast<int>(std::size(texts)));
}

TEST_P(StoreTest, TopChoicesAreReplacedAsAWholeInRankOrder) {
  const auto id = begin();
  ASSERT_TRUE(Ok(store->set_top_choices(id, {"p2", "p1", "p3"})));
  ASSERT_TRUE(Ok(store->set_top_choices(id, {"p3", "p2"})));
  EXPECT_EQ(read(id).top_choices, (std::vector<std::string>{"p3", "p2"}));
  EXPECT_TRUE(FailsWith(store->set_top_choices(id, {"p1", "p1"}), ErrorKind::constraint));
  EXPECT_TRUE(FailsWith(store->set_top_choices("no-such-response", {"p1"}), ErrorKind::not_found));
  EXPECT_EQ(read(id).top_choices, (std::vector<std::string>{"p3", "p2"}));
}

TEST_P(StoreTest, CompletingSetsStatusEndTimeTalliesAndQueuesForSync) {
  const auto id = begin({"p1", "p2", "p3"});
  ASSERT_TRUE(Ok(store->record_answer(id, "p1", "importance", Rating::of(3))));
  ASSERT_TRUE(Ok(store->record_answer(id, "p1", "feasibility", Rating::of(2))));
  ASSERT_TRUE(Ok(store->record_answer(id, "p2", "importance", Rating::skip())));
  clock.advance(60'000);
  ASSERT_TRUE(Ok(store->complete_response(id)));

  const Response response = read(id);
  EXPECT_EQ(response.status, ResponseStatus::complete);
  EXPECT_EQ(response.ended_at, clock.now());
  auto tallies = store->point_tallies(kPack.id);
  ASSERT_TRUE(Ok(tallies));
  EXPECT_EQ(tallies.value(),
            (std::map<std::string, PointTally>{{"p1", {1, 1}}, {"p2", {1, 0}}, {"p3", {1, 0}}}));
  auto counts = store->counts();
  ASSERT_TRUE(Ok(counts));
  EXPECT_EQ(counts->complete, 1);
  EXPECT_EQ(counts->unsynced, 1);
}

TEST_P(StoreTest, TalliesAddUpOverRespondentsAndStayPerPack) {
  for (int respondent = 0; respondent < 3; ++respondent) {
    const auto id = begin({"p1", "p2"});
    if (respondent != 1) {
      ASSERT_TRUE(Ok(store->record_answer(id, "p2", "importance", Rating::of(4))));
    }
    ASSERT_TRUE(Ok(store->complete_response(id)));
  }
  begin({"p1", "p2"});  // in progress: not counted
  auto tallies = store->point_tallies(kPack.id);
  ASSERT_TRUE(Ok(tallies));
  EXPECT_EQ(tallies.value(), (std::map<std::string, PointTally>{{"p1", {3, 0}}, {"p2", {3, 2}}}));
  auto other = store->point_tallies("other-pack");
  ASSERT_TRUE(Ok(other));
  EXPECT_TRUE(other->empty());
}

TEST_P(StoreTest, ACompletedResponseNoLongerChanges) {
  const auto id = begin();
  ASSERT_TRUE(Ok(store->record_answer(id, "p1", "importance", Rating::of(3))));
  ASSERT_TRUE(Ok(store->complete_response(id)));
  EXPECT_TRUE(FailsWith(store->record_answer(id, "p1", "importance", Rating::of(5)), ErrorKind::constraint));
  EXPECT_TRUE(FailsWith(store->set_comment(id, "p1", "late"), ErrorKind::constraint));
  EXPECT_TRUE(FailsWith(store->record_open_answer(id, "q", "late"), ErrorKind::constraint));
  EXPECT_TRUE(FailsWith(store->set_top_choices(id, {"p1"}), ErrorKind::constraint));
  EXPECT_TRUE(FailsWith(store->set_role(id, "x"), ErrorKind::constraint));
  EXPECT_TRUE(FailsWith(store->complete_response(id), ErrorKind::constraint));
  EXPECT_TRUE(FailsWith(store->abandon_response(id), ErrorKind::constraint));
  EXPECT_TRUE(FailsWith(store->discard_response(id), ErrorKind::constraint));
  const Response response = read(id);
  EXPECT_EQ(response.answers.at(0).rating, Rating::of(3));
  EXPECT_TRUE(response.comments.empty());
  auto tallies = store->point_tallies(kPack.id);
  ASSERT_TRUE(Ok(tallies));
  EXPECT_EQ(tallies->at("p1").times_shown, 1) << "completing twice must not count twice";
}

TEST_P(StoreTest, AbandonedResponseIsKeptButNeitherTalliedNorQueued) {
  const auto id = begin();
  ASSERT_TRUE(Ok(store->record_answer(id, "p1", "importance", Rating::of(3))));
  clock.advance(90'000);
  ASSERT_TRUE(Ok(store->abandon_response(id)));
  const Response response = read(id);
  EXPECT_EQ(response.status, ResponseStatus::abandoned);
  EXPECT_EQ(response.ended_at, clock.now());
  EXPECT_EQ(response.answers.size(), 1u);
  EXPECT_TRUE(FailsWith(store->record_answer(id, "p2", "importance", Rating::of(1)), ErrorKind::constraint));
  auto tallies = store->point_tallies(kPack.id);
  ASSERT_TRUE(Ok(tallies));
  EXPECT_TRUE(tallies->empty());
  auto counts = store->counts();
  ASSERT_TRUE(Ok(counts));
  EXPECT_EQ(counts->abandoned, 1);
  EXPECT_EQ(counts->unsynced, 0);
  EXPECT_TRUE(FailsWith(store->abandon_response("no-such-response"), ErrorKind::not_found));
}

TEST_P(StoreTest, DiscardDeletesAnUnfinishedResponseWithEverythingInIt) {
  const auto id = begin();
  ASSERT_TRUE(Ok(store->record_answer(id, "p1", "importance", Rating::of(3))));
  ASSERT_TRUE(Ok(store->set_comment(id, "p1", "x")));
  ASSERT_TRUE(Ok(store->set_top_choices(id, {"p1"})));
  ASSERT_TRUE(Ok(store->discard_response(id)));
  EXPECT_TRUE(FailsWith(store->response(id), ErrorKind::not_found));
  EXPECT_TRUE(FailsWith(store->discard_response(id), ErrorKind::not_found));

  const auto abandoned = begin();
  ASSERT_TRUE(Ok(store->abandon_response(abandoned)));
  ASSERT_TRUE(Ok(store->discard_response(abandoned)));
  auto counts = store->counts();
  ASSERT_TRUE(Ok(counts));
  EXPECT_EQ(counts->in_progress + counts->abandoned + counts->complete, 0);
}

TEST_P(StoreTest, InterruptedResponsesAreAbandonedAtTheirLastActivity) {
  const auto complete = begin();
  ASSERT_TRUE(Ok(store->complete_response(complete)));
  const auto quiet = begin();
  const UtcMillis quiet_start = clock.now();
  clock.advance(10'000);
  const auto busy = begin();
  clock.advance(20'000);
  ASSERT_TRUE(Ok(store->record_answer(busy, "p1", "importance", Rating::of(2))));
  clock.advance(15'000);
  ASSERT_TRUE(Ok(store->set_comment(busy, "p1", "last thing they did")));
  const UtcMillis busy_last = clock.now();
  clock.advance(3'600'000);  // the device was off for an hour

  auto listed = store->in_progress_responses();
  ASSERT_TRUE(Ok(listed));
  EXPECT_EQ(listed.value(), (std::vector<std::string>{quiet, busy}));
  auto closed = store->abandon_interrupted();
  ASSERT_TRUE(Ok(closed));
  EXPECT_EQ(closed.value(), 2);
  EXPECT_EQ(read(quiet).ended_at, quiet_start);
  EXPECT_EQ(read(busy).ended_at, busy_last);
  EXPECT_EQ(read(busy).status, ResponseStatus::abandoned);
  EXPECT_EQ(read(complete).status, ResponseStatus::complete);
  auto again = store->abandon_interrupted();
  ASSERT_TRUE(Ok(again));
  EXPECT_EQ(again.value(), 0);
}

TEST_P(StoreTest, CountsFollowEachStatus) {
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(Ok(store->complete_response(begin())));
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(Ok(store->abandon_response(begin())));
  begin();
  auto counts = store->counts();
  ASSERT_TRUE(Ok(counts));
  EXPECT_EQ(counts->complete, 3);
  EXPECT_EQ(counts->abandoned, 2);
  EXPECT_EQ(counts->in_progress, 1);
  EXPECT_EQ(counts->unsynced, 3);
}

// --- Sync state ----------------------------------------------------------------------------------

TEST_P(StoreTest, OnlyCompletedResponsesReachTheOutboxOldestFirst) {
  const auto half_written = begin();
  ASSERT_TRUE(Ok(store->record_answer(half_written, "p1", "importance", Rating::of(5))));
  ASSERT_TRUE(Ok(store->abandon_response(begin())));
  std::vector<std::string> completed;
  for (int i = 0; i < 3; ++i) {
    completed.push_back(begin());
    ASSERT_TRUE(Ok(store->record_answer(completed.back(), "p2", "importance", Rating::of(i + 1))));
    clock.advance(1'000);
    ASSERT_TRUE(Ok(store->complete_response(completed.back())));
  }
  // The hub's acknowledgements are StoreBatchTest's.
  auto batch = store->unbatched_responses(2, false);
  ASSERT_TRUE(Ok(batch));
  ASSERT_EQ(batch->size(), 2u);
  EXPECT_EQ(batch->at(0).id, completed[0]);
  EXPECT_EQ(batch->at(1).id, completed[1]);
  EXPECT_EQ(batch->at(1).answers.at(0).rating, Rating::of(2));
  for (const auto& response : batch.value()) EXPECT_EQ(response.status, ResponseStatus::complete);
  auto counts = store->counts();
  ASSERT_TRUE(Ok(counts));
  EXPECT_EQ(counts->unsynced, 3);
}

// --- Batches -------------------------------------------------------------------------------------

class StoreBatchTest : public StoreTest {
 protected:
  // A finished response whose end time is the clock's now; the clock then moves on.
  std::string finished(ResponseStatus status) {
    const auto id = begin();
    EXPECT_TRUE(Ok(store->record_answer(id, "p1", "importance", Rating::of(3))));
    EXPECT_TRUE(
        Ok(status == ResponseStatus::complete ? store->complete_response(id) : store->abandon_response(id)));
    clock.advance(1'000);
    return id;
  }

  NewBatch batch_of(std::vector<std::string> ids) {
    auto seq = store->next_batch_seq();
    EXPECT_TRUE(Ok(seq));
    const std::int64_t number = seq.ok() ? seq.value() : 0;
    return {number,
            "batch-" + std::to_string(number),
            clock.now(),
            "sha-" + std::to_string(number),
            "file bytes of batch " + std::to_string(number) + std::string(1, '\0') + "\xff",
            std::move(ids)};
  }

  std::vector<std::string> unbatched_ids(bool include_abandoned) {
    auto responses = store->unbatched_responses(100, include_abandoned);
    EXPECT_TRUE(Ok(responses));
    std::vector<std::string> ids;
    if (responses.ok()) {
      for (const auto& response : responses.value()) ids.push_back(response.id);
    }
    return ids;
  }

  SyncCounts sync_counts() {
    auto counts = store->sync_counts(true);
    EXPECT_TRUE(Ok(counts));
    return counts.ok() ? counts.value() : SyncCounts{};
  }
};

TEST_P(StoreBatchTest, NextBatchTakesFinishedResponsesInNoBatchAndAbandonedOnesOnlyWhenAsked) {
  begin();  // in progress: never
  const auto first = finished(ResponseStatus::complete);
  const auto walked_away = finished(ResponseStatus::abandoned);
  const auto second = finished(ResponseStatus::complete);
  EXPECT_EQ(unbatched_ids(false), (std::vector<std::string>{first, second}));
  EXPECT_EQ(unbatched_ids(true), (std::vector<std::string>{first, walked_away, second}));
  auto limited = store->unbatched_responses(1, true);
  ASSERT_TRUE(Ok(limited));
  ASSERT_EQ(limited->size(), 1u);
  EXPECT_EQ(limited->at(0).answers.at(0).rating, Rating::of(3)) << "responses come whole";

  ASSERT_TRUE(Ok(store->record_batch(batch_of({first, walked_away}))));
  EXPECT_EQ(unbatched_ids(true), std::vector<std::string>{second});
  EXPECT_EQ(sync_counts(), (SyncCounts{.not_batched = 1, .batched = 2}));
  auto responses = store->counts();
  ASSERT_TRUE(Ok(responses));
  EXPECT_EQ(responses->unsynced, 2) << "batched is not yet acknowledged";
}

TEST_P(StoreBatchTest, ABatchIsRecordedWholeOrNotAtAll) {
  const auto first = finished(ResponseStatus::complete);
  const auto second = finished(ResponseStatus::complete);
  const auto open = begin();
  ASSERT_TRUE(Ok(store->record_batch(batch_of({first}))));

  // Each refusal leaves everything as it was: the second response stays free, no batch 2 exists.
  NewBatch reuses_first = batch_of({second, first});
  EXPECT_TRUE(FailsWith(store->record_batch(reuses_first), ErrorKind::constraint));
  EXPECT_TRUE(FailsWith(store->record_batch(batch_of({second, open})), ErrorKind::constraint));
  EXPECT_TRUE(FailsWith(store->record_batch(batch_of({second, "no-such-response"})), ErrorKind::constraint));
  EXPECT_TRUE(FailsWith(store->record_batch(batch_of({})), ErrorKind::constraint));
  NewBatch skips_a_number = batch_of({second});
  skips_a_number.seq += 1;
  EXPECT_TRUE(FailsWith(store->record_batch(skips_a_number), ErrorKind::constraint));
  NewBatch repeats_a_number = batch_of({second});
  repeats_a_number.seq -= 1;
  EXPECT_TRUE(FailsWith(store->record_batch(repeats_a_number), ErrorKind::constraint));

  EXPECT_EQ(unbatched_ids(false), std::vector<std::string>{second});
  auto next = store->next_batch_seq();
  ASSERT_TRUE(Ok(next));
  EXPECT_EQ(next.value(), 2);
}

TEST_P(StoreBatchTest, AnAbandonedResponseInABatchCannotBeDiscarded) {
  const auto walked_away = finished(ResponseStatus::abandoned);
  ASSERT_TRUE(Ok(store->record_batch(batch_of({walked_away}))));
  EXPECT_TRUE(FailsWith(store->discard_response(walked_away), ErrorKind::constraint));
  EXPECT_EQ(read(walked_away).status, ResponseStatus::abandoned);
}

TEST_P(StoreBatchTest, ABatchFileIsKeptByteForByteUntilDeliveredAndThenDeletedOnRequest) {
  const auto first = finished(ResponseStatus::complete);
  const auto second = finished(ResponseStatus::complete);
  const NewBatch one = batch_of({first});
  ASSERT_TRUE(Ok(store->record_batch(one)));
  const NewBatch two = batch_of({second});
  ASSERT_TRUE(Ok(store->record_batch(two)));
  auto file = store->batch_file(1);
  ASSERT_TRUE(Ok(file));
  EXPECT_EQ(file.value(), one.file);

  const UtcMillis exported_at = clock.now();
  ASSERT_TRUE(Ok(store->mark_exported({1})));
  clock.advance(60'000);
  ASSERT_TRUE(Ok(store->mark_exported({1, 2})));
  auto batches = store->undelivered_batches();
  ASSERT_TRUE(Ok(batches));
  ASSERT_EQ(batches->size(), 2u);
  EXPECT_EQ(batches->at(0).exported_at, exported_at) << "a later export keeps the first time";
  EXPECT_EQ(batches->at(0).batch_id, one.batch_id);
  EXPECT_EQ(batches->at(0).payload_sha256, one.payload_sha256);
  EXPECT_EQ(batches->at(0).response_count, 1);
  EXPECT_EQ(sync_counts(), (SyncCounts{.exported = 2}));

  // Only the pair with the batch's own hash counts; a conflicting copy at the hub does not.
  auto delivered = store->mark_delivered({{1, "sha-of-another-copy"}, {7, one.payload_sha256}});
  ASSERT_TRUE(Ok(delivered));
  EXPECT_EQ(delivered.value(), 0);
  delivered = store->mark_delivered({{1, one.payload_sha256}});
  ASSERT_TRUE(Ok(delivered));
  EXPECT_EQ(delivered.value(), 1);
  delivered = store->mark_delivered({{1, one.payload_sha256}});
  ASSERT_TRUE(Ok(delivered));
  EXPECT_EQ(delivered.value(), 0) << "an acknowledgement read twice counts once";
  batches = store->undelivered_batches();
  ASSERT_TRUE(Ok(batches));
  ASSERT_EQ(batches->size(), 1u);
  EXPECT_EQ(batches->at(0).seq, 2);
  EXPECT_EQ(sync_counts(), (SyncCounts{.exported = 1, .delivered = 1}));
  auto counts = store->counts();
  ASSERT_TRUE(Ok(counts));
  EXPECT_EQ(counts->unsynced, 1);

  const UtcMillis delivered_at = clock.now();
  auto deleted = store->delete_delivered_batches(delivered_at);
  ASSERT_TRUE(Ok(deleted));
  EXPECT_EQ(deleted.value(), 0) << "delivered at that very moment, not before";
  deleted = store->delete_delivered_batches(delivered_at + 1);
  ASSERT_TRUE(Ok(deleted));
  EXPECT_EQ(deleted.value(), 1);
  EXPECT_TRUE(FailsWith(store->batch_file(1), ErrorKind::not_found));
  EXPECT_TRUE(unbatched_ids(true).empty()) << "a response is sent in one batch only";
  auto next = store->next_batch_seq();
  ASSERT_TRUE(Ok(next));
  EXPECT_EQ(next.value(), 3) << "numbers are never reused";
}

TEST_P(StoreBatchTest, SyncSettingsStartAtTheirDefaultsAndKeepWhatIsSet) {
  auto settings = store->sync_settings();
  ASSERT_TRUE(Ok(settings));
  EXPECT_FALSE(settings->pinned_hub_sign_key.has_value());
  EXPECT_EQ(settings->keep_delivered_days, SyncSettings{}.keep_delivered_days);

  const std::string key(32, '\x07');
  ASSERT_TRUE(Ok(store->set_pinned_hub_sign_key(key)));
  ASSERT_TRUE(Ok(store->set_keep_delivered_days(0)));
  EXPECT_TRUE(FailsWith(store->set_pinned_hub_sign_key(std::string(31, 'k')), ErrorKind::constraint));
  EXPECT_TRUE(FailsWith(store->set_keep_delivered_days(-1), ErrorKind::constraint));
  settings = store->sync_settings();
  ASSERT_TRUE(Ok(settings));
  EXPECT_EQ(settings->pinned_hub_sign_key, key);
  EXPECT_EQ(settings->keep_delivered_days, 0);
  ASSERT_TRUE(Ok(store->set_pinned_hub_sign_key(std::nullopt)));
  settings = store->sync_settings();
  ASSERT_TRUE(Ok(settings));
  EXPECT_FALSE(settings->pinned_hub_sign_key.has_value());
}

TEST_P(StoreBatchTest, KioskSettingsStartEmptyAndKeepWhatTheAdminSet) {
  auto settings = store->kiosk_settings();
  ASSERT_TRUE(Ok(settings));
  EXPECT_EQ(settings.value(), KioskSettings{});

  const KioskSettings chosen{200, true, "en"};
  ASSERT_TRUE(Ok(store->set_kiosk_settings(chosen)));
  EXPECT_TRUE(FailsWith(store->set_kiosk_settings({.scale_percent = 40}), ErrorKind::constraint));
  EXPECT_TRUE(FailsWith(store->set_kiosk_settings({.scale_percent = 401}), ErrorKind::constraint));
  settings = store->kiosk_settings();
  ASSERT_TRUE(Ok(settings));
  EXPECT_EQ(settings.value(), chosen) << "a refused change leaves the settings as they were";

  ASSERT_TRUE(Ok(store->set_kiosk_settings({})));
  settings = store->kiosk_settings();
  ASSERT_TRUE(Ok(settings));
  EXPECT_EQ(settings.value(), KioskSettings{});
}

TEST_P(StoreBatchTest, NowIsTheClockTheStoreWasGiven) {
  EXPECT_EQ(store->now(), clock.now());
  clock.advance(5);
  EXPECT_EQ(store->now(), clock.now());
}

// --- Admin ---------------------------------------------------------------------------------------

TEST_P(StoreTest, AdminPinHashFailuresAndLockoutPersistAsSet) {
  auto none = store->admin_pin_hash();
  ASSERT_TRUE(Ok(none));
  EXPECT_FALSE(none->has_value());
  const std::string hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  ASSERT_TRUE(Ok(store->set_admin_pin_hash(hash)));
  auto stored = store->admin_pin_hash();
  ASSERT_TRUE(Ok(stored));
  EXPECT_EQ(stored->value(), hash);

  for (int attempt = 1; attempt <= 3; ++attempt) {
    auto failures = store->increment_pin_failures();
    ASSERT_TRUE(Ok(failures));
    EXPECT_EQ(failures.value(), attempt);
  }
  ASSERT_TRUE(Ok(store->reset_pin_failures()));
  auto failures = store->increment_pin_failures();
  ASSERT_TRUE(Ok(failures));
  EXPECT_EQ(failures.value(), 1) << "counting starts again after a match";

  const UtcMillis until = clock.now() + 300'000;
  ASSERT_TRUE(Ok(store->set_lockout_until(until)));
  auto lockout = store->lockout_until();
  ASSERT_TRUE(Ok(lockout));
  EXPECT_EQ(lockout.value(), until);
  ASSERT_TRUE(Ok(store->set_lockout_until(std::nullopt)));
  lockout = store->lockout_until();
  ASSERT_TRUE(Ok(lockout));
  EXPECT_FALSE(lockout->has_value());
}

TEST_P(StoreTest, AFreshStoreHasNoWarnings) {
  auto warnings = store->warnings();
  ASSERT_TRUE(Ok(warnings));
  EXPECT_TRUE(warnings->empty());
  ASSERT_TRUE(Ok(store->dismiss_warnings()));
}

std::string where_name(const ::testing::TestParamInfo<Where>& where) {
  return where.param == Where::memory ? "Memory" : "Disk";
}

// --- Follow-up surveys: choice answers, tablet drafts, contact opt-ins ---------------------------

TEST_P(StoreTest, ChoicesAreReplacedPerQuestionAndHiddenQuestionsLoseEveryAnswer) {
  const std::string id = begin();
  ASSERT_TRUE(Ok(store->set_choices(id, "acted", {"yes"}, {})));
  ASSERT_TRUE(Ok(store->set_choices(id, "what", {"a", "other"}, {})));
  ASSERT_TRUE(Ok(store->record_open_answer(id, "what", "A letter to the council")));
  ASSERT_TRUE(Ok(store->set_choices(id, "why", {"x"}, {})));
  Response response = read(id);
  ASSERT_EQ(response.choices.size(), 3u);
  EXPECT_EQ(response.choices[1].question_id, "what");
  EXPECT_EQ(response.choices[1].options, (std::vector<std::string>{"a", "other"}));
  EXPECT_EQ(response.choices[1].answered_at, clock.now());

  // "acted" becomes "no": "what" and "why" are hidden now and keep nothing, the "other" text included.
  clock.advance(1000);
  ASSERT_TRUE(Ok(store->set_choices(id, "acted", {"no"}, {"what", "why"})));
  response = read(id);
  ASSERT_EQ(response.choices.size(), 1u);
  EXPECT_EQ(response.choices[0].options, std::vector<std::string>{"no"});
  EXPECT_TRUE(response.open_answers.empty());
}

TEST_P(StoreTest, TheOtherTextGoesWithItsOption) {
  const std::string id = begin();
  ASSERT_TRUE(Ok(store->set_choices(id, "what", {"other"}, {})));
  ASSERT_TRUE(Ok(store->record_open_answer(id, "what", "Something else")));
  ASSERT_TRUE(Ok(store->record_open_answer(id, "to-organisers", "Thanks")));
  ASSERT_TRUE(Ok(store->set_choices(id, "what", {"a"}, {})));
  const Response response = read(id);
  ASSERT_EQ(response.open_answers.size(), 1u);
  EXPECT_EQ(response.open_answers[0].key, "to-organisers") << "other questions' texts stay";
}

TEST_P(StoreTest, ChoicesAreRefusedWhenNotInProgressOrChosenTwice) {
  const std::string id = begin();
  EXPECT_TRUE(FailsWith(store->set_choices(id, "what", {"a", "a"}, {}), ErrorKind::constraint));
  ASSERT_TRUE(Ok(store->complete_response(id)));
  EXPECT_TRUE(FailsWith(store->set_choices(id, "what", {"a"}, {}), ErrorKind::constraint));
  EXPECT_TRUE(read(id).choices.empty());
}

TEST_P(StoreTest, TabletDraftsActiveSinceTheCutOffSurviveARestartAndOlderOnesAreAbandoned) {
  const auto begin_tablet = [&] {
    auto id = store->begin_response({kPack, "nl", std::nullopt, Mode::tablet, {"p1", "p2"}});
    EXPECT_TRUE(Ok(id));
    return id.ok() ? id.value() : std::string();
  };
  const std::string old_draft = begin_tablet();
  ASSERT_TRUE(Ok(store->record_answer(old_draft, "p1", "status", Rating::of(4))));
  clock.advance(40LL * 24 * 3600 * 1000);  // forty days later
  const std::string kiosk = begin();
  const std::string draft = begin_tablet();
  clock.advance(1000);
  ASSERT_TRUE(Ok(store->set_choices(draft, "acted", {"yes"}, {})));
  auto latest = store->latest_draft(kPack);
  ASSERT_TRUE(Ok(latest));
  EXPECT_EQ(latest.value(), draft);
  EXPECT_EQ(read(draft).last_active_at, clock.now()) << "a choice counts as activity";

  auto closed = store->abandon_interrupted(clock.now() - 30LL * 24 * 3600 * 1000);
  ASSERT_TRUE(Ok(closed));
  EXPECT_EQ(closed.value(), 2) << "the kiosk response and the 40-day-old draft";
  EXPECT_EQ(read(kiosk).status, ResponseStatus::abandoned);
  EXPECT_EQ(read(old_draft).status, ResponseStatus::abandoned);
  EXPECT_EQ(read(old_draft).ended_at, TestClock::kConferenceMorning) << "ended at its last answer";
  EXPECT_EQ(read(draft).status, ResponseStatus::in_progress);
}

TEST_P(StoreTest, TimeSpentCountsTheGapsBetweenAnswersUpToALimit) {
  const std::string id = begin();
  clock.advance(20'000);
  ASSERT_TRUE(Ok(store->record_answer(id, "p1", "status", Rating::of(1))));
  clock.advance(3LL * 24 * 3600 * 1000);  // the app lay closed for three days
  ASSERT_TRUE(Ok(store->record_answer(id, "p2", "status", Rating::of(2))));
  clock.advance(30'000);
  ASSERT_TRUE(Ok(store->complete_response(id)));
  EXPECT_EQ(time_spent(read(id), 60'000), 20'000 + 60'000 + 30'000);
}

TEST_P(StoreTest, ContactsKeepOnlyThePackAndTheAddress) {
  const std::string id = begin();
  ASSERT_TRUE(Ok(store->add_contact({kPack.id, "b.jansen@example.invalid"})));
  ASSERT_TRUE(Ok(store->add_contact({kPack.id, "a.smit@example.invalid"})));
  ASSERT_TRUE(Ok(store->add_contact({kPack.id, "a.smit@example.invalid"})));  // sent twice
  EXPECT_TRUE(FailsWith(store->add_contact({kPack.id, "not an address"}), ErrorKind::constraint));
  EXPECT_TRUE(FailsWith(store->add_contact({kPack.id, "@example.invalid"}), ErrorKind::constraint));
  auto contacts = store->contacts();
  ASSERT_TRUE(Ok(contacts));
  EXPECT_EQ(contacts.value(), (std::vector<Contact>{{kPack.id, "a.smit@example.invalid"},
                                                    {kPack.id, "b.jansen@example.invalid"}}));
  const Response response = read(id);
  for (const auto& entry : response.open_answers) EXPECT_EQ(entry.text.find('@'), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(MemoryAndDisk, StoreTest, ::testing::Values(Where::memory, Where::disk), where_name);
INSTANTIATE_TEST_SUITE_P(MemoryAndDisk, StoreBatchTest, ::testing::Values(Where::memory, Where::disk),
                         where_name);

}  // namespace
}  // namespace peiling::store::test
