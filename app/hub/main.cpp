// peiling-hub: the organisers' tool, a page of CLI11 around the hub library (app/hub) and the
// report (app/report). It validates packs, keeps the hub's keys, imports batch files from USB
// sticks and shared folders exactly once, serves devices over HTTP, and reports what it holds.
// Each command calls the library, prints what it returns and exits with its code.
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/pack.hpp"
#include "hub/backup.hpp"
#include "hub/console/console.hpp"
#include "hub/console/organisers.hpp"
#include "hub/hub_api.hpp"
#include "hub/hub_import.hpp"
#include "hub/hub_packs.hpp"
#include "hub/hub_server.hpp"
#include "hub/hub_store.hpp"
#include "hub/hub_text.hpp"
#include "hub/moderation.hpp"
#include "hub/pack_sheet.hpp"
#include "hub/pack_state.hpp"
#include "hub/secret_input.hpp"
#include "report/hub_report.hpp"
#include "report/live_route.hpp"
#include "report/plenary.hpp"
#include "sync/published_packs.hpp"

namespace {

using peiling::hub::HubStore;

constexpr int kExitOk = 0;
constexpr int kExitFatal = 1;      // the hub database (or the arguments) failed
constexpr int kExitAttention = 2;  // some files were rejected or conflicted: read the summary
constexpr std::size_t kProgressBarFromFiles = 100;
constexpr int kProgressBarWidth = 40;

int fatal(const std::string& message) {
  std::fprintf(stderr, "peiling-hub: %s\n", message.c_str());
  return kExitFatal;
}

void print(const std::string& text) {
  std::fputs(text.c_str(), stdout);
}

// Runs command on the existing hub database db, or says why it cannot be opened.
template <class Command>
int with_hub(const std::string& db, Command command) {
  auto hub = HubStore::open(db);
  if (!hub) return fatal(hub.error().message);
  return command(hub.value());
}

std::string counted(std::size_t count, const char* noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

// "24 points, 3 scenes, languages nl,en"
std::string pack_summary(const peiling::Pack& pack) {
  std::string languages;
  for (const auto& language : pack.languages) languages += (languages.empty() ? "" : ",") + language;
  return counted(pack.points.size(), "point") + ", " + counted(pack.vignette.scenes.size(), "scene") +
         ", languages " + languages;
}

int validate_packs(const std::vector<std::string>& files) {
  int failures = 0;
  for (const auto& file : files) {
    auto loaded = peiling::load_pack_file(file);
    if (!loaded) {
      for (const auto& line : loaded.errors().lines) std::printf("%s\n", line.c_str());
      ++failures;
      continue;
    }
    std::printf("%s: ok (%s)\n", file.c_str(), pack_summary(loaded->pack).c_str());
  }
  return failures == 0 ? 0 : 1;
}

// `pack to-sheet` and `from-sheet`: what was written, else every error, one per line (as `pack
// validate` prints them).
int print_errors(const peiling::Errors& errors) {
  for (const auto& line : errors.lines) std::printf("%s\n", line.c_str());
  return kExitFatal;
}

int pack_to_sheet(const std::string& pack_file, const std::string& out) {
  auto written = peiling::hub::write_pack_workbook(pack_file, out);
  if (!written) return print_errors(written.errors());
  std::printf("%s: written to %s\n", pack_file.c_str(), out.c_str());
  return kExitOk;
}

int pack_from_sheet(const std::string& workbook, const std::string& out) {
  auto pack = peiling::hub::write_pack_from_workbook(workbook, out);
  if (!pack) return print_errors(pack.errors());
  std::printf("%s: ok (%s); written to %s\n", workbook.c_str(), pack_summary(pack.value()).c_str(),
              out.c_str());
  return kExitOk;
}

int init_hub(const std::string& db) {
  auto hub = HubStore::create(db);
  if (!hub) return fatal(hub.error().message);
  std::printf("peiling-hub: new hub database %s with its signing and sealing keys.\n", db.c_str());
  std::printf("It holds the secret keys: keep it as safe as the answers. For your pack:\n");
  print(peiling::hub::pack_hub_section(hub.value()));
  return kExitOk;
}

int show_keys(HubStore& hub) {
  print(peiling::hub::pack_hub_section(hub));
  return kExitOk;
}

// A bar on stderr, redrawn in place; only on a terminal and only for imports worth watching.
void draw_progress(std::size_t done, std::size_t total) {
  if (total <= kProgressBarFromFiles || !isatty(STDERR_FILENO)) return;
  const auto filled = static_cast<int>(static_cast<double>(kProgressBarWidth) * static_cast<double>(done) /
                                       static_cast<double>(total));
  std::fprintf(stderr, "\r[%s%s] %zu/%zu files", std::string(static_cast<std::size_t>(filled), '#').c_str(),
               std::string(static_cast<std::size_t>(kProgressBarWidth - filled), ' ').c_str(), done, total);
  if (done == total) std::fprintf(stderr, "\n");
  std::fflush(stderr);
}

int import(HubStore& hub, const std::vector<std::string>& paths, bool strict) {
  peiling::hub::ImportOptions options;
  options.strict = strict;
  options.log = [](const std::string& line) { std::printf("%s\n", line.c_str()); };
  options.progress = draw_progress;
  auto imported = peiling::hub::import_and_acknowledge(hub, {paths.begin(), paths.end()}, options);
  if (!imported) return fatal(imported.errors().joined("; "));
  return imported.value() ? kExitOk : kExitAttention;
}

// `pack publish`: only a pack that validates is signed and stored.
int publish_pack(const std::string& db, const std::string& file, bool rehearsal) {
  auto loaded = peiling::load_pack_file(file);
  if (!loaded) {
    for (const auto& line : loaded.errors().lines) std::printf("%s\n", line.c_str());
    return kExitFatal;
  }
  return with_hub(db, [&](HubStore& hub) {
    const peiling::Pack& pack = loaded->pack;
    auto published = hub.publish_pack({pack.id, pack.version}, loaded->bytes, rehearsal);
    if (!published) return fatal(published.error().message);
    std::printf(
        "%s: %s %s version %d%s, signed with the hub's key\n", file.c_str(),
        published.value() ? "published" : "already published:", pack.id.c_str(), pack.version,
        rehearsal ? " as a rehearsal (its responses are never counted; go live with `pack go-live`)" : "");
    return kExitOk;
  });
}

// `pack list`: what GET /api/v1/packs returns.
int list_packs(HubStore& hub) {
  auto packs = hub.published_packs();
  if (!packs) return fatal(packs.error().message);
  print(peiling::sync::published_packs_json(packs.value()));
  return kExitOk;
}

// `pack state ID open|closing|closed [--closes-at TIME]`: in the audit log under the login that ran it.
int change_pack_state(HubStore& hub, peiling::hub::PackStateChange change) {
  const char* login = std::getenv("USER");
  change.organiser = login && *login ? login : "peiling-hub";
  change.client = "cli";
  auto changed = peiling::hub::set_pack_state(hub, change);
  if (!changed) return fatal("pack state: " + changed.errors().joined("; "));
  std::printf("pack %s is now %s%s; devices learn it at their next sync\n", change.pack_id.c_str(),
              std::string(peiling::to_string(changed->state)).c_str(),
              changed->closes_at
                  ? (", closing by itself at " + peiling::format_rfc3339(*changed->closes_at)).c_str()
                  : "");
  return kExitOk;
}

// `pack go-live ID --yes`: the rehearsal pack published for real, its rehearsal responses deleted.
// Without --yes it only says what it would delete.
int go_live(HubStore& hub, const std::string& pack_id, bool yes) {
  auto held = hub.rehearsal_responses(pack_id);
  if (!held) return fatal(held.error().message);
  if (!yes) {
    return fatal("pack go-live: this publishes " + pack_id + " for real and deletes its " +
                 std::to_string(held.value()) + " rehearsal response(s) for good; run it again with --yes");
  }
  const char* login = std::getenv("USER");
  auto deleted =
      hub.go_live(pack_id, {0, login && *login ? login : "peiling-hub", "go-live", pack_id, "cli"});
  if (!deleted) return fatal("pack go-live: " + deleted.error().message);
  std::printf(
      "pack %s is live: %d rehearsal response(s) deleted; devices drop the REHEARSAL band at their next "
      "sync\n",
      pack_id.c_str(), deleted.value());
  return kExitOk;
}

// `pack export DIR`: every published pack into DIR/packs/, for devices to take from a USB stick.
int export_packs(HubStore& hub, const std::string& dir) {
  auto exported = peiling::hub::export_published_packs(
      hub, dir, [](const std::filesystem::path& file) { std::printf("%s\n", file.c_str()); });
  return exported ? kExitOk : fatal(exported.errors().joined("; "));
}

// `contacts export`: the only way out for the addresses, as CSV (pack,email).
int export_contacts(HubStore& hub) {
  auto contacts = hub.contacts();
  if (!contacts) return fatal(contacts.error().message);
  print(peiling::hub::contacts_csv(contacts.value()));
  return kExitOk;
}

// Serves until SIGTERM or SIGINT, then lets the requests in flight finish. The signals are blocked
// before the server's threads start, so only sigwait() here sees them.
int run_server(HubStore& hub, const std::string& db, peiling::hub::ServeSetup& setup) {
  peiling::hub::HubApi api(hub, setup.api);
  peiling::report::add_live_routes(api, std::move(setup.live_pack));
  peiling::hub::ServerOptions& server = setup.server;
  server.log = [](const std::string& line) { std::fprintf(stderr, "peiling-hub: %s\n", line.c_str()); };

  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  // A client that hangs up mid-answer must not end the hub.
  signal(SIGPIPE, SIG_IGN);

  peiling::hub::console::Console console(hub, {db, setup.api.strict});
  api.add_site(
      std::string(peiling::hub::console::kConsolePath),
      [&console](const peiling::hub::HttpRequest& request) { return console.handle(request); },
      [&console](int status, const std::string& message) { return console.refusal(status, message); });

  auto started = peiling::hub::HubServer::start(api, server);
  if (!started) return fatal(started.errors().joined("; "));
  auto& running = *started.value();
  const std::string base_url = std::string(server.tls_cert_pem ? "https" : "http") + "://" + server.host +
                               ":" + std::to_string(running.port());
  std::printf("peiling-hub: serving %s on %s\n", db.c_str(), base_url.c_str());
  print(peiling::hub::console::console_banner(hub, base_url, db));
  std::fflush(stdout);
  int received = 0;
  sigwait(&stop_signals, &received);
  std::fprintf(stderr, "peiling-hub: %s: finishing the requests in flight\n",
               received == SIGTERM ? "SIGTERM" : "SIGINT");
  running.stop();
  std::fprintf(stderr, "peiling-hub: stopped\n");
  return kExitOk;
}

int serve(const std::string& db, const peiling::hub::ServeArguments& arguments) {
  auto setup = peiling::hub::serve_setup(db, arguments);
  if (!setup) {
    for (const auto& line : setup.errors().lines) fatal(line);
    return kExitFatal;
  }
  return with_hub(db, [&](HubStore& hub) { return run_server(hub, db, setup.value()); });
}

int show_status(HubStore& hub, bool as_json) {
  auto status = hub.status();
  if (!status) return fatal(status.error().message);
  print(as_json ? peiling::hub::status_json(status.value()).dump(2) + "\n"
                : peiling::hub::status_text(status.value()));
  return kExitOk;
}

int list_devices(HubStore& hub, bool as_json) {
  auto devices = hub.devices();
  if (!devices) return fatal(devices.error().message);
  print(as_json ? peiling::hub::devices_json(devices.value()).dump(2) + "\n"
                : peiling::hub::devices_text(devices.value()));
  return kExitOk;
}

int change_device(HubStore& hub, const std::string& device_id, peiling::hub::DeviceState state) {
  if (auto changed = hub.set_device_state(device_id, state); !changed) return fatal(changed.error().message);
  std::printf("device %s is now %s\n", device_id.c_str(),
              std::string(peiling::hub::to_string(state)).c_str());
  return kExitOk;
}

// `backup` asks for a new passphrase twice, `restore` for the one the backup was made with.
int backup(const std::string& db, const std::string& file,
           const std::optional<std::string>& passphrase_file) {
  auto passphrase =
      peiling::hub::read_secret(passphrase_file, {"passphrase", peiling::hub::kMinPassphraseChars, true});
  if (!passphrase) return fatal(passphrase.errors().joined("; "));
  auto written = peiling::hub::backup_hub(db, file, passphrase.value());
  if (!written) return fatal(written.errors().joined("; "));
  std::printf("peiling-hub: backup of %s written to %s (%llu bytes, schema %d, %lld responses)\n", db.c_str(),
              written->file.c_str(), static_cast<unsigned long long>(written->bytes), written->schema_version,
              static_cast<long long>(written->responses));
  std::printf("Only its passphrase opens it: keep the passphrase, apart from the file.\n");
  return kExitOk;
}

int restore(const std::string& file, const std::string& db,
            const std::optional<std::string>& passphrase_file) {
  auto passphrase = peiling::hub::read_secret(passphrase_file, {"passphrase", 1, false});
  if (!passphrase) return fatal(passphrase.errors().joined("; "));
  auto restored = peiling::hub::restore_hub(file, db, passphrase.value());
  if (!restored) return fatal(restored.errors().joined("; "));
  std::printf("peiling-hub: %s restored into %s (schema %d, %lld responses)\n", file.c_str(),
              restored->db.c_str(), restored->schema_version, static_cast<long long>(restored->responses));
  return kExitOk;
}

// `organisers add|password`: a new password twice from the terminal, or --password-file's first line.
int set_organiser(HubStore& hub, const std::string& name, const std::optional<std::string>& password_file,
                  const std::string& language, bool add) {
  namespace console = peiling::hub::console;
  auto password = peiling::hub::read_secret(password_file, {"password", console::kMinPasswordChars, true});
  if (!password) return fatal(password.errors().joined("; "));
  auto done = add ? console::add_organiser(hub, name, password.value(), language)
                  : console::change_password(hub, name, password.value());
  if (!done) return fatal(done.errors().joined("; "));
  std::printf(add ? "organiser %s added; they sign in on the console (/console on serve)\n"
                  : "organiser %s has a new password; their sessions are ended\n",
              name.c_str());
  return kExitOk;
}

int remove_organiser(HubStore& hub, const std::string& name) {
  auto done = peiling::hub::console::remove_organiser(hub, name);
  if (!done) return fatal(done.errors().joined("; "));
  std::printf("organiser %s removed; their sessions are ended\n", name.c_str());
  return kExitOk;
}

int list_organisers(HubStore& hub) {
  auto organisers = hub.organisers();
  if (!organisers) return fatal(organisers.error().message);
  print(peiling::hub::console::organisers_text(organisers.value()));
  return kExitOk;
}

int show_audit(HubStore& hub, bool as_json) {
  auto entries = hub.audit_log(std::numeric_limits<int>::max());
  if (!entries) return fatal(entries.error().message);
  print(as_json ? peiling::hub::console::audit_json(entries.value()).dump(2) + "\n"
                : peiling::hub::console::audit_text(entries.value()));
  return kExitOk;
}

// `plenary show|hide|freeze|unfreeze`: the chair's switch over /live, on the pack given or the one
// /live shows (the pack published last). In the audit log under the login that ran it.
int switch_plenary(HubStore& hub, const std::string& what, const std::string& pack_id) {
  auto pack = peiling::hub::published_pack(hub, pack_id);
  if (!pack) return fatal("plenary: " + pack.errors().joined("; "));
  const char* login = std::getenv("USER");
  const auto state =
      peiling::report::switch_plenary(hub, pack->pack, *peiling::report::plenary_switch_named(what),
                                      login && *login ? login : "peiling-hub", "cli");
  if (!state) return fatal("plenary: " + state.errors().joined("; "));
  std::printf("plenary: the live page of %s is now %s\n", pack->pack.id.c_str(),
              std::string(peiling::hub::to_string(state.value())).c_str());
  return kExitOk;
}

// `comments list|approve|hide`: the moderation queue of what reaches the big screen (/live).
int list_comments(HubStore& hub, const std::string& pack_id, const std::string& point, bool as_json) {
  auto queue = hub.moderation_queue(pack_id);
  if (!queue) return fatal(queue.error().message);
  const auto words = peiling::hub::load_flag_words();
  print(as_json ? peiling::hub::queue_json(queue.value(), words, point)
                          .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
                      "\n"
                : peiling::hub::queue_text(queue.value(), words, point));
  return kExitOk;
}

int moderate_comments(HubStore& hub, std::vector<std::string> ids, peiling::hub::Moderation decision,
                      bool all_unflagged, const std::string& pack_id, const std::string& point) {
  if (all_unflagged) {
    auto queue = hub.moderation_queue(pack_id);
    if (!queue) return fatal(queue.error().message);
    ids = peiling::hub::unflagged_pending(queue.value(), peiling::hub::load_flag_words(), point);
  }
  if (ids.empty()) return fatal("comments: no ids given (as `peiling-hub comments list` prints them)");
  const char* login = std::getenv("USER");
  if (auto done = hub.moderate(ids, decision, login && *login ? login : "peiling-hub", "cli"); !done)
    return fatal(done.error().message);
  std::printf("comments: %s %s\n", counted(ids.size(), "text").c_str(),
              decision == peiling::hub::Moderation::approved ? "approved" : "hidden");
  return kExitOk;
}

int run_report(const peiling::report::ReportRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  auto written = peiling::report::write_report(request);
  if (!written) return fatal(written.errors().joined("; "));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("report: %s written to %s in %.2f s (%d responses counted, k %d%s%s)\n",
              std::string(peiling::report::to_string(request.format)).c_str(), request.out.c_str(), seconds,
              written->responses, written->k, request.include_abandoned ? ", abandoned included" : "",
              written->withheld ? ", fewer than k: figures withheld" : "");
  return kExitOk;
}

int run_series_report(const peiling::report::ReportRequest& request) {
  auto written = peiling::report::write_series_report(request);
  if (!written) return fatal(written.errors().joined("; "));
  std::printf("report: series %s written to %s (%s: %d responses, %s: %d responses, k %d)\n",
              std::string(peiling::report::to_string(request.format)).c_str(), request.out.c_str(),
              written->first_id.c_str(), written->first_responses, written->follow_up_id.c_str(),
              written->follow_up_responses, written->k);
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"peiling-hub: collect, merge and report Peiling responses", "peiling-hub"};
  cli.require_subcommand(1);
  cli.failure_message(CLI::FailureMessage::help);

  auto* pack = cli.add_subcommand("pack", "Work with content packs");
  pack->require_subcommand(1);
  std::vector<std::string> pack_files;
  auto* validate = pack->add_subcommand("validate", "Check pack files; prints 'FILE: ok' or the errors");
  validate->add_option("FILE", pack_files, "Pack files")->required();
  std::string sheet_in, sheet_out;
  auto* to_sheet =
      pack->add_subcommand("to-sheet", "Write a pack as a workbook to edit in Excel or LibreOffice");
  to_sheet->add_option("PACK", sheet_in, "Pack file (.json)")->required();
  to_sheet->add_option("OUT", sheet_out, "Workbook to write (.xlsx)")->required();
  auto* from_sheet =
      pack->add_subcommand("from-sheet", "Read a pack from a workbook; every error by sheet and cell");
  from_sheet->add_option("IN", sheet_in, "Workbook (.xlsx or .ods)")->required();
  from_sheet->add_option("OUT", sheet_out, "Pack file to write (.json)")->required();

  std::string db;
  const auto add_db = [&db](CLI::App* command) {
    command->add_option("--db", db, "The hub database (hub.db)")->required();
  };
  std::string publish_file;
  auto* publish =
      pack->add_subcommand("publish", "Validate a pack, sign it with the hub's key and publish it");
  add_db(publish);
  publish->add_option("FILE", publish_file, "Pack file")->required();
  bool rehearsal = false;
  publish->add_flag(
      "--rehearsal", rehearsal,
      "Publish it as a rehearsal: devices show a REHEARSAL / PROEF band, its responses never count");
  std::string live_pack;
  bool live_yes = false;
  auto* go_live_command = pack->add_subcommand(
      "go-live", "Publish a rehearsal pack for real and delete its rehearsal responses (needs --yes)");
  add_db(go_live_command);
  go_live_command->add_option("ID", live_pack, "The pack's id")->required();
  go_live_command->add_flag("--yes", live_yes, "Yes: delete the rehearsal responses for good");
  peiling::hub::PackStateChange state_change;
  auto* pack_state = pack->add_subcommand(
      "state", "Open, closing (kiosks finish the response under way) or closed (late batches still stored)");
  add_db(pack_state);
  pack_state->add_option("ID", state_change.pack_id, "The published pack's id")->required();
  pack_state->add_option("STATE", state_change.state, "open, closing or closed")->required();
  pack_state->add_option("--closes-at", state_change.closes_at,
                         "When it closes by itself, in UTC: 2026-12-03T15:00Z");
  auto* pack_list = pack->add_subcommand("list", "The published packs, as JSON (what devices fetch)");
  add_db(pack_list);
  std::string pack_dir;
  auto* pack_export =
      pack->add_subcommand("export", "Write every published pack into DIR/packs/ (a USB stick)");
  add_db(pack_export);
  pack_export->add_option("DIR", pack_dir, "Folder, for example the stick's root")->required();

  auto* contacts = cli.add_subcommand("contacts", "Contact opt-ins (\"mail me the report\"), kept apart");
  contacts->require_subcommand(1);
  auto* contacts_export = contacts->add_subcommand("export", "Print every address as CSV: pack,email");
  add_db(contacts_export);
  auto* init = cli.add_subcommand("init", "Create the hub database and its signing and sealing keys");
  add_db(init);

  auto* keys = cli.add_subcommand("keys", "The hub's keys");
  keys->require_subcommand(1);
  auto* keys_show =
      keys->add_subcommand("show", "Print the public keys as a pack's \"hub\" section embeds them");
  add_db(keys_show);

  std::vector<std::string> import_paths;
  bool strict = false;
  auto* import_command = cli.add_subcommand(
      "import",
      "Import batch files and folders (recursively); writes an acknowledgement into each folder's acks/");
  add_db(import_command);
  import_command->add_flag("--strict", strict, "Quarantine batches of devices not yet approved");
  import_command->add_option("PATH", import_paths, "Batch files and folders")->required();

  peiling::hub::ServeArguments serve_arguments;
  auto* serve_command = cli.add_subcommand(
      "serve",
      "Receive batches from devices and serve the published packs and the live page (GET /live) over HTTP(S) "
      "until SIGTERM; one log "
      "line per request on stderr");
  add_db(serve_command);
  serve_command
      ->add_option("--listen", serve_arguments.listen, "IPv4 address and port; port 0 picks a free one")
      ->capture_default_str();
  serve_command
      ->add_option("--token-file", serve_arguments.token_file,
                   "Devices must send this file's token (Authorization: Bearer)")
      ->check(CLI::ExistingFile);
  serve_command->add_option("--tls-cert", serve_arguments.tls_cert, "PEM certificate (chain): serve HTTPS")
      ->check(CLI::ExistingFile);
  serve_command->add_option("--tls-key", serve_arguments.tls_key, "PEM private key of --tls-cert")
      ->check(CLI::ExistingFile);
  serve_command->add_flag("--strict", serve_arguments.strict,
                          "Quarantine batches of devices not yet approved");
  serve_command->add_option("--pack-file", serve_arguments.pack_file,
                            "The pack GET /live shows (default: the newest pack published on this hub)");
  // Tests only: commit the first N new batches, then close the connection without an answer.
  serve_command->add_option("--test-drop-acks", serve_arguments.test_drop_acks)->group("");

  bool as_json = false;
  auto* status =
      cli.add_subcommand("status", "Counts of devices, batches, responses, conflicts and quarantine");
  add_db(status);
  status->add_flag("--json", as_json, "Print JSON");

  std::string device_id;
  auto* devices = cli.add_subcommand("devices", "List devices with their counts, or approve or block one");
  add_db(devices);
  devices->add_flag("--json", as_json, "Print JSON");
  devices->require_subcommand(0, 1);
  auto* approve = devices->add_subcommand("approve", "Count this device's batches, releasing its quarantine");
  approve->add_option("ID", device_id, "Device id")->required();
  auto* block = devices->add_subcommand("block", "Exclude this device's data from everything");
  block->add_option("ID", device_id, "Device id")->required();
  // `devices approve ID --db hub.db` reads as well as `devices --db hub.db approve ID`.
  approve->fallthrough();
  block->fallthrough();

  peiling::report::ReportRequest report_request;
  std::string report_format;
  bool series = false;
  auto* report = cli.add_subcommand("report", "Write the results as HTML, CSV, XLSX or JSON");
  add_db(report);
  report->add_option("--format", report_format, "html, csv, xlsx or json")
      ->check(CLI::IsMember({"html", "csv", "xlsx", "json"}))
      ->required();
  report->add_option("--out", report_request.out, "The file to write")->required();
  report->add_option(
      "--pack-file", report_request.pack_files,
      "The pack's JSON file: its titles, scales and k (default: the pack published on the hub); "
      "with --series, give it twice: the first pack and its follow-up");
  report->add_option("--pack", report_request.pack_id,
                     "The pack id to report on (default: the pack file's, or the newest published)");
  report
      ->add_option("--lang", report_request.language,
                   "nl or en (default: the pack's first language); nl writes CSV for Dutch Excel (;)")
      ->check(CLI::IsMember({"nl", "en"}));
  report->add_option("--k", report_request.k, "Smallest group shown (default: the pack's min_group_size)");
  report->add_flag("--wide", report_request.wide, "CSV: one row per response instead of one per answer");
  report->add_flag("--rehearsal", report_request.rehearsal,
                   "The Rehearsal view: only the pack's rehearsal responses, which nothing else counts");
  report->add_flag("--include-abandoned", report_request.include_abandoned,
                   "Count abandoned responses too (the report says so)");
  report->add_flag("--series", series,
                   "Each point of the first pack beside its follow-up's status counts (html or xlsx)");

  std::string backup_file;
  std::optional<std::string> passphrase_file;
  const auto add_passphrase_file = [&passphrase_file](CLI::App* command) {
    command
        ->add_option("--passphrase-file", passphrase_file,
                     "Read the passphrase from this file's first line instead of the terminal")
        ->check(CLI::ExistingFile);
  };
  auto* backup_command = cli.add_subcommand(
      "backup", "Write an encrypted copy of the hub database (asks for a passphrase), even while serve runs");
  add_db(backup_command);
  backup_command->add_option("FILE", backup_file, "The backup file to write; never replaces one")->required();
  add_passphrase_file(backup_command);
  auto* restore_command =
      cli.add_subcommand("restore", "Restore a backup into a new hub database (asks for its passphrase)");
  restore_command->add_option("FILE", backup_file, "The backup file")->required()->check(CLI::ExistingFile);
  restore_command->add_option("--db", db, "The new hub database; must not exist")->required();
  add_passphrase_file(restore_command);

  auto* organisers = cli.add_subcommand("organisers", "The accounts that sign in to the console (/console)");
  organisers->require_subcommand(1);
  std::string organiser_name;
  std::string organiser_lang = "nl";
  std::optional<std::string> password_file;
  const auto add_password_file = [&password_file](CLI::App* command) {
    command
        ->add_option("--password-file", password_file,
                     "Read the password from this file's first line instead of the terminal")
        ->check(CLI::ExistingFile);
  };
  auto* organisers_add = organisers->add_subcommand(
      "add", "Add an organiser (asks for a password of at least 10 characters, twice)");
  add_db(organisers_add);
  organisers_add->add_option("NAME", organiser_name, "Letters, digits and . _ - @")->required();
  organisers_add->add_option("--lang", organiser_lang, "The console's language for them: nl or en")
      ->check(CLI::IsMember({"nl", "en"}))
      ->capture_default_str();
  add_password_file(organisers_add);
  auto* organisers_list = organisers->add_subcommand("list", "The organisers, with their language");
  add_db(organisers_list);
  auto* organisers_remove =
      organisers->add_subcommand("remove", "Remove an organiser; their sessions end at once");
  add_db(organisers_remove);
  organisers_remove->add_option("NAME", organiser_name, "The organiser")->required();
  auto* organisers_password =
      organisers->add_subcommand("password", "Give an organiser a new password; their sessions end");
  add_db(organisers_password);
  organisers_password->add_option("NAME", organiser_name, "The organiser")->required();
  add_password_file(organisers_password);

  auto* audit = cli.add_subcommand("audit", "Who did what and when on the console, newest first");
  add_db(audit);
  audit->add_flag("--json", as_json, "Print JSON");

  auto* plenary = cli.add_subcommand(
      "plenary", "What /live shows: show the figures, hide them until revealed, freeze them, unfreeze");
  add_db(plenary);
  std::string plenary_switch;
  std::string plenary_pack;
  plenary->add_option("SWITCH", plenary_switch, "show, hide, freeze or unfreeze")
      ->required()
      ->check(CLI::IsMember({"show", "hide", "freeze", "unfreeze"}));
  plenary->add_option("--pack", plenary_pack, "The pack's id (default: the pack published last)");

  auto* comments = cli.add_subcommand(
      "comments", "Moderate comments and open answers for the big screen (/live shows approved ones only)");
  comments->require_subcommand(1);
  std::string comments_pack;
  std::string comments_point;
  std::vector<std::string> comment_ids;
  bool all_unflagged = false;
  auto* comments_list = comments->add_subcommand("list", "The queue, newest first, with each text's flags");
  auto* comments_approve = comments->add_subcommand("approve", "Approve texts for /live by id");
  auto* comments_hide = comments->add_subcommand("hide", "Keep texts off /live by id (reports keep them)");
  for (auto* command : {comments_list, comments_approve, comments_hide}) {
    add_db(command);
    command->add_option("--pack", comments_pack, "Only this pack's texts");
    command->add_option("--point", comments_point, "Only the texts on this point or open question");
  }
  comments_list->add_flag("--json", as_json, "Print JSON");
  comments_approve->add_flag("--all-unflagged", all_unflagged,
                             "Approve every waiting text that is not flagged");
  comments_approve->add_option("ID", comment_ids, "Ids as `comments list` prints them");
  comments_hide->add_option("ID", comment_ids, "Ids as `comments list` prints them")->required();

  CLI11_PARSE(cli, argc, argv);
  if (report->parsed()) {
    report_request.db = db;
    report_request.format = *peiling::report::format_named(report_format);  // IsMember checked the name
    return series ? run_series_report(report_request) : run_report(report_request);
  }
  if (validate->parsed()) return validate_packs(pack_files);
  if (to_sheet->parsed()) return pack_to_sheet(sheet_in, sheet_out);
  if (from_sheet->parsed()) return pack_from_sheet(sheet_in, sheet_out);
  if (publish->parsed()) return publish_pack(db, publish_file, rehearsal);
  if (go_live_command->parsed())
    return with_hub(db, [&](HubStore& hub) { return go_live(hub, live_pack, live_yes); });
  if (pack_list->parsed()) return with_hub(db, list_packs);
  if (pack_state->parsed())
    return with_hub(db, [&](HubStore& hub) { return change_pack_state(hub, state_change); });
  if (pack_export->parsed()) return with_hub(db, [&](HubStore& hub) { return export_packs(hub, pack_dir); });
  if (contacts_export->parsed()) return with_hub(db, export_contacts);
  if (init->parsed()) return init_hub(db);
  if (organisers_add->parsed() || organisers_password->parsed()) {
    return with_hub(db, [&](HubStore& hub) {
      return set_organiser(hub, organiser_name, password_file, organiser_lang, organisers_add->parsed());
    });
  }
  if (organisers_list->parsed()) return with_hub(db, list_organisers);
  if (organisers_remove->parsed())
    return with_hub(db, [&](HubStore& hub) { return remove_organiser(hub, organiser_name); });
  if (comments_list->parsed()) {
    return with_hub(
        db, [&](HubStore& hub) { return list_comments(hub, comments_pack, comments_point, as_json); });
  }
  if (comments_approve->parsed() || comments_hide->parsed()) {
    const auto decision =
        comments_approve->parsed() ? peiling::hub::Moderation::approved : peiling::hub::Moderation::hidden;
    return with_hub(db, [&](HubStore& hub) {
      return moderate_comments(hub, comment_ids, decision, all_unflagged, comments_pack, comments_point);
    });
  }
  if (plenary->parsed())
    return with_hub(db, [&](HubStore& hub) { return switch_plenary(hub, plenary_switch, plenary_pack); });
  if (audit->parsed()) return with_hub(db, [&](HubStore& hub) { return show_audit(hub, as_json); });
  if (backup_command->parsed()) return backup(db, backup_file, passphrase_file);
  if (restore_command->parsed()) return restore(backup_file, db, passphrase_file);
  if (keys_show->parsed()) return with_hub(db, show_keys);
  if (import_command->parsed())
    return with_hub(db, [&](HubStore& hub) { return import(hub, import_paths, strict); });
  if (serve_command->parsed()) return serve(db, serve_arguments);
  if (status->parsed()) return with_hub(db, [&](HubStore& hub) { return show_status(hub, as_json); });
  const auto set_state = [&](peiling::hub::DeviceState state) {
    return with_hub(db, [&](HubStore& hub) { return change_device(hub, device_id, state); });
  };
  if (approve->parsed()) return set_state(peiling::hub::DeviceState::approved);
  if (block->parsed()) return set_state(peiling::hub::DeviceState::blocked);
  if (devices->parsed()) return with_hub(db, [&](HubStore& hub) { return list_devices(hub, as_json); });
  return kExitOk;
}
