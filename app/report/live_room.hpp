#pragma once
// The "From the room" panel of /live (issue 17): comments and open answers a moderator approved,
// a few at a time, another few at each reload, so the big screen cycles through them with no
// script. None at all until the pack has k complete responses; a comment names its point (or open
// question) only when at least k complete responses were shown that point, and its role only when
// that role's group has k; the figures' own rule (core/aggregation.hpp).
#include <string>
#include <string_view>
#include <vector>

#include "core/aggregation.hpp"
#include "core/pack.hpp"
#include "hub/hub_store.hpp"

namespace peiling::report {

inline constexpr std::size_t kRoomPanelTexts = 3;

// The panel's HTML, or "" when there is nothing to show. queue: the pack's (HubStore::
// moderation_queue); only approved texts of complete responses are read. now picks the few shown.
std::string room_panel(const std::vector<hub::QueuedText>& queue, const Aggregate& aggregate,
                       const Pack& pack, std::string_view language, UtcMillis now);

}  // namespace peiling::report
