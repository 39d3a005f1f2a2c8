#pragma once
// The device's side of HTTP: one POST of a batch file to the hub, or one GET of a published pack
// or the list of them, through libcurl (loaded on the first request, not at start-up). HTTPS
// verifies the hub's certificate (against the system's CAs, or a CA file), and can pin its public
// key too.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace peiling::sync {

inline constexpr std::chrono::seconds kConnectTimeout{10};
inline constexpr std::chrono::seconds kTotalTimeout{60};
// An ack lists one batch; anything longer is not an ack and is not read to its end.
inline constexpr std::size_t kMaxReplyBytes = 1 << 20;

struct HubEndpoint {
  std::string url;  // the hub's address, e.g. https://hub.local:8080; the API paths go after it
  std::optional<std::string> token;
  std::optional<std::string> ca_file;            // PEM CA (or the hub's self-signed certificate)
  std::optional<std::string> pinned_public_key;  // curl's CURLOPT_PINNEDPUBLICKEY ("sha256//…" or a file)
};

struct HttpReply {
  long status = 0;              // 0 when no answer came
  std::string body;             // at most kMaxReplyBytes (post) or the limit given (get)
  std::string transport_error;  // set when no answer came: refused, timed out, TLS failed, cut off
};

// POSTs body to endpoint.url + path. Never throws; blocks for at most kTotalTimeout, or until
// *cancel turns true (then it gives up within a second, as a transport error).
HttpReply post(const HubEndpoint& endpoint, std::string_view path, std::string_view body,
               const std::atomic<bool>* cancel = nullptr);
// GETs endpoint.url + path, reading at most max_reply_bytes; otherwise as post().
HttpReply get(const HubEndpoint& endpoint, std::string_view path, std::size_t max_reply_bytes,
              const std::atomic<bool>* cancel = nullptr);

}  // namespace peiling::sync
