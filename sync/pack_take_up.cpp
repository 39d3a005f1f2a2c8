#include "sync/pack_take_up.hpp"

#include "core/json_file.hpp"
#include "store/device_store.hpp"
#include "sync/files.hpp"
#include "sync/outbox.hpp"
#include "sync/pack_states.hpp"

namespace peiling::sync {

namespace fs = std::filesystem;

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
  // And what the hub said of each pack's life, beside its acknowledgement (sync/pack_states.hpp).
  auto settings = store.sync_settings();
  if (!settings) return Result<PackImportSummary>::failure(settings.error().message);
  if (auto learned =
          learn_pack_states_in(store, trusted_hub_keys(running_pack, settings.value()), dir, summary.refused);
      !learned)
    return learned.errors();
  return summary;
}

}  // namespace peiling::sync
