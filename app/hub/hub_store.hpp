#pragma once
// The hub's database: the organiser's merged responses from every device, and the hub's keys.
//
// HubStore is the only owner of the hub's connection; all SQL is prepared statements in
// hub_store.cpp, the schema is hub_schema.cpp. Every batch goes in with one transaction: all of
// it or nothing. Counts read the counted_responses view, which leaves out devices that are
// pending (their batches are quarantined) or blocked.
#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/response.hpp"
#include "core/survey_data.hpp"
#include "store/store_error.hpp"
#include "store/store_options.hpp"
#include "sync/ack_file.hpp"
#include "sync/batch_format.hpp"
#include "sync/published_packs.hpp"

namespace peiling::hub {

enum class DeviceState { trusted, approved, pending, blocked };
std::string_view to_string(DeviceState state);

// A verified, decoded batch file on its way in.
struct IncomingBatch {
  const sync::VerifiedBatch& envelope;
  const sync::BatchPayload& payload;
  std::string file_name;
};

enum class BatchOutcome {
  added,             // new, counted
  quarantined,       // new, from a device not yet approved (--strict)
  excluded,          // new, from a blocked device: kept, never counted
  duplicate,         // the same (device, seq) with the same hash: nothing to do
  conflict,          // the same (device, seq) with another hash: recorded, the stored one kept
  wrong_device_key,  // signed with another key than the device's first batch: refused
};

struct IngestResult {
  BatchOutcome outcome = BatchOutcome::added;
  int responses_added = 0;
  std::vector<std::string> duplicate_responses;  // ids the hub had from another batch, skipped
  std::string stored_sha256;                     // for a duplicate or a conflict
  UtcMillis stored_at = 0;  // when the batch held under (device, seq) arrived: now for a new one
};

struct DeviceSummary {
  std::string device_id;
  DeviceState state = DeviceState::trusted;
  UtcMillis first_seen_at = 0;
  UtcMillis last_seen_at = 0;
  int batches = 0;
  int complete = 0;
  int abandoned = 0;
};

struct PackCounts {
  std::string pack_id;
  int pack_version = 0;
  int complete = 0;
  int abandoned = 0;
};

struct Conflict {
  std::string device_id;
  std::int64_t seq = 0;
  std::string stored_sha256;
  std::string offered_sha256;
  std::string file_name;  // the first file that offered it
  int times_seen = 0;
};

struct HubStatus {
  int devices = 0;  // trusted or approved
  int devices_pending = 0;
  int devices_blocked = 0;
  int batches = 0;  // of trusted and approved devices
  int quarantined_batches = 0;
  int duplicate_responses = 0;
  std::vector<PackCounts> responses;  // by pack and version
  std::vector<Conflict> conflicts;
};

class HubStore {
 public:
  // `peiling-hub init`: a new hub database at path with fresh key pairs. An existing file is
  // refused (ErrorKind::constraint) and left as it was.
  static store::StoreResult<HubStore> create(const std::filesystem::path& path,
                                             store::StoreOptions options = {});
  // An existing hub database; ErrorKind::not_found when there is none.
  static store::StoreResult<HubStore> open(const std::filesystem::path& path,
                                           store::StoreOptions options = {});

  HubStore(HubStore&&) noexcept;
  HubStore& operator=(HubStore&&) noexcept;
  ~HubStore();

  const std::string& sign_public_key() const;  // Ed25519, 32 bytes
  const std::string& seal_public_key() const;  // X25519, 32 bytes
  std::array<unsigned char, 64> sign(std::string_view message) const;
  // Opens a payload sealed to this hub; nullopt when it was sealed to another key or damaged.
  std::optional<std::string> unseal(std::string_view sealed) const;

  // One transaction. A device seen for the first time is trusted, or pending when strict.
  store::StoreResult<IngestResult> ingest(const IncomingBatch& batch, bool strict);

  store::StoreResult<std::vector<DeviceSummary>> devices();
  // Approving releases a pending device's quarantined batches into the counts.
  store::StoreStatus set_device_state(const std::string& device_id, DeviceState state);
  store::StoreResult<HubStatus> status();
  // Every batch held from devices that are not blocked, for the acknowledgement file.
  store::StoreResult<std::vector<sync::AckedBatch>> held_batches();
  // One response as the hub holds it, in the device store's shape.
  store::StoreResult<Response> response(const std::string& response_id);
  // The counted responses of one pack (every version) for reports, complete and abandoned.
  store::StoreResult<SurveyData> survey_data(const std::string& pack_id);

  // --- Published packs (sync/published_packs.hpp) ---
  // Signs the bytes of a validated pack and keeps the signed file. Publishing the same bytes again
  // changes nothing (false); other bytes under a published id and version are refused
  // (ErrorKind::constraint): a changed pack needs a new version.
  store::StoreResult<bool> publish_pack(const PackRef& pack, std::string_view pack_bytes);
  // By id, then version.
  store::StoreResult<std::vector<sync::PublishedPack>> published_packs();
  // The signed file, byte for byte; nullopt when that pack is not published.
  store::StoreResult<std::optional<std::string>> published_pack_file(const PackRef& pack);

  // --- Contact opt-ins: kept apart from the responses; only `contacts export` reads them ---
  store::StoreStatus add_contacts(const std::vector<Contact>& contacts);
  store::StoreResult<std::vector<Contact>> contacts();

 private:
  struct Impl;
  explicit HubStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace peiling::hub
