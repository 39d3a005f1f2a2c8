#pragma once
// Setting the life of a published pack (core/pack_lifecycle.hpp) as `peiling-hub pack state` and
// the console's Packs page do: the state by name, an optional closing time, the audit entry.
#include <optional>
#include <string>
#include <string_view>

#include "core/pack_lifecycle.hpp"
#include "core/result.hpp"
#include "hub/hub_store.hpp"

namespace peiling::hub {

// A closing time as an organiser types it, always UTC: "2026-12-03T15:00Z", with seconds
// ("…T15:00:00Z") or milliseconds, or as a browser's datetime-local field sends it
// ("2026-12-03T15:00"). nullopt for anything else.
std::optional<UtcMillis> closing_time_named(std::string_view text);

struct PackStateChange {
  std::string pack_id;
  std::string state;      // "open", "closing" or "closed"
  std::string closes_at;  // empty: none
  std::string organiser;  // for the audit log
  std::string client;     // "cli", or the console's client address
};

// Checks and applies the change: the pack must be published on this hub, the state one of the
// three and the closing time a time to come. Errors are one sentence each, naming what is wrong
// and what to give instead. Returns the lifecycle now in force.
Result<PackLifecycle> set_pack_state(HubStore& hub, const PackStateChange& change);

}  // namespace peiling::hub
