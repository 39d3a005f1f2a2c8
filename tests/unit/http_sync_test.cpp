// Sync over HTTP without a network: the hub's answers (HubApi, no libmicrohttpd), what the device
// makes of an answer (judge_reply), and the backoff between attempts.
#include "sync/http_sync.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/codec.hpp"
#include "hub/hub_api.hpp"
#include "hub/hub_server.hpp"
#include "support/process.hpp"
#include "sync/outbox.hpp"
#include "sync_test_support.hpp"

namespace peiling::sync::test {
namespace {

namespace fs = std::filesystem;
using hub::HttpRequest;
using hub::HttpResponse;
using hub::HubApi;
using hub::HubServer;
using hub::HubStore;
using hub::kMaxRequestBodyBytes;
using hub::QueryParams;
using nlohmann::json;

const fs::path kPacks = fs::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs";

// A sync worker whose changes a test can wait for.
class WatchedWorker {
 public:
  WatchedWorker(store::DeviceStore& device, const Pack& pack, const std::string& url)
      : worker_(device, pack, HubEndpoint{.url = url}, [this] {
          std::lock_guard guard(mutex_);
          ++changes_;
          changed_.notify_all();
        }) {}

  // Waits at most 10 s until done(status, changes so far) holds, checking at each change.
  bool wait_for(const std::function<bool(const SyncStatus&, int changes)>& done) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(10),
                             [&] { return done(worker_.status(), changes_); });
  }
  int changes() {
    std::lock_guard guard(mutex_);
    return changes_;
  }
  SyncWorker* operator->() { return &worker_; }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int changes_ = 0;
  SyncWorker worker_;  // last: its thread calls back into the members above
};

class HubApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    hub = scratch_hub("hub_api_", dir);
    ASSERT_TRUE(hub.has_value());
    peiling::test::add_respondents(device, pack, 3);
    ASSERT_TRUE(form_batches(device, pack).ok());
    auto file = device.batch_file(1);
    ASSERT_TRUE(file.ok());
    batch = file.value();
    auto batches = device.undelivered_batches();
    ASSERT_TRUE(batches.ok());
    posted = {device.device_id(), 1, batches->at(0).payload_sha256};
  }

  HubApi api(std::optional<std::string> token = std::nullopt) {
    return HubApi(*hub, {.db = fs::path(dir) / "hub.db", .token = std::move(token)});
  }

  static HttpRequest upload(std::string body, std::optional<std::string> token = std::nullopt) {
    return {"POST", std::string(kBatchesPath), {}, std::move(token), std::move(body)};
  }

  // The hub's server on a free loopback port, and a pack that names it and trusts its key.
  std::string serve(HubApi& hub_api) {
    auto started = HubServer::start(hub_api, {.port = 0});
    EXPECT_TRUE(started.ok()) << started.errors().joined();
    if (!started.ok()) return "";
    server = std::move(started.value());
    const std::string url = "http://127.0.0.1:" + std::to_string(server->port());
    trusting = pack_with(false, HubSettings{url, std::nullopt, hub->sign_public_key(), std::nullopt});
    return url;
  }

  int held_batches() {
    auto status = hub->status();
    EXPECT_TRUE(status.ok());
    return status.ok() ? status->batches : -1;
  }

  static std::string error_of(const HttpResponse& response) {
    EXPECT_EQ(response.content_type, "application/json");
    return json::parse(response.body).at("error").get<std::string>();
  }

  std::string dir;
  std::optional<HubStore> hub;
  Pack pack = pack_with(false, std::nullopt);  // plain payloads: the fixture's seal key is no hub's here
  store::DeviceStore device = open_device(pack);
  std::string batch;
  AckedBatch posted;
  std::unique_ptr<HubServer> server;
  Pack trusting;
};

TEST_F(HubApiTest, ANewBatchGets201AndAReplay200WithTheSameSignedAck) {
  auto hub_api = api();
  const HttpResponse first = hub_api.handle(upload(batch));
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.device_id, posted.device_id);
  EXPECT_EQ(first.seq, 1);
  const HttpResponse replay = hub_api.handle(upload(batch));
  EXPECT_EQ(replay.status, 200) << replay.body;
  EXPECT_EQ(replay.body, first.body);
  const std::vector<std::string> keys{hub->sign_public_key()};
  EXPECT_EQ(judge_reply({201, first.body, ""}, posted, keys).verdict, PostVerdict::delivered);
  EXPECT_EQ(judge_reply({200, replay.body, ""}, posted, keys).verdict, PostVerdict::delivered);
}

TEST_F(HubApiTest, AnotherBatchUnderTheSameSeqIs409AndTheStoredOneStays) {
  auto hub_api = api();
  ASSERT_EQ(hub_api.handle(upload(batch)).status, 201);
  // The same device and seq with other responses: what a restored backup of a tablet would send.
  const BatchPayload other{random_uuid_v4(), device.device_id(), 1, device.now(),
                           peiling::test::add_respondents(device, pack, 1).given};
  const auto encoded = encode_batch_file(encode_payload(other), 1, device_signer(device), std::nullopt);
  const HttpResponse conflict = hub_api.handle(upload(encoded.file));
  EXPECT_EQ(conflict.status, 409) << conflict.body;
  EXPECT_NE(error_of(conflict).find("conflict"), std::string::npos);
  EXPECT_EQ(judge_reply({409, conflict.body, ""}, posted, {hub->sign_public_key()}).verdict,
            PostVerdict::refused);
  EXPECT_EQ(held_batches(), 1);
}

TEST_F(HubApiTest, NoJsonIs400AndAWrongSignatureIs422) {
  auto hub_api = api();
  const HttpResponse garbage = hub_api.handle(upload("{\"format\": "));
  EXPECT_EQ(garbage.status, 400);
  EXPECT_NE(error_of(garbage).find("invalid JSON"), std::string::npos);
  std::string tampered = batch;
  const auto at = tampered.find("\"signature\": \"") + 14;
  tampered[at] = tampered[at] == 'A' ? 'B' : 'A';
  const HttpResponse refused = hub_api.handle(upload(tampered));
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(error_of(refused).find("/signature"), std::string::npos) << refused.body;
  EXPECT_EQ(held_batches(), 0);
}

TEST_F(HubApiTest, UploadsBeyondTheWritersQueueAre503AndTheDeviceTriesAgain) {
  HubApi busy(*hub, {.db = fs::path(dir) / "hub.db", .max_waiting_ingests = 0});
  const HttpResponse answer = busy.handle(upload(batch));
  EXPECT_EQ(answer.status, 503);
  EXPECT_NE(error_of(answer).find("busy"), std::string::npos);
  EXPECT_EQ(judge_reply({503, answer.body, ""}, posted, {hub->sign_public_key()}).verdict,
            PostVerdict::retry);
  EXPECT_EQ(held_batches(), 0);
}

TEST_F(HubApiTest, TheHeadAloneDecidesTokensPathsMethodsAndDeclaredSizes) {
  auto hub_api = api("s3cret");
  EXPECT_EQ(hub_api.check_head("POST", kBatchesPath, std::nullopt, 10)->status, 401);
  EXPECT_EQ(hub_api.check_head("POST", kBatchesPath, "s3cre", 10)->status, 401);
  EXPECT_FALSE(hub_api.check_head("POST", kBatchesPath, "s3cret", 10).has_value());
  EXPECT_EQ(hub_api.check_head("POST", kBatchesPath, "s3cret", kMaxRequestBodyBytes + 1)->status, 413);
  EXPECT_EQ(hub_api.check_head("GET", kBatchesPath, "s3cret", std::nullopt)->status, 405);
  EXPECT_EQ(hub_api.check_head("GET", "/nothing", "s3cret", std::nullopt)->status, 404);
  EXPECT_FALSE(hub_api.check_head("GET", kHealthPath, std::nullopt, std::nullopt).has_value())
      << "health is open to monitoring";
}

TEST_F(HubApiTest, HealthReportsTheVersionAndTheCountsFromItsOwnConnection) {
  auto hub_api = api();
  ASSERT_EQ(hub_api.handle(upload(batch)).status, 201);
  const HttpResponse health = hub_api.handle({"GET", std::string(kHealthPath), {}, std::nullopt, ""});
  ASSERT_EQ(health.status, 200) << health.body;
  const json body = json::parse(health.body);
  EXPECT_FALSE(body.at("version").get<std::string>().empty());
  EXPECT_EQ(body["counts"]["batches"]["counted"], 1);
  EXPECT_EQ(body["counts"]["responses"][0]["complete"], 3);
}

TEST_F(HubApiTest, AnotherGetPageIsOneLineAndGetsTheDatabaseAndTheQuery) {
  auto hub_api = api();
  hub_api.add_get("/live", [](const fs::path& db, const QueryParams& query) {
    return HttpResponse{200, "text/html; charset=utf-8", db.filename().string() + " " + query.at("lang")};
  });
  const HttpResponse page = hub_api.handle({"GET", "/live", {{"lang", "nl"}}, std::nullopt, ""});
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body, "hub.db nl");
  EXPECT_EQ(hub_api.handle({"GET", "/live", {{"lang", "nl"}}, std::nullopt, ""}).content_type,
            "text/html; charset=utf-8");
}

TEST_F(HubApiTest, PublishedPacksAreListedAndServedByteForByteBehindTheBatchesToken) {
  const std::string bytes = peiling::test::read_file(kPacks / "valid-follow-up.json");
  const PackRef ref{"minimal-follow-up", 3};
  ASSERT_TRUE(hub->publish_pack(ref, bytes).ok());
  auto hub_api = api("s3cret");
  const auto get = [&](const std::string& path, std::optional<std::string> token = "s3cret") {
    return hub_api.handle({"GET", path, {}, std::move(token), ""});
  };
  const std::string file_path = std::string(kPacksPath) + "/minimal-follow-up/3";
  // The token rule of batch uploads: a hub's surveys are for its own devices.
  EXPECT_EQ(get(std::string(kPacksPath), std::nullopt).status, 401);
  EXPECT_EQ(get(file_path, std::nullopt).status, 401);
  EXPECT_EQ(get(file_path, "wrong").status, 401);

  const HttpResponse list = get(std::string(kPacksPath));
  ASSERT_EQ(list.status, 200) << list.body;
  const json listed = json::parse(list.body);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].at("id"), ref.id);
  EXPECT_EQ(listed[0].at("version"), ref.version);
  EXPECT_EQ(listed[0].at("sha256"), sha256_hex(bytes));

  const HttpResponse file = get(file_path);
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_EQ(file.body, hub->published_pack_file(ref)->value());
  auto read = read_signed_pack(file.body, "served", {hub->sign_public_key()});
  ASSERT_TRUE(read.ok()) << read.errors().joined();
  EXPECT_EQ(read->bytes, bytes) << "the pack inside is the published bytes";

  const HttpResponse unknown = get(std::string(kPacksPath) + "/minimal-follow-up/4");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(error_of(unknown), "This hub has not published pack minimal-follow-up version 4.");
  for (const std::string malformed :
       {"/", "/minimal-follow-up", "/minimal-follow-up/", "/minimal-follow-up/x", "/minimal-follow-up/0",
        "/minimal-follow-up/-3", "/minimal-follow-up/3/more", "/Minimal/3", "/../3",
        "/minimal-follow-up/99999999999"}) {
    const HttpResponse answer = get(std::string(kPacksPath) + malformed);
    EXPECT_EQ(answer.status, 400) << malformed;
    EXPECT_NE(error_of(answer).find("expected /api/v1/packs/<pack id>/<version>"), std::string::npos)
        << malformed;
  }
  EXPECT_EQ(hub_api.check_head("POST", kPacksPath, "s3cret", 0)->status, 405);
  EXPECT_EQ(hub_api.check_head("POST", file_path, "s3cret", 0)->status, 405);
}

TEST_F(HubApiTest, APassTakesUpPublishedPacksAndReportsARefusedOneWithoutHoldingBackBatches) {
  const std::string follow_up = peiling::test::read_file(kPacks / "valid-follow-up.json");
  ASSERT_TRUE(hub->publish_pack({"minimal-follow-up", 3}, follow_up).ok());
  // Signed by the hub, but no valid pack: what a device of an older release would make of a newer format.
  ASSERT_TRUE(hub->publish_pack({"minimal-follow-up", 9},
                                peiling::test::read_file(kPacks / "invalid" / "show-if-self.json"))
                  .ok());
  auto hub_api = api();
  const std::string url = serve(hub_api);
  ASSERT_FALSE(url.empty());
  auto pass = sync_pass(device, trusting, {.url = url}, {});
  ASSERT_TRUE(pass.ok()) << pass.errors().joined();
  EXPECT_EQ(pass->delivered, 1);
  EXPECT_TRUE(pass->all_delivered());
  const PackRef taken{"minimal-follow-up", 3};
  EXPECT_EQ(pass->packs.added, std::vector<PackRef>{taken});
  EXPECT_EQ(pass->packs.activated, taken) << "the pack says auto_activate and no draft is open";
  EXPECT_EQ(device.pack(taken)->json, follow_up);
  ASSERT_EQ(pass->pack_problems().size(), 1u);
  EXPECT_EQ(pass->pack_problems()[0],
            url +
                "/api/v1/packs/minimal-follow-up/9: "
                "/sections/0/questions/1/show_if/question: a question cannot depend on itself");
  EXPECT_TRUE(device.pack({"minimal-follow-up", 9}).error().kind == store::ErrorKind::not_found);
  const std::string summary = pass->summary();
  EXPECT_NE(summary.find("1 pack(s) taken up"), std::string::npos) << summary;
  EXPECT_NE(summary.find("1 pack(s) refused"), std::string::npos) << summary;

  // The next pass does not fetch what the device holds; the refused one is tried again.
  auto again = sync_pass(device, trusting, {.url = url}, {});
  ASSERT_TRUE(again.ok()) << again.errors().joined();
  EXPECT_TRUE(again->packs.added.empty());
  EXPECT_EQ(again->packs.refused.size(), 1u);
}

TEST_F(HubApiTest, TheWorkerDeliversInTheBackgroundAndReportsEachChange) {
  auto hub_api = api();
  const std::string url = serve(hub_api);
  ASSERT_FALSE(url.empty());
  WatchedWorker worker(device, trusting, url);
  const auto delivered = [&](int responses) {
    return [&, responses](const SyncStatus& status, int) {
      auto counts = device.sync_counts(false);
      return counts.ok() && counts->delivered == responses && !status.running;
    };
  };
  ASSERT_TRUE(worker.wait_for(delivered(3))) << worker->status().last_result;
  EXPECT_GE(worker.changes(), 3) << "the pass's start, its progress and its end";
  const SyncStatus status = worker->status();
  EXPECT_EQ(status.hub_url, url);
  EXPECT_EQ(status.waiting, 0);
  EXPECT_TRUE(status.last_success_at.has_value());

  // A completed response asks for a pass.
  peiling::test::add_respondents(device, pack, 1);
  worker->request_sync();
  ASSERT_TRUE(worker.wait_for(delivered(4))) << worker->status().last_result;
  EXPECT_EQ(held_batches(), 2);
}

TEST_F(HubApiTest, ABatchTheHubRefusesIsListedForTheAdminAndNotPostedAgainUntilSyncNow) {
  auto hub_api = api();
  // The hub already holds another batch 1 of this device (a restored backup sent it): a conflict.
  const BatchPayload other{random_uuid_v4(), device.device_id(), 1, device.now(),
                           peiling::test::add_respondents(device, pack, 1).given};
  ASSERT_EQ(hub_api
                .handle(upload(
                    encode_batch_file(encode_payload(other), 1, device_signer(device), std::nullopt).file))
                .status,
            201);
  const std::string url = serve(hub_api);
  ASSERT_FALSE(url.empty());
  WatchedWorker worker(device, trusting, url);
  // Batch 1 is refused; the respondent made above went into batch 2, which is delivered.
  ASSERT_TRUE(worker.wait_for(
      [](const SyncStatus& status, int) { return !status.running && !status.refused.empty(); }));
  const SyncStatus status = worker->status();
  ASSERT_EQ(status.refused.size(), 1u);
  EXPECT_NE(status.refused[0].find("batch 1: HTTP 409: upload: conflict"), std::string::npos)
      << status.refused[0];
  EXPECT_EQ(status.waiting, 1);
  const auto conflicts_seen = [&] {
    auto held = hub->status();
    return held.ok() && !held->conflicts.empty() ? held->conflicts[0].times_seen : 0;
  };
  EXPECT_EQ(conflicts_seen(), 1);
  const int before = worker.changes();
  worker->request_sync();  // a completed response: the refused batch is not posted again
  // A pass reports its start and its end.
  ASSERT_TRUE(worker.wait_for(
      [&](const SyncStatus& now, int changes) { return !now.running && changes >= before + 2; }));
  EXPECT_EQ(conflicts_seen(), 1);
  worker->sync_now();  // the admin asks: it is posted once more, and refused again
  ASSERT_TRUE(
      worker.wait_for([&](const SyncStatus& now, int) { return !now.running && conflicts_seen() == 2; }));
  EXPECT_EQ(worker->status().refused.size(), 1u);
}

TEST_F(HubApiTest, AWorkerStopsAtOnceEvenWhileTheHubKeepsItWaiting) {
  // A listening socket nobody accepts from: the connection opens, and no answer ever comes.
  const int silent = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  ASSERT_EQ(bind(silent, reinterpret_cast<sockaddr*>(&address), size), 0);
  ASSERT_EQ(listen(silent, 4), 0);
  getsockname(silent, reinterpret_cast<sockaddr*>(&address), &size);
  const std::string url = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  const Pack naming_silent =
      pack_with(false, HubSettings{url, std::nullopt, hub->sign_public_key(), std::nullopt});
  std::optional<SyncWorker> worker;
  worker.emplace(device, naming_silent, HubEndpoint{.url = url}, [] {});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!worker->status().running && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(worker->status().running) << "the pass is waiting for the silent hub";
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto started = std::chrono::steady_clock::now();
  worker.reset();
  const auto stopping = std::chrono::steady_clock::now() - started;
  close(silent);
  EXPECT_LT(stopping, std::chrono::seconds(3)) << "not the 60 s of the total timeout";
  auto counts = device.sync_counts(false);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->delivered, 0);
}

TEST(JudgeReply, OnlyASignedAckOfThisVeryBatchIsADelivery) {
  const SigningKeys hub_keys, stranger;
  const AckedBatch posted{"8f2b7c1e-3f4a-4b5c-9d6e-7f8091a2b3c4", 4, std::string(64, 'a')};
  const auto ack_of = [](const SigningKeys& keys, AckedBatch batch) {
    return encode_ack_file(
        {1'258'099'200'000, {std::move(batch)}},
        {keys.public_key, [&keys](std::string_view message) { return keys.sign(message); }});
  };
  const std::vector<std::string> trusted{hub_keys.public_key};
  EXPECT_EQ(judge_reply({201, ack_of(hub_keys, posted), ""}, posted, trusted).verdict,
            PostVerdict::delivered);

  const auto portal =
      judge_reply({200, "<html><body>Log in to the Wi-Fi</body></html>", ""}, posted, trusted);
  EXPECT_EQ(portal.verdict, PostVerdict::retry);
  EXPECT_NE(portal.message.find("not an acknowledgement"), std::string::npos) << portal.message;
  EXPECT_EQ(judge_reply({201, ack_of(stranger, posted), ""}, posted, trusted).verdict, PostVerdict::retry);
  AckedBatch other_hash = posted;
  other_hash.payload_sha256 = std::string(64, 'b');
  EXPECT_EQ(judge_reply({201, ack_of(hub_keys, other_hash), ""}, posted, trusted).verdict,
            PostVerdict::retry);
  AckedBatch other_seq = posted;
  other_seq.seq = 5;
  EXPECT_EQ(judge_reply({200, ack_of(hub_keys, other_seq), ""}, posted, trusted).verdict, PostVerdict::retry);

  EXPECT_EQ(judge_reply({0, "", "Connection refused"}, posted, trusted).verdict, PostVerdict::retry);
  EXPECT_EQ(judge_reply({503, "{\"error\": \"busy\"}", ""}, posted, trusted).verdict, PostVerdict::retry);
  EXPECT_EQ(judge_reply({500, "", ""}, posted, trusted).verdict, PostVerdict::retry);
  const auto rejected =
      judge_reply({422, "{\"status\": 422, \"error\": \"upload: /seq: too large\"}", ""}, posted, trusted);
  EXPECT_EQ(rejected.verdict, PostVerdict::refused);
  EXPECT_EQ(rejected.message, "HTTP 422: upload: /seq: too large") << "the hub's message goes to the admin";
  EXPECT_EQ(judge_reply({401, "", ""}, posted, trusted).verdict, PostVerdict::refused);
}

TEST(SyncBackoff, DoublesFromOneSecondWithJitterUpToFiveMinutesAndResets) {
  Backoff backoff(2009);
  std::int64_t ceiling = 1000;
  for (int failure = 0; failure < 15; ++failure) {
    const auto delay = backoff.after_failure().count();
    EXPECT_GE(delay, ceiling / 2) << "failure " << failure;
    EXPECT_LE(delay, ceiling) << "failure " << failure;
    ceiling = std::min<std::int64_t>(ceiling * 2, 300'000);
  }
  EXPECT_EQ(backoff.failures(), 15);
  backoff.reset();
  EXPECT_LE(backoff.after_failure().count(), 1000);
  // Devices that failed together spread out.
  Backoff a(1), b(2);
  for (int i = 0; i < 8; ++i) {
    a.after_failure();
    b.after_failure();
  }
  EXPECT_NE(a.after_failure(), b.after_failure());
}

TEST(SyncEndpoint, TheAdminsAddressGoesBeforeThePacks) {
  Pack pack = pack_with(false, HubSettings{"http://pack-hub:8080", "pack-token", std::nullopt, std::nullopt});
  store::SyncSettings settings;
  EXPECT_EQ(hub_endpoint(pack, settings)->url, "http://pack-hub:8080");
  EXPECT_EQ(hub_endpoint(pack, settings)->token, "pack-token");
  settings.hub_url = "https://admin-hub";
  EXPECT_EQ(hub_endpoint(pack, settings)->url, "https://admin-hub");
  EXPECT_FALSE(hub_endpoint(pack, settings)->token.has_value());
  EXPECT_FALSE(hub_endpoint(pack_with(false, std::nullopt), {}).has_value());
}

}  // namespace
}  // namespace peiling::sync::test
