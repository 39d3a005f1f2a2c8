#include "core/catalog.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "core/json_file.hpp"

namespace peiling {

namespace {
constexpr std::size_t kMaxCatalogBytes = 1 << 20;
}

Result<Catalog> Catalog::load(const std::filesystem::path& dir, const std::vector<std::string>& languages) {
  Catalog catalog;
  catalog.languages_ = languages;
  Errors errors;
  std::set<std::string> all_keys;
  for (const auto& language : languages) {
    const auto path = dir / (language + ".json");
    auto text = read_text_file(path, kMaxCatalogBytes);
    if (!text) {
      errors.lines.insert(errors.lines.end(), text.errors().lines.begin(), text.errors().lines.end());
      continue;
    }
    auto json = parse_json(text.value(), path.string());
    if (!json) {
      errors.lines.insert(errors.lines.end(), json.errors().lines.begin(), json.errors().lines.end());
      continue;
    }
    if (!json->is_object()) {
      errors.lines.push_back(path.string() + ": expected an object of key: text");
      continue;
    }
    for (const auto& [key, value] : json->items()) {
      if (!value.is_string()) {
        errors.lines.push_back(path.string() + ": /" + key + ": expected a string");
        continue;
      }
      catalog.entries_[key].by_language[language] = value.get<std::string>();
      all_keys.insert(key);
    }
  }
  for (const auto& key : all_keys) {
    for (const auto& language : languages) {
      if (!catalog.entries_[key].by_language.contains(language)) {
        errors.lines.push_back((dir / (language + ".json")).string() + ": /" + key + ": missing translation");
      }
    }
  }
  if (!errors.lines.empty()) return errors;
  return catalog;
}

std::string_view Catalog::text(std::string_view language, std::string_view key) const {
  auto it = entries_.find(key);
  if (it == entries_.end()) return key;
  auto text = it->second.in(language);
  return text.empty() ? key : text;
}

std::vector<std::string> Catalog::keys() const {
  std::vector<std::string> keys;
  for (const auto& [key, text] : entries_) keys.push_back(key);
  return keys;
}

std::string fill(std::string_view pattern,
                 std::initializer_list<std::pair<std::string_view, std::string>> values) {
  std::string out;
  out.reserve(pattern.size());
  std::size_t i = 0;
  while (i < pattern.size()) {
    const std::size_t open = pattern.find('{', i);
    const std::size_t close = open == std::string_view::npos ? open : pattern.find('}', open);
    if (close == std::string_view::npos) {
      out.append(pattern.substr(i));
      break;
    }
    out.append(pattern.substr(i, open - i));
    const std::string_view name = pattern.substr(open + 1, close - open - 1);
    const auto* value =
        std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.first == name; });
    if (value != values.end()) {
      out.append(value->second);
    } else {
      out.append(pattern.substr(open, close - open + 1));
    }
    i = close + 1;
  }
  return out;
}

std::string format_decimal(double value, int digits, std::string_view language) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  std::string text = buffer;
  if (language == "nl") std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

}  // namespace peiling
