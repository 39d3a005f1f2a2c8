#pragma once
// `GET /live?lang=nl|en` on `peiling-hub serve`. Kept here rather than in app/hub so peiling_hub
// stays free of the report (and libxlsxwriter); peiling-hub adds the route with
// add_live_routes(api, ...).
#include <optional>
#include <string_view>

#include "core/pack.hpp"
#include "hub/hub_api.hpp"

namespace peiling::report {

inline constexpr std::string_view kLivePath = "/live";
// What each /live page polls to see the chair's switch within a second (live_state_route).
inline constexpr std::string_view kLiveStatePath = "/live/state";

// The handler of GET /live. With a pack (serve --pack-file) it shows that pack; without, the pack
// newest published at the time of each request. Every answer is a whole HTML page a projector can
// show: 200 the live page; 400 an unknown lang; 404 no pack to show (and how to give one, reloading
// by itself so the page appears once a pack is published); 503 when the hub database fails.
// Every page polls kLiveStatePath and reloads when its version changes.
hub::GetHandler live_route(std::optional<Pack> pack);

// The handler of GET /live/state: {"version": V, "pack": ID, "state": shown|hidden|frozen}, V
// changing whenever the shown pack or its switch does; {"version": "no-pack"} without a pack; 503
// with "error" when the hub database fails. Open like /live, and as cheap: no aggregation.
hub::GetHandler live_state_route(std::optional<Pack> pack);

// Both, open to anyone on the network as the projector is: what serve adds to its HubApi.
void add_live_routes(hub::HubApi& api, std::optional<Pack> pack);

}  // namespace peiling::report
