// `peiling-hub report --series` end to end: respondents of the conference pack on one device and
// of the follow-up pack on another, made through the store API, exported by `peiling
// --export-batches` and imported by `peiling-hub import`. The Series sheet of the XLSX (read by
// Python's standard library, tests/tools/xlsx-rows.py) must hold what the respondents gave, and
// the HTML must say the same things in both languages.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "support/delivery.hpp"

namespace peiling::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int kConferenceRespondents = 12;
constexpr int kFollowUpRespondents = 8;

// The Series sheet's columns: #, id, point, importance n and mean, feasibility n and mean,
// quadrant, the follow-up's point (or "not followed up"), five statuses, don't know, n.
constexpr std::size_t kImportanceN = 3, kImportanceMean = 4, kFeasibilityN = 5, kFeasibilityMean = 6;
constexpr std::size_t kFollowUpId = 8, kFirstStatus = 9, kDontKnow = 14, kAnswered = 15;

// What the respondents gave, tallied here from the store's own read-back.
struct Tally {
  std::map<std::string, int> rated;  // "point/scale"
  std::map<std::string, int> sum;
  std::map<std::string, std::array<int, 6>> statuses;  // by point: the five statuses, then don't know
};

class SeriesReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir = new fs::path(scratch_dir("series_report_" + std::to_string(getpid())));
    hub_db = (*dir / "hub.db").string();
    tally = new Tally;
    ASSERT_EQ(run_process({PEILING_HUB_BIN, "init", "--db", hub_db}).exit_code, 0);
    conference_file = deliver("conference-2009-11-13", kConferenceRespondents, 2009);
    follow_up_file = deliver("follow-up-2010-spring", kFollowUpRespondents, 2010);
  }
  static void TearDownTestSuite() {
    delete dir;
    delete tally;
  }

  // Makes count respondents of the bundled pack on a device of their own and imports them into the
  // hub; returns the pack file (with the hub's keys) and tallies the answers.
  static std::string deliver(const std::string& pack_id, int count, unsigned seed) {
    const fs::path pack_file = *dir / (pack_id + ".json");
    const json pack = json::parse(read_file(fs::path(PEILING_ASSETS_DIR) / "packs" / (pack_id + ".json")));
    const Delivery delivered = deliver_respondents(hub_db, pack_file, pack, count, 0, seed);
    for (const auto& response : delivered.respondents.given) {
      for (const auto& answer : response.answers) {
        const Scale* scale = delivered.pack.scale(answer.scale_id);
        if (scale && scale->kind == ScaleKind::status) {
          auto& counts = tally->statuses[answer.item_id];
          ++counts[answer.rating.is_skip() ? 5 : static_cast<std::size_t>(answer.rating.value() - 1)];
        } else if (!answer.rating.is_skip()) {
          const std::string key = answer.item_id + "/" + answer.scale_id;
          ++tally->rated[key];
          tally->sum[key] += answer.rating.value();
        }
      }
    }
    return pack_file.string();
  }

  static ProcessResult series(const std::string& format, const std::string& out,
                              std::vector<std::string> extra = {},
                              const std::string& follow_up = follow_up_file) {
    // The follow-up first: the report tells the packs apart by their references, not their order.
    std::vector<std::string> args{
        PEILING_HUB_BIN, "report",        "--series", "--db", hub_db,  "--pack-file",        follow_up,
        "--pack-file",   conference_file, "--format", format, "--out", (*dir / out).string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_process(args);
  }
  // The points of a pack file: the Series sheet has a row for each point of the conference pack.
  static std::size_t points_of(const std::string& pack_file) {
    return json::parse(read_file(pack_file)).at("points").size();
  }
  static json series_rows(const std::string& file) {
    const auto read =
        run_process({"python3", (fs::path(PEILING_TEST_DATA_DIR) / "tools" / "xlsx-rows.py").string(),
                     (*dir / file).string(), "Series"});
    EXPECT_EQ(read.exit_code, 0) << read.output;
    return json::parse(read.output);
  }

  static inline fs::path* dir = nullptr;
  static inline std::string hub_db;
  static inline Tally* tally = nullptr;
  static inline std::string conference_file;
  static inline std::string follow_up_file;
};

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

TEST_F(SeriesReport, XlsxHoldsTheGivenRatingsBesideTheGivenStatusCounts) {
  const auto written = series("xlsx", "series.xlsx", {"--lang", "en"});
  ASSERT_EQ(written.exit_code, 0) << written.output;
  EXPECT_NE(
      written.output.find("conference-2009-11-13: " + std::to_string(kConferenceRespondents) + " responses"),
      std::string::npos)
      << written.output;
  const json rows = series_rows("series.xlsx");
  ASSERT_EQ(rows.size(), points_of(conference_file) + 1) << "a header and the conference pack's points";
  EXPECT_EQ(rows[0][kFollowUpId - 1], "Quadrant");
  EXPECT_EQ(rows[0][kFirstStatus + 3], "Done");
  EXPECT_EQ(rows[0][kDontKnow], "Don’t know");
  int statuses_compared = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const json& row = rows[r];
    const std::string point = row[1];
    SCOPED_TRACE(point);
    EXPECT_EQ(row[0], static_cast<double>(r)) << "the first pack's order";
    for (const auto& [scale, n, mean] : {std::tuple{"importance", kImportanceN, kImportanceMean},
                                         std::tuple{"feasibility", kFeasibilityN, kFeasibilityMean}}) {
      const std::string key = point + "/" + scale;
      const int rated = tally->rated.contains(key) ? tally->rated.at(key) : 0;
      EXPECT_EQ(row[n], static_cast<double>(rated)) << key;
      if (rated > 0) {
        EXPECT_NEAR(row[mean].get<double>(), static_cast<double>(tally->sum.at(key)) / rated, 1e-9) << key;
      }
    }
    // The bundled follow-up asks about every point under the same id.
    ASSERT_EQ(row[kFollowUpId], point);
    const auto given = tally->statuses.contains(point) ? tally->statuses.at(point) : std::array<int, 6>{};
    int answered = 0;
    for (std::size_t s = 0; s < given.size(); ++s) {
      EXPECT_EQ(row[kFirstStatus + s], static_cast<double>(given[s])) << "status " << s;
      answered += given[s];
    }
    EXPECT_EQ(row[kAnswered], static_cast<double>(answered));
    statuses_compared += answered;
  }
  EXPECT_EQ(statuses_compared, kFollowUpRespondents * static_cast<int>(points_of(follow_up_file)))
      << "every follow-up respondent answered every point";
}

TEST_F(SeriesReport, HtmlInBothLanguagesAndAPointNotFollowedUp) {
  // The follow-up without its question on wg1-1.
  json follow_up = json::parse(read_file(follow_up_file));
  for (auto& point : follow_up.at("points")) {
    if (point.at("id") == "wg1-1") point.erase("refers_to");
  }
  const std::string trimmed = (*dir / "follow-up-trimmed.json").string();
  write_file(trimmed, follow_up.dump(2));
  for (const std::string language : {"en", "nl"}) {
    SCOPED_TRACE(language);
    const auto written = series("html", "series-" + language + ".html", {"--lang", language}, trimmed);
    ASSERT_EQ(written.exit_code, 0) << written.output;
    const std::string html = read_file(*dir / ("series-" + language + ".html"));
    EXPECT_EQ(html.find("http"), std::string::npos) << "self-contained: nothing to fetch";
    EXPECT_NE(html.find("@media print"), std::string::npos);
    EXPECT_EQ(count_of(html, "<tr>"), points_of(conference_file) + 1) << "a header and every point";
    EXPECT_EQ(count_of(html, "<td class=\"none\""), 1u) << "only wg1-1 is not followed up";
    const std::string not_followed = language == "nl" ? "niet nagevraagd" : "not followed up";
    EXPECT_NE(html.find("<td class=\"none\" colspan=\"2\">" + not_followed + "</td>"), std::string::npos);
    EXPECT_NE(html.find(language == "nl" ? "Van werkconferentie naar vervolgpeiling"
                                         : "From conference to follow-up"),
              std::string::npos);
    EXPECT_NE(html.find(language == "nl" ? "Gedaan" : "Done"), std::string::npos)
        << "the pack's status labels";
  }
}

TEST_F(SeriesReport, APackUnderKShowsOnlyItsCount) {
  // k 10: the conference's 12 responses are shown, the follow-up's 8 are not.
  ASSERT_EQ(series("xlsx", "series-k10.xlsx", {"--k", "10"}).exit_code, 0);
  const json rows = series_rows("series-k10.xlsx");
  ASSERT_EQ(rows.size(), points_of(conference_file) + 1);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    SCOPED_TRACE(rows[r][1].get<std::string>());
    EXPECT_TRUE(rows[r][kImportanceN].is_number());
    EXPECT_LE(rows[r].size(), kFollowUpId) << "no follow-up figures";
  }
  const auto html = series("html", "series-k10.html", {"--k", "10", "--lang", "en"});
  ASSERT_EQ(html.exit_code, 0) << html.output;
  const std::string page = read_file(*dir / "series-k10.html");
  EXPECT_NE(page.find("There are 8 response(s), fewer than 10: no results are shown."), std::string::npos);
  EXPECT_EQ(page.find("There are 12 response(s)"), std::string::npos);

  ASSERT_EQ(series("html", "series-k13.html", {"--k", "13", "--lang", "en"}).exit_code, 0);
  const std::string neither = read_file(*dir / "series-k13.html");
  EXPECT_NE(neither.find("There are 12 response(s), fewer than 13"), std::string::npos);
  EXPECT_EQ(count_of(neither, "<b>"), 0u) << "no mean anywhere";
}

TEST_F(SeriesReport, RefusesPacksThatAreNotAFirstPackAndItsFollowUp) {
  const auto one = run_process({PEILING_HUB_BIN, "report", "--series", "--db", hub_db, "--pack-file",
                                conference_file, "--format", "html", "--out", (*dir / "x.html").string()});
  EXPECT_NE(one.exit_code, 0);
  EXPECT_NE(one.output.find("--series needs two --pack-file"), std::string::npos) << one.output;
  const auto unrelated = series("html", "x.html", {}, conference_file);
  EXPECT_NE(unrelated.exit_code, 0);
  EXPECT_NE(unrelated.output.find("--series needs two different packs"), std::string::npos)
      << unrelated.output;
  const std::string minimal =
      (fs::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs" / "valid-minimal.json").string();
  const auto stranger = series("xlsx", "x.xlsx", {}, minimal);
  EXPECT_NE(stranger.exit_code, 0);
  EXPECT_NE(stranger.output.find("neither has points that refer to the other (refers_to)"), std::string::npos)
      << stranger.output;
  const auto csv = series("csv", "x.csv");
  EXPECT_NE(csv.exit_code, 0);
  EXPECT_NE(csv.output.find("--series writes --format html or xlsx"), std::string::npos) << csv.output;
  EXPECT_FALSE(fs::exists(*dir / "x.html") || fs::exists(*dir / "x.xlsx") || fs::exists(*dir / "x.csv"));
  for (const std::string format : {"html", "xlsx"}) {
    const auto unwritable = series(format, "no-such-folder/x." + format);
    EXPECT_NE(unwritable.exit_code, 0) << format;
    EXPECT_NE(unwritable.output.find("no-such-folder/x." + format), std::string::npos) << unwritable.output;
  }
}

// How often each point was answered on each scale ("wg1-1/importance") in the given deliveries;
// with_skips counts "no opinion" and "don't know" too.
std::map<std::string, int> answered(std::initializer_list<const Delivery*> deliveries, bool with_skips) {
  std::map<std::string, int> counts;
  for (const Delivery* delivered : deliveries) {
    for (const auto& response : delivered->respondents.given) {
      for (const auto& answer : response.answers) {
        if (with_skips || !answer.rating.is_skip()) ++counts[answer.item_id + "/" + answer.scale_id];
      }
    }
  }
  return counts;
}

int count_in(const std::map<std::string, int>& counts, const std::string& key) {
  return counts.contains(key) ? counts.at(key) : 0;
}

// Devices that answered version 1 of the bundled packs (tests/fixtures/packs/v1) keep delivering
// those responses after version 2 is out, and the organiser reports on them with the version 2
// files. Every point kept its id, so version 1's answers count with version 2's; the points new in
// version 2 have only version 2's.
TEST(ReleasedVersions, Version1ResponsesAreReportedWithTheVersion2Packs) {
  const fs::path dir = scratch_dir("released_versions_" + std::to_string(getpid()));
  const std::string hub_db = (dir / "hub.db").string();
  ASSERT_EQ(run_process({PEILING_HUB_BIN, "init", "--db", hub_db}).exit_code, 0);
  const fs::path v1 = fs::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs" / "v1";
  const fs::path v2 = fs::path(PEILING_ASSETS_DIR) / "packs";
  const auto deliver = [&](const fs::path& pack, const std::string& as, int count, unsigned seed) {
    return deliver_respondents(hub_db, dir / as, json::parse(read_file(pack)), count, 0, seed);
  };
  const Delivery conference_v1 = deliver(v1 / "conference-2009-11-13.json", "conference-v1.json", 6, 1);
  const Delivery conference_v2 = deliver(v2 / "conference-2009-11-13.json", "conference-v2.json", 6, 2);
  const Delivery follow_up_v1 = deliver(v1 / "follow-up-2010-spring.json", "follow-up-v1.json", 5, 3);
  const Delivery follow_up_v2 = deliver(v2 / "follow-up-2010-spring.json", "follow-up-v2.json", 5, 4);
  ASSERT_EQ(conference_v1.pack.version, 1);
  ASSERT_EQ(conference_v2.pack.version, 2);
  ASSERT_EQ(follow_up_v1.pack.version, 1);
  ASSERT_EQ(follow_up_v2.pack.version, 2);
  for (const auto& point : conference_v1.pack.points) {
    EXPECT_NE(conference_v2.pack.point(point.id), nullptr) << point.id << " keeps its id in version 2";
  }
  const std::string conference_file = (dir / "conference-v2.json").string();
  const std::string follow_up_file = (dir / "follow-up-v2.json").string();

  // The report with the version 2 file: both versions counted, in version 2's words.
  const auto written = run_process({PEILING_HUB_BIN, "report", "--db", hub_db, "--pack-file", conference_file,
                                    "--format", "json", "--out", (dir / "report.json").string()});
  ASSERT_EQ(written.exit_code, 0) << written.output;
  const json report = json::parse(read_file(dir / "report.json"));
  EXPECT_EQ(report.at("pack").at("version"), 2);
  EXPECT_EQ(report.at("summary").at("responses"), 12);
  EXPECT_EQ(report.at("summary").at("pack_versions"), json::array({1, 2}));
  const auto rated = answered({&conference_v1, &conference_v2}, false);
  ASSERT_EQ(report.at("points").size(), conference_v2.pack.points.size());
  std::size_t new_points = 0;
  for (const auto& point : report.at("points")) {
    const std::string id = point.at("id");
    SCOPED_TRACE(id);
    EXPECT_EQ(point.at("title"), conference_v2.pack.point(id)->title.in("nl"));
    if (conference_v1.pack.point(id) == nullptr) ++new_points;
    for (const auto& scale : point.at("scales")) {
      const std::string key = id + "/" + scale.at("scale").get<std::string>();
      EXPECT_EQ(scale.at("rated"), count_in(rated, key)) << key;
    }
  }
  EXPECT_EQ(new_points, conference_v2.pack.points.size() - conference_v1.pack.points.size());
  int version_groups = 0;
  for (const auto& split : report.at("groups")) {
    if (split.at("dimension") != "pack_version") continue;
    for (const auto& group : split.at("groups")) {
      EXPECT_TRUE(group.at("key") == "1" || group.at("key") == "2") << group.at("key");
      EXPECT_EQ(group.at("responses"), 6);
      ++version_groups;
    }
  }
  EXPECT_EQ(version_groups, 2) << "the split by pack version shows both";

  // The series of the two version 2 files, over the responses of both versions of each.
  const auto series = run_process({PEILING_HUB_BIN, "report", "--series", "--db", hub_db, "--pack-file",
                                   follow_up_file, "--pack-file", conference_file, "--format", "xlsx",
                                   "--out", (dir / "series.xlsx").string()});
  ASSERT_EQ(series.exit_code, 0) << series.output;
  const auto read =
      run_process({"python3", (fs::path(PEILING_TEST_DATA_DIR) / "tools" / "xlsx-rows.py").string(),
                   (dir / "series.xlsx").string(), "Series"});
  ASSERT_EQ(read.exit_code, 0) << read.output;
  const json rows = json::parse(read.output);
  ASSERT_EQ(rows.size(), conference_v2.pack.points.size() + 1);
  const auto statuses = answered({&follow_up_v1, &follow_up_v2}, true);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const json& row = rows[r];
    const std::string point = row[1];
    SCOPED_TRACE(point);
    ASSERT_EQ(row[kFollowUpId], point) << "the version 2 follow-up refers to every point";
    EXPECT_EQ(row[kImportanceN], static_cast<double>(count_in(rated, point + "/importance")));
    EXPECT_EQ(row[kAnswered], static_cast<double>(count_in(statuses, point + "/status-since")));
    EXPECT_EQ(row[kAnswered], conference_v1.pack.point(point) ? 10.0 : 5.0)
        << "every follow-up respondent of a version that asks about the point answered it";
  }
}

}  // namespace
}  // namespace peiling::test
