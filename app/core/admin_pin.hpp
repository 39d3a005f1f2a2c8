#pragma once
// The kiosk's admin PIN: 4 to 8 digits, kept only as an Argon2id hash, with a lockout that
// grows with failed attempts.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace peiling {

inline constexpr int kPinFailuresBeforeLockout = 5;

bool is_valid_pin(std::string_view pin);

// crypto_pwhash_str (Argon2id, interactive limits); nothing when libsodium cannot allocate. The
// organisers' console passwords (hub/console/organisers.hpp) are kept the same way.
std::optional<std::string> hash_password(std::string_view secret);
bool password_matches(const std::string& hash, std::string_view secret);
inline std::optional<std::string> hash_pin(std::string_view pin) {
  return hash_password(pin);
}
inline bool pin_matches(const std::string& hash, std::string_view pin) {
  return password_matches(hash, pin);
}

// How long to lock the PIN pad after this many consecutive failures: none below 5, then 30 s,
// doubling every 5 further failures, at most one hour.
std::int64_t lockout_ms_after(int failures);

}  // namespace peiling
