// peiling: the kiosk and tablet app for attendees.
#include <CLI/CLI.hpp>
#include <SDL.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/catalog.hpp"
#include "core/json_file.hpp"
#include "core/pack.hpp"
#include "platform/clock.hpp"
#include "platform/display.hpp"
#include "platform/imgui_runtime.hpp"
#include "platform/main_loop.hpp"
#include "platform/paths.hpp"
#include "ui/kiosk_app.hpp"
#include "ui/script.hpp"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;  // a script expectation failed, or the input was refused
constexpr int kExitUsage = 2;   // bad arguments, or no display to run on

constexpr std::size_t kMaxScriptBytes = 1 << 20;

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
  float scale = 0;  // 0: from the display's DPI
  bool own_keyboard = false;
};

bool parse_size(const std::string& text, platform::Size& size) {
  static const std::regex pattern(R"((\d{1,5})x(\d{1,5}))");
  std::smatch match;
  if (!std::regex_match(text, match, pattern)) return false;
  size.width = std::stoi(match[1]);
  size.height = std::stoi(match[2]);
  return true;
}

void print_errors(const peiling::Errors& errors) {
  for (const auto& line : errors.lines) std::fprintf(stderr, "peiling: %s\n", line.c_str());
}

int run(const Options& options) {
  platform::DisplayOptions display_options;
  display_options.headless = options.headless;
  display_options.fullscreen = options.fullscreen;
  if (!parse_size(options.size, display_options.size)) {
    std::fprintf(stderr, "peiling: --size '%s': expected WIDTHxHEIGHT, for example 1280x800\n", options.size.c_str());
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

  const auto assets = platform::assets_dir();
  const std::filesystem::path pack_file =
      options.pack_file.empty() ? assets / "packs" / "conference-2009-11-13.json" : std::filesystem::path(options.pack_file);
  auto pack = peiling::load_pack_file(pack_file);
  if (!pack) {
    print_errors(pack.errors());
    return kExitFailed;
  }
  auto catalog = peiling::Catalog::load(assets / "i18n", pack->languages);
  if (!catalog) {
    print_errors(catalog.errors());
    return kExitFailed;
  }
  std::string language = options.language.empty() ? pack->languages.front() : options.language;
  if (std::find(pack->languages.begin(), pack->languages.end(), language) == pack->languages.end()) {
    std::fprintf(stderr, "peiling: --lang %s: the pack has no such language\n", language.c_str());
    return kExitUsage;
  }

  std::string error;
  auto display = platform::Display::open(display_options, error);
  if (!display) {
    std::fprintf(stderr, "peiling: %s\n", error.c_str());
    return kExitUsage;
  }
  const float scale = options.scale > 0 ? options.scale : platform::scale_from_dpi(*display);
  platform::ImGuiRuntime imgui;
  if (!imgui.init(*display, {platform::font_file().string(), peiling::ui::font_ladder_pixels(scale)}, error)) {
    std::fprintf(stderr, "peiling: %s\n", error.c_str());
    return kExitFailed;
  }

  platform::RealClock real_clock;
  platform::VirtualClock virtual_clock;
  platform::Clock& clock = options.virtual_time ? static_cast<platform::Clock&>(virtual_clock) : real_clock;
  const peiling::ui::DeviceSettings device{
      .scale = scale, .own_keyboard = options.own_keyboard || !SDL_HasScreenKeyboardSupport()};
  peiling::ui::KioskApp app(pack.value(), catalog.value(), peiling::ui::TextSizeFonts(imgui.fonts()), language, device);
  platform::MainLoop loop(*display, imgui, clock, app);

  if (options.quit_after_first_frame) {
    loop.settle();
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
  cli.add_flag("--headless", options.headless, "Render without a display (SDL dummy driver, software renderer)");
  cli.add_flag("--fullscreen", options.fullscreen, "Run fullscreen");
  cli.add_option("--size", options.size, "Window or surface size in pixels, WIDTHxHEIGHT")->capture_default_str();
  cli.add_option("--screenshot", options.screenshot, "Write a PNG of the screen (after --script, if given), then exit");
  cli.add_option("--script", options.script, "Drive the screens with a UI script, then exit")->check(CLI::ExistingFile);
  cli.add_option("--scale", options.scale,
                 "Physical pixels per logical pixel (1/160 inch); default: from the display's DPI, 1 when headless")
      ->check(CLI::Range(0.5f, 4.0f));
  cli.add_flag("--osk", options.own_keyboard,
               "Use the app's on-screen keyboard even where the platform has a screen keyboard");
  cli.add_flag("--virtual-time", options.virtual_time, "Script waits take no real time");
  cli.add_flag("--quit-after-first-frame", options.quit_after_first_frame,
               "Exit once the first screen is presented (for the startup benchmark)");
  CLI11_PARSE(cli, argc, argv);
  const int code = run(options);
  SDL_Quit();
  return code;
}
