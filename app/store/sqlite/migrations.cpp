#include "store/sqlite/migrations.hpp"

#include <string>

namespace peiling::store::sqlite {

StoreStatus apply_migrations(Connection& connection, std::span<const MigrationStep> steps, int from_version) {
  constexpr std::string_view action = "upgrade the database schema";
  for (const MigrationStep& step : steps) {
    if (step.version <= from_version) continue;
    auto transaction = connection.begin_write(action);
    if (!transaction) return transaction.error();
    if (auto applied = connection.run_script(step.sql, action); !applied) return applied.error();
    if (auto stamped = connection.run_script("PRAGMA user_version=" + std::to_string(step.version), action);
        !stamped) {
      return stamped.error();
    }
    if (auto committed = transaction->commit(); !committed) return committed.error();
  }
  return Done{};
}

}  // namespace peiling::store::sqlite
