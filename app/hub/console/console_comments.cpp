// The Comments page (issue 17): the moderation queue of every comment and open answer, newest
// first, filtered by pack and point, with approve and hide per text, approve for the texts ticked,
// and approve for every waiting text no flag marks. Only approved texts reach /live's "From the
// room" panel; the reports keep them all. Every decision is in the audit log (by id).
#include <algorithm>

#include "hub/console/console_internal.hpp"
#include "hub/hub_packs.hpp"
#include "hub/moderation.hpp"

namespace peiling::hub::console {

namespace {

constexpr std::size_t kMaxShown = 300;

std::string state_label(const Lang& t, Moderation state) {
  switch (state) {
    case Moderation::approved:
      return std::string(t("approved", "goedgekeurd"));
    case Moderation::hidden:
      return std::string(t("hidden", "verborgen"));
    case Moderation::pending:
      break;
  }
  return std::string(t("waiting", "wacht"));
}

std::string flag_label(const Lang& t, std::string_view flag) {
  if (flag == "e-mail address") return std::string(t("e-mail address", "e-mailadres"));
  if (flag == "phone number") return std::string(t("phone number", "telefoonnummer"));
  if (flag == "name") return std::string(t("a name?", "een naam?"));
  return std::string(t("word list", "woordenlijst"));
}

std::string filter_query(const std::string& pack, const std::string& point) {
  std::string out;
  if (!pack.empty()) out += "pack=" + url_encode(pack);
  if (!point.empty()) out += std::string(out.empty() ? "" : "&") + "point=" + url_encode(point);
  return out;
}

// The title of a point or open question in the organiser's language, else its id.
std::string key_title(const Lang& t, const std::optional<Pack>& pack, const std::string& key) {
  if (!pack) return key;
  const auto in = [&](const LocalizedText& text) {
    std::string out(text.in(t.code()));
    return out.empty() ? std::string(text.in(pack->languages.front())) : out;
  };
  if (const Point* point = pack->point(key)) return in(point->title);
  for (const auto& question : pack->open_questions)
    if (question.id == key) return in(question.question);
  return key;
}

}  // namespace

HttpResponse comments_page(Console::State& state, const Visit& visit) {
  const Lang& t = visit.t;
  return with_reader(state, visit, [&](HubStore& reader) {
    std::string pack_id = visit.query("pack");
    const std::string point = visit.query("point");
    std::optional<Pack> pack;
    if (auto published = published_pack(reader, pack_id)) {
      pack = std::move(published->pack);
      pack_id = pack->id;
    }
    auto queue = reader.moderation_queue(pack_id);
    if (!queue) return failed_page(visit, 503, queue.error().message);
    const FlagWords words = load_flag_words();

    std::string body;
    if (const std::string done = visit.query("done"); !done.empty()) body += notice("ok", html(done));
    body += "<p>" +
            html(t("Every comment and open answer that reached the hub, newest first. Only approved ones "
                   "appear on the big screen (/live, once the pack has enough responses); flagged ones "
                   "may name a person or hold contact details: read them before approving. The reports "
                   "keep every text.",
                   "Elke opmerking en elk open antwoord dat de hub bereikte, nieuwste eerst. Alleen "
                   "goedgekeurde verschijnen op het grote scherm (/live, zodra het pakket genoeg reacties "
                   "heeft); gemarkeerde noemen misschien een persoon of bevatten contactgegevens: lees ze "
                   "voor u ze goedkeurt. De rapporten bewaren elke tekst.")) +
            "</p>\n";
    // The filter by point: a link per key that has texts.
    std::vector<std::string> keys;
    int waiting = 0, approved = 0, hidden = 0;
    for (const auto& text : queue.value()) {
      if (std::find(keys.begin(), keys.end(), text.key) == keys.end()) keys.push_back(text.key);
      waiting += text.state == Moderation::pending;
      approved += text.state == Moderation::approved;
      hidden += text.state == Moderation::hidden;
    }
    body += "<p class=\"counts\">" + std::to_string(waiting) + " " + html(t("waiting", "wachten")) +
            " \xc2\xb7 " + std::to_string(approved) + " " + html(t("approved", "goedgekeurd")) +
            " \xc2\xb7 " + std::to_string(hidden) + " " + html(t("hidden", "verborgen")) + "</p>\n";
    body += "<nav class=\"filter\" aria-label=\"" + html(t("Filter by point", "Filter op punt")) +
            "\"><a href=\"/console/comments?" + html(filter_query(pack_id, "")) + "\"" +
            (point.empty() ? " aria-current=\"true\"" : "") + ">" + html(t("All points", "Alle punten")) +
            "</a>";
    for (const auto& key : keys) {
      body += " <a href=\"/console/comments?" + html(filter_query(pack_id, key)) + "\"" +
              (key == point ? " aria-current=\"true\"" : "") + ">" + html(key_title(t, pack, key)) + "</a>";
    }
    body += "</nav>\n";

    const std::vector<std::pair<std::string, std::string>> back{{"pack", pack_id}, {"point", point}};
    body += "<form id=\"bulk\" method=\"post\" action=\"/console/comments\">" + csrf_field(visit.session) +
            "<input type=\"hidden\" name=\"pack\" value=\"" + html(pack_id) +
            "\"><input type=\"hidden\" name=\"point\" value=\"" + html(point) +
            "\"><div class=\"actions\"><button class=\"primary\" name=\"decision\" value=\"approve\" "
            "accesskey=\"a\">" +
            html(t("Approve the ticked texts", "Aangevinkte teksten goedkeuren")) +
            "</button><button name=\"decision\" value=\"hide\" accesskey=\"h\">" +
            html(t("Hide the ticked texts", "Aangevinkte teksten verbergen")) +
            "</button><button name=\"decision\" value=\"approve-unflagged\">" +
            html(t("Approve every waiting text that is not flagged",
                   "Alle wachtende teksten zonder markering goedkeuren")) +
            "</button></div></form>\n";

    std::vector<std::vector<std::string>> rows;
    std::size_t shown = 0, matching = 0;
    for (const auto& text : queue.value()) {
      if (!point.empty() && text.key != point) continue;
      ++matching;
      if (shown == kMaxShown) continue;
      const auto flags = text_flags(text.text, words);
      std::string flags_html;
      for (const auto flag : flags)
        flags_html += "<span class=\"flag\">" + html(flag_label(t, flag)) + "</span> ";
      const std::string pick = "pick-" + std::to_string(shown);
      rows.push_back({"<input type=\"checkbox\" form=\"bulk\" name=\"" + pick + "\" value=\"" +
                          html(text.id) + "\" aria-label=\"" + html(t("Tick", "Aanvinken")) + "\">",
                      "<time>" + html(local_time(text.written_at)) + "</time>",
                      html(key_title(t, pack, text.key)),
                      "<p class=\"said\">" + html(text.text) + "</p>" + flags_html,
                      "<span class=\"state " + std::string(to_string(text.state)) + "\">" +
                          html(state_label(t, text.state)) + "</span>",
                      "<div class=\"actions\">" +
                          (text.state == Moderation::approved
                               ? std::string()
                               : post_button(visit.session, "/console/comments",
                                             {{"id", text.id}, {"decision", "approve"}, back[0], back[1]},
                                             t("Approve", "Goedkeuren"), "primary")) +
                          (text.state == Moderation::hidden
                               ? std::string()
                               : post_button(visit.session, "/console/comments",
                                             {{"id", text.id}, {"decision", "hide"}, back[0], back[1]},
                                             t("Hide", "Verbergen"))) +
                          "</div>"});
      ++shown;
    }
    if (rows.empty()) {
      body += "<p>" +
              html(t("No comments or open answers yet.", "Nog geen opmerkingen of open antwoorden.")) +
              "</p>";
    } else {
      body += table({"", std::string(t("Written", "Geschreven")), std::string(t("Point", "Punt")),
                     std::string(t("Text", "Tekst")), std::string(t("State", "Status")), ""},
                    rows);
      if (matching > shown) {
        body += "<p class=\"quiet\">" + std::to_string(shown) + " " + html(t("of", "van")) + " " +
                std::to_string(matching) + " " +
                html(t("shown, newest first; decide on these and the next ones follow.",
                       "getoond, nieuwste eerst; beslis over deze en de volgende verschijnen.")) +
                "</p>";
      }
    }
    return html_response(200,
                         page(t, t("Comments", "Opmerkingen"), "/console/comments", body, &visit.session));
  });
}

HttpResponse comments_post(Console::State& state, const Visit& visit) {
  const Lang& t = visit.t;
  const auto field = [&](std::string_view name) {
    const auto found = visit.form.find(name);
    return found == visit.form.end() ? std::string() : found->second;
  };
  const std::string decision = field("decision");
  const std::string pack_id = field("pack");
  const std::string point = field("point");
  std::vector<std::string> ids;
  if (decision == "approve-unflagged") {
    auto queue = state.writer.moderation_queue(pack_id);
    if (!queue) return failed_page(visit, 503, queue.error().message);
    ids = unflagged_pending(queue.value(), load_flag_words(), point);
  } else if (const std::string id = field("id"); !id.empty()) {
    ids.push_back(id);
  } else {
    for (const auto& [name, value] : visit.form)
      if (name.starts_with("pick-")) ids.push_back(value);
  }
  if (decision != "approve" && decision != "hide" && decision != "approve-unflagged")
    return failed_page(visit, 400, std::string(t("Approve or hide.", "Goedkeuren of verbergen.")));
  const std::string back = "/console/comments?" + filter_query(pack_id, point);
  if (ids.empty()) {
    return redirect(back + "&done=" +
                    url_encode(std::string(t("Nothing was ticked or waiting: nothing changed.",
                                             "Niets aangevinkt of wachtend: niets veranderd."))));
  }
  const Moderation to = decision == "hide" ? Moderation::hidden : Moderation::approved;
  if (auto done = state.writer.moderate(ids, to, visit.session.organiser, visit.request.client_address);
      !done)
    return failed_page(visit, 404, done.error().message);
  const std::string what = std::to_string(ids.size()) + " " +
                           std::string(ids.size() == 1 ? t("text", "tekst") : t("texts", "teksten")) + " " +
                           state_label(t, to);
  return redirect(back + "&done=" + url_encode(what));
}

}  // namespace peiling::hub::console
