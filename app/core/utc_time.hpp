#pragma once
// Wall-clock instants: UTC milliseconds since the Unix epoch, and their text forms.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace peiling {

using UtcMillis = std::int64_t;

inline constexpr UtcMillis kDayMillis = 24LL * 60 * 60 * 1000;

// The system clock now.
UtcMillis utc_now();

// RFC 3339 with milliseconds, always UTC: "2009-11-13T09:30:05.250Z".
std::string format_rfc3339(UtcMillis instant);

// The instant of text in exactly the form format_rfc3339() writes, or nullopt for anything else
// (another offset, no milliseconds, a day that does not exist).
std::optional<UtcMillis> parse_rfc3339(std::string_view text);

// ISO 8601 basic form, safe in file names on every platform: "20091113T093005Z".
std::string format_compact_utc(UtcMillis instant);

}  // namespace peiling
