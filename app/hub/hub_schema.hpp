#pragma once
// The hub database's schema, as ordered migration steps in the device store's manner
// (store/schema.hpp): PRAGMA user_version counts the steps applied; a released step never changes.
#include <span>

#include "store/schema.hpp"

namespace peiling::hub {

std::span<const store::MigrationStep> hub_migration_steps();

}  // namespace peiling::hub
