#include "sync/pack_states.hpp"

#include <limits>
#include <nlohmann/json.hpp>

#include "core/codec.hpp"
#include "core/json_file.hpp"
#include "core/pack.hpp"
#include "core/utc_time.hpp"
#include "store/device_store.hpp"
#include "sync/files.hpp"

namespace peiling::sync {

namespace {

// A time as format_rfc3339() writes it, from an entry's key; false when present and not one.
bool read_time(const nlohmann::json& entry, const char* key, std::optional<UtcMillis>& out) {
  if (!entry.contains(key) || entry[key].is_null()) return true;
  if (!entry[key].is_string()) return false;
  out = parse_rfc3339(entry[key].get<std::string>());
  return out.has_value();
}

}  // namespace

std::optional<std::vector<PackStatus>> pack_statuses_in_list(std::string_view list) {
  const auto parsed = nlohmann::json::parse(list, nullptr, false);
  if (!parsed.is_array()) return std::nullopt;
  std::vector<PackStatus> statuses;
  for (const auto& entry : parsed) {
    if (!entry.is_object() || !entry.contains("id") || !entry["id"].is_string() ||
        !entry.contains("version") || !entry["version"].is_number_integer()) {
      return std::nullopt;
    }
    const auto version = entry["version"].get<std::int64_t>();
    PackStatus status;
    status.ref.id = entry["id"].get<std::string>();
    // Both go into a URL and a file name: only what a valid pack can have.
    if (!is_valid_id(status.ref.id) || version < 1 || version > std::numeric_limits<int>::max())
      return std::nullopt;
    status.ref.version = static_cast<int>(version);
    if (entry.contains("state")) {
      const auto state =
          entry["state"].is_string() ? pack_state_named(entry["state"].get<std::string>()) : std::nullopt;
      if (!state) return std::nullopt;
      status.lifecycle.state = *state;
    }
    std::optional<UtcMillis> changed_at;
    if (!read_time(entry, "closes_at", status.lifecycle.closes_at) ||
        !read_time(entry, "changed_at", changed_at))
      return std::nullopt;
    status.changed_at = changed_at.value_or(0);
    if (entry.contains("rehearsal")) {
      if (!entry["rehearsal"].is_boolean()) return std::nullopt;
      status.lifecycle.rehearsal = entry["rehearsal"].get<bool>();
    }
    statuses.push_back(std::move(status));
  }
  return statuses;
}

std::string pack_states_file_name(std::string_view hub_public_key) {
  return "peiling-pack-states-" + to_hex(hub_public_key).substr(0, 16) + std::string(kPackStatesExtension);
}

std::string encode_pack_states(const std::vector<PublishedPack>& packs, const AckSigner& signer) {
  return encode_hub_signed(kPackStatesFormat, published_packs_json(packs), signer);
}

Result<std::vector<PackStatus>> read_pack_states(std::string_view bytes, const std::string& origin,
                                                 const std::vector<std::string>& trusted_keys) {
  using Statuses = Result<std::vector<PackStatus>>;
  auto payload = read_hub_signed(bytes, origin, kPackStatesFormat, trusted_keys);
  if (!payload) return payload.errors();
  auto statuses = pack_statuses_in_list(payload.value());
  if (!statuses)
    return Statuses::failure(origin +
                             ": /payload: not a list of packs with an id, a version and a known state");
  return std::move(statuses.value());
}

Result<store::Done> learn_pack_statuses(store::DeviceStore& store, const std::vector<PackStatus>& statuses) {
  for (const auto& status : statuses) {
    if (auto kept = store.learn_pack_status(status.ref, status.lifecycle, status.changed_at); !kept)
      return Result<store::Done>::failure(kept.error().message);
  }
  return store::Done{};
}

Result<store::Done> learn_pack_states_in(store::DeviceStore& store,
                                         const std::vector<std::string>& trusted_keys,
                                         const std::filesystem::path& dir,
                                         std::vector<std::string>& problems) {
  std::error_code ec;
  for (const auto& entry : list_folder(dir / kAckFolder, ec)) {
    const auto& path = entry.path();
    if (!entry.is_regular_file(ec) || entry.is_symlink(ec) || path.extension() != kPackStatesExtension ||
        path.filename().string().starts_with("."))
      continue;
    auto bytes = read_text_file(path, kMaxSignedPackBytes);
    if (!bytes) {
      problems.push_back(bytes.errors().joined("; "));
      continue;
    }
    auto statuses = read_pack_states(bytes.value(), path.string(), trusted_keys);
    if (!statuses) {
      problems.push_back(statuses.errors().joined("; "));
      continue;
    }
    if (auto learned = learn_pack_statuses(store, statuses.value()); !learned) return learned;
  }
  return store::Done{};
}

}  // namespace peiling::sync
