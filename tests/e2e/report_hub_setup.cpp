// Makes the hub of report_hub.hpp for the report tests.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report_hub.hpp"
#include "support/delivery.hpp"

namespace peiling::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

TEST(ReportHub, TwoHundredRespondentsExportedAndImported) {
  const fs::path dir = scratch_dir("report-hub");
  ASSERT_EQ(dir, report_hub_dir()) << "the folder the report tests read";
  const std::string hub_db = (dir / "hub.db").string();
  ASSERT_EQ(run_process({PEILING_HUB_BIN, "init", "--db", hub_db}).exit_code, 0);
  // The conference's own pack (76 points, 12 for each respondent); it keeps abandoned responses,
  // so --include-abandoned has some to add.
  json pack = json::parse(read_file(fs::path(PEILING_ASSETS_DIR) / "packs" / "conference-2009-11-13.json"));
  ASSERT_TRUE(pack.at("settings").at("keep_abandoned").get<bool>());
  deliver_respondents(hub_db, dir / "pack.json", pack, kRespondents, kAbandoned, 2009);

  const fs::path small = scratch_dir("report-hub-10");
  ASSERT_EQ(small, small_report_hub_dir());
  const std::string small_db = (small / "hub.db").string();
  ASSERT_EQ(run_process({PEILING_HUB_BIN, "init", "--db", small_db}).exit_code, 0);
  deliver_respondents(small_db, small / "pack.json", pack, kSmallHubRespondents, 0, 2010);
}

}  // namespace
}  // namespace peiling::test
