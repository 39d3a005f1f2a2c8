#include "hub/pack_state.hpp"

#include <algorithm>

#include "core/pack.hpp"

namespace peiling::hub {

std::optional<UtcMillis> closing_time_named(std::string_view text) {
  if (auto exact = parse_rfc3339(text)) return exact;
  std::string written(text);
  // "2026-12-03T15:00" or "…T15:00Z", then "…:SS" with or without Z: completed to what
  // parse_rfc3339 reads, so the calendar checks are its own.
  if (!written.empty() && written.back() == 'Z') written.pop_back();
  if (written.size() == 16) written += ":00";
  if (written.size() != 19) return std::nullopt;
  return parse_rfc3339(written + ".000Z");
}

Result<PackLifecycle> set_pack_state(HubStore& hub, const PackStateChange& change) {
  using Changed = Result<PackLifecycle>;
  const auto state = pack_state_named(change.state);
  if (!state)
    return Changed::failure("'" + change.state + "' is not a pack state; give open, closing or closed");
  std::optional<UtcMillis> closes_at;
  if (!change.closes_at.empty()) {
    closes_at = closing_time_named(change.closes_at);
    if (!closes_at) {
      return Changed::failure("closes at: '" + change.closes_at +
                              "' is not a time; give it in UTC as 2026-12-03T15:00Z");
    }
    if (*closes_at <= utc_now())
      return Changed::failure("closes at: " + change.closes_at + " has passed; to close now, set closed");
    if (*state == PackState::closed)
      return Changed::failure("closes at: a closed pack needs no closing time; set open or closing with it");
  }
  auto packs = hub.published_packs();
  if (!packs) return Changed::failure(packs.error().message);
  if (std::none_of(packs->begin(), packs->end(),
                   [&](const auto& pack) { return pack.ref.id == change.pack_id; }))
    return Changed::failure("pack " + change.pack_id + " is not published on this hub (see `pack list`)");
  std::string detail = change.pack_id + ": " + change.state;
  if (closes_at) detail += ", closes at " + format_rfc3339(*closes_at);
  if (auto set = hub.set_pack_lifecycle(change.pack_id, *state, closes_at,
                                        {0, change.organiser, "pack-state", detail, change.client});
      !set)
    return Changed::failure(set.error().message);
  auto now_in_force = hub.pack_lifecycle(change.pack_id);
  if (!now_in_force) return Changed::failure(now_in_force.error().message);
  return now_in_force.value();
}

}  // namespace peiling::hub
