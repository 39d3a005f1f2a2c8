// The hub's HTTP answers without sockets: the input is a request as it comes over the wire
// (request line, headers, body); the part libmicrohttpd does (splitting it, unescaping the path and
// the query) is done here as it does it, and the rest goes to the same HubApi, with GET /live
// added as `peiling-hub serve` adds it. Every answer has a status and a body that is JSON or an
// HTML page, never empty; a POST that is refused leaves the hub database as it was.
#include <charconv>
#include <nlohmann/json.hpp>

#include "fuzz/fuzz_support.hpp"
#include "hub/console/console.hpp"
#include "hub/console/organisers.hpp"
#include "hub/hub_api.hpp"
#include "report/live_route.hpp"
#include "sync/protocol.hpp"

namespace {

using namespace peiling;

constexpr std::string_view kToken = "fuzz-token";
constexpr std::string_view kOrganiser = "fuzz";
constexpr std::string_view kPassword = "fuzz-password-long";

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX decoded, and '+' as a space in a query (MHD_http_unescape and its argument parser).
std::string unescape(std::string_view text, bool plus_is_space) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 && hex_digit(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
      i += 2;
    } else {
      out += plus_is_space && text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

std::string_view next_line(std::string_view& rest) {
  auto end = rest.find('\n');
  std::string_view line = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line;
}

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

void check_answer(const hub::HttpResponse& answer, std::string_view path, std::string_view input) {
  fuzz::require(answer.status >= 100 && answer.status <= 599, "an answer without an HTTP status", input);
  fuzz::require(!answer.body.empty(), "an answer with an empty body", input);
  const bool page =
      answer.content_type.starts_with("text/html") || answer.content_type.starts_with("application/json");
  if (!page && path.starts_with("/console/")) return;  // a stylesheet, a script, a download
  if (answer.content_type.starts_with("application/json")) {
    fuzz::require(nlohmann::json::accept(answer.body), "an answer said JSON but is not", input);
  } else {
    if (!answer.content_type.starts_with("text/html")) {
      fuzz::invariant_failed("an answer neither JSON nor HTML (" + std::string(path) + ": " +
                                 std::to_string(answer.status) + ", " + answer.content_type + ")",
                             input);
    }
    fuzz::require(answer.body.find("<html") != std::string::npos, "an HTML answer that is no page", input);
  }
}

// The value of a Set-Cookie name=value; or of a hidden csrf field, in an answer.
std::string cookie_set(const hub::HttpResponse& answer, const std::string& name) {
  for (const auto& [header, value] : answer.headers) {
    if (header == "Set-Cookie" && value.starts_with(name + "="))
      return value.substr(name.size() + 1, value.find(';') - name.size() - 1);
  }
  return {};
}
std::string csrf_field(const std::string& body) {
  constexpr std::string_view marker = "name=\"csrf\" value=\"";
  const auto start = body.find(marker);
  if (start == std::string::npos) return {};
  const auto from = start + marker.size();
  return body.substr(from, body.find('"', from) - from);
}

// The console of one fuzz hub, with its organiser signed in.
struct SignedInConsole {
  int generation = 0;  // of the fuzz hub it was made for
  std::unique_ptr<hub::console::Console> console;
  std::string session, csrf;
};

SignedInConsole& console_of(fuzz::FuzzHub& hub) {
  static SignedInConsole site;
  if (site.generation == hub.generation()) return site;
  hub.before_renewal = [] { site.console.reset(); };
  if (!hub::console::add_organiser(hub.store(), std::string(kOrganiser), kPassword, "en"))
    fuzz::invariant_failed("the fuzz hub's organiser cannot be added", {});
  site.console =
      std::make_unique<hub::console::Console>(hub.store(), hub::console::ConsoleOptions{hub.path()});
  site.generation = hub.generation();
  hub::HttpRequest request;
  request.method = "GET";
  request.path = "/console/sign-in";
  const auto form = site.console->handle(request);
  request.method = "POST";
  request.headers["cookie"] = "peiling_sign_in=" + cookie_set(form, "peiling_sign_in");
  request.headers["content-type"] = "application/x-www-form-urlencoded";
  request.body = "csrf=" + csrf_field(form.body) + "&name=" + std::string(kOrganiser) +
                 "&password=" + std::string(kPassword);
  site.session = cookie_set(site.console->handle(request), "peiling_session");
  request = {};
  request.method = "GET";
  request.path = "/console/overview";
  request.headers["cookie"] = "peiling_session=" + site.session;
  site.csrf = csrf_field(site.console->handle(request).body);
  if (site.session.empty() || site.csrf.empty())
    fuzz::invariant_failed("the fuzz organiser cannot sign in", {});
  return site;
}

void replace_all(std::string& text, std::string_view placeholder, const std::string& value) {
  for (auto at = text.find(placeholder); at != std::string::npos;
       at = text.find(placeholder, at + value.size()))
    text.replace(at, placeholder.size(), value);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = fuzz::as_text(data, size);
  auto& hub = fuzz::FuzzHub::instance();
  SignedInConsole& site = console_of(hub);
  std::string wire(input);
  replace_all(wire, "@SESSION@", site.session);
  replace_all(wire, "@CSRF@", site.csrf);
  std::string_view rest = wire;
  const std::string_view request_line = next_line(rest);
  hub::HttpRequest request;
  const auto space = request_line.find(' ');
  request.method = std::string(request_line.substr(0, space));
  std::string_view target =
      space == std::string_view::npos ? std::string_view() : request_line.substr(space + 1);
  target = target.substr(0, target.find(' '));
  const auto question = target.find('?');
  request.path = unescape(target.substr(0, question), false);
  if (question != std::string_view::npos) {
    std::string_view query = target.substr(question + 1);
    while (!query.empty()) {
      const auto amp = query.find('&');
      const std::string_view pair = query.substr(0, amp);
      const auto equals = pair.find('=');
      request.query.insert_or_assign(
          unescape(pair.substr(0, equals), true),
          equals == std::string_view::npos ? "" : unescape(pair.substr(equals + 1), true));
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    }
  }
  std::optional<std::uint64_t> length;
  for (std::string_view line = next_line(rest); !line.empty(); line = next_line(rest)) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view name = line.substr(0, colon);
    std::string_view value = line.substr(colon + 1);
    while (value.starts_with(' ') || value.starts_with('\t')) value.remove_prefix(1);
    std::string lower(name);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers.insert_or_assign(std::move(lower), std::string(value));
    if (same_name(name, "Authorization")) request.bearer_token = hub::bearer_token(value);
    if (same_name(name, "Content-Length")) {
      std::uint64_t declared = 0;
      const auto end = value.data() + value.size();
      if (std::from_chars(value.data(), end, declared).ptr == end) length = declared;
    }
  }
  request.body = std::string(length && *length < rest.size() ? rest.substr(0, *length) : rest);

  request.client_address = "192.0.2.7";
  hub::HubApiOptions options;
  options.db = hub.path();
  options.token = std::string(kToken);
  hub::HubApi api(hub.store(), options);
  report::add_live_routes(api, std::nullopt);
  auto& console = *site.console;
  api.add_site(
      std::string(hub::console::kConsolePath),
      [&console](const hub::HttpRequest& asked) { return console.handle(asked); },
      [&console](int status, const std::string& message) { return console.refusal(status, message); });
  if (auto refused = api.check_head(request.method, request.path, request.bearer_token, length)) {
    check_answer(*refused, request.path, input);
    return 0;
  }
  // The console keeps sessions, sign-in counts and its audit log in the hub database, so only the
  // device API's POST must leave it as it was when refused.
  const bool post = request.method == "POST" && request.path == sync::kBatchesPath;
  const std::string before = post ? hub.checksum() : std::string();
  const hub::HttpResponse answer = api.handle(request);
  check_answer(answer, request.path, input);
  if (post && answer.status >= 300) {
    fuzz::require(hub.checksum() == before, "a refused POST changed the hub database", input);
  } else if (post) {
    hub.changed();
  }
  return 0;
}
