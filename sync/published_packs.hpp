#pragma once
// Packs the hub publishes and devices take up (sync/README.md, "Published packs").
//
// The hub signs a validated pack's exact bytes with its Ed25519 key into a file of format
// "peiling.signed-pack/1" (the envelope acknowledgements use). `peiling-hub pack publish` stores
// it; `GET /api/v1/packs` lists what published_packs_json() returns and
// `GET /api/v1/packs/{id}/{version}` serves HubStore::published_pack_file(), byte for byte; on a
// USB stick the same files lie in DIR/packs/. A device takes a file up only when a hub key it
// trusts signed it (the running pack's hub.sign_key or the admin's pinned key) and the pack
// inside validates. It then keeps the pack for the admin panel, and switches to it by itself
// only when the pack says auto_activate and no draft of the running pack is open.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/pack.hpp"
#include "core/response.hpp"
#include "core/result.hpp"
#include "store/store_error.hpp"
#include "sync/ack_file.hpp"

namespace peiling::store {
class DeviceStore;
}  // namespace peiling::store

namespace peiling::sync {

inline constexpr std::string_view kSignedPackFormat = "peiling.signed-pack/1";
inline constexpr std::string_view kPackFolder = "packs";
// A signed pack is a pack plus its envelope: twice the pack's own limit covers it with room.
inline constexpr std::size_t kMaxSignedPackBytes = 2 * kMaxPackBytes;

struct PublishedPack {
  PackRef ref;
  std::string sha256;  // of the pack's bytes, lower-case hex
  UtcMillis published_at = 0;
  bool operator==(const PublishedPack&) const = default;
};

std::string encode_signed_pack(std::string_view pack_bytes, const AckSigner& signer);
// "<id>-<version>.json", the name in DIR/packs/.
std::string signed_pack_file_name(const PackRef& pack);
// The list a device fetches: [{"id", "version", "sha256", "published_at"}, ...].
std::string published_packs_json(const std::vector<PublishedPack>& packs);

// A verified and validated pack from a signed file; errors are "<origin>: <reason>" lines.
Result<PackFile> read_signed_pack(std::string_view bytes, const std::string& origin,
                                  const std::vector<std::string>& trusted_keys);

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

// Takes up every signed pack in dir/packs/ (a missing folder has none). Files already on the
// device are skipped quietly. Fails only when the device store does.
Result<PackImportSummary> import_packs(store::DeviceStore& store, const Pack& running_pack,
                                       const std::filesystem::path& dir);

}  // namespace peiling::sync
