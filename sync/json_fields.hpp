#pragma once
// Reading the JSON of batch and acknowledgement files: exact key sets and typed values, where the
// first problem ends the reading with a pointer and a reason. Internal to peiling_sync.
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace peiling::sync::detail {

// The first problem in a file: thrown by Fields, caught where the file is read, never further.
struct Malformed {
  std::string pointer;
  std::string reason;
  std::string line() const { return pointer.empty() ? reason : pointer + ": " + reason; }
};

struct FieldKey {
  std::string_view name;
  bool required;
};

// One JSON object whose keys must be exactly the given ones (required or optional).
class Fields {
 public:
  Fields(const nlohmann::json& node, std::string pointer, std::initializer_list<FieldKey> keys);

  const std::string& pointer() const { return pointer_; }
  std::string at(std::string_view key) const { return pointer_ + "/" + std::string(key); }
  const nlohmann::json* find(std::string_view key) const;
  const nlohmann::json& get(std::string_view key) const;  // a required key

  std::string text(std::string_view key) const;                          // a non-empty string
  std::optional<std::string> optional_text(std::string_view key) const;  // absent or null: nullopt
  std::int64_t integer(std::string_view key, std::int64_t min, std::int64_t max) const;
  bool boolean(std::string_view key) const;
  std::string uuid(std::string_view key) const;
  std::int64_t time(std::string_view key) const;                      // RFC 3339 as format_rfc3339 writes it
  std::string base64(std::string_view key, std::size_t bytes) const;  // decoded, of exactly that size
  std::string sha256_hex(std::string_view key) const;                 // 64 lower-case hex digits

 private:
  const nlohmann::json& node_;
  std::string pointer_;
};

[[noreturn]] void malformed(std::string pointer, std::string reason);
// Checks a document's "format" first, so another version is named as such rather than reported
// as a list of unknown keys.
void require_format(const nlohmann::json& root, std::string_view expected);
// The node as an array of at most max_size elements.
const nlohmann::json& array_of(const nlohmann::json& node, const std::string& pointer, std::size_t max_size);
std::string string_at(const nlohmann::json& node, const std::string& pointer);

// Ed25519 over the exact bytes.
bool signature_verifies(std::string_view message, std::string_view signature, std::string_view public_key);

}  // namespace peiling::sync::detail
