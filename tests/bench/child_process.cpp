#include "child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace peiling::bench {

namespace {

// Waits for pid to exit without reaping it (so its pid and its group stay reserved).
// Returns false when blocking is false and it still runs.
bool exited(pid_t pid, bool blocking) {
  siginfo_t info{};
  const int flags = WEXITED | WNOWAIT | (blocking ? 0 : WNOHANG);
  while (waitid(P_PID, static_cast<id_t>(pid), &info, flags) != 0) {
    if (errno != EINTR) return true;  // not our child any more: nothing to wait for
  }
  return info.si_pid != 0;
}

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const ChildOptions& options)
    : name_(argv.empty() ? std::string() : argv.front()) {
  if (argv.empty()) throw std::runtime_error("no program to start");
  // Everything the child needs is made before vfork: after it, only system calls until exec.
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
  env_strings.insert(env_strings.end(), options.env.begin(), options.env.end());
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> arg_strings = argv;
  std::vector<char*> args;
  for (auto& a : arg_strings) args.push_back(a.data());
  args.push_back(nullptr);
  const pid_t parent = getpid();

  // vfork, as glibc's posix_spawn does (which cannot set a death signal): the child borrows the
  // benchmark's memory until exec rather than copying it, so its peak RSS (ru_maxrss survives
  // exec) is the program's own, and starting it costs the same however large the benchmark is.
  const pid_t pid = vfork();
  if (pid < 0) throw std::runtime_error("cannot start " + name_ + ": vfork failed");
  if (pid == 0) {
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);  // the benchmark died before the line above
    const int null_fd = open("/dev/null", O_WRONLY);
    dup2(options.stdout_fd >= 0 ? options.stdout_fd : null_fd, STDOUT_FILENO);
    if (!options.keep_stderr) dup2(null_fd, STDERR_FILENO);
    if (options.inherit_fd >= 0) fcntl(options.inherit_fd, F_SETFD, 0);
    execvpe(args[0], args.data(), envp.data());
    _exit(127);
  }
  pid_ = pid;  // it has exec'd (or exited): its group exists
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(other.pid_), name_(std::move(other.name_)), status_(other.status_) {
  other.pid_ = 0;
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && !status_) kill();
}

bool ChildProcess::running() {
  if (status_) return false;
  if (!exited(pid_, false)) return true;
  reap(nullptr);
  return false;
}

int ChildProcess::wait(rusage* usage) {
  if (status_) return *status_;
  exited(pid_, true);
  return reap(usage);
}

void ChildProcess::kill() {
  if (status_ || pid_ <= 0) return;
  ::kill(-pid_, SIGKILL);
  reap(nullptr);
}

int ChildProcess::reap(rusage* usage) {
  ::kill(-pid_, SIGKILL);  // what it started and left behind; itself, if it still runs
  int status = 0;
  rusage ignored{};
  while (wait4(pid_, &status, 0, usage ? usage : &ignored) < 0 && errno == EINTR) {
  }
  status_ = status;
  return status;
}

Pipe::Pipe() {
  if (pipe2(fds_, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
}

Pipe::~Pipe() {
  for (int fd : fds_) {
    if (fd >= 0) close(fd);
  }
}

void Pipe::close_write() {
  if (fds_[1] >= 0) close(fds_[1]);
  fds_[1] = -1;
}

std::string Pipe::read_all(bool first_line_only) {
  constexpr int kSilenceMs = 60'000;
  std::string said;
  char buffer[4096];
  pollfd readable{fds_[0], POLLIN, 0};
  while (!(first_line_only && said.find('\n') != std::string::npos) && poll(&readable, 1, kSilenceMs) > 0) {
    const ssize_t n = read(fds_[0], buffer, sizeof buffer);
    if (n <= 0) break;
    said.append(buffer, static_cast<std::size_t>(n));
  }
  return said;
}

std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exited with " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
  return "ended with status " + std::to_string(status);
}

}  // namespace peiling::bench
