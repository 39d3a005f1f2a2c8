// The batch and acknowledgement files: what goes in comes out byte for byte, and any change to a
// file, however small, is refused with the reason.
#include <gtest/gtest.h>

#include <random>

#include "core/codec.hpp"
#include "core/json_file.hpp"
#include "sync/ack_file.hpp"
#include "sync/batch_format.hpp"
#include "sync/outbox.hpp"
#include "sync_test_support.hpp"

namespace peiling::sync::test {
namespace {

struct Encoded {
  BatchPayload payload;
  EncodedBatch batch;
};

class BatchFileTest : public ::testing::Test {
 protected:
  Encoded encode(int respondents, const std::optional<std::string>& seal_key = std::nullopt) {
    given = peiling::test::add_respondents(device, pack, respondents).given;
    BatchPayload payload{random_uuid_v4(), device.device_id(), 1, device.now(), given};
    EncodedBatch batch = encode_batch_file(encode_payload(payload), 1, device_signer(device), seal_key);
    return {std::move(payload), std::move(batch)};
  }

  // The file read back through every check the hub makes, the payload opened when sealed.
  Result<BatchPayload> read_back(std::string_view file,
                                 const std::optional<SealingKeys>& hub = std::nullopt) {
    auto envelope = read_batch_file(file, "batch.json");
    if (!envelope) return envelope.errors();
    std::string payload = envelope->payload;
    if (envelope->sealed) {
      auto opened = hub ? unseal(envelope->payload, hub->public_key, hub->secret_key) : std::nullopt;
      if (!opened) return Result<BatchPayload>::failure("batch.json: does not open");
      payload = *opened;
    }
    return decode_payload(payload, envelope.value(), "batch.json");
  }

  Pack pack = fixture_pack();
  store::DeviceStore device = open_device(pack);
  std::vector<Response> given;
};

TEST_F(BatchFileTest, APlainBatchCarriesEveryFieldOfEveryResponseByteForByte) {
  const auto [payload, batch] = encode(12);
  auto envelope = read_batch_file(batch.file, "batch.json");
  ASSERT_TRUE(envelope.ok()) << envelope.errors().joined();
  EXPECT_FALSE(envelope->sealed);
  EXPECT_EQ(envelope->device_id, device.device_id());
  EXPECT_EQ(envelope->seq, 1);
  EXPECT_EQ(envelope->payload, encode_payload(payload)) << "the signed bytes, not a re-serialization";
  EXPECT_EQ(envelope->payload_sha256, batch.payload_sha256);
  EXPECT_EQ(batch.payload_sha256, sha256_hex(encode_payload(payload)));

  auto decoded = read_back(batch.file);
  ASSERT_TRUE(decoded.ok()) << decoded.errors().joined();
  EXPECT_EQ(decoded->batch_id, payload.batch_id);
  EXPECT_EQ(decoded->created_at, payload.created_at);
  ASSERT_EQ(decoded->responses.size(), given.size());
  for (std::size_t i = 0; i < given.size(); ++i)
    peiling::test::expect_same_response(decoded->responses[i], given[i]);
  EXPECT_NE(batch.file.find(peiling::test::kCommentMarker), std::string::npos) << "plain files are readable";
}

TEST_F(BatchFileTest, ASealedBatchShowsOnlyDeviceSeqAndSizeAndOpensWithTheHubKeyAlone) {
  const SealingKeys hub;
  const auto [payload, batch] = encode(12, hub.public_key);
  EXPECT_EQ(batch.file.find(peiling::test::kCommentMarker), std::string::npos);
  for (const auto& response : given) EXPECT_EQ(batch.file.find(response.id), std::string::npos);
  EXPECT_EQ(batch.file.find(payload.batch_id), std::string::npos);
  auto decoded = read_back(batch.file, hub);
  ASSERT_TRUE(decoded.ok()) << decoded.errors().joined();
  ASSERT_EQ(decoded->responses.size(), given.size());
  for (std::size_t i = 0; i < given.size(); ++i)
    peiling::test::expect_same_response(decoded->responses[i], given[i]);
  EXPECT_FALSE(read_back(batch.file, SealingKeys{}).ok()) << "another hub's key does not open it";
}

TEST_F(BatchFileTest, EveryChangedByteIsRefused) {
  for (const bool sealed : {false, true}) {
    SCOPED_TRACE(sealed ? "sealed" : "plain");
    const SealingKeys hub;
    const auto encoded = encode(3, sealed ? std::optional(hub.public_key) : std::nullopt);
    const std::string& file = encoded.batch.file;
    std::mt19937 random(std::random_device{}());
    int tried = 0;
    while (tried < 300) {
      const std::size_t at = random() % file.size();
      // Whitespace between the envelope's tokens is not signed: changing it changes nothing.
      if (std::string_view(" \n\t\r").find(file[at]) != std::string_view::npos) continue;
      std::string changed = file;
      changed[at] = static_cast<char>(changed[at] ^ static_cast<char>(1 + random() % 255));
      EXPECT_FALSE(read_back(changed, hub).ok()) << "byte " << at << " changed from '" << file[at] << "'";
      ++tried;
    }
  }
}

TEST_F(BatchFileTest, RefusalsNameTheFileAndTheReason) {
  const auto [payload, batch] = encode(2);
  const SigningKeys other_device;
  auto envelope = read_batch_file(batch.file, "batch.json");
  ASSERT_TRUE(envelope.ok());

  // Signed by another device's key, under this device's name and key.
  const auto forged =
      encode_batch_file(encode_payload(payload), 1, other_device.signer(device.device_id()), {});
  std::string forged_file = forged.file;
  const std::string their_key = to_base64(other_device.public_key);
  const auto& key = device.signing_public_key();
  forged_file.replace(forged_file.find(their_key), their_key.size(),
                      to_base64({reinterpret_cast<const char*>(key.data()), key.size()}));
  // The envelope's seq changed by hand.
  std::string renumbered = batch.file;
  const auto seq_at = renumbered.find("\"seq\": 1,");
  ASSERT_NE(seq_at, std::string::npos);
  renumbered.replace(seq_at, 9, "\"seq\": 2,");

  // Cut in half, but between characters: a cut inside one is (rightly) invalid UTF-8 instead.
  std::size_t half = batch.file.size() / 2;
  while (half > 0 && (static_cast<unsigned char>(batch.file[half]) & 0xC0) == 0x80) --half;

  const std::vector<std::pair<std::string, std::string>> cases{
      {forged_file, "batch.json: /signature: does not verify with the device key"},
      {renumbered, "batch.json: /payload/seq: the signed payload is batch 1, the envelope says 2"},
      {"", "batch.json: invalid JSON at byte 0"},
      {"not json", "batch.json: invalid JSON at byte 1"},
      {batch.file.substr(0, half), "the text ends too early"},
      {std::string(100'000, '[') + std::string(100'000, ']'), "nested deeper than 32 levels"},
      {"{\"format\": \"peiling.batch/1\xff\"}", "batch.json: invalid UTF-8 at byte 27"},
      {"{\"format\": \"peiling.batch/2\"}",
       "/format: 'peiling.batch/2' is another version than this Peiling reads"},
      {"[]", "expected an object, got array"},
  };
  for (const auto& [file, reason] : cases) {
    auto read = read_back(file);
    ASSERT_FALSE(read.ok()) << reason;
    EXPECT_NE(read.errors().joined().find(reason), std::string::npos) << read.errors().joined();
    EXPECT_EQ(read.errors().joined().rfind("batch.json: ", 0), 0u) << read.errors().joined();
  }
}

// The files beside batch.schema.json's checks were written by the outbox; the hub reads them.
TEST_F(BatchFileTest, ChoicesTravelOnlyWhenGivenSoKioskBatchesStayAsTheyWere) {
  const auto [payload, batch] = encode(2);
  EXPECT_EQ(encode_payload(payload).find("\"choices\""), std::string::npos);
  BatchPayload with_choices = payload;
  const UtcMillis answered = device.now();
  with_choices.responses[0].choices = {{"obstacles-any", {"yes"}, answered},
                                       {"obstacles-which", {"money", "other"}, answered + 5}};
  const EncodedBatch encoded = encode_batch_file(encode_payload(with_choices), 1, device_signer(device), {});
  auto decoded = read_back(encoded.file);
  ASSERT_TRUE(decoded.ok()) << decoded.errors().joined();
  ASSERT_EQ(decoded->responses[0].choices.size(), 2u);
  EXPECT_EQ(decoded->responses[0].choices[1].question_id, "obstacles-which");
  EXPECT_EQ(decoded->responses[0].choices[1].options, (std::vector<std::string>{"money", "other"}));
  EXPECT_EQ(decoded->responses[0].choices[1].answered_at, answered + 5);
  EXPECT_TRUE(decoded->responses[1].choices.empty());

  // A question twice, or an option twice, is refused with where it is.
  with_choices.responses[0].choices[1].question_id = "obstacles-any";
  auto twice = read_back(encode_batch_file(encode_payload(with_choices), 1, device_signer(device), {}).file);
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.errors().joined().find("/responses/0/choices/1/question: 'obstacles-any' appears twice"),
            std::string::npos)
      << twice.errors().joined();
}

// Scales run from -100 to 100, and the missed opportunities shown travel like points_shown; a
// response that was shown none carries no key, so an older reader's bytes stay as they were.
TEST_F(BatchFileTest, NegativeAndZeroValuesAndTheMissedOpportunitiesShownTravel) {
  auto [payload, batch] = encode(2);
  EXPECT_EQ(encode_payload(payload).find("\"missed_shown\""), std::string::npos);
  Response& first = payload.responses[0];
  first.missed_shown = {"mo-2", "mo-1"};
  ASSERT_FALSE(first.answers.empty());
  first.answers[0].rating = Rating::of(-100);
  if (first.answers.size() > 1) first.answers[1].rating = Rating::of(0);
  auto decoded = read_back(encode_batch_file(encode_payload(payload), 1, device_signer(device), {}).file);
  ASSERT_TRUE(decoded.ok()) << decoded.errors().joined();
  for (std::size_t i = 0; i < payload.responses.size(); ++i)
    peiling::test::expect_same_response(decoded->responses[i], payload.responses[i]);

  first.answers[0].rating = Rating::of(-101);
  auto outside = read_back(encode_batch_file(encode_payload(payload), 1, device_signer(device), {}).file);
  ASSERT_FALSE(outside.ok());
  EXPECT_NE(outside.errors().joined().find("/responses/0/answers/0/value"), std::string::npos)
      << outside.errors().joined();
  first.answers[0].rating = Rating::of(1);
  first.missed_shown = {"mo-1", "mo-1"};
  auto twice = read_back(encode_batch_file(encode_payload(payload), 1, device_signer(device), {}).file);
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.errors().joined().find("/responses/0/missed_shown/1: 'mo-1' is listed twice"),
            std::string::npos)
      << twice.errors().joined();
}

TEST(BatchFixtures, AreReadByTheHubsReader) {
  const auto dir = std::filesystem::path(PEILING_TEST_DATA_DIR) / "fixtures" / "batches";
  const auto read = [&](const char* name) {
    auto bytes = read_text_file(dir / name, kMaxBatchFileBytes);
    EXPECT_TRUE(bytes.ok());
    return read_batch_file(bytes.ok() ? bytes.value() : "", name);
  };
  auto plain = read("plain.json");
  ASSERT_TRUE(plain.ok()) << plain.errors().joined();
  EXPECT_FALSE(plain->sealed);
  auto payload = decode_payload(plain->payload, plain.value(), "plain.json");
  ASSERT_TRUE(payload.ok()) << payload.errors().joined();
  ASSERT_EQ(payload->responses.size(), 2u);
  EXPECT_EQ(payload->responses[0].status, ResponseStatus::complete);
  EXPECT_EQ(payload->responses[1].status, ResponseStatus::abandoned);
  EXPECT_FALSE(payload->responses[1].role.has_value());
  EXPECT_TRUE(payload->responses[0].missed_shown.empty()) << "written before missed_shown: read as before";
  auto sealed = read("sealed.json");
  ASSERT_TRUE(sealed.ok()) << sealed.errors().joined();
  EXPECT_TRUE(sealed->sealed);
  EXPECT_EQ(sealed->device_id, plain->device_id);
  EXPECT_EQ(sealed->seq, 2);
}

TEST(AckFile, ReadsBackWhatTheHubSignedAndTrustsOnlyItsKey) {
  const SigningKeys hub, other_hub;
  const Acknowledgement ack{
      1'258'099'200'000,
      {{random_uuid_v4(), 1, sha256_hex("one")}, {random_uuid_v4(), 7, sha256_hex("seven")}}};
  const std::string file =
      encode_ack_file(ack, {hub.public_key, [&hub](std::string_view message) { return hub.sign(message); }});
  auto read = read_ack_file(file, "ack.json", {other_hub.public_key, hub.public_key});
  ASSERT_TRUE(read.ok()) << read.errors().joined();
  EXPECT_EQ(read->created_at, ack.created_at);
  EXPECT_EQ(read->batches, ack.batches);

  auto untrusted = read_ack_file(file, "ack.json", {other_hub.public_key});
  ASSERT_FALSE(untrusted.ok());
  EXPECT_NE(untrusted.errors().joined().find("ack.json: /hub_key: is not a hub key this device trusts"),
            std::string::npos);
  std::string changed = file;
  const std::string seven = "\\\"seq\\\":7";  // \"seq\":7 inside the payload string
  ASSERT_NE(changed.find(seven), std::string::npos) << changed;
  changed[changed.find(seven) + seven.size() - 1] = '8';
  auto tampered = read_ack_file(changed, "ack.json", {hub.public_key});
  ASSERT_FALSE(tampered.ok());
  EXPECT_NE(tampered.errors().joined().find("/signature: does not verify"), std::string::npos)
      << tampered.errors().joined();
}

}  // namespace
}  // namespace peiling::sync::test
