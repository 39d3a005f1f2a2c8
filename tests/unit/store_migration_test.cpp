// A database made by every schema version opens in today's store with all its data.
//
// Each sample is built the way that Peiling version built it: the migration steps up to that
// version, then data written with that version's SQL. When a step is added, add a sample for it.
#include <gtest/gtest.h>
#include <sodium.h>
#include <sqlite3.h>

#include <filesystem>

#include "store/schema.hpp"
#include "store_test_support.hpp"
#include "support/raw_database.hpp"

namespace peiling::store::test {
namespace {

namespace fs = std::filesystem;

struct DeviceKeys {
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> public_key{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret_key{};
};

std::string hex(const unsigned char* bytes, std::size_t size) {
  std::string text(size * 2 + 1, '\0');
  sodium_bin2hex(text.data(), text.size(), bytes, size);
  text.pop_back();
  return text;
}

const std::string kDeviceId = "6f1c2a4e-8b3d-4c5e-9a7f-0123456789ab";
const std::string kComment = "Zo\xC3\xAB: \xC3\xA9\xC3\xA9n loket \xE2\x80\x94 graag";
const std::string kPinHash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";

// Schema 1: one complete, one abandoned and one interrupted response, tallies, admin, a warning.
std::string version_1_data(const DeviceKeys& keys) {
  return "INSERT INTO device VALUES (1, '" + kDeviceId + "', 1258099200000, X'" +
         hex(keys.public_key.data(), keys.public_key.size()) + "', X'" +
         hex(keys.secret_key.data(), keys.secret_key.size()) + "');\n" + "INSERT INTO packs VALUES ('" +
         kPack.id + "', " + std::to_string(kPack.version) + ", 'digest-as-stored', '" + kPackJson +
         "', 1258099200000);\n" + "INSERT INTO active_pack VALUES (1, '" + kPack.id + "', " +
         std::to_string(kPack.version) + ");\n" + "INSERT INTO responses VALUES ('r-complete', '" + kPack.id +
         "', " + std::to_string(kPack.version) +
         ", 'nl', 'teacher', 'kiosk', 'complete', 1258099300000, 1258099500000);\n"
         "INSERT INTO responses VALUES ('r-abandoned', '" +
         kPack.id + "', " + std::to_string(kPack.version) +
         ", 'en', NULL, 'tablet', 'abandoned', 1258099310000, 1258099320000);\n"
         "INSERT INTO responses VALUES ('r-interrupted', '" +
         kPack.id + "', " + std::to_string(kPack.version) +
         ", 'nl', NULL, 'kiosk', 'in_progress', 1258099330000, NULL);\n"
         "INSERT INTO response_points VALUES ('r-complete', 0, 'p2'), ('r-complete', 1, 'p1');\n"
         "INSERT INTO answers VALUES ('r-complete', 'p1', 'importance', 4, 2, 1258099400000),"
         " ('r-complete', 'p2', 'importance', NULL, 1, 1258099410000);\n"
         "INSERT INTO comments VALUES ('r-complete', 'p1', '" +
         kComment +
         "', 1, 1258099420000);\n"
         "INSERT INTO open_answers VALUES ('r-complete', 'q-extra', 'More time', 3, 1258099430000);\n"
         "INSERT INTO top_choices VALUES ('r-complete', 1, 'p1'), ('r-complete', 2, 'p2');\n"
         "INSERT INTO point_tallies VALUES ('" +
         kPack.id + "', 'p1', 1, 1), ('" + kPack.id +
         "', 'p2', 1, 0);\n"
         "UPDATE admin SET pin_hash = '" +
         kPinHash +
         "', pin_failures = 2, lockout_until_ms = 1258100000000;\n"
         "INSERT INTO warnings (kind, message, at_ms) VALUES ('corrupt_moved_aside', 'moved aside earlier', "
         "1258099000000);\n";
}

// Schema 6: as 5, and sync over HTTP: the admin set a hub address, and the last attempt delivered
// batch 1.
std::string version_6_data(const DeviceKeys& keys) {
  return version_1_data(keys) +
         "INSERT INTO outbox VALUES ('r-complete', 1258099500000, 1258099600000);\n"
         "INSERT INTO batches VALUES (1, 'a3b1c2d4-0000-4000-8000-000000000001', 1258099550000, 1, "
         "'feedface', X'7B7D', NULL, 1258099600000);\n"
         "INSERT INTO batch_responses VALUES ('r-complete', 1);\n"
         "UPDATE sync_settings SET hub_url = 'http://10.0.0.2:8080', last_attempt_at_ms = 1258099600000, "
         "last_attempt_result = 'all delivered', last_success_at_ms = 1258099600000;\n"
         "UPDATE kiosk_settings SET scale_percent = 150, own_keyboard = 1, default_language = 'en';\n";
}

struct Sample {
  int version;
  std::string (*data)(const DeviceKeys&);
  int unsynced;     // what counts() must report once the sample is upgraded
  SyncCounts sync;  // what sync_counts(true) must report then
};

const Sample kSamples[] = {
    // Schema 2 did not exist yet; upgrading queues the completed response for the hub.
    {1, version_1_data, 1, {.not_batched = 2}},
    // The hub has acknowledged the completed response.
    {2,
     [](const DeviceKeys& keys) {
       return version_1_data(keys) +
              "INSERT INTO outbox VALUES ('r-complete', 1258099500000, 1258099600000);\n";
     },
     0,
     {.not_batched = 1}},
    // The completed response is in batch 1, exported to a stick and not yet acknowledged.
    {3,
     [](const DeviceKeys& keys) {
       return version_1_data(keys) +
              "INSERT INTO outbox VALUES ('r-complete', 1258099500000, NULL);\n"
              "INSERT INTO batches VALUES (1, 'a3b1c2d4-0000-4000-8000-000000000001', 1258099550000, 1, "
              "'feedface', X'7B7D', 1258099560000, NULL);\n"
              "INSERT INTO batch_responses VALUES ('r-complete', 1);\n";
     },
     1,
     {.not_batched = 1, .exported = 1}},
    // As 3, and the admin has made the kiosk larger and chosen English for respondents.
    {4,
     [](const DeviceKeys& keys) {
       return version_1_data(keys) +
              "INSERT INTO outbox VALUES ('r-complete', 1258099500000, NULL);\n"
              "UPDATE kiosk_settings SET scale_percent = 150, own_keyboard = 1, default_language = 'en';\n";
     },
     1,
     {.not_batched = 2}},
    // As 4, with a tablet draft with a choice answer, and a contact opt-in that belongs to no response.
    {5,
     [](const DeviceKeys& keys) {
       return version_1_data(keys) +
              "INSERT INTO outbox VALUES ('r-complete', 1258099500000, NULL);\n"
              "UPDATE kiosk_settings SET scale_percent = 150, own_keyboard = 1, default_language = 'en';\n"
              "INSERT INTO choices VALUES ('r-complete', 'obstacles-any', 'yes', 1258099400000);\n"
              "INSERT INTO contacts VALUES ('c-1', '" +
              kPack.id + "', 'someone@example.invalid');\n";
     },
     1,
     {.not_batched = 2}},
    // As 5, and sync over HTTP: the admin set a hub address, and the last attempt delivered batch 1.
    {6, version_6_data, 0, {.not_batched = 1, .delivered = 1}},
    // As 6, on a scale from -2 to 2: the first answer is -2 (schema 6 allowed only 1 or more).
    {7,
     [](const DeviceKeys& keys) {
       return version_6_data(keys) + "UPDATE answers SET value = -2 WHERE item_id = 'p1';\n";
     },
     0,
     {.not_batched = 1, .delivered = 1}},
    // As 7, and the complete response was shown a missed opportunity it did not answer.
    {8,
     [](const DeviceKeys& keys) {
       return version_6_data(keys) + "UPDATE answers SET value = -2 WHERE item_id = 'p1';\n" +
              "INSERT INTO missed_shown VALUES ('r-complete', 0, 'mo-1');\n";
     },
     0,
     {.not_batched = 1, .delivered = 1}},
    // The hub's word on the pack (closing, a rehearsal) and a response begun under it.
    {9,
     [](const DeviceKeys& keys) {
       // Responses have a column more now: the old rows name theirs.
       std::string data = version_6_data(keys);
       for (std::size_t at = data.find("INSERT INTO responses VALUES"); at != std::string::npos;
            at = data.find("INSERT INTO responses VALUES", at + 1)) {
         data.replace(
             at, std::string("INSERT INTO responses VALUES").size(),
             "INSERT INTO responses (response_id, pack_id, pack_version, language, role, mode, status, "
             "started_at_ms, ended_at_ms) VALUES");
       }
       return data + "UPDATE answers SET value = -2 WHERE item_id = 'p1';\n" +
              "INSERT INTO missed_shown VALUES ('r-complete', 0, 'mo-1');\n" +
              "INSERT INTO pack_status VALUES ('" + kPack.id + "', " + std::to_string(kPack.version) +
              ", 'closing', NULL, 1, 5);\n" +
              "UPDATE responses SET rehearsal = 1 WHERE response_id = 'r-complete';\n";
     },
     0,
     {.not_batched = 1, .delivered = 1}},
};

// Builds <dir>/peiling.db as the Peiling of that schema version left it.
void build_sample(const fs::path& dir, const Sample& sample, const DeviceKeys& keys) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir / kDatabaseFileName).c_str(), &db), SQLITE_OK);
  auto exec = [&](const std::string& sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    EXPECT_EQ(rc, SQLITE_OK) << (message ? message : "") << "\n" << sql;
    sqlite3_free(message);
  };
  exec("PRAGMA journal_mode=WAL");
  for (const sqlite::MigrationStep& step : migration_steps()) {
    if (step.version > sample.version) break;
    exec(std::string(step.sql));
    exec("PRAGMA user_version=" + std::to_string(step.version));
  }
  exec(sample.data(keys));
  sqlite3_close(db);
}

TEST(StoreMigration, StepsAreNumberedOneByOneFromOne) {
  int expected = 1;
  for (const sqlite::MigrationStep& step : migration_steps()) {
    EXPECT_EQ(step.version, expected++);
    EXPECT_FALSE(step.purpose.empty());
  }
  EXPECT_EQ(latest_schema_version(), expected - 1);
}

TEST(StoreMigration, EverySchemaVersionHasASampleDatabase) {
  ASSERT_EQ(std::size(kSamples), static_cast<std::size_t>(latest_schema_version()));
  for (std::size_t i = 0; i < std::size(kSamples); ++i)
    EXPECT_EQ(kSamples[i].version, static_cast<int>(i) + 1);
}

class StoreMigrationFrom : public ::testing::TestWithParam<Sample> {};

TEST_P(StoreMigrationFrom, OpensUpgradesAndKeepsEveryRecord) {
  ASSERT_EQ(sodium_init() >= 0, true);
  DeviceKeys keys;
  crypto_sign_keypair(keys.public_key.data(), keys.secret_key.data());
  const std::string dir = test_dir();
  build_sample(dir, GetParam(), keys);
  TestClock clock;
  auto opened = DeviceStore::open(dir, clock.options());
  ASSERT_TRUE(Ok(opened));
  DeviceStore& store = opened.value();

  peiling::test::RawDatabase file(fs::path(dir) / kDatabaseFileName);
  EXPECT_EQ(file.rows("PRAGMA user_version"),
            std::vector<std::string>{std::to_string(latest_schema_version())});
  EXPECT_EQ(file.problems(), std::vector<std::string>{});

  EXPECT_EQ(store.device_id(), kDeviceId);
  EXPECT_EQ(store.signing_public_key(), keys.public_key);
  const auto signature = store.sign(kDeviceId);
  EXPECT_EQ(
      crypto_sign_verify_detached(signature.data(), reinterpret_cast<const unsigned char*>(kDeviceId.data()),
                                  kDeviceId.size(), keys.public_key.data()),
      0);

  auto pack = store.pack(kPack);
  ASSERT_TRUE(Ok(pack));
  EXPECT_EQ(pack->json, kPackJson);
  EXPECT_EQ(pack->sha256, "digest-as-stored");
  auto active = store.active_pack();
  ASSERT_TRUE(Ok(active));
  EXPECT_EQ(active->value(), kPack);

  auto response = store.response("r-complete");
  ASSERT_TRUE(Ok(response));
  EXPECT_EQ(response->status, ResponseStatus::complete);
  EXPECT_EQ(response->role, "teacher");
  EXPECT_EQ(response->started_at, 1258099300000);
  EXPECT_EQ(response->ended_at, 1258099500000);
  EXPECT_EQ(response->points_shown, (std::vector<std::string>{"p2", "p1"}));
  EXPECT_EQ(response->top_choices, (std::vector<std::string>{"p1", "p2"}));
  ASSERT_EQ(response->answers.size(), 2u);
  EXPECT_EQ(response->answers[0].rating, Rating::of(GetParam().version >= 7 ? -2 : 4));
  EXPECT_EQ(response->missed_shown,
            GetParam().version >= 8 ? std::vector<std::string>{"mo-1"} : std::vector<std::string>{});
  EXPECT_EQ(response->rehearsal, GetParam().version >= 9) << "begun under the band, as the sample says";
  EXPECT_EQ(response->answers[0].revision, 2);
  EXPECT_TRUE(response->answers[1].rating.is_skip());
  ASSERT_EQ(response->comments.size(), 1u);
  EXPECT_EQ(response->comments[0].text, kComment);
  ASSERT_EQ(response->open_answers.size(), 1u);
  EXPECT_EQ(response->open_answers[0].text, "More time");
  EXPECT_EQ(response->open_answers[0].revision, 3);
  auto abandoned = store.response("r-abandoned");
  ASSERT_TRUE(Ok(abandoned));
  EXPECT_EQ(abandoned->mode, Mode::tablet);

  auto counts = store.counts();
  ASSERT_TRUE(Ok(counts));
  EXPECT_EQ(counts->complete, 1);
  EXPECT_EQ(counts->abandoned, 1);
  EXPECT_EQ(counts->in_progress, 1);
  EXPECT_EQ(counts->unsynced, GetParam().unsynced);
  auto sync = store.sync_counts(true);
  ASSERT_TRUE(Ok(sync));
  EXPECT_EQ(sync.value(), GetParam().sync);
  auto settings = store.sync_settings();
  ASSERT_TRUE(Ok(settings));
  EXPECT_EQ(settings->hub_url.has_value(), GetParam().version >= 6);
  EXPECT_EQ(settings->last_success_at.has_value(), GetParam().version >= 6);
  auto tallies = store.point_tallies(kPack.id);
  ASSERT_TRUE(Ok(tallies));
  EXPECT_EQ(tallies.value(), (std::map<std::string, PointTally>{{"p1", {1, 1}}, {"p2", {1, 0}}}));

  auto pin = store.admin_pin_hash();
  ASSERT_TRUE(Ok(pin));
  EXPECT_EQ(pin->value_or(""), kPinHash);
  auto failures = store.increment_pin_failures();
  ASSERT_TRUE(Ok(failures));
  EXPECT_EQ(failures.value(), 3) << "the 2 failures kept, and this one";
  auto lockout = store.lockout_until();
  ASSERT_TRUE(Ok(lockout));
  EXPECT_EQ(lockout.value(), 1258100000000);
  auto warnings = store.warnings();
  ASSERT_TRUE(Ok(warnings));
  ASSERT_EQ(warnings->size(), 1u);
  EXPECT_EQ(warnings->at(0).message, "moved aside earlier");
  auto kiosk = store.kiosk_settings();
  ASSERT_TRUE(Ok(kiosk));
  const KioskSettings set_by_sample{150, true, "en"};
  EXPECT_EQ(kiosk.value(), GetParam().version >= 4 ? set_by_sample : KioskSettings{});

  // The upgraded database takes new work like a new one.
  auto closed = store.abandon_interrupted();
  ASSERT_TRUE(Ok(closed));
  EXPECT_EQ(closed.value(), 1);
  auto next = store.begin_response({kPack, "nl", std::nullopt, Mode::kiosk, {"p1", "p2"}});
  ASSERT_TRUE(Ok(next));
  ASSERT_TRUE(Ok(store.record_answer(next.value(), "p2", "importance", Rating::of(5))));
  ASSERT_TRUE(Ok(store.record_answer(next.value(), "p1", "importance", Rating::of(-100))))
      << "any value of the pack format's scales";
  ASSERT_TRUE(Ok(store.record_missed_shown(next.value(), "mo-1")));
  ASSERT_TRUE(Ok(store.complete_response(next.value())));
  tallies = store.point_tallies(kPack.id);
  ASSERT_TRUE(Ok(tallies));
  EXPECT_EQ(tallies->at("p2"), (PointTally{2, 1}));
}

INSTANTIATE_TEST_SUITE_P(EverySchemaVersion, StoreMigrationFrom, ::testing::ValuesIn(kSamples),
                         [](const ::testing::TestParamInfo<Sample>& sample) {
                           return "Version" + std::to_string(sample.param.version);
                         });

}  // namespace
}  // namespace peiling::store::test
