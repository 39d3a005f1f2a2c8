#pragma once
// Reading JSON files with a size limit and errors that say which file and where.
#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "core/result.hpp"

namespace peiling {

// Reads a whole file; refuses files larger than max_bytes rather than reading them.
Result<std::string> read_text_file(const std::filesystem::path& path, std::size_t max_bytes);

// Parses text as JSON; a syntax error names the byte offset.
Result<nlohmann::json> parse_json(const std::string& text, const std::string& origin);

}  // namespace peiling
