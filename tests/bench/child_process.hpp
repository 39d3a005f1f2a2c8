#pragma once
// A program the benchmark starts. It never outlives the benchmark, however that ends: it runs in
// a process group of its own, which the destructor kills (SIGKILL) and reaps, so an exception or
// an early return ends it and all it started; and it gets SIGKILL from the kernel when the
// benchmark dies without running any destructor (PR_SET_PDEATHSIG), as on SIGKILL or a crash.
#include <sys/resource.h>
#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace peiling::bench {

struct ChildOptions {
  std::vector<std::string> env;  // NAME=VALUE, added to the benchmark's own environment
  int stdout_fd = -1;            // the child's stdout (a pipe the benchmark reads); -1: /dev/null
  bool keep_stderr = false;      // stderr to the benchmark's, for its messages; else /dev/null
  int inherit_fd = -1;           // when >= 0: a descriptor the child keeps (Xvfb's -displayfd)
};

class ChildProcess {
 public:
  // Starts argv[0] (looked up in PATH when it has no slash). Throws std::runtime_error when it
  // cannot.
  ChildProcess(const std::vector<std::string>& argv, const ChildOptions& options = {});
  ~ChildProcess();
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&&) = delete;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  const std::string& name() const { return name_; }
  // Whether it is still running. Once it has exited, its wait status is kept (exit_status()).
  bool running();
  // Waits until it exits by itself; its wait status. usage, when given, gets its resource usage.
  int wait(rusage* usage = nullptr);
  // The wait status once it has exited.
  std::optional<int> exit_status() const { return status_; }
  // Ends it and everything in its process group now, and reaps it.
  void kill();

 private:
  // Reaps the exited child after killing what is left of its group (its pid, and so the group's
  // id, stays reserved until it is reaped).
  int reap(rusage* usage);

  pid_t pid_ = 0;
  std::string name_;
  std::optional<int> status_;
};

// A pipe from a child to the benchmark; both ends close when it goes. Give the child
// write_end() (ChildOptions::stdout_fd or inherit_fd), then close_write() so that reading ends
// when the child's copy closes.
class Pipe {
 public:
  Pipe();  // throws std::runtime_error when the system has no pipe to give
  ~Pipe();
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  int read_end() const { return fds_[0]; }
  int write_end() const { return fds_[1]; }
  void close_write();
  // What arrives until end of file, or until the first line when first_line_only; gives up when
  // nothing arrives for a minute (a program that hangs).
  std::string read_all(bool first_line_only = false);

 private:
  int fds_[2] = {-1, -1};
};

// "exited with 1", "killed by signal 9": a wait status for a person.
std::string describe_status(int status);

}  // namespace peiling::bench
