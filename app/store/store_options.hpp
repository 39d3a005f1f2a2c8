#pragma once
// What both stores (the device's and the hub's) take when they open: the clock and the limits.
#include <cstdint>
#include <functional>
#include <optional>

#include "core/utc_time.hpp"

namespace peiling::store {

// How long a write waits for another program's lock (a backup reader, sqlite3) before failing.
inline constexpr int kDefaultBusyTimeoutMs = 2000;

struct StoreOptions {
  std::function<UtcMillis()> now = utc_now;
  int busy_timeout_ms = kDefaultBusyTimeoutMs;
  // Caps the database at this many pages; tests use it to simulate a full disk.
  std::optional<std::int64_t> max_page_count;
};

}  // namespace peiling::store
