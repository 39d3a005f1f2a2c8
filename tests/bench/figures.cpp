#include "figures.hpp"

#include <sys/wait.h>

#include <chrono>
#include <stdexcept>

#include "child_process.hpp"

namespace peiling::bench {

ChildRun run_child(const std::vector<std::string>& argv) {
  const auto start = std::chrono::steady_clock::now();
  ChildProcess child(argv, {.keep_stderr = true});
  rusage usage{};
  const int status = child.wait(&usage);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error(argv[0] + " " + (argv.size() > 1 ? argv[1] : "") + " " +
                             describe_status(status));
  }
  return {seconds, static_cast<double>(usage.ru_maxrss) / 1024.0};
}

Figure make_figure(std::string name, double value, std::string unit, std::string baseline_name,
                   double baseline_value, std::string target) {
  return Figure{std::move(name),          value,          std::move(unit),
                std::move(baseline_name), baseline_value, baseline_value > 0 ? value / baseline_value : 0,
                std::move(target)};
}

}  // namespace peiling::bench
