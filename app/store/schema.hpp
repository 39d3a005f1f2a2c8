#pragma once
// The database schema as one ordered list of forward-only migration steps. PRAGMA user_version
// holds the number of steps applied. A released step never changes: a new schema is a new step at
// the end, and tests/unit/store_migration_test.cpp gains a sample database for the version before.
#include <span>
#include <string_view>

namespace peiling::store {

struct MigrationStep {
  int version;               // user_version once this step has run
  std::string_view purpose;  // why the step exists, for the reader and for error messages
  std::string_view sql;      // a fixed script of DDL and data moves; no parameters
};

std::span<const MigrationStep> migration_steps();

int latest_schema_version();

}  // namespace peiling::store
