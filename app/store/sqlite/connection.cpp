#include "store/sqlite/connection.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <utility>

namespace peiling::store::sqlite {

namespace {

std::string could_not(std::string_view action) {
  return "Could not " + std::string(action) + ": ";
}

// Flushes a folder's entry list, so a rename into it survives a power cut.
void sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

StoreError sqlite_error(sqlite3* db, int code, std::string_view action) {
  const std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  const std::string start = could_not(action);
  switch (code & 0xff) {
    case SQLITE_FULL:
      return {ErrorKind::full,
              start + "the storage of this device is full, so nothing was saved (" + detail + ")."};
    case SQLITE_READONLY:
      return {ErrorKind::read_only, start + "the database cannot be written (" + detail + ")."};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return {ErrorKind::locked, start + "the database is in use by another program (" + detail + ")."};
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return {ErrorKind::corrupt, start + "the database file is damaged (" + detail + ")."};
    case SQLITE_CONSTRAINT:
      return {ErrorKind::constraint, start + detail + "."};
    case SQLITE_PERM:
      return {ErrorKind::read_only, start + "access was denied (" + detail + ")."};
    case SQLITE_CANTOPEN: {
      const int system_error = db ? sqlite3_system_errno(db) : 0;
      if (system_error == EACCES || system_error == EROFS || system_error == EPERM) {
        return {ErrorKind::read_only, start + "the folder or file cannot be written (" +
                                          std::generic_category().message(system_error) + ")."};
      }
      return {ErrorKind::io, start + "the file cannot be opened (" + detail + ")."};
    }
    default:
      return {ErrorKind::io, start + detail + "."};
  }
}

// --- Statement ---------------------------------------------------------------------------------

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      action_(other.action_),
      bind_result_(other.bind_result_) {}

Statement::~Statement() {
  if (!stmt_) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Statement& Statement::bind_int(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (bind_result_ == SQLITE_OK) bind_result_ = rc;
  return *this;
}

Statement& Statement::bind_text(int index, std::string_view text) {
  const int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (bind_result_ == SQLITE_OK) bind_result_ = rc;
  return *this;
}

Statement& Statement::bind_blob(int index, const void* data, std::size_t size) {
  const int rc = sqlite3_bind_blob64(stmt_, index, data, size, SQLITE_TRANSIENT);
  if (bind_result_ == SQLITE_OK) bind_result_ = rc;
  return *this;
}

Statement& Statement::bind_null(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (bind_result_ == SQLITE_OK) bind_result_ = rc;
  return *this;
}

StoreResult<bool> Statement::step() {
  if (bind_result_ != SQLITE_OK) return sqlite_error(db_, bind_result_, action_);
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return sqlite_error(db_, rc, action_);
}

StoreStatus Statement::run() {
  return each([](const Statement&) {});
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string Statement::text(int column) const {
  return std::string(text_view(column));
}

std::string_view Statement::text_view(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  const int size = sqlite3_column_bytes(stmt_, column);
  return data ? std::string_view(data, static_cast<std::size_t>(size)) : std::string_view();
}

std::string Statement::blob(int column) const {
  const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  const int size = sqlite3_column_bytes(stmt_, column);
  return data ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

// --- WriteTransaction --------------------------------------------------------------------------

WriteTransaction::WriteTransaction(WriteTransaction&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)), action_(other.action_) {}

WriteTransaction::~WriteTransaction() {
  roll_back();
}

void WriteTransaction::roll_back() {
  Connection* connection = std::exchange(connection_, nullptr);
  // SQLite rolls back by itself after some errors (SQLITE_FULL among them); only an open
  // transaction needs a ROLLBACK.
  if (!connection || sqlite3_get_autocommit(connection->handle())) return;
  // A destructor cannot report; a ROLLBACK that fails leaves the transaction open, and the next
  // begin_write() then fails and says so, so the failure is not lost.
  if (auto rollback = connection->prepare("ROLLBACK", "roll back")) static_cast<void>(rollback->run());
}

StoreStatus WriteTransaction::commit() {
  if (!connection_)
    return StoreError{ErrorKind::io, could_not(action_) + "the transaction was already closed."};
  auto commit = connection_->prepare("COMMIT", action_);
  if (!commit) {
    roll_back();
    return commit.error();
  }
  auto done = commit->run();
  if (!done) {
    roll_back();
    return done.error();
  }
  connection_ = nullptr;
  return Done{};
}

// --- Connection --------------------------------------------------------------------------------

StoreResult<Connection> Connection::open(const std::string& path, int flags, std::string_view action) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    StoreError error = sqlite_error(db, rc, action);
    sqlite3_close_v2(db);
    return error;
  }
  sqlite3_extended_result_codes(db, 1);
  return Connection(db);
}

Connection::Connection(Connection&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), statements_(std::move(other.statements_)) {
  other.statements_.clear();
}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    close();
    db_ = std::exchange(other.db_, nullptr);
    statements_ = std::move(other.statements_);
    other.statements_.clear();
  }
  return *this;
}

Connection::~Connection() {
  close();
}

void Connection::close() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  statements_.clear();
  if (db_) sqlite3_close_v2(db_);
  db_ = nullptr;
}

StoreResult<Statement> Connection::prepare(std::string_view sql, std::string_view action) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return error(rc, action);
    found = statements_.emplace(std::string(sql), stmt).first;
  }
  return Statement(db_, found->second, action);
}

StoreStatus Connection::run_script(std::string_view sql, std::string_view action) {
  const char* next = sql.data();
  const char* const end = sql.data() + sql.size();
  while (next < end) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v2(db_, next, static_cast<int>(end - next), &stmt, &tail);
    if (rc != SQLITE_OK) return error(rc, action);
    next = tail;
    if (!stmt) continue;  // whitespace or a comment after the last statement
    int step_rc = SQLITE_ROW;
    while (step_rc == SQLITE_ROW) step_rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (step_rc != SQLITE_DONE) return error(step_rc, action);
  }
  return Done{};
}

StoreResult<std::string> Connection::query_text(std::string_view sql, std::string_view action) {
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  if (rc != SQLITE_OK) return error(rc, action);
  const int step_rc = sqlite3_step(raw);
  std::string value;
  if (step_rc == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(raw, 0));
    if (text) value.assign(text, static_cast<std::size_t>(sqlite3_column_bytes(raw, 0)));
  }
  sqlite3_finalize(raw);
  if (step_rc != SQLITE_ROW && step_rc != SQLITE_DONE) return error(step_rc, action);
  return value;
}

StoreResult<WriteTransaction> Connection::begin_write(std::string_view action) {
  auto begin = prepare("BEGIN IMMEDIATE", action);
  if (!begin) return begin.error();
  auto done = begin->run();
  if (!done) return done.error();
  return WriteTransaction(*this, action);
}

// --- Backup ------------------------------------------------------------------------------------

namespace {

// Copies every page of source into a new database file at path, in one read transaction.
StoreStatus write_copy(sqlite3* source, const std::filesystem::path& path, std::string_view action) {
  auto destination = Connection::open(path.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, action);
  if (!destination) return destination.error();
  sqlite3_backup* backup = sqlite3_backup_init(destination->handle(), "main", source, "main");
  if (!backup) return destination->error(sqlite3_errcode(destination->handle()), action);
  // -1: every page in one step, inside one read transaction on the source.
  const int step_rc = sqlite3_backup_step(backup, -1);
  const int finish_rc = sqlite3_backup_finish(backup);
  if (step_rc != SQLITE_DONE) return sqlite_error(source, step_rc, action);
  if (finish_rc != SQLITE_OK) return destination->error(finish_rc, action);
  // The pages carry the source's WAL flag; a backup is one self-contained file.
  auto journal = destination->query_text("PRAGMA journal_mode=DELETE", action);
  if (!journal) return journal.error();
  return Done{};
}

}  // namespace

StoreStatus copy_database(sqlite3* source, const std::filesystem::path& target) {
  constexpr std::string_view action = "write the backup";
  std::error_code ec;
  if (std::filesystem::exists(target, ec)) {
    return StoreError{ErrorKind::io,
                      could_not(action) + target.string() +
                          " already exists; choose a new file name so no earlier backup is lost."};
  }
  // A leftover .partial is an interrupted copy of ours, never a finished backup.
  const std::filesystem::path partial = target.string() + ".partial";
  std::filesystem::remove(partial, ec);
  if (auto written = write_copy(source, partial, action); !written) {
    std::filesystem::remove(partial, ec);
    return written.error();
  }
  std::filesystem::rename(partial, target, ec);
  if (ec) {
    const std::string reason = ec.message();
    std::filesystem::remove(partial, ec);
    return StoreError{ErrorKind::io, could_not(action) + reason + " (" + target.string() + ")."};
  }
  sync_directory(target.parent_path());
  return Done{};
}

}  // namespace peiling::store::sqlite
