// Makes the hub of report_hub.hpp for the report tests.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/pack.hpp"
#include "report_hub.hpp"
#include "store/device_store.hpp"
#include "support/process.hpp"
#include "support/respondents.hpp"

namespace peiling::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

TEST(ReportHub, TwoHundredRespondentsExportedAndImported) {
  const fs::path dir = scratch_dir("report-hub");
  ASSERT_EQ(dir, report_hub_dir()) << "the folder the report tests read";
  const std::string hub_db = (dir / "hub.db").string();
  ASSERT_EQ(run_process({PEILING_HUB_BIN, "init", "--db", hub_db}).exit_code, 0);
  // The conference's own pack (56 points, 12 for each respondent); it keeps abandoned responses,
  // so --include-abandoned has some to add.
  json pack = json::parse(read_file(fs::path(PEILING_ASSETS_DIR) / "packs" / "conference-2009-11-13.json"));
  ASSERT_TRUE(pack.at("settings").at("keep_abandoned").get<bool>());
  const auto keys = run_process({PEILING_HUB_BIN, "keys", "show", "--db", hub_db});
  ASSERT_EQ(keys.exit_code, 0) << keys.output;
  pack["hub"] = json::parse("{" + keys.output + "}").at("hub");
  const fs::path pack_file = dir / "pack.json";
  write_file(pack_file.string(), pack.dump(2));
  auto loaded = load_pack_file(pack_file);
  ASSERT_TRUE(loaded.ok()) << loaded.errors().joined();
  {
    auto store = store::DeviceStore::open(dir / "device");
    ASSERT_TRUE(store.ok()) << store.error().message;
    ASSERT_TRUE(store->remember_pack({loaded->pack.id, loaded->pack.version}, read_file(pack_file)).ok());
    EXPECT_EQ(add_respondents(store.value(), loaded->pack, kRespondents, kAbandoned, 2009).given.size(),
              static_cast<std::size_t>(kRespondents));
  }
  const auto stick = dir / "stick";
  const auto exported = run_process({PEILING_KIOSK_BIN, "--data-dir", (dir / "device").string(), "--pack",
                                     pack_file.string(), "--export-batches", stick.string()});
  ASSERT_EQ(exported.exit_code, 0) << exported.output;
  const auto imported = run_process({PEILING_HUB_BIN, "import", "--db", hub_db, stick.string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_NE(imported.output.find("(" + std::to_string(kRespondents + kAbandoned) + " responses added)"),
            std::string::npos)
      << imported.output;
}

}  // namespace
}  // namespace peiling::test
