#pragma once
// The organiser console: `peiling-hub serve` answers /console/... with server-rendered pages in
// Dutch and English, beside the device API and /live (issue 15). HubApi::add_site routes the
// requests here; every answer is built from plain structs, so the pages are unit-testable.
//
// Pages: sign-in, overview, devices, import, reports, contacts, backup, audit log; the stylesheet
// and the one script are files under /console/assets/ (the CSP allows nothing inline).
// Security, in one place (Console::handle):
//   - off (503 with how to add an organiser) while the hub has no organiser
//   - a session is a 256-bit random cookie, HttpOnly, SameSite=Strict, Path=/console, Secure under
//     TLS, kept only as its BLAKE2b hash in the hub database, ended after 8 hours idle
//   - every POST carries the session's CSRF token; a missing or wrong one is 403 and changes nothing
//   - sign-ins are counted per name before the password is checked and lock the name out from
//     the 5th failure (persisted, the kiosk PIN's rule); one address with too many failures is
//     answered 429 without a password check, and only one Argon2id check runs at a time, so a
//     flood of sign-ins cannot take the memory or the threads devices upload on
//   - a device token never opens it: only the session cookie does
//   - every answer carries the security headers of console_http.hpp
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "core/utc_time.hpp"
#include "hub/hub_api.hpp"
#include "hub/hub_store.hpp"

namespace peiling::hub::console {

inline constexpr std::string_view kConsolePath = "/console";
inline constexpr std::int64_t kSessionIdleMs = 8LL * 60 * 60 * 1000;

struct ConsoleOptions {
  std::filesystem::path db;        // the hub database: pages read it on connections of their own
  bool strict = false;             // imports quarantine devices not yet approved, as serve --strict
  int address_failure_limit = 50;  // failed sign-ins from one address per quarter hour, then 429
};

class Console {
 public:
  // writer: the connection uploads go through (HubStore locks it per call).
  Console(HubStore& writer, ConsoleOptions options);
  ~Console();  // waits for a backup still being written
  Console(const Console&) = delete;
  Console& operator=(const Console&) = delete;

  HttpResponse handle(const HttpRequest& request);
  // The page for what HubApi refuses before the body is read (HubApi::add_site's refuse).
  HttpResponse refusal(int status, const std::string& message) const;

  struct State;

 private:
  std::unique_ptr<State> state_;
};

// What serve prints about the console: its address, or how to add an organiser when there is none.
std::string console_banner(HubStore& hub, const std::string& base_url, const std::string& db);

}  // namespace peiling::hub::console
