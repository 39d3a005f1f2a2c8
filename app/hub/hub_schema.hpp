#pragma once
// The hub database's schema, as ordered migration steps in the device store's manner
// (store/sqlite/migrations.hpp): PRAGMA user_version counts the steps applied; a released step
// never changes.
#include <span>

#include "store/sqlite/migrations.hpp"

namespace peiling::hub {

std::span<const store::sqlite::MigrationStep> hub_migration_steps();

}  // namespace peiling::hub
