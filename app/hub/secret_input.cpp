#include "hub/secret_input.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "core/json_file.hpp"

namespace peiling::hub {

namespace {

constexpr std::size_t kMaxSecretBytes = 4096;

void strip_line_end(std::string& line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
}

// Wipes the secret it holds when it goes, on every path out.
struct Wiped {
  std::string text;
  ~Wiped() { sodium_memzero(text.data(), text.size()); }
};

// The terminal of this process, with echo off while a line is read.
class Terminal {
 public:
  Terminal() : fd_(::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)) {}
  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;
  ~Terminal() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool open() const { return fd_ >= 0; }

  std::optional<std::string> ask(const std::string& prompt) {
    say(prompt);
    termios saved{};
    const bool quiet = ::tcgetattr(fd_, &saved) == 0;
    if (quiet) {
      termios silent = saved;
      silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      silent.c_lflag |= ECHONL;
      ::tcsetattr(fd_, TCSAFLUSH, &silent);
    }
    std::string line;
    bool ended = false;
    for (char c = 0; line.size() <= kMaxSecretBytes;) {
      const ssize_t n = ::read(fd_, &c, 1);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      if (c == '\n') {
        ended = true;
        break;
      }
      line += c;
    }
    if (quiet) ::tcsetattr(fd_, TCSAFLUSH, &saved);
    if (!ended) {
      sodium_memzero(line.data(), line.size());
      return std::nullopt;
    }
    strip_line_end(line);
    return line;
  }

  void say(const std::string& text) {
    for (std::size_t at = 0; at < text.size();) {
      const ssize_t n = ::write(fd_, text.data() + at, text.size() - at);
      if (n <= 0) return;
      at += static_cast<std::size_t>(n);
    }
  }

 private:
  int fd_;
};

Result<std::string> from_file(const std::filesystem::path& file, const std::string& noun) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return Result<std::string>::failure("Could not read the " + noun + " file '" + file.string() + "'.");
  Wiped content{std::string(std::istreambuf_iterator<char>(in), {})};
  if (content.text.size() > kMaxSecretBytes) {
    return Result<std::string>::failure("The " + noun + " file '" + file.string() + "' is too long.");
  }
  return std::string(content.text.substr(0, content.text.find('\n')));
}

std::optional<std::string> length_problem(std::string_view secret, const SecretRequest& request) {
  if (find_invalid_utf8(secret)) return "The " + request.noun + " is not valid UTF-8 text.";
  if (count_code_points(secret) < request.min_chars) {
    return "The " + request.noun + " must have at least " + std::to_string(request.min_chars) +
           " characters.";
  }
  return std::nullopt;
}

}  // namespace

Result<std::string> read_secret(const std::optional<std::filesystem::path>& file,
                                const SecretRequest& request) {
  Wiped secret;
  if (file) {
    auto read = from_file(*file, request.noun);
    if (!read) return read;
    secret.text = std::move(read.value());
    strip_line_end(secret.text);
  } else {
    Terminal terminal;
    const std::string option = "--" + request.noun + "-file";
    if (!terminal.open()) {
      return Result<std::string>::failure("There is no terminal to type the " + request.noun +
                                          " on; give it in a file with " + option + " FILE.");
    }
    const std::string rule =
        request.min_chars > 1 ? " (at least " + std::to_string(request.min_chars) + " characters)" : "";
    auto typed = terminal.ask(request.noun + rule + ": ");
    if (!typed) return Result<std::string>::failure("No " + request.noun + " was typed.");
    secret.text = std::move(*typed);
    if (auto problem = length_problem(secret.text, request)) return Result<std::string>::failure(*problem);
    if (request.confirm) {
      auto again = terminal.ask("the same " + request.noun + " again: ");
      Wiped repeated{again.value_or("")};
      if (!again || repeated.text != secret.text) {
        return Result<std::string>::failure("The two " + request.noun + "s differ; nothing was done.");
      }
    }
  }
  if (auto problem = length_problem(secret.text, request)) return Result<std::string>::failure(*problem);
  return std::string(secret.text);
}

}  // namespace peiling::hub
