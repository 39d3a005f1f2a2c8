#pragma once
// Reading JSON that comes from outside (packs, catalogs, later signed batches and HTTP bodies):
// a size limit before reading, and a strict parse that refuses what a lenient parser would let
// through. Every error line starts with the origin (a file name) so it can be shown as is.
#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace peiling {

// Deep enough for any document of ours (a pack needs 5); shallow enough that code walking the
// tree recursively cannot exhaust the stack.
inline constexpr std::size_t kMaxJsonDepth = 32;

// Reads a whole file; refuses files larger than max_bytes rather than reading them.
Result<std::string> read_text_file(const std::filesystem::path& path, std::size_t max_bytes);

// Parses text as JSON, refusing
//  - invalid UTF-8 anywhere ("invalid UTF-8 at byte N", N counted from 0),
//  - syntax errors, including a truncated text ("invalid JSON at byte N (line L, column C): ..."),
//  - duplicate keys in an object ("/pointer/of/the/key: duplicate key"), all of them,
//  - nesting deeper than max_depth, checked while parsing so no depth ever reaches the stack.
Result<nlohmann::json> parse_json(std::string_view text, const std::string& origin,
                                  std::size_t max_depth = kMaxJsonDepth);

// parse_json for documents that carry respondents' words (batches, acks, contact files): a syntax
// error says where, but never quotes the text it stopped at, which may be someone's answer.
Result<nlohmann::json> parse_private_json(std::string_view text, const std::string& origin);

// The byte offset of the first byte that does not start a well-formed UTF-8 sequence
// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), or nullopt.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// The number of code points in valid UTF-8 text.
std::size_t count_code_points(std::string_view utf8);

// One reference token of a JSON pointer (RFC 6901: "~" becomes "~0", "/" becomes "~1").
// Control characters are shown as \u00XX so that an error stays on one line.
std::string pointer_token(std::string_view key);

}  // namespace peiling
