#include "sync/http_sync.hpp"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>

#include "sync/outbox.hpp"
#include "sync/pack_states.hpp"
#include "sync/protocol.hpp"

namespace peiling::sync {

namespace {

constexpr std::size_t kMaxShownBody = 200;

// The hub's message from a JSON error body, else the start of whatever came.
std::string hub_message(const HttpReply& reply) {
  const auto parsed = nlohmann::json::parse(reply.body, nullptr, false);
  if (parsed.is_object() && parsed.contains("error") && parsed["error"].is_string()) {
    return parsed["error"].get<std::string>();
  }
  std::string start = reply.body.substr(0, kMaxShownBody);
  std::replace_if(
      start.begin(), start.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return start.empty() ? std::string("no message") : start;
}

std::string http_status(long status) {
  return "HTTP " + std::to_string(status);
}

// What a reply that is not what was asked for says: no answer, or the status and the hub's message.
std::string reply_problem(const HttpReply& reply) {
  if (reply.status == 0) return "the hub did not answer: " + reply.transport_error;
  return http_status(reply.status) + ": " + hub_message(reply);
}

// Fetches the list of published packs and takes up each pack this device does not hold yet.
// Fails only when the device store does.
Result<store::Done> fetch_published_packs(store::DeviceStore& store, const Pack& pack,
                                          const HubEndpoint& endpoint, const std::atomic<bool>* cancel,
                                          SyncPass& pass) {
  const std::string list_origin = endpoint.url + std::string(kPacksPath);
  const HttpReply list = get(endpoint, kPacksPath, kMaxReplyBytes, cancel);
  const auto packs = list.status == 200 ? pack_statuses_in_list(list.body) : std::nullopt;
  if (list.status != 200) {
    pass.pack_fetch_problems.push_back(list_origin + ": " + reply_problem(list));
  } else if (!packs) {
    pass.pack_fetch_problems.push_back(list_origin + ": not a list of packs with an id and a version each");
  }
  // The life of each pack first: a closing pack closes on this device whether or not it is new.
  if (auto learned = learn_pack_statuses(store, packs.value_or(std::vector<PackStatus>{})); !learned)
    return learned;
  for (const auto& listed : packs.value_or(std::vector<PackStatus>{})) {
    const PackRef& ref = listed.ref;
    auto known = store.pack(ref);
    if (known) continue;
    if (known.error().kind != store::ErrorKind::not_found)
      return Result<store::Done>::failure(known.error().message);
    const std::string path = pack_file_path(ref);
    const HttpReply file = get(endpoint, path, kMaxSignedPackBytes, cancel);
    if (file.status != 200) {
      pass.pack_fetch_problems.push_back(endpoint.url + path + ": " + reply_problem(file));
      continue;
    }
    if (auto taken = take_up_signed_pack(store, pack, file.body, endpoint.url + path, pass.packs); !taken)
      return taken.errors();
  }
  return store::Done{};
}

}  // namespace

PostOutcome judge_reply(const HttpReply& reply, const AckedBatch& posted,
                        const std::vector<std::string>& trusted_keys) {
  if (reply.status == 0) return {PostVerdict::retry, reply_problem(reply)};
  if (reply.status == 200 || reply.status == 201) {
    auto ack =
        read_ack_file(reply.body, "the hub's answer (" + http_status(reply.status) + ")", trusted_keys);
    if (!ack) return {PostVerdict::retry, "not an acknowledgement: " + ack.errors().lines.front()};
    if (std::find(ack->batches.begin(), ack->batches.end(), posted) == ack->batches.end()) {
      return {PostVerdict::retry, "not an acknowledgement of this batch: it names other batches"};
    }
    return {PostVerdict::delivered, "delivered"};
  }
  // Asking again changes nothing for these; 408 and 429 are about timing, so they are retried.
  if (reply.status >= 400 && reply.status < 500 && reply.status != 408 && reply.status != 429) {
    return {PostVerdict::refused, reply_problem(reply)};
  }
  return {PostVerdict::retry, reply_problem(reply)};
}

std::optional<HubEndpoint> hub_endpoint(const Pack& pack, const store::SyncSettings& settings) {
  HubEndpoint endpoint;
  if (settings.hub_url) {
    endpoint.url = *settings.hub_url;
    endpoint.token = settings.hub_token;
  } else if (pack.hub && pack.hub->url) {
    endpoint.url = *pack.hub->url;
    endpoint.token = pack.hub->token;
  } else {
    return std::nullopt;
  }
  return endpoint;
}

std::string SyncPass::summary() const {
  std::string line =
      std::to_string(delivered) + " batch(es) delivered, " + std::to_string(waiting) + " waiting";
  if (!refused.empty()) line += ", " + std::to_string(refused.size()) + " refused by the hub";
  if (!packs.added.empty()) line += "; " + std::to_string(packs.added.size()) + " pack(s) taken up";
  if (packs.activated) {
    line += "; pack " + packs.activated->id + " version " + std::to_string(packs.activated->version) +
            " activated";
  }
  if (!packs.refused.empty()) line += "; " + std::to_string(packs.refused.size()) + " pack(s) refused";
  if (!pack_fetch_problems.empty()) {
    line += "; " + std::to_string(pack_fetch_problems.size()) + " pack fetch(es) failed";
  }
  if (retry_reason) line += "; " + *retry_reason;
  return line;
}

std::vector<std::string> SyncPass::pack_problems() const {
  std::vector<std::string> problems = packs.refused;
  problems.insert(problems.end(), pack_fetch_problems.begin(), pack_fetch_problems.end());
  return problems;
}

Result<SyncPass> sync_pass(store::DeviceStore& store, const Pack& pack, const HubEndpoint& endpoint,
                           const SyncPassOptions& options) {
  const auto failure = [](const store::StoreError& error) {
    return Result<SyncPass>::failure(error.message);
  };
  auto settings = store.sync_settings();
  if (!settings) return failure(settings.error());
  const auto keys = trusted_hub_keys(pack, settings.value());
  if (keys.empty()) {
    return Result<SyncPass>::failure(
        "no hub key to check acknowledgements with: the pack has no hub.sign_key and none is pinned");
  }
  SyncPass pass;
  auto formed = form_batches(store, pack);
  if (!formed) return formed.errors();
  pass.formed = formed.value();
  auto batches = store.undelivered_batches();
  if (!batches) return failure(batches.error());
  std::vector<store::BatchInfo> to_post;
  for (const auto& batch : batches.value()) {
    if (!options.skip.contains(batch.seq)) to_post.push_back(batch);
  }
  int done = 0;
  if (options.progress) options.progress(done, static_cast<int>(to_post.size()));
  for (const auto& batch : to_post) {
    auto file = store.batch_file(batch.seq);
    if (!file) return failure(file.error());
    const HttpReply reply = post(endpoint, kBatchesPath, file.value(), options.cancel);
    const PostOutcome outcome =
        judge_reply(reply, {store.device_id(), batch.seq, batch.payload_sha256}, keys);
    if (outcome.verdict == PostVerdict::delivered) {
      auto marked = store.mark_delivered({{batch.seq, batch.payload_sha256}});
      if (!marked) return failure(marked.error());
      pass.delivered += marked.value();
    } else if (outcome.verdict == PostVerdict::refused) {
      pass.refused.emplace_back(batch.seq, outcome.message);
    } else {
      pass.retry_reason = "batch " + std::to_string(batch.seq) + ": " + outcome.message;
      break;
    }
    if (options.progress) options.progress(++done, static_cast<int>(to_post.size()));
  }
  if (!pass.retry_reason && !(options.cancel && options.cancel->load())) {
    if (auto fetched = fetch_published_packs(store, pack, endpoint, options.cancel, pass); !fetched)
      return fetched.errors();
  }
  auto left = store.undelivered_batches();
  if (!left) return failure(left.error());
  pass.waiting = static_cast<int>(left->size());
  if (auto recorded = store.record_sync_attempt(store.now(), pass.summary(), pass.all_delivered());
      !recorded) {
    return failure(recorded.error());
  }
  return pass;
}

std::chrono::milliseconds Backoff::after_failure() {
  const auto doubled = kFirst.count() << std::min(failures_, 20);
  const auto ceiling = std::min<std::int64_t>(doubled, kMax.count());
  ++failures_;
  std::uniform_int_distribution<std::int64_t> jitter(ceiling / 2, ceiling);
  return std::chrono::milliseconds(jitter(random_));
}

SyncWorker::SyncWorker(store::DeviceStore& store, const Pack& pack, std::optional<HubEndpoint> endpoint,
                       std::function<void()> on_change)
    : store_(store), pack_(pack), endpoint_(std::move(endpoint)), on_change_(std::move(on_change)) {
  if (endpoint_) status_.hub_url = endpoint_->url;
  if (auto settings = store_.sync_settings()) {
    status_.last_attempt_at = settings->last_attempt_at;
    status_.last_result = settings->last_attempt_result.value_or("");
    status_.last_success_at = settings->last_success_at;
  }
  thread_ = std::thread([this] { run(); });
}

SyncWorker::~SyncWorker() {
  {
    std::lock_guard guard(mutex_);
    stopping_ = true;
  }
  cancel_ = true;
  wake_.notify_all();
  thread_.join();
}

void SyncWorker::request_sync() {
  {
    std::lock_guard guard(mutex_);
    requested_ = true;
  }
  wake_.notify_all();
}

void SyncWorker::sync_now() {
  {
    std::lock_guard guard(mutex_);
    requested_ = true;
    retry_refused_ = true;
  }
  wake_.notify_all();
}

void SyncWorker::set_endpoint(std::optional<HubEndpoint> endpoint) {
  {
    std::lock_guard guard(mutex_);
    endpoint_ = std::move(endpoint);
    status_.hub_url = endpoint_ ? endpoint_->url : "";
    refused_.clear();
    status_.refused.clear();
    requested_ = true;
  }
  wake_.notify_all();
  changed();
}

SyncStatus SyncWorker::status() const {
  std::lock_guard guard(mutex_);
  return status_;
}

void SyncWorker::changed() {
  if (on_change_) on_change_();
}

void SyncWorker::run() {
  Backoff backoff(std::random_device{}());
  auto next_pass = std::chrono::steady_clock::now();
  bool scheduled = true;  // false: no pass until asked
  for (;;) {
    SyncPassOptions options;
    HubEndpoint endpoint;
    {
      std::unique_lock lock(mutex_);
      const auto asked = [&] { return stopping_ || requested_; };
      if (scheduled) {
        wake_.wait_until(lock, next_pass, asked);
      } else {
        wake_.wait(lock, asked);
      }
      if (stopping_) return;
      requested_ = false;
      if (!endpoint_) {
        scheduled = false;
        continue;
      }
      endpoint = *endpoint_;
      if (retry_refused_) refused_.clear();
      retry_refused_ = false;
      for (const auto& [seq, message] : refused_) options.skip.insert(seq);
      options.cancel = &cancel_;
      status_.running = true;
      status_.done = status_.total = 0;
    }
    changed();
    options.progress = [this](int done, int total) {
      {
        std::lock_guard guard(mutex_);
        status_.done = done;
        status_.total = total;
      }
      changed();
    };
    auto pass = sync_pass(store_, pack_, endpoint, options);
    auto settings = store_.sync_settings();
    {
      std::lock_guard guard(mutex_);
      status_.running = false;
      status_.last_pass =
          pass ? SyncStatus::PassCounts{pass->delivered, pass->waiting, pass->retry_reason.value_or("")}
               : SyncStatus::PassCounts{0, status_.waiting, pass.errors().joined("; ")};
      if (pass) {
        status_.waiting = pass->waiting;
        for (const auto& [seq, message] : pass->refused) refused_[seq] = message;
        status_.refused.clear();
        for (const auto& [seq, message] : refused_) {
          status_.refused.push_back("batch " + std::to_string(seq) + ": " + message);
        }
        status_.packs = pass->packs;
        status_.pack_problems = pass->pack_problems();
      }
      if (settings) {
        status_.last_attempt_at = settings->last_attempt_at;
        status_.last_result = pass ? settings->last_attempt_result.value_or("") : pass.errors().joined("; ");
        status_.last_success_at = settings->last_success_at;
      }
    }
    const bool retry = !pass || pass->retry_reason;
    scheduled = true;
    if (retry) {
      next_pass = std::chrono::steady_clock::now() + backoff.after_failure();
    } else {
      backoff.reset();
      next_pass = std::chrono::steady_clock::now() + kSyncInterval;
    }
    changed();
  }
}

}  // namespace peiling::sync
