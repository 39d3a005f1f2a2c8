// `peiling-hub import` without the process: a stick's batches and contact files in, its summary
// and each folder's acknowledgement logged as the command prints them, and whether all was clean.
#include "hub/hub_import.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "support/process.hpp"
#include "sync/ack_file.hpp"
#include "sync/outbox.hpp"
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
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "files read: 1", "new batches: 1 (3 responses added)",
                       "quarantined batches (devices not approved): 0", "batches from blocked devices: 0",
                       "duplicate batches skipped: 0", "duplicate responses skipped: 0", "conflicts: 0",
                       "rejected files: 0", "contact addresses read: 1", "acknowledgement written: " + ack}));
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

}  // namespace
}  // namespace peiling::hub
