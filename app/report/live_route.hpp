#pragma once
// `GET /live?lang=nl|en` on `peiling-hub serve`, and the published pack a report is about.
// Kept here rather than in sync/ so peiling_hub_server stays free of the report (and libxlsxwriter);
// app/hub adds the route with api.add_get(kLivePath, live_route(...), Access::open).
#include <optional>
#include <string_view>

#include "core/pack.hpp"
#include "core/result.hpp"
#include "hub/hub_api.hpp"
#include "hub/hub_store.hpp"

namespace peiling::report {

inline constexpr std::string_view kLivePath = "/live";

// The highest version published on this hub of pack_id (empty: of the pack published last), its
// signature checked with the hub's own key and its content validated. Fails naming what is wrong, or saying
// how to publish one.
Result<PackFile> published_pack(hub::HubStore& hub, std::string_view pack_id = {});

// The handler of GET /live. With a pack (serve --pack-file) it shows that pack; without, the pack
// newest published at the time of each request. Every answer is a whole HTML page a projector can
// show: 200 the live page; 400 an unknown lang; 404 no pack to show (and how to give one, reloading
// by itself so the page appears once a pack is published); 503 when the hub database fails.
hub::GetHandler live_route(std::optional<Pack> pack);

}  // namespace peiling::report
