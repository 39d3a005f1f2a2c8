// `peiling-hub report` end to end: 200 scripted respondents of the conference pack on a device, exported by
// `peiling --export-batches` and imported by `peiling-hub import`; then every format is written by
// the real program. The long CSV, read back by Python's standard csv module
// (tests/tools/csv-counts.py), must hold exactly the counts and texts of the JSON report.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "report_hub.hpp"
#include "support/process.hpp"

namespace peiling::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class ReportRoundTrip : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // One folder per test process: ctest runs the tests of this suite in parallel processes.
    dir = new fs::path(scratch_dir("report_round_trip_" + std::to_string(getpid())));
    hub_db = report_hub_dir() / "hub.db";
    pack_file = new fs::path(report_hub_dir() / "pack.json");
    ASSERT_TRUE(fs::exists(hub_db)) << "ReportHub.TwoHundredRespondentsExportedAndImported makes it";
  }
  static void TearDownTestSuite() {
    delete dir;
    delete pack_file;
  }

  static ProcessResult report(const std::string& format, const std::string& out,
                              std::vector<std::string> extra = {}) {
    std::vector<std::string> args{PEILING_HUB_BIN,     "report",   "--db", hub_db,  "--pack-file",
                                  pack_file->string(), "--format", format, "--out", (*dir / out).string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_process(args);
  }
  static json report_json(std::vector<std::string> extra = {}) {
    const auto written = report("json", "report.json", std::move(extra));
    EXPECT_EQ(written.exit_code, 0) << written.output;
    return json::parse(read_file(*dir / "report.json"));
  }
  // What Python's csv module reads from a long CSV.
  static json csv_counts(const std::string& file, const std::string& separator) {
    const auto read =
        run_process({"python3", (fs::path(PEILING_TEST_DATA_DIR) / "tools" / "csv-counts.py").string(),
                     (*dir / file).string(), separator});
    EXPECT_EQ(read.exit_code, 0) << read.output;
    return json::parse(read.output);
  }

  static inline fs::path* dir = nullptr;
  static inline std::string hub_db;
  static inline fs::path* pack_file = nullptr;
};

std::vector<std::string> sorted_texts(const json& texts) {
  auto out = texts.get<std::vector<std::string>>();
  std::sort(out.begin(), out.end());
  return out;
}

// The CSV and the JSON report agree on responses, every rating count and sum, and every text.
void expect_csv_matches_json(const json& csv, const json& report) {
  EXPECT_EQ(csv.at("responses"), report.at("summary").at("responses"));
  int compared = 0;
  for (const auto* items : {&report.at("points"), &report.at("other_items")}) {
    for (const auto& item : *items) {
      for (const auto& scale : item.at("scales")) {
        const std::string key = item.at("id").get<std::string>() + "/" + scale.at("scale").get<std::string>();
        SCOPED_TRACE(key);
        const json tally = csv.at("ratings").value(key, json{{"rated", 0}, {"no_opinion", 0}, {"sum", 0}});
        EXPECT_EQ(tally.at("rated"), scale.at("rated"));
        EXPECT_EQ(tally.at("no_opinion"), scale.at("no_opinion"));
        if (scale.at("rated").get<int>() > 0) {
          EXPECT_NEAR(tally.at("sum").get<double>() / tally.at("rated").get<double>(),
                      scale.at("mean").get<double>(), 1e-9);
          ++compared;
        }
      }
    }
  }
  EXPECT_GT(compared, 4) << "the fixture rates every point";
  int texts = 0;
  for (const auto* sets : {&report.at("comments"), &report.at("open_answers")}) {
    for (const auto& set : *sets) {
      const std::string key = set.at("key");
      SCOPED_TRACE(key);
      ASSERT_TRUE(csv.at("texts").contains(key));
      EXPECT_EQ(sorted_texts(csv.at("texts").at(key)), sorted_texts(set.at("texts"))) << "byte for byte";
      texts += static_cast<int>(set.at("texts").size());
    }
  }
  EXPECT_GT(texts, kRespondents) << "comments and open answers were made";
}

TEST_F(ReportRoundTrip, LongCsvReadByAStandardReaderHasTheCountsOfTheJsonReport) {
  const json summary = report_json();
  EXPECT_EQ(summary.at("format"), "peiling.report/1");
  EXPECT_EQ(summary.at("summary").at("responses"), kRespondents);
  EXPECT_EQ(summary.at("summary").at("abandoned_excluded"), kAbandoned);
  EXPECT_EQ(summary.at("summary").at("devices"), 1);
  const auto schema =
      run_process({"node", (fs::path(PEILING_TEST_DATA_DIR) / "tools" / "check-report-schema.cjs").string(),
                   PEILING_SCHEMA_MODULES_DIR, (fs::path(PEILING_TEST_DATA_DIR) / "..").string(),
                   (*dir / "report.json").string()});
  EXPECT_EQ(schema.exit_code, 0) << schema.output;
  const auto written = report("csv", "answers.csv", {"--lang", "en"});
  ASSERT_EQ(written.exit_code, 0) << written.output;
  EXPECT_NE(written.output.find("report: csv written to"), std::string::npos) << written.output;
  expect_csv_matches_json(csv_counts("answers.csv", ","), summary);
}

TEST_F(ReportRoundTrip, DutchCsvUsesSemicolonsAndStillRoundTripsCommentsWithSemicolonsQuotesAndNewLines) {
  const json summary = report_json({"--lang", "nl"});
  const auto written = report("csv", "answers-nl.csv", {"--lang", "nl"});
  ASSERT_EQ(written.exit_code, 0) << written.output;
  const std::string csv = read_file(*dir / "answers-nl.csv");
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBFresponse_id;pack_id;", 0), 0u) << csv.substr(0, 80);
  expect_csv_matches_json(csv_counts("answers-nl.csv", ";"), summary);
  // The tricky texts include quotes and a line break; the fixture's own comment marker is there.
  EXPECT_NE(csv.find("\"back\\slash, tab\tand\nnew line\""), std::string::npos);
}

TEST_F(ReportRoundTrip, IncludeAbandonedCountsThemAndSaysSo) {
  const json summary = report_json({"--include-abandoned"});
  EXPECT_EQ(summary.at("include_abandoned"), true);
  EXPECT_EQ(summary.at("summary").at("responses"), kRespondents + kAbandoned);
  EXPECT_EQ(summary.at("summary").at("abandoned"), kAbandoned);
  const auto written = report("html", "with-abandoned.html", {"--include-abandoned", "--lang", "en"});
  ASSERT_EQ(written.exit_code, 0) << written.output;
  EXPECT_NE(read_file(*dir / "with-abandoned.html").find("Abandoned responses are counted (7)"),
            std::string::npos);
}

TEST_F(ReportRoundTrip, WideCsvHasOneRowPerResponse) {
  const auto written = report("csv", "wide.csv", {"--wide", "--lang", "en"});
  ASSERT_EQ(written.exit_code, 0) << written.output;
  const auto read =
      run_process({"python3", "-c",
                   "import csv,sys; rows=list(csv.reader(open(sys.argv[1],encoding='utf-8-sig',newline='')));"
                   "h=rows[0]; print(len(rows)-1, len({r[0] for r in rows[1:]}), h[h.index('status')+1], "
                   "h[h.index('ended_at')+1])",
                   (*dir / "wide.csv").string()});
  ASSERT_EQ(read.exit_code, 0) << read.output;
  EXPECT_EQ(read.output,
            std::to_string(kRespondents) + " " + std::to_string(kRespondents) + " late wg1-1/importance\n");
}

TEST_F(ReportRoundTrip, HtmlIsSelfContainedAndXlsxIsAZipWorkbook) {
  const auto html = report("html", "report.html", {"--lang", "nl"});
  ASSERT_EQ(html.exit_code, 0) << html.output;
  const std::string page = read_file(*dir / "report.html");
  for (const char* part : {"<svg class=\"scatter wide\"", "<svg class=\"scatter phone\"", "id=\"top\"",
                           "id=\"comments\"", "Zo leest u dit", "@media print"}) {
    EXPECT_NE(page.find(part), std::string::npos) << part;
  }
  for (const char* external : {"http://", "https://", "src=", "@import", "url("}) {
    EXPECT_EQ(page.find(external), std::string::npos) << external << " makes a request";
  }
  const auto xlsx = report("xlsx", "report.xlsx");
  ASSERT_EQ(xlsx.exit_code, 0) << xlsx.output;
  const auto sheets = run_process(
      {"python3", "-c",
       "import re,sys,zipfile; book=zipfile.ZipFile(sys.argv[1]);"
       "print(' '.join(re.findall(r'<sheet name=\"([^\"]+)\"', book.read('xl/workbook.xml').decode())));"
       "print(book.read('xl/worksheets/sheet6.xml').decode().count('<row '))",
       (*dir / "report.xlsx").string()});
  ASSERT_EQ(sheets.exit_code, 0) << sheets.output;
  // The header row and one row per response on Answers.
  EXPECT_EQ(sheets.output,
            "Summary Points Top-N Roles Comments Answers\n" + std::to_string(kRespondents + 1) + "\n");
}

// Laid out 390 px wide by headless Chromium (tests/tools/report-at-width), nothing is wider than
// the screen and no part scrolls sideways: the tables of points and of groups stack per point.
TEST_F(ReportRoundTrip, AtPhoneWidthNoPartScrollsSideways) {
  for (const char* language : {"nl", "en"}) {
    SCOPED_TRACE(language);
    const std::string file = std::string("phone-") + language + ".html";
    const auto html = report("html", file, {"--lang", language});
    ASSERT_EQ(html.exit_code, 0) << html.output;
    const auto laid_out =
        run_process({(fs::path(PEILING_TEST_DATA_DIR) / "tools" / "report-at-width").string(),
                     (*dir / file).string(), "390", "overflow"},
                    {.timeout_seconds = 120});
    EXPECT_EQ(laid_out.exit_code, 0) << laid_out.output;
    EXPECT_EQ(laid_out.output, "") << "these scroll sideways at 390 px";
  }
}

TEST_F(ReportRoundTrip, KAboveTheResponsesWithholdsEveryFigureAndEveryRow) {
  const json summary = report_json({"--k", "1000"});
  EXPECT_EQ(summary.at("withheld"), true);
  EXPECT_TRUE(summary.at("points").empty());
  EXPECT_TRUE(summary.at("comments").empty());
  const auto written = report("csv", "withheld.csv", {"--k", "1000"});
  ASSERT_EQ(written.exit_code, 0) << written.output;
  const std::string csv = read_file(*dir / "withheld.csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1) << "the header only";
}

// Every scale summary anywhere in a report: its interval is null below five ratings, and within
// the scale's range around the mean otherwise.
void expect_intervals_within_their_scales(const json& node, int& summaries) {
  if (node.is_object() && node.contains("ci95")) {
    ++summaries;
    const int min = node.at("min").get<int>();
    const int max = min + static_cast<int>(node.at("distribution").size()) - 1;
    if (node.at("rated").get<int>() < 5) {
      EXPECT_TRUE(node.at("ci95").is_null()) << node.dump();
    } else {
      const double low = node.at("ci95")[0].get<double>(), high = node.at("ci95")[1].get<double>();
      const double mean = node.at("mean").get<double>();
      EXPECT_TRUE(min <= low && low <= mean && mean <= high && high <= max) << node.dump();
    }
    return;
  }
  if (node.is_structured()) {
    for (const auto& child : node) expect_intervals_within_their_scales(child, summaries);
  }
}

TEST_F(ReportRoundTrip, EveryIntervalOfTheSmallAndTheLargeHubStaysWithinItsScale) {
  for (const auto& hub : {report_hub_dir(), small_report_hub_dir()}) {
    SCOPED_TRACE(hub.string());
    const fs::path out = *dir / ("intervals-" + hub.filename().string() + ".json");
    const auto written =
        run_process({PEILING_HUB_BIN, "report", "--db", (hub / "hub.db").string(), "--pack-file",
                     (hub / "pack.json").string(), "--format", "json", "--k", "1", "--out", out.string()});
    ASSERT_EQ(written.exit_code, 0) << written.output;
    const json summary = json::parse(read_file(out));
    int summaries = 0;
    expect_intervals_within_their_scales(summary, summaries);
    EXPECT_GT(summaries, 0);
  }
}

TEST_F(ReportRoundTrip, AnOutputThatCannotBeWrittenIsAClearErrorForEveryFormat) {
  for (const char* format : {"html", "csv", "xlsx", "json"}) {
    SCOPED_TRACE(format);
    const auto written = report(format, "no-such-folder/report.out");
    EXPECT_EQ(written.exit_code, 1);
    EXPECT_NE(written.output.find("no-such-folder/report.out"), std::string::npos) << written.output;
    EXPECT_EQ(written.output.find("written to"), std::string::npos) << written.output;
  }
}

TEST_F(ReportRoundTrip, AnotherPackIdThanThePackFileIsRefused) {
  const auto written = report("json", "other.json", {"--pack", "some-other-pack"});
  EXPECT_EQ(written.exit_code, 1);
  EXPECT_NE(written.output.find("is not the pack in"), std::string::npos) << written.output;
  EXPECT_FALSE(fs::exists(*dir / "other.json"));
}

}  // namespace
}  // namespace peiling::test
