#include "core/utc_time.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace peiling {

namespace {

struct Fields {
  int year;
  unsigned month, day;
  long hours, minutes, seconds, millis;
};

Fields split(UtcMillis instant) {
  using namespace std::chrono;
  const sys_time<milliseconds> time{milliseconds{instant}};
  const auto day_start = floor<days>(time);
  const year_month_day date{day_start};
  const hh_mm_ss clock{time - day_start};
  return {int(date.year()),        unsigned(date.month()),  unsigned(date.day()),      clock.hours().count(),
          clock.minutes().count(), clock.seconds().count(), clock.subseconds().count()};
}

}  // namespace

UtcMillis utc_now() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string format_rfc3339(UtcMillis instant) {
  const Fields f = split(instant);
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%03ldZ", f.year, f.month, f.day, f.hours,
                f.minutes, f.seconds, f.millis);
  return text;
}

std::optional<UtcMillis> parse_rfc3339(std::string_view text) {
  // "YYYY-MM-DDTHH:MM:SS.mmmZ": the separators at fixed places, digits everywhere else.
  constexpr std::string_view kShape = "0000-00-00T00:00:00.000Z";
  if (text.size() != kShape.size()) return std::nullopt;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool digit = text[i] >= '0' && text[i] <= '9';
    if (kShape[i] == '0' ? !digit : text[i] != kShape[i]) return std::nullopt;
  }
  const auto number = [&](std::size_t at, std::size_t length) {
    int value = 0;
    std::from_chars(text.data() + at, text.data() + at + length, value);
    return value;
  };
  using namespace std::chrono;
  const year_month_day date{year{number(0, 4)}, month{unsigned(number(5, 2))}, day{unsigned(number(8, 2))}};
  const int hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
  if (!date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  const auto instant =
      sys_days{date} + hours{hour} + minutes{minute} + seconds{second} + milliseconds{number(20, 3)};
  return duration_cast<milliseconds>(instant.time_since_epoch()).count();
}

std::string format_compact_utc(UtcMillis instant) {
  const Fields f = split(instant);
  char text[32];
  std::snprintf(text, sizeof text, "%04d%02u%02uT%02ld%02ld%02ldZ", f.year, f.month, f.day, f.hours,
                f.minutes, f.seconds);
  return text;
}

}  // namespace peiling
