#pragma once
// The chair's switch over /live (issue 17): show the figures as they come in, hide them until
// the room has answered ("Results follow soon"), freeze them as they are now while responses keep
// arriving, and unfreeze. `peiling-hub plenary` and the console's Plenary page both call
// switch_plenary; the state is the hub database's (HubStore::plenary), so it survives a restart of
// serve, and every switch is in the audit log. A pack never switched is shown, as /live always was.
#include <optional>
#include <string>
#include <string_view>

#include "core/pack.hpp"
#include "core/result.hpp"
#include "hub/hub_store.hpp"

namespace peiling::report {

enum class PlenarySwitch { show, hide, freeze, unfreeze };
inline constexpr std::string_view kPlenarySwitchNames[] = {"show", "hide", "freeze", "unfreeze"};
std::optional<PlenarySwitch> plenary_switch_named(std::string_view name);
std::string_view to_string(PlenarySwitch what);

// Switches what /live shows of pack, for organiser from client ("cli" for peiling-hub itself), and
// returns the new state. freeze renders the live page now, in Dutch and English, and keeps both;
// freezing a frozen page takes a fresh snapshot. unfreeze is refused unless the page is frozen,
// naming what it is.
Result<hub::LiveState> switch_plenary(hub::HubStore& hub, const Pack& pack, PlenarySwitch what,
                                      const std::string& organiser, const std::string& client);

// "Results follow soon" in language ("nl" Dutch, else English), and the sentence under it.
std::string_view results_follow_soon(std::string_view language);
std::string results_follow_soon_detail(const Pack& pack, std::string_view language);

}  // namespace peiling::report
