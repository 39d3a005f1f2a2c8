#pragma once
#include <map>
#include <string>
#include <string_view>

namespace peiling {

// One text in every language of its pack or catalog, keyed by language code ("nl", "en").
struct LocalizedText {
  std::map<std::string, std::string, std::less<>> by_language;

  // Validation guarantees every language is present; an absent one yields "" rather than throwing.
  std::string_view in(std::string_view language) const {
    auto it = by_language.find(language);
    return it == by_language.end() ? std::string_view{} : std::string_view{it->second};
  }
};

}  // namespace peiling
