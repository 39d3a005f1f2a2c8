// Sync over HTTP, end to end on loopback with the real programs: `peiling-hub serve` on a free
// port, devices running `peiling --sync URL`, and raw sockets for what no honest client sends.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "core/codec.hpp"
#include "http_venue.hpp"
#include "support/hub_process.hpp"
#include "sync/ack_file.hpp"
#include "sync/outbox.hpp"

namespace peiling::test {
namespace {

using namespace std::chrono_literals;

// What `PRAGMA integrity_check` says of a database file.
std::string integrity_of(const fs::path& db) {
  sqlite3* handle = nullptr;
  std::string result = "cannot open";
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(handle, "PRAGMA integrity_check", -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
      result = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(handle);
  return result;
}

TEST_F(HttpVenue, ThreeDevicesSyncOnceAndEverythingArrivesExactlyOnce) {
  std::vector<Response> given;
  for (const char* name : {"tablet-a", "tablet-b", "tablet-c"}) {
    auto made = device(name, 12);
    given.insert(given.end(), made.begin(), made.end());
  }
  ServingHub served(hub_db, log_dir());
  ASSERT_TRUE(served.started()) << served.log();
  for (const char* name : {"tablet-a", "tablet-b", "tablet-c"}) {
    const auto synced = sync(name, served.url());
    ASSERT_EQ(synced.exit_code, 0) << synced.output;
    EXPECT_NE(synced.output.find("1 batch(es) delivered, 0 waiting, 0 refused"), std::string::npos)
        << synced.output;
    EXPECT_EQ(counts_of(name), (store::SyncCounts{.delivered = 12}));
    // Syncing again has nothing to post.
    const auto again = sync(name, served.url());
    ASSERT_EQ(again.exit_code, 0) << again.output;
    EXPECT_NE(again.output.find("0 batch(es) delivered, 0 waiting"), std::string::npos) << again.output;
  }
  const json s = status();
  EXPECT_EQ(complete_in(s), 36);
  EXPECT_EQ(s["batches"]["counted"], 3);
  EXPECT_EQ(s["duplicate_responses"], 0);
  expect_hub_holds(given);
  // One log line per request: method, path, status, device, seq, duration.
  const std::string log = served.log();
  EXPECT_NE(log.find("POST /api/v1/batches 201 device=" + device_ids["tablet-b"] + " seq=1 "),
            std::string::npos)
      << log;
  EXPECT_EQ(served.terminate(), 0);
  EXPECT_EQ(integrity_of(hub_db), "ok");
}

// The projector's page over loopback: what the devices delivered, fresh on every GET.
TEST_F(HttpVenue, TheLivePageShowsThePublishedPackAndChangesWithEachUpload) {
  device_with_batches("tablet-a", 1, 3);
  device_with_batches("tablet-b", 2, 4);
  ServingHub served(hub_db, log_dir());
  ASSERT_TRUE(served.started()) << served.log();
  const auto unpublished = http_request(served.port(), "GET", "/live?lang=en", "");
  EXPECT_EQ(unpublished.status, 404) << unpublished.body;
  EXPECT_NE(unpublished.body.find("peiling-hub pack publish"), std::string::npos) << unpublished.body;
  const auto published = hub({"pack", "publish", plain_pack.string()});
  ASSERT_EQ(published.exit_code, 0) << published.output;

  ASSERT_EQ(sync("tablet-a", served.url()).exit_code, 0);
  const auto few = http_request(served.port(), "GET", "/live?lang=en", "");
  ASSERT_EQ(few.status, 200) << few.body;
  EXPECT_NE(few.head.find("text/html; charset=utf-8"), std::string::npos) << few.head;
  EXPECT_NE(few.body.find("There are 3 response(s), fewer than 5: no results are shown."), std::string::npos)
      << few.body;

  ASSERT_EQ(sync("tablet-b", served.url()).exit_code, 0);
  const auto more = http_request(served.port(), "GET", "/live", "");
  ASSERT_EQ(more.status, 200) << more.body;
  EXPECT_NE(more.body.find("<html lang=\"nl\">"), std::string::npos) << "the pack's first language";
  EXPECT_NE(more.body.find("Reacties: 11"), std::string::npos) << more.body;
  EXPECT_NE(more.body.find("<table class=\"top\""), std::string::npos) << more.body;
  EXPECT_NE(more.body.find("<meta http-equiv=\"refresh\" content=\"10\">"), std::string::npos);
  write_file((dir / "live.html").string(), more.body);  // for tests/tools/render-report-html

  const auto french = http_request(served.port(), "GET", "/live?lang=fr", "");
  EXPECT_EQ(french.status, 400) << french.body;
  EXPECT_NE(served.log().find("GET /live 200"), std::string::npos) << served.log();
  EXPECT_EQ(served.terminate(), 0);
}

TEST_F(HttpVenue, ServeShowsThePackFileOnLiveAndRefusesToStartWithAnInvalidOne) {
  device_with_batches("tablet-a", 1, 6);
  const auto invalid =
      fs::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs" / "invalid" / "dangling-related.json";
  const auto validated = run_process({PEILING_HUB_BIN, "pack", "validate", invalid.string()});
  ASSERT_NE(validated.exit_code, 0);
  const auto refused = hub({"serve", "--listen", "127.0.0.1:0", "--pack-file", invalid.string()});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.output.find(validated.output.substr(0, validated.output.find('\n'))), std::string::npos)
      << "the validator's own error: " << refused.output;

  ServingHub served(hub_db, log_dir(), {"--pack-file", plain_pack.string()});
  ASSERT_TRUE(served.started()) << served.log();
  ASSERT_EQ(sync("tablet-a", served.url()).exit_code, 0);
  const auto page = http_request(served.port(), "GET", "/live?lang=en", "");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Responses: 6"), std::string::npos) << page.body;
}

// `report` without --pack-file reports on the pack published on the hub.
TEST_F(HttpVenue, AReportWithoutAPackFileUsesThePublishedPackOrSaysHowToGiveOne) {
  device_with_batches("tablet-a", 1, 7);
  ServingHub served(hub_db, log_dir());
  ASSERT_TRUE(served.started()) << served.log();
  ASSERT_EQ(sync("tablet-a", served.url()).exit_code, 0);
  const auto out = (dir / "report.json").string();
  const auto unpublished = hub({"report", "--format", "json", "--out", out});
  EXPECT_EQ(unpublished.exit_code, 1);
  EXPECT_NE(unpublished.output.find("no pack is published on this hub"), std::string::npos)
      << unpublished.output;
  EXPECT_NE(unpublished.output.find("--pack-file"), std::string::npos) << unpublished.output;
  ASSERT_EQ(hub({"pack", "publish", plain_pack.string()}).exit_code, 0);
  const auto other = hub({"report", "--format", "json", "--out", out, "--pack", "another-pack"});
  EXPECT_EQ(other.exit_code, 1);
  EXPECT_NE(other.output.find("pack another-pack is not published on this hub"), std::string::npos)
      << other.output;
  const auto reported = hub({"report", "--format", "json", "--out", out, "--pack", pack_model.id});
  ASSERT_EQ(reported.exit_code, 0) << reported.output;
  EXPECT_NE(reported.output.find("(7 responses counted, k 5"), std::string::npos) << reported.output;
  const auto from_file = hub({"report", "--format", "json", "--out", (dir / "file.json").string(),
                              "--pack-file", plain_pack.string()});
  ASSERT_EQ(from_file.exit_code, 0) << from_file.output;
  json with_published = json::parse(read_file(out));
  json with_file = json::parse(read_file(dir / "file.json"));
  with_published.erase("generated_at");
  with_file.erase("generated_at");
  EXPECT_EQ(with_published, with_file) << "the published pack is the pack file's";
}

TEST_F(HttpVenue, TheSameBatchPostedAHundredTimesIsHeldOnceWithIdenticalAcks) {
  device_with_batches("tablet-a", 1, 5);
  const std::string file = batch_file("tablet-a");
  ServingHub served(hub_db, log_dir());
  ASSERT_TRUE(served.started()) << served.log();
  std::vector<HttpExchange> answers;
  for (int i = 0; i < 100; ++i)
    answers.push_back(http_request(served.port(), "POST", "/api/v1/batches", file));
  EXPECT_EQ(answers[0].status, 201) << answers[0].body;
  int replays = 0;
  for (std::size_t i = 1; i < answers.size(); ++i) {
    EXPECT_EQ(answers[i].status, 200) << answers[i].body;
    EXPECT_EQ(answers[i].body, answers[0].body) << "every replay gets the same ack, byte for byte";
    replays += answers[i].status == 200 ? 1 : 0;
  }
  EXPECT_EQ(replays, 99);
  // The ack names this batch and is signed by the hub's key.
  auto ack = sync::read_ack_file(answers[0].body, "ack",
                                 {from_base64(hub_section["sign_key"].get<std::string>()).value_or("")});
  ASSERT_TRUE(ack.ok()) << ack.errors().joined();
  ASSERT_EQ(ack->batches.size(), 1u);
  EXPECT_EQ(ack->batches[0].device_id, device_ids["tablet-a"]);
  EXPECT_EQ(ack->batches[0].seq, 1);
  const json s = status();
  EXPECT_EQ(s["batches"]["counted"], 1);
  EXPECT_EQ(complete_in(s), 5);
}

TEST_F(HttpVenue, AnAckLostAfterTheCommitIsRetriedAndTheHubHoldsOneCopy) {
  const auto given = device_with_batches("tablet-a", 2, 4);
  ServingHub served(hub_db, log_dir(), {"--test-drop-acks", "2"});
  ASSERT_TRUE(served.started()) << served.log();
  const auto synced = sync("tablet-a", served.url());
  ASSERT_EQ(synced.exit_code, 0) << synced.output << served.log();
  EXPECT_NE(synced.output.find("trying again in"), std::string::npos) << synced.output;
  EXPECT_EQ(counts_of("tablet-a"), (store::SyncCounts{.delivered = 8}));
  const std::string log = served.log();
  EXPECT_NE(log.find("POST /api/v1/batches closed device=" + device_ids["tablet-a"] + " seq=1"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("POST /api/v1/batches 200 device=" + device_ids["tablet-a"] + " seq=1"),
            std::string::npos)
      << "the retry was a replay, answered with the ack\n"
      << log;
  const json s = status();
  EXPECT_EQ(s["batches"]["counted"], 2);
  EXPECT_EQ(complete_in(s), 8);
  expect_hub_holds(given);
}

// A server on loopback that answers every request 200 with an HTML page, as a captive portal does.
class CaptivePortal {
 public:
  CaptivePortal() {
    listener_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (bind(listener_, reinterpret_cast<sockaddr*>(&address), size) != 0 || listen(listener_, 16) != 0)
      return;
    getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] {
      for (;;) {
        const int client = accept(listener_, nullptr, nullptr);
        if (client < 0 || stopping_) {
          if (client >= 0) close(client);
          return;
        }
        ++requests_;
        read_answer(client, 300ms);  // the request, whatever it is
        const std::string page = "<html><body>Welcome to the venue Wi-Fi. Please log in.</body></html>";
        send_all(client,
                 "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\nContent-Length: " +
                     std::to_string(page.size()) + "\r\n\r\n" + page);
        close(client);
      }
    });
  }
  ~CaptivePortal() {
    stopping_ = true;
    shutdown(listener_, SHUT_RDWR);
    close(listener_);
    if (thread_.joinable()) thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int requests() const { return requests_; }

 private:
  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> requests_{0};
  std::thread thread_;
};

TEST_F(HttpVenue, AnHtmlPageOrAnAckSignedWithAnotherKeyLeavesTheBatchUndelivered) {
  device_with_batches("tablet-a", 1, 3);
  {
    CaptivePortal portal;
    const auto synced = sync("tablet-a", portal.url(), {"--sync-attempts", "2"});
    EXPECT_EQ(synced.exit_code, 1) << synced.output;
    EXPECT_NE(synced.output.find("not an acknowledgement"), std::string::npos) << synced.output;
    EXPECT_EQ(portal.requests(), 2);
  }
  EXPECT_EQ(counts_of("tablet-a"), (store::SyncCounts{.batched = 3}));

  // Another organiser's hub takes the batch and acks it with its own key, which the pack does not name.
  const auto other_db = dir / "other-hub.db";
  ASSERT_EQ(run_process({PEILING_HUB_BIN, "init", "--db", other_db.string()}).exit_code, 0);
  ServingHub other(other_db, log_dir());
  ASSERT_TRUE(other.started()) << other.log();
  const auto synced = sync("tablet-a", other.url(), {"--sync-attempts", "1"});
  EXPECT_EQ(synced.exit_code, 1) << synced.output;
  EXPECT_NE(synced.output.find("is not a hub key this device trusts"), std::string::npos) << synced.output;
  EXPECT_EQ(counts_of("tablet-a"), (store::SyncCounts{.batched = 3}));

  // The right hub's ack counts.
  ServingHub served(hub_db, log_dir());
  ASSERT_TRUE(served.started()) << served.log();
  const auto delivered = sync("tablet-a", served.url());
  EXPECT_EQ(delivered.exit_code, 0) << delivered.output;
  EXPECT_EQ(counts_of("tablet-a"), (store::SyncCounts{.delivered = 3}));
}

TEST_F(HttpVenue, OverHttpsTheHubsCertificateIsVerified) {
  const auto given = device_with_batches("tablet-a", 1, 4);
  // A self-signed certificate for 127.0.0.1 (valid to 2126), made for these tests only.
  const auto tls = fs::path(PEILING_TEST_DATA_DIR) / "fixtures" / "tls";
  ServingHub served(
      hub_db, log_dir(),
      {"--tls-cert", (tls / "hub-cert.pem").string(), "--tls-key", (tls / "hub-key.pem").string()});
  ASSERT_TRUE(served.started()) << served.log();
  ASSERT_EQ(served.url().rfind("https://", 0), 0u) << served.url();

  const auto unverified = sync("tablet-a", served.url(), {"--sync-attempts", "1"});
  EXPECT_EQ(unverified.exit_code, 1) << unverified.output;
  EXPECT_NE(unverified.output.find("certificate"), std::string::npos) << unverified.output;
  EXPECT_EQ(counts_of("tablet-a"), (store::SyncCounts{.batched = 4}));

  const auto verified = sync("tablet-a", served.url(), {"--hub-ca", (tls / "hub-cert.pem").string()});
  EXPECT_EQ(verified.exit_code, 0) << verified.output << served.log();
  EXPECT_EQ(counts_of("tablet-a"), (store::SyncCounts{.delivered = 4}));
  expect_hub_holds(given);
}

TEST_F(HttpVenue, TwentyDevicesPostingTenBatchesEachAtOnceArriveExactlyOnce) {
  constexpr int kDevices = 20, kBatches = 10;
  std::vector<std::string> names;
  for (int d = 0; d < kDevices; ++d) {
    names.push_back("tablet-" + std::to_string(d));
    device_with_batches(names.back(), kBatches, 1);
  }
  ServingHub served(hub_db, log_dir());
  ASSERT_TRUE(served.started()) << served.log();
  std::vector<std::future<ProcessResult>> runs;
  for (const auto& name : names) {
    runs.push_back(
        std::async(std::launch::async, [this, name, &served] { return sync(name, served.url()); }));
  }
  for (std::size_t d = 0; d < runs.size(); ++d) {
    const auto synced = runs[d].get();
    EXPECT_EQ(synced.exit_code, 0) << names[d] << ": " << synced.output;
    EXPECT_EQ(counts_of(names[d]), (store::SyncCounts{.delivered = kBatches}));
  }
  const json s = status();
  EXPECT_EQ(s["batches"]["counted"], kDevices * kBatches);
  EXPECT_EQ(complete_in(s), kDevices * kBatches);
  EXPECT_EQ(s["devices"]["counted"], kDevices);
  EXPECT_EQ(served.terminate(), 0);
  EXPECT_EQ(integrity_of(hub_db), "ok");
}

TEST_F(HttpVenue, AHubKilledDuringUploadsAndRestartedEndsWithEveryBatchOnce) {
  constexpr int kDevices = 6, kBatches = 15;
  std::vector<std::string> names;
  std::vector<Response> given;
  for (int d = 0; d < kDevices; ++d) {
    names.push_back("tablet-" + std::to_string(d));
    auto made = device_with_batches(names.back(), kBatches, 1);
    given.insert(given.end(), made.begin(), made.end());
  }
  auto served = std::make_unique<ServingHub>(hub_db, log_dir());
  ASSERT_TRUE(served->started()) << served->log();
  const std::uint16_t port = served->port();
  const std::string url = served->url();
  std::vector<std::future<ProcessResult>> runs;
  for (const auto& name : names) {
    runs.push_back(std::async(std::launch::async, [this, name, url] {
      return sync(name, url, {"--sync-attempts", "12"});
    }));
  }
  // Killed as soon as the first batch is in, while the other 89 are on their way.
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (served->log().find("POST /api/v1/batches 201") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(1ms);
  }
  served->kill_now();
  std::this_thread::sleep_for(1500ms);
  served = std::make_unique<ServingHub>(hub_db, log_dir(), std::vector<std::string>{}, port);
  ASSERT_TRUE(served->started()) << served->log();
  int retried = 0;
  for (std::size_t d = 0; d < runs.size(); ++d) {
    const auto synced = runs[d].get();
    EXPECT_EQ(synced.exit_code, 0) << names[d] << ": " << synced.output;
    if (synced.output.find("trying again in") != std::string::npos) ++retried;
  }
  EXPECT_GT(retried, 0) << "the kill came while devices were still posting";
  const json s = status();
  EXPECT_EQ(s["batches"]["counted"], kDevices * kBatches);
  EXPECT_EQ(complete_in(s), kDevices * kBatches);
  EXPECT_EQ(s["duplicate_responses"], 0);
  expect_hub_holds(given);
  EXPECT_EQ(served->terminate(), 0);
  EXPECT_EQ(integrity_of(hub_db), "ok");
}

// The hub on a shared venue network: each abuse is answered by the right 4xx or a closed
// connection, and right after it a legitimate upload from another address still gets its ack
// within 2 s while the hub stays under 100 MB resident.
class AbusedHub : public HttpVenue {
 protected:
  static constexpr const char* kToken = "venue-token-2009";
  static constexpr const char* kHonestClient = "127.0.0.2";  // another machine on the network

  void SetUp() override {
    HttpVenue::SetUp();
    device_with_batches("tablet-a", 3, 2);
    const auto token_file = dir / "token";
    write_file(token_file.string(), std::string(kToken) + "\n");
    served = std::make_unique<ServingHub>(hub_db, log_dir(),
                                          std::vector<std::string>{"--token-file", token_file.string()});
    ASSERT_TRUE(served->started()) << served->log();
  }

  std::string auth() const { return std::string("Authorization: Bearer ") + kToken; }

  // The next batch of tablet A, posted as an honest client would.
  void expect_still_serving() {
    const auto started = std::chrono::steady_clock::now();
    const auto answer = http_request(served->port(), "POST", "/api/v1/batches",
                                     batch_file("tablet-a", ++next_seq), {auth()}, kHonestClient);
    const auto took = std::chrono::steady_clock::now() - started;
    EXPECT_EQ(answer.status, 201) << answer.head << answer.body;
    EXPECT_LT(took, 2s);
    const long rss = served->rss_kib();
    EXPECT_GT(rss, 0);
    EXPECT_LT(rss, 100 * 1024) << "KiB resident";
  }

  std::unique_ptr<ServingHub> served;
  std::int64_t next_seq = 0;
};

TEST_F(AbusedHub, ANineMebibyteContentLengthIsRefusedBeforeTheBody) {
  const int fd = connect_to(served->port());
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(send_all(
      fd, "POST /api/v1/batches HTTP/1.1\r\nHost: hub\r\n" + auth() + "\r\nContent-Length: 9437184\r\n\r\n"));
  const auto answer = read_answer(fd, 2s);
  close(fd);
  EXPECT_EQ(answer.status, 413) << answer.head;
  EXPECT_NE(answer.body.find("over the limit"), std::string::npos) << answer.body;
  expect_still_serving();
}

TEST_F(AbusedHub, AChunkedBodyThatNeverEndsIsCutOff) {
  const int fd = connect_to(served->port());
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(send_all(fd, "POST /api/v1/batches HTTP/1.1\r\nHost: hub\r\n" + auth() +
                               "\r\nTransfer-Encoding: chunked\r\n\r\n"));
  const std::string chunk = "10000\r\n" + std::string(0x10000, 'x') + "\r\n";
  std::size_t sent = 0;
  while (sent < (64u << 20) && send_all(fd, chunk)) sent += 0x10000;
  close(fd);
  EXPECT_LT(sent, 16u << 20) << "the hub closed the connection soon after 8 MiB";
  EXPECT_GE(sent, 8u << 20) << "bodies up to 8 MiB are read";
  expect_still_serving();
}

TEST_F(AbusedHub, AOneMebibyteHeaderLineIsRefused) {
  const int fd = connect_to(served->port());
  ASSERT_GE(fd, 0);
  send_all(fd, "POST /api/v1/batches HTTP/1.1\r\nHost: hub\r\nX-Filler: " + std::string(1 << 20, 'a') +
                   "\r\n" + auth() + "\r\nContent-Length: 2\r\n\r\n{}");
  const auto answer = read_answer(fd, 2s);
  close(fd);
  EXPECT_TRUE((answer.status >= 400 && answer.status < 500) || (answer.status == 0 && answer.closed))
      << answer.head;
  expect_still_serving();
}

TEST_F(AbusedHub, FiveHundredHeadersAreRefused) {
  std::vector<std::string> headers{auth()};
  for (int i = 0; i < 500; ++i) headers.push_back("X-Header-" + std::to_string(i) + ": " + std::to_string(i));
  const auto answer = http_request(served->port(), "POST", "/api/v1/batches", "{}", headers);
  EXPECT_EQ(answer.status, 431) << answer.head;
  expect_still_serving();
}

TEST_F(AbusedHub, ThreeHundredIdleConnectionsDoNotKeepOthersOut) {
  std::vector<int> idle;
  for (int i = 0; i < 300; ++i) {
    const int fd = connect_to(served->port());
    if (fd >= 0) idle.push_back(fd);
    send_all(fd, "POST /api/v1/batches HTTP/1.1\r\n");  // and never more
  }
  EXPECT_GT(idle.size(), 0u);
  expect_still_serving();
  for (const int fd : idle) close(fd);
}

TEST_F(AbusedHub, AThousandMalformedPostsAreEachRefusedWith400) {
  int refused = 0;
  for (int i = 0; i < 1000; ++i) {
    const auto answer = http_request(served->port(), "POST", "/api/v1/batches",
                                     "{\"format\": \"peiling.batch/1\", " + std::to_string(i), {auth()});
    refused += answer.status == 400 ? 1 : 0;
  }
  EXPECT_EQ(refused, 1000);
  expect_still_serving();
  const json s = status();
  EXPECT_EQ(s["batches"]["counted"], 1) << "only the honest upload";
}

TEST_F(AbusedHub, AMissingOrWrongTokenIsRefusedWith401AndStoresNothing) {
  const std::string batch = batch_file("tablet-a", 1);
  const auto missing = http_request(served->port(), "POST", "/api/v1/batches", batch);
  EXPECT_EQ(missing.status, 401) << missing.head;
  const auto wrong =
      http_request(served->port(), "POST", "/api/v1/batches", batch, {"Authorization: Bearer not-the-token"});
  EXPECT_EQ(wrong.status, 401) << wrong.head;
  EXPECT_NE(json::parse(wrong.body).at("error").get<std::string>().find("token"), std::string::npos)
      << wrong.body;
  EXPECT_EQ(status()["batches"]["counted"], 0);
  expect_still_serving();
}

TEST_F(AbusedHub, SigtermLetsTheUploadInFlightFinishAndStopsTakingNewOnes) {
  const std::string batch = batch_file("tablet-a", 1);
  const int fd = connect_to(served->port());
  ASSERT_GE(fd, 0);
  const std::string request = "POST /api/v1/batches HTTP/1.1\r\nHost: hub\r\n" + auth() +
                              "\r\nContent-Length: " + std::to_string(batch.size()) + "\r\n\r\n" + batch;
  const std::size_t half = request.size() / 2;
  ASSERT_TRUE(send_all(fd, std::string_view(request).substr(0, half)));
  std::this_thread::sleep_for(200ms);
  served->send_sigterm();
  std::this_thread::sleep_for(200ms);
  EXPECT_LT(connect_to(served->port()), 0) << "a hub shutting down takes no new connections";
  ASSERT_TRUE(send_all(fd, std::string_view(request).substr(half)));
  const auto answer = read_answer(fd, 5s);
  close(fd);
  EXPECT_EQ(answer.status, 201) << answer.head << answer.body;
  EXPECT_EQ(served->terminate(), 0);
  EXPECT_NE(served->log().find("SIGTERM: finishing the requests in flight"), std::string::npos)
      << served->log();
  EXPECT_EQ(status()["batches"]["counted"], 1);
  EXPECT_EQ(integrity_of(hub_db), "ok");
}

}  // namespace
}  // namespace peiling::test
