#include "sync/hub_schema.hpp"

#include <array>

namespace peiling::sync {

namespace {

// Times are UTC milliseconds. Response tables mirror the device store's, keyed the same way.
constexpr std::string_view kHub = R"sql(
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

CREATE TABLE response_points (
  response_id TEXT NOT NULL REFERENCES responses (response_id),
  position INTEGER NOT NULL CHECK (position >= 0),
  point_id TEXT NOT NULL,
  PRIMARY KEY (response_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE answers (
  response_id TEXT NOT NULL REFERENCES responses (response_id),
  item_id TEXT NOT NULL,
  scale_id TEXT NOT NULL,
  value INTEGER CHECK (value IS NULL OR value >= 1),
  revision INTEGER NOT NULL CHECK (revision >= 1),
  answered_at_ms INTEGER NOT NULL,
  PRIMARY KEY (response_id, item_id, scale_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE comments (
  response_id TEXT NOT NULL REFERENCES responses (response_id),
  item_id TEXT NOT NULL,
  text TEXT NOT NULL,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  written_at_ms INTEGER NOT NULL,
  PRIMARY KEY (response_id, item_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE open_answers (
  response_id TEXT NOT NULL REFERENCES responses (response_id),
  question_id TEXT NOT NULL,
  text TEXT NOT NULL,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  answered_at_ms INTEGER NOT NULL,
  PRIMARY KEY (response_id, question_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE top_choices (
  response_id TEXT NOT NULL REFERENCES responses (response_id),
  rank INTEGER NOT NULL CHECK (rank >= 1),
  point_id TEXT NOT NULL,
  PRIMARY KEY (response_id, rank)
) STRICT, WITHOUT ROWID;

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
constexpr std::string_view kFollowUp = R"sql(
CREATE TABLE choices (
  response_id TEXT NOT NULL REFERENCES responses (response_id),
  question_id TEXT NOT NULL,
  option_id TEXT NOT NULL,
  answered_at_ms INTEGER NOT NULL,
  PRIMARY KEY (response_id, question_id, option_id)
) STRICT, WITHOUT ROWID;

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

constexpr std::array kSteps{
    store::sqlite::MigrationStep{1, "the hub: keys, devices, batches, responses, conflicts and duplicates",
                                 kHub},
    store::sqlite::MigrationStep{2, "follow-up surveys: choice answers, published packs, contact opt-ins",
                                 kFollowUp},
};

}  // namespace

std::span<const store::sqlite::MigrationStep> hub_migration_steps() {
  return kSteps;
}

}  // namespace peiling::sync
