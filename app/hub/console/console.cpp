// The console's front door: assets, the switch-off while there is no organiser, sign-in and
// sign-out, sessions, the CSRF check, and the routing of every other page (console_*.cpp).
#include "hub/console/console.hpp"

#include <sodium.h>

#include <chrono>

#include "core/admin_pin.hpp"
#include "hub/console/console_assets.hpp"
#include "hub/console/console_internal.hpp"
#include "hub/console/organisers.hpp"
#include "hub/multipart.hpp"

namespace peiling::hub::console {

namespace {

constexpr std::string_view kSessionCookie = "peiling_session";
constexpr std::string_view kSignInCookie = "peiling_sign_in";  // the sign-in form's CSRF token
constexpr std::int64_t kAddressWindowMs = 15 * 60 * 1000;
constexpr std::size_t kMaxAddressesTracked = 10'000;
constexpr auto kPasswordCheckWait = std::chrono::seconds(3);

// Signed out, the page speaks the language of ?lang=, else of the browser, else Dutch.
Lang visitor_lang(const HttpRequest& request) {
  if (const auto lang = request.query.find("lang"); lang != request.query.end())
    return lang_named(lang->second);
  const auto accept = request.headers.find("accept-language");
  if (accept != request.headers.end() && accept->second.starts_with("en")) return Lang{false};
  return Lang{true};
}

HttpResponse asset(std::string_view content_type, std::string_view body) {
  HttpResponse response{200, std::string(content_type), std::string(body)};
  return response;
}

HttpResponse console_off(const Lang& t, const std::filesystem::path& db) {
  const std::string command = "peiling-hub organisers add NAME --db " + db.string();
  return message_page(
      t, 503, t("The console is off", "De console staat uit"),
      std::string(t("The console opens once the hub has an organiser. On the hub's machine, run: ",
                    "De console gaat open zodra de hub een organisator heeft. Geef op de computer "
                    "van de hub het commando: ")) +
          command,
      nullptr);
}

std::string sign_in_form(const Lang& t, const std::string& token, const std::string& name,
                         const std::string& error) {
  std::string body;
  if (!error.empty()) body += notice("error", html(error));
  body += "<form class=\"card narrow\" method=\"post\" action=\"/console/sign-in?lang=" + t.code() + "\">";
  body += "<input type=\"hidden\" name=\"csrf\" value=\"" + html(token) + "\">";
  body += "<label for=\"name\">" + html(t("Name", "Naam")) +
          "</label><input id=\"name\" name=\"name\" autocomplete=\"username\" required value=\"" +
          html(name) + "\">";
  body +=
      "<label for=\"password\">" + html(t("Password", "Wachtwoord")) +
      "</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" "
      "required>";
  body += "<button class=\"primary\">" + html(t("Sign in", "Aanmelden")) + "</button></form>";
  body += std::string("<p class=\"quiet\"><a href=\"/console/sign-in?lang=") + (t.nl ? "en" : "nl") + "\">" +
          (t.nl ? "English" : "Nederlands") + "</a></p>";
  return body;
}

HttpResponse sign_in_page(const Lang& t, bool tls, int status = 200, const std::string& name = "",
                          const std::string& error = "") {
  const std::string token = random_hex(32);
  HttpResponse response = html_response(
      status, page(t, t("Sign in", "Aanmelden"), "", sign_in_form(t, token, name, error), nullptr));
  response.headers.emplace_back("Set-Cookie", cookie_header(kSignInCookie, token, tls));
  return response;
}

std::string clock_time(UtcMillis at) {
  return local_time(at).substr(11);
}

// Counts a failed sign-in of address; true when the address has had too many this quarter hour.
bool address_over_limit(Console::State& state, const std::string& address, bool count, UtcMillis now) {
  std::lock_guard guard(state.mutex);
  if (state.failures_by_address.size() > kMaxAddressesTracked) state.failures_by_address.clear();
  auto& [failures, since] = state.failures_by_address[address];
  if (now - since > kAddressWindowMs) {
    failures = 0;
    since = now;
  }
  if (count) ++failures;
  return failures >= state.options.address_failure_limit;
}

HttpResponse sign_in(Console::State& state, const HttpRequest& request, const Lang& t) {
  const Form form = parse_form(request.body);
  const auto field = [&form](std::string_view name) {
    const auto found = form.find(name);
    return found == form.end() ? std::string() : found->second;
  };
  const auto expected = cookie(request, kSignInCookie);
  if (!expected || !same_secret(*expected, field("csrf"))) {
    return message_page(t, 403, t("Sign-in form expired", "Aanmeldformulier verlopen"),
                        std::string(t("Open the sign-in page again and sign in from there.",
                                      "Open de aanmeldpagina opnieuw en meld u daar aan.")),
                        nullptr);
  }
  const std::string name = field("name").substr(0, kMaxNameBytes * 4);
  const UtcMillis now = utc_now();
  if (address_over_limit(state, request.client_address, false, now)) {
    return message_page(
        t, 429, t("Too many attempts", "Te veel pogingen"),
        std::string(t("Too many failed sign-ins came from this computer. Wait a quarter of an hour.",
                      "Vanaf deze computer zijn te veel aanmeldingen mislukt. Wacht een kwartier.")),
        nullptr);
  }
  auto attempt = state.writer.count_sign_in(name);
  if (!attempt)
    return message_page(t, 503, t("The hub is busy", "De hub is bezig"), attempt.error().message, nullptr);
  if (attempt->locked) {
    return sign_in_page(
        t, request.tls, 429, name,
        std::string(t("Too many failed sign-ins for this name. Try again after ",
                      "Te veel mislukte aanmeldingen voor deze naam. Probeer het opnieuw na ")) +
            clock_time(attempt->locked_until) + ".");
  }
  auto account = state.writer.organiser(name);
  if (!account)
    return message_page(t, 503, t("The hub is busy", "De hub is bezig"), account.error().message, nullptr);
  const std::optional<std::string> hash =
      account.value() ? std::optional<std::string>(account.value()->second) : std::nullopt;
  const auto matches = check_password(state, hash, field("password"));
  if (!matches) {
    return message_page(t, 503, t("The hub is busy", "De hub is bezig"),
                        std::string(t("Try again in a moment.", "Probeer het zo opnieuw.")), nullptr);
  }
  if (!*matches) {
    address_over_limit(state, request.client_address, true, now);
    (void)state.writer.audit(
        {0, name, "sign-in-failed", "failure " + std::to_string(attempt->failures), request.client_address});
    return sign_in_page(
        t, request.tls, 401, name,
        std::string(t("That name and password do not match an organiser of this hub.",
                      "Die naam en dat wachtwoord horen niet bij een organisator van deze hub.")));
  }
  const Organiser& organiser = account.value()->first;
  const std::string token = random_hex(32);
  if (auto cleared = state.writer.sign_in_succeeded(name); !cleared)
    return message_page(t, 503, t("The hub is busy", "De hub is bezig"), cleared.error().message, nullptr);
  if (auto added = state.writer.add_session(token_hash(token), organiser.name, random_hex(32)); !added)
    return message_page(t, 503, t("The hub is busy", "De hub is bezig"), added.error().message, nullptr);
  (void)state.writer.audit({0, organiser.name, "sign-in", "", request.client_address});
  HttpResponse response = redirect("/console/overview");
  response.headers.emplace_back("Set-Cookie", cookie_header(kSessionCookie, token, request.tls));
  response.headers.emplace_back("Set-Cookie", cookie_header(kSignInCookie, "", request.tls));
  return response;
}

HttpResponse not_found(const Lang& t, const ConsoleSession* session) {
  return message_page(t, 404, t("Page not found", "Pagina niet gevonden"),
                      std::string(t("The console has no page at this address.",
                                    "De console heeft geen pagina op dit adres.")),
                      session);
}

HttpResponse forbidden(const Lang& t, const ConsoleSession* session) {
  return message_page(
      t, 403, t("Not done", "Niet uitgevoerd"),
      std::string(t("This form was not sent from a console page of your session (its security "
                    "token is missing or wrong), so nothing was changed. Open the page again and "
                    "retry.",
                    "Dit formulier kwam niet van een consolepagina van uw sessie (het "
                    "beveiligingstoken ontbreekt of klopt niet), dus er is niets veranderd. Open de "
                    "pagina opnieuw en probeer het nog eens.")),
      session);
}

HttpResponse set_language(Console::State& state, const Visit& visit) {
  const auto lang = visit.form.find("lang");
  if (lang == visit.form.end() || (lang->second != "nl" && lang->second != "en"))
    return not_found(visit.t, &visit.session);
  if (auto set = state.writer.set_organiser_language(visit.session.organiser, lang->second); !set)
    return message_page(visit.t, 503, visit.t("The hub is busy", "De hub is bezig"), set.error().message,
                        &visit.session);
  const auto back = visit.form.find("back");
  const bool safe_back = back != visit.form.end() && back->second.starts_with("/console/") &&
                         back->second.find("//") == std::string::npos;
  return redirect(safe_back ? back->second : "/console/overview");
}

// The page for a signed-in request, after the CSRF check of a POST.
HttpResponse signed_in(Console::State& state, const Visit& visit, const std::vector<UploadedFile>& files,
                       const std::vector<std::string>& unsafe_names) {
  const std::string& path = visit.request.path;
  if (visit.request.method == "GET") {
    using Page = HttpResponse (*)(Console::State&, const Visit&);
    static const std::map<std::string, Page, std::less<>> kPages = {
        {"/console/overview", overview_page},
        {"/console/devices", devices_page},
        {"/console/import", import_page},
        {"/console/import/ack", ack_download},
        {"/console/import/states", states_download},
        {"/console/packs", packs_page},
        {"/console/packs/workbook", pack_workbook},
        {"/console/plenary", plenary_page},
        {"/console/comments", comments_page},
        {"/console/reports", reports_page},
        {"/console/reports/download", report_download},
        {"/console/contacts", contacts_page},
        {"/console/backup", backup_page},
        {"/console/backup/download", backup_download},
        {"/console/audit", audit_page},
    };
    if (const auto found = kPages.find(path); found != kPages.end()) return found->second(state, visit);
    if (path == "/console/sign-in") return redirect("/console/overview");
    return not_found(visit.t, &visit.session);
  }
  if (path == "/console/sign-out") {
    if (const auto token = cookie(visit.request, kSessionCookie))
      (void)state.writer.end_session(token_hash(*token));
    visit.audit(state, "sign-out", "");
    HttpResponse response = redirect("/console/sign-in?lang=" + visit.t.code());
    response.headers.emplace_back("Set-Cookie", cookie_header(kSessionCookie, "", visit.request.tls));
    return response;
  }
  if (path == "/console/language") return set_language(state, visit);
  if (path == "/console/devices/approve") return device_action(state, visit, "approve");
  if (path == "/console/devices/block") return device_action(state, visit, "block");
  if (path == "/console/devices/label") return device_label(state, visit);
  if (path == "/console/import") return import_post(state, visit, files, unsafe_names);
  if (path == "/console/contacts") return contacts_post(state, visit);
  if (path == "/console/backup") return backup_post(state, visit);
  if (path == "/console/packs") return packs_upload(state, visit, files, unsafe_names);
  if (path == "/console/packs/publish") return packs_publish(state, visit);
  if (path == "/console/packs/state") return pack_state_post(state, visit);
  if (path == "/console/packs/go-live") return go_live_post(state, visit);
  if (path == "/console/plenary") return plenary_post(state, visit);
  if (path == "/console/comments") return comments_post(state, visit);
  return not_found(visit.t, &visit.session);
}

HttpResponse route(Console::State& state, const HttpRequest& request) {
  const std::string& path = request.path;
  if (path == "/console/assets/console.css") return asset("text/css; charset=utf-8", kConsoleCss);
  if (path == "/console/assets/console.js") return asset("text/javascript; charset=utf-8", kConsoleJs);
  if (path == "/console/assets/console-icon.svg") return asset("image/svg+xml", kConsoleIcon);
  Lang t = visitor_lang(request);
  if (path != kConsolePath && !path.starts_with("/console/")) return not_found(t, nullptr);
  auto organisers = state.writer.organisers();
  if (!organisers)
    return message_page(t, 503, t("The hub is busy", "De hub is bezig"), organisers.error().message, nullptr);
  if (organisers->empty()) return console_off(t, state.options.db);

  std::optional<ConsoleSession> session;
  if (const auto token = cookie(request, kSessionCookie)) {
    auto found = state.writer.session(token_hash(*token), kSessionIdleMs);
    if (!found)
      return message_page(t, 503, t("The hub is busy", "De hub is bezig"), found.error().message, nullptr);
    session = std::move(found.value());
  }
  if (path == "/console/sign-in" && (request.method == "POST" || !session)) {
    return request.method == "POST" ? sign_in(state, request, t) : sign_in_page(t, request.tls);
  }
  if (!session) {
    if (request.method == "POST") return forbidden(t, nullptr);
    return redirect("/console/sign-in?lang=" + t.code());
  }
  t = lang_named(session->language);
  if (path == kConsolePath || path == "/console/") return redirect("/console/overview");

  Form form;
  std::vector<UploadedFile> files;
  std::vector<std::string> unsafe_names;
  if (request.method == "POST") {
    const auto type = request.headers.find("content-type");
    const std::string content_type = type == request.headers.end() ? "" : type->second;
    if (content_type.starts_with("multipart/form-data")) {
      auto parts = parse_multipart(content_type, request.body);
      if (!parts)
        return message_page(t, 400, t("Upload not read", "Upload niet gelezen"), parts.errors().joined("; "),
                            &*session);
      for (auto& part : parts.value()) {
        if (!part.filename) {
          form.insert_or_assign(part.name, part.bytes);
        } else if (part.filename->empty() && part.bytes.empty()) {
          continue;  // the file field left empty
        } else if (auto name = safe_upload_name(*part.filename)) {
          files.push_back({*name, std::move(part.bytes)});
        } else {
          unsafe_names.push_back(*part.filename);
        }
      }
    } else {
      form = parse_form(request.body);
    }
    const auto csrf = form.find("csrf");
    if (csrf == form.end() || !same_secret(csrf->second, session->csrf_token)) return forbidden(t, &*session);
  }
  const Visit visit{request, *session, t, form};
  return signed_in(state, visit, files, unsafe_names);
}

}  // namespace

std::string Visit::query(std::string_view name) const {
  const auto found = request.query.find(name);
  return found == request.query.end() ? std::string() : found->second;
}

void Visit::audit(Console::State& state, std::string action, std::string detail) const {
  (void)state.writer.audit(
      {0, session.organiser, std::move(action), std::move(detail), request.client_address});
}

HttpResponse message_page(const Lang& t, int status, std::string_view title, const std::string& text,
                          const ConsoleSession* session) {
  const std::string home = session ? "/console/overview" : "/console/sign-in?lang=" + t.code();
  const std::string body = "<p>" + html(text) + "</p>\n<p><a href=\"" + html(home) + "\">" +
                           html(t("To the console's start page", "Naar de startpagina van de console")) +
                           "</a></p>";
  return html_response(status, page(t, title, "", body, session));
}

HttpResponse failed_page(const Visit& visit, int status, const std::string& text) {
  return message_page(visit.t, status, visit.t("Not done", "Niet uitgevoerd"), text, &visit.session);
}

std::optional<bool> check_password(Console::State& state, const std::optional<std::string>& hash,
                                   std::string_view password) {
  std::unique_lock lock(state.password_check, kPasswordCheckWait);
  if (!lock.owns_lock()) return std::nullopt;
  if (!hash) {
    // The same Argon2id work for a name the hub does not have, so the answer's time tells nothing.
    if (state.dummy_hash.empty()) state.dummy_hash = hash_password(random_hex(16)).value_or("");
    (void)password_matches(state.dummy_hash, password);
    return false;
  }
  return password_matches(*hash, password);
}

Console::Console(HubStore& writer, ConsoleOptions options)
    : state_(std::make_unique<State>(writer, std::move(options))) {}

Console::~Console() {
  for (auto& job : state_->backups)
    if (job.thread.joinable()) job.thread.join();
}

HttpResponse Console::handle(const HttpRequest& request) {
  HttpResponse response;
  try {
    response = route(*state_, request);
  } catch (const std::exception&) {
    // Nothing a request sends may end serve: an exception must not cross libmicrohttpd's C frames.
    // The page names no detail of the request, which may hold respondents' answers.
    response = message_page(visitor_lang(request), 500, "Internal error",
                            "The console could not answer this request; nothing was changed by it.", nullptr);
  }
  add_security_headers(response);
  return response;
}

HttpResponse Console::refusal(int status, const std::string& message) const {
  const Lang t{true};
  HttpResponse response = message_page(
      t, status, "Niet aangenomen / Not accepted",
      message +
          " Uploads op de console zijn hoogstens 8 MiB; deel een grote zip in stukken. / Console "
          "uploads are 8 MiB at most; split a large zip.",
      nullptr);
  add_security_headers(response);
  return response;
}

std::string console_banner(HubStore& hub, const std::string& base_url, const std::string& db) {
  auto organisers = hub.organisers();
  if (organisers && !organisers->empty())
    return "peiling-hub: organiser console on " + base_url + "/console\n";
  return "peiling-hub: the organiser console at " + base_url +
         "/console is off until the hub has an organiser: peiling-hub organisers add NAME --db " + db + "\n";
}

}  // namespace peiling::hub::console
