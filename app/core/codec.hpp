#pragma once
// Bytes as text and the few digests every part of Peiling shares: hex, base64 (RFC 4648 with
// padding, the form packs and batch files carry keys in), SHA-256 and random UUIDs.
// Backed by libsodium; each function starts libsodium itself when needed.
#include <optional>
#include <string>
#include <string_view>

namespace peiling {

// Lower-case hex of bytes.
std::string to_hex(std::string_view bytes);

std::string to_base64(std::string_view bytes);
// The bytes of standard padded base64, or nullopt for anything else (other alphabets, missing
// padding, whitespace, trailing text).
std::optional<std::string> from_base64(std::string_view text);

// SHA-256 of bytes as lower-case hex (64 characters).
std::string sha256_hex(std::string_view bytes);

// A random UUID version 4 in its lower-case text form.
std::string random_uuid_v4();

// True for a UUID in lower-case text form (any version): 8-4-4-4-12 hex digits.
bool is_uuid(std::string_view text);

}  // namespace peiling
