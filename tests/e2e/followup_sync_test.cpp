// Follow-up surveys between devices and the hub, with the real programs: packs published by the
// hub and taken up by devices from a folder or over loopback HTTP from `peiling-hub serve` (refused
// when signed by another hub or changed after signing, waiting when drafts are open), and contact
// opt-ins that reach only `peiling-hub contacts export`.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/pack.hpp"
#include "hub/hub_store.hpp"
#include "store/device_store.hpp"
#include "support/hub_process.hpp"
#include "support/process.hpp"
#include "support/respondents.hpp"

namespace peiling::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kFollowUpFixture =
    fs::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs" / "valid-follow-up.json";

class FollowUpSync : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = scratch_dir(std::string("followup_") +
                      ::testing::UnitTest::GetInstance()->current_test_info()->name());
    hub_db = (dir / "hub.db").string();
    hub_key = init_hub(hub_db);
  }

  ProcessResult hub(const std::string& db, std::vector<std::string> args) {
    std::vector<std::string> argv{PEILING_HUB_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.insert(argv.end(), {"--db", db});
    return run_process(argv);
  }

  // A new hub; returns its public keys as a pack's "hub" section.
  json init_hub(const std::string& db) {
    const auto init = hub(db, {"init"});
    EXPECT_EQ(init.exit_code, 0) << init.output;
    const auto keys = hub(db, {"keys", "show"});
    EXPECT_EQ(keys.exit_code, 0) << keys.output;
    return json::parse("{" + keys.output + "}").at("hub");
  }

  // The follow-up fixture at this version, trusting this hub.
  fs::path write_pack(const std::string& name, int version, const json& hub_section, bool auto_activate) {
    json pack = json::parse(read_file(kFollowUpFixture));
    pack["version"] = version;
    pack["settings"]["auto_activate"] = auto_activate;
    pack["hub"] = hub_section;
    const auto path = dir / name;
    write_file(path.string(), pack.dump(2));
    return path;
  }

  ProcessResult device(const std::string& data, const fs::path& pack, std::vector<std::string> args) {
    std::vector<std::string> argv{PEILING_KIOSK_BIN, "--data-dir", data, "--pack", pack.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv);
  }

  std::optional<PackRef> active_pack(const std::string& data) {
    auto store = store::DeviceStore::open(data);
    EXPECT_TRUE(store.ok());
    auto active = store->active_pack();
    EXPECT_TRUE(active.ok());
    return active.value();
  }

  // The device took up version 4 of the follow-up pack, byte for byte, and switched to it.
  void expect_switched_to_published(const std::string& data, const fs::path& published) {
    EXPECT_EQ(active_pack(data), (PackRef{"minimal-follow-up", 4}));
    auto store = store::DeviceStore::open(data);
    ASSERT_TRUE(store.ok());
    auto kept = store->pack({"minimal-follow-up", 4});
    ASSERT_TRUE(kept.ok());
    EXPECT_EQ(kept->json, read_file(published)) << "the device keeps the pack byte for byte";
  }

  // The device holds and runs only the pack it started with.
  void expect_nothing_taken_up(const std::string& data) {
    auto store = store::DeviceStore::open(data);
    ASSERT_TRUE(store.ok());
    auto packs = store->packs();
    ASSERT_TRUE(packs.ok());
    EXPECT_EQ(packs.value(), (std::vector<PackRef>{{"minimal-follow-up", 3}})) << "nothing was taken up";
    EXPECT_EQ(store->active_pack().value(), (PackRef{"minimal-follow-up", 3}));
  }

  fs::path dir;
  std::string hub_db;
  json hub_key;
};

TEST_F(FollowUpSync, TheHubPublishesAndADeviceTakesThePackUpFromAFolderAndSwitchesAsItAsks) {
  const auto running = write_pack("running.json", 3, {{"sign_key", hub_key.at("sign_key")}}, false);
  const auto next = write_pack("next.json", 4, {{"sign_key", hub_key.at("sign_key")}}, true);

  auto published = hub(hub_db, {"pack", "publish", next.string()});
  ASSERT_EQ(published.exit_code, 0) << published.output;
  EXPECT_NE(published.output.find("published minimal-follow-up version 4"), std::string::npos)
      << published.output;
  auto again = hub(hub_db, {"pack", "publish", next.string()});
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("already published"), std::string::npos) << again.output;
  // Other content under a published version is refused: a changed pack needs a new version.
  json changed = json::parse(read_file(next));
  changed["title"]["en"] = "Changed after publishing";
  write_file((dir / "changed.json").string(), changed.dump(2));
  auto refused = hub(hub_db, {"pack", "publish", (dir / "changed.json").string()});
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_NE(refused.output.find("raise its version"), std::string::npos) << refused.output;
  // An invalid pack is not signed at all.
  auto invalid = hub(
      hub_db, {"pack", "publish",
               (fs::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs" / "invalid" / "show-if-forward.json")
                   .string()});
  EXPECT_EQ(invalid.exit_code, 1);
  EXPECT_NE(invalid.output.find("show_if may only refer to an earlier question"), std::string::npos)
      << invalid.output;

  const auto listed = hub(hub_db, {"pack", "list"});
  ASSERT_EQ(listed.exit_code, 0) << listed.output;
  const json list = json::parse(listed.output);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].at("id"), "minimal-follow-up");
  EXPECT_EQ(list[0].at("version"), 4);

  const auto stick = dir / "stick";
  auto exported = hub(hub_db, {"pack", "export", stick.string()});
  ASSERT_EQ(exported.exit_code, 0) << exported.output;
  ASSERT_TRUE(fs::exists(stick / "packs" / "minimal-follow-up-4.json"));

  const std::string data = (dir / "device").string();
  auto fetched = device(data, running, {"--fetch-packs", stick.string()});
  ASSERT_EQ(fetched.exit_code, 0) << fetched.output;
  EXPECT_NE(fetched.output.find("now the active pack"), std::string::npos) << fetched.output;
  expect_switched_to_published(data, next);
}

TEST_F(FollowUpSync, APackSignedByAnotherHubOrChangedAfterSigningIsRefusedWithAClearMessage) {
  const auto running = write_pack("running.json", 3, {{"sign_key", hub_key.at("sign_key")}}, false);
  const auto next = write_pack("next.json", 4, {{"sign_key", hub_key.at("sign_key")}}, true);

  // Another hub publishes the same pack.
  const std::string other_db = (dir / "other-hub.db").string();
  init_hub(other_db);
  ASSERT_EQ(hub(other_db, {"pack", "publish", next.string()}).exit_code, 0);
  const auto other_stick = dir / "other-stick";
  ASSERT_EQ(hub(other_db, {"pack", "export", other_stick.string()}).exit_code, 0);

  // This hub publishes it, and someone edits the signed file.
  ASSERT_EQ(hub(hub_db, {"pack", "publish", next.string()}).exit_code, 0);
  const auto stick = dir / "stick";
  ASSERT_EQ(hub(hub_db, {"pack", "export", stick.string()}).exit_code, 0);
  const auto signed_file = stick / "packs" / "minimal-follow-up-4.json";
  json envelope = json::parse(read_file(signed_file));
  std::string payload = envelope.at("payload");
  const auto at = payload.find("\"version\": 4");
  ASSERT_NE(at, std::string::npos);
  payload.replace(at, std::string("\"version\": 4").size(), "\"version\": 5");
  envelope["payload"] = payload;
  write_file(signed_file.string(), envelope.dump(2));

  const std::string data = (dir / "device").string();
  for (const auto& [folder, reason] :
       {std::pair{other_stick, "is not a hub key this device trusts"},
        std::pair{stick,
                  "does not verify with the hub key; the file was changed or not signed by the hub"}}) {
    auto fetched = device(data, running, {"--fetch-packs", folder.string()});
    EXPECT_EQ(fetched.exit_code, 1) << fetched.output;
    EXPECT_NE(fetched.output.find("refused: " + (folder / "packs" / "minimal-follow-up-4.json").string()),
              std::string::npos)
        << fetched.output;
    EXPECT_NE(fetched.output.find(reason), std::string::npos) << fetched.output;
  }
  expect_nothing_taken_up(data);
}

TEST_F(FollowUpSync, APackThatAsksToBeActiveWaitsForTheAdminWhileDraftsAreOpen) {
  const auto running = write_pack("running.json", 3, {{"sign_key", hub_key.at("sign_key")}}, false);
  const auto next = write_pack("next.json", 4, {{"sign_key", hub_key.at("sign_key")}}, true);
  ASSERT_EQ(hub(hub_db, {"pack", "publish", next.string()}).exit_code, 0);
  const auto stick = dir / "stick";
  ASSERT_EQ(hub(hub_db, {"pack", "export", stick.string()}).exit_code, 0);

  const std::string data = (dir / "device").string();
  {
    auto store = store::DeviceStore::open(data);
    ASSERT_TRUE(store.ok());
    const PackRef ref{"minimal-follow-up", 3};
    ASSERT_TRUE(store->remember_pack(ref, read_file(running)).ok());
    ASSERT_TRUE(store->set_active_pack(ref).ok());
    auto draft = store->begin_response({ref, "nl", std::nullopt, Mode::tablet, {"wg1-1"}});
    ASSERT_TRUE(draft.ok());
    ASSERT_TRUE(store->record_answer(draft.value(), "wg1-1", "status", Rating::of(2)).ok());
  }
  auto fetched = device(data, running, {"--fetch-packs", stick.string()});
  ASSERT_EQ(fetched.exit_code, 0) << fetched.output;
  EXPECT_NE(fetched.output.find("drafts of the running pack are open"), std::string::npos) << fetched.output;
  EXPECT_EQ(active_pack(data), (PackRef{"minimal-follow-up", 3}));
  auto store = store::DeviceStore::open(data);
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE(store->pack({"minimal-follow-up", 4}).ok()) << "offered in the admin panel all the same";
}

// Every text a table of the database at path holds, but for the tables named in except.
std::string every_text_of(const fs::path& path, const std::vector<std::string>& except) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  std::vector<std::string> tables;
  sqlite3_exec(
      db, "SELECT name FROM sqlite_schema WHERE type = 'table'",
      [](void* out, int, char** values, char**) {
        static_cast<std::vector<std::string>*>(out)->push_back(values[0]);
        return 0;
      },
      &tables, nullptr);
  std::string texts;
  for (const auto& table : tables) {
    if (std::find(except.begin(), except.end(), table) != except.end()) continue;
    sqlite3_exec(
        db, ("SELECT * FROM \"" + table + "\"").c_str(),
        [](void* out, int columns, char** values, char**) {
          for (int i = 0; i < columns; ++i) *static_cast<std::string*>(out) += values[i] ? values[i] : "";
          return 0;
        },
        &texts, nullptr);
  }
  sqlite3_close(db);
  return texts;
}

std::vector<std::string> columns_of(const fs::path& path, const std::string& table) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  std::vector<std::string> columns;
  sqlite3_exec(
      db, ("SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid").c_str(),
      [](void* out, int, char** values, char**) {
        static_cast<std::vector<std::string>*>(out)->push_back(values[0]);
        return 0;
      },
      &columns, nullptr);
  sqlite3_close(db);
  return columns;
}

// How often the hub's request log shows this request answered with this status.
int requests_in(const std::string& log, const std::string& request) {
  int count = 0;
  for (auto at = log.find(request); at != std::string::npos; at = log.find(request, at + 1)) ++count;
  return count;
}

TEST_F(FollowUpSync, TheHubPublishesAndADeviceFetchesThePackOverLoopbackHttpAndSwitchesAsItAsks) {
  const auto next = write_pack("next.json", 4, {{"sign_key", hub_key.at("sign_key")}}, true);
  ASSERT_EQ(hub(hub_db, {"pack", "publish", next.string()}).exit_code, 0);
  write_file((dir / "token").string(), "venue-token\n");
  ServingHub served(hub_db, dir / "logs", {"--token-file", (dir / "token").string()});
  ASSERT_TRUE(served.started()) << served.log();
  // The packs routes need the token batches need; the running pack gives it, as a venue's would.
  const auto running = write_pack(
      "running.json", 3,
      {{"url", served.url()}, {"sign_key", hub_key.at("sign_key")}, {"token", "venue-token"}}, false);

  const std::string data = (dir / "device").string();
  auto synced = device(data, running, {"--sync", served.url()});
  ASSERT_EQ(synced.exit_code, 0) << synced.output;
  EXPECT_NE(synced.output.find("pack minimal-follow-up version 4 taken up"), std::string::npos)
      << synced.output;
  EXPECT_NE(synced.output.find("now the active pack"), std::string::npos) << synced.output;
  EXPECT_NE(synced.output.find("1 pack(s) taken up, 0 refused"), std::string::npos) << synced.output;
  expect_switched_to_published(data, next);
  // The next sync asks for the list again, and not for a pack the device holds.
  auto again = device(data, running, {"--sync", served.url()});
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("0 pack(s) taken up, 0 refused"), std::string::npos) << again.output;
  const std::string log = served.log();
  EXPECT_EQ(requests_in(log, "GET /api/v1/packs 200"), 2) << log;
  EXPECT_EQ(requests_in(log, "GET /api/v1/packs/minimal-follow-up/4 200"), 1) << log;

  // Without the token the hub shows no packs, and the device says so.
  auto tokenless = device((dir / "tokenless").string(),
                          write_pack("tokenless.json", 3, {{"sign_key", hub_key.at("sign_key")}}, false),
                          {"--sync", served.url()});
  EXPECT_EQ(tokenless.exit_code, 1) << tokenless.output;
  EXPECT_NE(tokenless.output.find("pack not fetched: " + served.url() + "/api/v1/packs: HTTP 401"),
            std::string::npos)
      << tokenless.output;
}

TEST_F(FollowUpSync, OverHttpAPackSignedByAnotherHubOrChangedAfterSigningIsRefusedAndBatchesStillArrive) {
  const auto running = write_pack("running.json", 3, {{"sign_key", hub_key.at("sign_key")}}, false);
  const auto next = write_pack("next.json", 4, {{"sign_key", hub_key.at("sign_key")}}, true);

  // This hub publishes the pack, and someone edits the signed file in its database.
  ASSERT_EQ(hub(hub_db, {"pack", "publish", next.string()}).exit_code, 0);
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(hub_db.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* select = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT signed_file FROM published_packs", -1, &select, nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_step(select), SQLITE_ROW);
    json envelope = json::parse(reinterpret_cast<const char*>(sqlite3_column_text(select, 0)));
    sqlite3_finalize(select);
    std::string payload = envelope.at("payload");
    const auto at = payload.find("Eerst");
    ASSERT_NE(at, std::string::npos);
    payload.replace(at, 5, "Later");
    envelope["payload"] = payload;
    sqlite3_stmt* update = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "UPDATE published_packs SET signed_file = ?1", -1, &update, nullptr),
              SQLITE_OK);
    const std::string altered = envelope.dump(2);
    sqlite3_bind_text(update, 1, altered.c_str(), static_cast<int>(altered.size()), SQLITE_TRANSIENT);
    ASSERT_EQ(sqlite3_step(update), SQLITE_DONE);
    sqlite3_finalize(update);
    sqlite3_close(db);
  }
  // A device with answers to deliver: the refused pack must not hold them back.
  const std::string data = (dir / "device").string();
  std::vector<Response> given;
  {
    auto store = store::DeviceStore::open(data);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(store->remember_pack({"minimal-follow-up", 3}, read_file(running)).ok());
    auto pack = load_pack_file(running);
    ASSERT_TRUE(pack.ok()) << pack.errors().joined();
    given = add_respondents(store.value(), pack->pack, 4).given;
  }
  ServingHub served(hub_db, dir / "logs");
  ASSERT_TRUE(served.started()) << served.log();
  const std::string origin = served.url() + "/api/v1/packs/minimal-follow-up/4";
  auto altered = device(data, running, {"--sync", served.url()});
  EXPECT_EQ(altered.exit_code, 1) << altered.output;
  EXPECT_NE(altered.output.find("1 batch(es) delivered, 0 waiting, 0 refused; 0 pack(s) taken up, 1 refused"),
            std::string::npos)
      << altered.output;
  EXPECT_NE(altered.output.find(
                "refused: " + origin +
                ": /signature: does not verify with the hub key; the file was changed or not signed by "
                "the hub"),
            std::string::npos)
      << altered.output;
  auto hub_status = hub(hub_db, {"status", "--json"});
  ASSERT_EQ(hub_status.exit_code, 0) << hub_status.output;
  EXPECT_EQ(json::parse(hub_status.output)["responses"][0]["complete"], static_cast<int>(given.size()));

  // Another hub publishes the same pack: this device does not trust its key.
  const std::string other_db = (dir / "other-hub.db").string();
  init_hub(other_db);
  ASSERT_EQ(hub(other_db, {"pack", "publish", next.string()}).exit_code, 0);
  ServingHub other(other_db, dir / "other-logs");
  ASSERT_TRUE(other.started()) << other.log();
  const std::string fresh = (dir / "fresh-device").string();
  auto foreign = device(fresh, running, {"--sync", other.url()});
  EXPECT_EQ(foreign.exit_code, 1) << foreign.output;
  EXPECT_NE(foreign.output.find("refused: " + other.url() + "/api/v1/packs/minimal-follow-up/4: "),
            std::string::npos)
      << foreign.output;
  EXPECT_NE(foreign.output.find("is not a hub key this device trusts"), std::string::npos) << foreign.output;

  expect_nothing_taken_up(data);
  expect_nothing_taken_up(fresh);
}

TEST_F(FollowUpSync, AContactAddressReachesOnlyTheContactsExport) {
  const std::string marker = "opt-in.marker@example.invalid";
  // Unsealed, so that a batch shows its text in the clear if an address were in it.
  const auto pack_path = write_pack("pack.json", 3, {{"sign_key", hub_key.at("sign_key")}}, false);
  const std::string data = (dir / "device").string();
  std::string response_id;
  {
    auto store = store::DeviceStore::open(data);
    ASSERT_TRUE(store.ok());
    const PackRef ref{"minimal-follow-up", 3};
    ASSERT_TRUE(store->remember_pack(ref, read_file(pack_path)).ok());
    auto id = store->begin_response({ref, "nl", "frontline", Mode::tablet, {"wg1-1", "wg2-1"}});
    ASSERT_TRUE(id.ok());
    response_id = id.value();
    ASSERT_TRUE(store->record_answer(id.value(), "wg1-1", "status", Rating::of(4)).ok());
    ASSERT_TRUE(store->set_choices(id.value(), "acted", {"yes"}, {}).ok());
    ASSERT_TRUE(store->record_open_answer(id.value(), "to-organisers", "Graag het verslag").ok());
    ASSERT_TRUE(store->complete_response(id.value()).ok());
    ASSERT_TRUE(store->add_contact({ref.id, marker}).ok());
  }
  const auto stick = dir / "stick";
  auto exported = device(data, pack_path, {"--export-batches", stick.string()});
  ASSERT_EQ(exported.exit_code, 0) << exported.output;
  auto imported = hub(hub_db, {"import", stick.string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_NE(imported.output.find("contact addresses read: 1"), std::string::npos) << imported.output;
  {
    // The response arrived whole: its status answer and its choice, per item and question.
    auto hub_store = hub::HubStore::open(hub_db);
    ASSERT_TRUE(hub_store.ok());
    auto arrived = hub_store->response(response_id);
    ASSERT_TRUE(arrived.ok()) << arrived.error().message;
    ASSERT_EQ(arrived->answers.size(), 1u);
    EXPECT_EQ(arrived->answers[0].rating, Rating::of(4));
    ASSERT_EQ(arrived->choices.size(), 1u);
    EXPECT_EQ(arrived->choices[0].question_id, "acted");
    EXPECT_EQ(arrived->choices[0].options, std::vector<std::string>{"yes"});
  }

  // Every file on the stick but the contact file itself: the batches and the acknowledgement.
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(stick)) {
    if (!entry.is_regular_file() || entry.path().parent_path().filename() == "contacts") continue;
    ++files;
    EXPECT_EQ(read_file(entry.path()).find(marker), std::string::npos) << entry.path();
  }
  EXPECT_GE(files, 2) << "a batch and an acknowledgement";
  // Every export and listing of the hub.
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"status", "--json"}, {"status"}, {"devices", "--json"}, {"pack", "list"}}) {
    const auto output = hub(hub_db, command);
    EXPECT_EQ(output.exit_code, 0) << output.output;
    EXPECT_EQ(output.output.find(marker), std::string::npos) << command.front();
  }
  const auto hub_answers = every_text_of(hub_db, {"contacts"});
  EXPECT_NE(hub_answers.find("Graag het verslag"), std::string::npos) << "the response arrived";
  EXPECT_EQ(hub_answers.find(marker), std::string::npos) << "only the contacts table holds the address";
  EXPECT_EQ(every_text_of(fs::path(data) / store::kDatabaseFileName, {"contacts"}).find(marker),
            std::string::npos);
  // Nothing to join on: no response id, no device, no time.
  EXPECT_EQ(columns_of(hub_db, "contacts"), (std::vector<std::string>{"pack_id", "email"}));
  EXPECT_EQ(columns_of(fs::path(data) / store::kDatabaseFileName, "contacts"),
            (std::vector<std::string>{"contact_id", "pack_id", "email"}));

  const auto contacts = hub(hub_db, {"contacts", "export"});
  ASSERT_EQ(contacts.exit_code, 0) << contacts.output;
  EXPECT_EQ(contacts.output, "pack,email\nminimal-follow-up," + marker + "\n");
}

}  // namespace
}  // namespace peiling::test
