#include "store/device_store.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <functional>
#include <mutex>
#include <set>
#include <system_error>
#include <utility>

#include "core/codec.hpp"
#include "store/data_dir_lock.hpp"
#include "store/schema.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/response_rows.hpp"
#include "store/sqlite/survey_rows.hpp"

namespace peiling::store {

using sqlite::Connection;
using sqlite::Statement;

std::string_view to_string(WarningKind kind) {
  return kind == WarningKind::disk_full ? "disk_full" : "corrupt_moved_aside";
}

namespace {

std::string could_not(std::string_view action) {
  return "Could not " + std::string(action) + ": ";
}

StoreError problem(ErrorKind kind, std::string_view action, const std::string& reason) {
  return {kind, could_not(action) + reason};
}

StoreStatus start_sodium() {
  if (sodium_init() < 0)
    return StoreError{ErrorKind::io, "Could not open the store: libsodium failed to start."};
  return Done{};
}

bool has_duplicates(const std::vector<std::string>& ids) {
  return std::set<std::string>(ids.begin(), ids.end()).size() != ids.size();
}

// A row of (pack_id, version).
PackRef read_pack_ref(const Statement& row) {
  return {row.text(0), static_cast<int>(row.integer(1))};
}

// --- Opening -------------------------------------------------------------------------------------

constexpr std::string_view kOpenAction = "open the database";

StoreStatus ensure_data_dir(const std::filesystem::path& data_dir) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (!ec && std::filesystem::is_directory(data_dir, ec)) return Done{};
  if (!ec) ec = std::make_error_code(std::errc::not_a_directory);
  const bool denied = ec == std::errc::permission_denied || ec == std::errc::read_only_file_system ||
                      ec == std::errc::operation_not_permitted;
  return StoreError{denied ? ErrorKind::read_only : ErrorKind::io,
                    "Could not open the data folder " + data_dir.string() + ": " + ec.message() + "."};
}

StoreResult<Connection> open_database_file(const std::filesystem::path& path, const StoreOptions& options) {
  auto connection = Connection::open(path.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, kOpenAction);
  if (!connection) return connection.error();
  sqlite3* db = connection->handle();
  // SQLite opens a file it may not write read-only without a word; a kiosk must not find out at
  // the first answer.
  if (sqlite3_db_readonly(db, "main") == 1) {
    return StoreError{ErrorKind::read_only, could_not(kOpenAction) + path.string() + " cannot be written."};
  }
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  // Until the start-up checks pass, closing must not checkpoint: a refused or damaged database
  // is left exactly as it was found.
  sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  return connection;
}

// A file that does not start with SQLite's header is damaged whatever else it holds. Checking
// before SQLite opens it keeps SQLite from touching it (or rebuilding a -shm beside it) at all.
std::optional<std::string> foreign_header(const std::filesystem::path& db_path) {
  constexpr char kMagic[] = "SQLite format 3";  // 16 bytes with its NUL
  std::ifstream in(db_path, std::ios::binary);
  if (!in) return std::nullopt;  // no file yet; an unreadable one is SQLite's to report
  char header[sizeof kMagic] = {};
  in.read(header, sizeof header);
  if (in.gcount() == 0) return std::nullopt;  // empty: SQLite starts a new database in it
  if (in.gcount() < std::streamsize(sizeof header) || std::memcmp(header, kMagic, sizeof kMagic) != 0) {
    return "the file does not start with the SQLite header";
  }
  return std::nullopt;
}

struct Probe {
  std::optional<std::string> damage;  // what quick_check (or SQLite) found wrong
  int schema_version = 0;
};

StoreResult<Probe> probe_database(Connection& connection) {
  constexpr std::string_view action = "check the database";
  Probe probe;
  auto check = connection.prepare("PRAGMA quick_check", action);
  if (!check && check.error().kind != ErrorKind::corrupt) return check.error();
  if (!check) return Probe{check.error().message, 0};
  auto findings = check->collect([](const Statement& row) { return row.text(0); });
  if (!findings && findings.error().kind == ErrorKind::corrupt) return Probe{findings.error().message, 0};
  if (!findings) return findings.error();
  if (findings.value() != std::vector<std::string>{"ok"}) {
    std::string joined;
    for (std::size_t i = 0; i < findings->size() && i < 3; ++i)
      joined += (i ? "; " : "") + findings.value()[i];
    return Probe{"quick_check: " + joined, 0};
  }
  auto version = connection.query_text("PRAGMA user_version", action);
  if (!version) return version.error();
  probe.schema_version = std::stoi(version.value());
  return probe;
}

// Renames peiling.db and its companions to peiling.db.corrupt-<time>[-n]; never deletes.
StoreResult<std::filesystem::path> move_aside(const std::filesystem::path& db_path, UtcMillis now) {
  constexpr std::array<std::string_view, 3> kCompanions{"-wal", "-shm", "-journal"};
  const std::string base = db_path.string() + ".corrupt-" + format_compact_utc(now);
  std::string target = base;
  std::error_code ec;
  for (int n = 2; std::filesystem::exists(target, ec) || std::filesystem::exists(target + "-wal", ec); ++n) {
    target = base + "-" + std::to_string(n);
  }
  std::filesystem::rename(db_path, target, ec);
  if (ec) {
    return StoreError{ErrorKind::io, "Could not move the damaged database " + db_path.string() + " aside: " +
                                         ec.message() + ". It was left in place; nothing was deleted."};
  }
  for (const auto suffix : kCompanions) {
    const std::string companion = db_path.string() + std::string(suffix);
    if (!std::filesystem::exists(companion, ec)) continue;
    std::filesystem::rename(companion, target + std::string(suffix), ec);
    if (ec) {
      return StoreError{ErrorKind::io,
                        "Could not move " + companion + " aside: " + ec.message() + ". Nothing was deleted."};
    }
  }
  return std::filesystem::path(target);
}

StoreStatus configure(Connection& connection, const StoreOptions& options, bool on_disk) {
  auto journal = connection.query_text("PRAGMA journal_mode=WAL", kOpenAction);
  if (!journal) return journal.error();
  if (on_disk && journal.value() != "wal") {
    return StoreError{ErrorKind::io, could_not(kOpenAction) +
                                         "the file system does not support SQLite's WAL mode (got " +
                                         journal.value() + ")."};
  }
  if (auto pragmas = connection.run_script("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", kOpenAction);
      !pragmas) {
    return pragmas.error();
  }
  if (options.max_page_count) {
    // A PRAGMA takes no parameters; the value is our own integer, not outside text.
    auto cap = connection.query_text("PRAGMA max_page_count=" + std::to_string(*options.max_page_count),
                                     kOpenAction);
    if (!cap) return cap.error();
  }
  return Done{};
}

struct DeviceIdentity {
  std::string id;
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> public_key{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret_key{};
};

StoreResult<DeviceIdentity> load_or_create_device(Connection& connection, UtcMillis now) {
  constexpr std::string_view action = "read the device identity";
  {
    auto select = connection.prepare(
        "SELECT device_id, signing_public_key, signing_secret_key FROM device WHERE singleton = 1", action);
    if (!select) return select.error();
    auto stored = select->first([](const Statement& row) {
      DeviceIdentity device;
      device.id = row.text(0);
      const std::string public_key = row.blob(1);
      std::string secret_key = row.blob(2);
      std::copy(public_key.begin(), public_key.end(), device.public_key.begin());
      std::copy(secret_key.begin(), secret_key.end(), device.secret_key.begin());
      sodium_memzero(secret_key.data(), secret_key.size());
      return device;
    });
    if (!stored) return stored.error();
    if (stored.value()) return std::move(*stored.value());
  }
  DeviceIdentity device;
  device.id = random_uuid_v4();
  crypto_sign_keypair(device.public_key.data(), device.secret_key.data());
  auto transaction = connection.begin_write("create the device identity");
  if (!transaction) return transaction.error();
  {
    auto insert = connection.prepare(
        "INSERT INTO device (singleton, device_id, created_at_ms, signing_public_key, signing_secret_key) "
        "VALUES (1, ?1, ?2, ?3, ?4)",
        "create the device identity");
    if (!insert) return insert.error();
    insert->bind_text(1, device.id)
        .bind_int(2, now)
        .bind_blob(3, device.public_key.data(), device.public_key.size())
        .bind_blob(4, device.secret_key.data(), device.secret_key.size());
    if (auto done = insert->run(); !done) return done.error();
  }
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return device;
}

}  // namespace

// --- Impl ----------------------------------------------------------------------------------------

struct DeviceStore::Impl {
  // Binds an operation's own parameters onto its statement.
  using Binder = std::function<void(Statement&)>;

  Impl(StoreOptions store_options, std::optional<DataDirLock> folder_lock, Connection db,
       DeviceIdentity identity)
      : options(std::move(store_options)),
        lock(std::move(folder_lock)),
        connection(std::move(db)),
        device(std::move(identity)) {}
  ~Impl() { sodium_memzero(device.secret_key.data(), device.secret_key.size()); }

  // Runs one operation under the mutex; a full disk also becomes a warning for the admin screen.
  template <class Operation>
  auto guarded(Operation operation) {
    std::lock_guard guard(mutex);
    auto result = operation();
    if (!result && result.error().kind == ErrorKind::full) note_disk_full(result.error().message);
    return result;
  }

  void note_disk_full(const std::string& message) {
    const bool already = std::any_of(session_warnings.begin(), session_warnings.end(),
                                     [](const Warning& w) { return w.kind == WarningKind::disk_full; });
    if (!already) session_warnings.push_back({WarningKind::disk_full, message, options.now()});
  }

  StoreStatus add_warning(WarningKind kind, const std::string& message);
  StoreError not_in_progress(const std::string& response_id, std::string_view action);
  StoreStatus require_in_progress(const std::string& response_id, std::string_view action);
  StoreResult<int> upsert_returning_revision(std::string_view sql, std::string_view action,
                                             const std::string& response_id, const Binder& bind);
  StoreStatus update_in_progress(std::string_view sql, std::string_view action,
                                 const std::string& response_id, const std::optional<std::string>& text);
  StoreResult<Response> load_response(const std::string& response_id);
  // Runs a bound query whose first column is a response id, then loads each response it names.
  StoreResult<std::vector<Response>> load_responses(Statement& select_ids);
  StoreResult<std::int64_t> single_integer(std::string_view sql, std::string_view action);
  StoreStatus write_one(std::string_view sql, std::string_view action, const Binder& bind);

  StoreOptions options;
  std::optional<DataDirLock> lock;  // none for an in-memory store
  Connection connection;
  DeviceIdentity device;
  std::vector<Warning> session_warnings;
  std::mutex mutex;
};

StoreStatus DeviceStore::Impl::add_warning(WarningKind kind, const std::string& message) {
  constexpr std::string_view action = "record a warning";
  auto transaction = connection.begin_write(action);
  if (!transaction) return transaction.error();
  {
    auto insert =
        connection.prepare("INSERT INTO warnings (kind, message, at_ms) VALUES (?1, ?2, ?3)", action);
    if (!insert) return insert.error();
    insert->bind_text(1, to_string(kind)).bind_text(2, message).bind_int(3, options.now());
    if (auto done = insert->run(); !done) return done.error();
  }
  return transaction->commit();
}

StoreError DeviceStore::Impl::not_in_progress(const std::string& response_id, std::string_view action) {
  auto select = connection.prepare("SELECT status FROM responses WHERE response_id = ?1", action);
  if (!select) return select.error();
  select->bind_text(1, response_id);
  auto status = select->first([](const Statement& row) { return row.text(0); });
  if (!status) return status.error();
  if (!status.value())
    return problem(ErrorKind::not_found, action, "there is no response " + response_id + ".");
  return problem(
      ErrorKind::constraint, action,
      "response " + response_id + " is " + *status.value() + "; only a response in progress can change.");
}

StoreStatus DeviceStore::Impl::require_in_progress(const std::string& response_id, std::string_view action) {
  auto select =
      connection.prepare("SELECT status = 'in_progress' FROM responses WHERE response_id = ?1", action);
  if (!select) return select.error();
  select->bind_text(1, response_id);
  auto open = select->first([](const Statement& row) { return row.integer(0) == 1; });
  if (!open) return open.error();
  if (open.value() == true) return Done{};
  return not_in_progress(response_id, action);
}

// One upsert in its own transaction; its RETURNING row exists only for a response in progress.
// ?1 is the response id; bind sets the rest.
StoreResult<int> DeviceStore::Impl::upsert_returning_revision(std::string_view sql, std::string_view action,
                                                              const std::string& response_id,
                                                              const Binder& bind) {
  auto transaction = connection.begin_write(action);
  if (!transaction) return transaction.error();
  int revision = 0;
  {
    auto upsert = connection.prepare(sql, action);
    if (!upsert) return upsert.error();
    upsert->bind_text(1, response_id);
    bind(upsert.value());
    auto returned = upsert->first([](const Statement& row) { return static_cast<int>(row.integer(0)); });
    if (!returned) return returned.error();
    if (!returned.value()) return not_in_progress(response_id, action);
    revision = *returned.value();
  }  // the statement is reset here; COMMIT needs no statement running
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return revision;
}

StoreStatus DeviceStore::Impl::update_in_progress(std::string_view sql, std::string_view action,
                                                  const std::string& response_id,
                                                  const std::optional<std::string>& text) {
  auto transaction = connection.begin_write(action);
  if (!transaction) return transaction.error();
  {
    auto update = connection.prepare(sql, action);
    if (!update) return update.error();
    update->bind_text(1, response_id);
    if (text) {
      update->bind_text(2, *text);
    } else {
      update->bind_null(2);
    }
    if (auto done = update->run(); !done) return done.error();
  }
  if (connection.changes() == 0) return not_in_progress(response_id, action);
  return transaction->commit();
}

StoreResult<std::int64_t> DeviceStore::Impl::single_integer(std::string_view sql, std::string_view action) {
  auto select = connection.prepare(sql, action);
  if (!select) return select.error();
  auto value = select->first([](const Statement& row) { return row.integer(0); });  // NULL reads as 0
  if (!value) return value.error();
  return value->value_or(0);
}

// A one-statement write in its own transaction.
StoreStatus DeviceStore::Impl::write_one(std::string_view sql, std::string_view action, const Binder& bind) {
  auto transaction = connection.begin_write(action);
  if (!transaction) return transaction.error();
  {
    auto statement = connection.prepare(sql, action);
    if (!statement) return statement.error();
    bind(statement.value());
    if (auto done = statement->run(); !done) return done.error();
  }
  return transaction->commit();
}

StoreResult<std::vector<Response>> DeviceStore::Impl::load_responses(Statement& select_ids) {
  auto ids = select_ids.collect([](const Statement& row) { return row.text(0); });
  if (!ids) return ids.error();
  std::vector<Response> responses;
  for (const auto& id : ids.value()) {
    auto loaded = load_response(id);
    if (!loaded) return loaded.error();
    responses.push_back(std::move(loaded.value()));
  }
  return responses;
}

StoreResult<Response> DeviceStore::Impl::load_response(const std::string& response_id) {
  return sqlite::read_response(connection, response_id);
}

// --- Opening -------------------------------------------------------------------------------------

DeviceStore::DeviceStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DeviceStore::DeviceStore(DeviceStore&&) noexcept = default;
DeviceStore& DeviceStore::operator=(DeviceStore&&) noexcept = default;
DeviceStore::~DeviceStore() = default;

StoreResult<DeviceStore> DeviceStore::open(const std::filesystem::path& data_dir, StoreOptions options) {
  if (auto sodium = start_sodium(); !sodium) return sodium.error();
  if (auto folder = ensure_data_dir(data_dir); !folder) return folder.error();
  auto lock = DataDirLock::acquire(data_dir);
  if (!lock) return lock.error();

  const auto db_path = data_dir / kDatabaseFileName;
  std::optional<std::string> damage = foreign_header(db_path);
  std::optional<Connection> connection;
  Probe probe;
  if (!damage) {
    auto opened = open_database_file(db_path, options);
    if (!opened) return opened.error();
    auto probed = probe_database(opened.value());
    if (!probed) return probed.error();
    connection.emplace(std::move(opened.value()));
    probe = probed.value();
    damage = probe.damage;
  }
  std::optional<std::string> moved_aside;
  if (damage) {
    connection.reset();  // closes without a checkpoint: the damaged file is moved as it was found
    auto moved = move_aside(db_path, options.now());
    if (!moved) return moved.error();
    moved_aside = db_path.filename().string() + " in " + data_dir.string() + " failed its start-up check (" +
                  *damage + "). It was moved aside as " + moved->filename().string() +
                  " and a new database was started; nothing was deleted.";
    auto opened = open_database_file(db_path, options);
    if (!opened) return opened.error();
    connection.emplace(std::move(opened.value()));
    probe = Probe{};
  }
  if (probe.schema_version > latest_schema_version()) {
    return StoreError{ErrorKind::newer_schema,
                      db_path.filename().string() + " in " + data_dir.string() +
                          " was written by a newer Peiling " + "(schema " +
                          std::to_string(probe.schema_version) + "; this one knows up to " +
                          std::to_string(latest_schema_version()) +
                          "). It was left untouched: update Peiling, or start with another --data-dir."};
  }
  if (auto configured = configure(*connection, options, true); !configured) return configured.error();
  // From here on the database is ours: closing may checkpoint and tidy the WAL again.
  sqlite3_db_config(connection->handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
  if (auto migrated = sqlite::apply_migrations(*connection, migration_steps(), probe.schema_version);
      !migrated)
    return migrated.error();
  auto device = load_or_create_device(*connection, options.now());
  if (!device) return device.error();

  auto impl = std::make_unique<Impl>(std::move(options), std::move(lock.value()), std::move(*connection),
                                     std::move(device.value()));
  if (moved_aside) {
    if (auto noted = impl->add_warning(WarningKind::corrupt_moved_aside, *moved_aside); !noted)
      return noted.error();
  }
  return DeviceStore(std::move(impl));
}

StoreResult<DeviceStore> DeviceStore::open_in_memory(StoreOptions options) {
  if (auto sodium = start_sodium(); !sodium) return sodium.error();
  auto connection = Connection::open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, kOpenAction);
  if (!connection) return connection.error();
  if (auto configured = configure(connection.value(), options, false); !configured) return configured.error();
  if (auto migrated = sqlite::apply_migrations(connection.value(), migration_steps(), 0); !migrated)
    return migrated.error();
  auto device = load_or_create_device(connection.value(), options.now());
  if (!device) return device.error();
  return DeviceStore(std::make_unique<Impl>(std::move(options), std::nullopt, std::move(connection.value()),
                                            std::move(device.value())));
}

// --- The device ----------------------------------------------------------------------------------

const std::string& DeviceStore::device_id() const {
  return impl_->device.id;
}

const std::array<unsigned char, 32>& DeviceStore::signing_public_key() const {
  return impl_->device.public_key;
}

UtcMillis DeviceStore::now() const {
  return impl_->options.now();
}

std::array<unsigned char, 64> DeviceStore::sign(std::string_view message) const {
  std::array<unsigned char, crypto_sign_BYTES> signature;
  crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), impl_->device.secret_key.data());
  return signature;
}

// --- Packs ---------------------------------------------------------------------------------------

StoreResult<std::string> DeviceStore::remember_pack(const PackRef& pack, std::string_view json) {
  return impl_->guarded([&]() -> StoreResult<std::string> {
    constexpr std::string_view action = "remember the pack";
    Connection& db = impl_->connection;
    const std::string digest = sha256_hex(json);
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    {
      auto insert = db.prepare(
          "INSERT INTO packs (pack_id, version, sha256, json, first_seen_at_ms) VALUES (?1, ?2, ?3, ?4, ?5) "
          "ON CONFLICT (pack_id, version) DO NOTHING",
          action);
      if (!insert) return insert.error();
      insert->bind_text(1, pack.id)
          .bind_int(2, pack.version)
          .bind_text(3, digest)
          .bind_text(4, json)
          .bind_int(5, impl_->options.now());
      if (auto done = insert->run(); !done) return done.error();
    }
    if (db.changes() == 0) {
      auto select = db.prepare("SELECT sha256 FROM packs WHERE pack_id = ?1 AND version = ?2", action);
      if (!select) return select.error();
      select->bind_text(1, pack.id).bind_int(2, pack.version);
      auto stored = select->first([](const Statement& row) { return row.text(0); });
      if (!stored) return stored.error();
      if (stored.value() && *stored.value() != digest) {
        return problem(
            ErrorKind::constraint, action,
            "pack " + pack.id + " version " + std::to_string(pack.version) +
                " is already on this device with different content; give the new content a new version.");
      }
    }
    if (auto committed = transaction->commit(); !committed) return committed.error();
    return digest;
  });
}

StoreResult<StoredPack> DeviceStore::pack(const PackRef& pack) {
  return impl_->guarded([&]() -> StoreResult<StoredPack> {
    constexpr std::string_view action = "read the pack";
    auto select = impl_->connection.prepare(
        "SELECT sha256, json FROM packs WHERE pack_id = ?1 AND version = ?2", action);
    if (!select) return select.error();
    select->bind_text(1, pack.id).bind_int(2, pack.version);
    auto stored = select->first([&](const Statement& row) {
      return StoredPack{pack, row.text(0), row.text(1)};
    });
    if (!stored) return stored.error();
    if (!stored.value()) {
      return problem(
          ErrorKind::not_found, action,
          "pack " + pack.id + " version " + std::to_string(pack.version) + " is not on this device.");
    }
    return std::move(*stored.value());
  });
}

StoreStatus DeviceStore::set_active_pack(const PackRef& pack) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "choose the active pack";
    Connection& db = impl_->connection;
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    {
      auto upsert = db.prepare(
          "INSERT INTO active_pack (singleton, pack_id, version) "
          "SELECT 1, pack_id, version FROM packs WHERE pack_id = ?1 AND version = ?2 "
          "ON CONFLICT (singleton) DO UPDATE SET pack_id = excluded.pack_id, version = excluded.version",
          action);
      if (!upsert) return upsert.error();
      upsert->bind_text(1, pack.id).bind_int(2, pack.version);
      if (auto done = upsert->run(); !done) return done.error();
    }
    if (db.changes() == 0) {
      return problem(
          ErrorKind::not_found, action,
          "pack " + pack.id + " version " + std::to_string(pack.version) + " is not on this device.");
    }
    return transaction->commit();
  });
}

StoreResult<std::optional<PackRef>> DeviceStore::active_pack() {
  return impl_->guarded([&]() -> StoreResult<std::optional<PackRef>> {
    auto select = impl_->connection.prepare("SELECT pack_id, version FROM active_pack WHERE singleton = 1",
                                            "read the active pack");
    if (!select) return select.error();
    return select->first(read_pack_ref);
  });
}

StoreResult<std::vector<PackRef>> DeviceStore::packs() {
  return impl_->guarded([&]() -> StoreResult<std::vector<PackRef>> {
    auto select = impl_->connection.prepare("SELECT pack_id, version FROM packs ORDER BY pack_id, version",
                                            "list the packs");
    if (!select) return select.error();
    return select->collect(read_pack_ref);
  });
}

// --- Responses -----------------------------------------------------------------------------------

StoreResult<std::string> DeviceStore::begin_response(const NewResponse& response) {
  return impl_->guarded([&]() -> StoreResult<std::string> {
    constexpr std::string_view action = "start the response";
    if (response.language.empty()) return problem(ErrorKind::constraint, action, "the language is empty.");
    if (has_duplicates(response.points_shown)) {
      return problem(ErrorKind::constraint, action, "a point appears twice in the order shown.");
    }
    Connection& db = impl_->connection;
    const std::string id = random_uuid_v4();
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    {
      auto insert = db.prepare(
          "INSERT INTO responses (response_id, pack_id, pack_version, language, role, mode, started_at_ms) "
          "SELECT ?1, pack_id, version, ?3, ?4, ?5, ?6 FROM packs WHERE pack_id = ?2 AND version = ?7",
          action);
      if (!insert) return insert.error();
      insert->bind_text(1, id)
          .bind_text(2, response.pack.id)
          .bind_text(3, response.language)
          .bind_text(5, to_string(response.mode))
          .bind_int(6, impl_->options.now())
          .bind_int(7, response.pack.version);
      if (response.role) {
        insert->bind_text(4, *response.role);
      } else {
        insert->bind_null(4);
      }
      if (auto done = insert->run(); !done) return done.error();
    }
    if (db.changes() == 0) {
      return problem(ErrorKind::not_found, action,
                     "pack " + response.pack.id + " version " + std::to_string(response.pack.version) +
                         " is not on this device; remember it first.");
    }
    for (std::size_t position = 0; position < response.points_shown.size(); ++position) {
      auto insert = db.prepare(
          "INSERT INTO response_points (response_id, position, point_id) VALUES (?1, ?2, ?3)", action);
      if (!insert) return insert.error();
      insert->bind_text(1, id)
          .bind_int(2, static_cast<std::int64_t>(position))
          .bind_text(3, response.points_shown[position]);
      if (auto done = insert->run(); !done) return done.error();
    }
    if (auto committed = transaction->commit(); !committed) return committed.error();
    return id;
  });
}

StoreStatus DeviceStore::set_role(const std::string& response_id, const std::optional<std::string>& role) {
  return impl_->guarded([&] {
    return impl_->update_in_progress(
        "UPDATE responses SET role = ?2 WHERE response_id = ?1 AND status = 'in_progress'", "set the role",
        response_id, role);
  });
}

StoreStatus DeviceStore::set_language(const std::string& response_id, const std::string& language) {
  return impl_->guarded([&]() -> StoreStatus {
    if (language.empty()) return problem(ErrorKind::constraint, "set the language", "the language is empty.");
    return impl_->update_in_progress(
        "UPDATE responses SET language = ?2 WHERE response_id = ?1 AND status = 'in_progress'",
        "set the language", response_id, language);
  });
}

StoreResult<int> DeviceStore::record_answer(const std::string& response_id, const std::string& item_id,
                                            const std::string& scale_id, Rating rating) {
  return impl_->guarded([&]() -> StoreResult<int> {
    constexpr std::string_view action = "save the answer";
    if (!rating.is_skip() && rating.value() < 1) {
      return problem(ErrorKind::constraint, action, "a rating is 1 or more (or a skip).");
    }
    return impl_->upsert_returning_revision(
        "INSERT INTO answers (response_id, item_id, scale_id, value, revision, answered_at_ms) "
        "SELECT response_id, ?2, ?3, ?5, 1, ?4 FROM responses WHERE response_id = ?1 AND status = "
        "'in_progress' "
        "ON CONFLICT (response_id, item_id, scale_id) DO UPDATE SET value = excluded.value, "
        "revision = revision + 1, answered_at_ms = excluded.answered_at_ms "
        "RETURNING revision",
        action, response_id, [&](Statement& upsert) {
          upsert.bind_text(2, item_id).bind_text(3, scale_id).bind_int(4, impl_->options.now());
          if (rating.is_skip()) {
            upsert.bind_null(5);
          } else {
            upsert.bind_int(5, rating.value());
          }
        });
  });
}

StoreStatus DeviceStore::set_comment(const std::string& response_id, const std::string& item_id,
                                     std::string_view text) {
  return impl_->guarded([&]() -> StoreStatus {
    auto revision = impl_->upsert_returning_revision(
        "INSERT INTO comments (response_id, item_id, text, revision, written_at_ms) "
        "SELECT response_id, ?2, ?3, 1, ?4 FROM responses WHERE response_id = ?1 AND status = 'in_progress' "
        "ON CONFLICT (response_id, item_id) DO UPDATE SET text = excluded.text, revision = revision + 1, "
        "written_at_ms = excluded.written_at_ms "
        "RETURNING revision",
        "save the comment", response_id, [&](Statement& upsert) {
          upsert.bind_text(2, item_id).bind_text(3, text).bind_int(4, impl_->options.now());
        });
    if (!revision) return revision.error();
    return Done{};
  });
}

StoreStatus DeviceStore::record_open_answer(const std::string& response_id, const std::string& question_id,
                                            std::string_view text) {
  return impl_->guarded([&]() -> StoreStatus {
    auto revision = impl_->upsert_returning_revision(
        "INSERT INTO open_answers (response_id, question_id, text, revision, answered_at_ms) "
        "SELECT response_id, ?2, ?3, 1, ?4 FROM responses WHERE response_id = ?1 AND status = 'in_progress' "
        "ON CONFLICT (response_id, question_id) DO UPDATE SET text = excluded.text, revision = revision + 1, "
        "answered_at_ms = excluded.answered_at_ms "
        "RETURNING revision",
        "save the open answer", response_id, [&](Statement& upsert) {
          upsert.bind_text(2, question_id).bind_text(3, text).bind_int(4, impl_->options.now());
        });
    if (!revision) return revision.error();
    return Done{};
  });
}

StoreStatus DeviceStore::set_top_choices(const std::string& response_id,
                                         const std::vector<std::string>& point_ids) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "save the top choices";
    if (has_duplicates(point_ids)) return problem(ErrorKind::constraint, action, "a point is chosen twice.");
    Connection& db = impl_->connection;
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    if (auto open = impl_->require_in_progress(response_id, action); !open) return open.error();
    {
      auto clear = db.prepare("DELETE FROM top_choices WHERE response_id = ?1", action);
      if (!clear) return clear.error();
      clear->bind_text(1, response_id);
      if (auto done = clear->run(); !done) return done.error();
    }
    for (std::size_t rank = 0; rank < point_ids.size(); ++rank) {
      auto insert =
          db.prepare("INSERT INTO top_choices (response_id, rank, point_id) VALUES (?1, ?2, ?3)", action);
      if (!insert) return insert.error();
      insert->bind_text(1, response_id)
          .bind_int(2, static_cast<std::int64_t>(rank + 1))
          .bind_text(3, point_ids[rank]);
      if (auto done = insert->run(); !done) return done.error();
    }
    return transaction->commit();
  });
}

StoreStatus DeviceStore::set_choices(const std::string& response_id, const std::string& question_id,
                                     const std::vector<std::string>& options,
                                     const std::vector<std::string>& hidden_questions) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "save the choice";
    if (has_duplicates(options)) return problem(ErrorKind::constraint, action, "an option is chosen twice.");
    Connection& db = impl_->connection;
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    if (auto open = impl_->require_in_progress(response_id, action); !open) return open.error();
    const auto clear = [&](std::string_view sql, const std::string& question) -> StoreStatus {
      auto statement = db.prepare(sql, action);
      if (!statement) return statement.error();
      statement->bind_text(1, response_id).bind_text(2, question);
      return statement->run();
    };
    if (auto done = clear("DELETE FROM choices WHERE response_id = ?1 AND question_id = ?2", question_id);
        !done)
      return done.error();
    for (const auto& option : options) {
      auto insert = db.prepare(
          "INSERT INTO choices (response_id, question_id, option_id, answered_at_ms) VALUES (?1, ?2, ?3, ?4)",
          action);
      if (!insert) return insert.error();
      insert->bind_text(1, response_id)
          .bind_text(2, question_id)
          .bind_text(3, option)
          .bind_int(4, impl_->options.now());
      if (auto done = insert->run(); !done) return done.error();
    }
    // The text of "other" exists only while "other" is chosen.
    if (std::find(options.begin(), options.end(), "other") == options.end()) {
      if (auto done =
              clear("DELETE FROM open_answers WHERE response_id = ?1 AND question_id = ?2", question_id);
          !done)
        return done.error();
    }
    for (const auto& hidden : hidden_questions) {
      if (auto done = clear("DELETE FROM choices WHERE response_id = ?1 AND question_id = ?2", hidden); !done)
        return done.error();
      if (auto done = clear("DELETE FROM open_answers WHERE response_id = ?1 AND question_id = ?2", hidden);
          !done)
        return done.error();
    }
    return transaction->commit();
  });
}

StoreStatus DeviceStore::complete_response(const std::string& response_id) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "complete the response";
    Connection& db = impl_->connection;
    const UtcMillis now = impl_->options.now();
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    {
      auto finish = db.prepare(
          "UPDATE responses SET status = 'complete', ended_at_ms = ?2 "
          "WHERE response_id = ?1 AND status = 'in_progress'",
          action);
      if (!finish) return finish.error();
      finish->bind_text(1, response_id).bind_int(2, now);
      if (auto done = finish->run(); !done) return done.error();
    }
    if (db.changes() == 0) return impl_->not_in_progress(response_id, action);
    {
      auto tally = db.prepare(
          "INSERT INTO point_tallies (pack_id, point_id, times_shown, times_rated) "
          "SELECT r.pack_id, p.point_id, 1, EXISTS (SELECT 1 FROM answers a WHERE a.response_id = "
          "p.response_id "
          "AND a.item_id = p.point_id AND a.value IS NOT NULL) "
          "FROM response_points p JOIN responses r ON r.response_id = p.response_id WHERE p.response_id = ?1 "
          "ON CONFLICT (pack_id, point_id) DO UPDATE SET times_shown = times_shown + excluded.times_shown, "
          "times_rated = times_rated + excluded.times_rated",
          action);
      if (!tally) return tally.error();
      tally->bind_text(1, response_id);
      if (auto done = tally->run(); !done) return done.error();
    }
    {
      auto queue = db.prepare("INSERT INTO outbox (response_id, queued_at_ms) VALUES (?1, ?2)", action);
      if (!queue) return queue.error();
      queue->bind_text(1, response_id).bind_int(2, now);
      if (auto done = queue->run(); !done) return done.error();
    }
    return transaction->commit();
  });
}

StoreStatus DeviceStore::abandon_response(const std::string& response_id) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "abandon the response";
    Connection& db = impl_->connection;
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    {
      auto update = db.prepare(
          "UPDATE responses SET status = 'abandoned', ended_at_ms = ?2 "
          "WHERE response_id = ?1 AND status = 'in_progress'",
          action);
      if (!update) return update.error();
      update->bind_text(1, response_id).bind_int(2, impl_->options.now());
      if (auto done = update->run(); !done) return done.error();
    }
    if (db.changes() == 0) return impl_->not_in_progress(response_id, action);
    return transaction->commit();
  });
}

StoreStatus DeviceStore::discard_response(const std::string& response_id) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "discard the response";
    Connection& db = impl_->connection;
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    {
      auto remove =
          db.prepare("DELETE FROM responses WHERE response_id = ?1 AND status <> 'complete'", action);
      if (!remove) return remove.error();
      remove->bind_text(1, response_id);
      if (auto done = remove->run(); !done) return done.error();
    }
    if (db.changes() == 0) {
      auto exists = db.prepare("SELECT 1 FROM responses WHERE response_id = ?1", action);
      if (!exists) return exists.error();
      exists->bind_text(1, response_id);
      auto found = exists->first([](const Statement&) { return true; });
      if (!found) return found.error();
      if (!found.value())
        return problem(ErrorKind::not_found, action, "there is no response " + response_id + ".");
      return problem(ErrorKind::constraint, action,
                     "response " + response_id + " is complete; completed responses are kept.");
    }
    return transaction->commit();
  });
}

StoreResult<int> DeviceStore::abandon_interrupted(std::optional<UtcMillis> keep_drafts_active_since) {
  return impl_->guarded([&]() -> StoreResult<int> {
    constexpr std::string_view action = "close interrupted responses";
    Connection& db = impl_->connection;
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    {
      // The end is the last thing the respondent did, not the moment the device came back.
      const std::string last_activity(sqlite::kLastActivitySql);
      auto update =
          db.prepare("UPDATE responses AS r SET status = 'abandoned', ended_at_ms = " + last_activity +
                         " WHERE status = 'in_progress' AND NOT (mode = 'tablet' AND ?1 IS NOT NULL AND " +
                         last_activity + " >= ?1)",
                     action);
      if (!update) return update.error();
      if (keep_drafts_active_since) {
        update->bind_int(1, *keep_drafts_active_since);
      } else {
        update->bind_null(1);
      }
      if (auto done = update->run(); !done) return done.error();
    }
    const auto closed = static_cast<int>(db.changes());
    if (auto committed = transaction->commit(); !committed) return committed.error();
    return closed;
  });
}

StoreResult<std::optional<std::string>> DeviceStore::latest_draft(const PackRef& pack) {
  return impl_->guarded([&]() -> StoreResult<std::optional<std::string>> {
    auto select = impl_->connection.prepare(
        "SELECT response_id FROM responses r WHERE status = 'in_progress' AND mode = 'tablet' AND pack_id = "
        "?1 "
        "AND pack_version = ?2 ORDER BY " +
            std::string(sqlite::kLastActivitySql) + " DESC, response_id LIMIT 1",
        "find the draft");
    if (!select) return select.error();
    select->bind_text(1, pack.id).bind_int(2, pack.version);
    return select->first([](const Statement& row) { return row.text(0); });
  });
}

StoreStatus DeviceStore::add_contact(const Contact& contact) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "save the contact address";
    const auto at = contact.email.find('@');
    if (at == std::string::npos || at == 0 || at + 1 == contact.email.size() || contact.email.size() > 254 ||
        contact.email.find_first_of(" \t\r\n") != std::string::npos) {
      return problem(ErrorKind::constraint, action, "'" + contact.email + "' is not an e-mail address.");
    }
    return impl_->write_one(
        "INSERT OR IGNORE INTO contacts (contact_id, pack_id, email) VALUES (?1, ?2, ?3)", action,
        [&](Statement& insert) {
          insert.bind_text(1, random_uuid_v4()).bind_text(2, contact.pack_id).bind_text(3, contact.email);
        });
  });
}

StoreResult<std::vector<Contact>> DeviceStore::contacts() {
  return impl_->guarded([&] { return sqlite::read_contacts(impl_->connection); });
}

StoreResult<std::vector<std::string>> DeviceStore::in_progress_responses() {
  return impl_->guarded([&]() -> StoreResult<std::vector<std::string>> {
    auto select = impl_->connection.prepare(
        "SELECT response_id FROM responses WHERE status = 'in_progress' ORDER BY started_at_ms, response_id",
        "list the responses in progress");
    if (!select) return select.error();
    return select->collect([](const Statement& row) { return row.text(0); });
  });
}

StoreResult<Response> DeviceStore::response(const std::string& response_id) {
  return impl_->guarded([&] { return impl_->load_response(response_id); });
}

// --- Figures -------------------------------------------------------------------------------------

StoreResult<SurveyData> DeviceStore::survey_data(const std::string& pack_id) {
  return impl_->guarded(
      [&] { return sqlite::read_survey_data(impl_->connection, sqlite::StoreKind::device, pack_id); });
}

StoreResult<std::map<std::string, PointTally>> DeviceStore::point_tallies(const std::string& pack_id) {
  return impl_->guarded([&]() -> StoreResult<std::map<std::string, PointTally>> {
    auto select = impl_->connection.prepare(
        "SELECT point_id, times_shown, times_rated FROM point_tallies WHERE pack_id = ?1",
        "read the point tallies");
    if (!select) return select.error();
    select->bind_text(1, pack_id);
    std::map<std::string, PointTally> tallies;
    if (auto done = select->each([&](const Statement& row) {
          tallies[row.text(0)] = {static_cast<int>(row.integer(1)), static_cast<int>(row.integer(2))};
        });
        !done)
      return done.error();
    return tallies;
  });
}

StoreResult<ResponseCounts> DeviceStore::counts() {
  return impl_->guarded([&]() -> StoreResult<ResponseCounts> {
    constexpr std::string_view action = "count the responses";
    ResponseCounts counts;
    {
      auto select = impl_->connection.prepare(
          "SELECT count(*) FILTER (WHERE status = 'in_progress'), count(*) FILTER (WHERE status = "
          "'complete'), "
          "count(*) FILTER (WHERE status = 'abandoned') "
          "FROM responses",
          action);
      if (!select) return select.error();
      auto by_status = select->first([](const Statement& row) {
        return ResponseCounts{static_cast<int>(row.integer(0)), static_cast<int>(row.integer(1)),
                              static_cast<int>(row.integer(2))};
      });
      if (!by_status) return by_status.error();
      counts = by_status->value_or(ResponseCounts{});
    }
    auto unsynced = impl_->single_integer("SELECT count(*) FROM outbox WHERE synced_at_ms IS NULL", action);
    if (!unsynced) return unsynced.error();
    counts.unsynced = static_cast<int>(unsynced.value());
    return counts;
  });
}

// --- Batches -------------------------------------------------------------------------------------

StoreResult<std::vector<Response>> DeviceStore::unbatched_responses(int limit, bool include_abandoned) {
  return impl_->guarded([&]() -> StoreResult<std::vector<Response>> {
    auto select = impl_->connection.prepare(
        "SELECT response_id FROM unbatched_responses WHERE status = 'complete' OR ?2 "
        "ORDER BY ended_at_ms, response_id LIMIT ?1",
        "list the responses for the next batch");
    if (!select) return select.error();
    select->bind_int(1, limit).bind_int(2, include_abandoned ? 1 : 0);
    return impl_->load_responses(select.value());
  });
}

StoreResult<std::int64_t> DeviceStore::next_batch_seq() {
  return impl_->guarded([&] {
    return impl_->single_integer("SELECT coalesce(max(seq), 0) + 1 FROM batches", "number the next batch");
  });
}

StoreStatus DeviceStore::record_batch(const NewBatch& batch) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "record the batch";
    if (batch.response_ids.empty())
      return problem(ErrorKind::constraint, action, "a batch needs a response.");
    if (has_duplicates(batch.response_ids)) {
      return problem(ErrorKind::constraint, action, "a response appears twice in the batch.");
    }
    Connection& db = impl_->connection;
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    auto next = impl_->single_integer("SELECT coalesce(max(seq), 0) + 1 FROM batches", action);
    if (!next) return next.error();
    if (batch.seq != next.value()) {
      return problem(ErrorKind::constraint, action,
                     "its number " + std::to_string(batch.seq) + " is not the next one (" +
                         std::to_string(next.value()) + "); another batch was formed meanwhile.");
    }
    {
      auto insert = db.prepare(
          "INSERT INTO batches (seq, batch_id, created_at_ms, response_count, payload_sha256, file) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
          action);
      if (!insert) return insert.error();
      insert->bind_int(1, batch.seq)
          .bind_text(2, batch.batch_id)
          .bind_int(3, batch.created_at)
          .bind_int(4, static_cast<std::int64_t>(batch.response_ids.size()))
          .bind_text(5, batch.payload_sha256)
          .bind_blob(6, batch.file.data(), batch.file.size());
      if (auto done = insert->run(); !done) return done.error();
    }
    for (const auto& id : batch.response_ids) {
      {
        auto insert = db.prepare(
            "INSERT INTO batch_responses (response_id, seq) SELECT response_id, ?2 FROM unbatched_responses "
            "WHERE response_id = ?1",
            action);
        if (!insert) return insert.error();
        insert->bind_text(1, id).bind_int(2, batch.seq);
        if (auto done = insert->run(); !done) return done.error();
      }
      if (db.changes() == 0) {
        return problem(ErrorKind::constraint, action,
                       "response " + id + " is already in a batch, not finished, or not on this device.");
      }
    }
    return transaction->commit();
  });
}

StoreResult<std::vector<BatchInfo>> DeviceStore::undelivered_batches() {
  return impl_->guarded([&]() -> StoreResult<std::vector<BatchInfo>> {
    auto select = impl_->connection.prepare(
        "SELECT seq, batch_id, created_at_ms, response_count, payload_sha256, exported_at_ms FROM batches "
        "WHERE delivered_at_ms IS NULL ORDER BY seq",
        "list the batches");
    if (!select) return select.error();
    return select->collect([](const Statement& row) {
      BatchInfo batch;
      batch.seq = row.integer(0);
      batch.batch_id = row.text(1);
      batch.created_at = row.integer(2);
      batch.response_count = static_cast<int>(row.integer(3));
      batch.payload_sha256 = row.text(4);
      if (!row.is_null(5)) batch.exported_at = row.integer(5);
      return batch;
    });
  });
}

StoreResult<std::string> DeviceStore::batch_file(std::int64_t seq) {
  return impl_->guarded([&]() -> StoreResult<std::string> {
    constexpr std::string_view action = "read the batch file";
    auto select =
        impl_->connection.prepare("SELECT file FROM batches WHERE seq = ?1 AND file IS NOT NULL", action);
    if (!select) return select.error();
    select->bind_int(1, seq);
    auto file = select->first([](const Statement& row) { return row.blob(0); });
    if (!file) return file.error();
    if (!file.value()) {
      return problem(ErrorKind::not_found, action,
                     "batch " + std::to_string(seq) + " is not kept on this device.");
    }
    return std::move(*file.value());
  });
}

StoreStatus DeviceStore::mark_exported(const std::vector<std::int64_t>& seqs) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "note the export";
    Connection& db = impl_->connection;
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    for (const auto seq : seqs) {
      auto update = db.prepare(
          "UPDATE batches SET exported_at_ms = coalesce(exported_at_ms, ?2) WHERE seq = ?1", action);
      if (!update) return update.error();
      update->bind_int(1, seq).bind_int(2, impl_->options.now());
      if (auto done = update->run(); !done) return done.error();
    }
    return transaction->commit();
  });
}

StoreResult<int> DeviceStore::mark_delivered(const std::vector<Delivery>& deliveries) {
  return impl_->guarded([&]() -> StoreResult<int> {
    constexpr std::string_view action = "note the hub's acknowledgement";
    Connection& db = impl_->connection;
    const UtcMillis now = impl_->options.now();
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    int delivered = 0;
    for (const auto& delivery : deliveries) {
      {
        auto update = db.prepare(
            "UPDATE batches SET delivered_at_ms = ?3 "
            "WHERE seq = ?1 AND payload_sha256 = ?2 AND delivered_at_ms IS NULL",
            action);
        if (!update) return update.error();
        update->bind_int(1, delivery.seq).bind_text(2, delivery.payload_sha256).bind_int(3, now);
        if (auto done = update->run(); !done) return done.error();
      }
      if (db.changes() == 0) continue;
      ++delivered;
      // The complete responses in it count as synced, as the outbox has always said.
      auto synced = db.prepare(
          "UPDATE outbox SET synced_at_ms = coalesce(synced_at_ms, ?2) "
          "WHERE response_id IN (SELECT response_id FROM batch_responses WHERE seq = ?1)",
          action);
      if (!synced) return synced.error();
      synced->bind_int(1, delivery.seq).bind_int(2, now);
      if (auto done = synced->run(); !done) return done.error();
    }
    if (auto committed = transaction->commit(); !committed) return committed.error();
    return delivered;
  });
}

StoreResult<int> DeviceStore::delete_delivered_batches(UtcMillis delivered_before) {
  return impl_->guarded([&]() -> StoreResult<int> {
    constexpr std::string_view action = "delete delivered batches";
    Connection& db = impl_->connection;
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    {
      auto update = db.prepare(
          "UPDATE batches SET file = NULL WHERE delivered_at_ms < ?1 AND file IS NOT NULL", action);
      if (!update) return update.error();
      update->bind_int(1, delivered_before);
      if (auto done = update->run(); !done) return done.error();
    }
    const auto deleted = static_cast<int>(db.changes());
    if (auto committed = transaction->commit(); !committed) return committed.error();
    return deleted;
  });
}

StoreResult<SyncCounts> DeviceStore::sync_counts(bool include_abandoned) {
  return impl_->guarded([&]() -> StoreResult<SyncCounts> {
    constexpr std::string_view action = "count the responses on their way to the hub";
    auto select = impl_->connection.prepare(
        "SELECT (SELECT count(*) FROM unbatched_responses WHERE status = 'complete' OR ?1), "
        "count(*) FILTER (WHERE b.exported_at_ms IS NULL AND b.delivered_at_ms IS NULL), "
        "count(*) FILTER (WHERE b.exported_at_ms IS NOT NULL AND b.delivered_at_ms IS NULL), "
        "count(*) FILTER (WHERE b.delivered_at_ms IS NOT NULL) "
        "FROM batch_responses m JOIN batches b ON b.seq = m.seq",
        action);
    if (!select) return select.error();
    select->bind_int(1, include_abandoned ? 1 : 0);
    auto counts = select->first([](const Statement& row) {
      return SyncCounts{static_cast<int>(row.integer(0)), static_cast<int>(row.integer(1)),
                        static_cast<int>(row.integer(2)), static_cast<int>(row.integer(3))};
    });
    if (!counts) return counts.error();
    return counts->value_or(SyncCounts{});
  });
}

StoreResult<SyncSettings> DeviceStore::sync_settings() {
  return impl_->guarded([&]() -> StoreResult<SyncSettings> {
    auto select = impl_->connection.prepare(
        "SELECT hub_sign_key, keep_delivered_days, hub_url, hub_token, last_attempt_at_ms, "
        "last_attempt_result, "
        "last_success_at_ms FROM sync_settings WHERE singleton = 1",
        "read the sync settings");
    if (!select) return select.error();
    auto stored = select->first([](const Statement& row) {
      SyncSettings settings;
      if (!row.is_null(0)) settings.pinned_hub_sign_key = row.blob(0);
      settings.keep_delivered_days = static_cast<int>(row.integer(1));
      if (!row.is_null(2)) settings.hub_url = row.text(2);
      if (!row.is_null(3)) settings.hub_token = row.text(3);
      if (!row.is_null(4)) settings.last_attempt_at = row.integer(4);
      if (!row.is_null(5)) settings.last_attempt_result = row.text(5);
      if (!row.is_null(6)) settings.last_success_at = row.integer(6);
      return settings;
    });
    if (!stored) return stored.error();
    return stored->value_or(SyncSettings{});
  });
}

StoreStatus DeviceStore::set_pinned_hub_sign_key(const std::optional<std::string>& key) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "pin the hub key";
    if (key && key->size() != 32) return problem(ErrorKind::constraint, action, "a hub key is 32 bytes.");
    return impl_->write_one("UPDATE sync_settings SET hub_sign_key = ?1 WHERE singleton = 1", action,
                            [&](Statement& update) {
                              if (key) {
                                update.bind_blob(1, key->data(), key->size());
                              } else {
                                update.bind_null(1);
                              }
                            });
  });
}

StoreStatus DeviceStore::set_keep_delivered_days(int days) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "set how long delivered batches are kept";
    if (days < 0) return problem(ErrorKind::constraint, action, "the number of days is 0 or more.");
    return impl_->write_one("UPDATE sync_settings SET keep_delivered_days = ?1 WHERE singleton = 1", action,
                            [&](Statement& update) { update.bind_int(1, days); });
  });
}

StoreStatus DeviceStore::set_hub_endpoint(const std::optional<std::string>& url,
                                          const std::optional<std::string>& token) {
  return impl_->guarded([&]() -> StoreStatus {
    return impl_->write_one("UPDATE sync_settings SET hub_url = ?1, hub_token = ?2 WHERE singleton = 1",
                            "set the hub address", [&](Statement& update) {
                              if (url) update.bind_text(1, *url);
                              if (token) update.bind_text(2, *token);
                            });
  });
}

StoreStatus DeviceStore::record_sync_attempt(UtcMillis at, const std::string& result, bool success) {
  return impl_->guarded([&]() -> StoreStatus {
    return impl_->write_one(
        "UPDATE sync_settings SET last_attempt_at_ms = ?1, last_attempt_result = ?2, "
        "last_success_at_ms = CASE WHEN ?3 THEN ?1 ELSE last_success_at_ms END WHERE singleton = 1",
        "record the sync attempt",
        [&](Statement& update) { update.bind_int(1, at).bind_text(2, result).bind_int(3, success ? 1 : 0); });
  });
}

// --- Admin ---------------------------------------------------------------------------------------

StoreResult<KioskSettings> DeviceStore::kiosk_settings() {
  return impl_->guarded([&]() -> StoreResult<KioskSettings> {
    auto select = impl_->connection.prepare(
        "SELECT scale_percent, own_keyboard, default_language FROM kiosk_settings WHERE singleton = 1",
        "read the kiosk settings");
    if (!select) return select.error();
    auto stored = select->first([](const Statement& row) {
      KioskSettings settings;
      if (!row.is_null(0)) settings.scale_percent = static_cast<int>(row.integer(0));
      settings.own_keyboard = row.integer(1) != 0;
      if (!row.is_null(2)) settings.default_language = row.text(2);
      return settings;
    });
    if (!stored) return stored.error();
    return stored->value_or(KioskSettings{});
  });
}

StoreStatus DeviceStore::set_kiosk_settings(const KioskSettings& settings) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "save the kiosk settings";
    if (settings.scale_percent && (*settings.scale_percent < 50 || *settings.scale_percent > 400)) {
      return problem(ErrorKind::constraint, action, "the scale is 50 to 400 %.");
    }
    return impl_->write_one(
        "UPDATE kiosk_settings SET scale_percent = ?1, own_keyboard = ?2, default_language = ?3 WHERE "
        "singleton = 1",
        action, [&](Statement& update) {
          if (settings.scale_percent) {
            update.bind_int(1, *settings.scale_percent);
          } else {
            update.bind_null(1);
          }
          update.bind_int(2, settings.own_keyboard ? 1 : 0);
          if (settings.default_language) {
            update.bind_text(3, *settings.default_language);
          } else {
            update.bind_null(3);
          }
        });
  });
}

StoreResult<std::optional<std::string>> DeviceStore::admin_pin_hash() {
  return impl_->guarded([&]() -> StoreResult<std::optional<std::string>> {
    auto select =
        impl_->connection.prepare("SELECT pin_hash FROM admin WHERE singleton = 1", "read the admin PIN");
    if (!select) return select.error();
    auto hash = select->first(
        [](const Statement& row) { return row.is_null(0) ? std::nullopt : std::optional(row.text(0)); });
    if (!hash) return hash.error();
    return hash->value_or(std::nullopt);
  });
}

StoreStatus DeviceStore::set_admin_pin_hash(const std::string& pin_hash) {
  return impl_->guarded([&] {
    return impl_->write_one("UPDATE admin SET pin_hash = ?1 WHERE singleton = 1", "set the admin PIN",
                            [&](Statement& update) { update.bind_text(1, pin_hash); });
  });
}

StoreResult<int> DeviceStore::increment_pin_failures() {
  return impl_->guarded([&]() -> StoreResult<int> {
    constexpr std::string_view action = "count the PIN attempt";
    Connection& db = impl_->connection;
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    int failures = 0;
    {
      auto update = db.prepare(
          "UPDATE admin SET pin_failures = pin_failures + 1 WHERE singleton = 1 RETURNING pin_failures",
          action);
      if (!update) return update.error();
      auto returned = update->first([](const Statement& row) { return static_cast<int>(row.integer(0)); });
      if (!returned) return returned.error();
      failures = returned->value_or(0);
    }
    if (auto committed = transaction->commit(); !committed) return committed.error();
    return failures;
  });
}

StoreStatus DeviceStore::reset_pin_failures() {
  return impl_->guarded([&] {
    return impl_->write_one("UPDATE admin SET pin_failures = 0 WHERE singleton = 1", "reset the PIN failures",
                            [](Statement&) {});
  });
}

StoreResult<std::optional<UtcMillis>> DeviceStore::lockout_until() {
  return impl_->guarded([&]() -> StoreResult<std::optional<UtcMillis>> {
    auto select = impl_->connection.prepare("SELECT lockout_until_ms FROM admin WHERE singleton = 1",
                                            "read the lockout");
    if (!select) return select.error();
    auto until = select->first(
        [](const Statement& row) { return row.is_null(0) ? std::nullopt : std::optional(row.integer(0)); });
    if (!until) return until.error();
    return until->value_or(std::nullopt);
  });
}

StoreStatus DeviceStore::set_lockout_until(std::optional<UtcMillis> until) {
  return impl_->guarded([&] {
    return impl_->write_one("UPDATE admin SET lockout_until_ms = ?1 WHERE singleton = 1", "set the lockout",
                            [&](Statement& update) {
                              if (until) {
                                update.bind_int(1, *until);
                              } else {
                                update.bind_null(1);
                              }
                            });
  });
}

StoreResult<std::vector<Warning>> DeviceStore::warnings() {
  return impl_->guarded([&]() -> StoreResult<std::vector<Warning>> {
    auto select = impl_->connection.prepare(
        "SELECT kind, message, at_ms FROM warnings WHERE dismissed = 0 ORDER BY warning_id",
        "read the warnings");
    if (!select) return select.error();
    auto stored = select->collect([](const Statement& row) {
      const WarningKind kind = row.text(0) == to_string(WarningKind::disk_full)
                                   ? WarningKind::disk_full
                                   : WarningKind::corrupt_moved_aside;
      return Warning{kind, row.text(1), row.integer(2)};
    });
    if (!stored) return stored.error();
    std::vector<Warning> warnings = std::move(stored.value());
    warnings.insert(warnings.end(), impl_->session_warnings.begin(), impl_->session_warnings.end());
    std::stable_sort(warnings.begin(), warnings.end(),
                     [](const Warning& a, const Warning& b) { return a.at < b.at; });
    return warnings;
  });
}

StoreStatus DeviceStore::dismiss_warnings() {
  return impl_->guarded([&]() -> StoreStatus {
    auto dismissed = impl_->write_one("UPDATE warnings SET dismissed = 1 WHERE dismissed = 0",
                                      "dismiss the warnings", [](Statement&) {});
    if (!dismissed) return dismissed.error();
    impl_->session_warnings.clear();
    return Done{};
  });
}

StoreStatus backup_data_dir(const std::filesystem::path& data_dir, const std::filesystem::path& target) {
  const auto db_path = data_dir / kDatabaseFileName;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(db_path, ec)) {
    return StoreError{ErrorKind::not_found, "Could not write the backup: there is no Peiling database in " +
                                                data_dir.string() + "."};
  }
  // Read-only, without the folder lock: a running kiosk keeps writing while SQLite gives this
  // connection one consistent snapshot.
  auto source = Connection::open(db_path.string(), SQLITE_OPEN_READONLY, "open the database for the backup");
  if (!source) return source.error();
  sqlite3_busy_timeout(source->handle(), kDefaultBusyTimeoutMs);
  return sqlite::copy_database(source->handle(), target);
}

}  // namespace peiling::store
