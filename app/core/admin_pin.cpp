#include "core/admin_pin.hpp"

#include <sodium.h>

#include <algorithm>

namespace peiling {

bool is_valid_pin(std::string_view pin) {
  return pin.size() >= 4 && pin.size() <= 8 &&
         std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::string> hash_password(std::string_view pin) {
  if (sodium_init() < 0) return std::nullopt;
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return std::nullopt;
  }
  return std::string(hash);
}

bool password_matches(const std::string& hash, std::string_view pin) {
  if (sodium_init() < 0) return false;
  return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

std::int64_t lockout_ms_after(int failures) {
  if (failures < kPinFailuresBeforeLockout) return 0;
  constexpr std::int64_t kFirstLockoutMs = 30'000;
  constexpr std::int64_t kLongestLockoutMs = 3'600'000;
  const int doublings = std::min((failures - kPinFailuresBeforeLockout) / 5, 10);
  return std::min(kFirstLockoutMs << doublings, kLongestLockoutMs);
}

}  // namespace peiling
