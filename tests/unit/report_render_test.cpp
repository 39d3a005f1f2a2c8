// The report's pieces without the command line: survey data read from both stores, CSV quoting,
// the live page the server sends for GET /live, through its route as peiling-hub serve adds it,
// and the report written from a hub by format.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/aggregation.hpp"
#include "report/hub_report.hpp"
#include "report/live_page.hpp"
#include "report/live_route.hpp"
#include "report/plenary.hpp"
#include "report/report_csv.hpp"
#include "report/report_html.hpp"
#include "support/process.hpp"
#include "sync_test_support.hpp"

namespace peiling::report {
namespace {

namespace fs = std::filesystem;

TEST(ReportCsv, FieldsAreQuotedOnlyWhenTheyHoldTheSeparatorAQuoteOrALineBreak) {
  EXPECT_EQ(csv_field("plain text", kRfc4180), "plain text");
  EXPECT_EQ(csv_field("a;b", kRfc4180), "a;b");
  EXPECT_EQ(csv_field("a;b", kExcelNl), "\"a;b\"");
  EXPECT_EQ(csv_field("a,b", kRfc4180), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\"", kExcelNl), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines", kRfc4180), "\"two\nlines\"");
  EXPECT_EQ(csv_field("cr\r", kRfc4180), "\"cr\r\"");
}

TEST(ReportHtml, EscapesMarkupAndShowsANulByteAsReplacement) {
  EXPECT_EQ(html_escape("<b>\"Tom\" & 'Jerry'</b>"),
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;");
  EXPECT_EQ(html_escape(std::string("a\0b", 3)), "a&#xFFFD;b");
}

// The fixture pack's respondents, made on a device in memory and taken in by a hub on disk as
// one batch.
class LivePage : public ::testing::Test {
 protected:
  void SetUp() override {
    pack = sync::test::fixture_pack();
    dir = peiling::test::scratch_dir(std::string("live_page_") +
                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    auto created = hub::HubStore::create(fs::path(dir) / "hub.db");
    ASSERT_TRUE(created.ok()) << created.error().message;
    hub.emplace(std::move(created.value()));
  }

  // respondents of the fixture pack; a hundred spread the points like a room would.
  void arrive(int respondents) {
    auto device = sync::test::open_device(pack);
    given = peiling::test::add_respondents(device, pack, respondents, 0, 13).given;
    const sync::VerifiedBatch envelope{device.device_id(), 1, std::string(32, 'k'), "sha-1", false, ""};
    const sync::BatchPayload payload{"batch-1", device.device_id(), 1, 0, given};
    auto ingested = hub->ingest({envelope, payload, "batch-1.json"}, false);
    ASSERT_TRUE(ingested.ok()) << ingested.error().message;
    ASSERT_EQ(ingested->responses_added, respondents);
  }

  Pack pack;
  std::string dir;
  std::optional<hub::HubStore> hub;
  std::vector<Response> given;
};

TEST_F(LivePage, ShowsTheTopChoicesAndTheQuadrantAndReloadsEveryTenSeconds) {
  arrive(100);
  auto page = live_page(*hub, pack, "nl");
  ASSERT_TRUE(page.ok()) << page.error().message;
  const std::string& html = page.value();
  peiling::test::write_file(dir + "/live-nl.html", html);  // to look at in a browser
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<html lang=\"nl\">"), std::string::npos);
  EXPECT_NE(html.find("<meta http-equiv=\"refresh\" content=\"10\">"), std::string::npos);
  EXPECT_NE(html.find("Wat vindt de zaal?"), std::string::npos);
  EXPECT_NE(html.find("<svg class=\"scatter live\""), std::string::npos);
  EXPECT_NE(html.find("Reacties: 100"), std::string::npos);
  // The point chosen most often leads the list.
  auto data = hub->survey_data(pack.id);
  ASSERT_TRUE(data.ok()) << data.error().message;
  const Aggregate expected = aggregate(data.value(), pack, {5, false});
  ASSERT_FALSE(expected.top_n.empty());
  const std::string best(pack.point(expected.points[expected.top_n.front()].item_id)->title.in("nl"));
  const auto first_row = html.find("<td class=\"n\">1</td><td>");
  ASSERT_NE(first_row, std::string::npos);
  EXPECT_EQ(html.find(html_escape(best)), first_row + std::string("<td class=\"n\">1</td><td>").size());
  for (const char* external : {"http://", "https://", "src=", "url("}) {
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  }
}

TEST_F(LivePage, InEnglishForAnyOtherLanguage) {
  arrive(6);
  auto page = live_page(*hub, pack, "fr");
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_NE(page->find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(page->find("What does the room think?"), std::string::npos);
}

TEST_F(LivePage, FewerResponsesThanKShowNoFigures) {
  arrive(4);  // the fixture pack's min_group_size is 5
  auto page = live_page(*hub, pack, "en");
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_NE(page->find("There are 4 response(s), fewer than 5: no results are shown."), std::string::npos);
  EXPECT_EQ(page->find("<svg class=\"scatter live\""), std::string::npos);
  EXPECT_EQ(page->find("<table class=\"top\""), std::string::npos);
}

// GET /live as HubApi answers it, without a socket: the route peiling-hub serve adds.
class LiveRoute : public LivePage {
 protected:
  hub::HttpResponse get(std::optional<Pack> fixed, hub::QueryParams query = {},
                        std::string_view path = kLivePath) {
    hub::HubApi api(*hub, {.db = fs::path(dir) / "hub.db"});
    add_live_routes(api, std::move(fixed));
    return api.handle({"GET", std::string(path), std::move(query), std::nullopt, ""});
  }

  void publish_fixture() {
    auto file = load_pack_file(fs::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs" / "valid-minimal.json");
    ASSERT_TRUE(file.ok()) << file.errors().joined();
    auto published = hub->publish_pack({file->pack.id, file->pack.version}, file->bytes);
    ASSERT_TRUE(published.ok()) << published.error().message;
  }
};

TEST_F(LiveRoute, AnswersTheWholePageInThePacksFirstLanguageWithTheRefresh) {
  arrive(8);
  const hub::HttpResponse page = get(pack);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("<html lang=\"" + pack.languages.front() + "\">"), std::string::npos);
  EXPECT_NE(page.body.find("<meta http-equiv=\"refresh\" content=\"10\">"), std::string::npos);
  EXPECT_NE(page.body.find("<svg class=\"scatter live\""), std::string::npos);
  EXPECT_NE(page.body.find("Reacties: 8"), std::string::npos);
  const hub::HttpResponse english = get(pack, {{"lang", "en"}});
  ASSERT_EQ(english.status, 200) << english.body;
  EXPECT_NE(english.body.find("What does the room think?"), std::string::npos);
}

TEST_F(LiveRoute, AnUnknownLanguageIs400WithAPageSayingWhichOnesExist) {
  arrive(8);
  const hub::HttpResponse page = get(pack, {{"lang", "fr<b>"}});
  EXPECT_EQ(page.status, 400);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("lang=fr&lt;b&gt; is not a language of the live page"), std::string::npos);
  EXPECT_NE(page.body.find("/live?lang=nl"), std::string::npos);
}

TEST_F(LiveRoute, FewerResponsesThanKShowOnlyTheCount) {
  arrive(4);  // the fixture pack's min_group_size is 5
  const hub::HttpResponse page = get(pack, {{"lang", "en"}});
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("There are 4 response(s), fewer than 5: no results are shown."),
            std::string::npos);
  EXPECT_EQ(page.body.find("<table class=\"top\""), std::string::npos);
  EXPECT_EQ(page.body.find("<svg class=\"scatter live\""), std::string::npos);
}

TEST_F(LiveRoute, WithoutAPackAndNothingPublishedItSaysHowToGiveOneAndKeepsReloading) {
  arrive(8);
  const hub::HttpResponse page = get(std::nullopt);
  EXPECT_EQ(page.status, 404);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("No pack to show"), std::string::npos);
  EXPECT_NE(page.body.find("--pack-file"), std::string::npos);
  EXPECT_NE(page.body.find("peiling-hub pack publish"), std::string::npos);
  EXPECT_NE(page.body.find("<meta http-equiv=\"refresh\" content=\"10\">"), std::string::npos);
}

TEST_F(LiveRoute, WithoutAPackItShowsThePackPublishedOnTheHubOnceItIs) {
  arrive(8);
  ASSERT_EQ(get(std::nullopt).status, 404);
  publish_fixture();
  const hub::HttpResponse page = get(std::nullopt, {{"lang", "en"}});
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Responses: 8"), std::string::npos);
}

TEST_F(LiveRoute, APublishedPackChangedInTheDatabaseIsRefusedNotShown) {
  arrive(8);
  publish_fixture();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((fs::path(dir) / "hub.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(db, "UPDATE published_packs SET signed_file = replace(signed_file, 'Eerste', 'Laatste')",
                   nullptr, nullptr, nullptr),
      SQLITE_OK);
  EXPECT_EQ(sqlite3_changes(db), 1);
  sqlite3_close(db);
  const hub::HttpResponse page = get(std::nullopt);
  EXPECT_EQ(page.status, 404);
  EXPECT_NE(page.body.find("does not verify with the hub key"), std::string::npos) << page.body;
  EXPECT_EQ(page.body.find("Laatste"), std::string::npos);
}

// The version a page was served with, from its <meta name="peiling-live-version">.
std::string served_version(const hub::HttpResponse& page) {
  const std::string tag = "<meta name=\"peiling-live-version\" content=\"";
  const auto at = page.body.find(tag);
  if (at == std::string::npos) return "(none)";
  const auto start = at + tag.size();
  return page.body.substr(start, page.body.find('"', start) - start);
}

std::string state_version(const hub::HttpResponse& state) {
  EXPECT_EQ(state.content_type, "application/json");
  return nlohmann::json::parse(state.body).at("version").get<std::string>();
}

// The chair's switch reaches the projector within the second the page polls: every page carries
// the version /live/state answers while nothing changes, and a switch changes it.
TEST_F(LiveRoute, EveryPagePollsTheStateAndItsVersionChangesWithEachSwitch) {
  arrive(8);
  std::vector<std::string> versions;
  for (const auto what : {PlenarySwitch::hide, PlenarySwitch::show, PlenarySwitch::freeze}) {
    const hub::HttpResponse before = get(pack, {{"lang", "en"}});
    ASSERT_EQ(before.status, 200) << before.body;
    EXPECT_NE(before.body.find("fetch(\"/live/state\""), std::string::npos);
    EXPECT_EQ(served_version(before), state_version(get(pack, {}, kLiveStatePath)));
    versions.push_back(served_version(before));
    ASSERT_TRUE(switch_plenary(*hub, pack, what, "chair", "cli").ok());
    EXPECT_NE(state_version(get(pack, {}, kLiveStatePath)), versions.back());
  }
  // Frozen: the stored page polls with the freeze's version, so it does not reload in a loop, and
  // responses arriving meanwhile change neither.
  const hub::HttpResponse frozen = get(pack, {{"lang", "en"}});
  const std::string frozen_version = served_version(frozen);
  EXPECT_EQ(frozen_version, state_version(get(pack, {}, kLiveStatePath)));
  EXPECT_EQ(nlohmann::json::parse(get(pack, {}, kLiveStatePath).body).at("state"), "frozen");
  arrive(3);
  EXPECT_EQ(get(pack, {{"lang", "en"}}).body, frozen.body);
  EXPECT_EQ(state_version(get(pack, {}, kLiveStatePath)), frozen_version);
  versions.push_back(frozen_version);
  EXPECT_EQ(std::set<std::string>(versions.begin(), versions.end()).size(), versions.size());
}

TEST_F(LiveRoute, WithoutAPackTheStateSaysSoAndChangesOncePublished) {
  const hub::HttpResponse page = get(std::nullopt);
  ASSERT_EQ(page.status, 404);
  EXPECT_EQ(served_version(page), "no-pack");
  EXPECT_EQ(state_version(get(std::nullopt, {}, kLiveStatePath)), "no-pack");
  publish_fixture();
  const hub::HttpResponse state = get(std::nullopt, {}, kLiveStatePath);
  EXPECT_EQ(state.status, 200);
  EXPECT_NE(state_version(state), "no-pack");
  EXPECT_EQ(nlohmann::json::parse(state.body).at("pack"), "fixture-minimal");
  EXPECT_EQ(served_version(get(std::nullopt)), state_version(state));
}

TEST_F(LivePage, HubAndDeviceReadTheSameSurveyData) {
  arrive(9);
  auto device = sync::test::open_device(pack);
  const auto made = peiling::test::add_respondents(device, pack, 9, 2, 13);
  auto from_hub = hub->survey_data(pack.id);
  auto from_device = device.survey_data(pack.id);
  ASSERT_TRUE(from_hub.ok() && from_device.ok());
  std::size_t answers = 0, comments = 0;
  for (const auto& response : given) answers += response.answers.size(), comments += response.comments.size();
  EXPECT_EQ(from_hub->responses.size(), 9u);
  EXPECT_EQ(from_hub->ratings.size(), answers);
  EXPECT_EQ(from_hub->comments.size(), comments);
  // The same seed made the same answers on the device, plus two abandoned responses.
  EXPECT_EQ(from_device->responses.size(), 11u);
  const Aggregate on_hub = aggregate(from_hub.value(), pack, {1, false});
  const Aggregate on_device = aggregate(from_device.value(), pack, {1, false});
  ASSERT_EQ(on_hub.points.size(), on_device.points.size());
  EXPECT_EQ(on_device.abandoned_excluded, 2);
  for (std::size_t i = 0; i < on_hub.points.size(); ++i) {
    EXPECT_EQ(on_hub.points[i].item_id, on_device.points[i].item_id);
    EXPECT_EQ(on_hub.points[i].rank_score, on_device.points[i].rank_score);
    EXPECT_EQ(on_hub.points[i].scales[0].distribution, on_device.points[i].scales[0].distribution);
  }
}

// `peiling-hub report` without the process: the pack it is about, what it counted, the file.
class HubReport : public LiveRoute {
 protected:
  ReportRequest request(Format format, const std::string& file) const {
    ReportRequest made;
    made.db = fs::path(dir) / "hub.db";
    made.format = format;
    made.out = fs::path(dir) / file;
    return made;
  }

  const std::string pack_file =
      (fs::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs" / "valid-minimal.json").string();
};

TEST_F(HubReport, WithoutAPackFileIsOnThePackPublishedOnTheHub) {
  arrive(8);
  publish_fixture();
  auto written = write_report(request(Format::json, "report.json"));
  ASSERT_TRUE(written.ok()) << written.errors().joined();
  EXPECT_EQ(written->responses, 8);
  EXPECT_EQ(written->k, 5) << "the pack's min_group_size";
  EXPECT_FALSE(written->withheld);
  EXPECT_EQ(nlohmann::json::parse(peiling::test::read_file(fs::path(dir) / "report.json")).at("format"),
            kReportFormat);
}

TEST_F(HubReport, WithNoPackPublishedSaysHowToGiveOne) {
  arrive(8);
  const ReportRequest asked = request(Format::html, "report.html");
  auto written = write_report(asked);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.errors().joined(),
            "no pack is published on this hub: publish the pack (peiling-hub pack publish --db " +
                asked.db.string() + " PACK.json) or give its file with --pack-file.");
  EXPECT_FALSE(fs::exists(asked.out));
}

TEST_F(HubReport, APackIdOtherThanThePackFilesIsRefused) {
  ReportRequest asked = request(Format::html, "report.html");
  asked.pack_files = {pack_file};
  asked.pack_id = "another-pack";
  auto written = write_report(asked);
  ASSERT_FALSE(written.ok());
  EXPECT_NE(written.errors().joined().find("--pack another-pack is not the pack in " + pack_file),
            std::string::npos);
  asked.pack_files.push_back(pack_file);
  EXPECT_EQ(write_report(asked).errors().joined(), "give one --pack-file, or two with --series.");
}

TEST_F(HubReport, CsvInDutchIsSeparatedBySemicolonsForDutchExcel) {
  arrive(8);
  for (const std::string language : {"nl", "en"}) {
    ReportRequest asked = request(Format::csv, "answers-" + language + ".csv");
    asked.pack_files = {pack_file};
    asked.language = language;
    ASSERT_TRUE(write_report(asked).ok());
    const std::string text = peiling::test::read_file(asked.out);
    const char separator = language == "nl" ? ';' : ',';
    EXPECT_EQ(text.substr(0, text.find("\r\n")),
              std::string("\xEF\xBB\xBFresponse_id") + separator + "pack_id" + separator + "pack_version" +
                  separator + "status" + separator + "late" + separator + "role" + separator + "item" +
                  separator + "scale" + separator + "value" + separator + "comment");
  }
}

TEST(ReportFormat, EachNameReadsBackAsItsFormat) {
  for (const Format format : {Format::html, Format::csv, Format::xlsx, Format::json})
    EXPECT_EQ(format_named(to_string(format)), format);
  EXPECT_FALSE(format_named("pdf").has_value());
}

TEST(HubSeriesReport, NeedsTwoPackFilesAndHtmlOrXlsxBeforeItOpensTheHub) {
  ReportRequest asked;
  asked.db = "no-such-hub.db";
  asked.pack_files = {"first.json"};
  EXPECT_EQ(write_series_report(asked).errors().joined(),
            "--series needs two --pack-file: the first pack and its follow-up.");
  asked.pack_files.push_back("follow-up.json");
  asked.format = Format::csv;
  EXPECT_EQ(write_series_report(asked).errors().joined(), "--series writes --format html or xlsx.");
}

}  // namespace
}  // namespace peiling::report
