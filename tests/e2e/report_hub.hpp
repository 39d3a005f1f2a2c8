#pragma once
// The hubs the report tests read: 200 scripted respondents of the conference pack (and 7 who
// walked away) on one device, exported with `peiling --export-batches` and taken in with
// `peiling-hub import`. Made once per ctest run by report_hub_setup.cpp (a ctest fixture), since
// 200 respondents committed answer by answer take half a minute.
#include <filesystem>

namespace peiling::test {

inline constexpr int kRespondents = 200;
inline constexpr int kAbandoned = 7;
// A small hub beside it, as after a workgroup of ten: where k and the intervals' minimum bite.
inline constexpr int kSmallHubRespondents = 10;

// Holds hub.db and pack.json (the conference pack with this hub's keys).
inline std::filesystem::path report_hub_dir() {
  return std::filesystem::path(PEILING_TEST_OUTPUT_DIR) / "scratch" / "report-hub";
}

inline std::filesystem::path small_report_hub_dir() {
  return std::filesystem::path(PEILING_TEST_OUTPUT_DIR) / "scratch" / "report-hub-10";
}

}  // namespace peiling::test
