#include "sync/published_packs.hpp"

#include "core/codec.hpp"
#include "core/json_file.hpp"

namespace peiling::sync {

std::string encode_signed_pack(std::string_view pack_bytes, const AckSigner& signer) {
  return encode_hub_signed(kSignedPackFormat, std::string(pack_bytes), signer);
}

std::string signed_pack_file_name(const PackRef& pack) {
  return pack.id + "-" + std::to_string(pack.version) + ".json";
}

std::string published_packs_json(const std::vector<PublishedPack>& packs) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& pack : packs) {
    auto& entry = out.emplace_back(nlohmann::ordered_json{{"id", pack.ref.id},
                                                          {"version", pack.ref.version},
                                                          {"sha256", pack.sha256},
                                                          {"published_at", format_rfc3339(pack.published_at)},
                                                          {"state", to_string(pack.lifecycle.state)}});
    if (pack.lifecycle.closes_at) entry["closes_at"] = format_rfc3339(*pack.lifecycle.closes_at);
    entry["rehearsal"] = pack.lifecycle.rehearsal;
    if (pack.lifecycle_changed_at) entry["changed_at"] = format_rfc3339(pack.lifecycle_changed_at);
  }
  return out.dump(2) + "\n";
}

Result<PackFile> read_signed_pack(std::string_view bytes, const std::string& origin,
                                  const std::vector<std::string>& trusted_keys) {
  if (trusted_keys.empty()) {
    return Result<PackFile>::failure(
        origin + ": no hub key to check it with; the running pack has no hub.sign_key and none is pinned");
  }
  auto payload = read_hub_signed(bytes, origin, kSignedPackFormat, trusted_keys);
  if (!payload) return payload.errors();
  auto pack = parse_pack(payload.value(), origin);
  if (!pack) return pack.errors();
  return PackFile{std::move(pack.value()), std::move(payload.value())};
}

}  // namespace peiling::sync
