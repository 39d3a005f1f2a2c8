// Hex, base64, SHA-256 and UUIDs, checked against the coreutils that a person would use.
#include "core/codec.hpp"

#include <gtest/gtest.h>

#include <random>
#include <regex>

#include "support/process.hpp"

namespace peiling {
namespace {

std::string random_bytes(std::mt19937& random, std::size_t size) {
  std::string bytes(size, '\0');
  for (auto& byte : bytes) byte = static_cast<char>(random() & 0xff);
  return bytes;
}

TEST(Codec, Base64MatchesCoreutilsAndReadsBack) {
  std::mt19937 random(std::random_device{}());
  const auto dir = test::scratch_dir("codec_base64");
  for (std::size_t size : {0u, 1u, 2u, 3u, 32u, 64u, 1000u}) {
    const std::string bytes = random_bytes(random, size);
    test::write_file(dir + "/bytes", bytes);
    const auto coreutils = test::run_process({"base64", "-w0", dir + "/bytes"});
    ASSERT_EQ(coreutils.exit_code, 0) << coreutils.output;
    EXPECT_EQ(to_base64(bytes), coreutils.output);
    EXPECT_EQ(from_base64(to_base64(bytes)), bytes);
  }
}

TEST(Codec, Base64RefusesWhatIsNotStandardPaddedBase64) {
  for (const char* text : {"AAEC", "AAE", "AA==AA==", "AAE=\n", " AAE=", "AA-_", "A"}) {
    const bool valid = std::string(text) == "AAEC";
    EXPECT_EQ(from_base64(text).has_value(), valid) << text;
  }
}

TEST(Codec, Sha256AndHexMatchSha256sum) {
  const auto dir = test::scratch_dir("codec_sha256");
  const std::string text = "Zo\xC3\xAB: \xC3\xA9\xC3\xA9n loket";
  test::write_file(dir + "/text", text);
  const auto sha256sum = test::run_process({"sha256sum", dir + "/text"});
  ASSERT_EQ(sha256sum.exit_code, 0) << sha256sum.output;
  EXPECT_EQ(sha256_hex(text), sha256sum.output.substr(0, 64));
  EXPECT_EQ(to_hex("\x01\xAB"), "01ab");
}

TEST(Codec, RandomUuidsAreVersion4AndDiffer) {
  const std::regex v4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  const std::string first = random_uuid_v4();
  EXPECT_TRUE(std::regex_match(first, v4)) << first;
  EXPECT_TRUE(is_uuid(first));
  EXPECT_NE(random_uuid_v4(), first);
  for (const char* text : {"6F1C2A4E-8B3D-4C5E-9A7F-0123456789AB", "6f1c2a4e8b3d4c5e9a7f0123456789ab", "",
                           "6f1c2a4e-8b3d-4c5e-9a7f-0123456789ab0", "6f1c2a4e-8b3d-4c5e-9a7f_0123456789ab"}) {
    EXPECT_FALSE(is_uuid(text)) << text;
  }
}

}  // namespace
}  // namespace peiling
