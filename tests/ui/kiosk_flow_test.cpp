// The respondent flow end to end: scripted taps on the real screens (headless, virtual time),
// then the device database is read back through the store's API.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/aggregation.hpp"
#include "core/pack.hpp"
#include "png_probe.hpp"
#include "script_run.hpp"
#include "store/device_store.hpp"
#include "support/hub_process.hpp"
#include "support/process.hpp"
#include "support/respondents.hpp"

namespace peiling::test {
namespace {

const std::string kBundledPack = std::string(PEILING_ASSETS_DIR) + "/packs/conference-2009-11-13.json";

// The words of the screens that a script waits for, per language.
struct Words {
  std::string language;
  std::string point_progress;  // "Punt {n} van 12" without the number
  std::string missed_progress;
  std::string top_question;
  std::string remark;
  std::string what_can_i_do;
  std::string review;
  std::string thanks;
};

const Words kDutch{"nl",
                   "Punt ",
                   "Gemiste kans ",
                   "Welke drie punten",
                   "Uw opmerking",
                   "Wat kan ik doen?",
                   "Klaar om te versturen?",
                   "Dank u wel!"};
const Words kEnglish{"en",          "Point ",         "Missed opportunity ", "Which three points",
                     "Your remark", "What can I do?", "Ready to send?",      "Thank you!"};

const std::string kRemark = "Eén taal; “oma” — hoort erbij\nregel 2, met ‘aanhalingstekens’";
const std::string kOpenAnswer = "Beter luisteren naar Priscilla — en naar de buurvrouw.";

int importance_for(std::size_t shown_index) {
  return static_cast<int>(shown_index % 5) + 1;
}
int feasibility_for(std::size_t shown_index) {
  return static_cast<int>((shown_index + 2) % 5) + 1;
}
int recognisability_for(std::size_t item_index) {
  return static_cast<int>(item_index % 5) + 1;
}

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// One whole response: every screen, a value on every scale, a remark, a reordered top three and
// an open answer, with a screenshot of each screen.
std::string full_response_script(const Words& words, const std::string& shots) {
  std::ostringstream s;
  s << "screenshot " << shots << "01-welcome.png\n";
  if (words.language != "nl") s << "tap \"language." << words.language << "\"\n";
  s << "tap \"welcome.begin\"\nscreenshot " << shots << "02-role.png\n"
    << "tap \"role.frontline\"\ntap \"nav.next\"\nscreenshot " << shots << "03-scene.png\n"
    << "tap \"nav.next\"\ntap \"vignette.skip\"\n";
  for (std::size_t i = 0; i < 12; ++i) {
    s << "expect \"" << words.point_progress << i + 1 << "\"\n"
      << "tap \"importance." << importance_for(i) << "\"\n"
      << "wheel 400 400 -3\n"  // on a short screen the second scale is further down
      << "tap \"feasibility." << feasibility_for(i) << "\"\n";
    if (i == 0) s << "screenshot " << shots << "04-point.png\n";
    if (i == 2) {
      s << "wheel 400 400 -10\ntap \"remark.open\"\nwheel 400 400 -10\ntap \"" << words.remark << "\"\n"
        << "type " << quoted(kRemark) << "\nscreenshot " << shots << "05-remark.png\n";
    }
    s << "tap \"nav.next\"\n";
  }
  const std::size_t missed = bundled_missed_opportunities();
  for (std::size_t i = 0; i < missed; ++i) {
    s << "expect \"" << words.missed_progress << i + 1 << "\"\n"
      << "tap \"recognisability." << recognisability_for(i) << "\"\n";
    if (i == 0) s << "screenshot " << shots << "06-missed.png\n";
    s << "tap \"nav.next\"\n";
  }
  s << "expect \"" << words.top_question << "\"\n"
    << "tap \"top.theme.complex-reality\"\n"  // a long list starts with its themes closed
    << "tap \"top.wg1-1\"\ntap \"top.wg1-2\"\nwheel 400 600 -2\ntap \"top.wg1-4\"\n"
    << "tap \"top.down.1\"\ntap \"top.remove.3\"\ntap \"top.wg1-3\"\nscreenshot " << shots << "07-top.png\n"
    << "tap \"nav.next\"\ntap \"" << words.what_can_i_do << "\"\ntype " << quoted(kOpenAnswer) << "\n"
    << "screenshot " << shots << "08-open.png\ntap \"nav.next\"\n"
    << "expect \"" << words.review << "\"\nscreenshot " << shots << "09-review.png\n"
    << "tap \"review.send\"\nexpect \"" << words.thanks << "\"\nscreenshot " << shots << "10-thanks.png\n"
    << "wait 8000\nexpect_not \"" << words.thanks << "\"\nscreenshot " << shots << "11-welcome-again.png\n";
  return s.str();
}

// A scripted kiosk on its own data folder, with a fixed choice of points.
ProcessResult run_kiosk(const std::string& dir, const std::string& data_dir, const std::string& script,
                        const std::string& size = "1280x800") {
  return run_script(dir, script, {"--size", size, "--data-dir", data_dir, "--seed", "13"});
}

store::DeviceStore open_store(const std::string& data_dir) {
  auto store = store::DeviceStore::open(data_dir);
  if (!store) throw std::runtime_error(store.error().message);
  return std::move(store.value());
}

std::map<std::pair<std::string, std::string>, Rating> answers_of(const Response& response) {
  std::map<std::pair<std::string, std::string>, Rating> answers;
  for (const auto& answer : response.answers)
    answers.emplace(std::pair{answer.item_id, answer.scale_id}, answer.rating);
  return answers;
}

struct FlowCase {
  const Words* words;
  std::string size;
};

class KioskFlow : public ::testing::TestWithParam<FlowCase> {};

TEST_P(KioskFlow, AWholeResponseIsStoredExactlyAsGiven) {
  const FlowCase& flow = GetParam();
  const std::string name = "flow_" + flow.words->language + "_" + flow.size;
  const auto dir = scratch_dir(name);
  const auto result = run_kiosk(dir, dir + "/data", full_response_script(*flow.words, name + "-"), flow.size);
  ASSERT_EQ(result.exit_code, 0) << result.output;

  auto pack = load_pack_file(kBundledPack);
  ASSERT_TRUE(pack.ok());
  auto store = open_store(dir + "/data");
  const auto counts = store.counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->complete, 1);
  EXPECT_EQ(counts->in_progress, 0);
  auto responses = store.unbatched_responses(10, false);
  ASSERT_TRUE(responses.ok());
  ASSERT_EQ(responses->size(), 1u);
  const Response& response = responses->front();

  EXPECT_EQ(response.status, ResponseStatus::complete);
  EXPECT_EQ(response.language, flow.words->language);
  EXPECT_EQ(response.role, std::optional<std::string>("frontline"));
  EXPECT_EQ(response.pack.id, "conference-2009-11-13");
  ASSERT_EQ(response.points_shown.size(), 12u);
  const auto answers = answers_of(response);
  for (std::size_t i = 0; i < response.points_shown.size(); ++i) {
    const std::string& point = response.points_shown[i];
    EXPECT_EQ(answers.at({point, "importance"}), Rating::of(importance_for(i))) << point;
    EXPECT_EQ(answers.at({point, "feasibility"}), Rating::of(feasibility_for(i))) << point;
  }
  const auto& missed = pack->pack.missed_opportunities->items;
  for (std::size_t i = 0; i < missed.size(); ++i) {
    EXPECT_EQ(answers.at({missed[i].id, "recognisability"}), Rating::of(recognisability_for(i)));
  }
  EXPECT_EQ(answers.size(), 12u * 2 + missed.size());

  ASSERT_EQ(response.comments.size(), 1u);
  EXPECT_EQ(response.comments[0].key, response.points_shown[2]);
  EXPECT_EQ(response.comments[0].text, kRemark) << "stored byte for byte";
  EXPECT_EQ(response.top_choices, (std::vector<std::string>{"wg1-2", "wg1-1", "wg1-3"}));
  ASSERT_EQ(response.open_answers.size(), 1u);
  EXPECT_EQ(response.open_answers[0].key, "what-can-i-do");
  EXPECT_EQ(response.open_answers[0].text, kOpenAnswer);

  for (const char* shot : {"01-welcome", "02-role", "03-scene", "04-point", "05-remark", "06-missed",
                           "07-top", "08-open", "09-review", "10-thanks", "11-welcome-again"}) {
    const auto png = probe_png(dir + "/" + name + "-" + shot + ".png");
    EXPECT_TRUE(png.ok) << shot;
    EXPECT_GT(png.dark_pixels, 1000) << shot << " looks blank";
  }
}

INSTANTIATE_TEST_SUITE_P(BothLanguagesBothOrientations, KioskFlow,
                         ::testing::Values(FlowCase{&kDutch, "1280x800"}, FlowCase{&kDutch, "800x1280"},
                                           FlowCase{&kEnglish, "1280x800"}, FlowCase{&kEnglish, "800x1280"}),
                         [](const auto& test_info) {
                           return test_info.param.words->language + "_" +
                                  (test_info.param.size == "1280x800" ? "landscape" : "portrait");
                         });

TEST(KioskIdle, ATouchDismissesTheWarningWithoutPressingWhatIsUnderIt) {
  const auto dir = scratch_dir("idle_dismiss");
  const auto result =
      run_kiosk(dir, dir + "/data",
                "tap \"welcome.begin\"\ntap \"role.skip\"\ntap \"vignette.skip\"\n"
                "wait 91000\nexpect \"Bent u er nog?\"\nscreenshot idle-warning.png\n"
                "tap \"idle.continue\"\nexpect_not \"Bent u er nog?\"\nexpect \"Punt 1 van 12\"\n"
                "wait 80000\nexpect_not \"Bent u er nog?\"\n");
  EXPECT_EQ(result.exit_code, 0) << result.output;
}

TEST(KioskIdle, ResetClearsEverythingAndKeepsThePartialResponseAsAbandoned) {
  const auto dir = scratch_dir("idle_reset");
  const std::string secret = "GEHEIM-opmerking-123";
  const auto result = run_kiosk(
      dir, dir + "/data",
      "tap \"welcome.begin\"\ntap \"role.executive\"\ntap \"nav.next\"\ntap \"vignette.skip\"\n"
      "tap \"importance.5\"\nwheel 400 400 -10\ntap \"remark.open\"\nwheel 400 400 -10\n"
      "tap \"Uw opmerking\"\ntype \"" +
          secret +
          "\"\n"
          "expect \"" +
          secret +
          "\"\n"
          "wait 91000\nexpect \"Bent u er nog?\"\nwait 15000\n"
          "expect \"Begin\"\nexpect_not \"Bent u er nog?\"\nexpect_not \"" +
          secret +
          "\"\n"
          // The next respondent, and Back through every page: nothing of the previous one shows.
          "tap \"welcome.begin\"\ntap \"nav.next\"\ntap \"vignette.skip\"\nexpect \"Punt 1 van 12\"\n"
          "expect_not \"" +
          secret +
          "\"\nexpect_not \"Opgeslagen\"\nwheel 400 400 -10\nexpect \"Opmerking toevoegen\"\n"
          "tap \"nav.back\"\nexpect \"Scène 13 van 13\"\nexpect_not \"" +
          secret +
          "\"\n"
          "tap \"nav.next\"\nexpect \"Punt 1 van 12\"\nexpect_not \"" +
          secret + "\"\n");
  ASSERT_EQ(result.exit_code, 0) << result.output;

  auto store = open_store(dir + "/data");
  const auto counts = store.counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->abandoned, 1);
  EXPECT_EQ(counts->complete, 0);
  // The second respondent was still in progress when the script ended; this open closes it.
  auto interrupted = store.in_progress_responses();
  ASSERT_TRUE(interrupted.ok());
  ASSERT_EQ(interrupted->size(), 1u);
  auto second = store.response(interrupted->front());
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->role.has_value()) << "the role of the previous respondent must not carry over";
  EXPECT_TRUE(second->answers.empty());
  EXPECT_TRUE(second->comments.empty());
}

// Back from the first page is the respondent leaving, as the idle reset is: the response ends
// (kept as abandoned, as the bundled pack keeps them) instead of staying open behind Welcome.
TEST(KioskIdle, BackFromTheFirstPageEndsTheResponseAsTheResetDoes) {
  const auto dir = scratch_dir("back_to_welcome");
  const auto result = run_kiosk(dir, dir + "/data",
                                "tap \"welcome.begin\"\ntap \"role.executive\"\ntap \"nav.back\"\n"
                                "expect \"Begin\"\nscreenshot welcome-after-back.png\n");
  ASSERT_EQ(result.exit_code, 0) << result.output;

  auto store = open_store(dir + "/data");
  const auto counts = store.counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->abandoned, 1);
  auto open = store.in_progress_responses();
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE(open->empty()) << "no response stays open on Welcome";
}

// A tablet turned mid-response, and back: the same point stays on screen with its answers, the
// layout follows the new shape, and the response goes on to be stored whole.
TEST(KioskRotation, TurningTheTabletKeepsTheRespondentsPlaceAndAnswers) {
  const auto dir = scratch_dir("rotation");
  std::string script =
      "tap \"welcome.begin\"\ntap \"role.frontline\"\ntap \"nav.next\"\ntap \"vignette.skip\"\n"
      "tap \"importance.4\"\ntap \"nav.next\"\nexpect \"Punt 2 van 12\"\ntap \"importance.2\"\n"
      "resize 800 1280\nexpect \"Punt 2 van 12\"\nlist_widgets\nscreenshot portrait.png\n"
      "wheel 400 700 -5\ntap \"feasibility.5\"\n"
      "resize 1280 800\nexpect \"Punt 2 van 12\"\nlist_widgets\nscreenshot landscape.png\n";
  const std::size_t pages = 11 + bundled_missed_opportunities() + 2;
  for (std::size_t page = 0; page < pages; ++page) script += "tap \"nav.next\"\n";
  script += "tap \"review.send\"\n";
  const auto result = run_kiosk(dir, dir + "/data", script);
  ASSERT_EQ(result.exit_code, 0) << result.output;

  // Each list shows the whole layout in the shape of its screen.
  std::vector<std::vector<PrintedRect>> lists(1);
  float previous_y = -1;
  for (const auto& widget : printed_rects(result.output)) {
    if (widget.id == "view.text.a" && previous_y >= 0) lists.emplace_back();
    lists.back().push_back(widget);
    previous_y = widget.y0;
  }
  ASSERT_EQ(lists.size(), 2u) << result.output;
  const auto right_edge = [](const std::vector<PrintedRect>& widgets) {
    float right = 0;
    for (const auto& widget : widgets) right = std::max(right, widget.x1);
    return right;
  };
  EXPECT_LE(right_edge(lists[0]), 800.0f) << "portrait: everything within 800 pixels";
  EXPECT_GT(right_edge(lists[1]), 1000.0f) << "landscape again: Next at the right of 1280 pixels";
  EXPECT_EQ(probe_png(dir + "/portrait.png").width, 800);
  EXPECT_EQ(probe_png(dir + "/landscape.png").width, 1280);

  auto store = open_store(dir + "/data");
  auto responses = store.unbatched_responses(10, false);
  ASSERT_TRUE(responses.ok());
  ASSERT_EQ(responses->size(), 1u);
  const auto answers = answers_of(responses->front());
  const auto& shown = responses->front().points_shown;
  EXPECT_EQ(answers.at({shown[0], "importance"}), Rating::of(4));
  EXPECT_EQ(answers.at({shown[1], "importance"}), Rating::of(2));
  EXPECT_EQ(answers.at({shown[1], "feasibility"}), Rating::of(5)) << "answered in portrait";
}

// Holds the top-right corner of a 1280-wide screen for 3.5 s: the way into the admin PIN.
TEST(KioskAdmin, PinIsSetThenFiveFailuresLockOutAcrossARestart) {
  const auto dir = scratch_dir("admin_pin");
  const std::string data = dir + "/data";
  auto result = run_kiosk(
      dir, data,
      kHoldCorner + "expect \"Kies een beheerderspincode\"\n" + enter_pin("123") +
          "expect \"4 tot 8 cijfers\"\n" + enter_pin("2009") + "expect \"nog eens\"\n" + enter_pin("2009") +
          "expect \"Beheer\"\nscreenshot admin.png\n"
          "tap \"admin.close\"\nexpect \"Begin\"\n" +
          kHoldCorner + "expect \"Voer de beheerderspincode in\"\n" + enter_pin("1111") +
          "expect \"1 mislukte\"\n" + enter_pin("1111") + enter_pin("1111") + enter_pin("1111") +
          enter_pin("1111") + "expect \"Te veel mislukte pogingen\"\nscreenshot locked.png\n");
  ASSERT_EQ(result.exit_code, 0) << result.output;

  // A restart does not lift the lockout, and even the right PIN is refused while it lasts.
  result = run_kiosk(dir, data,
                     kHoldCorner + "expect \"Te veel mislukte pogingen\"\n" + enter_pin("2009") +
                         "expect \"Te veel mislukte pogingen\"\nexpect_not \"Beheer\"\n");
  EXPECT_EQ(result.exit_code, 0) << result.output;

  auto store = open_store(data);
  auto hash = store.admin_pin_hash();
  ASSERT_TRUE(hash.ok() && hash.value().has_value());
  EXPECT_EQ(hash.value()->find("2009"), std::string::npos);
  auto lockout = store.lockout_until();
  ASSERT_TRUE(lockout.ok());
  EXPECT_TRUE(lockout.value().has_value()) << "the lockout is stored";
}

// The lockout keeps the kiosk's time, as every timer does: with --virtual-time its 30 s pass in a
// script's wait, and then the right PIN opens the panel.
TEST(KioskAdmin, TheLockoutRunsOutOnTheKiosksClock) {
  const auto dir = scratch_dir("admin_lockout_clock");
  std::string wrong_five;
  for (int i = 0; i < 5; ++i) wrong_five += enter_pin("1111");
  const auto result =
      run_kiosk(dir, dir + "/data",
                kHoldCorner + enter_pin("2009") + enter_pin("2009") + "tap \"admin.close\"\n" + kHoldCorner +
                    wrong_five + "expect \"Te veel mislukte pogingen\"\n" + enter_pin("2009") +
                    "expect_not \"Beheer\"\nwait 31000\n" + enter_pin("2009") + "expect \"Beheer\"\n");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  auto store = open_store(dir + "/data");
  EXPECT_EQ(store.increment_pin_failures().value(), 1) << "the match after the lockout reset the count";
  auto until = store.lockout_until();
  ASSERT_TRUE(until.ok());
  EXPECT_FALSE(until.value().has_value());
}

TEST(KioskAdmin, SizeAndLanguageChosenInThePanelApplyFromTheNextStart) {
  const auto dir = scratch_dir("admin_settings");
  const std::string data = dir + "/data";
  auto result =
      run_kiosk(dir, data,
                "measure \"Nederlands\"\n" + kHoldCorner + enter_pin("2009") + enter_pin("2009") +
                    "tap \"admin.scale.200\"\ntap \"admin.language.en\"\nscreenshot admin-settings.png\n"
                    "tap \"admin.close\"\nexpect \"Work conference\"\nmeasure \"Nederlands\"\n");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const auto first_start = printed_rects(result.output);
  ASSERT_EQ(first_start.size(), 2u);
  EXPECT_EQ(first_start[1].height(), first_start[0].height()) << "the size waits for the next start";

  result = run_kiosk(dir, data, "expect \"Work conference\"\nmeasure \"Nederlands\"\n");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const auto next_start = printed_rects(result.output);
  ASSERT_EQ(next_start.size(), 1u);
  EXPECT_NEAR(next_start[0].height(), first_start[0].height() * 2, 2.0f) << "everything twice the size";

  auto store = open_store(data);
  auto settings = store.kiosk_settings();
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->scale_percent, 200);
  EXPECT_EQ(settings->default_language, "en");
}

// One respondent through every page to Send, skipping what can be skipped.
std::string one_response_script() {
  std::string script = "tap \"welcome.begin\"\ntap \"role.skip\"\ntap \"vignette.skip\"\n";
  const std::size_t pages = 12 + bundled_missed_opportunities() + 2;
  for (std::size_t page = 0; page < pages; ++page) script += "tap \"nav.next\"\n";
  return script + "tap \"review.send\"\n";
}

TEST(KioskAdmin, ExportsCompletedResponsesToATypedFolder) {
  const auto dir = scratch_dir("admin_export");
  const std::string stick = dir + "/stick";
  std::filesystem::create_directories(stick);
  std::string script = one_response_script() + "tap_at 10 10\n" + kHoldCorner + enter_pin("2009") +
                       enter_pin("2009") +
                       "expect \"Nog niet in een bundel: 1\"\ntap \"Map voor de export\"\ntype \"" + stick +
                       "\"\n"
                       "tap \"admin.export\"\nexpect \"1 bundel(s) geschreven\"\nexpect \"Geëxporteerd: 1\"\n"
                       "screenshot admin-export.png\n";
  const auto result = run_kiosk(dir, dir + "/data", script);
  ASSERT_EQ(result.exit_code, 0) << result.output;
  int batch_files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(stick)) {
    batch_files += entry.path().filename().string().starts_with("peiling-") ? 1 : 0;
  }
  EXPECT_EQ(batch_files, 1);
}

// A device with respondents of the bundled pack, made through the store as the screens would,
// and two who walked away.
Pack add_bundled_respondents(const std::string& data_dir, int count) {
  auto loaded = load_pack_file(kBundledPack);
  EXPECT_TRUE(loaded.ok());
  auto store = open_store(data_dir);
  EXPECT_TRUE(store.remember_pack({loaded->pack.id, loaded->pack.version}, loaded->bytes).ok());
  add_respondents(store, loaded->pack, count, 2, 7);
  return loaded->pack;
}

TEST(KioskResults, TheAdminPanelOpensResultsForTheRoomAtBothOrientations) {
  const auto dir = scratch_dir("admin_results");
  const std::string data = dir + "/data";
  const Pack pack = add_bundled_respondents(data, 40);
  // What the screen must lead with: the point chosen most often, and the most important one.
  auto survey = open_store(data).survey_data(pack.id);
  ASSERT_TRUE(survey.ok());
  const Aggregate expected = aggregate(survey.value(), pack, {pack.settings.min_group_size, false});
  ASSERT_FALSE(expected.top_n.empty());
  const std::string most_chosen(pack.point(expected.points[expected.top_n.front()].item_id)->title.in("nl"));
  const std::string most_important(pack.point(expected.points.front().item_id)->title.in("nl"));
  const std::string results =
      "tap \"admin.results\"\nexpect \"Wat vindt de zaal?\"\n"
      "expect \"40 volledige reacties op dit apparaat\"\nexpect \"1. " +
      most_chosen + "\"\nexpect \"1. " + most_important + "\"\n";
  auto result = run_kiosk(dir, data,
                          kHoldCorner + enter_pin("2009") + enter_pin("2009") + results +
                              "screenshot results-1280x800.png\n"
                              // Still there after refreshes, and no idle reset takes it away.
                              "wait 120000\nexpect \"Wat vindt de zaal?\"\n"
                              "tap \"results.back\"\nexpect \"Beheer\"\nexpect_not \"Wat vindt de zaal?\"\n");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  result = run_kiosk(dir, data,
                     // On a tall screen the panel is one column: scroll down to the button.
                     "drag 796 4 796 4 3500\n" + enter_pin("2009") + "wheel 400 600 -30\n" + results +
                         "screenshot results-800x1280.png\n",
                     "800x1280");
  ASSERT_EQ(result.exit_code, 0) << result.output;
}

TEST(KioskResults, FewerThanKCompleteResponsesShowNoFigures) {
  const auto dir = scratch_dir("admin_results_withheld");
  const std::string data = dir + "/data";
  add_bundled_respondents(data, 4);  // the pack's k is 5, and abandoned responses do not count
  const auto result = run_kiosk(dir, data,
                                kHoldCorner + enter_pin("2009") + enter_pin("2009") +
                                    "tap \"admin.results\"\nexpect \"Minder dan 5 volledige reacties\"\n"
                                    "expect_not \"Het vaakst gekozen\"\nscreenshot results-withheld.png\n");
  ASSERT_EQ(result.exit_code, 0) << result.output;
}

// A hub database and the bundled pack with its signing key, so the device trusts its acks.
struct KioskHub {
  std::string db;
  std::string pack_file;
};
KioskHub make_kiosk_hub(const std::string& dir) {
  KioskHub hub{dir + "/hub.db", dir + "/pack-with-hub.json"};
  EXPECT_EQ(run_process({PEILING_HUB_BIN, "init", "--db", hub.db}).exit_code, 0);
  const auto keys = run_process({PEILING_HUB_BIN, "keys", "show", "--db", hub.db});
  EXPECT_EQ(keys.exit_code, 0) << keys.output;
  auto pack = nlohmann::json::parse(read_file(kBundledPack));
  pack["hub"] = {{"sign_key", nlohmann::json::parse("{" + keys.output + "}")["hub"]["sign_key"]}};
  write_file(hub.pack_file, pack.dump(2));
  return hub;
}

TEST(KioskSync, ACompletedResponseReachesTheHubWithinSeconds) {
  const auto dir = scratch_dir("kiosk_sync_after_response");
  const KioskHub hub = make_kiosk_hub(dir);
  ServingHub served(hub.db, dir + "/logs");
  ASSERT_TRUE(served.started()) << served.log();
  // Real time: the worker posts on its own thread while the kiosk shows Thanks.
  write_file(dir + "/respond.script", one_response_script() + "expect \"Dank u wel\"\nwait 3000\n");
  const auto result =
      run_process({PEILING_KIOSK_BIN, "--headless", "--script", "respond.script", "--data-dir", dir + "/data",
                   "--pack", hub.pack_file, "--seed", "13", "--hub", served.url()},
                  {.working_dir = dir});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(served.log().find("POST /api/v1/batches 201"), std::string::npos) << served.log();
  auto store = open_store(dir + "/data");
  auto counts = store.sync_counts(false);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts.value(), (store::SyncCounts{.delivered = 1}));
}

TEST(KioskAdmin, ShowsTheHubItsLastAttemptAndSuccessAndWhatWaits) {
  const auto dir = scratch_dir("admin_hub_sync");
  const std::string data = dir + "/data";
  const KioskHub hub = make_kiosk_hub(dir);
  const std::string& hub_db = hub.db;
  const std::string& pack_file = hub.pack_file;
  auto result = run_script(dir, one_response_script() + "tap_at 10 10\n",
                           {"--data-dir", data, "--pack", pack_file, "--seed", "13"});
  ASSERT_EQ(result.exit_code, 0) << result.output;

  ServingHub served(hub_db, dir + "/logs");
  ASSERT_TRUE(served.started()) << served.log();
  const auto synced =
      run_process({PEILING_KIOSK_BIN, "--data-dir", data, "--pack", pack_file, "--sync", served.url()});
  ASSERT_EQ(synced.exit_code, 0) << synced.output;

  for (const std::string size : {"1280x800", "800x1280"}) {
    const std::string corner = size == "1280x800" ? kHoldCorner : "drag 796 4 796 4 3500\n";
    const std::string admin = corner + enter_pin("2009") + (size == "1280x800" ? enter_pin("2009") : "") +
                              "expect \"Hub: " + served.url() +
                              "\"\nexpect \"Laatste poging: 20\"\n"
                              "expect \"Laatst gelukt: 20\"\nexpect \"Bundels die wachten: 0\"\n"
                              "expect \"Afgeleverd: 1\"\nscreenshot admin-hub-" +
                              size + ".png\n";
    result = run_script(
        dir, admin,
        {"--data-dir", data, "--pack", pack_file, "--seed", "13", "--size", size, "--hub", served.url()});
    ASSERT_EQ(result.exit_code, 0) << result.output;
  }

  // The admin replaces a wrong address with the hub's: the device keeps it for later runs.
  const std::string wrong = "http://127.0.0.1:9";
  std::string erase;
  for (std::size_t i = 0; i < wrong.size(); ++i) erase += "key Backspace\n";
  result = run_script(dir,
                      kHoldCorner + enter_pin("2009") + "expect \"Hub: " + wrong +
                          "\"\nwheel 400 400 -10\n"
                          "tap \"admin.hub_url\"\nkey End\n" +
                          erase + "type \"" + served.url() +
                          "\"\ntap \"admin.hub_save\"\n"
                          "wheel 400 400 10\nexpect \"Hub: " +
                          served.url() + "\"\nscreenshot admin-hub-saved.png\n",
                      {"--data-dir", data, "--pack", pack_file, "--seed", "13", "--hub", wrong});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  auto store = open_store(data);
  auto settings = store.sync_settings();
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->hub_url, served.url());
  EXPECT_FALSE(settings->hub_token.has_value());
}

TEST(KioskAdmin, ShowsAPublishedPackTheSyncRefusedAndWhy) {
  const auto dir = scratch_dir("admin_hub_pack_refused");
  const KioskHub hub = make_kiosk_hub(dir);
  // Another hub publishes the next version of the pack: the device does not trust its key.
  const std::string other_db = dir + "/other-hub.db";
  ASSERT_EQ(run_process({PEILING_HUB_BIN, "init", "--db", other_db}).exit_code, 0);
  auto next = nlohmann::json::parse(read_file(kBundledPack));
  next["version"] = next["version"].get<int>() + 1;
  write_file(dir + "/next.json", next.dump(2));
  const auto published =
      run_process({PEILING_HUB_BIN, "pack", "publish", "--db", other_db, dir + "/next.json"});
  ASSERT_EQ(published.exit_code, 0) << published.output;
  ServingHub other(other_db, dir + "/logs");
  ASSERT_TRUE(other.started()) << other.log();
  const std::string origin = other.url() + "/api/v1/packs/" + next["id"].get<std::string>() + "/" +
                             std::to_string(next["version"].get<int>());
  for (const std::string size : {"1280x800", "800x1280"}) {
    // Real time: the worker's first pass runs on its own thread while the PIN is typed.
    const std::string corner = size == "1280x800" ? kHoldCorner : "drag 796 4 796 4 3500\n";
    // The panel's scrolling part ends with the sync section: the wheel brings its end into view.
    const std::string scroll = size == "1280x800" ? "wheel 900 400 -10\n" : "wheel 400 700 -10\n";
    const std::string back_a_little = size == "1280x800" ? "wheel 900 400 2\n" : "wheel 400 700 2\n";
    const std::string data = dir + "/data-" + size;
    write_file(dir + "/admin.script", corner + enter_pin("2009") + enter_pin("2009") + "wait 1000\n" +
                                          scroll + "expect \"" + origin +
                                          ": \"\n"
                                          "expect \"is not a hub key this device trusts\"\n" +
                                          back_a_little +
                                          "expect \"Gepubliceerde pakketten niet overgenomen\"\n"
                                          "screenshot admin-pack-refused-" +
                                          size + ".png\n");
    const auto result =
        run_process({PEILING_KIOSK_BIN, "--headless", "--script", "admin.script", "--data-dir", data,
                     "--pack", hub.pack_file, "--size", size, "--hub", other.url()},
                    {.working_dir = dir});
    ASSERT_EQ(result.exit_code, 0) << result.output;
    auto store = open_store(data);
    auto packs = store.packs();
    ASSERT_TRUE(packs.ok());
    EXPECT_EQ(packs->size(), 1u) << "only the running pack";
  }
}

TEST(KioskCrash, AKillMidResponseLeavesItAbandonedAndTheKioskAtWelcome) {
  const auto dir = scratch_dir("kill_mid_response");
  const std::string data = dir + "/data";
  // Real time, not virtual: the script rates a point, then waits until it is killed.
  write_file(dir + "/rate-and-wait.script",
             "tap \"welcome.begin\"\ntap \"role.skip\"\ntap \"vignette.skip\"\n"
             "tap \"importance.3\"\nexpect \"Opgeslagen\"\nwait 60000\n");
  auto result =
      run_process({PEILING_KIOSK_BIN, "--headless", "--data-dir", data, "--script", "rate-and-wait.script"},
                  {.working_dir = dir, .kill_after_ms = 3000});
  ASSERT_EQ(result.signal, SIGKILL) << result.output;

  std::string response_id;
  {
    auto store = open_store(data);
    auto open = store.in_progress_responses();
    ASSERT_TRUE(open.ok());
    ASSERT_EQ(open->size(), 1u);
    response_id = open->front();
  }
  result = run_kiosk(dir, data, "expect \"Begin\"\nexpect_not \"Punt 1\"\nscreenshot after-restart.png\n");
  ASSERT_EQ(result.exit_code, 0) << result.output;

  auto store = open_store(data);
  auto response = store.response(response_id);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, ResponseStatus::abandoned);
  ASSERT_EQ(response->answers.size(), 1u);
  EXPECT_EQ(response->answers[0].scale_id, "importance");
  EXPECT_EQ(response->answers[0].rating, Rating::of(3));
}

TEST(KioskBalance, TwoHundredRespondentsSeeEveryPointWithinOneOfEachOther) {
  const auto dir = scratch_dir("balance");
  std::string respondent = "tap \"welcome.begin\"\ntap \"role.skip\"\ntap \"vignette.skip\"\n";
  // The points, each missed opportunity, the top choices and the open questions.
  const std::size_t pages = 12 + bundled_missed_opportunities() + 2;
  for (std::size_t page = 0; page < pages; ++page) respondent += "tap \"nav.next\"\n";
  respondent += "tap \"review.send\"\nexpect \"Dank u wel!\"\ntap_at 10 10\nexpect \"Begin\"\n";
  std::string script;
  for (int i = 0; i < 200; ++i) script += respondent;
  const auto result = run_kiosk(dir, dir + "/data", script, "600x900");
  ASSERT_EQ(result.exit_code, 0) << result.output;

  auto pack = load_pack_file(kBundledPack);
  ASSERT_TRUE(pack.ok());
  auto store = open_store(dir + "/data");
  EXPECT_EQ(store.counts()->complete, 200);
  auto tallies = store.point_tallies("conference-2009-11-13");
  ASSERT_TRUE(tallies.ok());
  int least = 1 << 30;
  int most = 0;
  int total = 0;
  for (const auto& point : pack->pack.points) {
    const int shown = tallies->contains(point.id) ? tallies->at(point.id).times_shown : 0;
    least = std::min(least, shown);
    most = std::max(most, shown);
    total += shown;
  }
  std::printf("balance: %zu points, each shown %d to %d times (spread %d), %d showings in all\n",
              pack->pack.points.size(), least, most, most - least, total);
  EXPECT_EQ(total, 200 * 12);
  EXPECT_GT(least, 0) << "every point is shown";
  EXPECT_LE(most - least, 1);
}

}  // namespace
}  // namespace peiling::test
