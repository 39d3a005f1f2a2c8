#include "hub/hub_text.hpp"

#include <cstdarg>
#include <cstdio>

#include "core/codec.hpp"
#include "core/utc_time.hpp"

namespace peiling::hub {

namespace {

// One line in printf's manner, with its newline.
[[gnu::format(printf, 1, 2)]] std::string line(const char* format, ...) {
  va_list args;
  va_start(args, format);
  va_list measure;
  va_copy(measure, args);
  const int size = std::vsnprintf(nullptr, 0, format, measure);
  va_end(measure);
  std::string text(static_cast<std::size_t>(size) + 1, '\0');
  std::vsnprintf(text.data(), text.size(), format, args);
  va_end(args);
  text.back() = '\n';
  return text;
}

}  // namespace

std::string pack_hub_section(const HubStore& hub) {
  return line(R"("hub": {"sign_key": "%s", "seal_key": "%s"})", to_base64(hub.sign_public_key()).c_str(),
              to_base64(hub.seal_public_key()).c_str());
}

nlohmann::json status_json(const HubStatus& status) {
  nlohmann::json responses = nlohmann::json::array();
  for (const auto& pack : status.responses) {
    responses.push_back({{"pack_id", pack.pack_id},
                         {"pack_version", pack.pack_version},
                         {"complete", pack.complete},
                         {"abandoned", pack.abandoned},
                         {"late", pack.late}});
  }
  nlohmann::json conflicts = nlohmann::json::array();
  for (const auto& conflict : status.conflicts) {
    conflicts.push_back({{"device_id", conflict.device_id},
                         {"seq", conflict.seq},
                         {"stored_sha256", conflict.stored_sha256},
                         {"offered_sha256", conflict.offered_sha256},
                         {"file", conflict.file_name},
                         {"times_seen", conflict.times_seen}});
  }
  return {{"devices",
           {{"counted", status.devices},
            {"pending", status.devices_pending},
            {"blocked", status.devices_blocked}}},
          {"batches", {{"counted", status.batches}, {"quarantined", status.quarantined_batches}}},
          {"responses", responses},
          {"duplicate_responses", status.duplicate_responses},
          {"conflicts", conflicts}};
}

std::string status_text(const HubStatus& s) {
  std::string text = line("devices: %d counted, %d pending approval, %d blocked", s.devices,
                          s.devices_pending, s.devices_blocked);
  text += line("batches: %d counted, %d quarantined", s.batches, s.quarantined_batches);
  text += line("responses:%s", s.responses.empty() ? " none" : "");
  for (const auto& pack : s.responses) {
    text +=
        line("  %s version %d: %d complete, %d abandoned%s", pack.pack_id.c_str(), pack.pack_version,
             pack.complete, pack.abandoned,
             pack.late ? (", of which " + std::to_string(pack.late) + " late (after closing)").c_str() : "");
  }
  text += line("duplicate responses skipped: %d", s.duplicate_responses);
  text += line("conflicts: %zu", s.conflicts.size());
  for (const auto& conflict : s.conflicts) {
    text +=
        line("  device %s batch %lld: kept %s, refused %s from %s (seen %d times)",
             conflict.device_id.c_str(), static_cast<long long>(conflict.seq), conflict.stored_sha256.c_str(),
             conflict.offered_sha256.c_str(), conflict.file_name.c_str(), conflict.times_seen);
  }
  return text;
}

nlohmann::json devices_json(const std::vector<DeviceSummary>& devices) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& device : devices) {
    out.push_back({{"device_id", device.device_id},
                   {"state", to_string(device.state)},
                   {"batches", device.batches},
                   {"complete", device.complete},
                   {"abandoned", device.abandoned},
                   {"first_seen", format_rfc3339(device.first_seen_at)},
                   {"last_seen", format_rfc3339(device.last_seen_at)}});
  }
  return out;
}

std::string devices_text(const std::vector<DeviceSummary>& devices) {
  std::string text = line("%-36s  %-8s  %7s  %8s  %9s  %s", "device", "state", "batches", "complete",
                          "abandoned", "last seen");
  for (const auto& device : devices) {
    text += line("%-36s  %-8s  %7d  %8d  %9d  %s", device.device_id.c_str(),
                 std::string(to_string(device.state)).c_str(), device.batches, device.complete,
                 device.abandoned, format_rfc3339(device.last_seen_at).c_str());
  }
  return text;
}

std::string contacts_csv(const std::vector<Contact>& contacts) {
  std::string text = line("pack,email");
  for (const auto& contact : contacts) text += line("%s,%s", contact.pack_id.c_str(), contact.email.c_str());
  return text;
}

}  // namespace peiling::hub
