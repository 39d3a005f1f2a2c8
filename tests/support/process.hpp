#pragma once
// Runs a program the way a person or CI would, and captures what it printed.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace peiling::test {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  std::string output;  // stdout and stderr together
};

struct ProcessOptions {
  std::vector<std::pair<std::string, std::string>> set_env;
  std::vector<std::string> unset_env;
  std::string working_dir;
  int timeout_seconds = 120;
  // When > 0: SIGKILL the program this many milliseconds after it starts, then collect what it
  // printed until then (crash tests).
  int kill_after_ms = 0;
  // When not empty: SIGKILL the program as soon as its output contains this text (a script's
  // `measure` line, flushed when printed, marks the moment).
  std::string kill_when_output_contains;
};

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// A fresh empty folder under the test output folder, named after the running test.
std::string scratch_dir(const std::string& name);

// The whole file, byte for byte; empty if it cannot be read.
std::string read_file(const std::filesystem::path& path);

// Writes text to path, creating or replacing it.
void write_file(const std::string& path, const std::string& text);

}  // namespace peiling::test
