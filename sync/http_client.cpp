#include "sync/http_client.hpp"

#include <curl/curl.h>

#include <memory>

namespace peiling::sync {

namespace {

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct HeaderListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

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
  // curl_global_init is done by the first curl_easy_init; once per process, and thread-safe in
  // curl 7.84 and later (Debian 12 has 7.88).
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) {
    reply.transport_error = "libcurl could not start";
    return reply;
  }
  std::string url = endpoint.url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  url += path;
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  // Large bodies must not wait a second for "100 Continue".
  headers = curl_slist_append(headers, "Expect:");
  if (endpoint.token)
    headers = curl_slist_append(headers, ("Authorization: Bearer " + *endpoint.token).c_str());
  std::unique_ptr<curl_slist, HeaderListDeleter> header_list(headers);
  char error[CURL_ERROR_SIZE] = "";
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // from a worker thread: no SIGALRM for timeouts
  if (body) {
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
  }
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, header_list.get());
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(kConnectTimeout.count() * 1000));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(kTotalTimeout.count() * 1000));
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  if (endpoint.ca_file) curl_easy_setopt(c, CURLOPT_CAINFO, endpoint.ca_file->c_str());
  if (endpoint.pinned_public_key)
    curl_easy_setopt(c, CURLOPT_PINNEDPUBLICKEY, endpoint.pinned_public_key->c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
  ReplyBody collected{reply.body, max_reply_bytes};
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &collected);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  if (cancel) {
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, check_cancel);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(cancel));
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  }
  const CURLcode code = curl_easy_perform(c);
  if (code != CURLE_OK) {
    reply.transport_error = error[0] ? error : curl_easy_strerror(code);
    if (code == CURLE_WRITE_ERROR) {
      reply.transport_error =
          "the answer is longer than the " + std::to_string(max_reply_bytes) + " bytes expected";
    }
    reply.status = 0;
    reply.body.clear();
    return reply;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
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
