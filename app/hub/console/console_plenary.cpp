// The Plenary page (issue 17): the chair's switch over /live for each published pack (show,
// hide until revealed, freeze, unfreeze), the same switch as `peiling-hub plenary`
// (report/plenary.hpp). The page reloads itself every 2 s, so a switch made on another screen or
// from the command line shows here too.
#include <set>

#include "hub/console/console_internal.hpp"
#include "hub/hub_packs.hpp"
#include "report/live_route.hpp"
#include "report/plenary.hpp"

namespace peiling::hub::console {

namespace {

constexpr int kPlenaryRefreshSeconds = 2;

std::string state_text(const Lang& t, const PlenaryState& state) {
  switch (state.state) {
    case LiveState::hidden:
      return std::string(t("Hidden: /live says \xe2\x80\x9cResults follow soon\xe2\x80\x9d",
                           "Verborgen: /live meldt \xe2\x80\x9cResultaten volgen zo\xe2\x80\x9d"));
    case LiveState::frozen:
      return std::string(t("Frozen: /live shows the figures as they were at ",
                           "Bevroren: /live toont de cijfers zoals ze waren om ")) +
             local_time(state.changed_at);
    case LiveState::shown:
      break;
  }
  return std::string(t("Shown: /live shows the figures as they come in",
                       "Zichtbaar: /live toont de cijfers zoals ze binnenkomen"));
}

std::string pack_card(const Visit& visit, const Pack& pack, const PlenaryState& state, bool on_live) {
  const Lang& t = visit.t;
  std::string out = "<section class=\"card plenary\" data-pack=\"" + html(pack.id) + "\" data-state=\"" +
                    html(to_string(state.state)) + "\"><h2>" +
                    html(pack.title.in(t.code()).empty() ? pack.title.in(pack.languages.front())
                                                         : pack.title.in(t.code())) +
                    " <span class=\"quiet\">" + html(pack.id) + "</span></h2>";
  out += "<p class=\"state\"><b>" + html(state_text(t, state)) + "</b></p>";
  if (on_live) {
    out += "<p class=\"quiet\">" +
           html(t("This is the pack /live shows (the pack published last). ",
                  "Dit is het pakket dat /live toont (het laatst gepubliceerde). ")) +
           "<a href=\"" + std::string(report::kLivePath) +
           "\" target=\"_blank\" rel=\"noopener\">/live</a></p>";
  }
  const auto button = [&](report::PlenarySwitch what, std::string_view en, std::string_view nl,
                          std::string_view css) {
    return post_button(visit.session, "/console/plenary",
                       {{"pack", pack.id}, {"switch", std::string(report::to_string(what))}}, t(en, nl), css);
  };
  out += "<div class=\"actions\">";
  if (state.state != LiveState::shown)
    out += button(report::PlenarySwitch::show, "Show the results", "Resultaten tonen", "primary");
  if (state.state != LiveState::hidden)
    out += button(report::PlenarySwitch::hide, "Hide the results", "Resultaten verbergen", "");
  out += button(
      report::PlenarySwitch::freeze,
      state.state == LiveState::frozen ? "Freeze again, as they are now" : "Freeze the figures",
      state.state == LiveState::frozen ? "Opnieuw bevriezen, zoals ze nu zijn" : "Cijfers bevriezen", "");
  if (state.state == LiveState::frozen)
    out += button(report::PlenarySwitch::unfreeze, "Unfreeze", "Ontdooien", "primary");
  return out + "</div></section>\n";
}

}  // namespace

HttpResponse plenary_page(Console::State& state, const Visit& visit) {
  const Lang& t = visit.t;
  return with_reader(state, visit, [&](HubStore& reader) {
    auto published = reader.published_packs();
    if (!published) return failed_page(visit, 503, published.error().message);
    std::string body;
    if (const std::string done = visit.query("done"); !done.empty()) body += notice("ok", html(done));
    body += "<p>" +
            html(t("What the big screen (/live) shows of each pack. Hide the results until the room has "
                   "answered, then show them; freeze them to talk about the figures while late answers "
                   "still come in.",
                   "Wat het grote scherm (/live) van elk pakket toont. Verberg de resultaten tot de zaal "
                   "heeft geantwoord en toon ze dan; bevries ze om over de cijfers te praten terwijl er nog "
                   "antwoorden binnenkomen.")) +
            "</p>\n";
    auto newest = published_pack(reader);
    const std::string on_live = newest ? newest->pack.id : std::string();
    std::set<std::string> seen;
    for (auto it = published->rbegin(); it != published->rend(); ++it) {
      if (!seen.insert(it->ref.id).second) continue;
      auto pack = published_pack(reader, it->ref.id);
      if (!pack) return failed_page(visit, 422, pack.errors().joined("; "));
      auto plenary = reader.plenary(it->ref.id);
      if (!plenary) return failed_page(visit, 503, plenary.error().message);
      body += pack_card(visit, pack->pack, plenary.value(), it->ref.id == on_live);
    }
    if (seen.empty()) {
      body += "<p>" +
              html(t("Nothing is published yet: publish a pack on the Packs page first.",
                     "Er is nog niets gepubliceerd: publiceer eerst een pakket op de pagina Pakketten.")) +
              "</p>";
    }
    return html_response(200, page(t, t("Plenary", "Plenair"), "/console/plenary", body, &visit.session,
                                   kPlenaryRefreshSeconds));
  });
}

HttpResponse plenary_post(Console::State& state, const Visit& visit) {
  const Lang& t = visit.t;
  const auto pack_field = visit.form.find("pack");
  const auto switch_field = visit.form.find("switch");
  const auto what =
      switch_field == visit.form.end() ? std::nullopt : report::plenary_switch_named(switch_field->second);
  if (pack_field == visit.form.end() || !is_valid_id(pack_field->second) || !what) {
    return failed_page(visit, 400,
                       std::string(t("Choose a pack and a switch on the Plenary page.",
                                     "Kies een pakket en een knop op de pagina Plenair.")));
  }
  auto pack = published_pack(state.writer, pack_field->second);
  if (!pack) return failed_page(visit, 404, pack.errors().joined("; "));
  auto switched = report::switch_plenary(state.writer, pack->pack, *what, visit.session.organiser,
                                         visit.request.client_address);
  if (!switched) return failed_page(visit, 409, switched.errors().joined("; "));
  std::string done;
  switch (switched.value()) {
    case LiveState::hidden:
      done = std::string(t(" is hidden on /live", " is verborgen op /live"));
      break;
    case LiveState::frozen:
      done = std::string(t(" is frozen on /live", " is bevroren op /live"));
      break;
    case LiveState::shown:
      done = std::string(t(" is shown on /live", " is zichtbaar op /live"));
      break;
  }
  return redirect("/console/plenary?done=" + url_encode(pack->pack.id + done));
}

}  // namespace peiling::hub::console
