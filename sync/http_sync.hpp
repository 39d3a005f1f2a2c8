#pragma once
// Sync over HTTP, the device's side (sync/README.md): batches are posted to the hub one by one, and
// a batch is delivered only when the hub answers 200 or 201 with an acknowledgement that names this
// batch's device, seq and hash, signed by a hub key the device trusts. Anything else is not an ack.
//
// After the batches, each pass fetches the hub's published packs (GET /api/v1/packs) and takes up,
// through take_up_signed_pack(), each one this device does not hold yet: what a pack refused for its
// signature or content says goes to the admin, and never holds back a batch.
//
// sync_pass() is one pass over the batches waiting; SyncWorker runs passes on a thread of its own
// (after each response, every 5 minutes, on "Sync now", and after failures with capped exponential
// backoff) and reports through a callback, so the UI thread never waits for the network. No SDL
// here: the kiosk's callback pushes an SDL event.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/pack.hpp"
#include "core/result.hpp"
#include "store/device_store.hpp"
#include "sync/ack_file.hpp"
#include "sync/http_client.hpp"
#include "sync/pack_take_up.hpp"

namespace peiling::sync {

inline constexpr std::chrono::minutes kSyncInterval{5};

// What the hub's answer to one posted batch means.
enum class PostVerdict {
  delivered,  // a verified ack of exactly this batch
  refused,    // the hub refused it for good (409 conflict, 422 rejected, 401 token, ...): not retried
  retry,      // no answer, 5xx, 503 busy, or not an ack (a captive portal's page, a wrong key)
};

struct PostOutcome {
  PostVerdict verdict = PostVerdict::retry;
  std::string message;  // for the admin: the hub's own message when it gave one
};

// Judges the answer to the POST of `posted`, checking an ack against trusted_keys.
PostOutcome judge_reply(const HttpReply& reply, const AckedBatch& posted,
                        const std::vector<std::string>& trusted_keys);

// The hub to sync with: the admin's address and token, else the pack's; nullopt when neither has one.
std::optional<HubEndpoint> hub_endpoint(const Pack& pack, const store::SyncSettings& settings);

struct SyncPassOptions {
  std::function<void(int done, int total)> progress;  // after each batch posted
  std::set<std::int64_t> skip;                        // seqs the hub refused before: not posted again
  const std::atomic<bool>* cancel = nullptr;          // when it turns true, the post under way gives up
};

struct SyncPass {
  int formed = 0;     // batches formed from new responses
  int delivered = 0;  // newly delivered by this pass
  int waiting = 0;    // batches not delivered after it (refused ones included)
  std::vector<std::pair<std::int64_t, std::string>> refused;  // seq and the hub's message
  std::optional<std::string> retry_reason;                    // the pass stopped here; try again later
  // Published packs: fetched only when every batch could be posted (the hub answers), new ones
  // taken up or refused; a pack that could not be fetched is tried again by the next pass.
  PackImportSummary packs;
  std::vector<std::string> pack_fetch_problems;    // "<url>: <what went wrong>"
  std::vector<std::string> pack_problems() const;  // packs.refused, then pack_fetch_problems
  bool all_delivered() const { return waiting == 0; }
  std::string summary() const;  // one line for the admin panel and --sync
};

// Forms batches of new responses, then posts each undelivered batch (oldest first) until all are
// delivered or one must wait (the pass stops there: the hub is unreachable or busy). Records the
// attempt in the store. An error is a store failure, or no hub key to check acks with.
Result<SyncPass> sync_pass(store::DeviceStore& store, const Pack& pack, const HubEndpoint& endpoint,
                           const SyncPassOptions& options);

// Capped exponential backoff with jitter: 1 s, 2 s, 4 s ... up to 5 min, each drawn from the upper
// half of its interval so that devices that failed together do not retry together.
class Backoff {
 public:
  static constexpr std::chrono::milliseconds kFirst{1000};
  static constexpr std::chrono::milliseconds kMax{300'000};
  explicit Backoff(std::uint32_t seed) : random_(seed) {}
  std::chrono::milliseconds after_failure();
  void reset() { failures_ = 0; }
  int failures() const { return failures_; }

 private:
  int failures_ = 0;
  std::mt19937 random_;
};

struct SyncStatus {
  std::string hub_url;   // empty: no hub address yet
  bool running = false;  // a pass is under way
  int done = 0;          // batches posted in this pass
  int total = 0;         // batches to post in this pass
  std::optional<UtcMillis> last_attempt_at;
  std::string last_result;  // the stored sentence (English), as --sync prints it
  // The counts of the last pass of this run, for a screen to say in its own language; the problem
  // (a transport error, the hub's message) stays as it came.
  struct PassCounts {
    int delivered = 0;
    int waiting = 0;
    std::string problem;  // empty when the pass did not have to stop
  };
  std::optional<PassCounts> last_pass;
  std::optional<UtcMillis> last_success_at;
  int waiting = 0;                         // batches not yet delivered
  std::vector<std::string> refused;        // "batch 3: <hub's message>", until the next Sync now
  PackImportSummary packs;                 // what the last pass did with the hub's published packs
  std::vector<std::string> pack_problems;  // of the last pass: refused packs, fetches that failed
};

class SyncWorker {
 public:
  // on_change is called from the worker's thread whenever the status changed; it must not block.
  // Without an endpoint the worker waits until set_endpoint() gives it one.
  SyncWorker(store::DeviceStore& store, const Pack& pack, std::optional<HubEndpoint> endpoint,
             std::function<void()> on_change);
  ~SyncWorker();  // stops at once: a post under way gives up within a second
  SyncWorker(const SyncWorker&) = delete;
  SyncWorker& operator=(const SyncWorker&) = delete;

  // A response was completed: sync soon.
  void request_sync();
  // The admin's "Sync now": also posts batches the hub refused before.
  void sync_now();
  // The admin changed the hub address: sync with the new one (or stop, with none) from now on.
  void set_endpoint(std::optional<HubEndpoint> endpoint);
  SyncStatus status() const;

 private:
  void run();
  void changed();

  store::DeviceStore& store_;
  const Pack& pack_;
  std::optional<HubEndpoint> endpoint_;  // guarded by mutex_
  std::function<void()> on_change_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool requested_ = true;  // a first pass at start
  bool retry_refused_ = false;
  bool stopping_ = false;
  std::atomic<bool> cancel_{false};  // set with stopping_, so a post under way gives up
  SyncStatus status_;
  std::map<std::int64_t, std::string> refused_;  // seq → the hub's message, until Sync now
  std::thread thread_;
};

}  // namespace peiling::sync
