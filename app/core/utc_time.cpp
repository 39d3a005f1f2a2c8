#include "core/utc_time.hpp"

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
  return {int(date.year()),       unsigned(date.month()),    unsigned(date.day()),          clock.hours().count(),
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
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%03ldZ", f.year, f.month, f.day, f.hours, f.minutes,
                f.seconds, f.millis);
  return text;
}

std::string format_compact_utc(UtcMillis instant) {
  const Fields f = split(instant);
  char text[32];
  std::snprintf(text, sizeof text, "%04d%02u%02uT%02ld%02ld%02ldZ", f.year, f.month, f.day, f.hours, f.minutes,
                f.seconds);
  return text;
}

}  // namespace peiling
