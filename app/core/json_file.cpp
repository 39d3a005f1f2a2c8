#include "core/json_file.hpp"

#include <fstream>
#include <system_error>

namespace peiling {

Result<std::string> read_text_file(const std::filesystem::path& path, std::size_t max_bytes) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Result<std::string>::failure(path.string() + ": cannot read: " + ec.message());
  if (size > max_bytes) {
    return Result<std::string>::failure(path.string() + ": file is " + std::to_string(size) +
                                        " bytes, over the limit of " + std::to_string(max_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Result<std::string>::failure(path.string() + ": cannot open");
  std::string text(size, '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::size_t>(in.gcount()) != size) {
    return Result<std::string>::failure(path.string() + ": short read");
  }
  return text;
}

Result<nlohmann::json> parse_json(const std::string& text, const std::string& origin) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    return Result<nlohmann::json>::failure(origin + ": invalid JSON at byte " + std::to_string(e.byte) +
                                           ": " + e.what());
  }
}

}  // namespace peiling
