// What each report format writes from survey data made by hand, for the cases that a 10- and a
// 200-respondent hub showed wrong: the CSV's rows and comments out of the pack's order, and the XLSX
// Points sheet without the missed opportunities.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "core/aggregation.hpp"
#include "report/report_csv.hpp"
#include "report/report_html.hpp"
#include "report/report_text.hpp"
#include "report/report_xlsx.hpp"
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

// The recorded cell at (row, column) of a sheet, or null.
const WorkbookRecord::Cell* cell_at(const WorkbookRecord::RecordedSheet& sheet, XlsxRow row,
                                    XlsxColumn column) {
  for (const auto& cell : sheet.cells) {
    if (cell.row == row && cell.column == column) return &cell;
  }
  return nullptr;
}

std::string text_of(const WorkbookRecord& book, const WorkbookRecord::Cell* cell) {
  return cell && cell->is_text ? book.texts.substr(cell->offset, cell->size) : std::string();
}

TEST(ReportXlsx, PointsSheetHasTheMissedOpportunitiesWithTheirFigures) {
  const Pack pack = sync::test::fixture_pack();
  SurveyBuilder b;
  for (int value : {1, 2, 3, 1, 2}) {  // recognisability is 1-3
    const auto r = b.add("executive");
    b.rate(r, "wg1-1", "importance", value);
    b.rate(r, "mo-1", "recognisability", value);
  }
  const Aggregate figures = aggregate(b.data, pack, {1, false});
  WorkbookRecord book;
  fill_report_workbook(book, figures, b.data, pack, {"en", 0});
  const auto sheet =
      std::find_if(book.sheets.begin(), book.sheets.end(), [](const auto& s) { return s.name == "Points"; });
  ASSERT_NE(sheet, book.sheets.end());
  // The column of each heading, and the row of each id (column 1).
  std::map<std::string, XlsxColumn> column_of;
  std::map<std::string, XlsxRow> row_of;
  for (const auto& cell : sheet->cells) {
    if (cell.row == 0) column_of[text_of(book, &cell)] = cell.column;
    if (cell.row > 0 && cell.column == 1) row_of[text_of(book, &cell)] = cell.row;
  }
  ASSERT_TRUE(row_of.contains("mo-1")) << "the missed opportunity has a row";
  ASSERT_TRUE(row_of.contains("wg1-1"));
  EXPECT_GT(row_of["mo-1"], row_of["wg1-1"]) << "after the points";
  const std::string scale = scale_name("recognisability", "en") + " ";
  const ReportWords& w = words("en");
  ASSERT_TRUE(column_of.contains(scale + std::string(w.mean)));
  const auto* mean = cell_at(*sheet, row_of["mo-1"], column_of[scale + std::string(w.mean)]);
  ASSERT_TRUE(mean && !mean->is_text);
  EXPECT_DOUBLE_EQ(mean->number, 9.0 / 5);
  const auto* rated = cell_at(*sheet, row_of["mo-1"], column_of[scale + std::string(w.rated)]);
  ASSERT_TRUE(rated);
  EXPECT_DOUBLE_EQ(rated->number, 5);
  EXPECT_EQ(cell_at(*sheet, row_of["mo-1"], 0), nullptr) << "no rank";
  EXPECT_EQ(
      cell_at(*sheet, row_of["mo-1"], column_of[scale_name("importance", "en") + " " + std::string(w.mean)]),
      nullptr)
      << "not rated on the point scales";
  EXPECT_EQ(text_of(book, cell_at(*sheet, row_of["mo-1"], 2)),
            std::string(pack.missed_opportunities->items[0].title.in("en")));
}

}  // namespace
}  // namespace peiling::report
