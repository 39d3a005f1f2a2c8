// What peiling-hub prints, without the process: the keys as a pack embeds them, the status and
// device summaries, and the contact export.
#include "hub/hub_text.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/process.hpp"

namespace peiling::hub {
namespace {

namespace fs = std::filesystem;

TEST(PackHubSection, IsTheHubSectionAPackTakesTheKeysFrom) {
  const std::string dir = peiling::test::scratch_dir("pack_hub_section");
  auto hub = HubStore::create(fs::path(dir) / "hub.db");
  ASSERT_TRUE(hub.ok()) << hub.error().message;
  const std::string section = pack_hub_section(hub.value());
  ASSERT_EQ(section.back(), '\n');
  auto pack = nlohmann::json::parse(peiling::test::read_file(fs::path(PEILING_TEST_DATA_DIR) / "fixtures" /
                                                             "packs" / "valid-minimal.json"));
  pack["hub"] = nlohmann::json::parse("{" + section + "}").at("hub");
  auto parsed = parse_pack(pack.dump(), "pack with the hub's keys");
  ASSERT_TRUE(parsed.ok()) << parsed.errors().joined();
  ASSERT_TRUE(parsed->hub && parsed->hub->sign_key && parsed->hub->seal_key);
  EXPECT_EQ(*parsed->hub->sign_key, hub->sign_public_key());
  EXPECT_EQ(*parsed->hub->seal_key, hub->seal_public_key());
}

HubStatus busy_hub() {
  HubStatus status;
  status.devices = 2;
  status.devices_pending = 1;
  status.batches = 3;
  status.quarantined_batches = 1;
  status.duplicate_responses = 4;
  status.responses = {{"conference", 1, 10, 2}, {"conference", 2, 5, 0}};
  status.conflicts = {{"dev-a", 7, "aaa", "bbb", "stick/peiling-dev-a-7.json", 2}};
  return status;
}

TEST(StatusText, CountsEachPackVersionAndNamesEachConflict) {
  EXPECT_EQ(status_text(busy_hub()),
            "devices: 2 counted, 1 pending approval, 0 blocked\n"
            "batches: 3 counted, 1 quarantined\n"
            "responses:\n"
            "  conference version 1: 10 complete, 2 abandoned\n"
            "  conference version 2: 5 complete, 0 abandoned\n"
            "duplicate responses skipped: 4\n"
            "conflicts: 1\n"
            "  device dev-a batch 7: kept aaa, refused bbb from stick/peiling-dev-a-7.json (seen 2 times)\n");
  EXPECT_NE(status_text({}).find("responses: none\n"), std::string::npos);
}

TEST(StatusJson, HoldsTheSameCounts) {
  const nlohmann::json json = status_json(busy_hub());
  EXPECT_EQ(json["devices"], (nlohmann::json{{"counted", 2}, {"pending", 1}, {"blocked", 0}}));
  EXPECT_EQ(json["batches"], (nlohmann::json{{"counted", 3}, {"quarantined", 1}}));
  EXPECT_EQ(json["responses"][1]["pack_version"], 2);
  EXPECT_EQ(json["conflicts"][0]["file"], "stick/peiling-dev-a-7.json");
}

TEST(DevicesText, IsATableWithARowPerDeviceAndTheJsonHasBothTimes) {
  const std::vector<DeviceSummary> devices{{"0b5e2a52-7a4e-4a4f-9d36-1f7e4c3b2a10", DeviceState::pending,
                                            1'258'099'200'000, 1'258'102'800'000, 2, 9, 1}};
  EXPECT_EQ(devices_text(devices),
            "device                                state     batches  complete  abandoned  last seen\n"
            "0b5e2a52-7a4e-4a4f-9d36-1f7e4c3b2a10  pending         2         9          1  "
            "2009-11-13T09:00:00.000Z\n");
  const nlohmann::json json = devices_json(devices);
  ASSERT_EQ(json.size(), 1u);
  EXPECT_EQ(json[0]["state"], "pending");
  EXPECT_EQ(json[0]["first_seen"], "2009-11-13T08:00:00.000Z");
  EXPECT_EQ(json[0]["last_seen"], "2009-11-13T09:00:00.000Z");
}

TEST(ContactsCsv, IsAHeaderAndARowPerAddress) {
  EXPECT_EQ(contacts_csv({{"conference", "an@example.org"}, {"follow-up", "piet@example.org"}}),
            "pack,email\nconference,an@example.org\nfollow-up,piet@example.org\n");
  EXPECT_EQ(contacts_csv({}), "pack,email\n");
}

}  // namespace
}  // namespace peiling::hub
