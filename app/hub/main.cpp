// peiling-hub: the organisers' tool. It validates packs, keeps the hub's keys, imports batch
// files from USB sticks and shared folders exactly once, serves devices over HTTP, and reports
// what it holds.
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/codec.hpp"
#include "core/json_file.hpp"
#include "core/pack.hpp"
#include "core/series.hpp"
#include "hub/pack_sheet.hpp"
#include "report/live_route.hpp"
#include "report/report_csv.hpp"
#include "report/report_html.hpp"
#include "report/report_json.hpp"
#include "report/report_series.hpp"
#include "report/report_xlsx.hpp"
#include "sync/contact_file.hpp"
#include "sync/files.hpp"
#include "sync/hub_api.hpp"
#include "sync/hub_import.hpp"
#include "sync/hub_server.hpp"
#include "sync/hub_store.hpp"
#include "sync/published_packs.hpp"

namespace {

using peiling::sync::HubStore;

constexpr int kExitOk = 0;
constexpr int kExitFatal = 1;      // the hub database (or the arguments) failed
constexpr int kExitAttention = 2;  // some files were rejected or conflicted: read the summary
constexpr std::size_t kProgressBarFromFiles = 100;
constexpr int kProgressBarWidth = 40;

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

int fatal(const std::string& message) {
  std::fprintf(stderr, "peiling-hub: %s\n", message.c_str());
  return kExitFatal;
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

// The public keys in the form a pack's "hub" section embeds them.
void print_keys(const HubStore& hub) {
  std::printf("\"hub\": {\"sign_key\": \"%s\", \"seal_key\": \"%s\"}\n",
              peiling::to_base64(hub.sign_public_key()).c_str(),
              peiling::to_base64(hub.seal_public_key()).c_str());
}

int init_hub(const std::string& db) {
  auto hub = HubStore::create(db);
  if (!hub) return fatal(hub.error().message);
  std::printf("peiling-hub: new hub database %s with its signing and sealing keys.\n", db.c_str());
  std::printf("It holds the secret keys: keep it as safe as the answers. For your pack:\n");
  print_keys(hub.value());
  return kExitOk;
}

int show_keys(const std::string& db) {
  auto hub = HubStore::open(db);
  if (!hub) return fatal(hub.error().message);
  print_keys(hub.value());
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

int import(const std::string& db, const std::vector<std::string>& paths, bool strict) {
  auto hub = HubStore::open(db);
  if (!hub) return fatal(hub.error().message);
  peiling::sync::ImportOptions options;
  options.strict = strict;
  options.log = [](const std::string& line) { std::printf("%s\n", line.c_str()); };
  options.progress = draw_progress;
  const std::vector<std::filesystem::path> inputs(paths.begin(), paths.end());
  auto imported = peiling::sync::import_batches(hub.value(), inputs, options);
  if (!imported) return fatal(imported.errors().joined("; ") + " The batches before it are in the hub.");
  const auto& summary = imported.value();
  std::printf("files read: %d\n", summary.files);
  std::printf("new batches: %d (%d responses added)\n", summary.new_batches, summary.responses_added);
  std::printf("quarantined batches (devices not approved): %d\n", summary.quarantined_batches);
  std::printf("batches from blocked devices: %d\n", summary.excluded_batches);
  std::printf("duplicate batches skipped: %d\n", summary.duplicate_batches);
  std::printf("duplicate responses skipped: %d\n", summary.duplicate_responses);
  std::printf("conflicts: %d\n", summary.conflicts);
  std::printf("rejected files: %zu\n", summary.rejected.size());
  for (const auto& line : summary.rejected) std::printf("  %s\n", line.c_str());

  bool acks_written = true;
  bool contacts_read = true;
  std::error_code ec;
  for (const auto& input : inputs) {
    if (!std::filesystem::is_directory(input, ec)) continue;
    auto contacts = peiling::sync::import_contacts(hub.value(), input);
    if (!contacts) return fatal(contacts.errors().joined("; "));
    if (contacts->addresses > 0) std::printf("contact addresses read: %d\n", contacts->addresses);
    for (const auto& line : contacts->rejected) std::printf("  %s\n", line.c_str());
    contacts_read = contacts_read && contacts->rejected.empty();
    auto ack = peiling::sync::write_acknowledgement(hub.value(), input);
    if (ack) {
      std::printf("acknowledgement written: %s\n", ack->c_str());
    } else {
      std::printf("acknowledgement NOT written: %s\n", ack.errors().joined("; ").c_str());
      acks_written = false;
    }
  }
  return summary.clean() && acks_written && contacts_read ? kExitOk : kExitAttention;
}

// `pack publish`: only a pack that validates is signed and stored.
int publish_pack(const std::string& db, const std::string& file) {
  auto loaded = peiling::load_pack_file(file);
  if (!loaded) {
    for (const auto& line : loaded.errors().lines) std::printf("%s\n", line.c_str());
    return kExitFatal;
  }
  auto hub = HubStore::open(db);
  if (!hub) return fatal(hub.error().message);
  const peiling::Pack& pack = loaded->pack;
  auto published = hub->publish_pack({pack.id, pack.version}, loaded->bytes);
  if (!published) return fatal(published.error().message);
  std::printf("%s: %s %s version %d, signed with the hub's key\n", file.c_str(),
              published.value() ? "published" : "already published:", pack.id.c_str(), pack.version);
  return kExitOk;
}

// `pack list`: what GET /api/v1/packs returns.
int list_packs(const std::string& db) {
  auto hub = HubStore::open(db);
  if (!hub) return fatal(hub.error().message);
  auto packs = hub->published_packs();
  if (!packs) return fatal(packs.error().message);
  std::printf("%s", peiling::sync::published_packs_json(packs.value()).c_str());
  return kExitOk;
}

// `pack export DIR`: every published pack into DIR/packs/, for devices to take from a USB stick.
int export_packs(const std::string& db, const std::string& dir) {
  auto hub = HubStore::open(db);
  if (!hub) return fatal(hub.error().message);
  auto packs = hub->published_packs();
  if (!packs) return fatal(packs.error().message);
  const auto folder = std::filesystem::path(dir) / peiling::sync::kPackFolder;
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) return fatal(folder.string() + ": " + ec.message());
  for (const auto& pack : packs.value()) {
    auto file = hub->published_pack_file(pack.ref);
    if (!file || !file.value())
      return fatal(file ? "pack " + pack.ref.id + " vanished" : file.error().message);
    auto written = peiling::sync::write_file_durably(folder, peiling::sync::signed_pack_file_name(pack.ref),
                                                     *file.value());
    if (!written) return fatal(written.errors().joined("; "));
    std::printf("%s\n", written->c_str());
  }
  return kExitOk;
}

// `contacts export`: the only way out for the addresses, as CSV (pack,email).
int export_contacts(const std::string& db) {
  auto hub = HubStore::open(db);
  if (!hub) return fatal(hub.error().message);
  auto contacts = hub->contacts();
  if (!contacts) return fatal(contacts.error().message);
  std::printf("pack,email\n");
  for (const auto& contact : contacts.value()) {
    std::printf("%s,%s\n", contact.pack_id.c_str(), contact.email.c_str());
  }
  return kExitOk;
}

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  std::string token_file;
  std::string tls_cert;
  std::string tls_key;
  std::string pack_file;  // empty: /live shows the pack published on the hub last
  bool strict = false;
  int test_drop_acks = 0;
};

constexpr std::size_t kMaxSecretFileBytes = 1 << 20;

// A file's text without surrounding white space (a token file ends with a newline).
std::optional<std::string> read_secret(const std::string& file, const char* what) {
  auto text = peiling::read_text_file(file, kMaxSecretFileBytes);
  if (!text) {
    std::fprintf(stderr, "peiling-hub: %s: %s\n", what, text.errors().joined("; ").c_str());
    return std::nullopt;
  }
  std::string value = text.value();
  const auto first = value.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    std::fprintf(stderr, "peiling-hub: %s: %s is empty\n", what, file.c_str());
    return std::nullopt;
  }
  return value.substr(first, value.find_last_not_of(" \t\r\n") - first + 1);
}

// Serves until SIGTERM or SIGINT, then lets the requests in flight finish. The signals are blocked
// before the server's threads start, so only sigwait() here sees them.
int serve(const std::string& db, const ServeOptions& options) {
  peiling::sync::ServerOptions server;
  if (!peiling::sync::parse_listen_address(options.listen, server.host, server.port)) {
    return fatal("--listen " + options.listen + ": expected an IPv4 address and a port, like 127.0.0.1:8080");
  }
  if (options.tls_cert.empty() != options.tls_key.empty())
    return fatal("--tls-cert and --tls-key go together");
  if (!options.tls_cert.empty()) {
    server.tls_cert_pem = read_secret(options.tls_cert, "--tls-cert");
    server.tls_key_pem = read_secret(options.tls_key, "--tls-key");
    if (!server.tls_cert_pem || !server.tls_key_pem) return kExitFatal;
  }
  peiling::sync::HubApiOptions api_options;
  api_options.db = db;
  api_options.strict = options.strict;
  api_options.drop_first_acks = options.test_drop_acks;
  if (!options.token_file.empty()) {
    api_options.token = read_secret(options.token_file, "--token-file");
    if (!api_options.token) return kExitFatal;
  }
  std::optional<peiling::Pack> live_pack;
  if (!options.pack_file.empty()) {
    auto loaded = peiling::load_pack_file(options.pack_file);
    if (!loaded) return fatal("--pack-file: " + loaded.errors().joined("; "));
    live_pack = std::move(loaded->pack);
  }
  auto hub = HubStore::open(db);
  if (!hub) return fatal(hub.error().message);
  peiling::sync::HubApi api(hub.value(), api_options);
  api.add_get(std::string(peiling::report::kLivePath), peiling::report::live_route(std::move(live_pack)),
              peiling::sync::Access::open);
  server.log = [](const std::string& line) { std::fprintf(stderr, "peiling-hub: %s\n", line.c_str()); };

  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  // A client that hangs up mid-answer must not end the hub.
  signal(SIGPIPE, SIG_IGN);

  auto started = peiling::sync::HubServer::start(api, server);
  if (!started) return fatal(started.errors().joined("; "));
  auto& running = *started.value();
  std::printf("peiling-hub: serving %s on %s://%s:%u\n", db.c_str(), server.tls_cert_pem ? "https" : "http",
              server.host.c_str(), static_cast<unsigned>(running.port()));
  std::fflush(stdout);
  int received = 0;
  sigwait(&stop_signals, &received);
  std::fprintf(stderr, "peiling-hub: %s: finishing the requests in flight\n",
               received == SIGTERM ? "SIGTERM" : "SIGINT");
  running.stop();
  std::fprintf(stderr, "peiling-hub: stopped\n");
  return kExitOk;
}

int show_status(const std::string& db, bool as_json) {
  auto hub = HubStore::open(db);
  if (!hub) return fatal(hub.error().message);
  auto status = hub->status();
  if (!status) return fatal(status.error().message);
  if (as_json) {
    std::printf("%s\n", peiling::sync::status_json(status.value()).dump(2).c_str());
    return kExitOk;
  }
  const auto& s = status.value();
  std::printf("devices: %d counted, %d pending approval, %d blocked\n", s.devices, s.devices_pending,
              s.devices_blocked);
  std::printf("batches: %d counted, %d quarantined\n", s.batches, s.quarantined_batches);
  std::printf("responses:%s\n", s.responses.empty() ? " none" : "");
  for (const auto& pack : s.responses) {
    std::printf("  %s version %d: %d complete, %d abandoned\n", pack.pack_id.c_str(), pack.pack_version,
                pack.complete, pack.abandoned);
  }
  std::printf("duplicate responses skipped: %d\n", s.duplicate_responses);
  std::printf("conflicts: %zu\n", s.conflicts.size());
  for (const auto& conflict : s.conflicts) {
    std::printf("  device %s batch %lld: kept %s, refused %s from %s (seen %d times)\n",
                conflict.device_id.c_str(), static_cast<long long>(conflict.seq),
                conflict.stored_sha256.c_str(), conflict.offered_sha256.c_str(), conflict.file_name.c_str(),
                conflict.times_seen);
  }
  return kExitOk;
}

int list_devices(const std::string& db, bool as_json) {
  auto hub = HubStore::open(db);
  if (!hub) return fatal(hub.error().message);
  auto devices = hub->devices();
  if (!devices) return fatal(devices.error().message);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& device : devices.value()) {
    out.push_back({{"device_id", device.device_id},
                   {"state", peiling::sync::to_string(device.state)},
                   {"batches", device.batches},
                   {"complete", device.complete},
                   {"abandoned", device.abandoned},
                   {"first_seen", peiling::format_rfc3339(device.first_seen_at)},
                   {"last_seen", peiling::format_rfc3339(device.last_seen_at)}});
  }
  if (as_json) {
    std::printf("%s\n", out.dump(2).c_str());
    return kExitOk;
  }
  std::printf("%-36s  %-8s  %7s  %8s  %9s  %s\n", "device", "state", "batches", "complete", "abandoned",
              "last seen");
  for (const auto& device : out) {
    std::printf("%-36s  %-8s  %7d  %8d  %9d  %s\n", device["device_id"].get<std::string>().c_str(),
                device["state"].get<std::string>().c_str(), device["batches"].get<int>(),
                device["complete"].get<int>(), device["abandoned"].get<int>(),
                device["last_seen"].get<std::string>().c_str());
  }
  return kExitOk;
}

int change_device(const std::string& db, const std::string& device_id, peiling::sync::DeviceState state) {
  auto hub = HubStore::open(db);
  if (!hub) return fatal(hub.error().message);
  if (auto changed = hub->set_device_state(device_id, state); !changed) return fatal(changed.error().message);
  std::printf("device %s is now %s\n", device_id.c_str(),
              std::string(peiling::sync::to_string(state)).c_str());
  return kExitOk;
}

struct ReportRequest {
  std::string db;
  std::string format = "html";
  std::string out;
  std::string language;   // empty: the pack's first language
  std::string pack_id;    // empty: the pack file's id, or the pack published on the hub last
  std::string pack_file;  // empty: the pack published on the hub
  std::optional<int> k;   // empty: the pack's settings.min_group_size
  bool wide = false;
  bool include_abandoned = false;
  bool series = false;  // a first pack and its follow-up side by side
};

// Writes text to path, or says why not.
bool write_text_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  return static_cast<bool>(out);
}

int write_report(const ReportRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  auto hub = HubStore::open(request.db);
  if (!hub) return fatal(hub.error().message);
  auto loaded = request.pack_file.empty() ? peiling::report::published_pack(hub.value(), request.pack_id)
                                          : peiling::load_pack_file(request.pack_file);
  if (!loaded && request.pack_file.empty()) {
    return fatal(loaded.errors().joined("; ") + ": publish the pack (peiling-hub pack publish --db " +
                 request.db + " PACK.json) or give its file with --pack-file.");
  }
  if (!loaded) return fatal(loaded.errors().joined("; "));
  const peiling::Pack& pack = loaded->pack;
  if (!request.pack_id.empty() && request.pack_id != pack.id) {
    return fatal("--pack " + request.pack_id + " is not the pack in " + request.pack_file + " (" + pack.id +
                 "); give that pack's file with --pack-file.");
  }
  const std::string language = request.language.empty() ? pack.languages.front() : request.language;
  const int k = request.k.value_or(pack.settings.min_group_size);
  if (k < 1) return fatal("--k must be 1 or more.");
  auto data = hub->survey_data(pack.id);
  if (!data) return fatal(data.error().message);
  const peiling::Aggregate aggregate = peiling::aggregate(data.value(), pack, {k, request.include_abandoned});
  const peiling::report::ReportContext context{language, peiling::utc_now()};
  bool written = false;
  if (request.format == "html") {
    written = write_text_file(request.out, peiling::report::report_html(aggregate, pack, context));
  } else if (request.format == "json") {
    written =
        write_text_file(request.out, peiling::report::report_json(aggregate, pack, context)
                                             .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
                                         "\n");
  } else if (request.format == "csv") {
    std::ofstream out(request.out, std::ios::binary | std::ios::trunc);
    const peiling::report::Disclosure disclosure(aggregate);
    const auto dialect = language == "nl" ? peiling::report::kExcelNl : peiling::report::kRfc4180;
    if (request.wide) {
      peiling::report::write_wide_csv(out, data.value(), pack, disclosure, dialect);
    } else {
      peiling::report::write_long_csv(out, data.value(), pack, disclosure, dialect);
    }
    out.close();
    written = static_cast<bool>(out);
  } else {
    auto xlsx = peiling::report::write_xlsx(request.out, aggregate, data.value(), pack, context);
    if (!xlsx) return fatal(xlsx.errors().joined("; "));
    written = true;
  }
  if (!written) return fatal("could not write " + request.out + ".");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("report: %s written to %s in %.2f s (%d responses counted, k %d%s%s)\n", request.format.c_str(),
              request.out.c_str(), seconds, aggregate.responses, k,
              request.include_abandoned ? ", abandoned included" : "",
              aggregate.withheld ? ", fewer than k: figures withheld" : "");
  return kExitOk;
}

// `report --series`: the two packs are told apart by refers_to; each is aggregated on its own
// with the same k, the larger of the two packs' min_group_size unless --k says otherwise.
int write_series_report(const ReportRequest& request, const std::vector<std::string>& pack_files) {
  if (pack_files.size() != 2)
    return fatal("--series needs two --pack-file: the first pack and its follow-up.");
  if (request.format != "html" && request.format != "xlsx")
    return fatal("--series writes --format html or xlsx.");
  auto a = peiling::load_pack_file(pack_files[0]);
  if (!a) return fatal(a.errors().joined("; "));
  auto b = peiling::load_pack_file(pack_files[1]);
  if (!b) return fatal(b.errors().joined("; "));
  auto packs = peiling::order_series_packs(a->pack, b->pack);
  if (!packs) return fatal(packs.errors().joined("; "));
  const peiling::Pack& first = *packs->first;
  const std::string language = request.language.empty() ? first.languages.front() : request.language;
  const int k =
      request.k.value_or(std::max(first.settings.min_group_size, packs->follow_up->settings.min_group_size));
  if (k < 1) return fatal("--k must be 1 or more.");
  auto hub = HubStore::open(request.db);
  if (!hub) return fatal(hub.error().message);
  auto first_data = hub->survey_data(first.id);
  if (!first_data) return fatal(first_data.error().message);
  auto follow_up_data = hub->survey_data(packs->follow_up->id);
  if (!follow_up_data) return fatal(follow_up_data.error().message);
  const peiling::AggregationOptions options{k, request.include_abandoned};
  const peiling::Aggregate first_aggregate = peiling::aggregate(first_data.value(), first, options);
  const peiling::Aggregate follow_up_aggregate =
      peiling::aggregate(follow_up_data.value(), *packs->follow_up, options);
  const peiling::report::SeriesReport report(packs.value(), first_aggregate, follow_up_aggregate);
  const peiling::report::ReportContext context{language, peiling::utc_now()};
  if (request.format == "html") {
    if (!write_text_file(request.out, peiling::report::series_html(report, context))) {
      return fatal("could not write " + request.out + ".");
    }
  } else if (auto xlsx = peiling::report::write_series_xlsx(request.out, report, context); !xlsx) {
    return fatal(xlsx.errors().joined("; "));
  }
  std::printf("report: series %s written to %s (%s: %d responses, %s: %d responses, k %d)\n",
              request.format.c_str(), request.out.c_str(), first.id.c_str(), first_aggregate.responses,
              packs->follow_up->id.c_str(), follow_up_aggregate.responses, k);
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

  ServeOptions serve_options;
  auto* serve_command = cli.add_subcommand(
      "serve",
      "Receive batches from devices and serve the published packs and the live page (GET /live) over HTTP(S) "
      "until SIGTERM; one log "
      "line per request on stderr");
  add_db(serve_command);
  serve_command
      ->add_option("--listen", serve_options.listen, "IPv4 address and port; port 0 picks a free one")
      ->capture_default_str();
  serve_command
      ->add_option("--token-file", serve_options.token_file,
                   "Devices must send this file's token (Authorization: Bearer)")
      ->check(CLI::ExistingFile);
  serve_command->add_option("--tls-cert", serve_options.tls_cert, "PEM certificate (chain): serve HTTPS")
      ->check(CLI::ExistingFile);
  serve_command->add_option("--tls-key", serve_options.tls_key, "PEM private key of --tls-cert")
      ->check(CLI::ExistingFile);
  serve_command->add_flag("--strict", serve_options.strict, "Quarantine batches of devices not yet approved");
  serve_command->add_option("--pack-file", serve_options.pack_file,
                            "The pack GET /live shows (default: the newest pack published on this hub)");
  // Tests only: commit the first N new batches, then close the connection without an answer.
  serve_command->add_option("--test-drop-acks", serve_options.test_drop_acks)->group("");

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

  ReportRequest report_request;
  auto* report = cli.add_subcommand("report", "Write the results as HTML, CSV, XLSX or JSON");
  add_db(report);
  report->add_option("--format", report_request.format, "html, csv, xlsx or json")
      ->check(CLI::IsMember({"html", "csv", "xlsx", "json"}))
      ->required();
  report->add_option("--out", report_request.out, "The file to write")->required();
  std::vector<std::string> report_pack_files;
  report->add_option(
      "--pack-file", report_pack_files,
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
  report->add_flag("--include-abandoned", report_request.include_abandoned,
                   "Count abandoned responses too (the report says so)");
  report->add_flag("--series", report_request.series,
                   "Each point of the first pack beside its follow-up's status counts (html or xlsx)");

  CLI11_PARSE(cli, argc, argv);
  report_request.db = db;
  if (report->parsed() && report_request.series)
    return write_series_report(report_request, report_pack_files);
  if (report->parsed()) {
    if (report_pack_files.size() > 1) return fatal("give one --pack-file, or two with --series.");
    report_request.pack_file = report_pack_files.empty() ? "" : report_pack_files.front();
    return write_report(report_request);
  }
  if (validate->parsed()) return validate_packs(pack_files);
  if (to_sheet->parsed()) return pack_to_sheet(sheet_in, sheet_out);
  if (from_sheet->parsed()) return pack_from_sheet(sheet_in, sheet_out);
  if (publish->parsed()) return publish_pack(db, publish_file);
  if (pack_list->parsed()) return list_packs(db);
  if (pack_export->parsed()) return export_packs(db, pack_dir);
  if (contacts_export->parsed()) return export_contacts(db);
  if (init->parsed()) return init_hub(db);
  if (keys_show->parsed()) return show_keys(db);
  if (import_command->parsed()) return import(db, import_paths, strict);
  if (serve_command->parsed()) return serve(db, serve_options);
  if (status->parsed()) return show_status(db, as_json);
  if (approve->parsed()) return change_device(db, device_id, peiling::sync::DeviceState::approved);
  if (block->parsed()) return change_device(db, device_id, peiling::sync::DeviceState::blocked);
  if (devices->parsed()) return list_devices(db, as_json);
  return kExitOk;
}
