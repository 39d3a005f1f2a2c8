#include "support/hub_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <thread>

#include "support/process.hpp"

namespace peiling::test {

namespace {

constexpr auto kStartTimeout = std::chrono::seconds(10);

bool wait_for_exit(pid_t pid, std::chrono::milliseconds timeout, int& status) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid, &status, WNOHANG) == pid) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

}  // namespace

ServingHub::ServingHub(const std::filesystem::path& db, const std::filesystem::path& log_dir,
                       const std::vector<std::string>& extra, std::uint16_t port) {
  static_cast<void>(std::filesystem::create_directories(log_dir));
  output_ = log_dir /
            ("hub-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + ".log");
  std::vector<std::string> argv{PEILING_HUB_BIN, "serve",    "--db",
                                db.string(),     "--listen", "127.0.0.1:" + std::to_string(port)};
  argv.insert(argv.end(), extra.begin(), extra.end());
  pid_ = fork();
  if (pid_ == 0) {
    const int out = open(output_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  const std::regex serving(R"(serving .* on (https?)://[0-9.]+:(\d+))");
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch match;
    const std::string text = log();
    if (std::regex_search(text, match, serving)) {
      scheme_ = match[1];
      port_ = static_cast<std::uint16_t>(std::stoi(match[2]));
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

ServingHub::~ServingHub() {
  if (pid_ > 0) terminate();
}

std::string ServingHub::log() const {
  return read_file(output_);
}

long ServingHub::status_kib(std::string_view field) const {
  std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with(field)) return std::stol(line.substr(field.size()));
  }
  return -1;
}

long ServingHub::rss_kib() const {
  return status_kib("VmRSS:");
}

long ServingHub::peak_rss_kib() const {
  return status_kib("VmHWM:");
}

void ServingHub::kill_now() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

void ServingHub::send_sigterm() {
  if (pid_ > 0) kill(pid_, SIGTERM);
}

int ServingHub::terminate() {
  if (pid_ <= 0) return -1;
  send_sigterm();
  int status = 0;
  if (!wait_for_exit(pid_, std::chrono::seconds(40), status)) {
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
  }
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int connect_to(std::uint16_t port, const std::string& from) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in local{};
  local.sin_family = AF_INET;
  inet_pton(AF_INET, from.c_str(), &local.sin_addr);
  sockaddr_in remote{};
  remote.sin_family = AF_INET;
  remote.sin_port = htons(port);
  inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr);
  if (bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
      connect(fd, reinterpret_cast<sockaddr*>(&remote), sizeof remote) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int socket, std::string_view data) {
  while (!data.empty()) {
    const ssize_t sent = send(socket, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

HttpExchange read_answer(int socket, std::chrono::milliseconds timeout) {
  HttpExchange exchange;
  std::string data;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::size_t wanted = std::string::npos;  // the whole answer's size, once the head is in
  while (data.size() < wanted) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd fd{socket, POLLIN, 0};
    if (poll(&fd, 1, static_cast<int>(left.count())) <= 0) break;
    char buffer[16384];
    const ssize_t n = recv(socket, buffer, sizeof buffer, 0);
    if (n <= 0) {
      exchange.closed = true;
      break;
    }
    data.append(buffer, static_cast<std::size_t>(n));
    const auto end_of_head = data.find("\r\n\r\n");
    if (wanted == std::string::npos && end_of_head != std::string::npos) {
      std::smatch match;
      const std::string head = data.substr(0, end_of_head);
      const std::regex length(R"(\r\n[Cc]ontent-[Ll]ength: *(\d+))");
      if (std::regex_search(head, match, length)) wanted = end_of_head + 4 + std::stoul(match[1]);
    }
  }
  const auto end_of_head = data.find("\r\n\r\n");
  exchange.head = data.substr(0, end_of_head);
  if (end_of_head != std::string::npos) exchange.body = data.substr(end_of_head + 4);
  if (exchange.head.starts_with("HTTP/1.1 ") && exchange.head.size() >= 12) {
    exchange.status = std::stoi(exchange.head.substr(9, 3));
  }
  return exchange;
}

HttpExchange http_request(std::uint16_t port, const std::string& method, const std::string& path,
                          const std::string& body, const std::vector<std::string>& headers,
                          const std::string& from) {
  const int fd = connect_to(port, from);
  if (fd < 0) return {.closed = true};
  std::string request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& header : headers) request += header + "\r\n";
  request += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  HttpExchange exchange;
  if (send_all(fd, request)) {
    exchange = read_answer(fd);
  } else {
    exchange = read_answer(fd, std::chrono::milliseconds(500));
    exchange.closed = true;
  }
  close(fd);
  return exchange;
}

}  // namespace peiling::test
