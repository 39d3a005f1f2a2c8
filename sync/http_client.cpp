#include "sync/http_client.hpp"

#include <curl/curl.h>
#include <dlfcn.h>

#include <memory>

namespace peiling::sync {

namespace {

// libcurl and the TLS, Kerberos and LDAP libraries it pulls in take longer to load and start than
// the kiosk takes to draw its first frame, and most kiosks never sync over HTTP. So libcurl is
// loaded on the first request, not at start-up.
struct Curl {
  decltype(&curl_easy_init) easy_init = nullptr;
  decltype(&curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&curl_easy_setopt) easy_setopt = nullptr;
  decltype(&curl_easy_perform) easy_perform = nullptr;
  decltype(&curl_easy_getinfo) easy_getinfo = nullptr;
  decltype(&curl_easy_strerror) easy_strerror = nullptr;
  decltype(&curl_slist_append) slist_append = nullptr;
  decltype(&curl_slist_free_all) slist_free_all = nullptr;
  std::string error;  // why it could not be loaded; empty when every function is there
};

Curl load_curl() {
  Curl curl;
  constexpr const char* kLibrary = "libcurl.so.4";
  void* library = dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);  // kept for the life of the process
  if (!library) {
    curl.error = std::string("cannot load ") + kLibrary + ": " + dlerror();
    return curl;
  }
  const auto bind = [&](auto& function, const char* name) {
    function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(dlsym(library, name));
    if (!function && curl.error.empty()) curl.error = std::string(kLibrary) + " has no " + name;
  };
  bind(curl.easy_init, "curl_easy_init");
  bind(curl.easy_cleanup, "curl_easy_cleanup");
  bind(curl.easy_setopt, "curl_easy_setopt");
  bind(curl.easy_perform, "curl_easy_perform");
  bind(curl.easy_getinfo, "curl_easy_getinfo");
  bind(curl.easy_strerror, "curl_easy_strerror");
  bind(curl.slist_append, "curl_slist_append");
  bind(curl.slist_free_all, "curl_slist_free_all");
  return curl;
}

// Loaded once per process, by whichever thread asks first.
const Curl& curl_library() {
  static const Curl curl = load_curl();
  return curl;
}

struct ReplyBody {
  std::string& bytes;
  std::size_t limit;
};

size_t collect(char* data, size_t size, size_t count, void* target) {
  auto& body = *static_cast<ReplyBody*>(target);
  const size_t bytes = size * count;
  if (body.bytes.size() + bytes > body.limit) return 0;  // curl stops with CURLE_WRITE_ERROR
  body.bytes.append(data, bytes);
  return bytes;
}

// curl calls this about once a second and while data moves; non-zero aborts the transfer.
int check_cancel(void* cancel, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<const std::atomic<bool>*>(cancel)->load() ? 1 : 0;
}

// One request: a POST of *body, or a GET without one.
HttpReply exchange(const HubEndpoint& endpoint, std::string_view path, const std::string_view* body,
                   std::size_t max_reply_bytes, const std::atomic<bool>* cancel) {
  HttpReply reply;
  const Curl& lib = curl_library();
  if (!lib.error.empty()) {
    reply.transport_error = lib.error;
    return reply;
  }
  // curl_global_init is done by the first curl_easy_init; once per process, and thread-safe in
  // curl 7.84 and later (Debian 12 has 7.88).
  const auto cleanup = [&lib](CURL* handle) { lib.easy_cleanup(handle); };
  std::unique_ptr<CURL, decltype(cleanup)> curl(lib.easy_init(), cleanup);
  if (!curl) {
    reply.transport_error = "libcurl could not start";
    return reply;
  }
  std::string url = endpoint.url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  url += path;
  curl_slist* headers = lib.slist_append(nullptr, "Content-Type: application/json");
  // Large bodies must not wait a second for "100 Continue".
  headers = lib.slist_append(headers, "Expect:");
  if (endpoint.token)
    headers = lib.slist_append(headers, ("Authorization: Bearer " + *endpoint.token).c_str());
  const auto free_all = [&lib](curl_slist* list) { lib.slist_free_all(list); };
  std::unique_ptr<curl_slist, decltype(free_all)> header_list(headers, free_all);
  char error[CURL_ERROR_SIZE] = "";
  CURL* c = curl.get();
  lib.easy_setopt(c, CURLOPT_URL, url.c_str());
  lib.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  lib.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // from a worker thread: no SIGALRM for timeouts
  if (body) {
    lib.easy_setopt(c, CURLOPT_POST, 1L);
    lib.easy_setopt(c, CURLOPT_POSTFIELDS, body->data());
    lib.easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
  }
  lib.easy_setopt(c, CURLOPT_HTTPHEADER, header_list.get());
  lib.easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(kConnectTimeout.count() * 1000));
  lib.easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(kTotalTimeout.count() * 1000));
  lib.easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  lib.easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  if (endpoint.ca_file) lib.easy_setopt(c, CURLOPT_CAINFO, endpoint.ca_file->c_str());
  if (endpoint.pinned_public_key)
    lib.easy_setopt(c, CURLOPT_PINNEDPUBLICKEY, endpoint.pinned_public_key->c_str());
  lib.easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
  ReplyBody collected{reply.body, max_reply_bytes};
  lib.easy_setopt(c, CURLOPT_WRITEDATA, &collected);
  lib.easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  if (cancel) {
    lib.easy_setopt(c, CURLOPT_XFERINFOFUNCTION, check_cancel);
    lib.easy_setopt(c, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(cancel));
    lib.easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  }
  const CURLcode code = lib.easy_perform(c);
  if (code != CURLE_OK) {
    reply.transport_error = error[0] ? error : lib.easy_strerror(code);
    if (code == CURLE_WRITE_ERROR) {
      reply.transport_error =
          "the answer is longer than the " + std::to_string(max_reply_bytes) + " bytes expected";
    }
    reply.status = 0;
    reply.body.clear();
    return reply;
  }
  lib.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

}  // namespace

HttpReply post(const HubEndpoint& endpoint, std::string_view path, std::string_view body,
               const std::atomic<bool>* cancel) {
  return exchange(endpoint, path, &body, kMaxReplyBytes, cancel);
}

HttpReply get(const HubEndpoint& endpoint, std::string_view path, std::size_t max_reply_bytes,
              const std::atomic<bool>* cancel) {
  return exchange(endpoint, path, nullptr, max_reply_bytes, cancel);
}

}  // namespace peiling::sync
