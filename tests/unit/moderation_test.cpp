// Moderation for the big screen (issue 17): the flagger, the hub's queue of comments and open
// answers with its decisions, and the "From the room" panel of /live, which shows approved texts
// only, none under k complete responses, and names no point or role of a group under k.
#include "hub/moderation.hpp"

#include <gtest/gtest.h>

#include <set>

#include "report/hub_report.hpp"
#include "report/live_page.hpp"
#include "report/live_room.hpp"
#include "support/process.hpp"
#include "sync_test_support.hpp"

namespace peiling::report {
namespace {

namespace fs = std::filesystem;
using hub::Moderation;

std::vector<std::string> flags_of(std::string_view text) {
  static const hub::FlagWords words = hub::load_flag_words();
  std::vector<std::string> out;
  for (const auto flag : hub::text_flags(text, words)) out.emplace_back(flag);
  return out;
}

using Flags = std::vector<std::string>;

TEST(Flagger, MarksEmailPhoneNamesAndListedWordsAndLeavesOrdinaryRemarksAlone) {
  EXPECT_EQ(flags_of("Mail piet.jansen@example.nl maar"), Flags{"e-mail address"});
  EXPECT_EQ(flags_of("bel 06-12345678"), Flags{"phone number"});
  EXPECT_EQ(flags_of("bel +31 (0)20 123 4567 even"), Flags{"phone number"});
  EXPECT_EQ(flags_of("Jan Jansen regelt dat nooit"), Flags{"name"});
  EXPECT_EQ(flags_of("vraag het aan Jan van der Berg"), Flags{"name"});
  EXPECT_EQ(flags_of("meneer Bakker weet het"), Flags{"name"});
  EXPECT_EQ(flags_of("Ask Mary Smith about it"), Flags{"name"});
  EXPECT_EQ(flags_of("wat een KLOTE plan"), Flags{"word list"});
  EXPECT_EQ(flags_of("This is bullshit."), Flags{"word list"});
  // Not flagged: a sentence's first word, a stop word beside a capital, dates, small numbers.
  EXPECT_EQ(flags_of("De Raad moet beter luisteren."), Flags{});
  EXPECT_EQ(flags_of("Meer tijd voor overleg, graag. Op 13-11-2009 al gezegd."), Flags{});
  EXPECT_EQ(flags_of("The Board listens. In March we try again, 3 of 4 teams."), Flags{});
  EXPECT_EQ(flags_of("Zo\xC3\xAB zegt: \"\xC3\xA9\xC3\xA9n loket\""), Flags{});
  EXPECT_EQ(flags_of("e-mail me @ the desk."), Flags{});
  EXPECT_EQ(flags_of("Bel Jan Jansen op 0612345678 of jan@example.org"),
            (Flags{"e-mail address", "phone number", "name"}));
}

TEST(Flagger, TheWordListIsTheOrganisersFileReadAnew) {
  const auto dir = fs::path(peiling::test::scratch_dir("flag_words"));
  peiling::test::write_file((dir / "flag-words.txt").string(), "# ours\n  Pietje \r\n\nprojectx\n");
  peiling::test::write_file((dir / "stop-words.txt").string(), "zaal\n");
  const hub::FlagWords words = hub::load_flag_words(dir);
  EXPECT_EQ(words.flagged, (std::set<std::string, std::less<>>{"pietje", "projectx"}));
  EXPECT_FALSE(hub::text_flags("vraag PIETJE", words).empty());
  EXPECT_TRUE(hub::text_flags("Zaal Twee was koud", words).empty()) << "zaal is a stop word here";
  EXPECT_TRUE(hub::load_flag_words(dir / "none").flagged.empty()) << "a missing file is an empty list";
}

// The comments of a room: 100 respondents of the fixture pack, two scripted comments each on the
// points they were shown, among them names, an e-mail address and a phone number.
class RoomComments : public ::testing::Test {
 protected:
  void SetUp() override {
    pack = sync::test::fixture_pack();
    dir = peiling::test::scratch_dir(std::string("moderation_") +
                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    auto created = hub::HubStore::create(fs::path(dir) / "hub.db");
    ASSERT_TRUE(created.ok()) << created.error().message;
    hub.emplace(std::move(created.value()));
  }

  static std::string scripted(int n) {
    const std::string marker = "zaalstem-" + std::to_string(n) + " ";
    switch (n % 10) {
      case 3:
        return marker + "vraag Jan de Vries, die weet het";
      case 5:
        return marker + "mail me: anna.bakker@example.nl";
      case 7:
        return marker + "bel 06-98765432 voor meer";
      default:
        return marker + "meer ruimte voor overleg in het team";
    }
  }

  // respondents of the fixture pack with two scripted comments each; the first two are the only
  // ones in role "other" (a group under k).
  void arrive(int respondents) {
    auto device = sync::test::open_device(pack);
    given = peiling::test::add_respondents(device, pack, respondents, 0, 17).given;
    int n = 0;
    for (std::size_t r = 0; r < given.size(); ++r) {
      Response& response = given[r];
      response.role = r < 2 ? "other" : (r % 2 ? "executive" : "frontline");
      response.open_answers.clear();
      response.comments.clear();
      for (std::size_t i = 0; i < 2; ++i) {
        response.comments.push_back({response.points_shown[i], scripted(n), 1, response.started_at + 1 + n});
        ++n;
      }
      std::sort(response.comments.begin(), response.comments.end(),
                [](const TextEntry& a, const TextEntry& b) { return a.key < b.key; });
    }
    const sync::VerifiedBatch envelope{device.device_id(), 1, std::string(32, 'k'), "sha-1", false, ""};
    const sync::BatchPayload payload{"batch-1", device.device_id(), 1, 0, given};
    auto ingested = hub->ingest({envelope, payload, "batch-1.json"}, false);
    ASSERT_TRUE(ingested.ok()) << ingested.error().message;
    ASSERT_EQ(ingested->responses_added, respondents);
  }

  std::vector<hub::QueuedText> queue() {
    auto read = hub->moderation_queue(pack.id);
    EXPECT_TRUE(read.ok()) << read.error().message;
    return read.ok() ? read.value() : std::vector<hub::QueuedText>{};
  }

  // The scripted numbers of the comments in html.
  static std::set<int> markers_in(const std::string& html) {
    std::set<int> found;
    for (auto at = html.find("zaalstem-"); at != std::string::npos; at = html.find("zaalstem-", at + 1))
      found.insert(std::stoi(html.substr(at + 9)));
    return found;
  }

  Pack pack;
  std::string dir;
  std::optional<hub::HubStore> hub;
  std::vector<Response> given;
};

TEST_F(RoomComments, OnlyApprovedCommentsEverReachTheLivePageOverAHundredReloads) {
  arrive(100);
  const auto waiting = queue();
  ASSERT_EQ(waiting.size(), 200u) << "every comment is on the queue";
  for (std::size_t i = 1; i < waiting.size(); ++i)
    EXPECT_GE(waiting[i - 1].written_at, waiting[i].written_at) << "newest first";
  const hub::FlagWords words = hub::load_flag_words();
  std::set<int> flagged, approved, hidden;
  std::vector<std::string> approve_ids, hide_ids;
  for (const auto& text : waiting) {
    EXPECT_EQ(text.state, Moderation::pending);
    const int n = std::stoi(text.text.substr(9));
    if (!hub::text_flags(text.text, words).empty()) {
      flagged.insert(n);
      if (n % 20 == 3) {  // the moderator hides some flagged ones and leaves the rest waiting
        hidden.insert(n);
        hide_ids.push_back(text.id);
      }
    } else if (n % 4 == 0) {
      approved.insert(n);
      approve_ids.push_back(text.id);
    } else if (n % 4 == 1) {
      hidden.insert(n);
      hide_ids.push_back(text.id);
    }
  }
  EXPECT_EQ(flagged.size(), 60u) << "names, e-mail addresses and phone numbers: 3 in every 10";
  ASSERT_TRUE(hub->moderate(approve_ids, Moderation::approved, "anna", "cli").ok());
  ASSERT_TRUE(hub->moderate(hide_ids, Moderation::hidden, "anna", "cli").ok());
  auto audit = hub->audit_log(1000);
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ(audit->size(), approve_ids.size() + hide_ids.size()) << "every decision is in the audit log";
  EXPECT_EQ(audit->front().action, "comment-hide");
  EXPECT_EQ(audit->front().detail.find("zaalstem"), std::string::npos) << "the log names ids, not content";

  std::set<int> seen;
  for (int reload = 0; reload < 100; ++reload) {
    const std::string language = reload % 2 ? "en" : "nl";
    auto page = live_page(*hub, pack, language, 1'800'000'000'000 + reload * 10'000);
    ASSERT_TRUE(page.ok()) << page.error().message;
    const auto shown = markers_in(page.value());
    EXPECT_LE(shown.size(), kRoomPanelTexts);
    for (const int n : shown) EXPECT_TRUE(approved.contains(n)) << "reload " << reload << " shows " << n;
    EXPECT_EQ(page->find("@example.nl"), std::string::npos);
    EXPECT_EQ(page->find("98765432"), std::string::npos);
    EXPECT_EQ(page->find("Vries"), std::string::npos);
    EXPECT_NE(page->find(language == "nl" ? "Uit de zaal" : "From the room"), std::string::npos);
    seen.insert(shown.begin(), shown.end());
  }
  EXPECT_EQ(seen, approved) << "the panel cycles through every approved comment";

  // Hiding an approved one takes it off the screen; approving a flagged one is the moderator's call.
  const auto now = queue();
  std::string first_approved;
  for (const auto& text : now)
    if (text.state == Moderation::approved) first_approved = text.id;
  ASSERT_TRUE(hub->moderate({first_approved}, Moderation::hidden, "anna", "cli").ok());
  int approved_now = 0;
  for (const auto& text : queue()) approved_now += text.state == Moderation::approved;
  EXPECT_EQ(approved_now, static_cast<int>(approved.size()) - 1);
}

TEST_F(RoomComments, UnderKCompleteResponsesNoCommentAppears) {
  arrive(4);
  std::vector<std::string> ids;
  for (const auto& text : queue()) ids.push_back(text.id);
  ASSERT_EQ(ids.size(), 8u);
  ASSERT_TRUE(hub->moderate(ids, Moderation::approved, "anna", "cli").ok());
  for (int reload = 0; reload < 10; ++reload) {
    auto page = live_page(*hub, pack, "en", 1'800'000'000'000 + reload * 10'000);
    ASSERT_TRUE(page.ok());
    EXPECT_TRUE(markers_in(page.value()).empty()) << page.value();
    EXPECT_EQ(page->find("From the room"), std::string::npos);
  }
}

TEST_F(RoomComments, APanelNamesThePointButNotARoleWhoseGroupIsUnderK) {
  arrive(100);
  std::vector<std::string> small_role, executive, frontline;
  for (const auto& text : queue()) {
    if (text.role == "other") small_role.push_back(text.id);
    if (text.role == "executive" && executive.size() < 2) executive.push_back(text.id);
    if (text.role == "frontline" && frontline.size() < 2) frontline.push_back(text.id);
  }
  ASSERT_EQ(small_role.size(), 4u) << "two respondents, two comments each";
  ASSERT_TRUE(hub->moderate(small_role, Moderation::approved, "anna", "cli").ok());
  auto page = live_page(*hub, pack, "en", 1'800'000'000'000);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(markers_in(page.value()).size(), 3u);
  EXPECT_NE(page->find("test point</small>"), std::string::npos)
      << "the point's group has k: " << page.value();
  EXPECT_EQ(page->find("Other"), std::string::npos) << "role other has 2 respondents, under k";
  // "other" (2) is under k, so the report merges it with the smaller of the two large roles; only
  // the role left standing alone may be named, else "other" could be told from the total.
  ASSERT_TRUE(hub->moderate(executive, Moderation::approved, "anna", "cli").ok());
  ASSERT_TRUE(hub->moderate(frontline, Moderation::approved, "anna", "cli").ok());
  bool executive_named = false, frontline_named = false;
  for (int reload = 0; reload < 20; ++reload) {
    auto again = live_page(*hub, pack, "en", 1'800'000'000'000 + reload * 10'000);
    ASSERT_TRUE(again.ok());
    executive_named = executive_named || again->find(" \xc2\xb7 Executive</small>") != std::string::npos;
    frontline_named = frontline_named || again->find(" \xc2\xb7 Front line</small>") != std::string::npos;
    EXPECT_EQ(again->find("Other"), std::string::npos);
  }
  EXPECT_NE(executive_named, frontline_named)
      << "one large role stands alone and is named, the merged one not";
}

TEST_F(RoomComments, ReportsKeepEveryCommentAndSayHowManyWereApprovedAndHidden) {
  arrive(20);
  const auto texts = queue();
  ASSERT_EQ(texts.size(), 40u);
  ASSERT_TRUE(
      hub->moderate({texts[0].id, texts[1].id, texts[2].id}, Moderation::approved, "anna", "cli").ok());
  ASSERT_TRUE(hub->moderate({texts[3].id}, Moderation::hidden, "anna", "cli").ok());
  const auto pack_file = fs::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs" / "valid-minimal.json";
  ReportRequest request{fs::path(dir) / "hub.db", Format::json, fs::path(dir) / "report.json"};
  request.pack_files = {pack_file.string()};
  ASSERT_TRUE(write_report(request).ok());
  const auto report = nlohmann::json::parse(peiling::test::read_file(request.out));
  EXPECT_EQ(report.at("moderation"), (nlohmann::json{{"approved", 3}, {"hidden", 1}, {"waiting", 36}}));
  std::size_t kept = 0;
  for (const auto& set : report.at("comments")) kept += set.at("texts").size();
  EXPECT_EQ(kept, 40u) << "the hidden and waiting ones too";
  request.format = Format::html;
  request.out = fs::path(dir) / "report.html";
  ASSERT_TRUE(write_report(request).ok());
  const std::string html = peiling::test::read_file(request.out);
  EXPECT_NE(html.find("Op het grote scherm: 3 goedgekeurd, 1 verborgen, 36 nog niet beoordeeld."),
            std::string::npos);
  EXPECT_NE(html.find(texts[3].text), std::string::npos) << "a hidden text stays in the report";
}

TEST_F(RoomComments, AnUnknownIdChangesNothingAndIsNamed) {
  arrive(5);
  const auto texts = queue();
  const auto refused =
      hub->moderate({texts[0].id, "c:no-such-response:wg1-1"}, Moderation::approved, "anna", "cli");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("c:no-such-response:wg1-1"), std::string::npos);
  EXPECT_EQ(queue()[0].state, Moderation::pending) << "one transaction: nothing changed";
  EXPECT_FALSE(hub->moderate({"nonsense"}, Moderation::hidden, "anna", "cli").ok());
  auto audit = hub->audit_log(10);
  ASSERT_TRUE(audit.ok());
  EXPECT_TRUE(audit->empty());
}

}  // namespace
}  // namespace peiling::report
