#pragma once
// A database schema as one ordered list of forward-only migration steps. PRAGMA user_version holds
// the number of steps applied. A released step never changes: a new schema is a new step at the
// end (tests/unit/store_schema_test.cpp pins what each step makes). Both stores keep their schema
// this way (store/schema.hpp, the hub's schema).
#include <span>
#include <string_view>

#include "store/sqlite/connection.hpp"

namespace peiling::store::sqlite {

struct MigrationStep {
  int version;               // user_version once this step has run
  std::string_view purpose;  // why the step exists, for the reader and for error messages
  std::string_view sql;      // a fixed script of DDL and data moves; no parameters
};

// Runs the steps after from_version in order, each in its own transaction that also stamps
// PRAGMA user_version, so an interrupted upgrade resumes at the step it did not finish.
StoreStatus apply_migrations(Connection& connection, std::span<const MigrationStep> steps, int from_version);

}  // namespace peiling::store::sqlite
