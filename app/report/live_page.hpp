#pragma once
// The live results page for `peiling-hub serve` (GET /live?lang=nl|en): the hub's counted
// complete responses of the pack, aggregated with the pack's k, as one HTML page that reloads
// itself every 10 seconds. The server route only has to call this and send the text.
#include <string>
#include <string_view>

#include "core/pack.hpp"
#include "hub/hub_store.hpp"
#include "store/store_error.hpp"

namespace peiling::report {

// language "nl" gives Dutch, anything else English. Below the figures, the "From the room" panel
// (report/live_room.hpp) with the approved comments that now picks (0: the clock).
store::StoreResult<std::string> live_page(hub::HubStore& hub, const Pack& pack, std::string_view language,
                                          UtcMillis now = 0);

}  // namespace peiling::report
