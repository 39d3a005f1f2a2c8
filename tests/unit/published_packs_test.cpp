// Taking up a pack the hub signed: only with a trusted key, only unchanged, only when it
// validates, never over other bytes of the same version; auto_activate only without open drafts.
#include <gtest/gtest.h>

#include "support/process.hpp"
#include "sync/pack_take_up.hpp"
#include "sync_test_support.hpp"

namespace peiling::sync::test {
namespace {

const std::filesystem::path kPacks = std::filesystem::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs";

class TakeUp : public ::testing::Test {
 protected:
  AckSigner hub_signer() const {
    return {hub.public_key, [this](std::string_view message) { return hub.sign(message); }};
  }
  SigningKeys hub;
  Pack running = pack_with(true, HubSettings{.sign_key = hub.public_key});
  store::DeviceStore device = open_device(running);
  PackImportSummary summary;
};

TEST_F(TakeUp, ASignedValidPackIsKeptByteForByteAndActivatedAsItAsks) {
  const std::string bytes = peiling::test::read_file(kPacks / "valid-follow-up.json");
  ASSERT_TRUE(
      take_up_signed_pack(device, running, encode_signed_pack(bytes, hub_signer()), "f.json", summary).ok());
  EXPECT_TRUE(summary.refused.empty()) << summary.refused.front();
  const PackRef ref{"minimal-follow-up", 3};
  EXPECT_EQ(summary.added, std::vector<PackRef>{ref});
  EXPECT_EQ(summary.activated, ref) << "the fixture says auto_activate";
  EXPECT_EQ(device.pack(ref)->json, bytes);
  EXPECT_EQ(device.active_pack().value(), ref);
}

TEST_F(TakeUp, ASignedPackThatDoesNotValidateIsRefusedWithTheValidatorsLines) {
  const std::string bytes = peiling::test::read_file(kPacks / "invalid" / "show-if-self.json");
  ASSERT_TRUE(
      take_up_signed_pack(device, running, encode_signed_pack(bytes, hub_signer()), "f.json", summary).ok());
  ASSERT_EQ(summary.refused.size(), 1u);
  EXPECT_EQ(summary.refused[0],
            "f.json: /sections/0/questions/1/show_if/question: a question cannot depend on itself");
  EXPECT_TRUE(summary.added.empty());
}

TEST_F(TakeUp, OtherBytesUnderAKnownVersionAreRefusedAndTheSameBytesSkipped) {
  const std::string bytes = peiling::test::read_file(kPacks / "valid-follow-up.json");
  const std::string file = encode_signed_pack(bytes, hub_signer());
  ASSERT_TRUE(take_up_signed_pack(device, running, file, "a.json", summary).ok());
  ASSERT_TRUE(take_up_signed_pack(device, running, file, "b.json", summary).ok());
  EXPECT_EQ(summary.added.size(), 1u) << "the second copy is skipped quietly";
  EXPECT_TRUE(summary.refused.empty());
  std::string changed = bytes;
  changed.replace(changed.find("Eerst"), 5, "Later");
  ASSERT_TRUE(
      take_up_signed_pack(device, running, encode_signed_pack(changed, hub_signer()), "c.json", summary)
          .ok());
  ASSERT_EQ(summary.refused.size(), 1u);
  EXPECT_NE(summary.refused[0].find(
                "c.json: pack minimal-follow-up version 3 is on this device with other content"),
            std::string::npos);
}

TEST_F(TakeUp, WithoutATrustedKeyNothingIsTakenUp) {
  const Pack without_hub = pack_with(true, std::nullopt);
  const std::string file =
      encode_signed_pack(peiling::test::read_file(kPacks / "valid-follow-up.json"), hub_signer());
  ASSERT_TRUE(take_up_signed_pack(device, without_hub, file, "f.json", summary).ok());
  ASSERT_EQ(summary.refused.size(), 1u);
  EXPECT_NE(summary.refused[0].find("no hub key to check it with"), std::string::npos);
}

}  // namespace
}  // namespace peiling::sync::test
