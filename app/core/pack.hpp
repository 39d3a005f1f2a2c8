#pragma once
// A content pack: everything one survey shows, in every language (format "peiling.pack/1").
#include <filesystem>
#include <string>
#include <vector>

#include "core/localized_text.hpp"
#include "core/result.hpp"

namespace peiling {

inline constexpr const char* kPackFormat = "peiling.pack/1";
inline constexpr std::size_t kMaxPackBytes = 4 << 20;

struct Pack {
  std::string id;
  int version = 0;
  std::vector<std::string> languages;  // the first is the source language
  LocalizedText title;
  LocalizedText question;  // the central question of the intro
};

// Parses and validates a pack. Errors name a JSON pointer and the reason, one per line.
Result<Pack> parse_pack(const std::string& text, const std::string& origin);
Result<Pack> load_pack_file(const std::filesystem::path& path);

}  // namespace peiling
