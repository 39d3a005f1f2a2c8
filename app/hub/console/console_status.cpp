// The console's pages about what the hub holds: the overview (refreshing itself), the devices with
// approve, block and labels, and the audit log.
#include <algorithm>
#include <ctime>
#include <map>

#include "hub/console/console_internal.hpp"

namespace peiling::hub::console {

namespace {

constexpr int kQuarters = 96;
constexpr int kAuditRows = 500;
constexpr std::size_t kMaxLabelBytes = 80;

HttpResponse store_failed(const Visit& visit, const store::StoreError& error) {
  return message_page(visit.t, 503, visit.t("The hub is busy", "De hub is bezig"), error.message,
                      &visit.session);
}

UtcMillis local_midnight(UtcMillis now) {
  const std::time_t seconds = static_cast<std::time_t>(now / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  local.tm_hour = local.tm_min = local.tm_sec = 0;
  local.tm_isdst = -1;
  return static_cast<UtcMillis>(std::mktime(&local)) * 1000;
}

std::string_view state_name(const Lang& t, DeviceState state) {
  switch (state) {
    case DeviceState::trusted:
      return t("trusted", "vertrouwd");
    case DeviceState::approved:
      return t("approved", "goedgekeurd");
    case DeviceState::pending:
      return t("waiting for approval", "wacht op goedkeuring");
    case DeviceState::blocked:
      return t("blocked", "geblokkeerd");
  }
  return "";
}

// A device id is a UUID: its first 8 characters tell devices apart on a page, the whole id is
// its tooltip (and in every form and download).
std::string device_id_html(const std::string& id) {
  if (id.size() <= 12) return "<span class=\"id\">" + html(id) + "</span>";
  return "<abbr class=\"id\" title=\"" + html(id) + "\">" + html(id.substr(0, 8)) + "\xe2\x80\xa6</abbr>";
}

std::string device_name(const DeviceSummary& device) {
  return device.label.empty() ? device_id_html(device.device_id)
                              : html(device.label) + " " + device_id_html(device.device_id);
}

std::string time_html(UtcMillis at) {
  return "<time>" + html(local_time(at)) + "</time>";
}

// Today's responses per quarter hour as bars, with the hours under them.
std::string quarter_hour_svg(const Lang& t, const std::vector<int>& counts) {
  const int highest = std::max(1, *std::max_element(counts.begin(), counts.end()));
  constexpr int kBarWidth = 8, kStep = 10, kHeight = 100, kTop = 4;
  std::string svg = "<svg class=\"bars\" viewBox=\"0 0 " + std::to_string(kQuarters * kStep) + " " +
                    std::to_string(kHeight + kTop + 36) + "\" role=\"img\" aria-label=\"" +
                    html(t("Responses per quarter hour today", "Reacties per kwartier vandaag")) + "\">";
  svg += "<line x1=\"0\" y1=\"" + std::to_string(kTop + kHeight) + "\" x2=\"" +
         std::to_string(kQuarters * kStep) + "\" y2=\"" + std::to_string(kTop + kHeight) +
         "\" stroke=\"#8a8f98\"/>";
  for (int q = 0; q < kQuarters; ++q) {
    if (q % 12 == 0) {
      // Every 3 hours; on a phone only every 6 (class minor hidden), in larger type.
      svg += "<text x=\"" + std::to_string(q * kStep) + "\" y=\"" + std::to_string(kTop + kHeight + 4) +
             "\" dominant-baseline=\"hanging\"" + (q % 24 ? " class=\"minor\"" : "") +
             " font-size=\"12\" fill=\"#4a4f58\">" + std::to_string(q / 4) + ":00</text>";
    }
    if (counts[static_cast<std::size_t>(q)] == 0) continue;
    const int height = std::max(2, counts[static_cast<std::size_t>(q)] * kHeight / highest);
    char when[16];
    std::snprintf(when, sizeof when, "%02d:%02d", q / 4, (q % 4) * 15);
    svg += "<rect x=\"" + std::to_string(q * kStep) + "\" y=\"" + std::to_string(kTop + kHeight - height) +
           "\" width=\"" + std::to_string(kBarWidth) + "\" height=\"" + std::to_string(height) +
           "\" fill=\"#1f6f8b\"><title>" + when + ": " + std::to_string(counts[static_cast<std::size_t>(q)]) +
           "</title></rect>";
  }
  return svg + "</svg>";
}

std::string overview_body(const Lang& t, const HubStatus& status, const std::vector<DeviceSummary>& devices,
                          const std::vector<QuarterHourCount>& today) {
  std::string body;
  body += "<div class=\"figures\">";
  const auto figure = [&](int value, std::string_view label) {
    body +=
        "<div class=\"figure\"><b>" + std::to_string(value) + "</b><span>" + html(label) + "</span></div>";
  };
  int complete = 0;
  for (const auto& pack : status.responses) complete += pack.complete;
  figure(complete, t("complete responses", "volledige reacties"));
  figure(status.devices, t("devices counted", "apparaten geteld"));
  figure(status.batches, t("batches in", "batches binnen"));
  figure(status.quarantined_batches, t("batches in quarantine", "batches in quarantaine"));
  figure(static_cast<int>(status.conflicts.size()), t("conflicts", "conflicten"));
  body += "</div>\n";

  body += "<h2>" + html(t("Responses by pack", "Reacties per pakket")) + "</h2>\n";
  if (status.responses.empty()) {
    body += "<p>" + html(t("No responses yet.", "Nog geen reacties.")) + "</p>\n";
  }
  for (const auto& pack : status.responses) {
    std::vector<int> counts(kQuarters, 0);
    int today_total = 0;
    for (const auto& row : today) {
      if (row.pack_id != pack.pack_id || row.pack_version != pack.pack_version) continue;
      if (row.quarter >= 0 && row.quarter < kQuarters)
        counts[static_cast<std::size_t>(row.quarter)] = row.responses;
      today_total += row.responses;
    }
    body += "<section class=\"card\"><h3>" + html(pack.pack_id) + " <span class=\"quiet\">" +
            html(t("version", "versie")) + " " + std::to_string(pack.pack_version) + "</span></h3>";
    body += "<p><b class=\"count\">" + std::to_string(pack.complete) + "</b> " +
            html(t("complete", "volledig")) + " \xc2\xb7 <b class=\"count\">" +
            std::to_string(pack.abandoned) + "</b> " + html(t("abandoned", "afgebroken")) + " \xc2\xb7 " +
            std::to_string(today_total) + " " + html(t("today", "vandaag")) + "</p>";
    // Counted like the rest (nothing collected is lost), and said apart.
    if (pack.late > 0) {
      body += "<p class=\"late\">" + std::to_string(pack.late) + " " +
              html(t("of them arrived late, after the pack closed",
                     "daarvan kwamen te laat binnen, na de sluiting")) +
              "</p>";
    }
    body += quarter_hour_svg(t, counts) + "</section>\n";
  }

  body += "<h2>" + html(t("Devices", "Apparaten")) + "</h2>\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& device : devices) {
    rows.push_back({device_name(device), html(state_name(t, device.state)), time_html(device.last_seen_at),
                    std::to_string(device.batches), std::to_string(device.complete)});
  }
  if (rows.empty())
    body += "<p>" + html(t("No device has delivered yet.", "Nog geen apparaat heeft geleverd.")) + "</p>";
  else
    body += table({std::string(t("Device", "Apparaat")), std::string(t("State", "Status")),
                   std::string(t("Last delivery", "Laatste levering")), "Batches",
                   std::string(t("Complete", "Volledig"))},
                  rows);

  body += "<h2>" + html(t("Conflicts and quarantine", "Conflicten en quarantaine")) + "</h2>\n";
  std::vector<std::vector<std::string>> problems;
  for (const auto& conflict : status.conflicts) {
    problems.push_back(
        {html(conflict.device_id) + " #" + std::to_string(conflict.seq),
         html(t("conflict: another batch under the same device and number was offered (",
                "conflict: een andere batch onder hetzelfde apparaat en nummer aangeboden (")) +
             html(conflict.file_name) + ", " + std::to_string(conflict.times_seen) + "\xc3\x97); " +
             html(t("the hub keeps the one it had", "de hub houdt de batch die hij had"))});
  }
  for (const auto& device : devices) {
    if (device.state == DeviceState::pending) {
      problems.push_back(
          {device_name(device), html(t("quarantine: its batches (", "quarantaine: de batches (")) +
                                    std::to_string(device.batches) +
                                    html(t(") wait until the device is approved on Devices",
                                           ") wachten tot het apparaat is goedgekeurd bij Apparaten"))});
    } else if (device.state == DeviceState::blocked) {
      problems.push_back(
          {device_name(device), html(t("blocked: its batches are kept but never counted",
                                       "geblokkeerd: de batches blijven bewaard maar tellen nooit mee"))});
    }
  }
  if (problems.empty())
    body += "<p>" + html(t("None.", "Geen.")) + "</p>";
  else
    body += table({std::string(t("Device", "Apparaat")), std::string(t("Reason", "Reden"))}, problems);
  body += "<p class=\"quiet\">" + html(t("Refreshes every 10 seconds. ", "Ververst elke 10 seconden. ")) +
          html(local_time(utc_now())) + "</p>";
  return body;
}

}  // namespace

HttpResponse overview_page(Console::State& state, const Visit& visit) {
  return with_reader(state, visit, [&](HubStore& reader) {
    auto status = reader.status();
    if (!status) return store_failed(visit, status.error());
    auto devices = reader.devices();
    if (!devices) return store_failed(visit, devices.error());
    auto today = reader.responses_by_quarter_hour(local_midnight(utc_now()));
    if (!today) return store_failed(visit, today.error());
    const Lang& t = visit.t;
    return html_response(
        200, page(t, t("Overview", "Overzicht"), "/console/overview",
                  overview_body(t, status.value(), devices.value(), today.value()), &visit.session, 10));
  });
}

HttpResponse devices_page(Console::State& state, const Visit& visit) {
  return with_reader(state, visit, [&](HubStore& reader) {
    auto devices = reader.devices();
    if (!devices) return store_failed(visit, devices.error());
    const Lang& t = visit.t;
    std::string body;
    if (const std::string done = visit.query("done"); !done.empty()) body += notice("ok", html(done));
    std::vector<std::vector<std::string>> rows;
    for (const auto& device : devices.value()) {
      std::string actions;
      if (device.state != DeviceState::approved && device.state != DeviceState::trusted)
        actions += post_button(visit.session, "/console/devices/approve", {{"device", device.device_id}},
                               t("Approve", "Goedkeuren"), "primary");
      if (device.state != DeviceState::blocked)
        actions += post_button(visit.session, "/console/devices/block", {{"device", device.device_id}},
                               t("Block", "Blokkeren"), "danger");
      else
        actions += post_button(visit.session, "/console/devices/approve", {{"device", device.device_id}},
                               t("Unblock and approve", "Deblokkeren en goedkeuren"));
      const std::string label_form =
          "<form class=\"inline label\" method=\"post\" action=\"/console/devices/label\">" +
          csrf_field(visit.session) + "<input type=\"hidden\" name=\"device\" value=\"" +
          html(device.device_id) + "\"><input name=\"label\" maxlength=\"80\" aria-label=\"" +
          html(t("Label", "Label")) + "\" value=\"" + html(device.label) + "\" placeholder=\"" +
          html(t("Kiosk 3, room B", "Kiosk 3, zaal B")) + "\"><button>" + html(t("Save", "Opslaan")) +
          "</button></form>";
      rows.push_back({device_id_html(device.device_id), label_form, html(state_name(t, device.state)),
                      std::to_string(device.batches), std::to_string(device.complete),
                      std::to_string(device.abandoned), time_html(device.last_seen_at),
                      "<div class=\"actions\">" + actions + "</div>"});
    }
    if (rows.empty())
      body += "<p>" + html(t("No device has delivered yet.", "Nog geen apparaat heeft geleverd.")) + "</p>";
    else
      body += table({std::string(t("Device", "Apparaat")), std::string(t("Label", "Label")),
                     std::string(t("State", "Status")), "Batches", std::string(t("Complete", "Volledig")),
                     std::string(t("Abandoned", "Afgebroken")),
                     std::string(t("Last delivery", "Laatste levering")), ""},
                    rows);
    return html_response(200, page(t, t("Devices", "Apparaten"), "/console/devices", body, &visit.session));
  });
}

// approve or block: first a page that asks to confirm, then (confirm=yes) the change.
HttpResponse device_action(Console::State& state, const Visit& visit, std::string_view action) {
  const Lang& t = visit.t;
  const auto field = visit.form.find("device");
  const std::string device = field == visit.form.end() ? "" : field->second;
  const bool approve = action == "approve";
  const auto confirmed = visit.form.find("confirm");
  if (confirmed == visit.form.end() || confirmed->second != "yes") {
    const std::string question =
        approve
            ? std::string(t("Approve device ", "Apparaat ")) + device +
                  std::string(t("? Its batches, including any in quarantine, will be counted.",
                                " goedkeuren? De batches, ook die in quarantaine, gaan meetellen."))
            : std::string(t("Block device ", "Apparaat ")) + device +
                  std::string(
                      t("? Its batches stay stored but no count or report uses them.",
                        " blokkeren? De batches blijven bewaard, maar geen telling of rapport gebruikt ze."));
    std::string body = "<p>" + html(question) + "</p><p>";
    body += post_button(visit.session, "/console/devices/" + std::string(action),
                        {{"device", device}, {"confirm", "yes"}},
                        approve ? t("Yes, approve", "Ja, goedkeuren") : t("Yes, block", "Ja, blokkeren"),
                        approve ? "primary" : "danger");
    body += " <a class=\"button\" href=\"/console/devices\">" + html(t("Cancel", "Annuleren")) + "</a></p>";
    return html_response(200, page(t,
                                   approve ? t("Approve a device", "Apparaat goedkeuren")
                                           : t("Block a device", "Apparaat blokkeren"),
                                   "/console/devices", body, &visit.session));
  }
  auto changed =
      state.writer.set_device_state(device, approve ? DeviceState::approved : DeviceState::blocked);
  if (!changed) {
    return message_page(t, changed.error().kind == store::ErrorKind::not_found ? 404 : 503,
                        t("Not changed", "Niet gewijzigd"), changed.error().message, &visit.session);
  }
  visit.audit(state, std::string(action), device);
  return redirect("/console/devices?done=" +
                  url_encode(device + (approve ? std::string(t(" is approved", " is goedgekeurd"))
                                               : std::string(t(" is blocked", " is geblokkeerd")))));
}

HttpResponse device_label(Console::State& state, const Visit& visit) {
  const auto device = visit.form.find("device");
  const auto label = visit.form.find("label");
  if (device == visit.form.end() || label == visit.form.end())
    return message_page(visit.t, 400, visit.t("Not changed", "Niet gewijzigd"), "device and label are needed",
                        &visit.session);
  std::string text = label->second.substr(0, kMaxLabelBytes);
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  if (auto set = state.writer.set_device_label(device->second, text); !set) {
    return message_page(visit.t, set.error().kind == store::ErrorKind::not_found ? 404 : 503,
                        visit.t("Not changed", "Niet gewijzigd"), set.error().message, &visit.session);
  }
  visit.audit(state, "label", device->second + ": " + text);
  return redirect("/console/devices");
}

HttpResponse audit_page(Console::State& state, const Visit& visit) {
  return with_reader(state, visit, [&](HubStore& reader) {
    auto entries = reader.audit_log(kAuditRows);
    if (!entries) return store_failed(visit, entries.error());
    const Lang& t = visit.t;
    std::vector<std::vector<std::string>> rows;
    for (const auto& entry : entries.value()) {
      rows.push_back({time_html(entry.at), html(entry.organiser), html(entry.action), html(entry.detail),
                      html(entry.client)});
    }
    std::string body = "<p>" +
                       html(t("The newest first; peiling-hub audit --db HUB.db prints all of it.",
                              "Het nieuwste eerst; peiling-hub audit --db HUB.db toont alles.")) +
                       "</p>";
    body +=
        table({std::string(t("When", "Wanneer")), std::string(t("Who", "Wie")), std::string(t("What", "Wat")),
               std::string(t("Details", "Details")), std::string(t("From", "Vanaf"))},
              rows);
    return html_response(200, page(t, t("Audit log", "Logboek"), "/console/audit", body, &visit.session));
  });
}

}  // namespace peiling::hub::console
