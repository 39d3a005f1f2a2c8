#pragma once
// A console's visitor and venue for the end-to-end tests of the console's pages (console_e2e_test,
// plenary_e2e_test): a browser in miniature over raw sockets, and a venue whose hub has an
// organiser's password file and serves in the background.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "http_venue.hpp"

namespace peiling::test {

inline constexpr const char* kPassword = "correct horse battery";

// A browser in miniature: one client address, the cookies the console sets, the CSRF token of the
// last page.
class Browser {
 public:
  Browser(std::uint16_t port, std::string from = "127.0.0.1") : port_(port), from_(std::move(from)) {}

  HttpExchange get(const std::string& path, std::vector<std::string> headers = {}) {
    return keep(http_request(port_, "GET", path, "", with_cookies(std::move(headers)), from_));
  }
  HttpExchange post(const std::string& path, const std::string& body,
                    const std::string& type = "application/x-www-form-urlencoded") {
    return keep(http_request(port_, "POST", path, body, with_cookies({"Content-Type: " + type}), from_));
  }
  HttpExchange sign_in(const std::string& name, const std::string& password) {
    get("/console/sign-in");
    return post("/console/sign-in", "csrf=" + csrf + "&name=" + name + "&password=" + password);
  }

  std::map<std::string, std::string> cookies;
  std::vector<std::string> set_cookie_lines;  // of the last answer
  std::string csrf;                           // of the last page that had one

 private:
  std::vector<std::string> with_cookies(std::vector<std::string> headers) const {
    std::string line;
    for (const auto& [name, value] : cookies) line += (line.empty() ? "" : "; ") + name + "=" + value;
    if (!line.empty()) headers.push_back("Cookie: " + line);
    return headers;
  }
  HttpExchange keep(HttpExchange answer) {
    set_cookie_lines.clear();
    std::size_t at = 0;
    while ((at = answer.head.find("\r\nSet-Cookie: ", at)) != std::string::npos) {
      at += 14;
      const std::string line = answer.head.substr(at, answer.head.find("\r\n", at) - at);
      set_cookie_lines.push_back(line);
      const auto equals = line.find('=');
      const std::string value = line.substr(equals + 1, line.find(';') - equals - 1);
      if (value.empty())
        cookies.erase(line.substr(0, equals));
      else
        cookies[line.substr(0, equals)] = value;
    }
    const std::string marker = "name=\"csrf\" value=\"";
    if (const auto found = answer.body.find(marker); found != std::string::npos)
      csrf = answer.body.substr(found + marker.size(), 64);
    return answer;
  }

  std::uint16_t port_;
  std::string from_;
};

inline std::string header_of(const HttpExchange& answer, const std::string& name) {
  const auto at = answer.head.find("\r\n" + name + ": ");
  if (at == std::string::npos) return "";
  const auto start = at + name.size() + 4;
  return answer.head.substr(start, answer.head.find("\r\n", start) - start);
}

class ConsoleVenue : public HttpVenue {
 protected:
  void SetUp() override {
    HttpVenue::SetUp();
    password_file = dir / "password";
    write_file(password_file.string(), std::string(kPassword) + "\n");
  }

  ProcessResult add_organiser(const std::string& name) {
    return hub({"organisers", "add", name, "--password-file", password_file.string(), "--lang", "en"});
  }

  std::unique_ptr<ServingHub> serve(std::vector<std::string> extra = {}) {
    auto served = std::make_unique<ServingHub>(hub_db, log_dir(), extra);
    EXPECT_TRUE(served->started()) << served->log();
    return served;
  }

  fs::path password_file;
};

}  // namespace peiling::test
