#pragma once
// The device store: every answer durable in SQLite the moment it is given.
//
// DeviceStore is the only owner of the database connection. The screens, the outbox and the admin
// screens go through this API and never run SQL of their own. Every write is one transaction that
// has committed (WAL, synchronous=FULL) when the call returns ok; a call that returns an error has
// changed nothing. So: show an answer as saved only after record_answer() returned ok.
//
// Threads: every method takes an internal mutex, so a sync thread may share the store with the UI.
// Times come from StoreOptions::now (UTC milliseconds), so tests control them.
//
// The methods are written by topic, in the order of the sections below: device_store_open.cpp
// (opening, start-up checks, backup), device_store_packs.cpp, device_store_responses.cpp (responses,
// contacts, figures), device_store_sync.cpp (batches, sync settings), device_store_admin.cpp; what
// they share is in device_store_impl.hpp and device_store.cpp.
#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/pack_lifecycle.hpp"
#include "core/response.hpp"
#include "core/survey_data.hpp"
#include "core/utc_time.hpp"
#include "store/store_error.hpp"
#include "store/store_options.hpp"

namespace peiling::store {

// The database file inside the data folder.
inline constexpr const char* kDatabaseFileName = "peiling.db";
enum class WarningKind { corrupt_moved_aside, disk_full };

std::string_view to_string(WarningKind kind);

struct StoredPack {
  PackRef ref;
  std::string sha256;  // lowercase hex of the JSON bytes
  std::string json;    // byte-identical to what remember_pack() was given
};

struct NewResponse {
  PackRef pack;
  std::string language;
  std::optional<std::string> role;
  Mode mode = Mode::kiosk;
  std::vector<std::string> points_shown;  // point ids in the order this respondent sees them
};

struct PointTally {
  int times_shown = 0;
  int times_rated = 0;  // a rating (not a skip) on at least one scale
  bool operator==(const PointTally&) const = default;
};

struct ResponseCounts {
  int in_progress = 0;
  int complete = 0;
  int abandoned = 0;
  int unsynced = 0;  // complete, not yet acknowledged by the hub
};

// A batch as the outbox forms it (sync/outbox.hpp); the store keeps it unchanged.
struct NewBatch {
  std::int64_t seq = 0;  // must be next_batch_seq()
  std::string batch_id;
  UtcMillis created_at = 0;
  std::string payload_sha256;  // hex
  std::string file;            // the batch file's bytes, written unchanged at every export
  std::vector<std::string> response_ids;
};

struct BatchInfo {
  std::int64_t seq = 0;
  std::string batch_id;
  UtcMillis created_at = 0;
  int response_count = 0;
  std::string payload_sha256;
  std::optional<UtcMillis> exported_at;
};

// One (seq, payload hash) pair from a hub's acknowledgement.
struct Delivery {
  std::int64_t seq = 0;
  std::string payload_sha256;
};

// Responses by where they are on their way to the hub, for the admin panel. Each response is in
// exactly one of these; batched means in a batch that was never exported.
struct SyncCounts {
  int not_batched = 0;
  int batched = 0;
  int exported = 0;
  int delivered = 0;
  bool operator==(const SyncCounts&) const = default;
};

struct SyncSettings {
  std::optional<std::string> pinned_hub_sign_key;  // 32 bytes; trusted besides the pack's key
  int keep_delivered_days = 30;
  std::optional<std::string> hub_url;    // the admin's, used instead of the pack's hub.url
  std::optional<std::string> hub_token;  // the admin's, used instead of the pack's hub.token
  std::optional<UtcMillis> last_attempt_at;
  std::optional<std::string> last_attempt_result;  // a sentence for the admin panel
  std::optional<UtcMillis> last_success_at;        // the last attempt that left nothing waiting
};

// The admin's settings for this kiosk; each applies from the next start.
struct KioskSettings {
  std::optional<int> scale_percent;  // 50..400; none: from the display's DPI
  bool own_keyboard = false;         // the app's keyboard even where the platform has one
  std::optional<std::string> default_language;
  bool operator==(const KioskSettings&) const = default;
};

struct Warning {
  WarningKind kind;
  std::string message;
  UtcMillis at = 0;
};

class DeviceStore {
 public:
  // Opens <data_dir>/peiling.db, creating the folder and the database if needed, and locks the
  // folder for this process. Start-up checks: a damaged database is moved aside as
  // peiling.db.corrupt-<time> (with its -wal and -shm) and a fresh one started, with a warning;
  // a database from a newer Peiling is refused with ErrorKind::newer_schema and left untouched.
  static StoreResult<DeviceStore> open(const std::filesystem::path& data_dir, StoreOptions options = {});
  // A store in memory, for tests and previews; nothing survives it.
  static StoreResult<DeviceStore> open_in_memory(StoreOptions options = {});

  DeviceStore(DeviceStore&&) noexcept;
  DeviceStore& operator=(DeviceStore&&) noexcept;
  ~DeviceStore();

  // --- The device --------------------------------------------------------------------------------
  const std::string& device_id() const;                             // a random UUID v4, made on first open
  const std::array<unsigned char, 32>& signing_public_key() const;  // Ed25519
  // An Ed25519 signature of message with the device's secret key (which never leaves the store).
  std::array<unsigned char, 64> sign(std::string_view message) const;
  // The store's clock (StoreOptions::now), so that work done around the store keeps its time.
  UtcMillis now() const;

  // --- Packs ---------------------------------------------------------------------------------------
  // Keeps a pack's JSON; returns its SHA-256 (hex). Remembering the same bytes again is a no-op;
  // different bytes under a known id and version are refused (ErrorKind::constraint).
  StoreResult<std::string> remember_pack(const PackRef& pack, std::string_view json);
  StoreResult<StoredPack> pack(const PackRef& pack);
  StoreStatus set_active_pack(const PackRef& pack);
  StoreResult<std::optional<PackRef>> active_pack();
  // Every pack this device has seen, by id then version.
  StoreResult<std::vector<PackRef>> packs();
  // What the hub said of a pack at a sync (sync/pack_states.hpp): kept unless the device holds a
  // word the hub changed later (changed_at, the hub's time), so a stale USB stick cannot reopen
  // a pack that HTTP sync already closed. The pack need not be on the device yet.
  StoreStatus learn_pack_status(const PackRef& pack, const PackLifecycle& lifecycle, UtcMillis changed_at);
  // The hub's last word on the pack as stored (effective_state() applies closes_at); open and
  // real when it has said nothing.
  StoreResult<PackLifecycle> pack_status(const PackRef& pack);

  // --- Responses -----------------------------------------------------------------------------------
  // Starts a response (status in progress, started now); returns its random UUID v4. It is a
  // rehearsal response when the hub last said its pack is a rehearsal (learn_pack_status).
  StoreResult<std::string> begin_response(const NewResponse& response);
  StoreStatus set_role(const std::string& response_id, const std::optional<std::string>& role);
  StoreStatus set_language(const std::string& response_id, const std::string& language);
  // Records or replaces the answer for (item, scale); returns the committed revision.
  // Only a response in progress takes answers.
  StoreResult<int> record_answer(const std::string& response_id, const std::string& item_id,
                                 const std::string& scale_id, Rating rating);
  StoreStatus set_comment(const std::string& response_id, const std::string& item_id, std::string_view text);
  StoreStatus record_open_answer(const std::string& response_id, const std::string& question_id,
                                 std::string_view text);
  // Replaces the chosen options of a choice question, and in the same transaction removes every
  // answer (choices and "other" text) of the questions that are now hidden: a hidden question has
  // no stored answer. The question's own "other" text goes too unless "other" is among options.
  StoreStatus set_choices(const std::string& response_id, const std::string& question_id,
                          const std::vector<std::string>& options,
                          const std::vector<std::string>& hidden_questions);
  // Notes that the respondent reached the page of this missed opportunity (answered or not), after
  // those noted before; once per item.
  StoreStatus record_missed_shown(const std::string& response_id, const std::string& item_id);
  // Replaces the respondent's top choices with these point ids, best first.
  StoreStatus set_top_choices(const std::string& response_id, const std::vector<std::string>& point_ids);
  // One transaction: status complete, end time, the point tallies, and the outbox entry.
  StoreStatus complete_response(const std::string& response_id);
  // The respondent walked away: kept and not tallied; sent to the hub only if the pack keeps
  // abandoned responses.
  StoreStatus abandon_response(const std::string& response_id);
  // Deletes a response that is not complete, with everything in it.
  StoreStatus discard_response(const std::string& response_id);
  // At start-up: marks every response still in progress (left by a crash or power loss) abandoned,
  // ended at its last activity. Returns how many. Tablet drafts active at or after
  // keep_drafts_active_since stay in progress, to be resumed; older ones are abandoned too.
  StoreResult<int> abandon_interrupted(std::optional<UtcMillis> keep_drafts_active_since = std::nullopt);
  // The tablet draft of this pack touched last, if any.
  StoreResult<std::optional<std::string>> latest_draft(const PackRef& pack);
  StoreResult<std::vector<std::string>> in_progress_responses();
  StoreResult<Response> response(const std::string& response_id);

  // --- Contact opt-in ------------------------------------------------------------------------------
  // Stored apart from every response; only `peiling-hub contacts export` (via export_contacts) reads it.
  // The same address for the same pack is kept once.
  StoreStatus add_contact(const Contact& contact);
  StoreResult<std::vector<Contact>> contacts();

  // --- Figures -------------------------------------------------------------------------------------
  // Completed respondents per point of this pack (any version), for least-rated-first.
  StoreResult<std::map<std::string, PointTally>> point_tallies(const std::string& pack_id);
  StoreResult<ResponseCounts> counts();
  // The finished responses of one pack (every version) for the Results screen, complete and
  // abandoned.
  StoreResult<SurveyData> survey_data(const std::string& pack_id);

  // --- Batches (sync/README.md) ----------------------------------------------------------------
  // Responses in no batch yet, oldest end first, at most limit: complete ones the hub has not
  // acknowledged, and abandoned ones when include_abandoned.
  StoreResult<std::vector<Response>> unbatched_responses(int limit, bool include_abandoned);
  StoreResult<std::int64_t> next_batch_seq();
  // One transaction: records the batch and moves its responses into it. Refused (constraint) when
  // seq is not the next one or a response is already in a batch or not finished; then nothing
  // changed.
  StoreStatus record_batch(const NewBatch& batch);
  // Batches the hub has not acknowledged, by seq.
  StoreResult<std::vector<BatchInfo>> undelivered_batches();
  StoreResult<std::string> batch_file(std::int64_t seq);
  // Notes the first export of each batch; a later export keeps the first time.
  StoreStatus mark_exported(const std::vector<std::int64_t>& seqs);
  // Marks the batches whose seq and payload hash match delivered, with their complete responses
  // synced; other pairs (another device's numbering, a conflicting copy) are ignored. Returns how
  // many batches became delivered.
  StoreResult<int> mark_delivered(const std::vector<Delivery>& deliveries);
  // Deletes the files of batches delivered before the given time; their responses stay on the
  // device and are never batched again. Returns how many.
  StoreResult<int> delete_delivered_batches(UtcMillis delivered_before);
  StoreResult<SyncCounts> sync_counts(bool include_abandoned);
  StoreResult<SyncSettings> sync_settings();
  StoreStatus set_pinned_hub_sign_key(const std::optional<std::string>& key);
  StoreStatus set_keep_delivered_days(int days);
  // The admin's hub address and token; nullopt falls back to the pack's.
  StoreStatus set_hub_endpoint(const std::optional<std::string>& url,
                               const std::optional<std::string>& token);
  // A sync attempt at `at` with its result; a success also becomes the last success.
  StoreStatus record_sync_attempt(UtcMillis at, const std::string& result, bool success);

  // --- Admin ---------------------------------------------------------------------------------------
  StoreResult<KioskSettings> kiosk_settings();
  // Refused (constraint) with a scale outside 50..400 %; then nothing changed.
  StoreStatus set_kiosk_settings(const KioskSettings& settings);
  StoreResult<std::optional<std::string>> admin_pin_hash();
  StoreStatus set_admin_pin_hash(const std::string& pin_hash);
  // Counts a PIN attempt as failed *before* the PIN is compared, so pulling the plug during the
  // check cannot give free attempts; reset_pin_failures() after a match. Returns the new count.
  StoreResult<int> increment_pin_failures();
  StoreStatus reset_pin_failures();
  StoreResult<std::optional<UtcMillis>> lockout_until();
  StoreStatus set_lockout_until(std::optional<UtcMillis> until);

  // Events for the admin screen, oldest first: a damaged database moved aside (kept until
  // dismissed) and a full disk in this session.
  StoreResult<std::vector<Warning>> warnings();
  StoreStatus dismiss_warnings();

 private:
  struct Impl;
  explicit DeviceStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// `peiling --backup`: copies <data_dir>/peiling.db to target while a kiosk may be using it. Reads
// through SQLite (a read transaction, the backup API), never a plain file copy, and does not take
// the data folder's lock. target must not exist yet.
StoreStatus backup_data_dir(const std::filesystem::path& data_dir, const std::filesystem::path& target);

}  // namespace peiling::store
