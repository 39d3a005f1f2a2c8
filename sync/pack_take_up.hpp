#pragma once
// The device's side of published packs (sync/published_packs.hpp): a signed pack file, fetched
// from the hub or found in DIR/packs/ on a USB stick, is verified and validated, then kept for the
// admin panel; the device switches to it by itself only when the pack says auto_activate and no
// draft of the running pack is open.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/pack.hpp"
#include "core/response.hpp"
#include "core/result.hpp"
#include "store/store_error.hpp"
#include "sync/published_packs.hpp"

namespace peiling::store {
class DeviceStore;
}  // namespace peiling::store

namespace peiling::sync {

struct PackImportSummary {
  std::vector<PackRef> added;        // new on this device, offered in the admin panel
  std::vector<std::string> refused;  // "<file>: <reason>"
  std::optional<PackRef> activated;  // switched to, as the pack asked
  std::optional<PackRef> waiting;    // asked to switch, but drafts are open: the admin decides
};

// Tablet drafts of this pack still in progress: a switch away from it waits for the operator.
Result<int> open_drafts(store::DeviceStore& store, const PackRef& running);

// Takes up one signed pack file (what GET /api/v1/packs/{id}/{version} returned, or a file of
// dir/packs/): refused with "<origin>: <reason>" into summary.refused when no trusted key signed
// it, it was changed after signing, it does not validate, or its id and version are on this
// device with other bytes; otherwise kept, and activated as it asks when no draft is open. Fails
// only when the device store does.
Result<store::Done> take_up_signed_pack(store::DeviceStore& store, const Pack& running_pack,
                                        std::string_view bytes, const std::string& origin,
                                        PackImportSummary& summary);

// Takes up every signed pack in dir/packs/ (a missing folder has none), then keeps the pack states
// the hub left in dir/acks/ (sync/pack_states.hpp; one that does not verify is refused like a
// pack). Files already on the device are skipped quietly. Fails only when the device store does.
Result<PackImportSummary> import_packs(store::DeviceStore& store, const Pack& running_pack,
                                       const std::filesystem::path& dir);

}  // namespace peiling::sync
