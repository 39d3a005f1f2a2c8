#pragma once
// The life of a published pack (issue 17): open, closing, closed, with an optional moment at which
// it closes by itself, and whether it is a rehearsal. The hub keeps it per pack and tells devices
// at every sync (sync/pack_states.hpp); both sides read it through effective_state(), so a
// closing time works on a device that has not synced since, and on the hub with no timer.
//
//   open     new responses begin as usual.
//   closing  a kiosk finishes the response in progress, then shows the closed screen instead of
//            Welcome; a tablet still finishes its drafts but starts none.
//   closed   no device takes a response; the hub still stores late batches (never refused) and
//            marks their responses late, which reports count separately.
#include <optional>
#include <string_view>

#include "core/response.hpp"
#include "core/utc_time.hpp"

namespace peiling {

enum class PackState { open, closing, closed };

std::string_view to_string(PackState state);
// "open", "closing" or "closed"; nullopt for anything else.
std::optional<PackState> pack_state_named(std::string_view name);

struct PackLifecycle {
  PackState state = PackState::open;   // a pack never switched is open
  std::optional<UtcMillis> closes_at;  // it is closed from then on, whatever state says
  bool rehearsal = false;              // published as a rehearsal: its responses never count
  bool operator==(const PackLifecycle&) const = default;
};

// The state that holds at now: closed once closes_at has passed.
PackState effective_state(const PackLifecycle& lifecycle, UtcMillis now);

// Whether Welcome may begin a new response in this state: only while open.
bool takes_new_responses(PackState state);
// Whether a tablet may continue a draft: until the pack is closed. A kiosk keeps no drafts.
bool takes_drafts(PackState state, Mode mode);

}  // namespace peiling
