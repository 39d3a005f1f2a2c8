// Sync by USB stick, end to end with the real programs: devices export with
// `peiling --export-batches`, the organiser runs `peiling-hub import`, and every response arrives
// exactly once, whatever is copied twice, forgotten or tampered with.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>

#include "core/codec.hpp"
#include "core/pack.hpp"
#include "hub/hub_store.hpp"
#include "store/device_store.hpp"
#include "support/process.hpp"
#include "support/respondents.hpp"
#include "sync/batch_format.hpp"
#include "venue.hpp"

namespace peiling::test {
namespace {

TEST_F(Venue, FiftyRespondentsOnTwoDevicesArriveCompleteAndByteForByte) {
  auto given = device("tablet-a", 30);
  const auto given_b = device("tablet-b", 20);
  given.insert(given.end(), given_b.begin(), given_b.end());
  const auto stick = dir / "stick";
  for (const auto* name : {"tablet-a", "tablet-b"}) {
    const auto exported = export_to(name, stick, plain_pack);
    ASSERT_EQ(exported.exit_code, 0) << exported.output;
    EXPECT_NE(exported.output.find("1 formed, 1 written to " + stick.string()), std::string::npos)
        << exported.output;
  }
  const auto imported = hub({"import", stick.string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_NE(imported.output.find("new batches: 2 (50 responses added)"), std::string::npos)
      << imported.output;

  const json s = status();
  ASSERT_EQ(s.at("responses").size(), 1u) << s.dump();
  EXPECT_EQ(s["responses"][0]["pack_id"], pack_model.id);
  EXPECT_EQ(s["responses"][0]["pack_version"], pack_model.version);
  EXPECT_EQ(s["responses"][0]["complete"], 50);
  EXPECT_EQ(s["responses"][0]["abandoned"], 0);
  EXPECT_EQ(s["devices"]["counted"], 2);
  EXPECT_EQ(s["batches"]["counted"], 2);
  EXPECT_TRUE(s["conflicts"].empty());
  expect_hub_holds(given);
}

TEST_F(Venue, ImportingAgainAndUnderOtherNamesChangesNothingAndTheAckStopsTheExport) {
  device("tablet-a", 30);
  device("tablet-b", 20);
  const auto stick = dir / "stick";
  for (const auto* name : {"tablet-a", "tablet-b"})
    ASSERT_EQ(export_to(name, stick, plain_pack).exit_code, 0);
  const auto first = hub({"import", stick.string()});
  ASSERT_EQ(first.exit_code, 0) << first.output;
  const json counts = status();
  for (int again = 0; again < 5; ++again) {
    const auto repeated = hub({"import", stick.string()});
    ASSERT_EQ(repeated.exit_code, 0) << repeated.output;
    EXPECT_NE(repeated.output.find("new batches: 0 (0 responses added)"), std::string::npos)
        << repeated.output;
    EXPECT_NE(repeated.output.find("duplicate batches skipped: 2"), std::string::npos) << repeated.output;
    EXPECT_EQ(status(), counts);
  }
  const auto copies = dir / "copies";
  fs::create_directories(copies);
  int n = 0;
  for (const auto& file : json_files(stick))
    fs::copy_file(file, copies / ("copy " + std::to_string(++n) + ".json"));
  const auto renamed = hub({"import", copies.string()});
  ASSERT_EQ(renamed.exit_code, 0) << renamed.output;
  EXPECT_NE(renamed.output.find("duplicate batches skipped: 2"), std::string::npos) << renamed.output;
  EXPECT_EQ(status(), counts);

  // The acknowledgement is on the stick; tablet A reads it at its next export.
  const auto acks = json_files(stick / "acks");
  ASSERT_EQ(acks.size(), 1u);
  EXPECT_NE(first.output.find("acknowledgement written: " + acks[0].string()), std::string::npos)
      << first.output;
  const auto a_file = stick / sync::batch_file_name(device_ids["tablet-a"], 1);
  const auto b_file = stick / sync::batch_file_name(device_ids["tablet-b"], 1);
  fs::remove(a_file);
  fs::remove(b_file);
  auto store_b =
      store::DeviceStore::open(dir / "tablet-b");  // tablet B is busy elsewhere: it keeps its batch
  ASSERT_TRUE(store_b.ok());
  const auto next = export_to("tablet-a", stick, plain_pack);
  ASSERT_EQ(next.exit_code, 0) << next.output;
  EXPECT_NE(next.output.find("1 acknowledgement(s) read, 1 batch(es) newly delivered, 0 formed, 0 written"),
            std::string::npos)
      << next.output;
  EXPECT_FALSE(fs::exists(a_file)) << "a delivered batch is not exported again";
  auto store_a = store::DeviceStore::open(dir / "tablet-a");
  ASSERT_TRUE(store_a.ok());
  auto sync_counts = store_a->sync_counts(false);
  ASSERT_TRUE(sync_counts.ok());
  EXPECT_EQ(sync_counts.value(), (store::SyncCounts{.delivered = 30}));
  auto b_counts = store_b->sync_counts(false);
  ASSERT_TRUE(b_counts.ok());
  EXPECT_EQ(b_counts.value(), (store::SyncCounts{.exported = 20}))
      << "B has not read the acknowledgement yet";
}

TEST_F(Venue, TamperedFilesAreRejectedWithTheirReasonAndTheRestIsStillTakenIn) {
  const auto given_a = device("tablet-a", 30);
  const auto given_b = device("tablet-b", 20);
  const auto stick = dir / "stick";
  for (const auto* name : {"tablet-a", "tablet-b"})
    ASSERT_EQ(export_to(name, stick, plain_pack).exit_code, 0);
  const auto a_file = stick / sync::batch_file_name(device_ids["tablet-a"], 1);
  const std::string a = read_file(a_file);
  const auto bad = dir / "tampered";
  fs::create_directories(bad);
  fs::copy_file(stick / sync::batch_file_name(device_ids["tablet-b"], 1), bad / "genuine-b.json");

  std::mt19937 random(std::random_device{}());
  std::map<std::string, std::string> expected_reason;
  for (int i = 0; i < 10; ++i) {
    const std::size_t offset = random() % a.size();
    const auto name = "truncated-at-" + std::to_string(offset) + ".json";
    write_file((bad / name).string(), a.substr(0, offset));
    expected_reason[name] = offset == 0 ? "invalid JSON" : "";
  }
  std::string flipped = a;
  const auto comment_at = flipped.find(kCommentMarker);
  ASSERT_NE(comment_at, std::string::npos);
  flipped[comment_at] = static_cast<char>(flipped[comment_at] ^ 0x01);
  write_file((bad / "comment-flipped.json").string(), flipped);
  expected_reason["comment-flipped.json"] = "/payload_sha256: does not match the payload";
  {
    // Tablet B signs tablet A's payload: the file still names A's key.
    auto store_b = store::DeviceStore::open(dir / "tablet-b");
    ASSERT_TRUE(store_b.ok());
    auto envelope = sync::read_batch_file(a, "a");
    ASSERT_TRUE(envelope.ok());
    const auto signature = store_b->sign(envelope->payload);
    json forged = json::parse(a);
    forged["signature"] = to_base64({reinterpret_cast<const char*>(signature.data()), signature.size()});
    write_file((bad / "signed-by-b.json").string(), forged.dump(2));
    expected_reason["signed-by-b.json"] = "/signature: does not verify with the device key";
  }
  std::string renumbered = a;
  renumbered.replace(renumbered.find("\"seq\": 1,"), 9, "\"seq\": 2,");
  write_file((bad / "seq-changed.json").string(), renumbered);
  expected_reason["seq-changed.json"] = "/payload/seq: the signed payload is batch 1, the envelope says 2";
  write_file((bad / "not-json.json").string(), "Dit is geen JSON.");
  expected_reason["not-json.json"] = "invalid JSON at byte 0";
  write_file((bad / "empty.json").string(), "");
  expected_reason["empty.json"] = "invalid JSON at byte 0";
  write_file((bad / "huge.json").string(), "");
  fs::resize_file(bad / "huge.json", 50u << 20);
  expected_reason["huge.json"] = "file is 52428800 bytes, over the limit of 1048576";
  write_file((bad / "deep.json").string(), std::string(100'000, '[') + std::string(100'000, ']'));
  expected_reason["deep.json"] = "nested deeper than 32 levels";
  std::string broken_utf8 = a;
  broken_utf8[comment_at] = '\xFF';
  write_file((bad / "invalid-utf8.json").string(), broken_utf8);
  expected_reason["invalid-utf8.json"] = "invalid UTF-8 at byte " + std::to_string(comment_at);

  const auto imported = hub({"import", bad.string()});
  EXPECT_EQ(imported.exit_code, 2) << imported.output;
  EXPECT_EQ(imported.signal, 0);
  EXPECT_NE(imported.output.find("new batches: 1 (20 responses added)"), std::string::npos)
      << imported.output;
  EXPECT_NE(imported.output.find("rejected files: " + std::to_string(expected_reason.size()) + "\n"),
            std::string::npos)
      << imported.output;
  for (const auto& [name, reason] : expected_reason) {
    const std::string start = "\n  " + (bad / name).string() + ": ";
    const auto at = imported.output.find(start);
    ASSERT_NE(at, std::string::npos) << name << " is not among the rejected files\n" << imported.output;
    const std::string line = imported.output.substr(at + 1, imported.output.find('\n', at + 1) - at - 1);
    EXPECT_NE(line.find(reason), std::string::npos) << name << " should be rejected for: " << reason << "\n"
                                                    << line;
  }
  EXPECT_EQ(complete_in(status()), 20) << "nothing of tablet A's batch";
  expect_hub_holds(given_b);

  const auto genuine = hub({"import", a_file.string()});
  EXPECT_EQ(genuine.exit_code, 0) << genuine.output;
  EXPECT_EQ(complete_in(status()), 50);
  expect_hub_holds(given_a);
}

TEST_F(Venue, ASealedExportShowsNoTypedTextAndTheHubOpensIt) {
  const auto given = device("tablet-a", 30);
  const auto plain_stick = dir / "plain";
  const auto sealed_stick = dir / "sealed";
  ASSERT_EQ(export_to("tablet-a", sealed_stick, sealed_pack).exit_code, 0);
  const auto files = json_files(sealed_stick);
  ASSERT_EQ(files.size(), 1u);
  const std::string sealed = read_file(files[0]);
  const auto grep = run_process({"grep", "-rlF", std::string(kCommentMarker), sealed_stick.string()});
  EXPECT_EQ(grep.exit_code, 1) << "grep found the comments in: " << grep.output;
  for (const auto& response : given) {
    for (const auto& comment : response.comments) EXPECT_EQ(sealed.find(comment.text), std::string::npos);
    EXPECT_EQ(sealed.find(response.id), std::string::npos);
  }
  const json envelope = json::parse(sealed);
  EXPECT_TRUE(envelope.contains("sealed_payload"));
  EXPECT_FALSE(envelope.contains("payload"));

  const auto imported = hub({"import", sealed_stick.string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_EQ(complete_in(status()), 30);
  expect_hub_holds(given);
}

TEST_F(Venue, AConflictIsShownInStatusAndTheFirstVersionIsKept) {
  const auto given = device("tablet-a", 30);
  // The tablet's database restored from a backup taken before its export: it numbers its next
  // batch 1 again, with other content.
  ASSERT_TRUE(store::backup_data_dir(dir / "tablet-a", dir / "backup.db").ok());
  const auto stick = dir / "stick";
  ASSERT_EQ(export_to("tablet-a", stick, plain_pack).exit_code, 0);
  ASSERT_EQ(hub({"import", stick.string()}).exit_code, 0);

  fs::create_directories(dir / "restored");
  fs::copy_file(dir / "backup.db", dir / "restored" / store::kDatabaseFileName);
  std::vector<Response> extra;
  {
    auto restored = store::DeviceStore::open(dir / "restored");
    ASSERT_TRUE(restored.ok());
    extra = add_respondents(restored.value(), pack_model, 1).given;
  }
  const auto other_stick = dir / "other-stick";
  ASSERT_EQ(export_to("restored", other_stick, plain_pack).exit_code, 0);
  const auto conflicting = other_stick / sync::batch_file_name(device_ids["tablet-a"], 1);
  ASSERT_TRUE(fs::exists(conflicting));

  const auto imported = hub({"import", other_stick.string()});
  EXPECT_EQ(imported.exit_code, 2) << imported.output;
  EXPECT_NE(imported.output.find("conflicts: 1"), std::string::npos) << imported.output;
  const json s = status();
  ASSERT_EQ(s["conflicts"].size(), 1u);
  EXPECT_EQ(s["conflicts"][0]["device_id"], device_ids["tablet-a"]);
  EXPECT_EQ(s["conflicts"][0]["seq"], 1);
  EXPECT_EQ(s["conflicts"][0]["file"], conflicting.string());
  EXPECT_NE(s["conflicts"][0]["stored_sha256"], s["conflicts"][0]["offered_sha256"]);
  EXPECT_EQ(complete_in(s), 30);
  expect_hub_holds(given);
  auto held = hub::HubStore::open(hub_db);
  ASSERT_TRUE(held.ok());
  EXPECT_FALSE(held->response(extra.at(0).id).ok()) << "the second version is not taken in";
  const auto text = hub({"status"});
  EXPECT_NE(text.output.find("device " + device_ids["tablet-a"] + " batch 1: kept "), std::string::npos)
      << text.output;
}

TEST_F(Venue, StrictImportQuarantinesUntilApprovalAndBlockingExcludesTheDevice) {
  device("tablet-a", 5);
  const auto stick = dir / "stick";
  ASSERT_EQ(export_to("tablet-a", stick, plain_pack).exit_code, 0);
  const auto imported = hub({"import", "--strict", stick.string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_NE(imported.output.find("quarantined batches (devices not approved): 1"), std::string::npos)
      << imported.output;
  json s = status();
  EXPECT_EQ(s["batches"]["quarantined"], 1);
  EXPECT_EQ(complete_in(s), 0);
  const auto listed = hub({"devices", "--json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.output;
  const json devices = json::parse(listed.output);
  ASSERT_EQ(devices.size(), 1u);
  EXPECT_EQ(devices[0]["device_id"], device_ids["tablet-a"]);
  EXPECT_EQ(devices[0]["state"], "pending");
  EXPECT_EQ(devices[0]["complete"], 5);

  const auto approved =
      run_process({PEILING_HUB_BIN, "devices", "approve", device_ids["tablet-a"], "--db", hub_db});
  ASSERT_EQ(approved.exit_code, 0) << approved.output;
  s = status();
  EXPECT_EQ(s["batches"]["quarantined"], 0);
  EXPECT_EQ(complete_in(s), 5);
  const auto blocked = hub({"devices", "block", device_ids["tablet-a"]});
  ASSERT_EQ(blocked.exit_code, 0) << blocked.output;
  s = status();
  EXPECT_EQ(complete_in(s), 0);
  EXPECT_EQ(s["devices"]["blocked"], 1);
  const auto unknown = hub({"devices", "approve", "no-such-device"});
  EXPECT_EQ(unknown.exit_code, 1) << unknown.output;
}

TEST_F(Venue, AProgressBarRunsOnATerminalForMoreThanAHundredFiles) {
  device("tablet-a", 2);
  const auto stick = dir / "stick";
  ASSERT_EQ(export_to("tablet-a", stick, plain_pack).exit_code, 0);
  const auto original = json_files(stick).at(0);
  for (int i = 0; i < 120; ++i) fs::copy_file(original, stick / ("copy-" + std::to_string(i) + ".json"));
  // script(1) gives the import a terminal; a pipe, as in every other test, gets no bar.
  const std::string command =
      std::string(PEILING_HUB_BIN) + " import --db '" + hub_db + "' '" + stick.string() + "'";
  const auto on_terminal = run_process({"script", "-qefc", command, "/dev/null"});
  ASSERT_EQ(on_terminal.exit_code, 0) << on_terminal.output;
  EXPECT_NE(on_terminal.output.find("] 121/121 files"), std::string::npos) << on_terminal.output;
  const auto piped = hub({"import", stick.string()});
  EXPECT_EQ(piped.output.find("files"), piped.output.find("files read")) << piped.output;
}

TEST_F(Venue, AMissingHubDatabaseIsFatalAndInitNeverReplacesKeys) {
  const auto missing = run_process({PEILING_HUB_BIN, "status", "--db", (dir / "missing.db").string()});
  EXPECT_EQ(missing.exit_code, 1) << missing.output;
  EXPECT_NE(missing.output.find("peiling-hub init --db"), std::string::npos) << missing.output;
  const auto again = hub({"init"});
  EXPECT_EQ(again.exit_code, 1) << again.output;
  EXPECT_EQ(json::parse("{" + hub({"keys", "show"}).output + "}").at("hub"), hub_section);
}

}  // namespace
}  // namespace peiling::test
