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

}  // namespace
}  // namespace peiling::test
