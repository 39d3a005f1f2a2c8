#include "store/schema.hpp"

#include <array>
#include <string>

#include "store/sqlite/response_tables.hpp"

namespace peiling::store {

namespace {

// Times are UTC milliseconds since the Unix epoch. Tables keyed by text use WITHOUT ROWID, so an
// answer is one B-tree insert, not two.

// Step 1 is the head, the response tables both stores declare, and the tail.
constexpr std::string_view kRespondentDataHead = R"sql(
-- This device: made on first open. The signing key pair signs what the device sends to the hub.
CREATE TABLE device (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  device_id TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  signing_public_key BLOB NOT NULL CHECK (length(signing_public_key) = 32),
  signing_secret_key BLOB NOT NULL CHECK (length(signing_secret_key) = 64)
) STRICT;

-- Every pack this device has run, byte for byte, so each response can be traced to its content.
CREATE TABLE packs (
  pack_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  json TEXT NOT NULL,
  first_seen_at_ms INTEGER NOT NULL,
  PRIMARY KEY (pack_id, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE active_pack (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  pack_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  FOREIGN KEY (pack_id, version) REFERENCES packs (pack_id, version)
) STRICT;

CREATE TABLE responses (
  response_id TEXT PRIMARY KEY,
  pack_id TEXT NOT NULL,
  pack_version INTEGER NOT NULL,
  language TEXT NOT NULL,
  role TEXT,
  mode TEXT NOT NULL CHECK (mode IN ('kiosk', 'tablet')),
  status TEXT NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'complete', 'abandoned')),
  started_at_ms INTEGER NOT NULL,
  ended_at_ms INTEGER,
  FOREIGN KEY (pack_id, pack_version) REFERENCES packs (pack_id, version)
) STRICT, WITHOUT ROWID;
CREATE INDEX responses_by_status ON responses (status, started_at_ms);
)sql";

constexpr std::string_view kRespondentDataTail = R"sql(
-- How often each point was shown to and rated by completed respondents on this device,
-- for showing the least-rated points first.
CREATE TABLE point_tallies (
  pack_id TEXT NOT NULL,
  point_id TEXT NOT NULL,
  times_shown INTEGER NOT NULL DEFAULT 0,
  times_rated INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (pack_id, point_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE admin (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  pin_hash TEXT,
  pin_failures INTEGER NOT NULL DEFAULT 0,
  lockout_until_ms INTEGER
) STRICT;
INSERT INTO admin (singleton) VALUES (1);

-- Events the admin screen must show until dismissed (a damaged database moved aside).
CREATE TABLE warnings (
  warning_id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  message TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  dismissed INTEGER NOT NULL DEFAULT 0 CHECK (dismissed IN (0, 1))
) STRICT;
)sql";

constexpr std::string_view kOutbox = R"sql(
-- Completed responses queued for the hub. Only a completion puts a response here, in the same
-- transaction that completes it, so a half-written response never reaches a batch.
CREATE TABLE outbox (
  response_id TEXT PRIMARY KEY REFERENCES responses (response_id) ON DELETE CASCADE,
  queued_at_ms INTEGER NOT NULL,
  synced_at_ms INTEGER
) STRICT, WITHOUT ROWID;
CREATE INDEX outbox_unsynced ON outbox (queued_at_ms) WHERE synced_at_ms IS NULL;
INSERT INTO outbox (response_id, queued_at_ms)
  SELECT response_id, coalesce(ended_at_ms, started_at_ms) FROM responses WHERE status = 'complete';
)sql";

constexpr std::string_view kBatches = R"sql(
-- Batches for the hub (sync/README.md). A batch is formed once, from responses that are in no
-- batch yet, and its file is kept byte for byte: every export writes the same bytes until the hub
-- acknowledges the batch. seq counts up from 1 without gaps.
CREATE TABLE batches (
  seq INTEGER PRIMARY KEY CHECK (seq >= 1),
  batch_id TEXT NOT NULL UNIQUE,
  created_at_ms INTEGER NOT NULL,
  response_count INTEGER NOT NULL CHECK (response_count >= 1),
  payload_sha256 TEXT NOT NULL,
  file BLOB,                -- NULL once a delivered batch has been deleted
  exported_at_ms INTEGER,   -- first written to a stick or folder
  delivered_at_ms INTEGER,  -- the hub's signed acknowledgement was read
  CHECK (file IS NOT NULL OR delivered_at_ms IS NOT NULL)
) STRICT;

-- Which batch each response went into. A row is never removed, so a response is sent in one
-- batch only, even after its batch file is deleted.
CREATE TABLE batch_responses (
  response_id TEXT PRIMARY KEY REFERENCES responses (response_id),
  seq INTEGER NOT NULL REFERENCES batches (seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX batch_responses_by_seq ON batch_responses (seq);

-- What the next batch may take: finished responses in no batch, except complete ones the hub
-- acknowledged before batches existed. Whether abandoned ones go is the pack's choice.
CREATE VIEW unbatched_responses AS
  SELECT r.response_id, r.status, r.ended_at_ms FROM responses r LEFT JOIN outbox o ON o.response_id = r.response_id
  WHERE (r.status = 'abandoned' OR (r.status = 'complete' AND o.synced_at_ms IS NULL))
    AND NOT EXISTS (SELECT 1 FROM batch_responses b WHERE b.response_id = r.response_id);

-- The admin's sync settings: a pinned hub key (instead of the pack's) and how long delivered
-- batches stay on the device.
CREATE TABLE sync_settings (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  hub_sign_key BLOB CHECK (hub_sign_key IS NULL OR length(hub_sign_key) = 32),
  keep_delivered_days INTEGER NOT NULL DEFAULT 30 CHECK (keep_delivered_days >= 0)
) STRICT;
INSERT INTO sync_settings (singleton) VALUES (1);
)sql";

constexpr std::string_view kKioskSettings = R"sql(
-- What the admin set for this kiosk: the size of everything (NULL: from the display's DPI), the
-- app's own keyboard even where the platform has one, and the language each respondent starts in
-- (NULL: the pack's first).
CREATE TABLE kiosk_settings (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  scale_percent INTEGER CHECK (scale_percent IS NULL OR scale_percent BETWEEN 50 AND 400),
  own_keyboard INTEGER NOT NULL DEFAULT 0 CHECK (own_keyboard IN (0, 1)),
  default_language TEXT
) STRICT;
INSERT INTO kiosk_settings (singleton) VALUES (1);
)sql";

constexpr std::string_view kContacts = R"sql(
-- "Mail me the report": deliberately nothing that leads to a response. No response id, no time,
-- and a random key in a WITHOUT ROWID table, so not even the order of insertion can be matched
-- against the responses' start times.
CREATE TABLE contacts (
  contact_id TEXT PRIMARY KEY,
  pack_id TEXT NOT NULL,
  email TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  UNIQUE (pack_id, email)
) STRICT, WITHOUT ROWID;
)sql";

constexpr std::string_view kHttpSync = R"sql(
-- Sync over HTTP (sync/README.md): the hub address and token the admin set (used instead of the
-- pack's hub.url and hub.token), and the last attempt for the admin panel.
ALTER TABLE sync_settings ADD COLUMN hub_url TEXT;
ALTER TABLE sync_settings ADD COLUMN hub_token TEXT;
ALTER TABLE sync_settings ADD COLUMN last_attempt_at_ms INTEGER;
ALTER TABLE sync_settings ADD COLUMN last_attempt_result TEXT;
ALTER TABLE sync_settings ADD COLUMN last_success_at_ms INTEGER;
)sql";

// The life of each pack as the hub last told it (core/pack_lifecycle.hpp, sync/pack_states.hpp):
// open, closing or closed, the moment it closes by itself, and whether it is a rehearsal. A pack
// with no row is open and real. A response remembers whether it began in rehearsal, so that the
// batch says so even when the hub's "go live" arrives before the batch leaves.
constexpr std::string_view kPackLifecycle = R"sql(
CREATE TABLE pack_status (
  pack_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'closing', 'closed')),
  closes_at_ms INTEGER,
  rehearsal INTEGER NOT NULL CHECK (rehearsal IN (0, 1)),
  changed_at_ms INTEGER NOT NULL,  -- when the hub changed it: the later word wins
  PRIMARY KEY (pack_id, version)
) STRICT, WITHOUT ROWID;

ALTER TABLE responses ADD COLUMN rehearsal INTEGER NOT NULL DEFAULT 0 CHECK (rehearsal IN (0, 1));
)sql";

}  // namespace

std::span<const sqlite::MigrationStep> migration_steps() {
  // Built once: steps 1 and 5 hold the tables the hub store declares too (response_tables.hpp).
  static const std::string respondent_data = std::string(kRespondentDataHead) +
                                             sqlite::response_tables_sql(sqlite::StoreKind::device) +
                                             std::string(kRespondentDataTail);
  static const std::string follow_up =
      sqlite::choices_table_sql(sqlite::StoreKind::device) + std::string(kContacts);
  static const std::string any_scale_value = sqlite::answers_any_scale_value_sql(sqlite::StoreKind::device);
  static const std::string missed_shown = sqlite::missed_shown_table_sql(sqlite::StoreKind::device);
  static const std::array steps{
      sqlite::MigrationStep{1, "respondent data: device, packs, responses, answers, tallies, admin, warnings",
                            respondent_data},
      // Sync state is its own step so the sync work can evolve it without touching respondent data.
      sqlite::MigrationStep{2, "sync state: the outbox of completed responses", kOutbox},
      sqlite::MigrationStep{3, "batches: signed batch files, their responses, delivery and the sync settings",
                            kBatches},
      sqlite::MigrationStep{4, "kiosk settings: scale, own keyboard and default language, set by the admin",
                            kKioskSettings},
      sqlite::MigrationStep{5, "follow-up surveys: choice answers and the contact opt-in, kept apart",
                            follow_up},
      sqlite::MigrationStep{6, "sync over HTTP: the admin's hub address and token, the last attempt",
                            kHttpSync},
      sqlite::MigrationStep{7, "scales from -100 to 100: an answer's value may be 0 or negative",
                            any_scale_value},
      sqlite::MigrationStep{8, "missed opportunities shown: what a respondent paged past counts as shown",
                            missed_shown},
      sqlite::MigrationStep{9, "pack lifecycle: open, closing or closed and rehearsal, as the hub last said",
                            kPackLifecycle},
  };
  return steps;
}

int latest_schema_version() {
  return migration_steps().back().version;
}

}  // namespace peiling::store
