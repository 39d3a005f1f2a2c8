#pragma once
// Files on sticks and shared folders: written whole or not at all, even when a stick is pulled
// mid-write, and folders listed without throwing.
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "core/result.hpp"

namespace peiling::sync {

// Writes bytes to dir/name: to a temporary name in dir first, fsynced, renamed over name, and
// then dir is fsynced so the rename itself survives a power cut. Returns the path written.
Result<std::filesystem::path> write_file_durably(const std::filesystem::path& dir, const std::string& name,
                                                 std::string_view bytes);

// The entries of dir, sorted by name; an unreadable folder (or one that fails halfway) sets error.
std::vector<std::filesystem::directory_entry> list_folder(const std::filesystem::path& dir,
                                                          std::error_code& error);

// The .json files in dir (not hidden, not symbolic links), sorted; a missing folder has none.
std::vector<std::filesystem::path> sorted_json_files(const std::filesystem::path& dir);

}  // namespace peiling::sync
