#pragma once
// The packs this hub published (HubStore::publish_pack) as the rest of the hub uses them: the
// pack a report or the live page is about, and the signed files for a USB stick.
#include <filesystem>
#include <functional>
#include <string_view>

#include "core/pack.hpp"
#include "core/result.hpp"
#include "hub/hub_store.hpp"
#include "store/store_error.hpp"

namespace peiling::hub {

// The highest version published on this hub of pack_id (empty: of the pack published last), its
// signature checked with the hub's own key and its content validated. Fails naming what is wrong,
// or saying that none is published.
Result<PackFile> published_pack(HubStore& hub, std::string_view pack_id = {});

// The life of every published pack, signed (sync/pack_states.hpp): the file's bytes, as the
// console's Import page hands them out for a stick's acks/ folder.
Result<std::string> pack_states_bytes(HubStore& hub);

// The same, into dir/acks/ where a device
// reads it at its next stick visit; `import` writes it beside the acknowledgement, `pack export`
// beside the packs. Returns the file written.
Result<std::filesystem::path> write_pack_states(HubStore& hub, const std::filesystem::path& dir);

// `pack export DIR`: every published pack's signed file into dir/packs/ (sync::kPackFolder), where
// devices take them up, each written durably; written(path) after each file, the pack states
// (write_pack_states) last. Stops at the first file that fails.
Result<store::Done> export_published_packs(HubStore& hub, const std::filesystem::path& dir,
                                           const std::function<void(const std::filesystem::path&)>& written);

}  // namespace peiling::hub
