// What each report format writes from survey data made by hand, for the cases that a 10- and a
// 200-respondent hub showed wrong: intervals past the scale, the quadrant plot's markers on its
// tick labels and on each other, the CSV's rows and comments out of the pack's order, and the XLSX
// Points sheet without the missed opportunities.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
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
  b.rate(r, "wg2-1", "feasibility", kNoOpinion);
  b.rate(r, "wg2-1", "importance", 3);
  b.comment(r, "wg1-1", "eerst belang");
  std::ostringstream out;
  write_long_csv(out, b.data, pack, Disclosure(aggregate(b.data, pack, {1, false})), kRfc4180);
  const std::string start = "r0," + pack.id + ",3,complete,false,,";
  EXPECT_EQ(csv_rows(out.str()), (std::vector<std::string>{
                                     start + "wg1-1,importance,5,eerst belang",
                                     start + "wg1-1,feasibility,4,",
                                     start + "wg2-1,importance,3,",
                                     start + "wg2-1,feasibility,no-opinion,",
                                     start + "mo-1,recognisability,2,",
                                 }));
}

// A response that reached the hub after its pack closed says so on each of its rows: "late",
// beside the status, true or false as the JSON report's booleans are written.
TEST(ReportCsv, EveryRowOfALateResponseSaysLateInBothShapes) {
  const Pack pack = sync::test::fixture_pack();
  SurveyBuilder b;
  const auto on_time = b.add(std::nullopt);
  const auto late = b.add(std::nullopt);
  b.data.responses[late].late = true;
  for (const auto r : {on_time, late}) {
    b.rate(r, "wg1-1", "importance", 4);
    b.comment(r, "wg2-1", "zonder cijfer");
  }
  const Disclosure disclosure(aggregate(b.data, pack, {1, false}));
  std::ostringstream long_csv;
  write_long_csv(long_csv, b.data, pack, disclosure, kRfc4180);
  EXPECT_TRUE(long_csv.str().starts_with("\xEF\xBB\xBFresponse_id,pack_id,pack_version,status,late,role,"))
      << long_csv.str().substr(0, 80);
  EXPECT_EQ(csv_rows(long_csv.str()), (std::vector<std::string>{
                                          "r0," + pack.id + ",3,complete,false,,wg1-1,importance,4,",
                                          "r0," + pack.id + ",3,complete,false,,wg2-1,,,zonder cijfer",
                                          "r1," + pack.id + ",3,complete,true,,wg1-1,importance,4,",
                                          "r1," + pack.id + ",3,complete,true,,wg2-1,,,zonder cijfer",
                                      }));
  std::ostringstream wide_csv;
  write_wide_csv(wide_csv, b.data, pack, disclosure, kExcelNl);
  EXPECT_TRUE(wide_csv.str().starts_with("\xEF\xBB\xBFresponse_id;pack_id;pack_version;status;late;role;"))
      << wide_csv.str().substr(0, 80);
  const auto rows = csv_rows(wide_csv.str());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_TRUE(rows[0].starts_with("r0;" + pack.id + ";3;complete;false;;nl;")) << rows[0];
  EXPECT_TRUE(rows[1].starts_with("r1;" + pack.id + ";3;complete;true;;nl;")) << rows[1];
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

TEST(ReportXlsx, AnswersSheetHasALateColumnBesideTheStatus) {
  const Pack pack = sync::test::fixture_pack();
  SurveyBuilder b;
  for (int i = 0; i < 3; ++i) b.rate(b.add(std::nullopt), "wg1-1", "importance", 3 + i);
  b.data.responses[1].late = true;
  WorkbookRecord book;
  fill_report_workbook(book, aggregate(b.data, pack, {1, false}), b.data, pack, {"en", 0});
  const auto sheet =
      std::find_if(book.sheets.begin(), book.sheets.end(), [](const auto& s) { return s.name == "Answers"; });
  ASSERT_NE(sheet, book.sheets.end());
  std::map<std::string, XlsxColumn> column_of;
  for (const auto& cell : sheet->cells)
    if (cell.row == 0) column_of[text_of(book, &cell)] = cell.column;
  ASSERT_TRUE(column_of.contains("late"));
  EXPECT_EQ(column_of["late"], column_of["status"] + 1);
  EXPECT_EQ(column_of["role"], column_of["late"] + 1);
  ASSERT_TRUE(column_of.contains("wg1-1/importance"));
  for (XlsxRow row = 1; row <= 3; ++row) {
    EXPECT_EQ(text_of(book, cell_at(*sheet, row, column_of["response_id"])), "r" + std::to_string(row - 1));
    EXPECT_EQ(text_of(book, cell_at(*sheet, row, column_of["late"])), row == 2 ? "true" : "false") << row;
    const auto* rating = cell_at(*sheet, row, column_of["wg1-1/importance"]);
    ASSERT_TRUE(rating && !rating->is_text) << "the answers keep their columns";
    EXPECT_DOUBLE_EQ(rating->number, 2 + row);
  }
}

// How often text occurs in html.
std::size_t count_of(const std::string& html, const std::string& text) {
  std::size_t count = 0;
  for (auto at = html.find(text); at != std::string::npos; at = html.find(text, at + 1)) ++count;
  return count;
}

TEST(ReportHtml, IntervalsStayWithinTheScaleAndNeedFiveRatings) {
  const Pack pack = sync::test::fixture_pack();
  SurveyBuilder b;
  for (int value : {5, 5, 5, 5, 4}) b.rate(b.add("executive"), "wg2-1", "importance", value);
  b.rate(0, "wg1-1", "importance", 3);
  b.rate(1, "wg1-1", "importance", 4);  // n = 2: t(1) would give 3,50 (-2,85-9,85)
  const std::string html = report_html(aggregate(b.data, pack, {1, false}), pack, {"nl", 0});
  // 4.8 -+ 0.555 (IntervalsNeedFiveRatingsAndStayWithinTheScale), cut at 5
  EXPECT_EQ(count_of(html, "<small class=\"ci\">"), 1u) << "only the point rated five times";
  EXPECT_NE(html.find("<small class=\"ci\">(4,24–5,00)</small>"), std::string::npos);
  EXPECT_NE(html.find("afgekapt op de uiteinden van de schaal; bij minder dan 5 oordelen staat er geen"),
            std::string::npos)
      << "how to read this says so";
}

// The parts of one plot (an <svg class="scatter ..."> of the report) that must keep clear of each
// other.
struct Plot {
  double width = 0;  // the viewBox
  struct Marker {
    double x, y, r;
    std::string number;
  };
  struct Tick {
    double x, y, size;
    std::string anchor, text;
  };
  std::vector<Marker> markers;
  std::vector<Tick> ticks;
  double label_size = 0;
};

Plot plot_in(const std::string& html, const std::string& kind) {
  Plot plot;
  const auto start = html.find("<svg class=\"scatter " + kind + "\"");
  if (start == std::string::npos) return plot;
  const std::string svg = html.substr(start, html.find("</svg>", start) - start);
  std::smatch match;
  if (std::regex_search(svg, match, std::regex(R"(viewBox="0 0 ([\d.]+) )")))
    plot.width = std::stod(match[1]);
  const std::regex marker(
      R"re(<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"/><text class="label" x="[\d.]+" y="[\d.]+" font-size="([\d.]+)" text-anchor="middle">(\d+)</text>)re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), marker); it != std::sregex_iterator(); ++it) {
    plot.markers.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), (*it)[5]});
    plot.label_size = std::stod((*it)[4]);
  }
  const std::regex tick(
      R"re(<text class="tick" x="([\d.]+)" y="([\d.]+)" font-size="([\d.]+)" text-anchor="(\w+)">([^<]+)</text>)re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), tick); it != std::sregex_iterator(); ++it) {
    plot.ticks.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), (*it)[4], (*it)[5]});
  }
  return plot;
}

// Whether a marker's circle reaches into a tick label's box (DejaVu's figures are about 0.64 em
// wide; the box runs from the baseline up a cap height and down a little).
bool covers(const Plot::Marker& marker, const Plot::Tick& tick) {
  const double width = 0.64 * tick.size * static_cast<double>(tick.text.size());
  const double left = tick.anchor == "end" ? tick.x - width : tick.x - width / 2;
  const double top = tick.y - 0.75 * tick.size, bottom = tick.y + 0.2 * tick.size;
  const double nearest_x = std::clamp(marker.x, left, left + width);
  const double nearest_y = std::clamp(marker.y, top, bottom);
  return std::hypot(marker.x - nearest_x, marker.y - nearest_y) < marker.r;
}

// Five points: two at the same means, one in each far corner of the scales, one in the middle.
TEST(ReportHtml, QuadrantMarkersKeepOffTheTicksAndEachOtherAndAreReadableOnAPhone) {
  Pack pack = sync::test::fixture_pack();
  SurveyBuilder b;
  const auto r = b.add("executive");
  const auto rate = [&](const std::string& point, int importance, int feasibility) {
    b.rate(r, point, "importance", importance);
    b.rate(r, point, "feasibility", feasibility);
  };
  rate("wg1-1", 5, 1);
  rate("wg2-1", 3, 3);
  rate("plenary-1", 3, 3);
  rate("visit-1", 1, 5);
  const std::string html = report_html(aggregate(b.data, pack, {1, false}), pack, {"nl", 0});
  for (const std::string kind : {"wide", "phone"}) {
    SCOPED_TRACE(kind);
    const Plot plot = plot_in(html, kind);
    ASSERT_EQ(plot.markers.size(), 4u) << "every placed point has its numbered marker";
    std::vector<std::string> numbers;
    for (const auto& marker : plot.markers) numbers.push_back(marker.number);
    std::sort(numbers.begin(), numbers.end());
    EXPECT_EQ(numbers, (std::vector<std::string>{"1", "2", "3", "4"}));
    for (std::size_t i = 0; i < plot.markers.size(); ++i) {
      for (std::size_t j = i + 1; j < plot.markers.size(); ++j) {
        const auto& a = plot.markers[i];
        const auto& c = plot.markers[j];
        EXPECT_GE(std::hypot(a.x - c.x, a.y - c.y), a.r + c.r) << a.number << " covers " << c.number;
      }
      for (const auto& tick : plot.ticks)
        EXPECT_FALSE(covers(plot.markers[i], tick)) << plot.markers[i].number << " on " << tick.text;
    }
    EXPECT_GE(plot.ticks.size(), 10u);
  }
  // A phone of 390 px shows the phone plot about 370 px wide (the page's padding aside).
  const Plot phone = plot_in(html, "phone");
  EXPECT_GE(phone.label_size * 370 / phone.width, 11.0) << "numbers at least 11 px high";
  const auto narrow = html.find("@media (max-width:40rem)");
  ASSERT_NE(narrow, std::string::npos);
  EXPECT_LT(narrow, html.find("svg.scatter.phone{display:block}")) << "the phone plot shows at phone width";
}

}  // namespace
}  // namespace peiling::report
