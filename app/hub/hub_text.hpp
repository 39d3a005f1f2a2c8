#pragma once
// What peiling-hub prints about the hub: text for the organiser, JSON for tools. Text comes as
// whole lines, each ending in a newline, so the command line only writes it out.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/response.hpp"
#include "hub/hub_store.hpp"

namespace peiling::hub {

// The public keys as a pack's "hub" section embeds them: "hub": {"sign_key": …, "seal_key": …}.
std::string pack_hub_section(const HubStore& hub);

// The hub's counts, as `status --json` prints them and GET /api/v1/health sends them.
nlohmann::json status_json(const HubStatus& status);
// `status`: devices, batches, responses by pack and version, duplicates, and each conflict.
std::string status_text(const HubStatus& status);

// `devices --json`: one object per device, its times in RFC 3339.
nlohmann::json devices_json(const std::vector<DeviceSummary>& devices);
// `devices`: a table with a row per device.
std::string devices_text(const std::vector<DeviceSummary>& devices);

// `contacts export`: CSV with a header row, pack,email.
std::string contacts_csv(const std::vector<Contact>& contacts);

}  // namespace peiling::hub
