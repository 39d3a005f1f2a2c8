// Tablet mode on the bundled follow-up pack, end to end: a draft answered in two sittings with a
// SIGKILL between them, conditional questions appearing and disappearing (and losing their
// answers), the contact opt-in kept apart, and screenshots of the overview, a status-scale
// question and the resume entry in both orientations.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <sstream>

#include "core/pack.hpp"
#include "script_run.hpp"
#include "store/device_store.hpp"
#include "support/process.hpp"

namespace peiling::test {
namespace {

const std::string kFollowUpPack = std::string(PEILING_ASSETS_DIR) + "/packs/follow-up-2010-spring.json";

Pack follow_up_pack() {
  auto loaded = load_pack_file(kFollowUpPack);
  if (!loaded) throw std::runtime_error(loaded.errors().joined());
  return std::move(loaded->pack);
}

store::DeviceStore open_store(const std::string& data_dir) {
  auto store = store::DeviceStore::open(data_dir);
  if (!store) throw std::runtime_error(store.error().message);
  return std::move(store.value());
}

// The one response in progress: the draft a test left.
Response the_open_response(store::DeviceStore& store) {
  auto open = store.in_progress_responses();
  EXPECT_TRUE(open.ok());
  if (!open.ok() || open->size() != 1) {
    ADD_FAILURE() << "expected exactly one response in progress";
    return {};
  }
  auto response = store.response(open->front());
  EXPECT_TRUE(response.ok());
  return response.ok() ? response.value() : Response{};
}

// The status given to the point at this position: every value of the scale, and "don't know".
std::string status_button(std::size_t index) {
  return index % 6 == 5 ? "status-since.none" : "status-since." + std::to_string(index % 6 + 1);
}

std::optional<Rating> expected_status(std::size_t index) {
  return index % 6 == 5 ? Rating::skip() : Rating::of(static_cast<int>(index % 6 + 1));
}

// Answers the points from..to-1 one page at a time, from the page of point `from`.
std::string answer_points(std::size_t from, std::size_t to, std::size_t total) {
  std::ostringstream s;
  for (std::size_t i = from; i < to; ++i) {
    s << "expect \"Punt " << i + 1 << " van " << total << "\"\n"
      << "tap \"" << status_button(i) << "\"\n"
      << "expect \"Opgeslagen\"\n"
      << "tap \"nav.next\"\n";
  }
  return s.str();
}

std::vector<std::string> tablet_args(const std::string& data_dir, const std::string& size = "1280x800") {
  return {"--pack", kFollowUpPack, "--data-dir", data_dir, "--size", size, "--seed", "7"};
}

TEST(TabletDraft, KilledHalfwayThenContinuedAfterARestartLosesNothing) {
  const auto dir = scratch_dir("tablet_kill_and_resume");
  const std::string data = dir + "/data";
  const Pack pack = follow_up_pack();
  const std::size_t total = pack.points.size();
  const std::size_t half = total / 2;
  const auto started = std::chrono::system_clock::now();

  // Sitting one, in real time: the role, then half of the points; the kill comes once the next
  // point is on screen, while the script waits.
  write_file(dir + "/first.script",
             "expect \"Antwoord in uw eigen tempo\"\ntap \"welcome.begin\"\n"
             "tap \"role.frontline\"\ntap \"nav.next\"\n" +
                 answer_points(0, half, total) + "measure \"Punt " + std::to_string(half + 1) +
                 " van\"\nwait 600000\n");
  std::vector<std::string> argv{PEILING_KIOSK_BIN, "--headless", "--script", dir + "/first.script"};
  for (const auto& arg : tablet_args(data)) argv.push_back(arg);
  auto first = run_process(
      argv, {.working_dir = dir, .kill_when_output_contains = "measure \"Punt " + std::to_string(half + 1)});
  ASSERT_EQ(first.signal, SIGKILL) << first.output;

  std::string draft_id;
  {
    auto store = open_store(data);
    const Response draft = the_open_response(store);
    draft_id = draft.id;
    EXPECT_EQ(draft.answers.size(), half) << "every answer given before the kill is stored";
  }

  // Sitting two, after a restart: Welcome offers the draft; the overview leads to the first point
  // not yet answered; the rest of the survey follows.
  std::ostringstream second;
  second
      << "expect \"Verder waar u was gebleven\"\ntap \"welcome.resume\"\nexpect \"Overzicht\"\n"
      << "expect \"✓ Uw rol\"\n"
      << "tap \"overview.theme." << pack.point(pack.points[half].id)->theme << "\"\n"
      << answer_points(half, total, total)
      << "expect \"Staat er iets in de weg\"\ntap \"obstacles-any.yes\"\nwheel 400 500 -10\n"
      << "tap \"obstacles-which.money\"\ntap \"obstacles-which.rules-systems\"\ntap \"nav.next\"\n"
      << "tap \"join-working-out.maybe\"\ntap \"nav.next\"\n"
      << "tap \"top.theme.room-to-act\"\n"  // a long list starts with its themes closed
      << "tap \"top.wg1-5\"\ntap \"top.wg1-6\"\nwheel 400 600 -3\ntap \"top.wg2-6\"\ntap \"nav.next\"\n"
      << "tap \"Wat moet de volgende conferentie, over handelingsruimte, verder nog oppakken?\"\n"
      << "type \"Graag de uitkomsten per regio.\"\n"
      << "tap \"nav.next\"\nexpect \"Klaar om te versturen?\"\ntap \"review.send\"\nexpect \"Dank u wel!\"\n"
      << "wait 8000\nexpect \"Begin\"\nexpect_not \"Verder waar u was gebleven\"\n";
  auto resumed = run_script(dir, second.str(), tablet_args(data));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  const auto finished = std::chrono::system_clock::now();

  auto store = open_store(data);
  auto response = store.response(draft_id);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, ResponseStatus::complete);
  EXPECT_EQ(response->mode, Mode::tablet);
  EXPECT_EQ(response->role, "frontline");
  ASSERT_EQ(response->points_shown.size(), total) << "a tablet shows every point";
  std::map<std::string, Rating> statuses;
  for (const auto& answer : response->answers) {
    EXPECT_EQ(answer.scale_id, "status-since");
    EXPECT_EQ(answer.revision, 1) << answer.item_id << " was answered once";
    statuses.emplace(answer.item_id, answer.rating);
  }
  ASSERT_EQ(statuses.size(), total);
  for (std::size_t i = 0; i < total; ++i) {
    EXPECT_EQ(statuses.at(response->points_shown[i]), expected_status(i)) << "point " << i + 1;
  }
  ASSERT_EQ(response->choices.size(), 3u);  // by question id
  EXPECT_EQ(response->choices[0].question_id, "join-working-out");
  EXPECT_EQ(response->choices[0].options, std::vector<std::string>{"maybe"});
  EXPECT_EQ(response->choices[1].question_id, "obstacles-any");
  EXPECT_EQ(response->choices[1].options, std::vector<std::string>{"yes"});
  EXPECT_EQ(response->choices[2].question_id, "obstacles-which");
  EXPECT_EQ(response->choices[2].options, (std::vector<std::string>{"money", "rules-systems"}));
  EXPECT_EQ(response->top_choices, (std::vector<std::string>{"wg1-5", "wg1-6", "wg2-6"}));
  ASSERT_EQ(response->open_answers.size(), 1u);
  EXPECT_EQ(response->open_answers[0].key, "next-conference");
  EXPECT_EQ(response->open_answers[0].text, "Graag de uitkomsten per regio.");

  // Time spent: the two sittings, not the pause between them, and never more than the wall clock.
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  const auto wall_ms = duration_cast<milliseconds>(finished - started).count();
  const UtcMillis spent = time_spent(response.value(), 5 * 60 * 1000);
  EXPECT_GT(spent, 0);
  EXPECT_LE(spent, wall_ms);
  EXPECT_LE(spent, *response->ended_at - response->started_at);
  // Every answer of the first sitting predates the kill; every later one follows the restart.
  std::vector<UtcMillis> times;
  for (const auto& id : response->points_shown) {
    for (const auto& answer : response->answers) {
      if (answer.item_id == id) times.push_back(answer.answered_at);
    }
  }
  EXPECT_TRUE(std::is_sorted(times.begin(), times.end())) << "answered in the order shown, over two sittings";
}

TEST(TabletConditions, AQuestionAppearsWithItsConditionAndLosesItsAnswersWhenHidden) {
  const auto dir = scratch_dir("tablet_conditions");
  const std::string data = dir + "/data";
  const std::string script =
      "tap \"welcome.begin\"\ntap \"nav.overview\"\ntap \"overview.section.obstacles\"\n"
      "expect \"Staat er iets in de weg\"\nexpect_not \"Lange wachtlijsten\"\n"
      "tap \"obstacles-any.yes\"\nexpect \"Lange wachtlijsten\"\nwheel 400 500 -10\n"
      "tap \"obstacles-which.money\"\ntap \"obstacles-which.other\"\nwheel 400 500 -10\ntap "
      "\"Namelijk\"\ntype \"Personeelstekort\"\n"
      // The app's keyboard goes away as a person would put it away, and the list comes back up.
      "tap \"osk.hide\"\nwheel 400 500 5\n"
      "tap \"obstacles-which.waiting-lists\"\nwheel 400 500 -10\nexpect \"✓ Geld\"\nscreenshot shown.png\n"
      "wheel 400 500 10\ntap \"obstacles-any.no\"\nexpect_not \"Lange wachtlijsten\"\nexpect_not "
      "\"Namelijk\"\nscreenshot hidden.png\n"
      // Shown again, it starts empty: nothing of before came back.
      "tap \"obstacles-any.yes\"\nexpect \"Lange wachtlijsten\"\nexpect_not \"✓ Geld\"\nexpect_not "
      "\"Namelijk\"\n"
      "tap \"obstacles-any.dont-know\"\nexpect_not \"Lange wachtlijsten\"\n"
      "tap \"nav.overview\"\nexpect \"✓ Wat staat in de weg?\"\ntap \"overview.pause\"\n"
      "expect \"Verder waar u was gebleven\"\n";
  auto result = run_script(dir, script, tablet_args(data));
  ASSERT_EQ(result.exit_code, 0) << result.output;

  auto store = open_store(data);
  const Response draft = the_open_response(store);  // paused, so still a draft
  ASSERT_EQ(draft.choices.size(), 1u);
  EXPECT_EQ(draft.choices[0].question_id, "obstacles-any");
  EXPECT_EQ(draft.choices[0].options, std::vector<std::string>{"dont-know"});
  EXPECT_TRUE(draft.open_answers.empty()) << "the hidden question's other text is gone";
}

TEST(TabletContact, AnAddressIsCheckedOnSendAndStoredApartFromTheResponse) {
  const auto dir = scratch_dir("tablet_contact");
  const std::string data = dir + "/data";
  std::string erase_typed;  // "geen adres", from its end
  for (int i = 0; i < 10; ++i) erase_typed += "key BackSpace\n";
  const std::string script =
      "tap \"welcome.begin\"\ntap \"nav.overview\"\ntap \"overview.finish\"\n"
      "expect \"Mail mij het verslag\"\ntap \"Uw e-mailadres\"\ntype \"geen adres\"\ntap \"review.send\"\n"
      "expect \"Dit is geen e-mailadres\"\nexpect_not \"is not an e-mail address\"\n"
      "expect \"Klaar om te versturen?\"\n"
      "tap \"Uw e-mailadres\"\nkey End\n" +
      erase_typed + "type \"m.devries@example.invalid\"\nscreenshot contact.png\ntap \"review.send\"\n" +
      "expect \"Dank u wel!\"\n";
  auto result = run_script(dir, script, tablet_args(data));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  auto store = open_store(data);
  auto contacts = store.contacts();
  ASSERT_TRUE(contacts.ok());
  EXPECT_EQ(contacts.value(), (std::vector<Contact>{{"follow-up-2010-spring", "m.devries@example.invalid"}}));
  auto counts = store.counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->complete, 1) << "the response went, after the address was corrected";
}

TEST(TabletDraft, BackFromTheFirstPageKeepsTheDraftForWelcomeToOffer) {
  const auto dir = scratch_dir("tablet_back_to_welcome");
  const std::string data = dir + "/data";
  auto result =
      run_script(dir,
                 "tap \"welcome.begin\"\ntap \"role.policy\"\ntap \"nav.back\"\n"
                 "expect \"Verder waar u was gebleven\"\ntap \"welcome.resume\"\nexpect \"✓ Uw rol\"\n",
                 tablet_args(data));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  auto store = open_store(data);
  EXPECT_EQ(the_open_response(store).role, "policy");
}

TEST(TabletAdmin, SwitchingAwayFromAPackWithOpenDraftsAsksFirst) {
  const auto dir = scratch_dir("tablet_admin_switch");
  const std::string data = dir + "/data";
  const std::string conference = std::string(PEILING_ASSETS_DIR) + "/packs/conference-2009-11-13.json";
  ASSERT_EQ(run_script(dir, "expect \"Begin\"\n", {"--pack", conference, "--data-dir", data}).exit_code, 0);
  const std::string script =
      "tap \"welcome.begin\"\ntap \"role.frontline\"\ntap \"nav.next\"\ntap \"status-since.2\"\ntap "
      "\"nav.overview\"\n"
      "tap \"overview.pause\"\n" +
      kHoldCorner + enter_pin("2009") + enter_pin("2009") +
      "tap \"admin.pack.conference-2009-11-13.2\"\nexpect \"in bewerking op dit pakket\"\n"
      "screenshot ask.png\ntap \"admin.keep_pack\"\nexpect_not \"in bewerking op dit pakket\"\n"
      "tap \"admin.pack.conference-2009-11-13.2\"\ntap \"admin.switch_anyway\"\n"
      "expect \"vanaf de volgende start\"\n";
  auto result = run_script(dir, script, tablet_args(data));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  {
    auto store = open_store(data);
    EXPECT_EQ(store.active_pack().value(), (PackRef{"conference-2009-11-13", 2}));
  }
  // The kiosk pack runs a while; the draft waits, and is there when the follow-up runs again.
  ASSERT_EQ(
      run_script(dir, "expect \"Begin\"\nexpect_not \"Verder waar u was gebleven\"\n", {"--data-dir", data})
          .exit_code,
      0);
  result = run_script(dir, "expect \"Verder waar u was gebleven\"\n", tablet_args(data));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  auto store = open_store(data);
  EXPECT_EQ(the_open_response(store).pack, (PackRef{"follow-up-2010-spring", 2})) << "the draft stays";
}

// The screens a person must look at: the resume entry, the overview and a status question.
class TabletScreens : public ::testing::TestWithParam<std::string> {};

TEST_P(TabletScreens, OverviewStatusQuestionAndResumeEntry) {
  const std::string size = GetParam();
  const auto dir = scratch_dir("tablet_screens_" + size);
  const std::string data = dir + "/data";
  const std::string script =
      "tap \"welcome.begin\"\ntap \"role.frontline\"\ntap \"nav.next\"\ntap \"status-since.3\"\n"
      "expect \"Opgeslagen\"\nscreenshot status-" +
      size +
      ".png\n"
      "tap \"nav.next\"\ntap \"status-since.4\"\ntap \"nav.overview\"\nexpect \"Overzicht\"\n"
      "screenshot overview-" +
      size +
      ".png\n"
      "tap \"overview.pause\"\nexpect \"Verder waar u was gebleven\"\nscreenshot resume-" +
      size + ".png\n";
  auto result = run_script(dir, script, tablet_args(data, size));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  for (const char* name : {"status-", "overview-", "resume-"}) {
    const auto path = dir + "/" + name + size + ".png";
    EXPECT_TRUE(std::filesystem::exists(path)) << path;
  }
}

std::string orientation(const ::testing::TestParamInfo<std::string>& size) {
  return size.param == "1280x800" ? "Landscape" : "Portrait";
}

INSTANTIATE_TEST_SUITE_P(BothOrientations, TabletScreens, ::testing::Values("1280x800", "800x1280"),
                         orientation);

}  // namespace
}  // namespace peiling::test
