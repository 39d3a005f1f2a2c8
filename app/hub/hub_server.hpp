#pragma once
// `peiling-hub serve`: HubApi (hub/hub_api.hpp) behind libmicrohttpd, with its limits set
// explicitly, since the hub faces a shared venue network:
//   - connection memory 64 KiB: a longer header line or header block is refused by MHD (431/413)
//   - at most 100 header fields, else 431
//   - bodies up to 8 MiB: a larger Content-Length gets 413 before a byte is read; a chunked body
//     is cut off (connection closed) as it passes the limit
//   - all bodies being received together at most 48 MiB, else 503 (the RSS stays bounded)
//   - 512 connections, 64 per client address, 10 s of silence closes a connection (slowloris)
// One log line per request goes to the log callback: method, path, status, device, seq, duration.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/pack.hpp"
#include "core/result.hpp"
#include "hub/hub_api.hpp"

namespace peiling::hub {

struct ServerLimits {
  unsigned max_connections = 512;
  unsigned max_connections_per_ip = 64;
  unsigned idle_timeout_seconds = 10;
  std::size_t connection_memory_bytes = 64 << 10;
  std::size_t max_header_fields = 100;
  std::size_t max_bodies_in_flight_bytes = 48 << 20;
  unsigned threads = 4;
};

struct ServerOptions {
  std::string host = "127.0.0.1";           // IPv4 address to listen on
  std::uint16_t port = 8080;                // 0: any free port (see HubServer::port)
  std::optional<std::string> tls_cert_pem;  // both or neither: HTTPS through GnuTLS
  std::optional<std::string> tls_key_pem;
  ServerLimits limits;
  std::function<void(const std::string& line)> log;
};

class HubServer {
 public:
  static Result<std::unique_ptr<HubServer>> start(HubApi& api, ServerOptions options);
  ~HubServer();
  HubServer(const HubServer&) = delete;
  HubServer& operator=(const HubServer&) = delete;

  std::uint16_t port() const;
  // Stops accepting, lets the requests in flight finish (at most wait_seconds), then stops.
  void stop(int wait_seconds = 30);

  struct State;

 private:
  explicit HubServer(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// `peiling-hub serve`'s arguments, as given.
struct ServeArguments {
  std::string listen = "127.0.0.1:8080";  // an IPv4 address and a port
  std::string token_file;                 // empty: no token needed
  std::string tls_cert;                   // PEM files, both or neither: HTTPS
  std::string tls_key;
  std::string pack_file;  // empty: /live shows the pack published on the hub last
  bool strict = false;
  int test_drop_acks = 0;
};

// What the server and its answers run with: the address parsed, the token and TLS files read
// without the white space around them (a token file ends with a newline), the live page's pack
// loaded and validated.
struct ServeSetup {
  ServerOptions server;
  HubApiOptions api;
  std::optional<Pack> live_pack;
};

// db: the hub database. An error line names the argument it is about.
Result<ServeSetup> serve_setup(const std::filesystem::path& db, const ServeArguments& arguments);

}  // namespace peiling::hub
