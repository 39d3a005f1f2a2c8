// Opening the device store and its start-up checks: a damaged database moved aside, a newer one
// refused; and the backup of a data folder another process may be writing.
#include <cstring>
#include <fstream>
#include <system_error>
#include <utility>

#include "core/codec.hpp"
#include "store/device_store_impl.hpp"
#include "store/schema.hpp"
#include "store/sqlite/migrations.hpp"

namespace peiling::store {

namespace {

// --- Opening -------------------------------------------------------------------------------------

StoreStatus start_sodium() {
  if (sodium_init() < 0)
    return StoreError{ErrorKind::io, "Could not open the store: libsodium failed to start."};
  return Done{};
}

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

// --- Backup --------------------------------------------------------------------------------------

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
