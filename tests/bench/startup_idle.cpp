// Startup (process start to the first frame presented, headless) and idle CPU (10 s on each screen a
// kiosk rests on, under Xvfb), each against the floor program measured in the same run.
//
// Idle: each screen is reached the way a person reaches it, by pointer input from outside the
// kiosk (XTest, as xdotool sends it), so that what is measured is the kiosk at rest and not a
// script runner inside it. Where to tap comes from a headless run of the same kiosk (same size,
// scale and seed) that lists its widgets before each tap and takes a screenshot at the end; the
// window under Xvfb must then show that same screen, or the figure is refused.
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "child_process.hpp"
#include "core/pack.hpp"
#include "figures.hpp"
#include "x_server.hpp"

namespace peiling::bench {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr int kWidth = 1280;
constexpr int kHeight = 800;
constexpr std::uint64_t kSeed = 2009;  // the same points in the same order, headless and under Xvfb
constexpr auto kIdleSettle = std::chrono::seconds(2);
constexpr auto kIdleMeasure = std::chrono::seconds(10);

struct Programs {
  std::string kiosk;
  std::string floor;
};

// The kiosk's arguments for a screen of kWidth x kHeight at scale 1 with a data folder of its own.
std::vector<std::string> kiosk_argv(const Programs& programs, const fs::path& data_dir) {
  return {programs.kiosk,
          "--size",
          std::to_string(kWidth) + "x" + std::to_string(kHeight),
          "--scale",
          "1",
          "--seed",
          std::to_string(kSeed),
          "--data-dir",
          data_dir.string()};
}

// Milliseconds from starting argv to its saying "first frame presented" on stdout (the kiosk's
// --quit-after-first-frame and the floor's --first-frame); its shutdown after that is not timed,
// but it must then exit cleanly.
double first_frame_ms(const std::vector<std::string>& argv) {
  constexpr std::string_view kLine = "first frame presented\n";
  Pipe output;
  const auto start = Clock::now();
  ChildProcess child(argv, {.stdout_fd = output.write_end(), .keep_stderr = true});
  output.close_write();
  const std::string said = output.read_all(true);
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  const int status = child.wait();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error(argv[0] + " " + describe_status(status));
  if (said != kLine)
    throw std::runtime_error(argv[0] + " said \"" + said + "\", not that it presented a frame");
  return ms;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// CPU seconds the process has run so far, summed over its threads, from the scheduler's
// nanosecond counters (/proc/PID/task/TID/schedstat) rather than 10 ms clock ticks.
double cpu_seconds(pid_t pid) {
  long long nanoseconds = 0;
  for (const auto& task : fs::directory_iterator("/proc/" + std::to_string(pid) + "/task")) {
    std::ifstream schedstat(task.path() / "schedstat");
    long long on_cpu = 0;
    if (schedstat >> on_cpu) nanoseconds += on_cpu;
  }
  return static_cast<double>(nanoseconds) / 1e9;
}

// One thing a person does: tap the widget with this ID, or hold the pointer still at a point.
struct Action {
  std::string widget;
  int x = 0, y = 0, hold_ms = 0;
};
Action tap(std::string widget) {
  return {std::move(widget)};
}

// A screen the idle figures rest on and the way there from Welcome; landmark starts the ID of a
// widget only that screen shows, which the headless run must find there.
struct Route {
  std::string screen;
  std::string slug;  // for file names
  std::vector<Action> actions;
  std::string landmark;
  int compared_width = kWidth;  // how much of the screen, from the left, must match the headless one
};

std::vector<Route> idle_routes(const Pack& pack) {
  const std::vector<Action> to_point_card{tap("welcome.begin"), tap("role.skip"), tap("vignette.skip")};
  const auto pages_on = [&](int pages) {
    std::vector<Action> actions = to_point_card;
    for (int page = 0; page < pages; ++page) actions.push_back(tap("nav.next"));
    return actions;
  };
  // Every point card, then every missed opportunity, and the top three come next; then the open
  // questions and the review.
  const int to_top_three =
      pack.settings.points_per_respondent +
      (pack.missed_opportunities ? static_cast<int>(pack.missed_opportunities->items.size()) : 0);
  // The admin panel: hold the top-right corner for 3 s, then choose a PIN and give it again.
  std::vector<Action> to_admin{{"", kWidth - 4, 4, 3500}};
  for (int twice = 0; twice < 2; ++twice) {
    for (char digit : std::string("2009")) to_admin.push_back(tap(std::string("pin.") + digit));
    to_admin.push_back(tap("pin.ok"));
  }
  return {
      {"Welcome", "welcome", {}, "welcome.begin"},
      {"a scene", "scene", {tap("welcome.begin"), tap("role.skip")}, "vignette.skip"},
      {"a point card", "point-card", to_point_card, "importance."},
      {"the top three", "top-three", pages_on(to_top_three), "top."},
      {"the review", "review", pages_on(to_top_three + 2), "review.send"},
      // Its right column shows the sync worker, which a headless batch run has none of.
      {"the admin panel", "admin", to_admin, "admin.close", kWidth / 2 - 20},
  };
}

// Where each widget was, per screen along a route: the headless run's list before each tap and
// at the end.
using WidgetRects = std::map<std::string, std::array<int, 4>>;  // by ID

struct Plan {
  std::vector<WidgetRects> screens;  // screens[i]: before actions[i]; the last one at the end
  fs::path screenshot;
};

// Runs the route headless, in virtual time, listing the widgets before each tap; the output's
// `measure ""` lines (the first item on screen) mark where one list ends.
Plan plan_route(const Programs& programs, const Route& route, const fs::path& dir) {
  const fs::path script = dir / (route.slug + ".script");
  Plan plan{{}, dir / (route.slug + "-headless.png")};
  {
    std::ofstream out(script);
    for (const Action& action : route.actions) {
      if (action.widget.empty()) {
        out << "drag " << action.x << " " << action.y << " " << action.x << " " << action.y << " "
            << action.hold_ms << "\n";
      } else {
        out << "list_widgets\nmeasure \"\"\ntap \"" << action.widget << "\"\n";
      }
    }
    out << "list_widgets\nmeasure \"\"\nscreenshot " << plan.screenshot.string() << "\n";
  }
  std::vector<std::string> argv = kiosk_argv(programs, dir / (route.slug + "-headless-data"));
  for (const char* extra : {"--headless", "--virtual-time", "--script"}) argv.emplace_back(extra);
  argv.push_back(script.string());
  Pipe pipe;
  ChildProcess kiosk(argv, {.stdout_fd = pipe.write_end(), .keep_stderr = true});
  pipe.close_write();
  const std::string output = pipe.read_all();
  if (const int status = kiosk.wait(); !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("the headless kiosk on the way to " + route.screen + " " +
                             describe_status(status));
  const std::regex widget_line(
      R"re(^widget ".*" (\S+) (-?\d+) (-?\d+) (-?\d+) (-?\d+)(?: of .*)?(?: midword)?(?: spills)?(?: taller)?$)re");
  std::istringstream lines(output);
  WidgetRects screen;
  std::smatch match;
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("measure \"\" ")) {
      plan.screens.push_back(std::move(screen));
      screen.clear();
    } else if (std::regex_match(line, match, widget_line)) {
      screen[match[1]] = {std::stoi(match[2]), std::stoi(match[3]), std::stoi(match[4]), std::stoi(match[5])};
    }
  }
  const std::size_t taps = static_cast<std::size_t>(std::count_if(
      route.actions.begin(), route.actions.end(), [](const Action& a) { return !a.widget.empty(); }));
  const auto shows_landmark = [&](const WidgetRects& rects) {
    return std::any_of(rects.begin(), rects.end(),
                       [&](const auto& rect) { return rect.first.starts_with(route.landmark); });
  };
  if (plan.screens.size() != taps + 1 || !shows_landmark(plan.screens.back()))
    throw std::runtime_error("the headless kiosk did not reach " + route.screen + " (no " + route.landmark +
                             ")");
  return plan;
}

RgbImage picture(XServer& x, XWindow window, const std::string& what) {
  auto shown = x.capture(window);
  if (!shown) throw std::runtime_error(what + ": the kiosk's window has gone");
  return std::move(*shown);
}

// Captures until two captures kPollInterval apart agree: the kiosk has drawn its last frame.
RgbImage settled_picture(XServer& x, XWindow window, const std::string& what) {
  constexpr auto kPollInterval = milliseconds(60);
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  RgbImage last = picture(x, window, what);
  for (;;) {
    std::this_thread::sleep_for(kPollInterval);
    RgbImage now = picture(x, window, what);
    if (now == last) return now;
    if (Clock::now() > deadline) throw std::runtime_error(what + ": the window never stopped changing");
    last = std::move(now);
  }
}

// The window of process pid once it has drawn a frame (shows more than one colour). SDL may
// replace the window it mapped first, so the window is looked up again until then.
XWindow drawn_window(XServer& x, pid_t pid, const std::string& what) {
  const auto deadline = Clock::now() + std::chrono::seconds(15);
  for (;;) {
    const XWindow window = x.window_of(pid, std::chrono::seconds(15));
    if (const auto shown = x.capture(window)) {
      const auto first = shown->rgb.begin();
      for (auto pixel = first; pixel + 3 <= shown->rgb.end(); pixel += 3) {
        if (!std::equal(pixel, pixel + 3, first)) return window;
      }
    }
    if (Clock::now() > deadline) throw std::runtime_error(what + ": the window stayed blank");
    std::this_thread::sleep_for(milliseconds(20));
  }
}

// Moves the pointer to a point of the window, then presses and releases button 1 there (after
// holding it hold_ms) and waits for the screen to change and settle. The pointer comes to rest
// before the press, as a hand's does: the kiosk misses a press that arrives in the same batch of
// events as the motion to it (noted for the kiosk's input handling). On failure the window's
// picture is left in failure_png for a person to look at.
void click_at(XServer& x, XWindow window, int at_x, int at_y, int hold_ms, const std::string& what,
              const fs::path& failure_png) {
  constexpr auto kRest = milliseconds(250);
  constexpr int kShortestPressMs = 100;
  x.move_pointer(window, at_x, at_y);
  std::this_thread::sleep_for(kRest);
  const RgbImage before = settled_picture(x, window, what);
  x.button(true);
  std::this_thread::sleep_for(milliseconds(std::max(hold_ms, kShortestPressMs)));
  x.button(false);
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (picture(x, window, what) == before) {
    if (Clock::now() > deadline) {
      write_png(before, failure_png.string());
      throw std::runtime_error(what + " changed nothing on the screen (" + failure_png.string() + ")");
    }
    std::this_thread::sleep_for(milliseconds(20));
  }
  settled_picture(x, window, what);
}

// A kiosk under Xvfb, brought to the route's screen by XTest input and checked against the plan.
ChildProcess kiosk_on(XServer& x, const Programs& programs, const Route& route, const Plan& plan,
                      const fs::path& dir) {
  ChildProcess kiosk(kiosk_argv(programs, dir / (route.slug + "-data")), {.env = {"DISPLAY=" + x.display()}});
  const XWindow window = drawn_window(x, kiosk.pid(), route.screen);
  const fs::path failure_png = dir / (route.slug + "-xvfb-failed.png");
  std::size_t screen = 0;
  for (const Action& action : route.actions) {
    if (action.widget.empty()) {
      click_at(x, window, action.x, action.y, action.hold_ms,
               "holding " + std::to_string(action.x) + "," + std::to_string(action.y), failure_png);
      continue;
    }
    const auto& rects = plan.screens[screen++];
    const auto rect = rects.find(action.widget);
    if (rect == rects.end())
      throw std::runtime_error("no " + action.widget + " on the way to " + route.screen);
    const auto& [x0, y0, x1, y1] = rect->second;
    click_at(x, window, (x0 + x1) / 2, (y0 + y1) / 2, 0,
             "tapping " + action.widget + " on the way to " + route.screen, failure_png);
  }
  const RgbImage shown = settled_picture(x, window, route.screen);
  write_png(shown, (dir / (route.slug + "-xvfb.png")).string());
  // The same screen drawn by SDL's software and OpenGL renderers differs in about 0.02% of its
  // pixels (share_of_pixels_differing); the next point card, with other text, in 0.7%.
  constexpr double kMostDiffering = 0.001;
  const double differing =
      share_of_pixels_differing(left_part(shown, route.compared_width),
                                left_part(read_png(plan.screenshot.string()), route.compared_width));
  if (differing > kMostDiffering) {
    throw std::runtime_error("the kiosk under Xvfb does not show " + route.screen + ": " +
                             std::to_string(differing * 100) + "% of its pixels differ from " +
                             plan.screenshot.string());
  }
  if (!kiosk.running()) throw std::runtime_error("the kiosk on " + route.screen + " ended");
  return kiosk;
}

Pack bundled_pack() {
  auto loaded = load_pack_file(fs::path(PEILING_ASSETS_DIR) / "packs" / "conference-2009-11-13.json");
  if (!loaded) throw std::runtime_error(loaded.errors().joined("; "));
  return loaded->pack;
}

}  // namespace

std::vector<Figure> startup_and_idle_figures(const BenchContext& context) {
  const Programs programs{(context.bin_dir / "app/kiosk/peiling").string(),
                          (context.bin_dir / "tests/bench/peiling-bench-floor").string()};

  // Startup: alternate the two so both see the same machine load; take medians.
  constexpr int kRuns = 15;
  std::vector<double> kiosk_ms;
  std::vector<double> floor_ms;
  // A kiosk starts on its existing database; the warm-up run creates it (and warms the page cache).
  const std::vector<std::string> kiosk_start{programs.kiosk, "--headless", "--quit-after-first-frame",
                                             "--data-dir", (context.scratch_dir / "startup").string()};
  first_frame_ms(kiosk_start);
  first_frame_ms({programs.floor, "--first-frame"});
  for (int i = 0; i < kRuns; ++i) {
    kiosk_ms.push_back(first_frame_ms(kiosk_start));
    floor_ms.push_back(first_frame_ms({programs.floor, "--first-frame"}));
  }
  std::vector<Figure> figures;
  figures.push_back(make_figure("startup to first frame (headless, median of 15)", median(kiosk_ms), "ms",
                                "floor: minimal ImGui+SDL, same atlas", median(floor_ms), "<= 1.25"));

  // Idle: a kiosk on each screen and the stock loop, side by side for the same 10 s, each on an
  // X server of its own, so that no window covers another and each has the pointer to itself.
  const fs::path dir = context.scratch_dir / "idle";
  fs::create_directories(dir);
  const auto routes = idle_routes(bundled_pack());
  std::vector<Plan> plans;
  for (const auto& route : routes) plans.push_back(plan_route(programs, route, dir));
  std::vector<std::unique_ptr<XServer>> servers;  // outlive the programs they show
  std::vector<ChildProcess> kiosks;
  for (std::size_t i = 0; i < routes.size(); ++i) {
    servers.push_back(std::make_unique<XServer>(kWidth, kHeight));
    kiosks.push_back(kiosk_on(*servers.back(), programs, routes[i], plans[i], dir));
  }
  servers.push_back(std::make_unique<XServer>(kWidth, kHeight));
  ChildProcess floor({programs.floor, "--stock-loop"}, {.env = {"DISPLAY=" + servers.back()->display()}});
  drawn_window(*servers.back(), floor.pid(), "the stock loop");
  std::this_thread::sleep_for(kIdleSettle);
  std::vector<ChildProcess*> measured;
  for (auto& kiosk : kiosks) measured.push_back(&kiosk);
  measured.push_back(&floor);
  std::vector<double> before;
  for (ChildProcess* child : measured) before.push_back(cpu_seconds(child->pid()));
  std::this_thread::sleep_for(kIdleMeasure);
  std::vector<double> used;
  for (std::size_t i = 0; i < measured.size(); ++i)
    used.push_back(cpu_seconds(measured[i]->pid()) - before[i]);
  // A program that died early would idle at zero; that is a failure, not a figure.
  for (std::size_t i = 0; i < measured.size(); ++i) {
    if (!measured[i]->running()) {
      const std::string what = i < routes.size() ? "the kiosk on " + routes[i].screen : "the stock loop";
      throw std::runtime_error(what + " " + describe_status(*measured[i]->exit_status()) +
                               " during the idle run");
    }
  }
  const std::string stock = "floor: ImGui stock loop (poll + render every frame)";
  for (std::size_t i = 0; i < routes.size(); ++i) {
    figures.push_back(make_figure("idle CPU on " + routes[i].screen + ", 10 s under Xvfb", used[i], "CPU s",
                                  stock, used.back(), "<= 0.02"));
  }
  return figures;
}

}  // namespace peiling::bench
