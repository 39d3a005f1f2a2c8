#pragma once
// The device database's schema as migration steps (store/sqlite/migrations.hpp). A new schema is a
// new step at the end, and tests/unit/store_migration_test.cpp gains a sample database for the
// version before.
#include <span>

#include "store/sqlite/migrations.hpp"

namespace peiling::store {

std::span<const sqlite::MigrationStep> migration_steps();

int latest_schema_version();

}  // namespace peiling::store
