// Startup (process start to first frame presented, headless) and idle CPU (10 s on the welcome
// screen under Xvfb), each against the floor program measured in the same run.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "figures.hpp"

extern char** environ;

namespace peiling::bench {

namespace {

using Clock = std::chrono::steady_clock;

struct Programs {
  std::string kiosk;
  std::string floor;
};

pid_t spawn(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env, bool quiet) {
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
  env_strings.insert(env_strings.end(), extra_env.begin(), extra_env.end());
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (quiet) {
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  }
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

double run_ms(const std::vector<std::string>& argv) {
  const auto start = Clock::now();
  const int code = wait_exit(spawn(argv, {}, true));
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  if (code != 0) throw std::runtime_error(argv[0] + " exited with " + std::to_string(code));
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
  for (const auto& task : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task")) {
    std::ifstream schedstat(task.path() / "schedstat");
    long long on_cpu = 0;
    if (schedstat >> on_cpu) nanoseconds += on_cpu;
  }
  return static_cast<double>(nanoseconds) / 1e9;
}

// An X server on a free display number, for as long as this object lives.
class Xvfb {
 public:
  Xvfb() {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    const std::string fd = std::to_string(fds[1]);
    const char* argv[] = {"Xvfb",        "-displayfd", fd.c_str(), "-screen", "0",
                          "1280x800x24", "-nolisten",  "tcp",      nullptr};
    if (posix_spawnp(&pid_, "Xvfb", &actions, nullptr, const_cast<char**>(argv), environ) != 0) {
      throw std::runtime_error("cannot start Xvfb (install xvfb)");
    }
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    char buffer[16] = {};
    const ssize_t n = read(fds[0], buffer, sizeof buffer - 1);
    close(fds[0]);
    if (n <= 0) throw std::runtime_error("Xvfb did not report its display");
    char display[32];
    std::snprintf(display, sizeof display, ":%d", std::atoi(buffer));
    display_ = display;
  }
  ~Xvfb() {
    kill(pid_, SIGTERM);
    wait_exit(pid_);
  }
  const std::string& display() const { return display_; }

 private:
  pid_t pid_ = 0;
  std::string display_;
};

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
  run_ms(kiosk_start);
  run_ms({programs.floor, "--first-frame"});
  for (int i = 0; i < kRuns; ++i) {
    kiosk_ms.push_back(run_ms(kiosk_start));
    floor_ms.push_back(run_ms({programs.floor, "--first-frame"}));
  }
  std::vector<Figure> figures;
  figures.push_back(make_figure("startup to first frame (headless, median of 15)", median(kiosk_ms), "ms",
                                "floor: minimal ImGui+SDL, same atlas", median(floor_ms), "<= 1.5"));

  // Idle: the kiosk on Welcome, the kiosk on a point card, and the stock loop, side by side on
  // one X server for the same 10 s.
  Xvfb xvfb;
  const std::vector<std::string> env{"DISPLAY=" + xvfb.display()};
  const auto card_script = context.scratch_dir / "point-card.script";
  std::ofstream(card_script)
      << "tap \"welcome.begin\"\ntap \"role.skip\"\ntap \"vignette.skip\"\nwait 60000\n";
  const pid_t welcome =
      spawn({programs.kiosk, "--data-dir", (context.scratch_dir / "welcome").string()}, env, true);
  const pid_t card = spawn({programs.kiosk, "--data-dir", (context.scratch_dir / "card").string(), "--script",
                            card_script.string()},
                           env, true);
  const pid_t floor = spawn({programs.floor, "--stock-loop"}, env, true);
  const std::vector<pid_t> programs_running{welcome, card, floor};
  std::this_thread::sleep_for(std::chrono::seconds(2));  // past start-up and the first frames
  std::vector<double> before;
  for (pid_t pid : programs_running) before.push_back(cpu_seconds(pid));
  std::this_thread::sleep_for(std::chrono::seconds(10));
  std::vector<double> used;
  for (std::size_t i = 0; i < programs_running.size(); ++i) {
    used.push_back(cpu_seconds(programs_running[i]) - before[i]);
  }
  const char* names[] = {"the kiosk on Welcome", "the kiosk on a point card", "the stock loop"};
  for (std::size_t i = 0; i < programs_running.size(); ++i) {
    const pid_t pid = programs_running[i];
    // A program that died early would idle at zero; that is a failure, not a figure.
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) != 0) {
      throw std::runtime_error(std::string(names[i]) + " exited during the idle run (status " +
                               std::to_string(status) + ")");
    }
    kill(pid, SIGTERM);
    wait_exit(pid);
  }
  const std::string stock = "floor: ImGui stock loop (poll + render every frame)";
  figures.push_back(
      make_figure("idle CPU on Welcome, 10 s under Xvfb", used[0], "CPU s", stock, used[2], "<= 0.02"));
  figures.push_back(
      make_figure("idle CPU on a point card, 10 s under Xvfb", used[1], "CPU s", stock, used[2], "<= 0.02"));
  return figures;
}

}  // namespace peiling::bench
