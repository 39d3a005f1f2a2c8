#pragma once
// The SQLite layer under both stores (the device's and the hub's): one connection with its cached
// prepared statements, write transactions as objects that roll back unless committed, and SQLite
// result codes turned into StoreErrors. Only the stores' own sources include it; nothing above
// them sees sqlite3*.
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "store/store_error.hpp"

namespace peiling::store::sqlite {

// A StoreError for a failed SQLite call. action is what was being done, as a verb phrase
// ("save the answer"); the message reads "Could not save the answer: ...".
StoreError sqlite_error(sqlite3* db, int code, std::string_view action);

// One use of a cached prepared statement. Actions passed in must be string literals.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt, std::string_view action)
      : db_(db), stmt_(stmt), action_(action) {}
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;
  ~Statement();  // resets and clears the bindings, ready for the next use from the cache

  // Parameters are numbered from 1, as in SQL's ?1, ?2.
  Statement& bind_int(int index, std::int64_t value);
  Statement& bind_text(int index, std::string_view text);  // bytes kept verbatim, NULs included
  Statement& bind_blob(int index, const void* data, std::size_t size);
  Statement& bind_null(int index);

  // Steps once: true when a row is ready, false when the statement has finished.
  StoreResult<bool> step();
  // Steps to the end, for statements that return no rows.
  StoreStatus run();
  // Steps to the end, handing each row to on_row(const Statement&).
  template <class OnRow>
  StoreStatus each(OnRow&& on_row);
  // Steps to the end: every row, as read_row(const Statement&) reads it.
  template <class ReadRow>
  auto collect(ReadRow&& read_row)
      -> StoreResult<std::vector<std::invoke_result_t<ReadRow&, const Statement&>>>;
  // Steps once: the row as read_row(const Statement&) reads it, or nullopt when there is none.
  template <class ReadRow>
  auto first(ReadRow&& read_row)
      -> StoreResult<std::optional<std::invoke_result_t<ReadRow&, const Statement&>>>;

  bool is_null(int column) const;
  std::int64_t integer(int column) const;
  std::string text(int column) const;  // byte-exact, NULs included
  // The same bytes without a copy, valid until the next step: for rows read by the million.
  std::string_view text_view(int column) const;
  std::string blob(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::string_view action_;
  int bind_result_ = SQLITE_OK;  // the first failed bind, reported by step()
};

template <class OnRow>
StoreStatus Statement::each(OnRow&& on_row) {
  for (;;) {
    auto row = step();
    if (!row) return row.error();
    if (!row.value()) return Done{};
    on_row(std::as_const(*this));
  }
}

template <class ReadRow>
auto Statement::collect(ReadRow&& read_row)
    -> StoreResult<std::vector<std::invoke_result_t<ReadRow&, const Statement&>>> {
  std::vector<std::invoke_result_t<ReadRow&, const Statement&>> rows;
  if (auto done = each([&](const Statement& row) { rows.push_back(read_row(row)); }); !done)
    return done.error();
  return rows;
}

template <class ReadRow>
auto Statement::first(ReadRow&& read_row)
    -> StoreResult<std::optional<std::invoke_result_t<ReadRow&, const Statement&>>> {
  using Row = std::invoke_result_t<ReadRow&, const Statement&>;
  auto row = step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<Row>();
  return std::optional<Row>(read_row(std::as_const(*this)));
}

class Connection;

// An open write transaction (BEGIN IMMEDIATE). Destroying it without commit() rolls it back.
class WriteTransaction {
 public:
  WriteTransaction(WriteTransaction&& other) noexcept;
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  WriteTransaction& operator=(WriteTransaction&&) = delete;
  ~WriteTransaction();

  // Commits; only when this returns ok is the change durable. On failure the transaction is
  // rolled back, so the database holds none of it.
  StoreStatus commit();

 private:
  friend class Connection;
  WriteTransaction(Connection& connection, std::string_view action)
      : connection_(&connection), action_(action) {}
  void roll_back();

  Connection* connection_;  // null once committed, rolled back or moved from
  std::string_view action_;
};

class Connection {
 public:
  // flags as for sqlite3_open_v2. Extended result codes are on.
  static StoreResult<Connection> open(const std::string& path, int flags, std::string_view action);

  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  sqlite3* handle() const { return db_; }
  StoreError error(int code, std::string_view action) const { return sqlite_error(db_, code, action); }

  // The prepared statement for sql, prepared on first use and kept until the connection closes.
  // sql must be a fixed text; values go in through bind_*.
  StoreResult<Statement> prepare(std::string_view sql, std::string_view action);

  // Prepares sql, lets bind set its values, and runs it to the end: a statement without rows.
  template <typename Bind>
  StoreStatus execute(std::string_view sql, std::string_view action, Bind&& bind);

  // Runs a fixed script of several statements (a schema step, pragmas), preparing each in turn.
  // Not cached: scripts run once.
  StoreStatus run_script(std::string_view sql, std::string_view action);

  // The first column of the first row of a one-off statement, as text (PRAGMA journal_mode etc.).
  StoreResult<std::string> query_text(std::string_view sql, std::string_view action);

  // Takes the write lock now (BEGIN IMMEDIATE), so a busy database fails here, not halfway.
  StoreResult<WriteTransaction> begin_write(std::string_view action);

  // Rows changed by the last INSERT, UPDATE or DELETE.
  std::int64_t changes() const { return sqlite3_changes64(db_); }

  // Finalizes the cached statements and closes the database now (the destructor does the same).
  void close();

 private:
  explicit Connection(sqlite3* db) : db_(db) {}

  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*, std::less<>> statements_;
};

template <typename Bind>
StoreStatus Connection::execute(std::string_view sql, std::string_view action, Bind&& bind) {
  auto statement = prepare(sql, action);
  if (!statement) return statement.error();
  bind(statement.value());
  return statement->run();
}

// Writes a consistent copy of source's main database to target through the SQLite backup API:
// one read transaction covers the whole copy, so writers in other connections cannot tear it.
// The copy is written to target + ".partial" and renamed when complete; target must not exist.
StoreStatus copy_database(sqlite3* source, const std::filesystem::path& target);

}  // namespace peiling::store::sqlite
