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
#include <utility>
#include <vector>

#include "core/pack_lifecycle.hpp"
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
  std::string label;  // the organiser's name for it ("Kiosk 3, zaal B"); empty when none
};

struct PackCounts {
  std::string pack_id;
  int pack_version = 0;
  int complete = 0;
  int abandoned = 0;
  int late = 0;  // of both, those that arrived while the pack was closed
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

// --- The organiser console (hub_store_console.cpp) ---
struct Organiser {
  std::string name;
  std::string language;  // "nl" or "en": the console's pages for this organiser
  UtcMillis created_at = 0;
};

// The sign-in counter of one name, before its password is checked (the kiosk PIN's rule).
struct SignInAttempt {
  bool locked = false;  // refused: the name is locked out until locked_until
  UtcMillis locked_until = 0;
  int failures = 0;  // counted so far, this attempt included
};

struct ConsoleSession {
  std::string organiser;
  std::string language;
  std::string csrf_token;
};

struct AuditEntry {
  UtcMillis at = 0;
  std::string organiser;  // or the name tried, for a failed sign-in
  std::string action;     // "sign-in", "approve", "report", ...
  std::string detail;
  std::string client;  // the address the request came from, "cli" for peiling-hub itself
};

struct QuarterHourCount {
  std::string pack_id;
  int pack_version = 0;
  int quarter = 0;  // quarter hours since the start asked for
  int responses = 0;
};

// --- The plenary (hub_store_plenary.cpp): what /live shows of a pack ---
enum class LiveState { shown, hidden, frozen };
std::string_view to_string(LiveState state);

struct PlenaryState {
  LiveState state = LiveState::shown;  // a pack never switched is shown
  UtcMillis changed_at = 0;            // 0: never switched
  // While frozen: the live page as it was at the freeze, by language ("nl", "en").
  std::vector<std::pair<std::string, std::string>> frozen_pages;
};

// --- Moderation (hub_store_plenary.cpp): the queue of comments and open answers ---
enum class Moderation { pending, approved, hidden };
std::string_view to_string(Moderation state);

struct QueuedText {
  std::string id;  // "c:RESPONSE:ITEM" for a comment, "o:RESPONSE:QUESTION" for an open answer
  bool open_answer = false;
  std::string response_id;
  std::string key;  // the item (point) id, or the open question's id
  std::string pack_id;
  std::optional<std::string> role;
  bool complete = true;  // of a complete response
  std::string text;
  UtcMillis written_at = 0;
  Moderation state = Moderation::pending;
};

// How many texts of a pack's counted responses each state holds, as the report says it.
struct ModerationTally {
  int pending = 0;
  int approved = 0;
  int hidden = 0;
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
  // The counted responses of one pack (every version) for reports, complete and abandoned; with
  // rehearsal, instead its rehearsal responses, which nothing else counts (the Rehearsal view).
  store::StoreResult<SurveyData> survey_data(const std::string& pack_id, bool rehearsal = false);

  // --- Published packs (sync/published_packs.hpp) ---
  // Signs the bytes of a validated pack and keeps the signed file. Publishing the same bytes again
  // changes nothing (false); other bytes under a published id and version are refused
  // (ErrorKind::constraint): a changed pack needs a new version.
  // rehearsal: published as a rehearsal (schema step 9): devices show the REHEARSAL band and its
  // responses are stored flagged, never counted, until go_live(). The same bytes published again
  // with the other flag are refused (ErrorKind::constraint): going live is go_live's, and a pack
  // published for real needs a new version to rehearse.
  store::StoreResult<bool> publish_pack(const PackRef& pack, std::string_view pack_bytes,
                                        bool rehearsal = false);
  // By id, then version.
  store::StoreResult<std::vector<sync::PublishedPack>> published_packs();
  // The signed file, byte for byte; nullopt when that pack is not published.
  store::StoreResult<std::optional<std::string>> published_pack_file(const PackRef& pack);

  // --- Contact opt-ins: kept apart from the responses; only `contacts export` reads them ---
  store::StoreStatus add_contacts(const std::vector<Contact>& contacts);
  store::StoreResult<std::vector<Contact>> contacts();

  // --- The organiser console: accounts, sessions, lockout, audit log, device labels ---
  // A new organiser; an existing name is refused (ErrorKind::constraint).
  store::StoreStatus add_organiser(const Organiser& organiser, const std::string& password_hash);
  store::StoreResult<std::vector<Organiser>> organisers();
  // The Argon2id string and the organiser; nullopt for a name the hub does not have.
  store::StoreResult<std::optional<std::pair<Organiser, std::string>>> organiser(const std::string& name);
  // Both end every session of the organiser; false when there is no such name.
  store::StoreResult<bool> set_organiser_password(const std::string& name, const std::string& password_hash);
  store::StoreResult<bool> remove_organiser(const std::string& name);
  store::StoreStatus set_organiser_language(const std::string& name, const std::string& language);

  // Counts a sign-in for name before its password is checked, in one transaction: refused
  // (locked) while a lockout runs, else the failure is counted and, from the 5th, a lockout set
  // (lockout_ms_after, core/admin_pin.hpp). A right password then clears it (sign_in_succeeded).
  store::StoreResult<SignInAttempt> count_sign_in(const std::string& name);
  store::StoreStatus sign_in_succeeded(const std::string& name);

  // Sessions by the hash of their token (never the token itself).
  store::StoreStatus add_session(const std::string& token_hash, const std::string& organiser,
                                 const std::string& csrf_token);
  // The live session under token_hash, its idle time restarted; nullopt when there is none or it
  // was idle longer than idle_ms (and is then deleted).
  store::StoreResult<std::optional<ConsoleSession>> session(const std::string& token_hash,
                                                            std::int64_t idle_ms);
  store::StoreStatus end_session(const std::string& token_hash);

  store::StoreStatus audit(const AuditEntry& entry);  // entry.at 0: now
  // Newest first, at most limit.
  store::StoreResult<std::vector<AuditEntry>> audit_log(int limit);

  // Counted responses (complete and abandoned) that ended in the day from day_start on, by pack,
  // version and quarter hour: the overview's bar chart.
  store::StoreResult<std::vector<QuarterHourCount>> responses_by_quarter_hour(UtcMillis day_start);

  // --- The plenary ---
  store::StoreResult<PlenaryState> plenary(const std::string& pack_id);
  // Sets what /live shows of pack_id and writes the audit entry, in one transaction; frozen_pages
  // (language, page) are kept for LiveState::frozen and dropped otherwise.
  store::StoreStatus set_plenary(const std::string& pack_id, LiveState state,
                                 const std::vector<std::pair<std::string, std::string>>& frozen_pages,
                                 const AuditEntry& entry);

  // Every comment and open answer of the counted responses of pack_id ("": every pack), newest
  // first, with its decision.
  store::StoreResult<std::vector<QueuedText>> moderation_queue(const std::string& pack_id);
  // The queue's states counted for pack_id, of complete responses and, with include_abandoned,
  // abandoned ones: what a report needs of it, without reading every text.
  store::StoreResult<ModerationTally> moderation_tally(const std::string& pack_id, bool include_abandoned);
  // Approves or hides the texts of ids (QueuedText::id), one audit entry each, in one transaction;
  // an id the hub does not hold changes nothing and fails (ErrorKind::not_found) naming it.
  store::StoreStatus moderate(const std::vector<std::string>& ids, Moderation decision,
                              const std::string& organiser, const std::string& client);

  // --- The pack lifecycle (hub_store_lifecycle.cpp; core/pack_lifecycle.hpp) ---
  // Of pack_id (any version), closes_at applied: closed once it has passed. Open when never set.
  store::StoreResult<PackLifecycle> pack_lifecycle(const std::string& pack_id);
  // Go live: every version of pack_id published as a rehearsal is published for real, and the
  // pack's rehearsal responses are deleted (their batches stay, so devices are still
  // acknowledged), with the audit entry, in one transaction. Returns how many responses went;
  // ErrorKind::not_found when no version of pack_id is a rehearsal.
  store::StoreResult<int> go_live(const std::string& pack_id, const AuditEntry& entry);
  // The rehearsal responses held of pack_id (complete and abandoned), for the Rehearsal view.
  store::StoreResult<int> rehearsal_responses(const std::string& pack_id);
  // Sets the state and closing time of pack_id and writes the audit entry, in one transaction.
  // Devices learn it at their next sync (published_packs() carries it).
  store::StoreStatus set_pack_lifecycle(const std::string& pack_id, PackState state,
                                        std::optional<UtcMillis> closes_at, const AuditEntry& entry);

  // ErrorKind::not_found for a device the hub has never seen.
  store::StoreStatus set_device_label(const std::string& device_id, const std::string& label);

 private:
  struct Impl;
  explicit HubStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace peiling::hub
