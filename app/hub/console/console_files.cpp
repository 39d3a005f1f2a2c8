// The console's pages that take files in or hand them out: import (batch files or a stick's zip,
// with the acknowledgement and the pack states for the stick), reports in every format, the
// contact addresses after the password is given again, and encrypted backups written on a thread
// of their own.
#include <sodium.h>
#include <stdlib.h>

#include <fstream>
#include <set>
#include <sstream>

#include "core/pack.hpp"
#include "core/utc_time.hpp"
#include "hub/backup.hpp"
#include "hub/console/console_internal.hpp"
#include "hub/hub_import.hpp"
#include "hub/hub_packs.hpp"
#include "hub/hub_text.hpp"
#include "hub/multipart.hpp"
#include "report/hub_report.hpp"
#include "sync/ack_file.hpp"
#include "sync/pack_states.hpp"

namespace peiling::hub::console {

namespace {

// The HTML report is one self-contained file with its own inline stylesheet: it may use that,
// and nothing else (no script at all).
constexpr std::string_view kReportPolicy =
    "default-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'";

std::string field(const Form& form, std::string_view name) {
  const auto found = form.find(name);
  return found == form.end() ? std::string() : found->second;
}

// A folder of its own under the system's temporary folder, removed with everything in it when
// this goes out of scope.
class TempFolder {
 public:
  TempFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "peiling-console-XXXXXX").string();
    if (mkdtemp(pattern.data())) path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

bool write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

std::string_view content_type_of(report::Format format) {
  switch (format) {
    case report::Format::html:
      return "text/html; charset=utf-8";
    case report::Format::csv:
      return "text/csv; charset=utf-8";
    case report::Format::xlsx:
      return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case report::Format::json:
      return "application/json";
  }
  return "application/octet-stream";
}

std::string_view status_name(const Lang& t, UploadStatus status) {
  switch (status) {
    case UploadStatus::added:
      return t("new", "nieuw");
    case UploadStatus::quarantined:
      return t("new, in quarantine until the device is approved",
               "nieuw, in quarantaine tot het apparaat is goedgekeurd");
    case UploadStatus::excluded:
      return t("new, from a blocked device: kept, not counted",
               "nieuw, van een geblokkeerd apparaat: bewaard, telt niet");
    case UploadStatus::already_had:
      return t("already had", "had de hub al");
    case UploadStatus::conflict:
      return t("conflict", "conflict");
    case UploadStatus::refused:
      return t("refused", "geweigerd");
  }
  return "";
}

// form: the form's id, so that two forms' fields of one name keep ids of their own.
std::string select(std::string_view form, std::string_view name,
                   const std::vector<std::pair<std::string, std::string>>& options, std::string_view label) {
  const std::string id = html(std::string(form) + "-" + std::string(name));
  std::string out = "<label for=\"" + id + "\">" + html(label) + "</label><select id=\"" + id + "\" name=\"" +
                    html(name) + "\">";
  for (const auto& [value, text] : options)
    out += "<option value=\"" + html(value) + "\">" + html(text) + "</option>";
  return out + "</select>";
}

// The two files an organiser carries back to a stick after an import, with where they go: the
// acknowledgement (the tablets stop exporting what the hub has) and the pack states (every device
// learns whether its survey is open, closing or closed), as `peiling-hub import` writes them.
std::string stick_files(const Console::State& state, const Lang& t, bool primary) {
  const std::string key = state.writer.sign_public_key();
  const std::string css = primary ? "button primary" : "button";
  return "<section class=\"card stick-files\"><h2>" + html(t("Back to the stick", "Terug naar de stick")) +
         "</h2><p>" +
         html(t("Download both files and copy them into the folder acks on the USB stick, inside the "
                "folder where the tablets put their batch files (make the folder acks if it is not there). "
                "The acknowledgement tells the tablets which answers the hub has, so they stop exporting "
                "them; the pack states tell every device whether its survey is open, closing or closed.",
                "Download beide bestanden en kopieer ze naar de map acks op de USB-stick, in de map waar de "
                "tablets hun batchbestanden zetten (maak de map acks als die er nog niet is). Het "
                "ontvangstbewijs vertelt de tablets welke antwoorden de hub heeft, zodat ze die niet "
                "opnieuw exporteren; de pakketstatus vertelt elk apparaat of de peiling open is, sluit of "
                "gesloten is.")) +
         "</p><p class=\"actions\"><a class=\"" + css + "\" href=\"/console/import/ack\" download>" +
         html(t("Acknowledgement: ", "Ontvangstbewijs: ")) + html(sync::ack_file_name(key)) +
         "</a> <a class=\"" + css + "\" href=\"/console/import/states\" download>" +
         html(t("Pack states: ", "Pakketstatus: ")) + html(sync::pack_states_file_name(key)) +
         "</a></p></section>";
}

// One of the two files of stick_files, audited as action.
HttpResponse stick_download(Console::State& state, const Visit& visit, Result<std::string> bytes,
                            std::string action, std::string content_type, std::string_view file_name) {
  if (!bytes) return failed_page(visit, 503, bytes.errors().joined("; "));
  visit.audit(state, std::move(action), "");
  return download(std::move(content_type), std::move(bytes.value()), file_name);
}

std::filesystem::path backups_root(const Console::State& state) {
  return std::filesystem::absolute(state.options.db).parent_path() / "backups";
}

}  // namespace

// --- Import --------------------------------------------------------------------------------------

HttpResponse import_page(Console::State& state, const Visit& visit) {
  const Lang& t = visit.t;
  std::string body =
      "<p>" +
      html(t("Upload the batch files from a stick, or the whole stick's folder as one zip. The hub "
             "takes each batch in once, as peiling-hub import does.",
             "Upload de batchbestanden van een stick, of de hele map van de stick als één zip. De hub "
             "neemt elke batch één keer op, zoals peiling-hub import doet.")) +
      "</p>";
  body += "<form class=\"card\" method=\"post\" action=\"/console/import\" enctype=\"multipart/form-data\">" +
          csrf_field(visit.session) + "<label for=\"files\">" +
          html(t("Batch files or a zip", "Batchbestanden of een zip")) +
          "</label><input id=\"files\" name=\"files\" type=\"file\" multiple accept=\".json,.zip\" required>"
          "<button class=\"primary\">" +
          html(t("Import", "Importeren")) + "</button></form>";
  body += stick_files(state, t, false);
  return html_response(200, page(t, t("Import", "Importeren"), "/console/import", body, &visit.session));
}

HttpResponse import_post(Console::State& state, const Visit& visit, const std::vector<UploadedFile>& files,
                         const std::vector<std::string>& unsafe_names) {
  const Lang& t = visit.t;
  if (!unsafe_names.empty()) {
    std::string names;
    for (const auto& name : unsafe_names) names += (names.empty() ? "" : ", ") + name;
    visit.audit(state, "import-refused", "unsafe file names");
    return failed_page(
        visit, 400,
        std::string(t("Nothing was imported: these file names are not plain file names (a folder, "
                      "'..' or a control character in them): ",
                      "Er is niets geïmporteerd: deze bestandsnamen zijn geen gewone bestandsnamen "
                      "(een map, '..' of een stuurteken erin): ")) +
            names);
  }
  if (files.empty())
    return failed_page(visit, 400,
                       std::string(t("Choose one or more files.", "Kies een of meer bestanden.")));
  auto outcome = import_uploads(state.writer, files, state.options.strict);
  if (!outcome) return failed_page(visit, 503, outcome.errors().joined("; "));
  std::vector<std::vector<std::string>> rows;
  std::map<UploadStatus, int> tally;
  for (const auto& file : outcome->files) {
    ++tally[file.status];
    std::string what = html(status_name(t, file.status));
    if (!file.reason.empty()) what += ": " + html(file.reason);
    rows.push_back({html(file.name), what, std::to_string(file.responses_added)});
  }
  std::string detail = std::to_string(outcome->files.size()) + " files:";
  for (const auto& [status, count] : tally) {
    static constexpr const char* kShort[] = {"new",         "quarantined", "excluded",
                                             "already had", "conflict",    "refused"};
    detail +=
        (detail.back() == ':' ? " " : ", ") + std::to_string(count) + " " + kShort[static_cast<int>(status)];
  }
  visit.audit(state, "import", detail);
  std::string body = outcome->clean()
                         ? notice("ok", html(t("Imported.", "Geïmporteerd.")))
                         : notice("error", html(t("Some files were refused or conflict: see why below.",
                                                  "Sommige bestanden zijn geweigerd of geven een conflict: "
                                                  "zie hieronder waarom.")));
  body += table({std::string(t("File", "Bestand")), std::string(t("Outcome", "Uitkomst")),
                 std::string(t("Responses added", "Reacties erbij"))},
                rows);
  body += stick_files(state, t, true) + "<p><a class=\"button\" href=\"/console/import\">" +
          html(t("Import more", "Meer importeren")) + "</a></p>";
  return html_response(outcome->clean() ? 200 : 422,
                       page(t, t("Import", "Importeren"), "/console/import", body, &visit.session));
}

HttpResponse ack_download(Console::State& state, const Visit& visit) {
  return stick_download(state, visit, acknowledgement_bytes(state.writer), "ack-download", "application/json",
                        sync::ack_file_name(state.writer.sign_public_key()));
}

HttpResponse states_download(Console::State& state, const Visit& visit) {
  // Not application/json: a browser keeps the name, whose .states is what older devices pass by.
  return stick_download(state, visit, pack_states_bytes(state.writer), "states-download",
                        "application/octet-stream",
                        sync::pack_states_file_name(state.writer.sign_public_key()));
}

// --- Reports -------------------------------------------------------------------------------------

HttpResponse reports_page(Console::State& state, const Visit& visit) {
  const Lang& t = visit.t;
  return with_reader(state, visit, [&](HubStore& reader) {
    auto published = reader.published_packs();
    if (!published) return failed_page(visit, 503, published.error().message);
    std::set<std::string> ids;
    for (const auto& pack : published.value()) ids.insert(pack.ref.id);
    std::vector<std::pair<std::string, std::string>> packs;
    for (const auto& id : ids) packs.emplace_back(id, id);
    std::string body;
    if (packs.empty()) {
      body +=
          notice("error", html(t("No pack is published on this hub yet: publish one on Packs first.",
                                 "Er is nog geen pakket gepubliceerd op deze hub: publiceer er eerst een bij "
                                 "Pakketten.")));
    }
    const std::vector<std::pair<std::string, std::string>> languages = {
        {t.code(), t.nl ? "Nederlands" : "English"}, {t.nl ? "en" : "nl", t.nl ? "English" : "Nederlands"}};
    const std::string k_field =
        "<label for=\"one-k\">" +
        html(t("Smallest group shown (k; empty: the pack's)",
               "Kleinste groep die getoond wordt (k; leeg: die van het pakket)")) +
        "</label><input id=\"one-k\" name=\"k\" type=\"number\" min=\"1\" max=\"1000\">";
    body += "<form id=\"one-pack\" class=\"card\" method=\"get\" action=\"/console/reports/download\"><h2>" +
            html(t("Report on one pack", "Rapport over één pakket")) + "</h2>";
    body += select("one", "pack", packs, t("Pack", "Pakket"));
    body += select("one", "format",
                   {{"html", t("HTML (opens in the browser)", "HTML (opent in de browser)").data()},
                    {"xlsx", "Excel (XLSX)"},
                    {"csv", "CSV"},
                    {"json", "JSON"}},
                   t("Format", "Formaat"));
    body += select("one", "dialect",
                   {{"excel-nl", t("CSV for Dutch Excel (;)", "CSV voor Nederlandse Excel (;)").data()},
                    {"plain", t("plain CSV (,)", "gewone CSV (,)").data()}},
                   t("CSV dialect", "CSV-soort"));
    body += "<label class=\"check\"><input type=\"checkbox\" name=\"wide\" value=\"1\"> " +
            html(t("CSV: one row per response", "CSV: één rij per reactie")) + "</label>";
    body += select("one", "lang", languages, t("Language", "Taal")) + k_field;
    body += "<label class=\"check\"><input type=\"checkbox\" name=\"abandoned\" value=\"1\"> " +
            html(t("Count abandoned responses too", "Ook afgebroken reacties tellen")) + "</label>";
    // The Rehearsal view: what a rehearsal pack's devices sent, which no other report counts.
    body += "<label class=\"check\"><input type=\"checkbox\" name=\"rehearsal\" value=\"1\"> " +
            html(t("Rehearsal: only the rehearsal responses", "Proef: alleen de proefreacties")) + "</label>";
    body += "<button class=\"primary\">" + html(t("Make the report", "Rapport maken")) + "</button></form>";

    body += "<form id=\"series\" class=\"card\" method=\"get\" action=\"/console/reports/download\"><h2>" +
            html(t("Series: a pack and its follow-up", "Reeks: een pakket en de vervolgpeiling")) + "</h2>";
    body += "<input type=\"hidden\" name=\"series\" value=\"1\">";
    body += select("series", "pack", packs, t("First pack", "Eerste pakket"));
    body += select("series", "follow_up", packs, t("Follow-up pack", "Vervolgpakket"));
    body += select("series", "format", {{"html", "HTML"}, {"xlsx", "Excel (XLSX)"}}, t("Format", "Formaat"));
    body += select("series", "lang", languages, t("Language", "Taal"));
    body += "<button class=\"primary\">" + html(t("Make the series report", "Reeksrapport maken")) +
            "</button></form>";
    return html_response(200, page(t, t("Reports", "Rapporten"), "/console/reports", body, &visit.session));
  });
}

HttpResponse report_download(Console::State& state, const Visit& visit) {
  const Lang& t = visit.t;
  const auto format = report::format_named(visit.query("format"));
  if (!format) return failed_page(visit, 400, "format: html, csv, xlsx or json");
  report::ReportRequest request;
  request.db = state.options.db;
  request.format = *format;
  request.language = visit.query("lang");
  if (request.language != "nl" && request.language != "en") request.language.clear();
  request.pack_id = visit.query("pack");
  if (!is_valid_id(request.pack_id))
    return failed_page(visit, 400, std::string(t("Choose a pack.", "Kies een pakket.")));
  if (const std::string k = visit.query("k"); !k.empty()) {
    try {
      request.k = std::stoi(k);
    } catch (const std::exception&) {
      return failed_page(visit, 400,
                         "k: " + std::string(t("a whole number from 1", "een heel getal vanaf 1")));
    }
  }
  request.wide = visit.query("wide") == "1";
  request.include_abandoned = visit.query("abandoned") == "1";
  request.rehearsal = visit.query("rehearsal") == "1";
  if (const std::string dialect = visit.query("dialect"); !dialect.empty())
    request.excel_nl_csv = dialect == "excel-nl";
  const bool series = visit.query("series") == "1";
  TempFolder folder;
  if (folder.path().empty()) return failed_page(visit, 503, "no temporary folder could be made");
  const std::string extension(report::to_string(*format));
  std::string file_name = request.pack_id +
                          (series              ? "-series."
                           : request.rehearsal ? "-rehearsal."
                                               : "-report.") +
                          extension;
  request.out = folder.path() / file_name;
  std::string detail = request.pack_id;
  if (series) {
    const std::string follow_up = visit.query("follow_up");
    if (!is_valid_id(follow_up))
      return failed_page(visit, 400, std::string(t("Choose a follow-up pack.", "Kies een vervolgpakket.")));
    auto reader = HubStore::open(state.options.db);
    if (!reader) return failed_page(visit, 503, reader.error().message);
    for (const std::string& id : {request.pack_id, follow_up}) {
      auto pack = published_pack(reader.value(), id);
      if (!pack) return failed_page(visit, 422, pack.errors().joined("; "));
      const auto path = folder.path() / (id + "-" + std::to_string(request.pack_files.size()) + ".json");
      if (!write_file(path, pack->bytes))
        return failed_page(visit, 503, "the pack could not be written to a temporary file");
      request.pack_files.push_back(path.string());
    }
    request.pack_id.clear();
    auto written = report::write_series_report(request);
    if (!written) return failed_page(visit, 422, written.errors().joined("; "));
    detail += " + " + follow_up + ", series";
  } else {
    auto written = report::write_report(request);
    if (!written) return failed_page(visit, 422, written.errors().joined("; "));
    detail += ", " + std::to_string(written->responses) + " responses, k " + std::to_string(written->k);
  }
  auto bytes = read_file(request.out);
  if (!bytes) return failed_page(visit, 503, "the report was written but could not be read back");
  detail += ", " + extension + (request.language.empty() ? "" : ", " + request.language);
  visit.audit(state, "report", detail);
  HttpResponse response = download(std::string(content_type_of(*format)), std::move(*bytes), file_name,
                                   *format == report::Format::html);
  if (*format == report::Format::html)
    response.headers.emplace_back("Content-Security-Policy", std::string(kReportPolicy));
  return response;
}

// --- Contacts ------------------------------------------------------------------------------------

HttpResponse contacts_page(Console::State&, const Visit& visit) {
  const Lang& t = visit.t;
  std::string body = "<p>" +
                     html(t("The addresses of respondents who asked to be mailed the report, as CSV (pack, "
                            "email). They are kept "
                            "apart from the answers. Give your password again to export them; every export "
                            "is in the audit log.",
                            "De adressen van respondenten die het rapport willen ontvangen, als CSV (pakket, "
                            "e-mail). Ze staan los "
                            "van de antwoorden. Geef uw wachtwoord opnieuw om ze te exporteren; elke export "
                            "staat in het logboek.")) +
                     "</p>";
  body +=
      "<form class=\"card narrow\" method=\"post\" action=\"/console/contacts\">" +
      csrf_field(visit.session) + "<label for=\"password\">" + html(t("Your password", "Uw wachtwoord")) +
      "</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" "
      "required><button class=\"primary\">" +
      html(t("Export the addresses", "Adressen exporteren")) + "</button></form>";
  return html_response(200, page(t, t("Contacts", "Contacten"), "/console/contacts", body, &visit.session));
}

HttpResponse contacts_post(Console::State& state, const Visit& visit) {
  auto account = state.writer.organiser(visit.session.organiser);
  if (!account) return failed_page(visit, 503, account.error().message);
  const std::optional<std::string> hash =
      account.value() ? std::optional<std::string>(account.value()->second) : std::nullopt;
  const auto matches = check_password(state, hash, field(visit.form, "password"));
  if (!matches)
    return failed_page(visit, 503, std::string(visit.t("Try again in a moment.", "Probeer het zo opnieuw.")));
  if (!*matches) {
    visit.audit(state, "contacts-refused", "wrong password");
    return failed_page(visit, 401,
                       std::string(visit.t("That is not your password; nothing was exported.",
                                           "Dat is niet uw wachtwoord; er is niets geëxporteerd.")));
  }
  auto contacts = state.writer.contacts();
  if (!contacts) return failed_page(visit, 503, contacts.error().message);
  visit.audit(state, "contacts-export", std::to_string(contacts->size()) + " addresses");
  return download("text/csv; charset=utf-8", contacts_csv(contacts.value()), "contacts.csv");
}

// --- Backup --------------------------------------------------------------------------------------

HttpResponse backup_page(Console::State& state, const Visit& visit) {
  const Lang& t = visit.t;
  std::string body =
      "<p>" +
      html(t("An encrypted copy of the whole hub (answers, keys, contact addresses), made while the "
             "hub keeps taking uploads. Only the passphrase opens it: keep the passphrase apart from the "
             "file. Restore with peiling-hub restore FILE --db NEW.db.",
             "Een versleutelde kopie van de hele hub (antwoorden, sleutels, contactadressen), gemaakt "
             "terwijl de hub uploads blijft aannemen. Alleen de wachtzin opent hem: bewaar de wachtzin "
             "apart van het bestand. Terugzetten met peiling-hub restore BESTAND --db NIEUW.db.")) +
      "</p>";
  std::vector<std::vector<std::string>> rows;
  bool running = false;
  {
    std::lock_guard guard(state.mutex);
    for (const auto& job : state.backups) {
      std::string outcome = html(t("being written", "wordt geschreven"));
      if (!job.done.load(std::memory_order_acquire)) {
        running = true;
      } else {
        outcome = html(job.message);
        if (job.ok) {
          outcome += " <a class=\"button\" href=\"/console/backup/download?folder=" + url_encode(job.folder) +
                     "&amp;file=" + url_encode(job.file_name) + "\">" + html(t("Download", "Downloaden")) +
                     "</a>";
        }
      }
      rows.push_back({html(local_time(job.started_at)), html(job.organiser),
                      html((job.folder.empty() ? "backups/" : "backups/" + job.folder + "/") + job.file_name),
                      outcome});
    }
  }
  body +=
      "<form class=\"card narrow\" method=\"post\" action=\"/console/backup\">" + csrf_field(visit.session) +
      "<label for=\"passphrase\">" +
      html(t("Passphrase (at least 10 characters)", "Wachtzin (minstens 10 tekens)")) +
      "</label><input id=\"passphrase\" name=\"passphrase\" type=\"password\" autocomplete=\"new-password\" "
      "minlength=\"10\" required><label for=\"again\">" +
      html(t("The passphrase again", "De wachtzin nog eens")) +
      "</label><input id=\"again\" name=\"again\" type=\"password\" autocomplete=\"new-password\" required>"
      "<label for=\"folder\">" +
      html(
          t("Folder under the hub's backups/ (optional)", "Map onder backups/ van de hub (niet verplicht)")) +
      "</label><input id=\"folder\" name=\"folder\" placeholder=\"conferentie-2\"><button "
      "class=\"primary\">" +
      html(t("Make a backup", "Back-up maken")) + "</button></form>";
  if (!rows.empty()) {
    body += "<h2>" + html(t("Backups made since the hub started", "Back-ups sinds de start van de hub")) +
            "</h2>";
    body += table({std::string(t("Started", "Begonnen")), std::string(t("By", "Door")),
                   std::string(t("File", "Bestand")), std::string(t("Outcome", "Uitkomst"))},
                  rows);
  }
  return html_response(
      200, page(t, t("Backup", "Back-up"), "/console/backup", body, &visit.session, running ? 2 : 0));
}

HttpResponse backup_post(Console::State& state, const Visit& visit) {
  const Lang& t = visit.t;
  const std::string passphrase = field(visit.form, "passphrase");
  if (passphrase != field(visit.form, "again"))
    return failed_page(visit, 400,
                       std::string(t("The two passphrases differ; no backup was made.",
                                     "De twee wachtzinnen verschillen; er is geen back-up gemaakt.")));
  if (passphrase.size() < kMinPassphraseChars)
    return failed_page(visit, 400,
                       std::string(t("A passphrase needs at least 10 characters.",
                                     "Een wachtzin heeft minstens 10 tekens nodig.")));
  const std::string folder = field(visit.form, "folder");
  if (!folder.empty() && !safe_upload_name(folder))
    return failed_page(visit, 400,
                       std::string(t("The folder must be a plain name, without / or '..'.",
                                     "De map moet een gewone naam zijn, zonder / of '..'.")));
  const std::filesystem::path dir = backups_root(state) / folder;
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return failed_page(visit, 503, dir.string() + ": " + error.message());
  const UtcMillis now = utc_now();
  const std::string stamp = format_rfc3339(now);
  std::string file_name = "hub-" + stamp.substr(0, 10) + "-" + stamp.substr(11, 2) + stamp.substr(14, 2) +
                          stamp.substr(17, 2) + ".peiling-backup";
  {
    std::lock_guard guard(state.mutex);
    for (int n = 2; std::filesystem::exists(dir / file_name); ++n)
      file_name = "hub-" + stamp.substr(0, 10) + "-" + std::to_string(n) + ".peiling-backup";
    BackupJob& job = state.backups.emplace_back();
    job.organiser = visit.session.organiser;
    job.folder = folder;
    job.file_name = file_name;
    job.started_at = now;
    job.thread = std::thread(
        [&job, db = state.options.db, out = dir / file_name, secret = std::string(passphrase)]() mutable {
          auto written = backup_hub(db, out, secret);
          sodium_memzero(secret.data(), secret.size());
          job.ok = static_cast<bool>(written);
          job.message = written ? std::to_string(written->bytes) + " bytes, " +
                                      std::to_string(written->responses) + " responses"
                                : written.errors().joined("; ");
          job.done.store(true, std::memory_order_release);
        });
  }
  visit.audit(state, "backup", (folder.empty() ? "" : folder + "/") + file_name);
  return redirect("/console/backup");
}

HttpResponse backup_download(Console::State& state, const Visit& visit) {
  const std::string folder = visit.query("folder");
  const auto file = safe_upload_name(visit.query("file"));
  if (!file || (!folder.empty() && !safe_upload_name(folder)))
    return failed_page(visit, 400, "folder and file: plain names");
  auto bytes = read_file(backups_root(state) / folder / *file);
  if (!bytes)
    return failed_page(visit, 404,
                       std::string(visit.t("There is no such backup.", "Die back-up bestaat niet.")));
  visit.audit(state, "backup-download", (folder.empty() ? "" : folder + "/") + *file);
  return download("application/octet-stream", std::move(*bytes), *file);
}

}  // namespace peiling::hub::console
