#pragma once
// The interface strings of the app (buttons, notes), one JSON file per language in assets/i18n/.
// Survey content comes from the pack instead.
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/localized_text.hpp"
#include "core/result.hpp"

namespace peiling {

class Catalog {
 public:
  // Loads <dir>/<lang>.json for each language. A key present in one language but not in another
  // is an error: a missing translation must not silently fall back.
  static Result<Catalog> load(const std::filesystem::path& dir, const std::vector<std::string>& languages);

  // The text for key. An unknown key yields the key itself (so it is visible in screenshots);
  // the view then lives as long as the caller's key.
  std::string_view text(std::string_view language, std::string_view key) const;

  const std::vector<std::string>& languages() const { return languages_; }
  std::vector<std::string> keys() const;

 private:
  std::vector<std::string> languages_;
  std::map<std::string, LocalizedText, std::less<>> entries_;
};

// Fills {name} placeholders: fill("{n} of {total}", {{"n", "3"}, {"total", "12"}}) is "3 of 12".
// A placeholder without a value stays as written, so a mistake is visible rather than silent.
std::string fill(std::string_view pattern,
                 std::initializer_list<std::pair<std::string_view, std::string>> values);

// value with digits decimals, with the language's decimal mark: 3.14 in English, 3,14 in Dutch.
std::string format_decimal(double value, int digits, std::string_view language);

}  // namespace peiling
