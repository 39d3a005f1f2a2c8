#pragma once
// What `peiling-hub serve` answers, apart from HTTP itself: routes, tokens, the batch upload with
// its signed acknowledgement, health, and JSON errors a person can read. No libmicrohttpd here
// (that glue is hub/hub_server.*), so every answer is unit-testable with plain structs.
//
// Routes (sync/protocol.hpp):
//   POST /api/v1/batches  a batch file's bytes; 201 new, 200 identical replay (both with the same
//                         signed ack), 400 not JSON, 401 token, 403 blocked device, 409 conflict,
//                         413 too large, 422 bad schema or signature, 503 busy
//   GET  /api/v1/health   version and counts
//   GET  /api/v1/packs    the published packs, as `peiling-hub pack list` prints them (token)
//   GET  /api/v1/packs/{id}/{version}  that signed pack file, byte for byte; 404 unknown, 400 not
//                         an id and a version (token)
// More GET pages are one add_get() each; app/hub adds GET /live (report::live_route) that way.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hub/hub_store.hpp"
#include "sync/protocol.hpp"

namespace peiling::hub {

// Larger bodies are refused: by Content-Length before reading, or cut off as they pass it.
inline constexpr std::size_t kMaxRequestBodyBytes = 8 << 20;

using QueryParams = std::map<std::string, std::string, std::less<>>;

struct HttpRequest {
  std::string method;
  std::string path;
  QueryParams query;
  std::optional<std::string> bearer_token;  // from "Authorization: Bearer …"
  std::string body;
  // For the console (hub/console/): every header by its lower-case name, the client's address
  // and whether the connection is TLS.
  std::map<std::string, std::string, std::less<>> headers;
  std::string client_address;
  bool tls = false;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  // For the request log: the batch the request was about, when there was one.
  std::string device_id;
  std::int64_t seq = 0;
  // Test-only (--test-drop-acks): close the connection instead of answering.
  bool close_without_answer = false;
  // More header fields (Set-Cookie, Content-Disposition, the console's security headers).
  std::vector<std::pair<std::string, std::string>> headers;
};

// A JSON error answer: {"status": 422, "error": message}.
HttpResponse error_response(int status, const std::string& message);

// A GET page: the hub database's path (open your own read connection on it) and the query.
using GetHandler = std::function<HttpResponse(const std::filesystem::path& hub_db, const QueryParams& query)>;
enum class Access { token, open };

struct HubApiOptions {
  std::filesystem::path db;          // the hub database, for read connections
  std::optional<std::string> token;  // when set, Access::token routes need "Authorization: Bearer <token>"
  bool strict = false;               // quarantine batches of devices not yet approved
  int max_waiting_ingests = 32;      // more uploads waiting for the writer are answered 503
  int drop_first_acks = 0;           // test only: commit, then close without answering, this many times
};

class HubApi {
 public:
  // writer: the one connection every ingest goes through, one at a time.
  HubApi(HubStore& writer, HubApiOptions options);

  void add_get(std::string path, GetHandler handler, Access access = Access::token);
  // GET and POST on path and every path below it, with the whole request; no token is asked for
  // (the console has sign-in of its own, and a device token never opens it). refuse(status,
  // message) makes the site's own page for what check_head refuses (a body over the limit).
  using Refusal = std::function<HttpResponse(int status, const std::string& message)>;
  void add_site(std::string path, std::function<HttpResponse(const HttpRequest&)> answer, Refusal refuse);

  // What can be answered from the request line and headers alone, before any body is read:
  // an unknown path or method, a missing or wrong token, a declared body that is too large.
  std::optional<HttpResponse> check_head(std::string_view method, std::string_view path,
                                         const std::optional<std::string>& bearer_token,
                                         std::optional<std::uint64_t> content_length) const;

  // The whole request (check_head first).
  HttpResponse handle(const HttpRequest& request);

 private:
  struct Route {
    std::string method;
    std::string path;
    Access access;
    std::function<HttpResponse(const HttpRequest&)> answer;
    bool prefix = false;  // also answers every path below path + "/"
    Refusal refuse;       // empty: refusals are JSON errors
  };
  const Route* find(std::string_view method, std::string_view path, bool& path_known) const;
  HttpResponse post_batch(const HttpRequest& request);
  HttpResponse health() const;
  HttpResponse pack_list() const;
  HttpResponse pack_file(std::string_view path) const;

  HubStore& writer_;
  HubApiOptions options_;
  std::vector<Route> routes_;
  std::atomic<int> waiting_ingests_{0};
  std::atomic<int> acks_to_drop_{0};
};

// "Bearer <token>" → token; anything else → nullopt.
std::optional<std::string> bearer_token(std::string_view authorization);

}  // namespace peiling::hub
