// The two stores' schemas: the tables both keep (store/sqlite/response_tables.hpp) have the same
// columns in both, so one row reader serves both; and a released migration step never changes the
// schema it makes, since databases that ran it will not run it again.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/codec.hpp"
#include "hub/hub_schema.hpp"
#include "hub/hub_store.hpp"
#include "store/schema.hpp"
#include "store/sqlite/migrations.hpp"
#include "store_test_support.hpp"
#include "support/raw_database.hpp"

namespace peiling::store::test {
namespace {

// Each column of the table as "cid name type notnull default pk"; empty when there is no such table.
std::vector<std::string> table_info(const std::filesystem::path& database, const std::string& table) {
  return peiling::test::RawDatabase(database).rows("PRAGMA table_info(" + table + ")");
}

TEST(SharedTables, HaveTheSameColumnsInTheDeviceStoreAndTheHubStore) {
  const std::filesystem::path dir = test_dir();
  const std::filesystem::path hub_path = dir / "hub.db";
  {
    auto device = DeviceStore::open(dir / "device");
    ASSERT_TRUE(Ok(device));
    auto hub = hub::HubStore::create(hub_path);
    ASSERT_TRUE(Ok(hub));
  }
  for (const char* table :
       {"response_points", "answers", "comments", "open_answers", "top_choices", "choices", "missed_shown"}) {
    const auto device_columns = table_info(dir / "device" / kDatabaseFileName, table);
    EXPECT_FALSE(device_columns.empty()) << table;
    EXPECT_EQ(device_columns, table_info(hub_path, table)) << table;
  }
}

// The SHA-256 of sqlite_master after each step, one per step: a new step adds its own.
std::vector<std::string> schema_after_each(std::span<const sqlite::MigrationStep> steps) {
  auto connection = sqlite::Connection::open(":memory:", SQLITE_OPEN_READWRITE, "open");
  EXPECT_TRUE(Ok(connection));
  std::vector<std::string> hashes;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    EXPECT_TRUE(Ok(sqlite::apply_migrations(connection.value(), steps.subspan(i, 1), 0)));
    auto select = connection->prepare(
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name", "read");
    EXPECT_TRUE(Ok(select));
    auto rows = select->collect([](const sqlite::Statement& row) {
      return row.text(0) + "|" + row.text(1) + "|" + row.text(2) + "|" + row.text(3) + "\n";
    });
    EXPECT_TRUE(Ok(rows));
    std::string dump;
    for (const auto& row : rows.value()) dump += row;
    hashes.push_back(sha256_hex(dump));
  }
  return hashes;
}

TEST(ReleasedMigrationSteps, MakeTheSchemaTheyAlwaysMadeOnTheDevice) {
  EXPECT_EQ(schema_after_each(migration_steps()),
            (std::vector<std::string>{
                "3465275225527e407e28149aa53a99da9149226380c46b7e1eb735fbcf6c6ca9",
                "ff585082ab52ec8758269956c6cdb2963bd394567026045f9deef5d99b6bb050",
                "4c3e2ee4b05fc3fbbf4bb725cf3fe6476cfeba83ee24c9e09cd467364d46b158",
                "365fbda798bbe592f40150e360532e54ad0b3202334cbe4d540040dcfdda9baf",
                "c3a5b387e2b16628d6d15af02cc9cecb724694f978b5a79742f323c18ac4fbf9",
                "be50d4a9496f04804e9974dc4524161f151580769ab207ce7dfdc76edea4dc45",
                "35859f1e5cd2e17c0df69ab1f950e5f636f446dcefecdb8aab84526889f95140",
                "168752ad8b61767681efe65fbb7ebd91e9c3ee4eeaddcc93f4b5d4e84292b354",
                "845da6b555dcc0385c575ae7dfc98bedac51d4d24c7d4f8601f644529df9cbb2",  // 9: pack lifecycle
            }));
}

TEST(ReleasedMigrationSteps, MakeTheSchemaTheyAlwaysMadeOnTheHub) {
  EXPECT_EQ(schema_after_each(hub::hub_migration_steps()),
            (std::vector<std::string>{
                "ae191a3c8a0401cfb37d41596b879161cf79fc3e061d5cfa36901699e6b0718f",
                "907e33f949debe0177ebc21f3c547566c1febf5b5331c118f497d0956acf3579",
                "b1f57b52da90ff9fe38296b4ce0f4745b52bf77e0305384931a25b36ac676e2d",
                "e63fcfdfc1a6f3842198ee4b0665d166c075fd90d23ea93da10740e89b2dd92b",
                "318fa787bff52eec7e4e47e89d8568dfffcad4f7e23236331b6966b5e9da030b",
                "37d223a7e427bcc921e316f53d6ddc8a0592723b5e6d7bc4f7f3b067bba785c7",  // 6: the plenary
                "a8e4f7f5c372b175426d74de206e1731cf923474731036139e119054f88d22fb",  // 7: moderation
                "1e96fba6c31883e22ec011fe031cc62a3a51649f68386ca5134586ea65dcd45e",  // 8: pack lifecycle
                "2c8e2618c25603b182105a90cd478d2f3783f3478276de43cbd8a3eb836e93be",  // 9: rehearsal
            }));
}

}  // namespace
}  // namespace peiling::store::test
