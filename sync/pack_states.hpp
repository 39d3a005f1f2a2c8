#pragma once
// How devices learn the life of the hub's packs (core/pack_lifecycle.hpp): open, closing or
// closed, when a pack closes by itself, and whether it is a rehearsal (sync/README.md, "Pack
// states"). Over HTTP they are fields of each entry of GET /api/v1/packs; on a USB stick they are
// the same list signed by the hub, "peiling.pack-states/1", in DIR/acks/ beside the
// acknowledgement. The file's name does not end in .json, so devices from before it (which read
// every acks/*.json as an acknowledgement) pass it by, and the hub's import skips acks/ anyway.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/pack_lifecycle.hpp"
#include "core/response.hpp"
#include "core/result.hpp"
#include "store/store_error.hpp"
#include "sync/ack_file.hpp"
#include "sync/published_packs.hpp"

namespace peiling::store {
class DeviceStore;
}  // namespace peiling::store

namespace peiling::sync {

inline constexpr std::string_view kPackStatesFormat = "peiling.pack-states/1";
inline constexpr std::string_view kPackStatesExtension = ".states";

struct PackStatus {
  PackRef ref;
  PackLifecycle lifecycle;
  UtcMillis changed_at = 0;  // when the hub last changed it (0: never); the newer word wins
  bool operator==(const PackStatus&) const = default;
};

// The statuses in a list as published_packs_json() writes it: every entry's id and version, with
// "state", "closes_at", "rehearsal" and "changed_at" where present (a hub from before them says
// nothing, which means open and real). Other keys are passed by. nullopt when it is no such list,
// or a state or time in it is not one this version knows.
std::optional<std::vector<PackStatus>> pack_statuses_in_list(std::string_view list);

// "peiling-pack-states-<the first 16 hex digits of the hub's key>.states", in DIR/acks/.
std::string pack_states_file_name(std::string_view hub_public_key);

// The signed file: the payload is published_packs_json(packs), byte for byte.
std::string encode_pack_states(const std::vector<PublishedPack>& packs, const AckSigner& signer);

// The statuses of a signed file once one of trusted_keys verified it; errors are one line,
// "<origin>: <reason>".
Result<std::vector<PackStatus>> read_pack_states(std::string_view bytes, const std::string& origin,
                                                 const std::vector<std::string>& trusted_keys);

// The device's side: keeps each status (DeviceStore::learn_pack_status). Fails only when the
// store does.
Result<store::Done> learn_pack_statuses(store::DeviceStore& store, const std::vector<PackStatus>& statuses);

// Reads every pack-states file in dir/acks/ that a trusted key signed and keeps its statuses; a
// file that does not verify goes to problems as "<file>: <reason>". Fails only when the store does.
Result<store::Done> learn_pack_states_in(store::DeviceStore& store,
                                         const std::vector<std::string>& trusted_keys,
                                         const std::filesystem::path& dir,
                                         std::vector<std::string>& problems);

}  // namespace peiling::sync
