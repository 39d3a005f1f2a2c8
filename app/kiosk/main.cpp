// peiling: the kiosk and tablet app for attendees.
#include <SDL.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <optional>
#include <random>
#include <regex>
#include <sstream>
#include <thread>

#include "core/catalog.hpp"
#include "core/json_file.hpp"
#include "core/pack.hpp"
#include "platform/clock.hpp"
#include "platform/display.hpp"
#include "platform/imgui_runtime.hpp"
#include "platform/main_loop.hpp"
#include "platform/paths.hpp"
#include "store/device_startup.hpp"
#include "store/device_store.hpp"
#include "sync/http_sync.hpp"
#include "sync/outbox.hpp"
#include "ui/kiosk_app.hpp"
#include "ui/script.hpp"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;  // a script expectation failed, or the input was refused
constexpr int kExitUsage = 2;   // bad arguments, or no display to run on

constexpr std::size_t kMaxScriptBytes = 1 << 20;

// What --quit-after-first-frame prints once the first frame is presented (as the benchmark's
// floor program does).
constexpr const char* kFirstFrameLine = "first frame presented";

struct Options {
  std::string pack_file;
  std::string language;
  bool headless = false;
  bool fullscreen = false;
  std::string size = "1280x800";
  std::string screenshot;
  std::string script;
  bool virtual_time = false;
  bool quit_after_first_frame = false;
  std::optional<std::uint64_t> seed;
  std::string data_dir;
  std::string backup;
  float scale = 0;  // 0: from the display's DPI
  bool own_keyboard = false;
  std::string export_dir;
  std::string mode;  // "kiosk" or "tablet"; empty: the pack's settings.mode
  std::string fetch_packs_dir;
  std::string sync_url;
  std::string hub_url;
  std::string hub_ca;
  int sync_attempts = 6;

  // A script, a screenshot or a benchmark frame is a batch job, not a kiosk at a venue.
  bool batch() const { return headless || !script.empty() || !screenshot.empty() || quit_after_first_frame; }
};

// A folder of its own for a batch run without --data-dir, removed at exit: tests and benchmarks
// running side by side must neither share nor lock the device's real data.
class TemporaryDataDir {
 public:
  TemporaryDataDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "peiling-data-XXXXXX").string();
    if (mkdtemp(pattern.data())) path_ = pattern;
  }
  ~TemporaryDataDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TemporaryDataDir(const TemporaryDataDir&) = delete;
  TemporaryDataDir& operator=(const TemporaryDataDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

bool parse_size(const std::string& text, platform::Size& size) {
  static const std::regex pattern(R"((\d{1,5})x(\d{1,5}))");
  std::smatch match;
  if (!std::regex_match(text, match, pattern)) return false;
  size.width = std::stoi(match[1]);
  size.height = std::stoi(match[2]);
  return true;
}

void print_lines(const std::vector<std::string>& lines) {
  for (const auto& line : lines) std::fprintf(stderr, "peiling: %s\n", line.c_str());
}

void print_errors(const peiling::Errors& errors) {
  print_lines(errors.lines);
}

// --data-dir, else the per-user folder SDL names; empty when neither is known.
std::filesystem::path chosen_data_dir(const Options& options) {
  return options.data_dir.empty() ? platform::default_data_dir() : std::filesystem::path(options.data_dir);
}

std::filesystem::path bundled_pack_file() {
  return platform::assets_dir() / "packs" / "conference-2009-11-13.json";
}

int run_backup(const Options& options) {
  const auto data_dir = chosen_data_dir(options);
  if (data_dir.empty()) {
    std::fprintf(stderr, "peiling: --backup: no data folder is known here; give it with --data-dir\n");
    return kExitUsage;
  }
  auto written = peiling::store::backup_data_dir(data_dir, options.backup);
  if (!written) {
    std::fprintf(stderr, "peiling: %s\n", written.error().message.c_str());
    return kExitFailed;
  }
  std::printf("peiling: backup of %s written to %s\n", (data_dir / peiling::store::kDatabaseFileName).c_str(),
              std::filesystem::absolute(options.backup).c_str());
  return kExitOk;
}

std::optional<peiling::Mode> chosen_mode(const Options& options) {
  if (options.mode.empty()) return std::nullopt;
  return options.mode == "tablet" ? peiling::Mode::tablet : peiling::Mode::kiosk;
}

void print_pack_import(const peiling::sync::PackImportSummary& packs) {
  for (const auto& ref : packs.added) {
    std::printf("peiling: pack %s version %d taken up; the admin panel offers it\n", ref.id.c_str(),
                ref.version);
  }
  if (packs.activated) {
    std::printf("peiling: pack %s version %d is now the active pack, as it asks\n",
                packs.activated->id.c_str(), packs.activated->version);
  }
  if (packs.waiting) {
    std::printf(
        "peiling: pack %s version %d asks to be active, but drafts of the running pack are open; "
        "choose it in the admin panel\n",
        packs.waiting->id.c_str(), packs.waiting->version);
  }
  for (const auto& line : packs.refused) std::fprintf(stderr, "peiling: refused: %s\n", line.c_str());
}

// The device store in data_dir and the pack to run there (store/device_startup.hpp), with what
// start-up had to tell the operator printed: what the kiosk and every command-line job start from.
peiling::Result<peiling::store::Device> open_store_and_pack(const std::filesystem::path& data_dir,
                                                            const Options& options) {
  return peiling::store::open_device({.data_dir = data_dir,
                                      .pack_file = options.pack_file,
                                      .bundled_pack_file = bundled_pack_file(),
                                      .mode = chosen_mode(options)});
}

std::optional<peiling::store::Device> open_device(const std::filesystem::path& data_dir,
                                                  const Options& options) {
  auto device = open_store_and_pack(data_dir, options);
  if (!device) {
    print_errors(device.errors());
    return std::nullopt;
  }
  print_lines(device->messages);
  return std::move(device.value());
}

// What the kiosk reads before its first frame besides the font: the store and its pack, the
// admin's settings and the interface strings. lines are for the operator, as open_device prints
// them; without a catalog start-up failed.
struct Started {
  std::optional<peiling::store::Device> device;
  std::optional<peiling::store::KioskSettings> settings;
  std::optional<peiling::Catalog> catalog;
  std::vector<std::string> lines;
};

Started start_device(const std::filesystem::path& data_dir, const Options& options) {
  Started started;
  auto device = open_store_and_pack(data_dir, options);
  if (!device) {
    started.lines = device.errors().lines;
    return started;
  }
  started.lines = device->messages;
  auto settings = device->store.kiosk_settings();
  if (!settings) {
    started.lines.push_back(settings.error().message);
    return started;
  }
  auto catalog = peiling::Catalog::load(platform::assets_dir() / "i18n", device->pack.pack.languages);
  if (!catalog) {
    started.lines.insert(started.lines.end(), catalog.errors().lines.begin(), catalog.errors().lines.end());
    return started;
  }
  started.settings = std::move(settings.value());
  started.catalog = std::move(catalog.value());
  started.device = std::move(device.value());
  return started;
}

// The device for a command-line job (--export-batches, --fetch-packs, --sync).
std::optional<peiling::store::Device> open_sync_job(const Options& options, const char* flag) {
  const auto data_dir = chosen_data_dir(options);
  if (data_dir.empty()) {
    std::fprintf(stderr, "peiling: %s: no data folder is known here; give it with --data-dir\n", flag);
    return std::nullopt;
  }
  return open_device(data_dir, options);
}

// `--export-batches DIR`: what the admin panel's "Export to USB stick" does, without a screen.
int run_export(const Options& options) {
  auto job = open_sync_job(options, "--export-batches");
  if (!job) return kExitFailed;
  auto exchanged = peiling::sync::exchange_with_folder(job->store, job->pack.pack, options.export_dir);
  if (!exchanged) {
    print_errors(exchanged.errors());
    return kExitFailed;
  }
  const auto& summary = exchanged->batches;
  for (const auto& problem : summary.ack_problems)
    std::fprintf(stderr, "peiling: warning: %s\n", problem.c_str());
  std::printf(
      "peiling: %d acknowledgement(s) read, %d batch(es) newly delivered, %d formed, %zu written to %s\n",
      summary.acks_read, summary.batches_delivered, summary.batches_formed, summary.written.size(),
      options.export_dir.c_str());
  if (exchanged->contacts_file)
    std::printf("peiling: contact opt-ins written to %s\n", exchanged->contacts_file->c_str());
  print_pack_import(exchanged->packs);
  return kExitOk;
}

// `--fetch-packs DIR`: only the hub's published packs in DIR/packs/.
int run_fetch_packs(const Options& options) {
  auto job = open_sync_job(options, "--fetch-packs");
  if (!job) return kExitFailed;
  auto imported = peiling::sync::import_packs(job->store, job->pack.pack, options.fetch_packs_dir);
  if (!imported) {
    print_errors(imported.errors());
    return kExitFailed;
  }
  print_pack_import(imported.value());
  return imported->refused.empty() ? kExitOk : kExitFailed;
}

// `--sync URL`: what the sync worker does, once and without a window. A pass that must wait (no
// answer, busy, not an ack) is tried again after the worker's backoff, up to --sync-attempts
// passes. Exit 0 when every batch is delivered and no published pack was refused or unfetchable.
int run_sync(const Options& options) {
  auto job = open_sync_job(options, "--sync");
  if (!job) return kExitFailed;
  auto settings = job->store.sync_settings();
  if (!settings) {
    std::fprintf(stderr, "peiling: %s\n", settings.error().message.c_str());
    return kExitFailed;
  }
  peiling::sync::HubEndpoint endpoint =
      peiling::sync::hub_endpoint(job->pack.pack, settings.value()).value_or(peiling::sync::HubEndpoint{});
  endpoint.url = options.sync_url;
  if (!options.hub_ca.empty()) endpoint.ca_file = options.hub_ca;
  peiling::sync::Backoff backoff(std::random_device{}());
  int delivered = 0;
  for (int attempt = 1;; ++attempt) {
    auto pass = peiling::sync::sync_pass(job->store, job->pack.pack, endpoint, {});
    if (!pass) {
      print_errors(pass.errors());
      return kExitFailed;
    }
    delivered += pass->delivered;
    for (const auto& [seq, message] : pass->refused) {
      std::fprintf(stderr, "peiling: batch %lld refused by the hub: %s\n", static_cast<long long>(seq),
                   message.c_str());
    }
    print_pack_import(pass->packs);
    for (const auto& problem : pass->pack_fetch_problems) {
      std::fprintf(stderr, "peiling: pack not fetched: %s\n", problem.c_str());
    }
    if (!pass->retry_reason || attempt >= options.sync_attempts) {
      std::printf(
          "peiling: sync with %s: %d batch(es) delivered, %d waiting, %zu refused; %zu pack(s) taken up, "
          "%zu refused; after %d attempt(s)%s%s\n",
          endpoint.url.c_str(), delivered, pass->waiting, pass->refused.size(), pass->packs.added.size(),
          pass->packs.refused.size(), attempt, pass->retry_reason ? "; last problem: " : "",
          pass->retry_reason.value_or("").c_str());
      return pass->all_delivered() && pass->pack_problems().empty() ? kExitOk : kExitFailed;
    }
    const auto delay = backoff.after_failure();
    std::fprintf(stderr, "peiling: %s; trying again in %.1f s\n", pass->retry_reason->c_str(),
                 static_cast<double>(delay.count()) / 1000.0);
    std::this_thread::sleep_for(delay);
  }
}

// Sync over HTTP in the background, with the hub address the admin set, else the pack's, else none
// until the admin sets one; --hub overrides them for this run. Scripts and screenshots are batch
// jobs that sync only when given --hub. The worker wakes
// the main loop with an SDL user event, which is safe to push from any thread.
std::unique_ptr<peiling::sync::SyncWorker> start_sync_worker(const Options& options,
                                                             peiling::store::DeviceStore& store,
                                                             const peiling::Pack& pack) {
  if (options.batch() && options.hub_url.empty()) return nullptr;
  auto settings = store.sync_settings();
  if (!settings) return nullptr;
  auto endpoint = peiling::sync::hub_endpoint(pack, settings.value());
  if (!options.hub_url.empty()) {
    if (!endpoint) endpoint.emplace();
    endpoint->url = options.hub_url;
  }
  if (endpoint && !options.hub_ca.empty()) endpoint->ca_file = options.hub_ca;
  const Uint32 wake = SDL_RegisterEvents(1);
  // Without an address the worker waits for the admin to set one, and wakes nobody meanwhile.
  return std::make_unique<peiling::sync::SyncWorker>(store, pack, std::move(endpoint), [wake] {
    SDL_Event event{};
    event.type = wake;
    SDL_PushEvent(&event);
  });
}

int run(const Options& options) {
  platform::DisplayOptions display_options;
  display_options.headless = options.headless;
  display_options.fullscreen = options.fullscreen;
  if (!parse_size(options.size, display_options.size)) {
    std::fprintf(stderr, "peiling: --size '%s': expected WIDTHxHEIGHT, for example 1280x800\n",
                 options.size.c_str());
    return kExitUsage;
  }

  std::vector<peiling::ui::ScriptCommand> script;
  if (!options.script.empty()) {
    auto text = peiling::read_text_file(options.script, kMaxScriptBytes);
    if (!text) {
      print_errors(text.errors());
      return kExitUsage;
    }
    auto parsed = peiling::ui::parse_script(text.value(), options.script);
    if (!parsed) {
      print_errors(parsed.errors());
      return kExitUsage;
    }
    script = std::move(parsed.value());
  }

  // The display first: without one there is nothing to run, and the message should say so.
  std::string error;
  auto display = platform::Display::open(display_options, error);
  if (!display) {
    std::fprintf(stderr, "peiling: %s\n", error.c_str());
    return kExitUsage;
  }
  std::optional<TemporaryDataDir> temporary_data_dir;
  if (options.data_dir.empty() && options.batch()) temporary_data_dir.emplace();
  const auto data_dir = temporary_data_dir ? temporary_data_dir->path() : chosen_data_dir(options);
  if (data_dir.empty()) {
    std::fprintf(stderr, "peiling: no data folder is known here; give one with --data-dir\n");
    return kExitUsage;
  }
  // The store, the pack and the interface strings are read on a thread of their own while the
  // font atlas is built here: they took 3 of start-up's 38 ms of CPU (Release), which the floor
  // program does not spend, and neither needs the other but that the admin's scale (in the store)
  // sizes the fonts. So the atlas is built for the scale of --scale or the display, and built
  // again in the rare case that the admin chose another.
  auto starting = std::async(std::launch::async, [&] { return start_device(data_dir, options); });
  const float usual_scale = options.scale > 0 ? options.scale : platform::scale_from_dpi(*display);
  std::optional<platform::ImGuiRuntime> imgui;
  const auto init_imgui = [&](float for_scale) {
    imgui.reset();
    imgui.emplace();
    return imgui->init(*display, {platform::font_file().string(), peiling::ui::font_ladder_pixels(for_scale)},
                       error);
  };
  bool fonts_built = init_imgui(usual_scale);
  Started started = starting.get();
  print_lines(started.lines);
  if (!started.catalog) return kExitFailed;
  peiling::store::DeviceStore& store = started.device->store;
  const peiling::Pack& pack = started.device->pack.pack;
  const peiling::store::KioskSettings& settings = *started.settings;
  // --scale, else the admin's choice, else the display's DPI.
  const float scale = options.scale > 0 || !settings.scale_percent
                          ? usual_scale
                          : static_cast<float>(*settings.scale_percent) / 100.0f;
  if (fonts_built && scale != usual_scale) fonts_built = init_imgui(scale);
  if (!fonts_built) {
    std::fprintf(stderr, "peiling: %s\n", error.c_str());
    return kExitFailed;
  }
  const peiling::Catalog& catalog = *started.catalog;
  const auto in_pack = [&](const std::string& language) {
    return std::find(pack.languages.begin(), pack.languages.end(), language) != pack.languages.end();
  };
  if (!options.language.empty() && !in_pack(options.language)) {
    std::fprintf(stderr, "peiling: --lang %s: the pack has no such language\n", options.language.c_str());
    return kExitUsage;
  }
  // --lang, else the admin's choice when this pack has it, else the pack's first.
  const std::string language = !options.language.empty() ? options.language
                               : settings.default_language && in_pack(*settings.default_language)
                                   ? *settings.default_language
                                   : pack.languages.front();

  platform::RealClock real_clock;
  platform::VirtualClock virtual_clock;
  platform::Clock& clock = options.virtual_time ? static_cast<platform::Clock&>(virtual_clock) : real_clock;
  const std::uint64_t seed = options.seed ? *options.seed : std::random_device{}();
  const peiling::ui::DeviceSettings device{
      .scale = scale,
      .own_keyboard = options.own_keyboard || settings.own_keyboard || !SDL_HasScreenKeyboardSupport()};
  auto sync_worker = start_sync_worker(options, store, pack);
  peiling::ui::KioskApp app(pack, catalog, store, clock, peiling::ui::TextSizeFonts(imgui->fonts()),
                            {.language = language, .random_seed = seed, .mode = chosen_mode(options)}, device,
                            sync_worker.get());
  platform::MainLoop loop(*display, *imgui, clock, app);

  if (options.quit_after_first_frame) {
    loop.render_one_frame();
    // The benchmark stops its clock at this line: start-up ends here, before the shutdown.
    std::puts(kFirstFrameLine);
    std::fflush(stdout);
    return kExitOk;
  }
  if (!options.script.empty()) {
    peiling::ui::ScriptRunner runner(loop, *display, app.screen_index());
    if (!runner.run(script, options.script, error)) {
      std::fprintf(stderr, "peiling: %s\n", error.c_str());
      return kExitFailed;
    }
  }
  if (!options.screenshot.empty()) {
    platform::Image image;
    if (!loop.capture(image, error) || !platform::save_png(image, options.screenshot, error)) {
      std::fprintf(stderr, "peiling: --screenshot: %s\n", error.c_str());
      return kExitFailed;
    }
  }
  // A script or a screenshot is a batch job; otherwise this is the kiosk.
  if (options.script.empty() && options.screenshot.empty()) {
    if (options.headless) {
      std::fprintf(stderr, "peiling: --headless has nothing to show; add --screenshot or --script\n");
      return kExitUsage;
    }
    loop.run();
  }
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Peiling: rate the improvement points of a work conference (kiosk and tablet app)", "peiling"};
  Options options;
  cli.add_option("--pack", options.pack_file, "Content pack to run (default: the bundled 2009-11-13 pack)")
      ->check(CLI::ExistingFile);
  cli.add_option("--lang", options.language, "Language to start in (default: the pack's first)");
  cli.add_flag("--headless", options.headless,
               "Render without a display (SDL dummy driver, software renderer)");
  cli.add_flag("--fullscreen", options.fullscreen, "Run fullscreen");
  cli.add_option("--size", options.size, "Window or surface size in pixels, WIDTHxHEIGHT")
      ->capture_default_str();
  cli.add_option("--screenshot", options.screenshot,
                 "Write a PNG of the screen (after --script, if given), then exit");
  cli.add_option("--script", options.script, "Drive the screens with a UI script, then exit")
      ->check(CLI::ExistingFile);
  cli.add_option(
         "--scale", options.scale,
         "Physical pixels per logical pixel (1/160 inch); default: from the display's DPI, 1 when headless")
      ->check(CLI::Range(0.5f, 4.0f));
  cli.add_flag("--osk", options.own_keyboard,
               "Use the app's own on-screen keyboard even where the platform has one (it is used anyway "
               "where the platform has none)");
  cli.add_flag("--virtual-time", options.virtual_time, "Script waits take no real time");
  cli.add_flag("--quit-after-first-frame", options.quit_after_first_frame,
               "Exit once the first screen is presented, saying so on stdout (for the startup benchmark)");
  cli.add_option(
         "--mode", options.mode,
         "kiosk (walk-up, idle reset) or tablet (every point, drafts resumed later); default: the pack's")
      ->check(CLI::IsMember({"kiosk", "tablet"}));
  cli.add_option("--seed", options.seed, "Seed for the choice and order of points (default: random)");
  cli.add_option("--data-dir", options.data_dir,
                 "Folder of the device database (default: the per-user data folder; "
                 "--headless, --script and --screenshot runs use a temporary one)");
  cli.add_option("--backup", options.backup,
                 "Write a consistent copy of the database to FILE, even while a kiosk runs, then exit");
  cli.add_option(
      "--export-batches", options.export_dir,
      "Write every batch the hub has not acknowledged to DIR (a USB stick), reading its acks/; also write "
      "the contact opt-ins to DIR/contacts/ and take up the hub's packs in DIR/packs/; then exit");
  cli.add_option(
      "--fetch-packs", options.fetch_packs_dir,
      "Take up the packs the hub published into DIR/packs/ (signature checked, validated), then exit");
  cli.add_option(
      "--sync", options.sync_url,
      "Post every batch the hub has not acknowledged to the hub at URL (http or https) and take up "
      "the packs it published, then exit; exit status 0 when all are delivered and no pack was refused");
  cli.add_option("--hub", options.hub_url,
                 "The hub's address for the background sync, instead of the admin's or the pack's hub.url");
  cli.add_option("--hub-ca", options.hub_ca,
                 "PEM file of the CA (or certificate) the hub's HTTPS must verify with")
      ->check(CLI::ExistingFile);
  cli.add_option(
         "--sync-attempts", options.sync_attempts,
         "With --sync: passes to try, with backoff between them, while the hub cannot take the batches")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  CLI11_PARSE(cli, argc, argv);
  const int code = !options.backup.empty()            ? run_backup(options)
                   : !options.export_dir.empty()      ? run_export(options)
                   : !options.fetch_packs_dir.empty() ? run_fetch_packs(options)
                   : !options.sync_url.empty()        ? run_sync(options)
                                                      : run(options);
  SDL_Quit();
  return code;
}
