#include "report/live_route.hpp"

#include <nlohmann/json.hpp>
#include <string>

#include "hub/hub_packs.hpp"
#include "report/live_page.hpp"
#include "report/plenary.hpp"
#include "report/report_html.hpp"

namespace peiling::report {

namespace {

// The versions of the pages that show no pack's state, so that they too reload once there is one.
constexpr const char* kNoPack = "no-pack";
constexpr const char* kUnreadable = "unreadable";

// A page the projector can show in place of the results: what is wrong and what to do, in large
// type, reloading like the live page so it gives way to the results once the cause is fixed.
// body_html: paragraphs, escaped by the caller.
hub::HttpResponse notice_page(int status, const std::string& title, const std::string& body_html,
                              std::string_view language = "en") {
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"" + std::string(language) + "\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta http-equiv=\"refresh\" content=\"" + std::to_string(kLiveRefreshSeconds) + "\">\n";
  html += "<title>" + html_escape(title) + "</title>\n";
  html +=
      "<style>body{margin:0;padding:6vh 6vw;background:#111;color:#eee;font:2.2vw/1.5 system-ui,sans-serif}"
      "h1{font-size:4vw;margin:0 0 4vh}p{max-width:60em}code{color:#ffd166}</style>\n</head>\n<body>\n";
  html += "<h1>" + html_escape(title) + "</h1>\n" + body_html + "\n</body>\n</html>\n";
  return {status, "text/html; charset=utf-8", std::move(html)};
}

std::string paragraph(const std::string& text) {
  return "<p>" + html_escape(text) + "</p>";
}

// The pack /live shows: the one serve was given, else the newest published at this request.
Result<Pack> shown_pack(hub::HubStore& reader, const std::optional<Pack>& fixed) {
  if (fixed) return *fixed;
  auto found = hub::published_pack(reader);
  if (!found) return found.errors();
  return std::move(found->pack);
}

// What a page on the projector must reload for when it changes: which pack is shown and the
// chair's switch over it. The figures themselves reload every kLiveRefreshSeconds.
std::string switch_version(const Pack& pack, const hub::PlenaryState& plenary) {
  return pack.id + "/" + std::to_string(pack.version) + "/" + std::string(hub::to_string(plenary.state)) +
         "/" + std::to_string(plenary.changed_at);
}

// Every page /live answers polls kLiveStatePath each second and reloads as soon as the version
// differs from the one it was served with, so a switch reaches the projector within about a
// second, where the figures' refresh alone would take up to kLiveRefreshSeconds. Added at serve
// time, not stored, so a frozen page polls with the version of its freeze.
hub::HttpResponse polling(hub::HttpResponse page, const std::string& version) {
  const std::size_t head_end = page.body.find("</head>");
  if (head_end == std::string::npos) return page;
  page.body.insert(
      head_end,
      "<meta name=\"peiling-live-version\" content=\"" + html_escape(version) +
          "\">\n<script>(function(){var v=document.querySelector('meta[name=\"peiling-live-version\"]')"
          ".content;function poll(){fetch(\"" +
          std::string(kLiveStatePath) +
          "\",{cache:\"no-store\"}).then(function(r){return r.ok?r.json():null})"
          ".then(function(s){if(s&&s.version!==v)location.reload()}).catch(function(){})"
          ".then(function(){setTimeout(poll,1000)})}setTimeout(poll,1000)})();</script>\n");
  return page;
}

hub::HttpResponse json_response(int status, const nlohmann::json& body) {
  return {status, "application/json", body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

}  // namespace

hub::GetHandler live_route(std::optional<Pack> pack) {
  return [pack = std::move(pack)](const std::filesystem::path& hub_db, const hub::QueryParams& query) {
    const auto lang = query.find("lang");
    if (lang != query.end() && lang->second != "nl" && lang->second != "en") {
      return notice_page(400, "Unknown language",
                         paragraph("lang=" + lang->second +
                                   " is not a language of the live page: use /live?lang=nl "
                                   "or /live?lang=en, or leave lang out for the pack's first language."));
    }
    // A read connection of its own (WAL), so a page never waits for the writer's mutex.
    auto reader = hub::HubStore::open(hub_db);
    if (!reader)
      return polling(notice_page(503, "The hub database cannot be read", paragraph(reader.error().message)),
                     kUnreadable);
    auto shown = shown_pack(reader.value(), pack);
    if (!shown) {
      return polling(
          notice_page(
              404, "No pack to show",
              paragraph("The live page shows one pack's results, and " + shown.errors().joined("; ") +
                        ". Either publish the pack:") +
                  "<p><code>peiling-hub pack publish --db HUB.db PACK.json</code></p>" +
                  paragraph("or restart the hub with the pack's file:") +
                  "<p><code>peiling-hub serve --db HUB.db --pack-file PACK.json</code></p>" +
                  paragraph("This page reloads by itself and shows the results once there is a pack.")),
          kNoPack);
    }
    const std::string language = lang != query.end() ? lang->second : shown->languages.front();
    // The chair's switch (report/plenary.hpp): hidden shows no figures, frozen the page kept then.
    auto plenary = reader->plenary(shown->id);
    if (!plenary)
      return polling(notice_page(503, "The hub database cannot be read", paragraph(plenary.error().message)),
                     kUnreadable);
    const std::string version = switch_version(shown.value(), plenary.value());
    const std::string_view page_language = language == "nl" ? "nl" : "en";
    if (plenary->state == hub::LiveState::hidden) {
      return polling(
          notice_page(200, std::string(results_follow_soon(page_language)),
                      paragraph(results_follow_soon_detail(shown.value(), page_language)), page_language),
          version);
    }
    for (auto& [frozen_language, frozen_page] : plenary->frozen_pages) {
      if (frozen_language == page_language)
        return polling({200, "text/html; charset=utf-8", std::move(frozen_page)}, version);
    }
    auto page = live_page(reader.value(), shown.value(), language);
    if (!page)
      return polling(notice_page(503, "The hub database cannot be read", paragraph(page.error().message)),
                     kUnreadable);
    return polling({200, "text/html; charset=utf-8", std::move(page.value())}, version);
  };
}

hub::GetHandler live_state_route(std::optional<Pack> pack) {
  return [pack = std::move(pack)](const std::filesystem::path& hub_db, const hub::QueryParams&) {
    auto reader = hub::HubStore::open(hub_db);
    if (!reader) return json_response(503, {{"version", kUnreadable}, {"error", reader.error().message}});
    auto shown = shown_pack(reader.value(), pack);
    if (!shown) return json_response(200, {{"version", kNoPack}});
    auto plenary = reader->plenary(shown->id);
    if (!plenary) return json_response(503, {{"version", kUnreadable}, {"error", plenary.error().message}});
    return json_response(200, {{"version", switch_version(shown.value(), plenary.value())},
                               {"pack", shown->id},
                               {"state", hub::to_string(plenary->state)}});
  };
}

void add_live_routes(hub::HubApi& api, std::optional<Pack> pack) {
  api.add_get(std::string(kLiveStatePath), live_state_route(pack), hub::Access::open);
  api.add_get(std::string(kLivePath), live_route(std::move(pack)), hub::Access::open);
}

}  // namespace peiling::report
