#pragma once
// A plain SQLite connection to a database file, for tests that look at what a store left on disk
// from outside the store: no store code in between, and foreign keys off as in any new connection.
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

namespace peiling::test {

class RawDatabase {
 public:
  explicit RawDatabase(const std::filesystem::path& path) { sqlite3_open(path.c_str(), &db_); }
  ~RawDatabase() { sqlite3_close(db_); }
  RawDatabase(const RawDatabase&) = delete;
  RawDatabase& operator=(const RawDatabase&) = delete;

  int exec(const std::string& sql) { return sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr); }
  sqlite3* handle() const { return db_; }

  // Every row of sql, its columns as text joined by spaces ("NULL" for NULL); the error message
  // alone when sql fails.
  std::vector<std::string> rows(const std::string& sql) const {
    sqlite3_stmt* select = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &select, nullptr) != SQLITE_OK) return {sqlite3_errmsg(db_)};
    std::vector<std::string> rows;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(select)) == SQLITE_ROW) {
      std::string row;
      for (int i = 0; i < sqlite3_column_count(select); ++i) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(select, i));
        row += (i ? " " : "") + std::string(text ? text : "NULL");
      }
      rows.push_back(row);
    }
    if (rc != SQLITE_DONE) rows.push_back(sqlite3_errmsg(db_));
    sqlite3_finalize(select);
    return rows;
  }

  // What PRAGMA integrity_check and foreign_key_check find; empty when the database is sound.
  std::vector<std::string> problems() const {
    std::vector<std::string> found = rows("PRAGMA integrity_check");
    if (found == std::vector<std::string>{"ok"}) found.clear();
    for (const auto& row : rows("PRAGMA foreign_key_check")) found.push_back("foreign key: " + row);
    return found;
  }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace peiling::test
