#include "sync/ack_file.hpp"

#include <sodium.h>

#include <algorithm>

#include "core/codec.hpp"
#include "core/json_file.hpp"
#include "sync/json_fields.hpp"

namespace peiling::sync {

namespace {

using detail::Fields;
using detail::Malformed;
using detail::malformed;
using nlohmann::json;
using nlohmann::ordered_json;

// Every batch of a large event: thousands of devices times hundreds of batches.
constexpr std::size_t kMaxAckedBatches = 10'000'000;

}  // namespace

std::string encode_ack_file(const Acknowledgement& ack, const AckSigner& signer) {
  ordered_json batches = ordered_json::array();
  for (const auto& batch : ack.batches) {
    batches.push_back(
        {{"device_id", batch.device_id}, {"seq", batch.seq}, {"payload_sha256", batch.payload_sha256}});
  }
  const std::string payload =
      ordered_json{{"created_at", format_rfc3339(ack.created_at)}, {"batches", std::move(batches)}}.dump();
  return encode_hub_signed(kAckFormat, payload, signer);
}

std::string encode_hub_signed(std::string_view format, const std::string& payload, const AckSigner& signer) {
  const auto signature = signer.sign(payload);
  const ordered_json envelope{
      {"format", format},
      {"hub_key", to_base64(signer.public_key)},
      {"signature", to_base64({reinterpret_cast<const char*>(signature.data()), signature.size()})},
      {"payload", payload}};
  return envelope.dump(2) + "\n";
}

Result<std::string> read_hub_signed(std::string_view bytes, const std::string& origin,
                                    std::string_view format, const std::vector<std::string>& trusted_keys) {
  auto parsed = parse_private_json(bytes, origin);
  if (!parsed) return Result<std::string>::failure(parsed.errors().lines.front());
  try {
    detail::require_format(parsed.value(), format);
    const Fields envelope(parsed.value(), "",
                          {{"format", true}, {"hub_key", true}, {"signature", true}, {"payload", true}});
    const std::string hub_key = envelope.base64("hub_key", crypto_sign_PUBLICKEYBYTES);
    if (std::find(trusted_keys.begin(), trusted_keys.end(), hub_key) == trusted_keys.end()) {
      malformed("/hub_key",
                "is not a hub key this device trusts (the pack's hub.sign_key or one the admin pinned)");
    }
    const std::string signature = envelope.base64("signature", crypto_sign_BYTES);
    std::string payload = envelope.text("payload");
    if (!detail::signature_verifies(payload, signature, hub_key)) {
      malformed("/signature",
                "does not verify with the hub key; the file was changed or not signed by the hub");
    }
    return payload;
  } catch (const Malformed& problem) {
    return Result<std::string>::failure(origin + ": " + problem.line());
  }
}

Result<Acknowledgement> read_ack_file(std::string_view bytes, const std::string& origin,
                                      const std::vector<std::string>& trusted_keys) {
  auto verified = read_hub_signed(bytes, origin, kAckFormat, trusted_keys);
  if (!verified) return verified.errors();
  const std::string& payload = verified.value();
  try {
    auto payload_json = parse_private_json(payload, origin + ": payload");
    if (!payload_json) return Result<Acknowledgement>::failure(payload_json.errors().lines.front());
    const Fields fields(payload_json.value(), "/payload", {{"created_at", true}, {"batches", true}});
    Acknowledgement ack;
    ack.created_at = fields.time("created_at");
    const json& batches = detail::array_of(fields.get("batches"), fields.at("batches"), kMaxAckedBatches);
    for (std::size_t i = 0; i < batches.size(); ++i) {
      const Fields batch(batches[i], fields.at("batches") + "/" + std::to_string(i),
                         {{"device_id", true}, {"seq", true}, {"payload_sha256", true}});
      ack.batches.push_back(
          {batch.uuid("device_id"), batch.integer("seq", 1, INT64_MAX), batch.sha256_hex("payload_sha256")});
    }
    return ack;
  } catch (const Malformed& problem) {
    return Result<Acknowledgement>::failure(origin + ": " + problem.line());
  }
}

std::string ack_file_name(std::string_view hub_public_key) {
  return "peiling-ack-" + to_hex(hub_public_key).substr(0, 16) + ".json";
}

}  // namespace peiling::sync
