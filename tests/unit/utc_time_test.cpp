// UTC formatting, checked against the C library's gmtime_r for instants across the calendar.
#include "core/utc_time.hpp"

#include <gtest/gtest.h>

#include <ctime>
#include <random>

namespace peiling {
namespace {

std::string c_library_format(UtcMillis instant, const char* pattern) {
  const auto seconds = static_cast<std::time_t>(instant >= 0 ? instant / 1000 : (instant - 999) / 1000);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[64];
  std::strftime(text, sizeof text, pattern, &parts);
  return text;
}

std::vector<UtcMillis> sample_instants() {
  std::vector<UtcMillis> instants{0, 999, -1, 951'782'400'000 /* 2000-02-29 */, 1'258'099'200'000};
  std::mt19937_64 random(std::random_device{}());
  std::uniform_int_distribution<UtcMillis> any(-2'000'000'000'000, 4'000'000'000'000);
  for (int i = 0; i < 200; ++i) instants.push_back(any(random));
  return instants;
}

TEST(UtcTime, Rfc3339MatchesTheCLibraryAndCarriesMilliseconds) {
  for (const UtcMillis instant : sample_instants()) {
    const long millis = static_cast<long>(((instant % 1000) + 1000) % 1000);
    char fraction[8];
    std::snprintf(fraction, sizeof fraction, ".%03ldZ", millis);
    EXPECT_EQ(format_rfc3339(instant), c_library_format(instant, "%Y-%m-%dT%H:%M:%S") + fraction) << instant;
  }
}

TEST(UtcTime, CompactFormIsSafeInFileNames) {
  for (const UtcMillis instant : sample_instants()) {
    const std::string compact = format_compact_utc(instant);
    EXPECT_EQ(compact, c_library_format(instant, "%Y%m%dT%H%M%SZ")) << instant;
    EXPECT_EQ(compact.find_first_of(":/\\ "), std::string::npos) << compact;
  }
}

TEST(UtcTime, Rfc3339ReadsBackEveryInstantItWrites) {
  for (const UtcMillis instant : sample_instants()) {
    EXPECT_EQ(parse_rfc3339(format_rfc3339(instant)), instant) << format_rfc3339(instant);
  }
}

TEST(UtcTime, Rfc3339RefusesEveryOtherForm) {
  for (const char* text :
       {"2009-11-13T09:30:05Z", "2009-11-13T09:30:05.250+01:00", "2009-11-13 09:30:05.250Z",
        "2009-02-29T09:30:05.250Z", "2009-11-13T24:00:00.000Z", "2009-11-13T09:60:00.000Z",
        "2009-11-13T09:30:05.250z", "+009-11-13T09:30:05.250Z", "", "2009-11-13T09:30:05.2500Z"}) {
    EXPECT_EQ(parse_rfc3339(text), std::nullopt) << text;
  }
}

TEST(UtcTime, NowIsTheSystemClock) {
  const UtcMillis before = static_cast<UtcMillis>(std::time(nullptr)) * 1000;
  const UtcMillis now = utc_now();
  const UtcMillis after = static_cast<UtcMillis>(std::time(nullptr)) * 1000 + 1000;
  EXPECT_GE(now, before);
  EXPECT_LE(now, after);
}

}  // namespace
}  // namespace peiling
