// The plenary's switch over /live (issue 17) on a real `peiling-hub serve`: hidden, shown, frozen
// while devices keep delivering, unfrozen, across restarts of serve, from the command line and
// from the console's Plenary page, every switch in the audit log.
#include <gtest/gtest.h>

#include "console_venue.hpp"

namespace peiling::test {
namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class PlenaryVenue : public ConsoleVenue {
 protected:
  HttpExchange live(const ServingHub& served, const std::string& lang = "en") {
    return http_request(served.port(), "GET", "/live?lang=" + lang, "");
  }

  std::vector<std::string> audit_actions() {
    const auto audit = hub({"audit", "--json"});
    EXPECT_EQ(audit.exit_code, 0) << audit.output;
    std::vector<std::string> actions;
    for (const auto& entry : json::parse(audit.output)) actions.push_back(entry.at("action"));
    return actions;
  }
};

TEST_F(PlenaryVenue, LiveIsHiddenThenShownThenFrozenWhileResponsesArriveAndARestartKeepsIt) {
  device_with_batches("tablet-a", 1, 6);
  device_with_batches("tablet-b", 1, 5);
  device_with_batches("tablet-c", 1, 4);
  ASSERT_EQ(hub({"pack", "publish", plain_pack.string()}).exit_code, 0);
  auto served = serve();
  ASSERT_EQ(sync("tablet-a", served->url()).exit_code, 0);

  // Never switched: shown, as /live always was.
  EXPECT_TRUE(has(live(*served).body, "Responses: 6")) << live(*served).body;

  const auto hidden = hub({"plenary", "hide"});
  ASSERT_EQ(hidden.exit_code, 0) << hidden.output;
  EXPECT_EQ(hidden.output, "plenary: the live page of " + pack_model.id + " is now hidden\n");
  const auto soon = live(*served);
  EXPECT_EQ(soon.status, 200);
  EXPECT_TRUE(has(soon.body, "<h1>Results follow soon</h1>")) << soon.body;
  EXPECT_FALSE(has(soon.body, "Responses:")) << "no figure while hidden";
  EXPECT_TRUE(has(soon.body, "<meta http-equiv=\"refresh\"")) << "it reloads until revealed";
  const auto soon_nl = live(*served, "nl");
  EXPECT_TRUE(has(soon_nl.body, "<h1>Resultaten volgen zo</h1>")) << soon_nl.body;
  EXPECT_TRUE(has(soon_nl.body, "<html lang=\"nl\">")) << soon_nl.body;
  EXPECT_FALSE(has(soon_nl.body, "Reacties:"));

  ASSERT_EQ(hub({"plenary", "show", "--pack", pack_model.id}).exit_code, 0);
  EXPECT_TRUE(has(live(*served).body, "Responses: 6"));

  ASSERT_EQ(hub({"plenary", "freeze"}).exit_code, 0);
  const std::string frozen_en = live(*served).body;
  const std::string frozen_nl = live(*served, "nl").body;
  EXPECT_TRUE(has(frozen_en, "Responses: 6")) << frozen_en;
  EXPECT_TRUE(has(frozen_nl, "Reacties: 6")) << frozen_nl;
  ASSERT_EQ(sync("tablet-b", served->url()).exit_code, 0);
  EXPECT_EQ(complete_in(status()), 11) << "the responses keep arriving";
  EXPECT_EQ(live(*served).body, frozen_en) << "a frozen page does not change";
  EXPECT_EQ(live(*served, "nl").body, frozen_nl);

  // A restart keeps the frozen figures.
  served.reset();
  served = serve();
  EXPECT_EQ(live(*served).body, frozen_en);

  ASSERT_EQ(hub({"plenary", "unfreeze"}).exit_code, 0);
  EXPECT_TRUE(has(live(*served).body, "Responses: 11")) << live(*served).body;
  ASSERT_EQ(sync("tablet-c", served->url()).exit_code, 0);
  EXPECT_TRUE(has(live(*served).body, "Responses: 15")) << "after unfreezing, new responses count";

  const auto again = hub({"plenary", "unfreeze"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_TRUE(has(again.output, "is not frozen (it is shown), so there is nothing to unfreeze"))
      << again.output;

  // A restart keeps a hidden page hidden.
  ASSERT_EQ(hub({"plenary", "hide"}).exit_code, 0);
  served.reset();
  served = serve();
  EXPECT_TRUE(has(live(*served).body, "Results follow soon"));

  EXPECT_EQ(audit_actions(), (std::vector<std::string>{"plenary-hide", "plenary-unfreeze", "plenary-freeze",
                                                       "plenary-show", "plenary-hide"}))
      << "every switch that was made, newest first; the refused one is not";
}

TEST_F(PlenaryVenue, TheCommandNamesWhatIsWrong) {
  const auto nothing = hub({"plenary", "hide"});
  EXPECT_EQ(nothing.exit_code, 1);
  EXPECT_TRUE(has(nothing.output, "plenary: ")) << nothing.output;
  EXPECT_TRUE(has(nothing.output, "publish")) << "no pack is published yet: " << nothing.output;
  ASSERT_EQ(hub({"pack", "publish", plain_pack.string()}).exit_code, 0);
  const auto unknown = hub({"plenary", "hide", "--pack", "no-such-pack"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_TRUE(has(unknown.output, "no-such-pack")) << unknown.output;
  const auto bad = hub({"plenary", "reveal"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_TRUE(has(bad.output, "reveal")) << bad.output;
  EXPECT_TRUE(audit_actions().empty());
}

TEST_F(PlenaryVenue, TheChairSwitchesLiveFromTheConsolesPlenaryPage) {
  device_with_batches("tablet-a", 1, 6);
  device_with_batches("tablet-b", 1, 5);
  ASSERT_EQ(hub({"pack", "publish", plain_pack.string()}).exit_code, 0);
  ASSERT_EQ(add_organiser("anna").exit_code, 0);
  auto served = serve();
  ASSERT_EQ(sync("tablet-a", served->url()).exit_code, 0);
  Browser chair(served->port(), "127.0.0.7");
  ASSERT_EQ(chair.sign_in("anna", kPassword).status, 303);

  const auto page = chair.get("/console/plenary");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(has(page.body, "data-pack=\"" + pack_model.id + "\" data-state=\"shown\"")) << page.body;
  EXPECT_TRUE(has(page.body, "This is the pack /live shows")) << page.body;
  EXPECT_TRUE(has(page.body, "data-refresh=\"2\"")) << "the page follows switches made elsewhere";
  EXPECT_TRUE(has(page.body, "aria-current=\"page\">Plenary<")) << page.body;

  // Without the session's CSRF token nothing changes.
  const auto forged = chair.post("/console/plenary",
                                 "csrf=" + std::string(64, '0') + "&pack=" + pack_model.id + "&switch=hide");
  EXPECT_EQ(forged.status, 403);
  EXPECT_TRUE(has(live(*served).body, "Responses: 6"));

  const auto hide =
      chair.post("/console/plenary", "csrf=" + chair.csrf + "&pack=" + pack_model.id + "&switch=hide");
  ASSERT_EQ(hide.status, 303) << hide.body;
  EXPECT_TRUE(has(header_of(hide, "Location"), "/console/plenary?done=")) << hide.head;
  EXPECT_TRUE(has(live(*served).body, "Results follow soon"));
  EXPECT_TRUE(has(chair.get("/console/plenary").body, "data-state=\"hidden\""));

  chair.post("/console/plenary", "csrf=" + chair.csrf + "&pack=" + pack_model.id + "&switch=freeze");
  const std::string frozen = live(*served).body;
  EXPECT_TRUE(has(frozen, "Responses: 6")) << "freezing reveals the figures of that moment";
  ASSERT_EQ(sync("tablet-b", served->url()).exit_code, 0);
  EXPECT_EQ(live(*served).body, frozen);
  const auto frozen_page = chair.get("/console/plenary");
  EXPECT_TRUE(has(frozen_page.body, "data-state=\"frozen\"")) << frozen_page.body;
  EXPECT_TRUE(has(frozen_page.body, "Unfreeze")) << frozen_page.body;

  chair.post("/console/plenary", "csrf=" + chair.csrf + "&pack=" + pack_model.id + "&switch=unfreeze");
  EXPECT_TRUE(has(live(*served).body, "Responses: 11"));
  const auto refused =
      chair.post("/console/plenary", "csrf=" + chair.csrf + "&pack=" + pack_model.id + "&switch=unfreeze");
  EXPECT_EQ(refused.status, 409);
  EXPECT_TRUE(has(refused.body, "nothing to unfreeze")) << refused.body;
  const auto unknown =
      chair.post("/console/plenary", "csrf=" + chair.csrf + "&pack=" + pack_model.id + "&switch=melt");
  EXPECT_EQ(unknown.status, 400);

  const auto audit = hub({"audit", "--json"});
  const json entries = json::parse(audit.output);
  ASSERT_GE(entries.size(), 3u);
  EXPECT_EQ(entries[0].at("action"), "plenary-unfreeze");
  EXPECT_EQ(entries[0].at("organiser"), "anna");
  EXPECT_EQ(entries[0].at("client"), "127.0.0.7");
  EXPECT_EQ(entries[0].at("detail"), pack_model.id + ": frozen -> shown");
  EXPECT_EQ(entries[1].at("action"), "plenary-freeze");
  EXPECT_EQ(entries[2].at("action"), "plenary-hide");
}

// Moderation on a running serve: the queue from the command line and the Comments page, and only
// what was approved on /live.
TEST_F(PlenaryVenue, CommentsAreModeratedFromTheCommandLineAndTheConsoleAndOnlyApprovedOnesReachLive) {
  const auto given = device_with_batches("tablet-a", 1, 8);
  std::size_t texts = 0;
  for (const auto& response : given) texts += response.comments.size() + response.open_answers.size();
  ASSERT_EQ(hub({"pack", "publish", plain_pack.string()}).exit_code, 0);
  ASSERT_EQ(add_organiser("anna").exit_code, 0);
  auto served = serve();
  ASSERT_EQ(sync("tablet-a", served->url()).exit_code, 0);

  const auto listed = hub({"comments", "list", "--json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.output;
  const json queue = json::parse(listed.output);
  ASSERT_EQ(queue.size(), texts) << "every comment and open answer is on the queue";
  std::string comment_id, marker;
  for (const auto& text : queue) {
    EXPECT_EQ(text.at("state"), "pending");
    const std::string said = text.at("text");
    if (comment_id.empty() && text.at("kind") == "comment" && text.at("flags").empty()) {
      comment_id = text.at("id");
      marker = said.substr(0, said.find(' ') + 1);
    }
  }
  ASSERT_FALSE(comment_id.empty());
  EXPECT_FALSE(has(live(*served).body, "From the room")) << "nothing approved yet";
  EXPECT_TRUE(has(hub({"comments", "list"}).output, comment_id + "  pending  -  "));

  Browser moderator(served->port(), "127.0.0.9");
  ASSERT_EQ(moderator.sign_in("anna", kPassword).status, 303);
  const auto page = moderator.get("/console/comments");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(has(page.body, std::to_string(texts) + " waiting")) << page.body;
  EXPECT_TRUE(has(page.body, "value=\"" + comment_id + "\"")) << page.body;
  const auto approved = moderator.post("/console/comments",
                                       "csrf=" + moderator.csrf + "&id=" + comment_id + "&decision=approve");
  ASSERT_EQ(approved.status, 303) << approved.body;
  const auto shown = live(*served);
  EXPECT_TRUE(has(shown.body, "From the room")) << shown.body;
  EXPECT_TRUE(has(shown.body, "<q>" + marker)) << marker << " in " << shown.body;
  EXPECT_EQ(shown.body.find(kCommentMarker), shown.body.find("<q>" + marker) + 3) << "only the approved one";

  const auto hidden = hub({"comments", "hide", comment_id});
  ASSERT_EQ(hidden.exit_code, 0) << hidden.output;
  EXPECT_EQ(hidden.output, "comments: 1 text hidden\n");
  EXPECT_FALSE(has(live(*served).body, "From the room"));
  EXPECT_EQ(hub({"comments", "hide", "c:nope:wg1-1"}).exit_code, 1);

  const auto bulk =
      moderator.post("/console/comments", "csrf=" + moderator.csrf + "&decision=approve-unflagged");
  ASSERT_EQ(bulk.status, 303) << bulk.body;
  int approved_now = 0;
  for (const auto& text : json::parse(hub({"comments", "list", "--json"}).output)) {
    if (text.at("state") == "approved") {
      ++approved_now;
      EXPECT_TRUE(text.at("flags").empty()) << "a bulk approve leaves flagged ones waiting";
    }
    if (text.at("id") == comment_id) {
      EXPECT_EQ(text.at("state"), "hidden") << "a decision stays";
    }
  }
  EXPECT_GT(approved_now, 0);
  const json audit = json::parse(hub({"audit", "--json"}).output);
  EXPECT_EQ(audit[0].at("action"), "comment-approve");
  EXPECT_EQ(audit[0].at("client"), "127.0.0.9");
  bool cli_hide = false;
  for (const auto& entry : audit)
    cli_hide = cli_hide || (entry.at("action") == "comment-hide" && entry.at("detail") == comment_id);
  EXPECT_TRUE(cli_hide);
}

}  // namespace
}  // namespace peiling::test
