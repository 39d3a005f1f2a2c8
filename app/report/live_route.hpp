#pragma once
// `GET /live?lang=nl|en` on `peiling-hub serve`. Kept here rather than in app/hub so peiling_hub
// stays free of the report (and libxlsxwriter); peiling-hub adds the route with
// api.add_get(kLivePath, live_route(...), Access::open).
#include <optional>
#include <string_view>

#include "core/pack.hpp"
#include "hub/hub_api.hpp"

namespace peiling::report {

inline constexpr std::string_view kLivePath = "/live";

// The handler of GET /live. With a pack (serve --pack-file) it shows that pack; without, the pack
// newest published at the time of each request. Every answer is a whole HTML page a projector can
// show: 200 the live page; 400 an unknown lang; 404 no pack to show (and how to give one, reloading
// by itself so the page appears once a pack is published); 503 when the hub database fails.
hub::GetHandler live_route(std::optional<Pack> pack);

}  // namespace peiling::report
