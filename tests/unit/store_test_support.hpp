#pragma once
// Shared pieces of the store tests: readable assertions on StoreResult, a clock the test moves,
// and a folder per test.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>

#include "store/device_store.hpp"
#include "support/process.hpp"

namespace peiling::store::test {

template <class T>
::testing::AssertionResult Ok(const StoreResult<T>& result) {
  if (result.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << to_string(result.error().kind) << ": " << result.error().message;
}

template <class T>
::testing::AssertionResult FailsWith(const StoreResult<T>& result, ErrorKind kind) {
  if (result.ok()) return ::testing::AssertionFailure() << "succeeded; expected " << to_string(kind);
  if (result.error().kind != kind) {
    return ::testing::AssertionFailure() << "failed with " << to_string(result.error().kind) << " ("
                                         << result.error().message << "); expected " << to_string(kind);
  }
  if (result.error().message.empty()) return ::testing::AssertionFailure() << "the error has no message";
  return ::testing::AssertionSuccess();
}

// The store's time, moved by the test; each test starts on the day of the conference.
class TestClock {
 public:
  static constexpr UtcMillis kConferenceMorning = 1'258'099'200'000;  // 2009-11-13T08:00:00Z
  UtcMillis now() const { return *now_; }
  void advance(UtcMillis ms) { *now_ += ms; }
  StoreOptions options() const {
    StoreOptions options;
    options.now = [now = now_] { return *now; };
    return options;
  }

 private:
  std::shared_ptr<UtcMillis> now_ = std::make_shared<UtcMillis>(kConferenceMorning);
};

// A fresh folder named after the running test; a suffix gives the test a second one.
inline std::string test_dir(const std::string& suffix = "") {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name =
      std::string(info->test_suite_name()) + "." + info->name() + (suffix.empty() ? "" : "-" + suffix);
  std::replace(name.begin(), name.end(), '/', '_');
  return peiling::test::scratch_dir(name);
}

inline const PackRef kPack{"conference-test", 3};
inline const std::string kPackJson =
    R"({"format": "peiling.pack/1", "id": "conference-test", "version": 3, "languages": ["nl", "en"]})";

}  // namespace peiling::store::test
