// The life of each published pack on the Packs page (issue 17): open, closing or closed, and the
// time it closes by itself; the same change as `peiling-hub pack state` (hub/pack_state.hpp), in
// the audit log under the organiser who made it. Devices learn it at their next sync.
#include <algorithm>
#include <set>

#include "hub/console/console_internal.hpp"
#include "hub/pack_state.hpp"

namespace peiling::hub::console {

namespace {

std::string state_sentence(const Lang& t, const PackLifecycle& lifecycle) {
  std::string out;
  switch (lifecycle.state) {
    case PackState::closing:
      out =
          t("Closing: kiosks finish the response under way, then show \xe2\x80\x9cThis survey has "
            "closed\xe2\x80\x9d; "
            "tablets finish their drafts but start none",
            "Sluit: kiosken maken de lopende reactie af en tonen dan \xe2\x80\x9c"
            "Deze peiling is gesloten\xe2\x80\x9d; "
            "tablets maken hun concepten af maar beginnen er geen");
      break;
    case PackState::closed:
      out =
          t("Closed: no device takes responses; late batches are still stored and counted apart as late",
            "Gesloten: geen apparaat neemt nog reacties aan; late batches worden nog bewaard en apart als te "
            "laat geteld");
      break;
    case PackState::open:
      out = t("Open: responses as usual", "Open: reacties zoals gewoonlijk");
      break;
  }
  if (lifecycle.closes_at && lifecycle.state != PackState::closed)
    out += std::string(t("; closes by itself at ", "; sluit vanzelf om ")) +
           local_time(*lifecycle.closes_at) + " (" + local_zone(*lifecycle.closes_at) + ")";
  return out;
}

// The closing time is shown and typed in the hub machine's local time, its zone named, and kept
// in UTC. The field holds the time already set, so that Set with nothing changed keeps it (an
// empty field keeps it too); only the separate "Remove the closing time" button removes it.
std::string state_form(const Visit& visit, const std::string& pack_id, const PackLifecycle& lifecycle) {
  const Lang& t = visit.t;
  const std::string field = "state-" + pack_id;
  const std::string closes = "closes-" + pack_id;
  const bool timed = lifecycle.closes_at && lifecycle.state != PackState::closed;
  const UtcMillis zone_at = timed ? *lifecycle.closes_at : utc_now();
  std::string out = "<form class=\"lifecycle\" method=\"post\" action=\"/console/packs/state\">" +
                    csrf_field(visit.session) + "<input type=\"hidden\" name=\"pack\" value=\"" +
                    html(pack_id) + "\"><label for=\"" + html(field) + "\">" + html(t("State", "Status")) +
                    "</label><select id=\"" + html(field) + "\" name=\"state\">";
  const auto option = [&](PackState state, std::string_view en, std::string_view nl) {
    out += "<option value=\"" + std::string(to_string(state)) + "\"" +
           (lifecycle.state == state ? " selected" : "") + ">" + html(t(en, nl)) + "</option>";
  };
  option(PackState::open, "open", "open");
  option(PackState::closing, "closing", "sluit");
  option(PackState::closed, "closed", "gesloten");
  out += "</select><label for=\"" + html(closes) + "\">" +
         html(t("Closes by itself at (optional), in this hub's local time: ",
                "Sluit vanzelf om (niet verplicht), in de lokale tijd van deze hub: ")) +
         html(local_zone(zone_at)) + "</label><input id=\"" + html(closes) +
         "\" name=\"closes_local\" type=\"datetime-local\" aria-describedby=\"" + html(closes) + "-hint\"";
  if (timed) out += " value=\"" + html(local_time_field(*lifecycle.closes_at)) + "\"";
  out += "><p class=\"hint\" id=\"" + html(closes) + "-hint\">";
  if (timed) {
    out +=
        html(t("Kept in UTC as ", "Bewaard in UTC als ")) + "<code>" +
        html(format_rfc3339(*lifecycle.closes_at)) + "</code>. " +
        html(t(
            "Set keeps it unless you change it; \xe2\x80\x9cRemove the closing time\xe2\x80\x9d removes it. "
            "Closed needs none.",
            "Instellen houdt hem zolang u hem niet verandert; \xe2\x80\x9cSluitingstijd weghalen\xe2\x80\x9d "
            "haalt hem weg. Gesloten heeft er geen nodig."));
  } else {
    out += html(t("Kept in UTC. Leave it empty for no closing time.",
                  "Bewaard in UTC. Laat het leeg voor geen sluitingstijd."));
  }
  // Set comes first, so Enter in the field sets; the form sends clear_closing only for its button.
  out += "</p><button>" + html(t("Set", "Instellen")) + "</button>";
  if (timed) {
    out += "<button class=\"clear-closing\" name=\"clear_closing\" value=\"1\">" +
           html(t("Remove the closing time", "Sluitingstijd weghalen")) + "</button>";
  }
  return out + "</form>";
}

}  // namespace

std::string lifecycle_section(HubStore& reader, const Visit& visit,
                              const std::vector<sync::PublishedPack>& published) {
  const Lang& t = visit.t;
  if (published.empty()) return {};
  std::string out = "<h2>" + html(t("Open, closing, closed", "Open, sluit, gesloten")) + "</h2>\n";
  std::set<std::string> seen;
  for (const auto& pack : published) {
    if (!seen.insert(pack.ref.id).second) continue;
    auto lifecycle = reader.pack_lifecycle(pack.ref.id);
    if (!lifecycle) return notice("error", html(lifecycle.error().message));
    out += "<section class=\"card pack-state\" data-pack=\"" + html(pack.ref.id) + "\" data-state=\"" +
           std::string(to_string(lifecycle->state)) + "\"><h3>" + html(pack.ref.id) + "</h3><p><b>" +
           html(state_sentence(t, lifecycle.value())) + "</b></p>" +
           state_form(visit, pack.ref.id, lifecycle.value());
    const bool rehearsing = std::any_of(published.begin(), published.end(), [&](const auto& other) {
      return other.ref.id == pack.ref.id && other.lifecycle.rehearsal;
    });
    if (rehearsing) {
      auto held = reader.rehearsal_responses(pack.ref.id);
      if (!held) return notice("error", html(held.error().message));
      out +=
          "<div class=\"rehearsal\"><p><span class=\"badge rehearsal\">" + html(t("REHEARSAL", "PROEF")) +
          "</span> " + std::to_string(held.value()) + " " +
          html(t("rehearsal responses: never counted in reports, /live or the overview (the Reports page "
                 "shows them with \xe2\x80\x9cRehearsal\xe2\x80\x9d ticked).",
                 "proefreacties: tellen nooit mee in rapporten, /live of het overzicht (de pagina Rapporten "
                 "toont ze met \xe2\x80\x9cProef\xe2\x80\x9d aangevinkt).")) +
          "</p>" +
          post_button(visit.session, "/console/packs/go-live", {{"pack", pack.ref.id}},
                      std::string(t("Go live\xe2\x80\xa6", "Live gaan\xe2\x80\xa6")), "primary") +
          "</div>";
    }
    out += "</section>\n";
  }
  return out;
}

HttpResponse pack_state_post(Console::State& state, const Visit& visit) {
  const Lang& t = visit.t;
  const auto field = [&](const char* name) {
    const auto found = visit.form.find(name);
    return found == visit.form.end() ? std::string() : found->second;
  };
  PackStateChange change{field("pack"), field("state"), "", visit.session.organiser,
                         visit.request.client_address};
  if (!is_valid_id(change.pack_id)) {
    return failed_page(visit, 400,
                       std::string(t("Choose a pack and a state on the Packs page.",
                                     "Kies een pakket en een status op de pagina Pakketten.")));
  }
  // The form's time is the hub's local time (state_form); set_pack_state takes UTC. The Remove
  // button sends the field too, and wins.
  const bool clear = field("clear_closing") == "1";
  if (const std::string typed = field("closes_local"); !clear && !typed.empty()) {
    const auto at = local_time_named(typed);
    const std::string named = std::string(t("Closes by itself at", "Sluit vanzelf om")) + ": " + typed +
                              " (" + local_zone(at.value_or(utc_now())) + ")";
    if (!at) {
      return failed_page(
          visit, 400,
          named + std::string(t(" is not a time on this hub's clock; give it as 2026-12-03T15:00",
                                " is geen tijd op de klok van deze hub; geef hem als "
                                "2026-12-03T15:00")));
    }
    if (*at <= utc_now()) {
      return failed_page(visit, 400,
                         named + std::string(t(" has passed; to close now, choose closed",
                                               " is al voorbij; kies gesloten om nu te sluiten")));
    }
    change.closes_at = format_rfc3339(*at);
  } else if (!clear) {
    // An empty field keeps the time set, while it is still to come: removing it is the button of
    // its own, and one that has passed closed the pack already.
    auto now_in_force = state.writer.pack_lifecycle(change.pack_id);
    if (!now_in_force) return failed_page(visit, 503, now_in_force.error().message);
    if (now_in_force->closes_at && *now_in_force->closes_at > utc_now())
      change.closes_at = format_rfc3339(*now_in_force->closes_at);
  }
  // Closed needs no closing time: the one the form still holds goes with it.
  if (change.state == to_string(PackState::closed)) change.closes_at.clear();
  auto changed = set_pack_state(state.writer, change);
  if (!changed) return failed_page(visit, 400, changed.errors().joined("; "));
  return redirect("/console/packs?done=" +
                  url_encode(change.pack_id + ": " + state_sentence(t, changed.value())));
}

HttpResponse go_live_post(Console::State& state, const Visit& visit) {
  const Lang& t = visit.t;
  const auto field = [&](const char* name) {
    const auto found = visit.form.find(name);
    return found == visit.form.end() ? std::string() : found->second;
  };
  const std::string pack_id = field("pack");
  if (!is_valid_id(pack_id)) {
    return failed_page(visit, 400,
                       std::string(t("Choose a rehearsal pack on the Packs page.",
                                     "Kies een proefpakket op de pagina Pakketten.")));
  }
  auto held = state.writer.rehearsal_responses(pack_id);
  if (!held) return failed_page(visit, 503, held.error().message);
  // Asked twice: the first press only says what going live does, and asks again.
  if (field("confirm") != "yes") {
    const std::string body =
        notice(
            "warning",
            html(t("Going live publishes ", "Live gaan publiceert ")) + "<b>" + html(pack_id) + "</b>" +
                html(t(" for real and deletes its ", " echt en verwijdert de ")) + "<b>" +
                std::to_string(held.value()) + "</b>" +
                html(t(" rehearsal responses for good. Devices drop the REHEARSAL band at their next sync; "
                       "what they send from then on counts.",
                       " proefreacties voorgoed. Apparaten laten de PROEF-band vallen bij hun volgende "
                       "synchronisatie; wat ze daarna sturen telt mee."))) +
        "<div class=\"actions\">" +
        post_button(visit.session, "/console/packs/go-live", {{"pack", pack_id}, {"confirm", "yes"}},
                    std::string(t("Yes, go live and delete them", "Ja, live gaan en ze verwijderen")),
                    "danger") +
        "<a class=\"button\" href=\"/console/packs\">" + html(t("Cancel", "Annuleren")) + "</a></div>";
    return html_response(200, page(t, t("Go live?", "Live gaan?"), "/console/packs", body, &visit.session));
  }
  auto deleted = state.writer.go_live(
      pack_id, {0, visit.session.organiser, "go-live", pack_id, visit.request.client_address});
  if (!deleted) return failed_page(visit, 409, deleted.error().message);
  return redirect("/console/packs?done=" + url_encode(pack_id +
                                                      std::string(t(" is live; rehearsal responses deleted: ",
                                                                    " is live; proefreacties verwijderd: ")) +
                                                      std::to_string(deleted.value())));
}

}  // namespace peiling::hub::console
