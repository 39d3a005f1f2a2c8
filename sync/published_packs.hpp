#pragma once
// Packs the hub publishes and devices take up (sync/README.md, "Published packs").
//
// The hub signs a validated pack's exact bytes with its Ed25519 key into a file of format
// "peiling.signed-pack/1" (the envelope acknowledgements use). `peiling-hub pack publish` stores
// it; `GET /api/v1/packs` lists what published_packs_json() returns and
// `GET /api/v1/packs/{id}/{version}` serves HubStore::published_pack_file(), byte for byte; on a
// USB stick the same files lie in DIR/packs/. A device takes a file up (sync/pack_take_up.hpp)
// only when a hub key it trusts signed it (the running pack's hub.sign_key or the admin's pinned
// key) and the pack inside validates.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/pack.hpp"
#include "core/pack_lifecycle.hpp"
#include "core/response.hpp"
#include "core/result.hpp"
#include "sync/ack_file.hpp"

namespace peiling::sync {

inline constexpr std::string_view kSignedPackFormat = "peiling.signed-pack/1";
inline constexpr std::string_view kPackFolder = "packs";
// A signed pack is a pack plus its envelope: twice the pack's own limit covers it with room.
inline constexpr std::size_t kMaxSignedPackBytes = 2 * kMaxPackBytes;

struct PublishedPack {
  PackRef ref;
  std::string sha256;  // of the pack's bytes, lower-case hex
  UtcMillis published_at = 0;
  // Its id's life on the hub, closes_at already applied (sync/pack_states.hpp), and when the
  // organiser last changed it (0: never).
  PackLifecycle lifecycle;
  UtcMillis lifecycle_changed_at = 0;
  bool operator==(const PublishedPack&) const = default;
};

std::string encode_signed_pack(std::string_view pack_bytes, const AckSigner& signer);
// "<id>-<version>.json", the name in DIR/packs/.
std::string signed_pack_file_name(const PackRef& pack);
// The list a device fetches: [{"id", "version", "sha256", "published_at", "state", "closes_at"?,
// "rehearsal", "changed_at"?}, ...]; the keys after published_at are the pack's life
// (sync/pack_states.hpp), which devices from before them pass by.
std::string published_packs_json(const std::vector<PublishedPack>& packs);

// A verified and validated pack from a signed file; errors are "<origin>: <reason>" lines.
Result<PackFile> read_signed_pack(std::string_view bytes, const std::string& origin,
                                  const std::vector<std::string>& trusted_keys);

}  // namespace peiling::sync
