// What each report format writes from survey data made by hand, for the cases that a 10- and a
// 200-respondent hub showed wrong.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "core/aggregation.hpp"
#include "report/report_csv.hpp"
#include "report/report_html.hpp"
#include "support/survey_builder.hpp"
#include "sync_test_support.hpp"

namespace peiling::report {
namespace {

using test::SurveyBuilder;

// The CSV's lines after the header, without their line ends.
std::vector<std::string> csv_rows(const std::string& csv) {
  std::vector<std::string> rows;
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);  // the header, after the BOM
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    rows.push_back(line);
  }
  return rows;
}

TEST(ReportCsv, RowsFollowThePacksOrderAndACommentIsOnItsItemsFirstScale) {
  const Pack pack = sync::test::fixture_pack();  // points wg1-1, wg2-1, ...; scales importance, feasibility
  SurveyBuilder b;
  const auto r = b.add(std::nullopt);
  // Given in the alphabet's order, as the store keeps them.
  b.rate(r, "mo-1", "recognisability", 2);
  b.rate(r, "wg1-1", "feasibility", 4);
  b.rate(r, "wg1-1", "importance", 5);
  b.rate(r, "wg2-1", "feasibility", 0);
  b.rate(r, "wg2-1", "importance", 3);
  b.comment(r, "wg1-1", "eerst belang");
  std::ostringstream out;
  write_long_csv(out, b.data, pack, Disclosure(aggregate(b.data, pack, {1, false})), kRfc4180);
  const std::string start = "r0," + pack.id + ",3,complete,,";
  EXPECT_EQ(csv_rows(out.str()), (std::vector<std::string>{
                                     start + "wg1-1,importance,5,eerst belang",
                                     start + "wg1-1,feasibility,4,",
                                     start + "wg2-1,importance,3,",
                                     start + "wg2-1,feasibility,no-opinion,",
                                     start + "mo-1,recognisability,2,",
                                 }));
}

}  // namespace
}  // namespace peiling::report
