// The organiser console in a real browser (label browser): Debian's Chromium, driven by
// playwright-core (tests/tools/browser/console-walk.cjs), on a `peiling-hub serve --strict` that
// scripted kiosks filled over HTTP. The walk's downloads are checked here with the hub's own
// tools: the XLSX with tests/tools/xlsx-rows.py, the backup restored elsewhere with
// `peiling-hub restore` and its counts compared, and everything found again in the audit log.
// Screenshots of every page, at 1280x800 and 390 px wide, go to build/<preset>/artifacts/console/.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "http_venue.hpp"
#include "hub/pack_sheet.hpp"
#include "support/workbook_maker.hpp"
#include "sync/published_packs.hpp"

namespace peiling::test {
namespace {

using test::make_xlsx;
using test::minimal_pack_tables;
using test::set_cell;

constexpr const char* kPassword = "correct horse battery";
constexpr const char* kPassphrase = "a backup passphrase";
constexpr const char* kAddress = "anna.de.vries@example.org";

class ConsoleInABrowser : public HttpVenue {
 protected:
  void add_organiser() {
    write_file((dir / "password").string(), std::string(kPassword) + "\n");
    ASSERT_EQ(
        hub({"organisers", "add", "anna", "--lang", "en", "--password-file", (dir / "password").string()})
            .exit_code,
        0);
  }

  // Runs a walk script of tests/tools/browser with config; what it saw.
  json walk(const std::string& script, json config) {
    const fs::path shots = PEILING_CONSOLE_ARTIFACTS_DIR;
    const fs::path downloads = dir / "downloads";
    fs::create_directories(shots);
    fs::create_directories(downloads);
    config["modules"] = PEILING_BROWSER_MODULES_DIR;
    config["name"] = "anna";
    config["password"] = kPassword;
    config["shots"] = shots.string();
    config["downloads"] = downloads.string();
    const fs::path file = dir / (script + ".json");
    write_file(file.string(), config.dump(2));
    ProcessOptions options;
    options.timeout_seconds = 300;
    const auto walked = run_process(
        {"node", std::string(PEILING_TEST_DATA_DIR) + "/tools/browser/" + script, file.string()}, options);
    std::printf("%s\n", walked.output.c_str());
    EXPECT_EQ(walked.exit_code, 0) << walked.output;
    const auto brace = walked.output.find('{');
    if (brace == std::string::npos) return json::object();
    json seen = json::parse(walked.output.substr(brace));
    EXPECT_TRUE(seen.at("problems").empty()) << seen.at("problems").dump(2);
    return seen;
  }
};

TEST_F(ConsoleInABrowser, AnOrganiserDoesTheRoundOfTheConsoleInChromium) {
  add_organiser();
  ASSERT_EQ(hub({"pack", "publish", plain_pack.string()}).exit_code, 0);

  // Three kiosks deliver over HTTP to a strict hub; the organiser approved two of them already.
  ServingHub served(hub_db, log_dir(), {"--strict"});
  ASSERT_TRUE(served.started()) << served.log();
  device_with_batches("kiosk-a", 2, 3);
  device_with_batches("kiosk-b", 1, 4);
  device_with_batches("kiosk-c", 1, 5);
  for (const char* kiosk : {"kiosk-a", "kiosk-b", "kiosk-c"}) {
    const auto synced = sync(kiosk, served.url());
    ASSERT_EQ(synced.exit_code, 0) << kiosk << synced.output;
  }
  for (const char* kiosk : {"kiosk-a", "kiosk-b"})
    ASSERT_EQ(hub({"devices", "approve", device_ids[kiosk]}).exit_code, 0);
  const int complete_before = complete_in(status());

  // A tablet's stick, with a contact opt-in, zipped as an organiser would zip its folder.
  device("tablet-d", 3);
  {
    auto store = store::DeviceStore::open(dir / "tablet-d");
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(store->add_contact({pack_model.id, kAddress}).ok());
  }
  const fs::path stick = dir / "stick";
  ASSERT_EQ(export_to("tablet-d", stick, plain_pack).exit_code, 0);
  const fs::path zip = dir / "stick.zip";
  const auto zipped = run_process({"python3", "-m", "zipfile", "-c", zip.string(), stick.string() + "/"});
  ASSERT_EQ(zipped.exit_code, 0) << zipped.output;

  const json seen = walk("console-walk.cjs", {{"url", served.url()},
                                              {"pending_device", device_ids["kiosk-c"]},
                                              {"stick_zip", zip.string()},
                                              {"passphrase", kPassphrase}});
  ASSERT_FALSE(seen.contains("failed_step"));
  const fs::path downloads = dir / "downloads";

  // The overview counted the approved kiosks, then the third once approved.
  int kiosk_c_complete = -1;
  for (const auto& device : json::parse(hub({"devices", "--json"}).output))
    if (device.at("device_id") == device_ids["kiosk-c"]) kiosk_c_complete = device.at("complete");
  EXPECT_EQ(seen.at("overview").at("before"), complete_before);
  EXPECT_GT(kiosk_c_complete, 0);
  EXPECT_EQ(seen.at("overview").at("after"), complete_before + kiosk_c_complete);
  EXPECT_TRUE(seen.at("overview").at("label_shown"));
  EXPECT_EQ(seen.at("overview").at("scroll_after_refresh"), 300) << "the refresh kept the scroll position";

  // The stick's zip: every batch file and the contact file has its outcome; the ack is signed.
  const std::string import_table = seen.at("import");
  EXPECT_NE(import_table.find("stick.zip/"), std::string::npos) << import_table;
  EXPECT_NE(import_table.find("quarantine"), std::string::npos) << import_table;
  EXPECT_NE(
      read_file(seen.at("downloads").at("ack.json").at("path").get<std::string>()).find("peiling.ack/1"),
      std::string::npos);
  const std::string states_file = seen.at("states_file");
  EXPECT_TRUE(states_file.starts_with("peiling-pack-states-") && states_file.ends_with(".states"))
      << states_file;
  EXPECT_NE(read_file(seen.at("downloads").at(states_file).at("path").get<std::string>())
                .find("peiling.pack-states/1"),
            std::string::npos);

  // Each report format opens.
  const auto& files = seen.at("downloads");
  const std::string xlsx = files.at("report.xlsx").at("path");
  EXPECT_EQ(files.at("report.xlsx").at("suggested"), pack_model.id + "-report.xlsx");
  const auto rows =
      run_process({"python3", std::string(PEILING_TEST_DATA_DIR) + "/tools/xlsx-rows.py", xlsx, "Summary"});
  EXPECT_EQ(rows.exit_code, 0) << rows.output;
  EXPECT_FALSE(json::parse(rows.output).empty());
  const std::string csv_nl = read_file(files.at("report-nl.csv").at("path").get<std::string>());
  const std::string csv = read_file(files.at("report.csv").at("path").get<std::string>());
  EXPECT_TRUE(csv_nl.starts_with("\xEF\xBB\xBFresponse_id;")) << csv_nl.substr(0, 40);
  EXPECT_TRUE(csv.starts_with("\xEF\xBB\xBFresponse_id,")) << csv.substr(0, 40);
  EXPECT_EQ(json::parse(read_file(files.at("report.json").at("path").get<std::string>())).at("format"),
            "peiling.report/1");
  EXPECT_NE(seen.at("html_report").at("url").get<std::string>().find("format=html"), std::string::npos);
  EXPECT_NE(read_file(downloads / "report.html").find("<svg"), std::string::npos);

  // Contacts only with the password.
  EXPECT_TRUE(seen.at("contacts_refused"));
  EXPECT_NE(read_file(files.at("contacts.csv").at("path").get<std::string>()).find(kAddress),
            std::string::npos);

  // The backup, restored elsewhere, holds the same counts as the hub.
  write_file((dir / "passphrase").string(), std::string(kPassphrase) + "\n");
  const fs::path restored = dir / "restored" / "hub.db";
  fs::create_directories(restored.parent_path());
  const auto restore =
      run_process({PEILING_HUB_BIN, "restore", files.at("hub.peiling-backup").at("path").get<std::string>(),
                   "--db", restored.string(), "--passphrase-file", (dir / "passphrase").string()});
  ASSERT_EQ(restore.exit_code, 0) << restore.output;
  const auto restored_status = run_process({PEILING_HUB_BIN, "status", "--json", "--db", restored.string()});
  EXPECT_EQ(json::parse(restored_status.output), status());

  // All of it in the audit log, newest first.
  std::vector<std::string> audit = seen.at("audit");
  for (const char* action : {"sign-in", "approve", "label", "import", "ack-download", "states-download",
                             "report", "contacts-refused", "contacts-export", "backup", "backup-download"}) {
    EXPECT_NE(std::find(audit.begin(), audit.end(), action), audit.end()) << action;
  }
  EXPECT_EQ(seen.at("dutch_heading"), "Overzicht");
  EXPECT_NE(seen.at("home_from_404").get<std::string>().find("/console/overview"), std::string::npos);
  EXPECT_GE(seen.at("shots").size(), 30u);
  EXPECT_EQ(served.log().find("Segmentation"), std::string::npos);
}

// Issue 16 in the console: the next version of a pack, written in a workbook, checked, previewed
// and published, then fetched as a device fetches it.
TEST_F(ConsoleInABrowser, AnOrganiserPublishesTheNextVersionOfAPackFromAWorkbook) {
  add_organiser();
  auto tables = minimal_pack_tables();
  write_file((dir / "v1.xlsx").string(), make_xlsx(tables));
  ASSERT_EQ(run_process({PEILING_HUB_BIN, "pack", "from-sheet", (dir / "v1.xlsx").string(),
                         (dir / "v1.json").string()})
                .exit_code,
            0);
  ASSERT_EQ(hub({"pack", "publish", (dir / "v1.json").string()}).exit_code, 0);

  // The next version: one point reworded, one added; first with two cells left empty.
  set_cell(tables, "points", "E2", "Punt, anders gezegd");
  tables[4].rows.push_back({"wg1-2", "room-to-act", "workgroup-1", "Werkgroep 1", "Nieuw punt", "New point",
                            "Nog een zin.", "One more."});
  auto broken = tables;
  set_cell(broken, "points", "F3", "");
  set_cell(broken, "scenes", "D2", "");
  write_file((dir / "next-broken.xlsx").string(), make_xlsx(broken));
  write_file((dir / "next.xlsx").string(), make_xlsx(tables));

  // The hub's clock in a zone other than UTC, so that the closing time's local form and zone show
  // (each ctest runs one test in a process of its own).
  setenv("TZ", "Europe/Amsterdam", 1);
  ServingHub served(hub_db, log_dir());
  ASSERT_TRUE(served.started()) << served.log();
  const json seen = walk("packs-walk.cjs", {{"url", served.url()},
                                            {"broken", (dir / "next-broken.xlsx").string()},
                                            {"fixed", (dir / "next.xlsx").string()}});
  ASSERT_FALSE(seen.contains("failed_step"));
  std::vector<std::string> errors = seen.at("errors");
  ASSERT_EQ(errors.size(), 2u) << seen.at("errors").dump(2);
  const std::string all = errors[0] + "\n" + errors[1];
  EXPECT_NE(all.find("next-broken.xlsx: points!F3 (title::en)"), std::string::npos) << all;
  EXPECT_NE(all.find("next-broken.xlsx: scenes!D2 (title::en)"), std::string::npos) << all;
  EXPECT_EQ(seen.at("changes"), json({"points added: wg1-2", "points reworded: wg1-1"}));
  EXPECT_EQ(seen.at("preview_languages"), json({"nl", "en"}));
  EXPECT_NE(seen.at("preview").get<std::string>().find("Punt, anders gezegd"), std::string::npos);
  EXPECT_EQ(seen.at("publish_button"), "Publish version 2");
  EXPECT_EQ(seen.at("done"), "test-pack version 2 is published");
  EXPECT_EQ(seen.at("state"), "closing");
  EXPECT_NE(seen.at("state_sentence").get<std::string>().find("closes by itself at"), std::string::npos)
      << seen.at("state_sentence");
  EXPECT_NE(seen.at("state_sentence").get<std::string>().find("2099-06-01 15:00 (CEST, UTC+02:00)"),
            std::string::npos)
      << seen.at("state_sentence");
  EXPECT_EQ(seen.at("closes_value"), "2099-06-01T15:00") << "the form holds the time set";
  EXPECT_EQ(seen.at("state_sentence_again"), seen.at("state_sentence")) << "Set again keeps it";
  EXPECT_EQ(seen.at("state_sentence_removed").get<std::string>().find("closes by itself"), std::string::npos)
      << seen.at("state_sentence_removed");
  EXPECT_EQ(seen.at("closes_value_removed"), "");
  EXPECT_EQ(seen.at("rehearsal_done"), "test-pack version 3 is published as a rehearsal");
  EXPECT_GE(seen.at("rehearsal_badges").get<int>(), 1);
  EXPECT_NE(seen.at("go_live_question").get<std::string>().find("deletes its 0 rehearsal responses"),
            std::string::npos)
      << seen.at("go_live_question");
  EXPECT_EQ(seen.at("live_done"), "test-pack is live; rehearsal responses deleted: 0");
  EXPECT_EQ(seen.at("badges_after"), 0);

  // A device fetches the new version over HTTP, signed by this hub.
  const auto list = http_request(served.port(), "GET", "/api/v1/packs", "");
  ASSERT_EQ(list.status, 200);
  const json listed = json::parse(list.body);
  EXPECT_TRUE(std::any_of(listed.begin(), listed.end(), [](const json& pack) {
    return pack.at("id") == "test-pack" && pack.at("version") == 2;
  })) << list.body;
  const auto file = http_request(served.port(), "GET", "/api/v1/packs/test-pack/2", "");
  ASSERT_EQ(file.status, 200);
  auto held = hub::HubStore::open(hub_db);
  ASSERT_TRUE(held.ok());
  auto fetched = sync::read_signed_pack(file.body, "test-pack 2", {held->sign_public_key()});
  ASSERT_TRUE(fetched.ok()) << fetched.errors().joined();
  EXPECT_EQ(fetched->pack.version, 2);
  EXPECT_EQ(fetched->pack.points.size(), 2u);

  // The published version's workbook reads back as that pack.
  auto workbook =
      hub::pack_from_workbook(read_file(seen.at("workbook").get<std::string>()), "test-pack-2.xlsx");
  ASSERT_TRUE(workbook.ok()) << workbook.errors().joined();
  EXPECT_EQ(json::parse(workbook->json), json::parse(fetched->bytes));
}

// The chair's flow: the Plenary page in one tab drives /live in another, a kiosk delivers while
// /live is frozen, and the Comments page's bulk approve puts texts on the big screen.
TEST_F(ConsoleInABrowser, TheChairDrivesLiveInASecondTabFromThePlenaryPage) {
  add_organiser();
  ASSERT_EQ(hub({"pack", "publish", plain_pack.string()}).exit_code, 0);
  ServingHub served(hub_db, log_dir());
  ASSERT_TRUE(served.started()) << served.log();
  device_with_batches("kiosk-a", 1, 6);
  device_with_batches("kiosk-b", 1, 4);
  ASSERT_EQ(sync("kiosk-a", served.url()).exit_code, 0);
  // While the walk has /live frozen, kiosk-b delivers.
  const fs::path more_file = dir / "more";
  write_file(more_file.string(), "");
  // It waits for the freeze however long the walk takes to get there (a loaded machine took over a
  // minute), and gives up only when the walk has ended without it.
  std::atomic<bool> walk_ended = false;
  std::thread deliverer([&] {
    while (read_file(more_file) != "frozen") {
      if (walk_ended) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const auto synced = sync("kiosk-b", served.url());
    EXPECT_EQ(synced.exit_code, 0) << synced.output;
    write_file(more_file.string(), "delivered");
  });
  const json seen = walk("plenary-walk.cjs",
                         {{"url", served.url()}, {"pack", pack_model.id}, {"more_file", more_file.string()}});
  walk_ended = true;
  deliverer.join();
  ASSERT_FALSE(seen.contains("failed_step")) << seen.dump(2);
  EXPECT_EQ(seen.at("state_before"), "shown");
  EXPECT_TRUE(seen.at("shown").at("header").get<std::string>().starts_with("Responses: 6"));
  EXPECT_EQ(seen.at("hidden").at("title"), "Results follow soon");
  EXPECT_EQ(seen.at("frozen").at("header"), seen.at("shown").at("header"));
  EXPECT_EQ(seen.at("frozen_after_more"), seen.at("frozen")) << "kiosk-b's 4 did not move a frozen page";
  EXPECT_TRUE(seen.at("unfrozen").at("header").get<std::string>().starts_with("Responses: 10"));
  EXPECT_TRUE(seen.at("unfrozen").at("room").empty()) << "nothing approved yet";
  EXPECT_TRUE(seen.at("comments_counts").get<std::string>().find(" waiting") != std::string::npos);
  const auto room = seen.at("room").at("room");
  EXPECT_FALSE(room.empty()) << seen.dump(2);
  EXPECT_LE(room.size(), 3u);
  const json queue = json::parse(hub({"comments", "list", "--json"}).output);
  // The panel's texts are approved ones (compared by their first bytes: the browser collapses spaces).
  const auto trimmed = [](std::string text) {
    text.erase(0, text.find_first_not_of(" \t\n"));
    return text.substr(0, 5);
  };
  for (const auto& said : room) {
    bool approved = false;
    for (const auto& text : queue) {
      approved =
          approved || (text.at("state") == "approved" &&
                       trimmed(said.get<std::string>()) == trimmed(text.at("text").get<std::string>()));
    }
    EXPECT_TRUE(approved) << said;
  }
  EXPECT_EQ(seen.at("shots").size(), 18u);
  // Each of the four switches reached /live by itself; the issue asks for 2 s (printed, not
  // asserted: a loaded machine must not fail a test on a timing).
  ASSERT_EQ(seen.at("switch_ms").size(), 4u);
  std::printf("/live changed by itself after each switch in (ms): %s\n", seen.at("switch_ms").dump().c_str());
}

}  // namespace
}  // namespace peiling::test
