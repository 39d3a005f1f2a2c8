// The Packs page (issue 16 in the console): an organiser uploads a workbook (.xlsx, .ods) or a JSON
// pack, sees every error by cell, or a preview in each language and what changed against the
// version published under the same id, and publishes it, its version raised past the published
// one. Every published pack downloads as a workbook.
#include <nlohmann/json.hpp>

#include "hub/console/console_internal.hpp"
#include "hub/hub_packs.hpp"
#include "hub/multipart.hpp"
#include "hub/pack_sheet.hpp"
#include "sync/published_packs.hpp"

namespace peiling::hub::console {

namespace {

constexpr std::size_t kMaxDrafts = 16;

std::string upload_form(const Lang& t, const ConsoleSession& session) {
  return "<form class=\"card\" method=\"post\" action=\"/console/packs\" enctype=\"multipart/form-data\">" +
         csrf_field(session) + "<label for=\"pack-file\">" +
         html(t("A pack as a workbook (.xlsx, .ods) or as JSON",
                "Een pakket als werkmap (.xlsx, .ods) of als JSON")) +
         "</label><input id=\"pack-file\" name=\"file\" type=\"file\" accept=\".xlsx,.ods,.json\" required>"
         "<button class=\"primary\">" +
         html(t("Check the pack", "Pakket controleren")) + "</button></form>\n";
}

// The highest version of id published on the hub, with its pack; nullopt when none is.
std::optional<PackFile> published_newest(HubStore& reader, const std::string& id, std::string& error) {
  auto packs = reader.published_packs();
  if (!packs) {
    error = packs.error().message;
    return std::nullopt;
  }
  for (const auto& pack : packs.value()) {
    if (pack.ref.id != id) continue;
    auto newest = published_pack(reader, id);
    if (!newest) {
      error = newest.errors().joined("; ");
      return std::nullopt;
    }
    return std::move(newest.value());
  }
  return std::nullopt;
}

std::string text_in(const LocalizedText& text, const std::string& language) {
  return html(text.in(language));
}

// Line breaks in a pack's text are the author's: kept as <br>.
std::string paragraphs(const LocalizedText& text, const std::string& language) {
  std::string out;
  for (const char c : text_in(text, language)) out += c == '\n' ? std::string("<br>") : std::string(1, c);
  return "<p>" + out + "</p>";
}

std::string language_name(const std::string& code) {
  if (code == "nl") return "Nederlands (nl)";
  if (code == "en") return "English (en)";
  return code;
}

// "1 point", "2 points"
std::string counted(std::size_t count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

std::string preview(const Lang& t, const Pack& pack) {
  std::string out;
  for (std::size_t i = 0; i < pack.languages.size(); ++i) {
    const std::string& language = pack.languages[i];
    out += "<details class=\"card preview\"" + std::string(i == 0 ? " open" : "") + " lang=\"" +
           html(language) + "\"><summary>" + html(t("Preview in ", "Voorbeeld in het ")) +
           html(language_name(language)) + "</summary>";
    out += "<h3>" + text_in(pack.title, language) + "</h3>";
    out += "<p><b>" + text_in(pack.intro.question, language) + "</b></p>" +
           paragraphs(pack.intro.context, language);
    out += "<h4>" + text_in(pack.vignette.title, language) + "</h4>";
    for (const auto& scene : pack.vignette.scenes) {
      out += "<div class=\"scene\"><h5>" + text_in(scene.title, language) + " <span class=\"quiet\">" +
             text_in(scene.who, language) + "</span></h5>" + paragraphs(scene.body, language) + "</div>";
    }
    out += "<h4>" + html(t("Points", "Punten")) + " (" + std::to_string(pack.points.size()) + ")</h4><ol>";
    for (const auto& point : pack.points) {
      out += "<li><b>" + text_in(point.title, language) + "</b> <span class=\"quiet\">" + html(point.id) +
             "</span>" + paragraphs(point.body, language) + "</li>";
    }
    out += "</ol></details>\n";
  }
  return out;
}

std::string id_list(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + html(id);
  return out;
}

std::string changes_html(const Lang& t, const std::optional<PackFile>& published, const Pack& pack) {
  if (!published) {
    return "<p>" +
           html(t("No version of this pack is published yet: it will be the first.",
                  "Er is nog geen versie van dit pakket gepubliceerd: dit wordt de eerste.")) +
           "</p>";
  }
  const PackChanges changes = pack_changes(published->pack, pack);
  std::string out = "<p>" +
                    html(t("Against the published version ", "Ten opzichte van de gepubliceerde versie ")) +
                    std::to_string(published->pack.version) + ":</p>";
  if (changes.empty())
    return out + "<p>" + html(t("No points or scales changed.", "Geen punten of schalen veranderd.")) +
           "</p>";
  out += "<ul class=\"changes\">";
  const auto item = [&](std::string_view label, const std::vector<std::string>& ids) {
    if (!ids.empty()) out += "<li><b>" + html(label) + "</b>: " + id_list(ids) + "</li>";
  };
  item(t("points added", "punten erbij"), changes.points_added);
  item(t("points removed", "punten eraf"), changes.points_removed);
  item(t("points reworded", "punten anders verwoord"), changes.points_reworded);
  item(t("scales changed", "schalen veranderd"), changes.scales_changed);
  return out + "</ul>";
}

std::string published_table(const Lang& t, const std::vector<sync::PublishedPack>& packs) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& pack : packs) {
    rows.push_back(
        {html(pack.ref.id) + (pack.lifecycle.rehearsal ? " <span class=\"badge rehearsal\">" +
                                                             html(t("REHEARSAL", "PROEF")) + "</span>"
                                                       : std::string()),
         std::to_string(pack.ref.version), "<time>" + html(local_time(pack.published_at)) + "</time>",
         "<a class=\"button\" href=\"/console/packs/workbook?id=" + url_encode(pack.ref.id) +
             "&amp;version=" + std::to_string(pack.ref.version) + "\">" + html(t("Workbook", "Werkmap")) +
             "</a>"});
  }
  if (rows.empty())
    return "<p>" + html(t("Nothing is published yet.", "Er is nog niets gepubliceerd.")) + "</p>";
  return table({std::string(t("Pack", "Pakket")), std::string(t("Version", "Versie")),
                std::string(t("Published", "Gepubliceerd")), ""},
               rows);
}

}  // namespace

HttpResponse packs_page(Console::State& state, const Visit& visit) {
  const Lang& t = visit.t;
  return with_reader(state, visit, [&](HubStore& reader) {
    auto published = reader.published_packs();
    if (!published) return failed_page(visit, 503, published.error().message);
    std::string body;
    if (const std::string done = visit.query("done"); !done.empty()) body += notice("ok", html(done));
    const std::string draft_id = visit.query("draft");
    std::optional<PackDraft> draft;
    if (!draft_id.empty()) {
      std::lock_guard guard(state.mutex);
      const auto found = state.drafts.find(draft_id);
      if (found != state.drafts.end() && found->second.organiser == visit.session.organiser)
        draft = found->second;
    }
    if (draft) {
      std::string error;
      const auto newest = published_newest(reader, draft->pack.id, error);
      if (!error.empty()) return failed_page(visit, 503, error);
      body += "<section class=\"card\"><h2>" + html(draft->file_name) + ": " +
              html(t("no errors", "geen fouten")) + "</h2>";
      body += "<p>" + html(draft->pack.id) + ", " + html(t("version", "versie")) + " " +
              std::to_string(draft->pack.version);
      if (draft->pack.version != draft->uploaded_version) {
        body += " (" + html(t("raised from ", "verhoogd van ")) + std::to_string(draft->uploaded_version) +
                html(t(", past the published version", ", voorbij de gepubliceerde versie")) + ")";
      }
      body += "; " + html(counted(draft->pack.points.size(), t("point", "punt"), t("points", "punten"))) +
              ", " +
              html(counted(draft->pack.vignette.scenes.size(), t("scene", "scène"), t("scenes", "scènes"))) +
              "</p>";
      body += "<h3>" + html(t("What changed", "Wat er veranderd is")) + "</h3>" +
              changes_html(t, newest, draft->pack);
      body += post_button(visit.session, "/console/packs/publish", {{"draft", draft_id}},
                          std::string(t("Publish version ", "Versie ")) +
                              std::to_string(draft->pack.version) + std::string(t("", " publiceren")),
                          "primary");
      // A rehearsal runs on the real devices under a REHEARSAL band; its responses never count.
      body += post_button(visit.session, "/console/packs/publish", {{"draft", draft_id}, {"rehearsal", "1"}},
                          std::string(t("Publish as a rehearsal", "Als proef publiceren")), "");
      body += "</section>\n" + preview(t, draft->pack);
    }
    body += upload_form(t, visit.session);
    body += "<h2>" + html(t("Published packs", "Gepubliceerde pakketten")) + "</h2>" +
            published_table(t, published.value());
    body += lifecycle_section(reader, visit, published.value());
    return html_response(200, page(t, t("Packs", "Pakketten"), "/console/packs", body, &visit.session));
  });
}

HttpResponse packs_upload(Console::State& state, const Visit& visit, const std::vector<UploadedFile>& files,
                          const std::vector<std::string>& unsafe_names) {
  const Lang& t = visit.t;
  if (!unsafe_names.empty() || files.size() != 1) {
    return failed_page(visit, 400,
                       std::string(t("Choose one pack file with a plain file name.",
                                     "Kies één pakketbestand met een gewone bestandsnaam.")));
  }
  const UploadedFile& file = files.front();
  std::string json;
  Errors errors;
  if (has_extension(file.name, ".json")) {
    auto parsed = parse_pack(file.bytes, file.name);
    if (parsed)
      json = file.bytes;
    else
      errors = parsed.errors();
  } else if (has_extension(file.name, ".xlsx") || has_extension(file.name, ".ods")) {
    auto read = pack_from_workbook(file.bytes, file.name);
    if (read)
      json = read->json;
    else
      errors = read.errors();
  } else {
    errors.lines.push_back(file.name + ": " +
                           std::string(t("not a pack: give an .xlsx, .ods or .json file",
                                         "geen pakket: geef een .xlsx-, .ods- of .json-bestand")));
  }
  if (!errors.lines.empty()) {
    visit.audit(state, "pack-refused", file.name + ": " + std::to_string(errors.lines.size()) + " errors");
    std::string body =
        notice("error", html(std::to_string(errors.lines.size())) + " " +
                            html(t("problems; nothing was kept. Fix them and upload the file again:",
                                   "problemen; er is niets bewaard. Verbeter ze en upload het bestand "
                                   "opnieuw:")));
    body += "<ul class=\"errors\">";
    for (const auto& line : errors.lines) body += "<li>" + html(line) + "</li>";
    body += "</ul>" + upload_form(t, visit.session);
    return html_response(422, page(t, t("Packs", "Pakketten"), "/console/packs", body, &visit.session));
  }
  auto pack = parse_pack(json, file.name);
  if (!pack) return failed_page(visit, 422, pack.errors().joined("; "));
  PackDraft draft{visit.session.organiser, file.name, json, pack.value(), pack->version, utc_now()};
  auto reader = HubStore::open(state.options.db);
  if (!reader) return failed_page(visit, 503, reader.error().message);
  std::string error;
  const auto newest = published_newest(reader.value(), draft.pack.id, error);
  if (!error.empty()) return failed_page(visit, 503, error);
  if (newest && draft.pack.version <= newest->pack.version) {
    // The version raised past the published one, in the file that will be signed.
    nlohmann::json document = nlohmann::json::parse(json);
    document["version"] = newest->pack.version + 1;
    draft.json = document.dump(2) + "\n";
    auto raised = parse_pack(draft.json, file.name);
    if (!raised) return failed_page(visit, 422, raised.errors().joined("; "));
    draft.pack = std::move(raised.value());
  }
  const std::string id = random_hex(16);
  {
    std::lock_guard guard(state.mutex);
    while (state.drafts.size() >= kMaxDrafts) {
      auto oldest = state.drafts.begin();
      for (auto it = state.drafts.begin(); it != state.drafts.end(); ++it)
        if (it->second.at < oldest->second.at) oldest = it;
      state.drafts.erase(oldest);
    }
    state.drafts.emplace(id, std::move(draft));
  }
  return redirect("/console/packs?draft=" + id);
}

HttpResponse packs_publish(Console::State& state, const Visit& visit) {
  const Lang& t = visit.t;
  const auto field = visit.form.find("draft");
  std::optional<PackDraft> draft;
  if (field != visit.form.end()) {
    std::lock_guard guard(state.mutex);
    const auto found = state.drafts.find(field->second);
    if (found != state.drafts.end() && found->second.organiser == visit.session.organiser) {
      draft = std::move(found->second);
      state.drafts.erase(found);
    }
  }
  if (!draft) {
    return failed_page(visit, 404,
                       std::string(t("That upload is no longer here; upload the pack again.",
                                     "Die upload is er niet meer; upload het pakket opnieuw.")));
  }
  const auto rehearsal_field = visit.form.find("rehearsal");
  const bool rehearsal = rehearsal_field != visit.form.end() && rehearsal_field->second == "1";
  auto published = state.writer.publish_pack({draft->pack.id, draft->pack.version}, draft->json, rehearsal);
  if (!published) return failed_page(visit, 409, published.error().message);
  const std::string what =
      draft->pack.id + " " + std::string(t("version ", "versie ")) + std::to_string(draft->pack.version);
  visit.audit(state, rehearsal ? "publish-rehearsal" : "publish",
              draft->pack.id + " version " + std::to_string(draft->pack.version));
  return redirect("/console/packs?done=" +
                  url_encode(what + std::string(rehearsal ? t(" is published as a rehearsal",
                                                              " is als proef gepubliceerd")
                                                          : t(" is published", " is gepubliceerd"))));
}

HttpResponse pack_workbook(Console::State& state, const Visit& visit) {
  const std::string id = visit.query("id");
  int version = 0;
  try {
    version = std::stoi(visit.query("version"));
  } catch (const std::exception&) {
    version = 0;
  }
  if (!is_valid_id(id) || version < 1) return failed_page(visit, 400, "id and version of a published pack");
  auto file = state.writer.published_pack_file({id, version});
  if (!file) return failed_page(visit, 503, file.error().message);
  if (!file.value())
    return failed_page(
        visit, 404, std::string(visit.t("That pack is not published.", "Dat pakket is niet gepubliceerd.")));
  const std::string origin = id + " version " + std::to_string(version);
  auto pack = sync::read_signed_pack(*file.value(), origin, {state.writer.sign_public_key()});
  if (!pack) return failed_page(visit, 422, pack.errors().joined("; "));
  auto workbook = workbook_from_pack(pack->bytes, origin);
  if (!workbook) return failed_page(visit, 422, workbook.errors().joined("; "));
  visit.audit(state, "pack-workbook", origin);
  return download("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  std::move(workbook.value()), id + "-" + std::to_string(version) + ".xlsx");
}

}  // namespace peiling::hub::console
