// `peiling-hub import` without the process: a stick's batches and contact files in, its summary
// and each folder's acknowledgement logged as the command prints them, and whether all was clean.
#include "hub/hub_import.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "sync/ack_file.hpp"
#include "sync/outbox.hpp"
#include "sync/pack_states.hpp"
#include "sync_test_support.hpp"

namespace peiling::hub {
namespace {

namespace fs = std::filesystem;

class ImportAndAcknowledge : public ::testing::Test {
 protected:
  void SetUp() override {
    hub = sync::test::scratch_hub("import_and_acknowledge_", dir);
    ASSERT_TRUE(hub.has_value());
    pack = sync::test::pack_with(
        true, HubSettings{std::nullopt, std::nullopt, hub->sign_public_key(), hub->seal_public_key()});
    stick = fs::path(dir) / "stick";
  }

  // A tablet's visit of the stick: three respondents and an address.
  void tablet_visits() {
    auto device = sync::test::open_device(pack);
    peiling::test::add_respondents(device, pack, 3);
    ASSERT_TRUE(device.add_contact({pack.id, "an@example.org"}).ok());
    auto exchanged = sync::exchange_with_folder(device, pack, stick);
    ASSERT_TRUE(exchanged.ok()) << exchanged.errors().joined();
  }

  // The lines logged, and whether the import was clean.
  std::pair<std::vector<std::string>, bool> import(const std::vector<fs::path>& paths) {
    std::vector<std::string> lines;
    ImportOptions options;
    options.log = [&](const std::string& line) { lines.push_back(line); };
    auto imported = import_and_acknowledge(*hub, paths, options);
    EXPECT_TRUE(imported.ok()) << imported.errors().joined();
    return {lines, imported.ok() && imported.value()};
  }

  std::string dir;
  std::optional<HubStore> hub;
  Pack pack;
  fs::path stick;
};

TEST_F(ImportAndAcknowledge, LogsTheSummaryThenTheFoldersContactsAndAcknowledgement) {
  tablet_visits();
  const auto [lines, clean] = import({stick});
  EXPECT_TRUE(clean);
  const std::string ack = (stick / sync::kAckFolder / sync::ack_file_name(hub->sign_public_key())).string();
  EXPECT_EQ(
      lines,
      (std::vector<std::string>{
          "files read: 1", "new batches: 1 (3 responses added)",
          "quarantined batches (devices not approved): 0", "batches from blocked devices: 0",
          "duplicate batches skipped: 0", "duplicate responses skipped: 0", "conflicts: 0",
          "rejected files: 0", "contact addresses read: 1", "acknowledgement written: " + ack,
          "pack states written: " +
              (stick / sync::kAckFolder / sync::pack_states_file_name(hub->sign_public_key())).string()}));
  auto contacts = hub->contacts();
  ASSERT_TRUE(contacts.ok());
  EXPECT_EQ(contacts.value(), (std::vector<Contact>{{pack.id, "an@example.org"}}));
  EXPECT_TRUE(fs::exists(ack));
}

TEST_F(ImportAndAcknowledge, ARejectedFileIsListedAndMakesItNotClean) {
  tablet_visits();
  peiling::test::write_file((stick / "stray.json").string(), "{}");
  const auto [lines, clean] = import({stick});
  EXPECT_FALSE(clean);
  const auto rejected = std::find(lines.begin(), lines.end(), "rejected files: 1");
  ASSERT_NE(rejected, lines.end());
  ASSERT_NE(rejected + 1, lines.end());
  EXPECT_EQ((rejected + 1)->rfind("  " + (stick / "stray.json").string() + ": ", 0), 0u) << *(rejected + 1);
}

TEST_F(ImportAndAcknowledge, AFileGivenAloneGetsNoAcknowledgement) {
  tablet_visits();
  fs::path batch;
  for (const auto& entry : fs::directory_iterator(stick)) {
    if (entry.path().extension() == ".json") batch = entry.path();
  }
  ASSERT_FALSE(batch.empty());
  fs::remove_all(stick / sync::kAckFolder);
  const auto [lines, clean] = import({batch});
  EXPECT_TRUE(clean);
  EXPECT_EQ(lines.back(), "rejected files: 0");
  EXPECT_FALSE(fs::exists(stick / sync::kAckFolder));
}

// A plain batch carries the answers as text: a rejected one is named with the place and the
// reason, and none of the payload is repeated (it holds what respondents wrote).
class RejectedPlainBatch : public ImportAndAcknowledge {
 protected:
  void SetUp() override {
    ImportAndAcknowledge::SetUp();
    pack = sync::test::pack_with(
        true, HubSettings{std::nullopt, std::nullopt, hub->sign_public_key(), std::nullopt});
    tablet_visits();
    for (const auto& entry : fs::directory_iterator(stick)) {
      if (entry.path().extension() == ".json") batch = entry.path();
    }
    ASSERT_FALSE(batch.empty());
    const auto envelope = nlohmann::json::parse(peiling::test::read_file(batch.string()));
    payload = envelope.at("payload").get<std::string>();
    ASSERT_NE(payload.find("\"responses\""), std::string::npos);
  }

  // The line naming the rejected file, after checking that what it says of it repeats no 12 bytes
  // of the payload.
  std::string rejection_of(const std::string& bytes) {
    peiling::test::write_file(batch.string(), bytes);
    const auto [lines, clean] = import({batch});
    EXPECT_FALSE(clean);
    const auto named = std::find_if(lines.begin(), lines.end(), [&](const std::string& line) {
      return line.find(batch.string() + ": ") != std::string::npos;
    });
    if (named == lines.end()) return "(no line names " + batch.string() + ")";
    // The file's name holds the device id, which the payload holds too; what follows must not.
    const std::string said = named->substr(named->find(batch.string()) + batch.string().size());
    for (std::size_t at = 0; at + 12 <= payload.size(); ++at) {
      EXPECT_EQ(said.find(payload.substr(at, 12)), std::string::npos) << *named;
    }
    return *named;
  }

  fs::path batch;
  std::string payload;
};

TEST_F(RejectedPlainBatch, CutOffInsideThePayloadIsNamedWithoutQuotingIt) {
  const std::string whole = peiling::test::read_file(batch.string());
  const auto inside = whole.find("\"payload\"") + 40;
  const std::string line = rejection_of(whole.substr(0, inside));
  EXPECT_NE(line.find("invalid JSON at byte " + std::to_string(inside)), std::string::npos) << line;
  EXPECT_NE(line.find("truncated"), std::string::npos) << line;
}

TEST_F(RejectedPlainBatch, APayloadWhereANumberBelongsIsNamedByItsType) {
  auto envelope = nlohmann::json::parse(peiling::test::read_file(batch.string()));
  envelope["seq"] = payload;
  const std::string line = rejection_of(envelope.dump(2));
  EXPECT_NE(line.find("/seq: expected a whole number, got string"), std::string::npos) << line;
}

}  // namespace
}  // namespace peiling::hub
