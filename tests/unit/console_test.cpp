// The organiser console without a server: requests as HubApi hands them over, answers checked for
// what an organiser (or an attacker) gets and for what the hub database holds afterwards.
#include "hub/console/console.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>

#include "hub/console/console_http.hpp"
#include "hub/console/organisers.hpp"
#include "hub/hub_upload.hpp"
#include "support/raw_database.hpp"
#include "sync/pack_states.hpp"
#include "sync/pack_take_up.hpp"
#include "sync_test_support.hpp"

namespace peiling::hub::console {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPassword = "correct horse battery";

std::string header(const HttpResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers)
    if (key == name) return value;
  return "";
}

std::vector<std::string> set_cookies(const HttpResponse& response) {
  std::vector<std::string> cookies;
  for (const auto& [key, value] : response.headers)
    if (key == "Set-Cookie") cookies.push_back(value);
  return cookies;
}

std::string fixture_batch(const char* name) {
  return peiling::test::read_file(fs::path(PEILING_TEST_DATA_DIR) / "fixtures" / "batches" / name);
}

// "csrf" hidden field's value in a page.
std::string csrf_in(const std::string& page) {
  const std::string marker = "name=\"csrf\" value=\"";
  const auto at = page.find(marker);
  if (at == std::string::npos) return "";
  return page.substr(at + marker.size(), 64);
}

class ConsoleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    hub = sync::test::scratch_hub("console_", dir);
    ASSERT_TRUE(hub.has_value());
    db = fs::path(dir) / "hub.db";
    console = std::make_unique<Console>(*hub, ConsoleOptions{db, true});
  }

  void add_anna() { ASSERT_TRUE(add_organiser(*hub, "anna", kPassword, "en").ok()); }

  // Keeps the cookies the console sets, as a browser does.
  HttpResponse send(const std::string& method, const std::string& target, const std::string& body = "",
                    const std::string& content_type = "application/x-www-form-urlencoded",
                    std::map<std::string, std::string, std::less<>> extra_headers = {}) {
    HttpRequest request;
    request.method = method;
    const auto question = target.find('?');
    request.path = target.substr(0, question);
    if (question != std::string::npos) {
      for (const auto& [key, value] : parse_form(target.substr(question + 1))) request.query[key] = value;
    }
    request.body = body;
    request.client_address = "127.0.0.1";
    request.headers = std::move(extra_headers);
    if (method == "POST") request.headers["content-type"] = content_type;
    std::string cookie_line;
    for (const auto& [name, value] : jar)
      cookie_line += (cookie_line.empty() ? "" : "; ") + name + "=" + value;
    if (!cookie_line.empty()) request.headers["cookie"] = cookie_line;
    HttpResponse response = console->handle(request);
    for (const auto& set : set_cookies(response)) {
      const auto equals = set.find('=');
      const std::string name = set.substr(0, equals);
      const std::string value = set.substr(equals + 1, set.find(';') - equals - 1);
      if (value.empty())
        jar.erase(name);
      else
        jar[name] = value;
    }
    return response;
  }

  HttpResponse sign_in(const std::string& name, const std::string& password) {
    const HttpResponse form = send("GET", "/console/sign-in");
    return send(
        "POST", "/console/sign-in",
        "csrf=" + csrf_in(form.body) + "&name=" + url_encode(name) + "&password=" + url_encode(password));
  }

  // The CSRF token of the signed-in session, as every console page carries it.
  std::string session_csrf() { return csrf_in(send("GET", "/console/overview").body); }

  DeviceState device_state(const std::string& id) {
    auto devices = hub->devices();
    EXPECT_TRUE(devices.ok());
    for (const auto& device : devices.value())
      if (device.device_id == id) return device.state;
    ADD_FAILURE() << "no device " << id;
    return DeviceState::trusted;
  }

  // A pending device (the console imports strictly), from the plain fixture batch.
  std::string pending_device() {
    auto outcome = import_uploads(*hub, {{"plain.json", fixture_batch("plain.json")}}, true);
    EXPECT_TRUE(outcome.ok());
    auto devices = hub->devices();
    EXPECT_TRUE(devices.ok() && devices->size() == 1u);
    return devices.value().front().device_id;
  }

  std::string dir;
  fs::path db;
  std::optional<HubStore> hub;
  std::unique_ptr<Console> console;
  std::map<std::string, std::string> jar;
};

TEST_F(ConsoleTest, IsOffUntilTheHubHasAnOrganiserAndSaysHowToAddOne) {
  const HttpResponse off = send("GET", "/console/sign-in");
  EXPECT_EQ(off.status, 503);
  EXPECT_NE(off.body.find("peiling-hub organisers add NAME --db " + db.string()), std::string::npos);
  EXPECT_NE(console_banner(*hub, "http://h:1", "hub.db").find("organisers add NAME --db hub.db"),
            std::string::npos);
  add_anna();
  EXPECT_EQ(send("GET", "/console/sign-in").status, 200);
  EXPECT_EQ(console_banner(*hub, "http://h:1", "hub.db"),
            "peiling-hub: organiser console on http://h:1/console\n");
}

TEST_F(ConsoleTest, SignInSetsAStrictHttpOnlySessionCookieKeptOnlyAsItsHash) {
  add_anna();
  const HttpResponse signed_in = sign_in("anna", kPassword);
  ASSERT_EQ(signed_in.status, 303) << signed_in.body;
  EXPECT_EQ(header(signed_in, "Location"), "/console/overview");
  const auto cookies = set_cookies(signed_in);
  ASSERT_FALSE(cookies.empty());
  const std::string& session = cookies.front();
  ASSERT_TRUE(session.starts_with("peiling_session=")) << session;
  EXPECT_NE(session.find("; HttpOnly"), std::string::npos);
  EXPECT_NE(session.find("; SameSite=Strict"), std::string::npos);
  EXPECT_NE(session.find("; Path=/console"), std::string::npos);
  EXPECT_EQ(session.find("Secure"), std::string::npos);  // plain HTTP here
  const std::string token = jar["peiling_session"];
  EXPECT_EQ(token.size(), 64u);  // 256 bits, hex

  const auto stored =
      peiling::test::RawDatabase(db).rows("SELECT hex(token_hash), organiser FROM console_sessions");
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored.front().find(token), std::string::npos);
  EXPECT_EQ(stored.front().substr(65), "anna");
  EXPECT_EQ(send("GET", "/console/overview").status, 200);

  EXPECT_NE(cookie_header("peiling_session", "x", true).find("; Secure"), std::string::npos);
}

TEST_F(ConsoleTest, ASessionSurvivesARestartAndEndsAfterEightHoursIdle) {
  add_anna();
  ASSERT_EQ(sign_in("anna", kPassword).status, 303);
  console = std::make_unique<Console>(*hub, ConsoleOptions{db, true});
  EXPECT_EQ(send("GET", "/console/overview").status, 200);
  peiling::test::RawDatabase(db).exec("UPDATE console_sessions SET last_seen_at_ms = last_seen_at_ms - " +
                                      std::to_string(kSessionIdleMs + 1000));
  const HttpResponse expired = send("GET", "/console/overview");
  EXPECT_EQ(expired.status, 303);
  EXPECT_TRUE(header(expired, "Location").starts_with("/console/sign-in"));
}

TEST_F(ConsoleTest, APostWithoutOrWithAWrongCsrfTokenIs403AndChangesNothing) {
  add_anna();
  const std::string device = pending_device();
  ASSERT_EQ(sign_in("anna", kPassword).status, 303);
  const std::string csrf = session_csrf();
  ASSERT_EQ(csrf.size(), 64u);
  EXPECT_EQ(send("POST", "/console/devices/approve", "device=" + device + "&confirm=yes").status, 403);
  EXPECT_EQ(send("POST", "/console/devices/approve",
                 "device=" + device + "&confirm=yes&csrf=" + std::string(64, 'a'))
                .status,
            403);
  EXPECT_EQ(send("POST", "/console/devices/label", "device=" + device + "&label=Zaal+B").status, 403);
  EXPECT_EQ(device_state(device), DeviceState::pending);
  EXPECT_TRUE(hub->devices()->front().label.empty());

  // With the token: first the confirmation step, then the change.
  const HttpResponse asked = send("POST", "/console/devices/approve", "device=" + device + "&csrf=" + csrf);
  EXPECT_EQ(asked.status, 200);
  EXPECT_NE(asked.body.find("confirm"), std::string::npos);
  EXPECT_EQ(device_state(device), DeviceState::pending);
  EXPECT_EQ(send("POST", "/console/devices/approve", "device=" + device + "&confirm=yes&csrf=" + csrf).status,
            303);
  EXPECT_EQ(device_state(device), DeviceState::approved);
  EXPECT_EQ(
      send("POST", "/console/devices/label", "device=" + device + "&label=Kiosk+3%2C+zaal+B&csrf=" + csrf)
          .status,
      303);
  EXPECT_EQ(hub->devices()->front().label, "Kiosk 3, zaal B");
  EXPECT_NE(send("GET", "/console/overview").body.find("Kiosk 3, zaal B"), std::string::npos);

  const auto audit = hub->audit_log(10);
  ASSERT_TRUE(audit.ok());
  std::vector<std::string> actions;
  for (const auto& entry : audit.value()) actions.push_back(entry.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"label", "approve", "sign-in", "organiser-added"}));
}

TEST_F(ConsoleTest, ASignedOutPostIs403AndTheSignInFormNeedsItsOwnToken) {
  add_anna();
  EXPECT_EQ(send("POST", "/console/devices/block", "device=x&confirm=yes").status, 403);
  EXPECT_EQ(send("POST", "/console/sign-in", "name=anna&password=correct+horse+battery").status, 403);
  EXPECT_TRUE(hub->audit_log(10)->size() == 1u);  // only organiser-added
}

TEST_F(ConsoleTest, ADeviceTokenNeverOpensTheConsole) {
  add_anna();
  const HttpResponse answer =
      send("GET", "/console/overview", "", "", {{"authorization", "Bearer device-token"}});
  EXPECT_EQ(answer.status, 303);
  EXPECT_TRUE(header(answer, "Location").starts_with("/console/sign-in"));
}

TEST_F(ConsoleTest, FiveFailedSignInsLockTheNameOutAndTheLockoutOutlivesARestart) {
  add_anna();
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(sign_in("anna", "wrong password " + std::to_string(i)).status, 401) << i;
  const HttpResponse locked = sign_in("anna", kPassword);
  EXPECT_EQ(locked.status, 429);
  EXPECT_TRUE(jar.find("peiling_session") == jar.end());

  console.reset();
  hub.reset();
  auto reopened = HubStore::open(db);
  ASSERT_TRUE(reopened.ok());
  hub = std::move(reopened.value());
  console = std::make_unique<Console>(*hub, ConsoleOptions{db, true});
  EXPECT_EQ(sign_in("anna", kPassword).status, 429);

  // A name the hub does not have is counted the same way.
  for (int i = 0; i < 5; ++i) EXPECT_EQ(sign_in("nobody", "wrong password").status, 401);
  EXPECT_EQ(sign_in("nobody", "wrong password").status, 429);
}

TEST_F(ConsoleTest, ARemovedOrganisersSessionNoLongerWorks) {
  add_anna();
  ASSERT_EQ(sign_in("anna", kPassword).status, 303);
  ASSERT_EQ(send("GET", "/console/devices").status, 200);
  ASSERT_TRUE(add_organiser(*hub, "bert", kPassword, "nl").ok());  // the console stays on
  ASSERT_TRUE(remove_organiser(*hub, "anna").ok());
  EXPECT_EQ(send("GET", "/console/devices").status, 303);
  EXPECT_TRUE(peiling::test::RawDatabase(db).rows("SELECT * FROM console_sessions").empty());
}

TEST_F(ConsoleTest, EveryPageSendsTheSecurityHeaders) {
  add_anna();
  std::vector<std::pair<std::string, HttpResponse>> answers;
  answers.emplace_back("sign-in", send("GET", "/console/sign-in"));
  answers.emplace_back("unknown", send("GET", "/console/no-such-page"));
  ASSERT_EQ(sign_in("anna", kPassword).status, 303);
  for (const char* page :
       {"/console/overview", "/console/devices", "/console/import", "/console/reports", "/console/contacts",
        "/console/backup", "/console/audit", "/console/assets/console.css", "/console/assets/console.js",
        "/console/nothing", "/console/import/ack"}) {
    answers.emplace_back(page, send("GET", page));
  }
  answers.emplace_back("forbidden", send("POST", "/console/backup", "passphrase=x"));
  for (const auto& [name, answer] : answers) {
    EXPECT_EQ(header(answer, "Content-Security-Policy"), "default-src 'self'; frame-ancestors 'none'")
        << name;
    EXPECT_EQ(header(answer, "X-Content-Type-Options"), "nosniff") << name;
    EXPECT_EQ(header(answer, "Cache-Control"), "no-store") << name;
    if (answer.content_type.starts_with("text/html")) {
      EXPECT_EQ(answer.body.find("<style"), std::string::npos) << name;
      EXPECT_EQ(answer.body.find("style=\""), std::string::npos) << name;
      EXPECT_EQ(answer.body.find("<script>"), std::string::npos) << name;
    }
  }
}

TEST_F(ConsoleTest, AnUnknownPageIsA404PageWithALinkHome) {
  add_anna();
  ASSERT_EQ(sign_in("anna", kPassword).status, 303);
  const HttpResponse missing = send("GET", "/console/../../etc/passwd");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("href=\"/console/overview\""), std::string::npos);
  EXPECT_EQ(send("GET", "/console/assets/secret.txt").status, 404);
}

TEST_F(ConsoleTest, PagesAreInTheOrganisersLanguage) {
  add_anna();
  ASSERT_EQ(sign_in("anna", kPassword).status, 303);
  EXPECT_NE(send("GET", "/console/devices").body.find("<h1>Devices</h1>"), std::string::npos);
  EXPECT_EQ(
      send("POST", "/console/language", "lang=nl&back=%2Fconsole%2Fdevices&csrf=" + session_csrf()).status,
      303);
  EXPECT_NE(send("GET", "/console/devices").body.find("<h1>Apparaten</h1>"), std::string::npos);
  EXPECT_EQ(hub->organiser("anna").value()->first.language, "nl");
}

std::string multipart(const std::string& boundary, const std::string& csrf,
                      const std::vector<std::pair<std::string, std::string>>& files) {
  std::string body =
      "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n";
  for (const auto& [name, bytes] : files) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name +
            "\"\r\nContent-Type: application/json\r\n\r\n" + bytes + "\r\n";
  }
  return body + "--" + boundary + "--\r\n";
}

TEST_F(ConsoleTest, ImportTakesUploadedBatchesAndRefusesAPathInAName) {
  add_anna();
  ASSERT_EQ(sign_in("anna", kPassword).status, 303);
  const std::string csrf = session_csrf();
  const std::string type = "multipart/form-data; boundary=XyZ";
  const HttpResponse traversal =
      send("POST", "/console/import",
           multipart("XyZ", csrf, {{"../../plain.json", fixture_batch("plain.json")}}), type);
  EXPECT_EQ(traversal.status, 400);
  EXPECT_EQ(hub->status()->batches + hub->status()->quarantined_batches, 0);

  const HttpResponse imported = send(
      "POST", "/console/import", multipart("XyZ", csrf, {{"plain.json", fixture_batch("plain.json")}}), type);
  EXPECT_EQ(imported.status, 200) << imported.body;
  EXPECT_NE(imported.body.find("quarantine"), std::string::npos);
  EXPECT_EQ(hub->status()->quarantined_batches, 1);
  const HttpResponse ack = send("GET", "/console/import/ack");
  EXPECT_EQ(ack.status, 200);
  EXPECT_NE(header(ack, "Content-Disposition").find("attachment; filename=\"peiling-ack-"),
            std::string::npos);
  EXPECT_NE(ack.body.find("peiling.ack/1"), std::string::npos);
}

// An organiser who only uses the console carries to the stick what `peiling-hub import` writes
// there: whatever the page after an upload offers for download goes into the stick's acks/ folder
// under the name the hub gives it, and a device at that stick learns the pack's state from it.
TEST_F(ConsoleTest, AfterAnUploadThePageOffersTheFilesADeviceAtTheStickLearnsThePackStateFrom) {
  add_anna();
  const Pack pack = sync::test::fixture_pack();
  const std::string pack_bytes =
      peiling::test::read_file(fs::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs" / "valid-minimal.json");
  ASSERT_TRUE(hub->publish_pack({pack.id, pack.version}, pack_bytes).ok());
  ASSERT_TRUE(
      hub->set_pack_lifecycle(pack.id, PackState::closing, std::nullopt, {0, "anna", "pack-state", "", "cli"})
          .ok());
  ASSERT_EQ(sign_in("anna", kPassword).status, 303);
  const HttpResponse imported =
      send("POST", "/console/import",
           multipart("XyZ", session_csrf(), {{"plain.json", fixture_batch("plain.json")}}),
           "multipart/form-data; boundary=XyZ");
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_NE(imported.body.find("acks"), std::string::npos) << "the page says where the files go";

  const fs::path stick = fs::path(dir) / "stick";
  fs::create_directories(stick / sync::kAckFolder);
  std::vector<std::string> offered;
  const std::string marker = "href=\"/console/import/";
  for (auto at = imported.body.find(marker); at != std::string::npos;
       at = imported.body.find(marker, at + 1)) {
    const auto start = at + 6;
    const std::string target = imported.body.substr(start, imported.body.find('"', start) - start);
    if (target == "/console/import") continue;  // "Import more"
    const HttpResponse file = send("GET", target);
    ASSERT_EQ(file.status, 200) << target;
    const std::string disposition = header(file, "Content-Disposition");
    const std::string prefix = "attachment; filename=\"";
    ASSERT_TRUE(disposition.starts_with(prefix)) << target << ": " << disposition;
    const std::string name = disposition.substr(prefix.size(), disposition.size() - prefix.size() - 1);
    offered.push_back(name);
    std::ofstream(stick / sync::kAckFolder / name, std::ios::binary) << file.body;
  }
  EXPECT_EQ(offered.size(), 2u) << "the acknowledgement and the pack states";

  store::DeviceStore device = sync::test::open_device(pack);
  Pack running = pack;
  running.hub = HubSettings{std::nullopt, std::nullopt, hub->sign_public_key(), std::nullopt};
  auto read = sync::import_packs(device, running, stick);
  ASSERT_TRUE(read.ok()) << read.errors().joined();
  EXPECT_TRUE(read->refused.empty()) << read->refused.front();
  EXPECT_EQ(device.pack_status({pack.id, pack.version})->state, PackState::closing);
  const auto audit = hub->audit_log(2);
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ(audit->at(0).action, "states-download");
}

// The hub machine's zone for one test, then the one it had.
class LocalZone {
 public:
  explicit LocalZone(const char* zone) {
    if (const char* was = std::getenv("TZ")) before_ = was;
    setenv("TZ", zone, 1);
    tzset();
  }
  ~LocalZone() {
    if (before_)
      setenv("TZ", before_->c_str(), 1);
    else
      unsetenv("TZ");
    tzset();
  }
  LocalZone(const LocalZone&) = delete;
  LocalZone& operator=(const LocalZone&) = delete;

 private:
  std::optional<std::string> before_;
};

// The value a page's closing-time field holds ("" when it holds none).
std::string closing_field_value(const std::string& page) {
  const auto field = page.find("name=\"closes_local\"");
  if (field == std::string::npos) return "<no field>";
  const auto end = page.find('>', field);
  const std::string marker = "value=\"";
  const auto value = page.find(marker, field);
  if (value == std::string::npos || value > end) return "";
  return page.substr(value + marker.size(), page.find('"', value + marker.size()) - value - marker.size());
}

// The Packs page's closing time, typed in the hub's local time and kept in UTC: the form shows the
// time set (with its zone), so Set again keeps it, as does an empty field; only the button of its
// own removes it, and closing now drops it.
TEST_F(ConsoleTest, TheClosingTimeRoundTripsThroughThePacksFormInLocalTimeAndOnlyRemoveClearsIt) {
  const LocalZone amsterdam("Europe/Amsterdam");
  add_anna();
  const Pack pack = sync::test::fixture_pack();
  ASSERT_TRUE(hub->publish_pack({pack.id, pack.version},
                                peiling::test::read_file(fs::path(PEILING_TEST_DATA_DIR) / "fixtures" /
                                                         "packs" / "valid-minimal.json"))
                  .ok());
  ASSERT_EQ(sign_in("anna", kPassword).status, 303);
  const std::string csrf = session_csrf();
  const auto set = [&](const std::string& fields) {
    return send("POST", "/console/packs/state", "csrf=" + csrf + "&pack=" + pack.id + "&" + fields);
  };
  const auto closes_at = [&] { return hub->pack_lifecycle(pack.id)->closes_at; };
  const UtcMillis summer = *parse_rfc3339("2099-06-01T13:00:00.000Z");  // 15:00 in Amsterdam (CEST)

  EXPECT_EQ(closing_field_value(send("GET", "/console/packs").body), "");
  ASSERT_EQ(set("state=closing&closes_local=2099-06-01T15%3A00").status, 303);
  EXPECT_EQ(closes_at(), summer);

  const std::string shown = send("GET", "/console/packs").body;
  EXPECT_EQ(closing_field_value(shown), "2099-06-01T15:00");
  EXPECT_NE(shown.find("CEST, UTC+02:00"), std::string::npos) << "the zone is named";
  EXPECT_NE(shown.find("2099-06-01T13:00:00.000Z"), std::string::npos) << "and how it is kept";

  // Set again with what the page holds, or with the field emptied, or another state: kept.
  ASSERT_EQ(set("state=closing&closes_local=" + url_encode(closing_field_value(shown))).status, 303);
  EXPECT_EQ(closes_at(), summer);
  ASSERT_EQ(set("state=open&closes_local=").status, 303);
  EXPECT_EQ(closes_at(), summer);
  EXPECT_EQ(hub->pack_lifecycle(pack.id)->state, PackState::open);
  EXPECT_EQ(closing_field_value(send("GET", "/console/packs").body), "2099-06-01T15:00");

  // A winter time takes that day's offset; a time the clocks skip is refused, naming the field.
  ASSERT_EQ(set("state=closing&closes_local=2099-12-01T15%3A00").status, 303);
  EXPECT_EQ(closes_at(), parse_rfc3339("2099-12-01T14:00:00.000Z"));
  const HttpResponse skipped = set("state=closing&closes_local=2099-03-29T02%3A30");
  EXPECT_EQ(skipped.status, 400);
  EXPECT_NE(skipped.body.find("Closes by itself at: 2099-03-29T02:30 (CET, UTC+01:00) is not a time"),
            std::string::npos)
      << skipped.body;
  const HttpResponse passed = set("state=closing&closes_local=2009-11-13T17%3A00");
  EXPECT_EQ(passed.status, 400);
  EXPECT_NE(passed.body.find("Closes by itself at: 2009-11-13T17:00 (CET, UTC+01:00) has passed"),
            std::string::npos)
      << passed.body;
  EXPECT_EQ(closes_at(), parse_rfc3339("2099-12-01T14:00:00.000Z"));

  // Removing it is the explicit action.
  const std::string before_clear = send("GET", "/console/packs").body;
  EXPECT_NE(before_clear.find("name=\"clear_closing\" value=\"1\""), std::string::npos);
  ASSERT_EQ(set("state=closing&closes_local=2099-12-01T15%3A00&clear_closing=1").status, 303)
      << "the Remove button sends the field too";
  EXPECT_EQ(closes_at(), std::nullopt);
  EXPECT_EQ(closing_field_value(send("GET", "/console/packs").body), "");

  // Closing now with the form still holding a time: closed, and no time kept.
  ASSERT_EQ(set("state=closing&closes_local=2099-06-01T15%3A00").status, 303);
  ASSERT_EQ(set("state=closed&closes_local=2099-06-01T15%3A00").status, 303);
  EXPECT_EQ(hub->pack_lifecycle(pack.id)->state, PackState::closed);
  EXPECT_EQ(closes_at(), std::nullopt);

  // A pack its closing time closed opens again with the field empty: the passed time is not kept.
  ASSERT_TRUE(hub->set_pack_lifecycle(pack.id, PackState::closing, parse_rfc3339("2009-11-13T16:00:00.000Z"),
                                      {0, "anna", "pack-state", "", "cli"})
                  .ok());
  ASSERT_EQ(hub->pack_lifecycle(pack.id)->state, PackState::closed);
  EXPECT_EQ(closing_field_value(send("GET", "/console/packs").body), "");
  ASSERT_EQ(set("state=open&closes_local=").status, 303);
  EXPECT_EQ(hub->pack_lifecycle(pack.id)->state, PackState::open);
  EXPECT_EQ(closes_at(), std::nullopt);
}

TEST_F(ConsoleTest, ContactsNeedThePasswordAgainAndEveryExportIsAudited) {
  add_anna();
  ASSERT_TRUE(hub->add_contacts({{"minimal", "someone@example.org"}}).ok());
  ASSERT_EQ(sign_in("anna", kPassword).status, 303);
  const std::string csrf = session_csrf();
  const HttpResponse refused = send("POST", "/console/contacts", "password=not+it+at+all&csrf=" + csrf);
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(refused.body.find("someone@example.org"), std::string::npos);
  const HttpResponse csv = send("POST", "/console/contacts", "password=correct+horse+battery&csrf=" + csrf);
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(header(csv, "Content-Disposition"), "attachment; filename=\"contacts.csv\"");
  EXPECT_NE(csv.body.find("someone@example.org"), std::string::npos);
  const auto audit = hub->audit_log(2);
  EXPECT_EQ(audit->at(0).action, "contacts-export");
  EXPECT_EQ(audit->at(1).action, "contacts-refused");
}

TEST_F(ConsoleTest, ReportsComeInEveryFormatWithTheirTypesAndNamesAndAreAudited) {
  add_anna();
  for (const fs::path& file :
       {fs::path(PEILING_ASSETS_DIR) / "packs" / "conference-2009-11-13.json",
        fs::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs" / "valid-follow-up.json"}) {
    auto loaded = load_pack_file(file);
    ASSERT_TRUE(loaded.ok()) << loaded.errors().joined();
    ASSERT_TRUE(hub->publish_pack({loaded->pack.id, loaded->pack.version}, loaded->bytes).ok());
  }
  ASSERT_EQ(sign_in("anna", kPassword).status, 303);
  const HttpResponse form = send("GET", "/console/reports");
  EXPECT_NE(form.body.find("<option value=\"conference-2009-11-13\">"), std::string::npos);
  struct Case {
    std::string query, type, disposition;
  };
  const std::string one = "/console/reports/download?pack=conference-2009-11-13&lang=nl&k=5&format=";
  for (const Case& c : std::vector<Case>{
           {one + "html", "text/html; charset=utf-8",
            "inline; filename=\"conference-2009-11-13-report.html\""},
           {one + "csv&dialect=plain", "text/csv; charset=utf-8",
            "attachment; filename=\"conference-2009-11-13-report.csv\""},
           {one + "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "attachment; filename=\"conference-2009-11-13-report.xlsx\""},
           {one + "json", "application/json", "attachment; filename=\"conference-2009-11-13-report.json\""},
           {"/console/reports/"
            "download?series=1&pack=conference-2009-11-13&follow_up=minimal-follow-up&format=xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "attachment; filename=\"conference-2009-11-13-series.xlsx\""},
       }) {
    const HttpResponse report = send("GET", c.query);
    EXPECT_EQ(report.status, 200) << c.query << report.body;
    EXPECT_EQ(report.content_type, c.type) << c.query;
    EXPECT_EQ(header(report, "Content-Disposition"), c.disposition) << c.query;
    EXPECT_FALSE(report.body.empty());
  }
  // The plain dialect was asked for although the language is nl.
  EXPECT_TRUE(send("GET", one + "csv&dialect=plain").body.starts_with("\xEF\xBB\xBFresponse_id,"));
  EXPECT_TRUE(send("GET", one + "csv&dialect=excel-nl").body.starts_with("\xEF\xBB\xBFresponse_id;"));
  EXPECT_EQ(send("GET", one + "pdf").status, 400);
  EXPECT_EQ(send("GET", "/console/reports/download?pack=..%2Fetc&format=csv").status, 400);
  EXPECT_EQ(hub->audit_log(1)->front().action, "report");
}

TEST(ConsoleHttp, ReadsFormsCookiesAndEscapes) {
  const Form form = parse_form("a=1&b=x+y%2Cz&c=%zz&&d");
  EXPECT_EQ(form.at("a"), "1");
  EXPECT_EQ(form.at("b"), "x y,z");
  EXPECT_EQ(form.at("c"), "%zz");
  EXPECT_EQ(form.at("d"), "");
  HttpRequest request;
  request.headers["cookie"] = "x=1; peiling_session=abc; y=2";
  EXPECT_EQ(cookie(request, "peiling_session"), "abc");
  EXPECT_EQ(cookie(request, "session"), std::nullopt);
  EXPECT_EQ(url_decode(url_encode("Kiosk 3, zaal B/é")), "Kiosk 3, zaal B/é");
  EXPECT_NE(token_hash("a"), token_hash("b"));
  EXPECT_EQ(token_hash("a").size(), 32u);
}

TEST(Organisers, NamesAndPasswordsAreChecked) {
  EXPECT_TRUE(is_valid_organiser_name("a.jansen@bureau"));
  EXPECT_FALSE(is_valid_organiser_name(""));
  EXPECT_FALSE(is_valid_organiser_name("anna jansen"));
  EXPECT_FALSE(is_valid_organiser_name("<script>"));
  EXPECT_TRUE(password_problem("123456789").has_value());
  EXPECT_FALSE(password_problem("1234567890").has_value());
  EXPECT_FALSE(password_problem("ééééééééééé").has_value());
}

}  // namespace
}  // namespace peiling::hub::console
