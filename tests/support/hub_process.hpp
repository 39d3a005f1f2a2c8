#pragma once
// `peiling-hub serve` as a test runs it: in the background on a free port (or a given one), with
// its output in files, and plain HTTP over raw sockets, so that tests can also send what no real
// client would (endless bodies, huge headers, idle connections).
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace peiling::test {

class ServingHub {
 public:
  // Starts `peiling-hub serve --db db --listen 127.0.0.1:<port> extra...` and waits until it
  // prints the address it serves on. port 0: a free one.
  ServingHub(const std::filesystem::path& db, const std::filesystem::path& log_dir,
             const std::vector<std::string>& extra = {}, std::uint16_t port = 0);
  ~ServingHub();  // SIGTERM, then SIGKILL if it lingers
  ServingHub(const ServingHub&) = delete;
  ServingHub& operator=(const ServingHub&) = delete;

  bool started() const { return port_ != 0; }
  std::uint16_t port() const { return port_; }
  std::string url() const { return scheme_ + "://127.0.0.1:" + std::to_string(port_); }
  std::string log() const;    // everything it printed so far
  long rss_kib() const;       // resident memory now
  long peak_rss_kib() const;  // the most it has been resident since it started
  void kill_now();            // SIGKILL, as a power cut would
  void send_sigterm();        // without waiting
  // SIGTERM and wait: the exit status, or -1 when it died of a signal.
  int terminate();

 private:
  long status_kib(std::string_view field) const;  // a "Vm…:" line of /proc/PID/status

  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::string scheme_ = "http";  // https with --tls-cert
  std::filesystem::path output_;
};

struct HttpExchange {
  int status = 0;    // 0: no status line came (the connection was closed or timed out)
  std::string head;  // status line and headers
  std::string body;
  bool closed = false;  // the server closed the connection
};

// A TCP connection to 127.0.0.1:port from the given local address (any 127.x.y.z works on Linux,
// so a test can stand for another client machine). -1 when refused.
int connect_to(std::uint16_t port, const std::string& from = "127.0.0.1");
// Sends all of data; false when the server closed or reset the connection.
bool send_all(int socket, std::string_view data);
// Reads one answer (its Content-Length) or until the server closes, at most timeout.
HttpExchange read_answer(int socket, std::chrono::milliseconds timeout = std::chrono::seconds(5));
// One request on a fresh connection, closed afterwards.
HttpExchange http_request(std::uint16_t port, const std::string& method, const std::string& path,
                          const std::string& body, const std::vector<std::string>& headers = {},
                          const std::string& from = "127.0.0.1");

}  // namespace peiling::test
