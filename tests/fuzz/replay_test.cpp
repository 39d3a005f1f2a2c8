// The plain replay of a fuzz target, built with the normal compiler for `make test` (label fuzz):
// every input of its corpus (tests/fuzz/corpus/<target>/) and every saved crash
// (tests/fuzz/regressions/<target>/) goes through LLVMFuzzerTestOneInput once, so that a fixed
// crash stays fixed. A broken invariant aborts, which fails the test.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/fuzz_support.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path kFuzzDir = fs::path(PEILING_TEST_DATA_DIR) / "fuzz";

std::vector<fs::path> inputs(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && !entry.path().filename().string().starts_with('.'))
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

int replay(const std::vector<fs::path>& files) {
  for (const auto& file : files) {
    SCOPED_TRACE(file.string());
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    const std::string input = bytes.str();
    EXPECT_EQ(LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size()), 0);
  }
  return static_cast<int>(files.size());
}

// One test, so that a target with no crash saved (yet) has nothing skipped.
TEST(PEILING_FUZZ_SUITE, ReplaysItsCorpusAndEverySavedCrash) {
  auto files = inputs(kFuzzDir / "corpus" / PEILING_FUZZ_TARGET);
  ASSERT_FALSE(files.empty()) << "no corpus for " PEILING_FUZZ_TARGET;
  const auto crashes = inputs(kFuzzDir / "regressions" / PEILING_FUZZ_TARGET);
  files.insert(files.end(), crashes.begin(), crashes.end());
  replay(files);
}

}  // namespace
