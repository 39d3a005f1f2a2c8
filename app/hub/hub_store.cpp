#include "hub/hub_store.hpp"

#include <sodium.h>

#include <mutex>
#include <system_error>
#include <utility>

#include "core/codec.hpp"
#include "hub/hub_schema.hpp"
#include "hub/hub_store_impl.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/response_rows.hpp"
#include "store/sqlite/survey_rows.hpp"

namespace peiling::hub {

std::string_view to_string(DeviceState state) {
  switch (state) {
    case DeviceState::trusted:
      return "trusted";
    case DeviceState::approved:
      return "approved";
    case DeviceState::pending:
      return "pending";
    case DeviceState::blocked:
      return "blocked";
  }
  return "unknown";
}

namespace {

DeviceState state_from(const std::string& text) {
  if (text == "approved") return DeviceState::approved;
  if (text == "pending") return DeviceState::pending;
  if (text == "blocked") return DeviceState::blocked;
  return DeviceState::trusted;
}

int latest_hub_schema_version() {
  return hub_migration_steps().back().version;
}

std::string bytes_of(const unsigned char* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

StoreResult<Connection> open_connection(const std::filesystem::path& path, const store::StoreOptions& options,
                                        int flags) {
  constexpr std::string_view action = "open the hub database";
  if (sodium_init() < 0)
    return StoreError{ErrorKind::io, "Could not open the hub database: libsodium failed to start."};
  // HubStore's own mutex serialises every use of the connection, so SQLite's mutex per call (a
  // tenth of reading a report's million answers) is left out.
  auto connection = Connection::open(path.string(), flags | SQLITE_OPEN_NOMUTEX, action);
  if (!connection) return connection;
  sqlite3_busy_timeout(connection->handle(), options.busy_timeout_ms);
  // The device store's durability: WAL, and a commit is on disk when it returns.
  auto journal = connection->query_text("PRAGMA journal_mode=WAL", action);
  if (!journal) return journal.error();
  if (auto pragmas = connection->run_script("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", action);
      !pragmas) {
    return pragmas.error();
  }
  return connection;
}

StoreResult<HubKeys> load_keys(Connection& connection) {
  constexpr std::string_view action = "read the hub's keys";
  auto select = connection.prepare(
      "SELECT sign_public_key, sign_secret_key, seal_public_key, seal_secret_key FROM hub WHERE singleton = "
      "1",
      action);
  if (!select) return select.error();
  auto row = select->step();
  if (!row) return row.error();
  if (!row.value())
    return StoreError{ErrorKind::corrupt, "Could not read the hub's keys: the hub database has none."};
  return HubKeys{select->blob(0), select->blob(1), select->blob(2), select->blob(3)};
}

}  // namespace

StoreResult<std::int64_t> HubStore::Impl::count(std::string_view sql, std::string_view action) {
  auto select = connection.prepare(sql, action);
  if (!select) return select.error();
  auto row = select->step();
  if (!row) return row.error();
  return select->integer(0);
}

StoreStatus HubStore::Impl::insert_response(const Response& response, const std::string& device_id,
                                            std::int64_t seq) {
  constexpr std::string_view action = "add the batch";
  {
    auto insert = connection.prepare(
        "INSERT INTO responses (response_id, device_id, seq, pack_id, pack_version, status, mode, language, "
        "role, started_at_ms, ended_at_ms, rehearsal) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
        "?12)",
        action);
    if (!insert) return insert.error();
    insert->bind_text(1, response.id)
        .bind_text(2, device_id)
        .bind_int(3, seq)
        .bind_text(4, response.pack.id)
        .bind_int(5, response.pack.version)
        .bind_text(6, peiling::to_string(response.status))
        .bind_text(7, peiling::to_string(response.mode))
        .bind_text(8, response.language)
        .bind_int(10, response.started_at)
        .bind_int(11, response.ended_at.value_or(response.started_at))
        .bind_int(12, response.rehearsal ? 1 : 0);
    if (response.role) {
      insert->bind_text(9, *response.role);
    } else {
      insert->bind_null(9);
    }
    if (auto done = insert->run(); !done) return done.error();
  }
  // Lists of (position, point id): the order shown and the top choices.
  const auto insert_list = [&](std::string_view sql, const std::vector<std::string>& ids,
                               std::int64_t first) -> StoreStatus {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      auto insert = connection.prepare(sql, action);
      if (!insert) return insert.error();
      insert->bind_text(1, response.id)
          .bind_int(2, first + static_cast<std::int64_t>(i))
          .bind_text(3, ids[i]);
      if (auto done = insert->run(); !done) return done.error();
    }
    return Done{};
  };
  if (auto done =
          insert_list("INSERT INTO response_points (response_id, position, point_id) VALUES (?1, ?2, ?3)",
                      response.points_shown, 0);
      !done) {
    return done;
  }
  if (auto done = insert_list("INSERT INTO missed_shown (response_id, position, item_id) VALUES (?1, ?2, ?3)",
                              response.missed_shown, 0);
      !done) {
    return done;
  }
  if (auto done = insert_list("INSERT INTO top_choices (response_id, rank, point_id) VALUES (?1, ?2, ?3)",
                              response.top_choices, 1);
      !done) {
    return done;
  }
  for (const auto& answer : response.answers) {
    auto insert = connection.prepare(
        "INSERT INTO answers (response_id, item_id, scale_id, value, revision, answered_at_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        action);
    if (!insert) return insert.error();
    insert->bind_text(1, response.id).bind_text(2, answer.item_id).bind_text(3, answer.scale_id);
    if (answer.rating.is_skip()) {
      insert->bind_null(4);
    } else {
      insert->bind_int(4, answer.rating.value());
    }
    insert->bind_int(5, answer.revision).bind_int(6, answer.answered_at);
    if (auto done = insert->run(); !done) return done.error();
  }
  const auto insert_texts = [&](std::string_view sql, const std::vector<TextEntry>& entries) -> StoreStatus {
    for (const auto& entry : entries) {
      auto insert = connection.prepare(sql, action);
      if (!insert) return insert.error();
      insert->bind_text(1, response.id)
          .bind_text(2, entry.key)
          .bind_text(3, entry.text)
          .bind_int(4, entry.revision)
          .bind_int(5, entry.written_at);
      if (auto done = insert->run(); !done) return done.error();
    }
    return Done{};
  };
  if (auto done = insert_texts("INSERT INTO comments (response_id, item_id, text, revision, written_at_ms) "
                               "VALUES (?1, ?2, ?3, ?4, ?5)",
                               response.comments);
      !done) {
    return done;
  }
  if (auto done =
          insert_texts("INSERT INTO open_answers (response_id, question_id, text, revision, answered_at_ms) "
                       "VALUES (?1, ?2, ?3, ?4, ?5)",
                       response.open_answers);
      !done) {
    return done;
  }
  for (const auto& choice : response.choices) {
    for (const auto& option : choice.options) {
      auto insert = connection.prepare(
          "INSERT INTO choices (response_id, question_id, option_id, answered_at_ms) VALUES (?1, ?2, ?3, ?4)",
          action);
      if (!insert) return insert.error();
      insert->bind_text(1, response.id)
          .bind_text(2, choice.question_id)
          .bind_text(3, option)
          .bind_int(4, choice.answered_at);
      if (auto done = insert->run(); !done) return done.error();
    }
  }
  return Done{};
}

// --- Opening -------------------------------------------------------------------------------------

HubStore::HubStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HubStore::HubStore(HubStore&&) noexcept = default;
HubStore& HubStore::operator=(HubStore&&) noexcept = default;
HubStore::~HubStore() = default;

StoreResult<HubStore> HubStore::create(const std::filesystem::path& path, store::StoreOptions options) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    return StoreError{ErrorKind::constraint, path.string() +
                                                 " exists already; a hub's keys are made once, so it " +
                                                 "was left as it was. Use it, or give another --db."};
  }
  auto connection = open_connection(path, options, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!connection) return connection.error();
  if (auto migrated = store::sqlite::apply_migrations(connection.value(), hub_migration_steps(), 0);
      !migrated) {
    return migrated.error();
  }
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> sign_public;
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> sign_secret;
  std::array<unsigned char, crypto_box_PUBLICKEYBYTES> seal_public;
  std::array<unsigned char, crypto_box_SECRETKEYBYTES> seal_secret;
  crypto_sign_keypair(sign_public.data(), sign_secret.data());
  crypto_box_keypair(seal_public.data(), seal_secret.data());
  HubKeys keys{
      bytes_of(sign_public.data(), sign_public.size()), bytes_of(sign_secret.data(), sign_secret.size()),
      bytes_of(seal_public.data(), seal_public.size()), bytes_of(seal_secret.data(), seal_secret.size())};
  sodium_memzero(sign_secret.data(), sign_secret.size());
  sodium_memzero(seal_secret.data(), seal_secret.size());
  {
    constexpr std::string_view action = "make the hub's keys";
    auto transaction = connection->begin_write(action);
    if (!transaction) return transaction.error();
    {
      auto insert = connection->prepare(
          "INSERT INTO hub (singleton, created_at_ms, sign_public_key, sign_secret_key, seal_public_key, "
          "seal_secret_key) VALUES (1, ?1, ?2, ?3, ?4, ?5)",
          action);
      if (!insert) return insert.error();
      insert->bind_int(1, options.now())
          .bind_blob(2, keys.sign_public.data(), keys.sign_public.size())
          .bind_blob(3, keys.sign_secret.data(), keys.sign_secret.size())
          .bind_blob(4, keys.seal_public.data(), keys.seal_public.size())
          .bind_blob(5, keys.seal_secret.data(), keys.seal_secret.size());
      if (auto done = insert->run(); !done) return done.error();
    }
    if (auto committed = transaction->commit(); !committed) return committed.error();
  }
  return HubStore(std::make_unique<Impl>(std::move(options), std::move(connection.value()), std::move(keys)));
}

StoreResult<HubStore> HubStore::open(const std::filesystem::path& path, store::StoreOptions options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return StoreError{ErrorKind::not_found, "There is no hub database at " + path.string() +
                                                "; make one with `peiling-hub init --db " + path.string() +
                                                "`."};
  }
  auto connection = open_connection(path, options, SQLITE_OPEN_READWRITE);
  if (!connection) return connection.error();
  auto version = connection->query_text("PRAGMA user_version", "open the hub database");
  if (!version) return version.error();
  const int schema_version = std::stoi(version.value());
  if (schema_version == 0) {
    return StoreError{ErrorKind::corrupt, path.string() + " is not a hub database; it was left untouched."};
  }
  if (schema_version > latest_hub_schema_version()) {
    return StoreError{ErrorKind::newer_schema,
                      path.string() + " was written by a newer peiling-hub (schema " +
                          std::to_string(schema_version) + "); it was left untouched."};
  }
  if (auto migrated =
          store::sqlite::apply_migrations(connection.value(), hub_migration_steps(), schema_version);
      !migrated) {
    return migrated.error();
  }
  auto keys = load_keys(connection.value());
  if (!keys) return keys.error();
  return HubStore(
      std::make_unique<Impl>(std::move(options), std::move(connection.value()), std::move(keys.value())));
}

// --- Keys ----------------------------------------------------------------------------------------

const std::string& HubStore::sign_public_key() const {
  return impl_->keys.sign_public;
}

const std::string& HubStore::seal_public_key() const {
  return impl_->keys.seal_public;
}

std::array<unsigned char, 64> HubStore::sign(std::string_view message) const {
  std::array<unsigned char, crypto_sign_BYTES> signature;
  crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(),
                       reinterpret_cast<const unsigned char*>(impl_->keys.sign_secret.data()));
  return signature;
}

std::optional<std::string> HubStore::unseal(std::string_view sealed) const {
  return sync::unseal(sealed, impl_->keys.seal_public, impl_->keys.seal_secret);
}

// --- Import --------------------------------------------------------------------------------------

StoreResult<IngestResult> HubStore::ingest(const IncomingBatch& batch, bool strict) {
  std::lock_guard guard(impl_->mutex);
  constexpr std::string_view action = "add the batch";
  Connection& db = impl_->connection;
  const sync::VerifiedBatch& envelope = batch.envelope;
  const UtcMillis now = impl_->options.now();
  auto transaction = db.begin_write(action);
  if (!transaction) return transaction.error();
  IngestResult result;

  DeviceState state = strict ? DeviceState::pending : DeviceState::trusted;
  {
    auto select = db.prepare("SELECT signing_key, state FROM devices WHERE device_id = ?1", action);
    if (!select) return select.error();
    select->bind_text(1, envelope.device_id);
    auto row = select->step();
    if (!row) return row.error();
    if (row.value()) {
      if (select->blob(0) != envelope.device_key)
        return IngestResult{BatchOutcome::wrong_device_key, 0, {}, {}};
      state = state_from(select->text(1));
    }
  }
  {
    auto upsert = db.prepare(
        "INSERT INTO devices (device_id, signing_key, state, first_seen_at_ms, last_seen_at_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT (device_id) DO UPDATE SET last_seen_at_ms = "
        "excluded.last_seen_at_ms",
        action);
    if (!upsert) return upsert.error();
    upsert->bind_text(1, envelope.device_id)
        .bind_blob(2, envelope.device_key.data(), envelope.device_key.size())
        .bind_text(3, to_string(state))
        .bind_int(4, now);
    if (auto done = upsert->run(); !done) return done.error();
  }
  {
    auto select = db.prepare(
        "SELECT payload_sha256, imported_at_ms FROM batches WHERE device_id = ?1 AND seq = ?2", action);
    if (!select) return select.error();
    select->bind_text(1, envelope.device_id).bind_int(2, envelope.seq);
    auto row = select->step();
    if (!row) return row.error();
    if (row.value()) {
      result.stored_sha256 = select->text(0);
      result.stored_at = select->integer(1);
      result.outcome =
          result.stored_sha256 == envelope.payload_sha256 ? BatchOutcome::duplicate : BatchOutcome::conflict;
    }
  }
  if (result.outcome == BatchOutcome::duplicate) return result;  // rolls back: nothing to keep
  if (result.outcome == BatchOutcome::conflict) {
    auto record = db.prepare(
        "INSERT INTO conflicts (device_id, seq, offered_sha256, stored_sha256, file_name, first_seen_at_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
        "ON CONFLICT (device_id, seq, offered_sha256) DO UPDATE SET times_seen = times_seen + 1",
        action);
    if (!record) return record.error();
    record->bind_text(1, envelope.device_id)
        .bind_int(2, envelope.seq)
        .bind_text(3, envelope.payload_sha256)
        .bind_text(4, result.stored_sha256)
        .bind_text(5, batch.file_name)
        .bind_int(6, now);
    if (auto done = record->run(); !done) return done.error();
  } else {
    result.stored_at = now;
    {
      auto insert = db.prepare(
          "INSERT INTO batches (device_id, seq, batch_id, payload_sha256, sealed, created_at_ms, "
          "imported_at_ms, "
          "file_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
          action);
      if (!insert) return insert.error();
      insert->bind_text(1, envelope.device_id)
          .bind_int(2, envelope.seq)
          .bind_text(3, batch.payload.batch_id)
          .bind_text(4, envelope.payload_sha256)
          .bind_int(5, envelope.sealed ? 1 : 0)
          .bind_int(6, batch.payload.created_at)
          .bind_int(7, now)
          .bind_text(8, batch.file_name);
      if (auto done = insert->run(); !done) return done.error();
    }
    for (const auto& response : batch.payload.responses) {
      {
        auto known = db.prepare("SELECT 1 FROM responses WHERE response_id = ?1", action);
        if (!known) return known.error();
        known->bind_text(1, response.id);
        auto row = known->step();
        if (!row) return row.error();
        if (row.value()) {
          result.duplicate_responses.push_back(response.id);
          continue;
        }
      }
      if (auto added = impl_->insert_response(response, envelope.device_id, envelope.seq); !added) {
        return added.error();
      }
      ++result.responses_added;
    }
    // What the hub published as a rehearsal stays one, whatever the batch says: only responses
    // that neither side calls a rehearsal are counted (schema step 9).
    if (result.responses_added > 0) {
      if (auto marked = db.execute(
              "UPDATE responses SET rehearsal = 1 WHERE device_id = ?1 AND seq = ?2 AND rehearsal = 0 AND "
              "EXISTS (SELECT 1 FROM published_packs p WHERE p.pack_id = responses.pack_id AND "
              "p.version = responses.pack_version AND p.rehearsal = 1)",
              action,
              [&](Statement& update) { update.bind_text(1, envelope.device_id).bind_int(2, envelope.seq); });
          !marked)
        return marked.error();
    }
    // Nothing collected is lost: a response whose pack is closed (or past its closing time) is
    // stored like any other, marked late, and the reports count it apart.
    if (result.responses_added > 0) {
      if (auto marked =
              db.execute("UPDATE responses SET late = 1 WHERE device_id = ?1 AND seq = ?2 AND pack_id IN "
                         "(SELECT pack_id FROM pack_lifecycle WHERE " +
                             std::string(kPackClosedSql) + ")",
                         action,
                         [&](Statement& update) {
                           update.bind_text(1, envelope.device_id).bind_int(2, envelope.seq).bind_int(3, now);
                         });
          !marked)
        return marked.error();
    }
    for (const auto& id : result.duplicate_responses) {
      auto record = db.prepare(
          "INSERT INTO duplicate_responses (response_id, device_id, seq, file_name, seen_at_ms) "
          "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
          action);
      if (!record) return record.error();
      record->bind_text(1, id)
          .bind_text(2, envelope.device_id)
          .bind_int(3, envelope.seq)
          .bind_text(4, batch.file_name)
          .bind_int(5, now);
      if (auto done = record->run(); !done) return done.error();
    }
    result.outcome = state == DeviceState::pending   ? BatchOutcome::quarantined
                     : state == DeviceState::blocked ? BatchOutcome::excluded
                                                     : BatchOutcome::added;
  }
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return result;
}

// --- Devices and figures -------------------------------------------------------------------------

StoreResult<std::vector<DeviceSummary>> HubStore::devices() {
  std::lock_guard guard(impl_->mutex);
  // The responses are counted in one scan of the table, grouped in a sorter: the unary + keeps
  // SQLite from walking the device index and looking up each response's status, which took 0.2 s
  // at 100,000 responses (the console's overview asks every 10 s).
  auto select = impl_->connection.prepare(
      "SELECT d.device_id, d.state, d.first_seen_at_ms, d.last_seen_at_ms, "
      "(SELECT count(*) FROM batches b WHERE b.device_id = d.device_id), "
      "coalesce(c.complete, 0), coalesce(c.abandoned, 0), d.label FROM devices d LEFT JOIN ("
      "SELECT device_id, count(*) FILTER (WHERE status = 'complete') AS complete, "
      "count(*) FILTER (WHERE status = 'abandoned') AS abandoned FROM responses WHERE rehearsal = 0 "
      "GROUP BY +device_id"
      ") c ON c.device_id = d.device_id ORDER BY d.first_seen_at_ms, d.device_id",
      "list the devices");
  if (!select) return select.error();
  return select->collect([](const Statement& row) {
    return DeviceSummary{row.text(0),
                         state_from(row.text(1)),
                         row.integer(2),
                         row.integer(3),
                         static_cast<int>(row.integer(4)),
                         static_cast<int>(row.integer(5)),
                         static_cast<int>(row.integer(6)),
                         row.text(7)};
  });
}

StoreStatus HubStore::set_device_state(const std::string& device_id, DeviceState state) {
  std::lock_guard guard(impl_->mutex);
  constexpr std::string_view action = "change the device's state";
  Connection& db = impl_->connection;
  auto transaction = db.begin_write(action);
  if (!transaction) return transaction.error();
  {
    auto update = db.prepare("UPDATE devices SET state = ?2 WHERE device_id = ?1", action);
    if (!update) return update.error();
    update->bind_text(1, device_id).bind_text(2, to_string(state));
    if (auto done = update->run(); !done) return done.error();
  }
  if (db.changes() == 0) {
    return StoreError{
        ErrorKind::not_found,
        "Could not change the device's state: the hub has never seen device " + device_id + "."};
  }
  return transaction->commit();
}

StoreResult<HubStatus> HubStore::status() {
  std::lock_guard guard(impl_->mutex);
  constexpr std::string_view action = "read the hub's status";
  Connection& db = impl_->connection;
  HubStatus status;
  {
    auto select = db.prepare(
        "SELECT count(*) FILTER (WHERE state IN ('trusted', 'approved')), count(*) FILTER (WHERE state = "
        "'pending'), "
        "count(*) FILTER (WHERE state = 'blocked') FROM devices",
        action);
    if (!select) return select.error();
    auto row = select->step();
    if (!row) return row.error();
    status.devices = static_cast<int>(select->integer(0));
    status.devices_pending = static_cast<int>(select->integer(1));
    status.devices_blocked = static_cast<int>(select->integer(2));
  }
  {
    auto select = db.prepare(
        "SELECT count(*) FILTER (WHERE d.state IN ('trusted', 'approved')), count(*) FILTER (WHERE d.state = "
        "'pending') "
        "FROM batches b JOIN devices d ON d.device_id = b.device_id",
        action);
    if (!select) return select.error();
    auto row = select->step();
    if (!row) return row.error();
    status.batches = static_cast<int>(select->integer(0));
    status.quarantined_batches = static_cast<int>(select->integer(1));
  }
  auto duplicates = impl_->count("SELECT count(*) FROM duplicate_responses", action);
  if (!duplicates) return duplicates.error();
  status.duplicate_responses = static_cast<int>(duplicates.value());
  {
    // counted_responses as a semi-join: the responses scanned once, their devices looked up in
    // a small set, rather than a device search per response (a fifth of the time at 100,000).
    auto select = db.prepare(
        "SELECT pack_id, pack_version, count(*) FILTER (WHERE status = 'complete'), "
        "count(*) FILTER (WHERE status = 'abandoned'), count(*) FILTER (WHERE late = 1) FROM responses "
        "WHERE rehearsal = 0 AND "
        "+device_id IN (SELECT device_id FROM devices WHERE state IN ('trusted', 'approved')) "
        "GROUP BY pack_id, pack_version ORDER BY pack_id, pack_version",
        action);
    if (!select) return select.error();
    auto responses = select->collect([](const Statement& row) {
      return PackCounts{row.text(0), static_cast<int>(row.integer(1)), static_cast<int>(row.integer(2)),
                        static_cast<int>(row.integer(3)), static_cast<int>(row.integer(4))};
    });
    if (!responses) return responses.error();
    status.responses = std::move(responses.value());
  }
  auto select = db.prepare(
      "SELECT device_id, seq, stored_sha256, offered_sha256, file_name, times_seen FROM conflicts "
      "ORDER BY device_id, seq, first_seen_at_ms",
      action);
  if (!select) return select.error();
  auto conflicts = select->collect([](const Statement& row) {
    return Conflict{row.text(0), row.integer(1), row.text(2),
                    row.text(3), row.text(4),    static_cast<int>(row.integer(5))};
  });
  if (!conflicts) return conflicts.error();
  status.conflicts = std::move(conflicts.value());
  return status;
}

StoreResult<std::vector<sync::AckedBatch>> HubStore::held_batches() {
  std::lock_guard guard(impl_->mutex);
  auto select = impl_->connection.prepare(
      "SELECT b.device_id, b.seq, b.payload_sha256 FROM batches b JOIN devices d ON d.device_id = "
      "b.device_id "
      "WHERE d.state <> 'blocked' ORDER BY b.device_id, b.seq",
      "list the batches held");
  if (!select) return select.error();
  return select->collect([](const Statement& row) {
    return sync::AckedBatch{row.text(0), row.integer(1), row.text(2)};
  });
}

StoreResult<Response> HubStore::response(const std::string& response_id) {
  std::lock_guard guard(impl_->mutex);
  return store::sqlite::read_response(impl_->connection, response_id);
}

// --- Published packs ----------------------------------------------------------------------------

StoreResult<bool> HubStore::publish_pack(const PackRef& pack, std::string_view pack_bytes, bool rehearsal) {
  const std::string file = sync::encode_signed_pack(
      pack_bytes, {sign_public_key(), [this](std::string_view message) { return sign(message); }});
  std::lock_guard guard(impl_->mutex);
  constexpr std::string_view action = "publish the pack";
  Connection& db = impl_->connection;
  const std::string digest = sha256_hex(pack_bytes);
  auto transaction = db.begin_write(action);
  if (!transaction) return transaction.error();
  {
    auto select = db.prepare(
        "SELECT sha256, rehearsal FROM published_packs WHERE pack_id = ?1 AND version = ?2", action);
    if (!select) return select.error();
    select->bind_text(1, pack.id).bind_int(2, pack.version);
    auto row = select->step();
    if (!row) return row.error();
    if (row.value()) {
      const bool was_rehearsal = select->integer(1) != 0;
      if (select->text(0) == digest && was_rehearsal == rehearsal) return false;
      if (select->text(0) == digest && was_rehearsal) {
        return StoreError{
            ErrorKind::constraint,
            "Could not publish the pack: " + pack.id + " version " + std::to_string(pack.version) +
                " is published as a rehearsal; go live to publish it for real, which deletes its "
                "rehearsal responses."};
      }
      if (select->text(0) == digest) {
        return StoreError{ErrorKind::constraint,
                          "Could not publish the pack: " + pack.id + " version " +
                              std::to_string(pack.version) +
                              " is published for real; a rehearsal needs a new version."};
      }
      return StoreError{ErrorKind::constraint, "Could not publish the pack: " + pack.id + " version " +
                                                   std::to_string(pack.version) +
                                                   " is published with other content; raise its version."};
    }
  }
  {
    auto insert = db.prepare(
        "INSERT INTO published_packs (pack_id, version, sha256, signed_file, published_at_ms, rehearsal) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        action);
    if (!insert) return insert.error();
    // The signed file is kept whole: what devices fetch is byte-identical every time.
    insert->bind_text(1, pack.id)
        .bind_int(2, pack.version)
        .bind_text(3, digest)
        .bind_text(4, file)
        .bind_int(5, impl_->options.now())
        .bind_int(6, rehearsal ? 1 : 0);
    if (auto done = insert->run(); !done) return done.error();
  }
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return true;
}

StoreResult<std::vector<sync::PublishedPack>> HubStore::published_packs() {
  std::lock_guard guard(impl_->mutex);
  auto select = impl_->connection.prepare(
      "SELECT p.pack_id, p.version, p.sha256, p.published_at_ms, l.state, l.closes_at_ms, l.changed_at_ms, "
      "p.rehearsal FROM published_packs p LEFT JOIN pack_lifecycle l ON l.pack_id = p.pack_id "
      "ORDER BY p.pack_id, p.version",
      "list the published packs");
  if (!select) return select.error();
  const UtcMillis now = impl_->options.now();
  return select->collect([now](const Statement& row) {
    sync::PublishedPack pack{{row.text(0), static_cast<int>(row.integer(1))}, row.text(2), row.integer(3)};
    if (!row.is_null(4)) {
      pack.lifecycle = lifecycle_from(row, 4, now);
      pack.lifecycle_changed_at = row.integer(6);
    }
    pack.lifecycle.rehearsal = row.integer(7) != 0;
    return pack;
  });
}

StoreResult<std::optional<std::string>> HubStore::published_pack_file(const PackRef& pack) {
  std::lock_guard guard(impl_->mutex);
  auto select =
      impl_->connection.prepare("SELECT signed_file FROM published_packs WHERE pack_id = ?1 AND version = ?2",
                                "read the published pack");
  if (!select) return select.error();
  select->bind_text(1, pack.id).bind_int(2, pack.version);
  return select->first([](const Statement& row) { return row.text(0); });
}

// --- Contact opt-ins -----------------------------------------------------------------------------

StoreStatus HubStore::add_contacts(const std::vector<Contact>& contacts) {
  std::lock_guard guard(impl_->mutex);
  constexpr std::string_view action = "keep the contact addresses";
  Connection& db = impl_->connection;
  auto transaction = db.begin_write(action);
  if (!transaction) return transaction.error();
  for (const auto& contact : contacts) {
    auto insert = db.prepare("INSERT OR IGNORE INTO contacts (pack_id, email) VALUES (?1, ?2)", action);
    if (!insert) return insert.error();
    insert->bind_text(1, contact.pack_id).bind_text(2, contact.email);
    if (auto done = insert->run(); !done) return done.error();
  }
  return transaction->commit();
}

StoreResult<std::vector<Contact>> HubStore::contacts() {
  std::lock_guard guard(impl_->mutex);
  return store::sqlite::read_contacts(impl_->connection);
}

// --- Reports -------------------------------------------------------------------------------------

StoreResult<SurveyData> HubStore::survey_data(const std::string& pack_id, bool rehearsal) {
  std::lock_guard guard(impl_->mutex);
  return store::sqlite::read_survey_data(
      impl_->connection, store::sqlite::StoreKind::hub, pack_id,
      rehearsal ? store::sqlite::Counted::rehearsal : store::sqlite::Counted::real);
}

}  // namespace peiling::hub
