// The packs a hub published, as the report, the live page and `pack export` find them.
#include "hub/hub_packs.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "support/process.hpp"
#include "sync/pack_states.hpp"
#include "sync/published_packs.hpp"

namespace peiling::hub {
namespace {

namespace fs = std::filesystem;

PackFile fixture_pack_file() {
  auto file = load_pack_file(fs::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs" / "valid-minimal.json");
  EXPECT_TRUE(file.ok()) << file.errors().joined();
  return file.ok() ? file.value() : PackFile{};
}

TEST(PublishedPack, IsTheHighestVersionOfTheIdAskedForCheckedWithTheHubsKey) {
  const std::string dir = peiling::test::scratch_dir("published_pack_newest");
  auto hub = HubStore::create(fs::path(dir) / "hub.db");
  ASSERT_TRUE(hub.ok()) << hub.error().message;
  auto none = published_pack(hub.value(), "fixture-minimal");
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.errors().joined().find("pack fixture-minimal is not published on this hub"),
            std::string::npos);
  const PackFile file = fixture_pack_file();
  nlohmann::json next = nlohmann::json::parse(file.bytes);
  const int newer = file.pack.version + 1;
  next["version"] = newer;
  ASSERT_TRUE(hub->publish_pack({file.pack.id, newer}, next.dump()).ok());
  ASSERT_TRUE(hub->publish_pack({file.pack.id, file.pack.version}, file.bytes).ok());
  auto found = published_pack(hub.value(), file.pack.id);
  ASSERT_TRUE(found.ok()) << found.errors().joined();
  EXPECT_EQ(found->pack.version, newer) << "the highest version, though published first";
  auto any = published_pack(hub.value());
  ASSERT_TRUE(any.ok()) << any.errors().joined();
  EXPECT_EQ(any->pack.version, newer);
  EXPECT_FALSE(published_pack(hub.value(), "another-pack").ok());
}

TEST(ExportPublishedPacks, WritesEverySignedFileIntoPacksWhereADeviceVerifiesIt) {
  const std::string dir = peiling::test::scratch_dir("export_published_packs");
  auto hub = HubStore::create(fs::path(dir) / "hub.db");
  ASSERT_TRUE(hub.ok()) << hub.error().message;
  const PackFile file = fixture_pack_file();
  nlohmann::json next = nlohmann::json::parse(file.bytes);
  next["version"] = file.pack.version + 1;
  ASSERT_TRUE(hub->publish_pack({file.pack.id, file.pack.version}, file.bytes).ok());
  ASSERT_TRUE(hub->publish_pack({file.pack.id, file.pack.version + 1}, next.dump()).ok());

  std::vector<fs::path> written;
  const fs::path stick = fs::path(dir) / "stick";
  auto exported =
      export_published_packs(hub.value(), stick, [&](const fs::path& path) { written.push_back(path); });
  ASSERT_TRUE(exported.ok()) << exported.errors().joined();
  ASSERT_EQ(written.size(), 3u) << "both packs, then their states";
  EXPECT_EQ(written[2], stick / sync::kAckFolder / sync::pack_states_file_name(hub->sign_public_key()));
  for (int i = 0; i < 2; ++i) {
    const PackRef ref{file.pack.id, file.pack.version + i};
    EXPECT_EQ(written[i], stick / sync::kPackFolder / sync::signed_pack_file_name(ref));
    auto signed_file = hub->published_pack_file(ref);
    ASSERT_TRUE(signed_file.ok() && signed_file.value());
    EXPECT_EQ(peiling::test::read_file(written[i]), *signed_file.value()) << "byte for byte";
    auto taken = sync::read_signed_pack(*signed_file.value(), written[i].string(), {hub->sign_public_key()});
    ASSERT_TRUE(taken.ok()) << taken.errors().joined();
    EXPECT_EQ(taken->pack.version, ref.version);
  }
}

}  // namespace
}  // namespace peiling::hub
