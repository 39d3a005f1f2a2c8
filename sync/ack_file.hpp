#pragma once
// The hub's acknowledgement, format "peiling.ack/1" (sync/README.md): the (device, seq, payload
// hash) of every batch the hub holds, signed with the hub's Ed25519 key. `peiling-hub import`
// writes it into acks/ beside the batch files; the kiosk reads it at its next export.
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/utc_time.hpp"

namespace peiling::sync {

inline constexpr std::string_view kAckFormat = "peiling.ack/1";
inline constexpr std::size_t kMaxAckFileBytes = 64 << 20;
inline constexpr std::string_view kAckFolder = "acks";

struct AckedBatch {
  std::string device_id;
  std::int64_t seq = 0;
  std::string payload_sha256;
  bool operator==(const AckedBatch&) const = default;
};

struct Acknowledgement {
  UtcMillis created_at = 0;
  std::vector<AckedBatch> batches;
};

struct AckSigner {
  std::string public_key;  // Ed25519, 32 bytes
  std::function<std::array<unsigned char, 64>(std::string_view message)> sign;
};

std::string encode_ack_file(const Acknowledgement& ack, const AckSigner& signer);

// A file the hub signs: {"format", "hub_key", "signature", "payload"}, the payload carried as a
// JSON string so that its bytes are exactly the ones signed. Acknowledgements and published packs
// (sync/published_packs.hpp) share it. payload must be UTF-8, as everything the hub signs is (its
// own JSON, or a pack that validated): a JSON string cannot carry other bytes, and nlohmann::json
// throws on them.
std::string encode_hub_signed(std::string_view format, const std::string& payload, const AckSigner& signer);
// The payload of a hub-signed file of this format, once one of trusted_keys has verified it.
// Errors are one line, "<origin>: <reason>".
Result<std::string> read_hub_signed(std::string_view bytes, const std::string& origin,
                                    std::string_view format, const std::vector<std::string>& trusted_keys);

// Reads an acknowledgement and checks that one of trusted_keys signed it. Errors are one line,
// "<origin>: <reason>".
Result<Acknowledgement> read_ack_file(std::string_view bytes, const std::string& origin,
                                      const std::vector<std::string>& trusted_keys);

// "peiling-ack-<the first 16 hex digits of the hub's key>.json": one file per hub, replaced by
// each import.
std::string ack_file_name(std::string_view hub_public_key);

}  // namespace peiling::sync
