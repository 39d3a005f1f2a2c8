// Scales whose values are 0 or negative (the pack format allows -100 to 100), from a tap on the
// real screens through the device store, the batch file (checked by Ajv against
// assets/schema/batch.schema.json), `peiling-hub import` and every report format, with the right
// means. One kiosk run makes the data for every test here; a pack of three points, so that both
// respondents rate the same ones.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/pack.hpp"
#include "script_run.hpp"
#include "store/device_store.hpp"
#include "support/process.hpp"

namespace peiling::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::vector<std::string> kPoints{"wg1-1", "wg1-2", "wg1-3"};
const std::vector<std::string> kMissed{"mo-1", "mo-2"};

// The bundled pack cut to three points and two missed opportunities, importance on -2..2 and
// feasibility on 0..4, with the contact opt-in on Review.
json ranged_pack() {
  json pack = json::parse(read_file(fs::path(PEILING_ASSETS_DIR) / "packs" / "conference-2009-11-13.json"));
  pack["id"] = "ranged-scales";
  pack["format"] = "peiling.pack/1.1";  // for the contact opt-in
  json points = json::array();
  for (json point : pack.at("points")) {
    if (std::find(kPoints.begin(), kPoints.end(), point.at("id")) == kPoints.end()) continue;
    point.erase("related");
    points.push_back(point);
  }
  pack["points"] = points;
  pack["top_n"]["from"] = kPoints;
  pack["settings"]["points_per_respondent"] = kPoints.size();
  pack["settings"]["contact_opt_in"] = true;
  json& missed = pack["missed_opportunities"]["items"];
  missed.erase(missed.begin() + static_cast<std::ptrdiff_t>(kMissed.size()), missed.end());
  for (json& scale : pack.at("scales")) {
    const int min = scale.at("id") == "importance" ? -2 : scale.at("id") == "feasibility" ? 0 : 1;
    const int shift = min - scale.at("min").get<int>();
    scale["min"] = min;
    scale["max"] = scale.at("max").get<int>() + shift;
  }
  return pack;
}

// One respondent: the same two values on every point, then the missed opportunities rated
// (recognisability 3) or paged past, a first choice, and Send.
std::string respondent_script(int importance, int feasibility, bool rate_missed, bool try_bad_address) {
  std::ostringstream s;
  s << "tap \"welcome.begin\"\ntap \"role.frontline\"\ntap \"nav.next\"\ntap \"nav.next\"\n"
       "tap \"vignette.skip\"\n";
  for (std::size_t i = 0; i < kPoints.size(); ++i) {
    s << "expect \"Punt " << i + 1 << "\"\n"
      << "tap \"importance." << importance << "\"\n"
      << "expect \"Opgeslagen\"\nexpect_not \"Opslagfout\"\n"
      << "wheel 400 400 -3\n"
      << "tap \"feasibility." << feasibility << "\"\n"
      << "tap \"nav.next\"\n";
  }
  for (std::size_t i = 0; i < kMissed.size(); ++i) {
    s << "expect \"Gemiste kans " << i + 1 << "\"\n";
    if (rate_missed) s << "tap \"recognisability.3\"\n";
    s << "tap \"nav.next\"\n";
  }
  s << "tap \"top.wg1-1\"\ntap \"nav.next\"\ntap \"nav.next\"\nexpect \"Klaar om te versturen?\"\n";
  if (try_bad_address) {
    // The store refuses the address in English; the respondent reads why in Dutch.
    s << "wheel 640 400 -20\ntap \"Uw e-mailadres\"\ntype \"geen adres\"\ntap \"review.send\"\n"
         "expect \"Dit is geen e-mailadres\"\nexpect_not \"is not an e-mail address\"\n"
         "expect_not \"Opslagfout\"\nscreenshot scale-values-bad-address.png\n"
         "wheel 640 400 -20\ntap \"Uw e-mailadres\"\nkey ctrl+a\nkey Backspace\n";
  }
  s << "tap \"review.send\"\nexpect \"Dank u wel!\"\nwait 8000\n";
  return s.str();
}

class ScaleValues : public ::testing::Test {
 protected:
  // The first test makes the data, and fails with the reason when that fails; the others then fail
  // too, pointing to it.
  void SetUp() override {
    static bool tried = false;
    static bool ready = false;
    if (!tried) {
      tried = true;
      prepare();
      ready = !HasFailure();
    }
    ASSERT_TRUE(ready) << "making the data failed: see the first test of the suite";
  }
  static void prepare() {
    // A folder per test: ctest runs each test in a process of its own, side by side.
    dir = new fs::path(scratch_dir(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    pack_file = (*dir / "pack.json").string();
    write_file(pack_file, ranged_pack().dump(2));
    const auto valid = run_process({PEILING_HUB_BIN, "pack", "validate", pack_file});
    ASSERT_EQ(valid.exit_code, 0) << valid.output;
    data = (*dir / "data").string();
    kiosk = new ProcessResult(run_script(
        dir->string(), respondent_script(-2, 0, true, true) + respondent_script(1, 3, false, false),
        {"--size", "1280x800", "--data-dir", data, "--pack", pack_file, "--seed", "13"}));
    ASSERT_EQ(kiosk->exit_code, 0) << kiosk->output;
    {
      auto store = store::DeviceStore::open(data);
      ASSERT_TRUE(store.ok()) << store.error().message;
      auto responses = store->unbatched_responses(10, false);
      ASSERT_TRUE(responses.ok()) << responses.error().message;
      stored = new std::vector<Response>(std::move(responses.value()));
    }
    const auto exported = run_process({PEILING_KIOSK_BIN, "--data-dir", data, "--pack", pack_file,
                                       "--export-batches", (*dir / "stick").string()});
    ASSERT_EQ(exported.exit_code, 0) << exported.output;
    hub_db = (*dir / "hub.db").string();
    ASSERT_EQ(run_process({PEILING_HUB_BIN, "init", "--db", hub_db}).exit_code, 0);
    const auto imported = run_process({PEILING_HUB_BIN, "import", "--db", hub_db, (*dir / "stick").string()});
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
  }
  static void TearDownTestSuite() {
    delete dir;
    delete kiosk;
    delete stored;
  }

  static ProcessResult report(const std::string& format, const std::string& file,
                              const std::string& language = "en") {
    return run_process({PEILING_HUB_BIN, "report", "--db", hub_db, "--format", format, "--out",
                        (*dir / file).string(), "--pack-file", pack_file, "--lang", language, "--k", "1"});
  }
  static json report_json() {
    const auto written = report("json", "report.json");
    EXPECT_EQ(written.exit_code, 0) << written.output;
    return json::parse(read_file(*dir / "report.json"));
  }
  static const json& scale_of(const json& items, const std::string& id, const std::string& scale) {
    for (const json& item : items) {
      if (item.at("id") != id) continue;
      for (const json& summary : item.at("scales"))
        if (summary.at("scale") == scale) return summary;
    }
    throw std::runtime_error("no " + id + " " + scale + " in the report");
  }

  static inline fs::path* dir = nullptr;
  static inline std::string pack_file, data, hub_db;
  static inline ProcessResult* kiosk = nullptr;
  static inline std::vector<Response>* stored = nullptr;
};

TEST_F(ScaleValues, NegativeAndZeroTapsAreStoredAsTapped) {
  ASSERT_EQ(stored->size(), 2u);
  std::map<int, int> respondents_by_importance;
  for (const Response& response : *stored) {
    EXPECT_EQ(response.status, ResponseStatus::complete);
    std::map<std::pair<std::string, std::string>, Rating> answers;
    for (const Answer& answer : response.answers)
      answers.emplace(std::pair{answer.item_id, answer.scale_id}, answer.rating);
    const Rating importance = answers.at({"wg1-1", "importance"});
    ++respondents_by_importance[importance.value()];
    const bool first = importance == Rating::of(-2);
    for (const std::string& point : kPoints) {
      EXPECT_EQ(answers.at({point, "importance"}), Rating::of(first ? -2 : 1)) << point;
      EXPECT_EQ(answers.at({point, "feasibility"}), Rating::of(first ? 0 : 3)) << point;
    }
  }
  EXPECT_EQ(respondents_by_importance, (std::map<int, int>{{-2, 1}, {1, 1}}));
}

TEST_F(ScaleValues, TheBatchWithNegativeAndZeroValuesMatchesTheBatchSchema) {
  const auto checked = run_process({(fs::path(PEILING_TEST_DATA_DIR) / "tools" / "check-schema").string(),
                                    PEILING_SCHEMA_TOOL_DIR, (*dir / "stick").string()});
  EXPECT_EQ(checked.exit_code, 0) << checked.output;
  EXPECT_NE(checked.output.find("1 extra batch file(s) accepted"), std::string::npos) << checked.output;
}

TEST_F(ScaleValues, EveryReportFormatGivesTheMeansOfNegativeAndZeroValues) {
  const json summary = report_json();
  ASSERT_EQ(summary.at("summary").at("responses"), 2) << summary.dump(2);
  for (const std::string& point : kPoints) {
    const json& importance = scale_of(summary.at("points"), point, "importance");
    EXPECT_EQ(importance.at("min"), -2);
    EXPECT_EQ(importance.at("rated"), 2) << point;
    EXPECT_DOUBLE_EQ(importance.at("mean").get<double>(), -0.5) << point;
    EXPECT_EQ(importance.at("distribution"), json::parse("[1, 0, 0, 1, 0]")) << point;
    const json& feasibility = scale_of(summary.at("points"), point, "feasibility");
    EXPECT_EQ(feasibility.at("min"), 0);
    EXPECT_DOUBLE_EQ(feasibility.at("mean").get<double>(), 1.5) << point;
    EXPECT_EQ(feasibility.at("distribution"), json::parse("[1, 0, 0, 1, 0]")) << point;
  }
  for (const json& point : summary.at("points")) {
    // The middle of -2..2 is 0 and of 0..4 is 2: both means are below it.
    EXPECT_EQ(point.at("quadrant"), "reconsider") << point.at("id");
  }

  ASSERT_EQ(report("csv", "answers.csv").exit_code, 0);
  const std::string csv = read_file(*dir / "answers.csv");
  for (const std::string& point : kPoints) {
    EXPECT_NE(csv.find("," + point + ",importance,-2,"), std::string::npos) << point;
    EXPECT_NE(csv.find("," + point + ",feasibility,0,"), std::string::npos) << point;
    EXPECT_NE(csv.find("," + point + ",importance,1,"), std::string::npos) << point;
  }

  ASSERT_EQ(report("xlsx", "report.xlsx").exit_code, 0);
  const auto rows =
      run_process({"python3", (fs::path(PEILING_TEST_DATA_DIR) / "tools" / "xlsx-rows.py").string(),
                   (*dir / "report.xlsx").string(), "Points"});
  ASSERT_EQ(rows.exit_code, 0) << rows.output;
  int points_with_both_means = 0;
  for (const json& row : json::parse(rows.output)) {
    const auto has = [&](const json& cell) { return std::find(row.begin(), row.end(), cell) != row.end(); };
    if (has(json(-0.5)) && has(json(1.5))) ++points_with_both_means;
  }
  EXPECT_EQ(points_with_both_means, static_cast<int>(kPoints.size()))
      << "each point's row holds both means: " << rows.output;

  ASSERT_EQ(report("html", "report.html").exit_code, 0);
  const std::string html = read_file(*dir / "report.html");
  EXPECT_NE(html.find("<b>-0.50</b>"), std::string::npos);
  EXPECT_NE(html.find("<b>1.50</b>"), std::string::npos);
}

// The second respondent pages past both missed opportunities without an answer: they were shown
// to both respondents and rated by one (main said "shown 1": it knew only of the answer).
TEST_F(ScaleValues, MissedOpportunitiesPagedPastCountAsShownAndNotRated) {
  for (const Response& response : *stored) EXPECT_EQ(response.missed_shown, kMissed) << response.id;
  const json summary = report_json();
  for (const std::string& item : kMissed) {
    const json& recognisability = scale_of(summary.at("other_items"), item, "recognisability");
    EXPECT_EQ(recognisability.at("shown"), 2) << item;
    EXPECT_EQ(recognisability.at("rated"), 1) << item;
    EXPECT_DOUBLE_EQ(recognisability.at("mean").get<double>(), 3.0) << item;
  }
  std::string batch;
  for (const auto& entry : fs::directory_iterator(*dir / "stick"))
    if (entry.is_regular_file() && entry.path().extension() == ".json") batch += read_file(entry.path());
  EXPECT_NE(batch.find(R"(\"missed_shown\":[\"mo-1\",\"mo-2\"])"), std::string::npos)
      << "the batch carries them (its payload is a JSON string inside the file)";
}

}  // namespace
}  // namespace peiling::test
