#include "hub/hub_schema.hpp"

#include <array>
#include <string>

#include "store/sqlite/response_tables.hpp"

namespace peiling::hub {

namespace {

// Times are UTC milliseconds. Step 1 is the head, the response tables both stores declare
// (store/sqlite/response_tables.hpp), and the tail.
constexpr std::string_view kHubHead = R"sql(
-- This hub's key pairs, made by `peiling-hub init`: Ed25519 signs acknowledgements, X25519
-- opens sealed batches. The secret keys live here, so hub.db is as secret as the answers.
CREATE TABLE hub (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  created_at_ms INTEGER NOT NULL,
  sign_public_key BLOB NOT NULL CHECK (length(sign_public_key) = 32),
  sign_secret_key BLOB NOT NULL CHECK (length(sign_secret_key) = 64),
  seal_public_key BLOB NOT NULL CHECK (length(seal_public_key) = 32),
  seal_secret_key BLOB NOT NULL CHECK (length(seal_secret_key) = 32)
) STRICT;

-- Every device seen, with the key it first signed with. trusted: on first use; approved: by the
-- organiser; pending: seen under --strict, its batches quarantined; blocked: excluded everywhere.
CREATE TABLE devices (
  device_id TEXT PRIMARY KEY,
  signing_key BLOB NOT NULL CHECK (length(signing_key) = 32),
  state TEXT NOT NULL CHECK (state IN ('trusted', 'approved', 'pending', 'blocked')),
  first_seen_at_ms INTEGER NOT NULL,
  last_seen_at_ms INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Every batch taken in, once per (device, seq).
CREATE TABLE batches (
  device_id TEXT NOT NULL REFERENCES devices (device_id),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  batch_id TEXT NOT NULL,
  payload_sha256 TEXT NOT NULL,
  sealed INTEGER NOT NULL CHECK (sealed IN (0, 1)),
  created_at_ms INTEGER NOT NULL,
  imported_at_ms INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  PRIMARY KEY (device_id, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE responses (
  response_id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  pack_id TEXT NOT NULL,
  pack_version INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('complete', 'abandoned')),
  mode TEXT NOT NULL CHECK (mode IN ('kiosk', 'tablet')),
  language TEXT NOT NULL,
  role TEXT,
  started_at_ms INTEGER NOT NULL,
  ended_at_ms INTEGER NOT NULL,
  FOREIGN KEY (device_id, seq) REFERENCES batches (device_id, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX responses_by_batch ON responses (device_id, seq);
)sql";

constexpr std::string_view kHubTail = R"sql(
-- Another file claimed a (device, seq) the hub has, with other content. The stored batch stays.
CREATE TABLE conflicts (
  device_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  offered_sha256 TEXT NOT NULL,
  stored_sha256 TEXT NOT NULL,
  file_name TEXT NOT NULL,
  first_seen_at_ms INTEGER NOT NULL,
  times_seen INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (device_id, seq, offered_sha256)
) STRICT, WITHOUT ROWID;

-- A response id the hub already had, offered again in another batch; skipped.
CREATE TABLE duplicate_responses (
  response_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  seen_at_ms INTEGER NOT NULL,
  PRIMARY KEY (response_id, device_id, seq)
) STRICT, WITHOUT ROWID;

-- What every count and report reads: responses of trusted and approved devices only. Quarantined
-- (pending) and blocked devices' data stays stored but out of sight, and returns on approval.
CREATE VIEW counted_responses AS
  SELECT r.* FROM responses r JOIN devices d ON d.device_id = r.device_id WHERE d.state IN ('trusted', 'approved');
)sql";

// Additive: follow-up surveys (issue #10). A report counts options per question; the "other" text
// is an open answer under the question's id. Published packs are what devices fetch (as files in
// DIR/packs/ now, over HTTP once the hub serves). Contacts arrive in their own files, never in a
// batch, and nothing in this table leads to a response.
constexpr std::string_view kFollowUpTail = R"sql(
CREATE TABLE published_packs (
  pack_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  sha256 TEXT NOT NULL,         -- of the pack's bytes
  signed_file TEXT NOT NULL,    -- peiling.signed-pack/1, served byte for byte
  published_at_ms INTEGER NOT NULL,
  PRIMARY KEY (pack_id, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE contacts (
  pack_id TEXT NOT NULL,
  email TEXT NOT NULL,
  PRIMARY KEY (pack_id, email)
) STRICT, WITHOUT ROWID;
)sql";

// Additive: the organiser console (issue 15). Passwords are Argon2id strings (crypto_pwhash_str);
// a session is kept only as the BLAKE2b-256 hash of its 256-bit cookie token, so a copy of hub.db
// opens no console. Failed sign-ins are counted per name tried, known or not, so a lockout says
// nothing about which names exist. The audit log is append-only: who did what, and from where.
constexpr std::string_view kConsole = R"sql(
CREATE TABLE organisers (
  name TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en')),
  created_at_ms INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE sign_in_failures (
  name TEXT PRIMARY KEY,
  failures INTEGER NOT NULL CHECK (failures >= 0),
  locked_until_ms INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE console_sessions (
  token_hash BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
  organiser TEXT NOT NULL REFERENCES organisers (name) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  last_seen_at_ms INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX console_sessions_by_organiser ON console_sessions (organiser);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  organiser TEXT NOT NULL,  -- signed in, or the name tried for a failed sign-in
  action TEXT NOT NULL,
  detail TEXT NOT NULL,
  client TEXT NOT NULL      -- the address the request came from; "cli" for peiling-hub itself
) STRICT;

-- "Kiosk 3, zaal B": what the overview and the devices page show beside the id.
ALTER TABLE devices ADD COLUMN label TEXT NOT NULL DEFAULT '';
)sql";

// Additive, step 6: the plenary (issue 17). What /live shows of each pack: its figures as they come in
// (shown, also for a pack with no row), "results follow soon" (hidden), or the figures as they
// were when the chair froze them, kept as the pages rendered then (one per language, nl and en),
// so responses arriving meanwhile and a restart of serve change nothing on the screen.
constexpr std::string_view kPlenary = R"sql(
CREATE TABLE plenary (
  pack_id TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('shown', 'hidden', 'frozen')),
  changed_at_ms INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE plenary_frozen_pages (
  pack_id TEXT NOT NULL,
  language TEXT NOT NULL,
  html TEXT NOT NULL,
  PRIMARY KEY (pack_id, language)
) STRICT, WITHOUT ROWID;
)sql";

// Additive, step 7: moderation (issue 17). Every comment and open answer of a counted response is on the
// queue; this table holds only the decisions, so a text with no row is waiting. The big screen
// shows approved ones only; the reports keep every text.
constexpr std::string_view kModeration = R"sql(
CREATE TABLE moderation (
  response_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('comment', 'open')),
  key TEXT NOT NULL,  -- the item id of a comment, the question id of an open answer
  decision TEXT NOT NULL CHECK (decision IN ('approved', 'hidden')),
  decided_at_ms INTEGER NOT NULL,
  decided_by TEXT NOT NULL,
  PRIMARY KEY (response_id, kind, key)
) STRICT, WITHOUT ROWID;
)sql";

// Additive, step 8: the pack lifecycle (issue 17). A pack with no row is open. closes_at_ms closes
// it by itself: whoever reads the state applies it (core/pack_lifecycle.hpp), so no timer runs. A
// response that arrives while its pack is closed is still stored, and marked late.
constexpr std::string_view kPackLifecycle = R"sql(
CREATE TABLE pack_lifecycle (
  pack_id TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('open', 'closing', 'closed')),
  closes_at_ms INTEGER,
  changed_at_ms INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

ALTER TABLE responses ADD COLUMN late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1));
)sql";

// Additive, step 9: rehearsal packs (issue 17). A pack published as a rehearsal runs on real
// devices, but its responses are stored flagged and never counted: counted_responses leaves them
// out, so every count, report, /live and the overview do too, and rehearsal_responses is what the
// Rehearsal view reads. A response is a rehearsal one when the hub published its pack (id and
// version) as a rehearsal when it arrived, or when its batch says so (the device ran it under the
// REHEARSAL band: what it took before it learned of "go live"). Go live clears the pack's flag and
// deletes its rehearsal responses; their batches stay, so devices are still acknowledged.
constexpr std::string_view kRehearsal = R"sql(
ALTER TABLE published_packs ADD COLUMN rehearsal INTEGER NOT NULL DEFAULT 0 CHECK (rehearsal IN (0, 1));
ALTER TABLE responses ADD COLUMN rehearsal INTEGER NOT NULL DEFAULT 0 CHECK (rehearsal IN (0, 1));

DROP VIEW counted_responses;
CREATE VIEW counted_responses AS
  SELECT r.* FROM responses r JOIN devices d ON d.device_id = r.device_id
  WHERE d.state IN ('trusted', 'approved') AND r.rehearsal = 0;
CREATE VIEW rehearsal_responses AS
  SELECT r.* FROM responses r JOIN devices d ON d.device_id = r.device_id
  WHERE d.state IN ('trusted', 'approved') AND r.rehearsal = 1;
)sql";

}  // namespace

std::span<const store::sqlite::MigrationStep> hub_migration_steps() {
  using store::sqlite::StoreKind;
  static const std::string hub =
      std::string(kHubHead) + store::sqlite::response_tables_sql(StoreKind::hub) + std::string(kHubTail);
  static const std::string follow_up =
      store::sqlite::choices_table_sql(StoreKind::hub) + std::string(kFollowUpTail);
  static const std::string any_scale_value = store::sqlite::answers_any_scale_value_sql(StoreKind::hub);
  static const std::string missed_shown = store::sqlite::missed_shown_table_sql(StoreKind::hub);
  static const std::array steps{
      store::sqlite::MigrationStep{1, "the hub: keys, devices, batches, responses, conflicts and duplicates",
                                   hub},
      store::sqlite::MigrationStep{2, "follow-up surveys: choice answers, published packs, contact opt-ins",
                                   follow_up},
      store::sqlite::MigrationStep{3,
                                   "the organiser console: organisers, sessions, sign-in lockout, audit log, "
                                   "device labels",
                                   kConsole},
      store::sqlite::MigrationStep{4, "scales from -100 to 100: an answer's value may be 0 or negative",
                                   any_scale_value},
      store::sqlite::MigrationStep{
          5, "missed opportunities shown: what a respondent paged past counts as shown", missed_shown},
      store::sqlite::MigrationStep{6, "the plenary: /live shown, hidden or frozen per pack", kPlenary},
      store::sqlite::MigrationStep{7, "moderation: approved and hidden comments and open answers",
                                   kModeration},
      store::sqlite::MigrationStep{8, "pack lifecycle: open, closing or closed; late responses marked",
                                   kPackLifecycle},
      store::sqlite::MigrationStep{9, "rehearsal packs: their responses stored flagged, never counted",
                                   kRehearsal},
  };
  return steps;
}

}  // namespace peiling::hub
