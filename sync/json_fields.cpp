#include "sync/json_fields.hpp"

#include <sodium.h>

#include <algorithm>

#include "core/codec.hpp"
#include "core/json_file.hpp"
#include "core/utc_time.hpp"

namespace peiling::sync::detail {

using nlohmann::json;

void malformed(std::string pointer, std::string reason) {
  throw Malformed{std::move(pointer), std::move(reason)};
}

Fields::Fields(const json& node, std::string pointer, std::initializer_list<FieldKey> keys)
    : node_(node), pointer_(std::move(pointer)) {
  if (!node.is_object()) malformed(pointer_, std::string("expected an object, got ") + node.type_name());
  // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
  for (const auto& item : node.items()) {
    const std::string& name = item.key();
    if (std::none_of(keys.begin(), keys.end(), [&](const FieldKey& key) { return key.name == name; })) {
      malformed(pointer_ + "/" + pointer_token(name), "unknown key");
    }
  }
  for (const auto& key : keys) {
    if (key.required && !node.contains(key.name)) malformed(at(key.name), "required key is missing");
  }
}

const json* Fields::find(std::string_view key) const {
  auto it = node_.find(key);
  return it == node_.end() ? nullptr : &*it;
}

const json& Fields::get(std::string_view key) const {
  const json* value = find(key);
  if (!value) malformed(at(key), "required key is missing");
  return *value;
}

std::string string_at(const json& node, const std::string& pointer) {
  if (!node.is_string()) malformed(pointer, std::string("expected a string, got ") + node.type_name());
  const auto& text = node.get_ref<const std::string&>();
  if (text.empty()) malformed(pointer, "must not be empty");
  return text;
}

std::string Fields::text(std::string_view key) const {
  return string_at(get(key), at(key));
}

std::optional<std::string> Fields::optional_text(std::string_view key) const {
  const json* value = find(key);
  if (!value || value->is_null()) return std::nullopt;
  return string_at(*value, at(key));
}

std::int64_t Fields::integer(std::string_view key, std::int64_t min, std::int64_t max) const {
  const json& value = get(key);
  if (!value.is_number_integer()) {
    // A number is shown; anything else by its type, since a string or an object may be an answer.
    malformed(at(key),
              "expected a whole number, got " + (value.is_number() ? value.dump() : value.type_name()));
  }
  const bool too_big =
      value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(max);
  if (too_big || value.get<std::int64_t>() < min || value.get<std::int64_t>() > max) {
    malformed(at(key), value.dump() + " is out of range " + std::to_string(min) + ".." + std::to_string(max));
  }
  return value.get<std::int64_t>();
}

bool Fields::boolean(std::string_view key) const {
  const json& value = get(key);
  if (!value.is_boolean())
    malformed(at(key), std::string("expected true or false, got ") + value.type_name());
  return value.get<bool>();
}

std::string Fields::uuid(std::string_view key) const {
  std::string value = text(key);
  if (!is_uuid(value)) malformed(at(key), "'" + value + "' is not a UUID in lower case");
  return value;
}

std::int64_t Fields::time(std::string_view key) const {
  const std::string value = text(key);
  const auto instant = parse_rfc3339(value);
  if (!instant) malformed(at(key), "'" + value + "' is not a UTC time written YYYY-MM-DDTHH:MM:SS.mmmZ");
  return *instant;
}

std::string Fields::base64(std::string_view key, std::size_t bytes) const {
  auto decoded = from_base64(text(key));
  if (!decoded) malformed(at(key), "is not base64");
  if (bytes != 0 && decoded->size() != bytes) {
    malformed(at(key), std::to_string(decoded->size()) + " bytes, expected " + std::to_string(bytes));
  }
  return *decoded;
}

std::string Fields::sha256_hex(std::string_view key) const {
  std::string value = text(key);
  const bool hex = value.size() == 64 && std::all_of(value.begin(), value.end(), [](char c) {
                     return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                   });
  if (!hex) malformed(at(key), "is not a SHA-256 in lower-case hex");
  return value;
}

void require_format(const json& root, std::string_view expected) {
  if (!root.is_object()) malformed("", std::string("expected an object, got ") + root.type_name());
  const auto it = root.find("format");
  if (it == root.end()) malformed("/format", "required key is missing");
  const std::string value = string_at(*it, "/format");
  if (value == expected) return;
  const std::string_view family = expected.substr(0, expected.rfind('/') + 1);
  if (value.starts_with(family)) {
    malformed("/format", "'" + value + "' is another version than this Peiling reads (" +
                             std::string(expected) + "); update Peiling");
  }
  malformed("/format", "unknown format '" + value + "', expected '" + std::string(expected) + "'");
}

const json& array_of(const json& node, const std::string& pointer, std::size_t max_size) {
  if (!node.is_array()) malformed(pointer, std::string("expected an array, got ") + node.type_name());
  if (node.size() > max_size) {
    malformed(pointer,
              std::to_string(node.size()) + " elements, more than the limit of " + std::to_string(max_size));
  }
  return node;
}

bool signature_verifies(std::string_view message, std::string_view signature, std::string_view public_key) {
  if (signature.size() != crypto_sign_BYTES || public_key.size() != crypto_sign_PUBLICKEYBYTES) return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     reinterpret_cast<const unsigned char*>(public_key.data())) == 0;
}

}  // namespace peiling::sync::detail
