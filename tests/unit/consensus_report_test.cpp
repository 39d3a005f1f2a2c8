// "Supported across roles" in the HTML, JSON and XLSX reports and on /live, from the hand-worked
// fixture (tests/support/consensus_fixture.hpp): what each shows, in which order, and that no role
// group under k appears on its own.
#include <gtest/gtest.h>

#include "report/report_consensus.hpp"
#include "report/report_html.hpp"
#include "report/report_json.hpp"
#include "report/report_text.hpp"
#include "support/consensus_fixture.hpp"

namespace peiling::report {
namespace {

class SupportedAcrossRoles : public ::testing::Test {
 protected:
  Pack pack = test::fixture_pack();
  Aggregate aggregate = peiling::aggregate(test::consensus_fixture().data, pack, {5, false});

  std::string title(std::string_view id) const { return html_escape(item_title(pack, id, "en")); }
};

// Where the text of after starts in html, after the text of heading.
std::size_t after(const std::string& html, std::string_view heading, const std::string& text) {
  const auto from = html.find(heading);
  return from == std::string::npos ? std::string::npos : html.find(text, from);
}

TEST_F(SupportedAcrossRoles, HtmlPutsThePointEveryRoleSupportsFirstAndTheMajoritysFirstByMean) {
  const std::string html = consensus_section_html(aggregate, pack, "en");
  ASSERT_EQ(html.rfind("<section id=\"consensus\"><h2>Supported across roles</h2>", 0), 0u) << html;
  EXPECT_LT(after(html, "Most widely supported", title("wg1-1")),
            after(html, "Most widely supported", title("wg2-1")));
  EXPECT_LT(after(html, "Highest by mean", title("wg2-1")), after(html, "Highest by mean", title("wg1-1")));
  // The two shown groups, with their sizes; frontline (6) and other (3) only inside the merged one.
  EXPECT_NE(html.find("Executive (n 14)"), std::string::npos);
  EXPECT_NE(html.find("merged: Front line, Other (n 9)"), std::string::npos);
  EXPECT_EQ(html.find("Front line (n 6)"), std::string::npos);
  EXPECT_EQ(html.find("Other (n 3)"), std::string::npos);
  // wg1-1: 0.852, every group 100%; wg2-1: 0.341, merged 33%, and the only one that differs.
  EXPECT_NE(html.find(">0.852</td>"), std::string::npos);
  EXPECT_NE(html.find(">0.341</td>"), std::string::npos);
  EXPECT_NE(html.find(">33%</td>"), std::string::npos);
  const auto differ = html.find("Where the roles differ most");
  ASSERT_NE(differ, std::string::npos);
  EXPECT_NE(html.find(">67 pp</td>", differ), std::string::npos);
  EXPECT_EQ(html.find(title("wg1-1"), differ), std::string::npos) << "all roles agree on wg1-1";
  EXPECT_EQ(html.find(title("plenary-1")), std::string::npos) << "nobody rated plenary-1";
  EXPECT_NE(html.find("rated 4 or higher on Importance"), std::string::npos);
}

TEST_F(SupportedAcrossRoles, JsonHasTheScoresTheSharesAndTheThreeOrders) {
  const nlohmann::json json = consensus_json(aggregate, pack, "en");
  ASSERT_TRUE(json.at("available").get<bool>());
  EXPECT_EQ(json.at("scale"), "importance");
  EXPECT_EQ(json.at("agree_from"), 4);
  EXPECT_EQ(json.at("by_score"), (nlohmann::json{"wg1-1", "wg2-1"}));
  EXPECT_EQ(json.at("by_mean"), (nlohmann::json{"wg2-1", "wg1-1"}));
  EXPECT_EQ(json.at("by_spread"), (nlohmann::json{"wg2-1", "wg1-1"}));
  ASSERT_EQ(json.at("groups").size(), 2u);
  EXPECT_EQ(json.at("groups")[1].at("responses"), 9);
  const auto& majority = json.at("points")[0];
  EXPECT_EQ(majority.at("point"), "wg2-1");
  EXPECT_NEAR(majority.at("score").get<double>(), 15.0 / 16 * 4 / 11, 1e-12);
  EXPECT_EQ(majority.at("groups")[1], (nlohmann::json{{"agree", 3}, {"rated", 9}, {"share", 3.0 / 9}}));
}

TEST_F(SupportedAcrossRoles, TheRolesSheetListsByConsensusThenTheUnratedInPackOrderWithoutAScore) {
  WorkbookRecord book;
  consensus_sheet(book, aggregate, pack, "en");
  ASSERT_EQ(book.sheets.size(), 1u);
  const auto& sheet = book.sheets.front();
  EXPECT_EQ(sheet.name, "Roles");
  std::vector<std::string> ids;
  bool unrated_has_score = false;
  for (const auto& cell : sheet.cells) {
    if (cell.column == 1 && cell.row > 0) ids.push_back(book.texts.substr(cell.offset, cell.size));
    if (cell.row >= 3 && cell.column == 5) unrated_has_score = true;
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"wg1-1", "wg2-1", "plenary-1", "visit-1"}));
  EXPECT_FALSE(unrated_has_score);
  ASSERT_TRUE(sheet.header_row);
  EXPECT_EQ(sheet.header_row->second, 8) << "#, id, point, rank, mean, consensus, difference, two groups";
}

TEST_F(SupportedAcrossRoles, TheLivePageNamesThePointEveryRoleSupportsFirst) {
  const std::string html = consensus_live_html(aggregate, pack, "nl");
  ASSERT_NE(html.find("Het breedst gedragen, over alle rollen"), std::string::npos) << html;
  EXPECT_LT(html.find(html_escape(item_title(pack, "wg1-1", "nl"))),
            html.find(html_escape(item_title(pack, "wg2-1", "nl"))));
  EXPECT_NE(html.find("in elke rol ten minste 33%"), std::string::npos) << "wg2-1's least supporting group";
}

TEST(SupportedAcrossRolesWithOneGroup, SaysWhyAndShowsNoShares) {
  const Pack pack = test::fixture_pack();
  test::SurveyBuilder b;
  for (int i = 0; i < 9; ++i) b.rate(b.add(std::string("executive")), "wg1-1", "importance", 5);
  const Aggregate aggregate = peiling::aggregate(b.data, pack, {5, false});
  const std::string html = consensus_section_html(aggregate, pack, "en");
  EXPECT_NE(html.find("Comparing the roles needs at least two role groups of 5 or more responses; this "
                      "report has 1."),
            std::string::npos)
      << html;
  EXPECT_EQ(html.find("%"), std::string::npos);
  EXPECT_FALSE(consensus_json(aggregate, pack, "en").at("available").get<bool>());
  EXPECT_EQ(consensus_live_html(aggregate, pack, "en"), "");
}

}  // namespace
}  // namespace peiling::report
