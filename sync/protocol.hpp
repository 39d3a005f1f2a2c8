#pragma once
// The HTTP API between a device and `peiling-hub serve` (sync/README.md, "Sync over HTTP"): the
// routes both sides name. The bodies are the wire formats beside this file: a batch file goes up,
// an acknowledgement comes back, and packs come down as published_packs_json() and signed files.
#include <string>
#include <string_view>

#include "core/response.hpp"

namespace peiling::sync {

// POST a batch file; 200 or 201 with its acknowledgement.
inline constexpr std::string_view kBatchesPath = "/api/v1/batches";
// GET the hub's version and counts; no token needed.
inline constexpr std::string_view kHealthPath = "/api/v1/health";
// GET the published packs; below it, pack_file_path() of each.
inline constexpr std::string_view kPacksPath = "/api/v1/packs";

// kPacksPath/{id}/{version}: that signed pack file, byte for byte.
inline std::string pack_file_path(const PackRef& pack) {
  return std::string(kPacksPath) + "/" + pack.id + "/" + std::to_string(pack.version);
}

}  // namespace peiling::sync
