#pragma once
// The batch file, format "peiling.batch/1" (sync/README.md, assets/schema/batch.schema.json).
//
// A batch file is an envelope around a payload. The payload is the exact bytes that are hashed
// and signed: a JSON text with the batch's id, device, seq, time and responses, or (sealed) that
// text encrypted to the hub with crypto_box_seal. The envelope carries the payload as a JSON
// string (plain) or base64 (sealed), so reading it back gives the signed bytes without
// re-serializing anything. Only device_id, seq and the size show on a sealed file.
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/response.hpp"
#include "core/result.hpp"
#include "core/utc_time.hpp"

namespace peiling::sync {

inline constexpr std::string_view kBatchFormat = "peiling.batch/1";
inline constexpr std::size_t kMaxBatchResponses = 500;
inline constexpr std::size_t kMaxBatchFileBytes = 1 << 20;  // the whole file; larger ones are never read
inline constexpr std::size_t kPublicKeyBytes = 32;          // Ed25519 and X25519 alike

struct BatchPayload {
  std::string batch_id;  // a UUID
  std::string device_id;
  std::int64_t seq = 0;  // 1, 2, 3... per device, without gaps
  UtcMillis created_at = 0;
  std::vector<Response> responses;  // complete or abandoned, at most kMaxBatchResponses
};

// Who signs a batch: the device, through DeviceStore::sign, or a bare key pair (tests, benchmarks).
struct BatchSigner {
  std::string device_id;
  std::string public_key;  // Ed25519, 32 bytes
  std::function<std::array<unsigned char, 64>(std::string_view message)> sign;
};

// A batch file whose hash and signature check out.
struct VerifiedBatch {
  std::string device_id;
  std::int64_t seq = 0;
  std::string device_key;      // the Ed25519 key that signed it
  std::string payload_sha256;  // hex, of the payload bytes as carried
  bool sealed = false;
  std::string payload;  // the signed bytes: the payload JSON, or its sealed box
};

struct EncodedBatch {
  std::string file;            // the batch file's bytes
  std::string payload_sha256;  // hex, of the payload bytes as carried (sealed when sealed)
};

// The payload's JSON text. Texts that are not valid UTF-8 (which no screen produces) carry U+FFFD
// in place of the broken bytes, since JSON cannot carry them.
std::string encode_payload(const BatchPayload& payload);

// The batch file for payload bytes: sealed to seal_key (X25519, 32 bytes) first when given,
// then hashed and signed.
EncodedBatch encode_batch_file(std::string_view payload_bytes, std::int64_t seq, const BatchSigner& signer,
                               const std::optional<std::string>& seal_key);

// Reads a batch file: its shape, the payload's SHA-256, and the signature by the key it names.
// Errors are one line, "<origin>: <reason>".
Result<VerifiedBatch> read_batch_file(std::string_view bytes, const std::string& origin);

// Reads payload JSON: every field of every response, checked. It must name the device and seq
// of its envelope. Errors are one line, "<origin>: <pointer>: <reason>".
Result<BatchPayload> decode_payload(std::string_view bytes, const VerifiedBatch& envelope,
                                    const std::string& origin);

// crypto_box_seal and its opening, with X25519 keys of 32 bytes.
std::string seal(std::string_view message, std::string_view public_key);
std::optional<std::string> unseal(std::string_view sealed, std::string_view public_key,
                                  std::string_view secret_key);

// "peiling-<device>-<seq>.json"
std::string batch_file_name(const std::string& device_id, std::int64_t seq);

}  // namespace peiling::sync
