#include "support/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>

namespace peiling::test {

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    dup2(pipe_fds[1], STDERR_FILENO);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    const int null_fd = open("/dev/null", O_RDONLY);
    if (null_fd >= 0) dup2(null_fd, STDIN_FILENO);
    for (const auto& name : options.unset_env) unsetenv(name.c_str());
    for (const auto& [name, value] : options.set_env) setenv(name.c_str(), value.c_str(), 1);
    if (!options.working_dir.empty() && chdir(options.working_dir.c_str()) != 0) _exit(126);
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  ProcessResult result;
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + std::chrono::seconds(options.timeout_seconds);
  std::optional<std::chrono::steady_clock::time_point> kill_at;
  if (options.kill_after_ms > 0) kill_at = start + std::chrono::milliseconds(options.kill_after_ms);
  char buffer[4096];
  bool timed_out = false;
  for (;;) {
    int wait_ms = 100;
    if (kill_at) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(*kill_at - std::chrono::steady_clock::now());
      wait_ms = static_cast<int>(std::clamp<std::chrono::milliseconds::rep>(left.count(), 0, wait_ms));
    }
    pollfd fd{pipe_fds[0], POLLIN, 0};
    const int ready = poll(&fd, 1, wait_ms);
    if (ready > 0) {
      const ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
      if (n <= 0) break;
      result.output.append(buffer, static_cast<std::size_t>(n));
      if (!options.kill_when_output_contains.empty() &&
          result.output.find(options.kill_when_output_contains) != std::string::npos) {
        kill_at = std::chrono::steady_clock::now();
      }
    }
    // The pipe keeps what the program wrote before it died; reading goes on until end of file.
    if (kill_at && std::chrono::steady_clock::now() >= *kill_at) {
      kill(pid, SIGKILL);
      kill_at.reset();
    }
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      timed_out = true;
      break;
    }
  }
  close(pipe_fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  if (timed_out)
    result.output += "\n[test: killed after " + std::to_string(options.timeout_seconds) + " s]\n";
  return result;
}

std::string scratch_dir(const std::string& name) {
  const auto dir = std::filesystem::path(PEILING_TEST_OUTPUT_DIR) / "scratch" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace peiling::test
