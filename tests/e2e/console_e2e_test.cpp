// The organiser console on a real `peiling-hub serve`, over HTTP from raw sockets: the accounts
// made with the command line, the security rules as a browser or an attacker meets them, and abuse
// aimed at /console that must leave the device uploads answered.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <thread>

#include "console_venue.hpp"

namespace peiling::test {
namespace {

using namespace std::chrono_literals;

TEST_F(ConsoleVenue, ServeSaysHowToAddAnOrganiserThenWhereTheConsoleIs) {
  {
    auto served = serve();
    EXPECT_NE(
        served->log().find("is off until the hub has an organiser: peiling-hub organisers add NAME --db"),
        std::string::npos)
        << served->log();
    const auto off = http_request(served->port(), "GET", "/console", "");
    EXPECT_EQ(off.status, 503);
    EXPECT_NE(off.body.find("organisers add NAME"), std::string::npos);
  }
  const auto added = add_organiser("anna");
  ASSERT_EQ(added.exit_code, 0) << added.output;
  auto served = serve();
  EXPECT_NE(served->log().find("organiser console on " + served->url() + "/console"), std::string::npos)
      << served->log();
  EXPECT_EQ(http_request(served->port(), "GET", "/console/sign-in", "").status, 200);
}

TEST_F(ConsoleVenue, OrganisersAreManagedFromTheCommandLineAndAudited) {
  write_file((dir / "short").string(), "too short\n");
  const auto short_one = hub({"organisers", "add", "bert", "--password-file", (dir / "short").string()});
  EXPECT_EQ(short_one.exit_code, 1);
  EXPECT_NE(short_one.output.find("at least 10 characters"), std::string::npos) << short_one.output;
  ASSERT_EQ(add_organiser("anna").exit_code, 0);
  EXPECT_EQ(add_organiser("anna").exit_code, 1) << "a name is added once";
  EXPECT_NE(hub({"organisers", "list"}).output.find("anna  en  added "), std::string::npos);
  EXPECT_EQ(hub({"organisers", "password", "anna", "--password-file", password_file.string()}).exit_code, 0);
  EXPECT_EQ(hub({"organisers", "remove", "anna"}).exit_code, 0);
  EXPECT_EQ(hub({"organisers", "remove", "anna"}).exit_code, 1);
  const auto audit = hub({"audit", "--json"});
  ASSERT_EQ(audit.exit_code, 0) << audit.output;
  const json entries = json::parse(audit.output);
  std::vector<std::string> actions;
  for (const auto& entry : entries) actions.push_back(entry.at("action"));
  EXPECT_EQ(actions, (std::vector<std::string>{"organiser-removed", "password-changed", "organiser-added"}));
  EXPECT_EQ(entries[0].at("client"), "cli");
}

TEST_F(ConsoleVenue, CookiesCsrfAndTheDeviceTokenOverHttp) {
  ASSERT_EQ(add_organiser("anna").exit_code, 0);
  device_with_batches("tablet-a", 1, 2);
  write_file((dir / "token").string(), "venue-token-2009\n");
  auto served = serve({"--strict", "--token-file", (dir / "token").string()});
  const auto posted = http_request(served->port(), "POST", "/api/v1/batches", batch_file("tablet-a"),
                                   {"Authorization: Bearer venue-token-2009"});
  ASSERT_EQ(posted.status, 201) << posted.body;

  // The device token opens nothing on the console.
  const auto with_token =
      http_request(served->port(), "GET", "/console/devices", "", {"Authorization: Bearer venue-token-2009"});
  EXPECT_EQ(with_token.status, 303);
  EXPECT_EQ(header_of(with_token, "Location"), "/console/sign-in?lang=nl");

  Browser browser(served->port());
  const auto signed_in = browser.sign_in("anna", "correct+horse+battery");
  ASSERT_EQ(signed_in.status, 303) << signed_in.head << signed_in.body;
  ASSERT_FALSE(browser.set_cookie_lines.empty());
  EXPECT_TRUE(browser.set_cookie_lines[0].starts_with("peiling_session="));
  EXPECT_TRUE(browser.set_cookie_lines[0].ends_with("; HttpOnly; SameSite=Strict; Path=/console"))
      << browser.set_cookie_lines[0];
  ASSERT_EQ(browser.get("/console/devices").status, 200);
  const std::string device = device_ids["tablet-a"];
  const std::string csrf = browser.csrf;
  EXPECT_EQ(browser.post("/console/devices/approve", "device=" + device + "&confirm=yes").status, 403);
  EXPECT_EQ(
      browser
          .post("/console/devices/approve", "device=" + device + "&confirm=yes&csrf=" + std::string(64, '0'))
          .status,
      403);
  EXPECT_EQ(status()["devices"]["pending"], 1) << status().dump();
  EXPECT_EQ(browser.post("/console/devices/approve", "device=" + device + "&confirm=yes&csrf=" + csrf).status,
            303);
  EXPECT_EQ(status()["devices"]["pending"], 0) << status().dump();
  EXPECT_EQ(complete_in(status()), 2);
}

TEST_F(ConsoleVenue, EveryConsolePageSendsTheSecurityHeaders) {
  ASSERT_EQ(add_organiser("anna").exit_code, 0);
  auto served = serve();
  Browser browser(served->port());
  std::vector<std::pair<std::string, HttpExchange>> answers;
  answers.emplace_back("/console", browser.get("/console"));
  answers.emplace_back("/console/sign-in", browser.get("/console/sign-in"));
  ASSERT_EQ(browser.sign_in("anna", "correct+horse+battery").status, 303);
  for (const char* page :
       {"/console/overview", "/console/devices", "/console/import", "/console/reports", "/console/contacts",
        "/console/backup", "/console/audit", "/console/assets/console.css", "/console/assets/console.js",
        "/console/unknown", "/console/import/ack"}) {
    answers.emplace_back(page, browser.get(page));
  }
  for (const auto& [page, answer] : answers) {
    EXPECT_EQ(header_of(answer, "Content-Security-Policy"), "default-src 'self'; frame-ancestors 'none'")
        << page;
    EXPECT_EQ(header_of(answer, "X-Content-Type-Options"), "nosniff") << page;
    EXPECT_EQ(header_of(answer, "Cache-Control"), "no-store") << page;
  }
  EXPECT_EQ(answers.back().second.status, 200);
  EXPECT_EQ(answers[answers.size() - 2].second.status, 404);
}

TEST_F(ConsoleVenue, TheLockoutAfterFiveFailuresOutlivesARestartOfServe) {
  ASSERT_EQ(add_organiser("anna").exit_code, 0);
  auto served = serve();
  {
    Browser browser(served->port());
    for (int i = 0; i < 5; ++i) EXPECT_EQ(browser.sign_in("anna", "wrong+password").status, 401) << i;
    EXPECT_EQ(browser.sign_in("anna", "correct+horse+battery").status, 429);
  }
  EXPECT_EQ(served->terminate(), 0);
  served = serve();
  Browser browser(served->port());
  const auto locked = browser.sign_in("anna", "correct+horse+battery");
  EXPECT_EQ(locked.status, 429);
  EXPECT_NE(locked.body.find("Probeer het opnieuw na "), std::string::npos)
      << locked.body;  // signed out: Dutch
  EXPECT_TRUE(browser.cookies.find("peiling_session") == browser.cookies.end());
}

TEST_F(ConsoleVenue, ASessionFromBeforeOrganisersRemoveNoLongerWorks) {
  ASSERT_EQ(add_organiser("anna").exit_code, 0);
  ASSERT_EQ(add_organiser("bert").exit_code, 0);
  auto served = serve();
  Browser browser(served->port());
  ASSERT_EQ(browser.sign_in("anna", "correct+horse+battery").status, 303);
  ASSERT_EQ(browser.get("/console/overview").status, 200);
  ASSERT_EQ(hub({"organisers", "remove", "anna"}).exit_code, 0);
  const auto after = browser.get("/console/overview");
  EXPECT_EQ(after.status, 303);
  EXPECT_TRUE(header_of(after, "Location").starts_with("/console/sign-in"));
}

TEST_F(ConsoleVenue, APathInAnUploadsNameIsRefusedAndNothingIsStored) {
  ASSERT_EQ(add_organiser("anna").exit_code, 0);
  device_with_batches("tablet-a", 1, 2);
  auto served = serve();
  Browser browser(served->port());
  ASSERT_EQ(browser.sign_in("anna", "correct+horse+battery").status, 303);
  browser.get("/console/import");
  for (const char* name : {"../../etc/cron.d/batch.json", "..\\\\stick\\\\batch.json", "/tmp/batch.json"}) {
    const std::string body =
        "--b0undary\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + browser.csrf +
        "\r\n--b0undary\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name +
        "\"\r\nContent-Type: application/json\r\n\r\n" + batch_file("tablet-a") + "\r\n--b0undary--\r\n";
    const auto answer = browser.post("/console/import", body, "multipart/form-data; boundary=b0undary");
    EXPECT_EQ(answer.status, 400) << name << answer.body;
  }
  EXPECT_EQ(status()["batches"]["counted"], 0);
}

TEST_F(ConsoleVenue, ABackupRunsBesideTheUploadsAndRestoresElsewhere) {
  ASSERT_EQ(add_organiser("anna").exit_code, 0);
  device_with_batches("tablet-a", 3, 20);
  auto served = serve();
  ASSERT_EQ(http_request(served->port(), "POST", "/api/v1/batches", batch_file("tablet-a", 1)).status, 201);
  const int before_backup = complete_in(status());
  Browser browser(served->port());
  ASSERT_EQ(browser.sign_in("anna", "correct+horse+battery").status, 303);
  browser.get("/console/backup");
  const auto asked = browser.post(
      "/console/backup",
      "passphrase=a+backup+passphrase&again=a+backup+passphrase&folder=e2e&csrf=" + browser.csrf);
  ASSERT_EQ(asked.status, 303) << asked.body;
  // While the backup derives its key and copies the database, a device's upload is answered.
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(http_request(served->port(), "POST", "/api/v1/batches", batch_file("tablet-a", 2)).status, 201);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("[ figures  ] a device upload during a console backup was answered in %.3f s\n", seconds);
  EXPECT_LT(seconds, 2.0);
  std::string page;
  for (int i = 0; i < 100 && page.find("/console/backup/download") == std::string::npos; ++i) {
    std::this_thread::sleep_for(100ms);
    page = browser.get("/console/backup").body;
  }
  const auto link = page.find("/console/backup/download?folder=e2e&amp;file=");
  ASSERT_NE(link, std::string::npos) << page;
  const std::string file = page.substr(link + 45, page.find('"', link) - link - 45);
  const fs::path written = fs::path(hub_db).parent_path() / "backups" / "e2e" / file;
  ASSERT_TRUE(fs::exists(written)) << written;
  const auto downloaded = browser.get("/console/backup/download?folder=e2e&file=" + file);
  EXPECT_EQ(downloaded.status, 200);
  EXPECT_EQ(downloaded.body, read_file(written));
  EXPECT_EQ(browser.get("/console/backup/download?folder=..&file=hub.db").status, 400);

  write_file((dir / "passphrase").string(), "a backup passphrase\n");
  const fs::path restored = dir / "restored.db";
  const auto restore = run_process({PEILING_HUB_BIN, "restore", written.string(), "--db", restored.string(),
                                    "--passphrase-file", (dir / "passphrase").string()});
  ASSERT_EQ(restore.exit_code, 0) << restore.output;
  const json copy =
      json::parse(run_process({PEILING_HUB_BIN, "status", "--json", "--db", restored.string()}).output);
  // The first batch for certain; the second when it came in before the copy's read transaction.
  EXPECT_GE(complete_in(copy), before_backup);
  EXPECT_LE(complete_in(copy), complete_in(status()));
  EXPECT_GT(before_backup, 0);
}

// Abuse aimed at /console, each followed by a legitimate device upload from another address.
class AbusedConsole : public ConsoleVenue {
 protected:
  void SetUp() override {
    ConsoleVenue::SetUp();
    ASSERT_EQ(add_organiser("anna").exit_code, 0);
    device_with_batches("tablet-a", 4, 2);
    served = serve();
  }

  void expect_device_upload_answered(const char* after) {
    const auto started = std::chrono::steady_clock::now();
    const auto answer = http_request(served->port(), "POST", "/api/v1/batches",
                                     batch_file("tablet-a", ++next_seq), {}, "127.0.0.2");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const long rss = served->rss_kib();
    const long peak = served->peak_rss_kib();
    std::printf(
        "[ figures  ] after %s: device upload answered %d in %.3f s; serve RSS %.1f MB now, %.1f MB peak\n",
        after, answer.status, seconds, static_cast<double>(rss) / 1024, static_cast<double>(peak) / 1024);
    EXPECT_EQ(answer.status, 201) << answer.body;
    EXPECT_LT(seconds, 2.0);
    EXPECT_GT(rss, 0);
    EXPECT_LT(peak, 150 * 1024) << "KiB resident at the most";
  }

  std::unique_ptr<ServingHub> served;
  std::int64_t next_seq = 0;
};

TEST_F(AbusedConsole, AHugeBodyIsRefusedBeforeItIsRead) {
  const int fd = connect_to(served->port());
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(
      send_all(fd, "POST /console/import HTTP/1.1\r\nHost: hub\r\nContent-Length: 104857600\r\n\r\n"));
  const auto answer = read_answer(fd, 2s);
  close(fd);
  EXPECT_EQ(answer.status, 413) << answer.head;
  EXPECT_NE(answer.head.find("Content-Type: text/html"), std::string::npos) << "a page for a person";
  EXPECT_NE(answer.body.find("8 MiB"), std::string::npos) << answer.body;
  EXPECT_NE(answer.head.find("Content-Security-Policy: default-src 'self'"), std::string::npos);
  expect_device_upload_answered("a 100 MiB Content-Length on /console/import");
}

TEST_F(AbusedConsole, AnEndlessChunkedUploadIsCutOff) {
  const int fd = connect_to(served->port());
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(send_all(fd,
                       "POST /console/import HTTP/1.1\r\nHost: hub\r\nContent-Type: multipart/form-data; "
                       "boundary=x\r\nTransfer-Encoding: chunked\r\n\r\n"));
  const std::string chunk = "10000\r\n" + std::string(0x10000, 'x') + "\r\n";
  std::size_t sent = 0;
  while (sent < (64u << 20) && send_all(fd, chunk)) sent += 0x10000;
  close(fd);
  EXPECT_LT(sent, 16u << 20) << "the hub closed the connection soon after 8 MiB";
  expect_device_upload_answered("an endless chunked upload to /console/import");
}

TEST_F(AbusedConsole, AThousandBadSignInsFromOneAddressLeaveTheUploadsAnswered) {
  Browser attacker(served->port(), "127.0.0.3");
  attacker.get("/console/sign-in");
  std::map<int, int> statuses;
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 1000; ++i) {
    // Half at the real name, half at names the hub does not have.
    const std::string name = i % 2 ? "anna" : "intruder" + std::to_string(i);
    ++statuses[attacker
                   .post("/console/sign-in",
                         "csrf=" + attacker.csrf + "&name=" + name + "&password=guess" + std::to_string(i))
                   .status];
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("[ figures  ] 1,000 bad sign-ins in %.1f s: %d answered 401, %d answered 429\n", seconds,
              statuses[401], statuses[429]);
  EXPECT_EQ(statuses[401] + statuses[429], 1000);
  EXPECT_LE(statuses[401], 50) << "the address is stopped after its 50th failure";
  expect_device_upload_answered("1,000 bad sign-ins from one address");
  // The real organiser, from their own machine, is only kept out of the name the attacker locked.
  Browser organiser(served->port(), "127.0.0.4");
  EXPECT_EQ(organiser.sign_in("anna", "correct+horse+battery").status, 429);
}

}  // namespace
}  // namespace peiling::test
