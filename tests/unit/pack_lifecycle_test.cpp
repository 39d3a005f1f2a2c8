// The life of a pack (issue 17): open, closing, closed, set on the hub with an optional closing
// time that the hub applies whenever it reads the state; late batches stored once and marked; what
// devices learn of it over HTTP and from a USB stick; bad input refused with a sentence.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "core/aggregation.hpp"
#include "core/codec.hpp"
#include "hub/hub_import.hpp"
#include "hub/hub_packs.hpp"
#include "hub/pack_state.hpp"
#include "support/process.hpp"
#include "sync/outbox.hpp"
#include "sync/pack_states.hpp"
#include "sync/pack_take_up.hpp"
#include "sync_test_support.hpp"

namespace peiling::sync::test {
namespace {

namespace fs = std::filesystem;
using hub::HubStore;

constexpr UtcMillis kNoon = 1'764'763'200'000;  // 2025-12-03T12:00:00Z
constexpr UtcMillis kMinute = 60'000;

std::string fixture_bytes() {
  return peiling::test::read_file(fs::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs" /
                                  "valid-minimal.json");
}

class PackLifecycleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = peiling::test::scratch_dir(std::string("pack_lifecycle_") +
                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    auto created = HubStore::create(fs::path(dir) / "hub.db", options());
    ASSERT_TRUE(created.ok()) << created.error().message;
    hub.emplace(std::move(created.value()));
    ASSERT_TRUE(hub->publish_pack({pack.id, pack.version}, fixture_bytes()).ok());
  }

  store::StoreOptions options() {
    store::StoreOptions options;
    options.now = [this] { return clock; };
    return options;
  }

  void set(PackState state, std::optional<UtcMillis> closes_at = std::nullopt) {
    ASSERT_TRUE(
        hub->set_pack_lifecycle(pack.id, state, closes_at, {0, "ada", "pack-state", "test", "cli"}).ok());
  }

  PackLifecycle lifecycle() {
    auto read = hub->pack_lifecycle(pack.id);
    EXPECT_TRUE(read.ok()) << read.error().message;
    return read.ok() ? read.value() : PackLifecycle{};
  }

  // batch_id: the same one again for the same file again (a copy on a second stick).
  hub::IngestResult deliver(std::int64_t seq, const std::vector<Response>& responses,
                            std::string batch_id = random_uuid_v4()) {
    BatchPayload payload{std::move(batch_id), signer.device_id, seq, kNoon, responses};
    const auto encoded = encode_batch_file(encode_payload(payload), seq, signer, std::nullopt);
    auto envelope = read_batch_file(encoded.file, "late.json");
    EXPECT_TRUE(envelope.ok()) << envelope.errors().joined();
    auto result = hub->ingest({envelope.value(), payload, "late.json"}, false);
    EXPECT_TRUE(result.ok()) << result.error().message;
    return result.ok() ? result.value() : hub::IngestResult{};
  }

  std::string dir;
  UtcMillis clock = kNoon;
  std::optional<HubStore> hub;
  Pack pack = fixture_pack();
  store::DeviceStore device = open_device(pack);
  SigningKeys device_keys;
  BatchSigner signer = device_keys.signer(random_uuid_v4());
};

TEST_F(PackLifecycleTest, APackNeverSwitchedIsOpenAndAClosingTimeClosesItWhenReadAfterIt) {
  EXPECT_EQ(lifecycle(), PackLifecycle{});
  set(PackState::closing, kNoon + 30 * kMinute);
  EXPECT_EQ(lifecycle().state, PackState::closing);
  clock = kNoon + 30 * kMinute;
  EXPECT_EQ(lifecycle().state, PackState::closed) << "no timer: the read applies it";
  auto listed = hub->published_packs();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().lifecycle.state, PackState::closed) << "what devices fetch, too";
  EXPECT_EQ(listed->front().lifecycle_changed_at, kNoon);
}

TEST_F(PackLifecycleTest, TheStateSurvivesARestartAndEveryChangeIsAudited) {
  set(PackState::closing, kNoon + 10 * kMinute);
  hub.reset();
  auto reopened = HubStore::open(fs::path(dir) / "hub.db", options());
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  hub.emplace(std::move(reopened.value()));
  EXPECT_EQ(lifecycle(), (PackLifecycle{PackState::closing, kNoon + 10 * kMinute, false}));
  auto log = hub->audit_log(10);
  ASSERT_TRUE(log.ok());
  ASSERT_FALSE(log->empty());
  EXPECT_EQ(log->front().action, "pack-state");
  EXPECT_EQ(log->front().organiser, "ada");
}

TEST_F(PackLifecycleTest, ALateBatchAfterClosingIsStoredOnceMarkedLateAndCountedApart) {
  const auto on_time = peiling::test::add_respondents(device, pack, 5).given;
  EXPECT_EQ(deliver(1, on_time).responses_added, 5);
  set(PackState::closed);
  const auto late = peiling::test::add_respondents(device, pack, 2).given;
  const std::string batch_id = random_uuid_v4();
  const auto stored = deliver(2, late, batch_id);
  EXPECT_EQ(stored.outcome, hub::BatchOutcome::added) << "never refused";
  EXPECT_EQ(stored.responses_added, 2);
  EXPECT_EQ(deliver(2, late, batch_id).outcome, hub::BatchOutcome::duplicate) << "and once only";

  auto status = hub->status();
  ASSERT_TRUE(status.ok());
  ASSERT_EQ(status->responses.size(), 1u);
  EXPECT_EQ(status->responses[0].complete, 7) << "late ones are kept and counted";
  EXPECT_EQ(status->responses[0].late, 2) << "and said apart";

  auto data = hub->survey_data(pack.id);
  ASSERT_TRUE(data.ok());
  int marked = 0;
  for (const auto& response : data->responses) {
    const bool is_late =
        std::any_of(late.begin(), late.end(), [&](const Response& given) { return given.id == response.id; });
    EXPECT_EQ(response.late, is_late) << response.id;
    marked += response.late ? 1 : 0;
  }
  EXPECT_EQ(marked, 2);
  const Aggregate counted = aggregate(data.value(), pack, {1, false});
  EXPECT_EQ(counted.responses, 7);
  EXPECT_EQ(counted.late, 2);
}

TEST_F(PackLifecycleTest, ABatchAfterTheClosingTimeIsLateThoughNobodySwitchedIt) {
  set(PackState::open, kNoon + kMinute);
  EXPECT_EQ(deliver(1, peiling::test::add_respondents(device, pack, 1).given).responses_added, 1);
  clock = kNoon + 2 * kMinute;
  EXPECT_EQ(deliver(2, peiling::test::add_respondents(device, pack, 1).given).responses_added, 1);
  auto status = hub->status();
  ASSERT_TRUE(status.ok());
  ASSERT_EQ(status->responses.size(), 1u);
  EXPECT_EQ(status->responses[0].late, 1);
}

TEST_F(PackLifecycleTest, BadInputGetsASentenceNamingWhatIsWrongAndChangesNothing) {
  const auto refused = [&](hub::PackStateChange change) {
    change.organiser = "ada";
    change.client = "cli";
    auto result = hub::set_pack_state(hub.value(), change);
    EXPECT_FALSE(result.ok());
    return result.ok() ? std::string() : result.errors().joined();
  };
  EXPECT_EQ(refused({pack.id, "shut", "", "", ""}),
            "'shut' is not a pack state; give open, closing or closed");
  EXPECT_EQ(refused({pack.id, "closing", "tomorrow", "", ""}),
            "closes at: 'tomorrow' is not a time; give it in UTC as 2026-12-03T15:00Z");
  EXPECT_EQ(refused({pack.id, "closing", "2026-02-30T10:00Z", "", ""}),
            "closes at: '2026-02-30T10:00Z' is not a time; give it in UTC as 2026-12-03T15:00Z");
  EXPECT_EQ(refused({pack.id, "closing", "2009-11-13T10:00Z", "", ""}),
            "closes at: 2009-11-13T10:00Z has passed; to close now, set closed");
  EXPECT_EQ(refused({"no-such-pack", "closed", "", "", ""}),
            "pack no-such-pack is not published on this hub (see `pack list`)");
  EXPECT_EQ(lifecycle(), PackLifecycle{});
  auto set = hub::set_pack_state(hub.value(), {pack.id, "closing", "2099-01-01T09:30", "ada", "cli"});
  ASSERT_TRUE(set.ok()) << set.errors().joined();
  EXPECT_EQ(set->closes_at, parse_rfc3339("2099-01-01T09:30:00.000Z"));
}

TEST(ClosingTime, TakesTheFormsAnOrganiserTypesInUtc) {
  const auto at = parse_rfc3339("2026-12-03T15:00:00.000Z");
  EXPECT_EQ(hub::closing_time_named("2026-12-03T15:00Z"), at);
  EXPECT_EQ(hub::closing_time_named("2026-12-03T15:00"), at);
  EXPECT_EQ(hub::closing_time_named("2026-12-03T15:00:00Z"), at);
  EXPECT_EQ(hub::closing_time_named("2026-12-03T15:00:00.000Z"), at);
  for (const char* bad : {"", "15:00", "2026-12-03", "2026-12-03T25:00Z", "2026-12-03T15:00+01:00", "now"})
    EXPECT_FALSE(hub::closing_time_named(bad)) << bad;
}

TEST(PackStatusList, AListFromAHubBeforeStatesMeansOpenAndUnknownStatesAreRefused) {
  const auto old = pack_statuses_in_list(R"([{"id": "a", "version": 2, "sha256": "x"}])");
  ASSERT_TRUE(old);
  ASSERT_EQ(old->size(), 1u);
  EXPECT_EQ(old->front(), (PackStatus{{"a", 2}, PackLifecycle{}, 0}));
  const auto now = pack_statuses_in_list(
      R"([{"id": "a", "version": 2, "state": "closing", "closes_at": "2026-12-03T15:00:00.000Z",
           "rehearsal": true, "changed_at": "2026-12-03T12:00:00.000Z", "later": 1}])");
  ASSERT_TRUE(now);
  EXPECT_EQ(now->front().lifecycle,
            (PackLifecycle{PackState::closing, parse_rfc3339("2026-12-03T15:00:00.000Z"), true}));
  EXPECT_EQ(now->front().changed_at, parse_rfc3339("2026-12-03T12:00:00.000Z"));
  for (const char* bad : {R"([{"id": "a", "version": 2, "state": "shut"}])",
                          R"([{"id": "a", "version": 2, "closes_at": "soon"}])",
                          R"([{"id": "a", "version": 2, "rehearsal": "yes"}])", R"({"id": "a"})",
                          R"([{"id": "../a", "version": 2}])"})
    EXPECT_FALSE(pack_statuses_in_list(bad)) << bad;
}

TEST_F(PackLifecycleTest, ADeviceLearnsTheStateFromAStickAndAStaleStickDoesNotReopenIt) {
  set(PackState::closing, kNoon + 30 * kMinute);
  const fs::path stick = fs::path(dir) / "stick";
  auto written = hub::write_pack_states(hub.value(), stick);
  ASSERT_TRUE(written.ok()) << written.errors().joined();
  EXPECT_EQ(written.value(), stick / kAckFolder / pack_states_file_name(hub->sign_public_key()));
  EXPECT_EQ(written->extension(), ".states") << "older devices, which read acks/*.json, pass it by";

  Pack running = pack;
  running.hub = HubSettings{std::nullopt, std::nullopt, hub->sign_public_key(), std::nullopt};
  auto imported = import_packs(device, running, stick);
  ASSERT_TRUE(imported.ok()) << imported.errors().joined();
  EXPECT_TRUE(imported->refused.empty()) << imported->refused.front();
  auto learned = device.pack_status({pack.id, pack.version});
  ASSERT_TRUE(learned.ok());
  EXPECT_EQ(learned.value(), (PackLifecycle{PackState::closing, kNoon + 30 * kMinute, false}));

  // A newer word (as HTTP sync brings it) is not undone by the stale file on the stick.
  ASSERT_TRUE(device
                  .learn_pack_status({pack.id, pack.version}, {PackState::closed, std::nullopt, false},
                                     kNoon + kMinute)
                  .ok());
  ASSERT_TRUE(import_packs(device, running, stick).ok());
  EXPECT_EQ(device.pack_status({pack.id, pack.version})->state, PackState::closed);

  // A file changed after signing is refused and changes nothing.
  std::string bytes = peiling::test::read_file(written.value());
  bytes.replace(bytes.find("closing"), 7, "open   ");
  { std::ofstream(written.value(), std::ios::binary | std::ios::trunc) << bytes; }
  auto tampered = import_packs(device, running, stick);
  ASSERT_TRUE(tampered.ok());
  ASSERT_EQ(tampered->refused.size(), 1u);
  EXPECT_NE(tampered->refused.front().find("/signature"), std::string::npos) << tampered->refused.front();
}

}  // namespace
}  // namespace peiling::sync::test
