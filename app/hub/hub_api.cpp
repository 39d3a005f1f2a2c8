#include "hub/hub_api.hpp"

#include <sodium.h>

#include <charconv>

#include "core/pack.hpp"
#include "hub/hub_import.hpp"
#include "hub/hub_text.hpp"
#include "sync/ack_file.hpp"

#ifndef PEILING_VERSION
#error "PEILING_VERSION must be defined by the build"
#endif

namespace peiling::hub {

namespace {

// Counts an upload waiting for the writer for as long as it lives.
class WaitingIngest {
 public:
  explicit WaitingIngest(std::atomic<int>& count) : count_(count), position_(++count) {}
  ~WaitingIngest() { --count_; }
  WaitingIngest(const WaitingIngest&) = delete;
  WaitingIngest& operator=(const WaitingIngest&) = delete;
  int position() const { return position_; }

 private:
  std::atomic<int>& count_;
  int position_;
};

bool tokens_match(const std::string& given, const std::string& expected) {
  return given.size() == expected.size() && sodium_memcmp(given.data(), expected.data(), given.size()) == 0;
}

// The ack for one batch as the hub holds it. It names the time the batch arrived, not the time of
// the answer, so every replay gets the same bytes (Ed25519 signatures are deterministic).
std::string batch_ack(HubStore& hub, const BatchIngest& batch) {
  const sync::Acknowledgement ack{batch.result.stored_at,
                                  {{batch.device_id, batch.seq, batch.payload_sha256}}};
  return sync::encode_ack_file(
      ack, {hub.sign_public_key(), [&hub](std::string_view message) { return hub.sign(message); }});
}

// Answers from a read connection of the page's own (WAL), so GET pages never wait for the writer.
template <typename Answer>
HttpResponse with_reader(const std::filesystem::path& db, Answer answer) {
  auto reader = HubStore::open(db);
  if (!reader) return error_response(503, reader.error().message);
  return answer(reader.value());
}

// "{id}/{version}" after the packs path: a pack id and a positive version, nothing else.
std::optional<PackRef> pack_ref_in(std::string_view rest) {
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const std::string_view id = rest.substr(0, slash);
  const std::string_view version = rest.substr(slash + 1);
  int number = 0;
  const auto [end, error] = std::from_chars(version.data(), version.data() + version.size(), number);
  if (!is_valid_id(id) || version.empty() || error != std::errc{} || end != version.data() + version.size() ||
      number < 1) {
    return std::nullopt;
  }
  return PackRef{std::string(id), number};
}

}  // namespace

// A message may name what the request sent (its path), which need not be UTF-8: such bytes become
// U+FFFD, since nlohmann::json throws on them otherwise, and a throw here ends `serve`.
HttpResponse error_response(int status, const std::string& message) {
  const nlohmann::json body{{"status", status}, {"error", message}};
  return {status, "application/json",
          body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"};
}

std::optional<std::string> bearer_token(std::string_view authorization) {
  constexpr std::string_view scheme = "Bearer ";
  if (!authorization.starts_with(scheme)) return std::nullopt;
  return std::string(authorization.substr(scheme.size()));
}

HubApi::HubApi(HubStore& writer, HubApiOptions options) : writer_(writer), options_(std::move(options)) {
  acks_to_drop_ = options_.drop_first_acks;
  routes_.push_back({"POST", std::string(sync::kBatchesPath), Access::token,
                     [this](const HttpRequest& request) { return post_batch(request); }});
  add_get(
      std::string(sync::kHealthPath),
      [this](const std::filesystem::path&, const QueryParams&) { return health(); }, Access::open);
  // Packs need the token batches need: a hub that takes batches only from its own devices also
  // shows its surveys only to them.
  add_get(std::string(sync::kPacksPath),
          [this](const std::filesystem::path&, const QueryParams&) { return pack_list(); });
  routes_.push_back({"GET", std::string(sync::kPacksPath) + "/", Access::token,
                     [this](const HttpRequest& request) { return pack_file(request.path); }, true});
}

void HubApi::add_get(std::string path, GetHandler handler, Access access) {
  routes_.push_back(
      {"GET", std::move(path), access, [this, handler = std::move(handler)](const HttpRequest& request) {
         return handler(options_.db, request.query);
       }});
}

void HubApi::add_site(std::string path, std::function<HttpResponse(const HttpRequest&)> answer,
                      Refusal refuse) {
  routes_.push_back({"GET", path, Access::open, answer, true, refuse});
  routes_.push_back({"POST", std::move(path), Access::open, std::move(answer), true, std::move(refuse)});
}

const HubApi::Route* HubApi::find(std::string_view method, std::string_view path, bool& path_known) const {
  path_known = false;
  for (const auto& route : routes_) {
    if (route.prefix ? !path.starts_with(route.path) : route.path != path) continue;
    path_known = true;
    if (route.method == method) return &route;
  }
  return nullptr;
}

std::optional<HttpResponse> HubApi::check_head(std::string_view method, std::string_view path,
                                               const std::optional<std::string>& token,
                                               std::optional<std::uint64_t> content_length) const {
  bool path_known = false;
  const Route* route = find(method, path, path_known);
  if (!route) {
    return path_known ? error_response(405, std::string(path) + " does not take " + std::string(method))
                      : error_response(404, "There is nothing at " + std::string(path) + ".");
  }
  if (route->access == Access::token && options_.token) {
    if (!token) return error_response(401, "This hub needs a token: send \"Authorization: Bearer <token>\".");
    if (!tokens_match(*token, *options_.token))
      return error_response(401, "The token is not this hub's token.");
  }
  if (content_length && *content_length > kMaxRequestBodyBytes) {
    const std::string message = "The body of " + std::to_string(*content_length) +
                                " bytes is over the limit of " + std::to_string(kMaxRequestBodyBytes) +
                                " bytes.";
    return route->refuse ? route->refuse(413, message) : error_response(413, message);
  }
  return std::nullopt;
}

HttpResponse HubApi::handle(const HttpRequest& request) {
  if (auto refused = check_head(request.method, request.path, request.bearer_token, request.body.size())) {
    return *refused;
  }
  bool path_known = false;
  return find(request.method, request.path, path_known)->answer(request);
}

HttpResponse HubApi::post_batch(const HttpRequest& request) {
  const WaitingIngest waiting(waiting_ingests_);
  if (waiting.position() > options_.max_waiting_ingests) {
    return error_response(503, "The hub is busy with other uploads; try again shortly.");
  }
  auto ingested = ingest_batch_bytes(writer_, request.body, "upload", options_.strict);
  if (!ingested) {
    const auto& error = ingested.error();
    return error_response(error.kind == store::ErrorKind::locked ? 503 : 500, error.message);
  }
  const BatchIngest& batch = ingested.value();
  if (batch.rejected) return error_response(batch.not_json ? 400 : 422, *batch.rejected);
  auto answer = [&](int status, std::string body) {
    HttpResponse response{status, "application/json", std::move(body)};
    response.device_id = batch.device_id;
    response.seq = batch.seq;
    return response;
  };
  auto refuse = [&](int status, const std::string& message) {
    HttpResponse response = error_response(status, message);
    response.device_id = batch.device_id;
    response.seq = batch.seq;
    return response;
  };
  switch (batch.result.outcome) {
    case BatchOutcome::added:
    case BatchOutcome::quarantined:
    case BatchOutcome::duplicate: {
      HttpResponse response =
          answer(batch.result.outcome == BatchOutcome::duplicate ? 200 : 201, batch_ack(writer_, batch));
      if (batch.result.outcome != BatchOutcome::duplicate) {
        int left = acks_to_drop_.load();
        while (left > 0 && !acks_to_drop_.compare_exchange_weak(left, left - 1)) {
        }
        response.close_without_answer = left > 0;
      }
      return response;
    }
    case BatchOutcome::excluded:
      return refuse(403,
                    "upload: this device is blocked by the organiser; its batches are kept but not counted");
    case BatchOutcome::conflict:
      return refuse(409, "upload: conflict: " + outcome_sentence(batch));
    case BatchOutcome::wrong_device_key:
      return refuse(422, "upload: " + outcome_sentence(batch));
  }
  return refuse(500, "upload: unknown outcome");
}

HttpResponse HubApi::health() const {
  return with_reader(options_.db, [](HubStore& reader) {
    auto status = reader.status();
    if (!status) return error_response(503, status.error().message);
    return HttpResponse{
        200, "application/json",
        nlohmann::json{{"version", PEILING_VERSION}, {"counts", status_json(status.value())}}.dump() + "\n"};
  });
}

HttpResponse HubApi::pack_list() const {
  return with_reader(options_.db, [](HubStore& reader) {
    auto packs = reader.published_packs();
    if (!packs) return error_response(503, packs.error().message);
    return HttpResponse{200, "application/json", sync::published_packs_json(packs.value())};
  });
}

HttpResponse HubApi::pack_file(std::string_view path) const {
  const auto ref = pack_ref_in(path.substr(sync::kPacksPath.size() + 1));
  if (!ref) {
    return error_response(400, std::string(path) + ": expected " + std::string(sync::kPacksPath) +
                                   "/<pack id>/<version>, an id of a-z, 0-9 and '-' and a version from 1");
  }
  return with_reader(options_.db, [&](HubStore& reader) {
    auto file = reader.published_pack_file(*ref);
    if (!file) return error_response(503, file.error().message);
    if (!file.value()) {
      return error_response(404, "This hub has not published pack " + ref->id + " version " +
                                     std::to_string(ref->version) + ".");
    }
    return HttpResponse{200, "application/json", std::move(*file.value())};
  });
}

}  // namespace peiling::hub
