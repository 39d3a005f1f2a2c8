#include "sync/published_packs.hpp"

#include <algorithm>

#include "core/codec.hpp"
#include "core/json_file.hpp"
#include "sync/files.hpp"
#include "sync/outbox.hpp"

namespace peiling::sync {

namespace {

namespace fs = std::filesystem;

}  // namespace

Result<int> open_drafts(store::DeviceStore& store, const PackRef& running) {
  auto open = store.in_progress_responses();
  if (!open) return Result<int>::failure(open.error().message);
  int drafts = 0;
  for (const auto& id : open.value()) {
    auto response = store.response(id);
    if (!response) return Result<int>::failure(response.error().message);
    if (response->mode == Mode::tablet && response->pack == running) ++drafts;
  }
  return drafts;
}

std::string encode_signed_pack(std::string_view pack_bytes, const AckSigner& signer) {
  return encode_hub_signed(kSignedPackFormat, std::string(pack_bytes), signer);
}

std::string signed_pack_file_name(const PackRef& pack) {
  return pack.id + "-" + std::to_string(pack.version) + ".json";
}

std::string published_packs_json(const std::vector<PublishedPack>& packs) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& pack : packs) {
    out.push_back({{"id", pack.ref.id},
                   {"version", pack.ref.version},
                   {"sha256", pack.sha256},
                   {"published_at", format_rfc3339(pack.published_at)}});
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

Result<store::Done> take_up_signed_pack(store::DeviceStore& store, const Pack& running_pack,
                                        std::string_view bytes, const std::string& origin,
                                        PackImportSummary& summary) {
  using Status = Result<store::Done>;
  auto settings = store.sync_settings();
  if (!settings) return Status::failure(settings.error().message);
  auto pack = read_signed_pack(bytes, origin, trusted_hub_keys(running_pack, settings.value()));
  if (!pack) {
    summary.refused.push_back(pack.errors().joined("; "));
    return store::Done{};
  }
  const PackRef ref{pack->pack.id, pack->pack.version};
  auto known = store.pack(ref);
  if (known) {
    if (known->json != pack->bytes) {
      summary.refused.push_back(origin + ": pack " + ref.id + " version " + std::to_string(ref.version) +
                                " is on this device with other content; a changed pack needs a new version");
    }
    return store::Done{};
  }
  if (known.error().kind != store::ErrorKind::not_found) return Status::failure(known.error().message);
  if (auto remembered = store.remember_pack(ref, pack->bytes); !remembered)
    return Status::failure(remembered.error().message);
  summary.added.push_back(ref);
  if (!pack->pack.settings.auto_activate) return store::Done{};
  auto drafts = open_drafts(store, {running_pack.id, running_pack.version});
  if (!drafts) return drafts.errors();
  if (drafts.value() > 0) {
    summary.waiting = ref;
    return store::Done{};
  }
  if (auto activated = store.set_active_pack(ref); !activated)
    return Status::failure(activated.error().message);
  summary.activated = ref;
  summary.waiting.reset();
  return store::Done{};
}

Result<PackImportSummary> import_packs(store::DeviceStore& store, const Pack& running_pack,
                                       const fs::path& dir) {
  PackImportSummary summary;
  for (const auto& file : sorted_json_files(dir / kPackFolder)) {
    auto bytes = read_text_file(file, kMaxSignedPackBytes);
    if (!bytes) {
      summary.refused.push_back(bytes.errors().joined("; "));
      continue;
    }
    if (auto taken = take_up_signed_pack(store, running_pack, bytes.value(), file.string(), summary); !taken)
      return taken.errors();
  }
  return summary;
}

}  // namespace peiling::sync
