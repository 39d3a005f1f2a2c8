#include "report/live_route.hpp"

#include <string>

#include "hub/hub_packs.hpp"
#include "report/live_page.hpp"
#include "report/plenary.hpp"
#include "report/report_html.hpp"

namespace peiling::report {

namespace {

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
      return notice_page(503, "The hub database cannot be read", paragraph(reader.error().message));
    std::optional<Pack> published;
    if (!pack) {
      auto found = hub::published_pack(reader.value());
      if (!found) {
        return notice_page(
            404, "No pack to show",
            paragraph("The live page shows one pack's results, and " + found.errors().joined("; ") +
                      ". Either publish the pack:") +
                "<p><code>peiling-hub pack publish --db HUB.db PACK.json</code></p>" +
                paragraph("or restart the hub with the pack's file:") +
                "<p><code>peiling-hub serve --db HUB.db --pack-file PACK.json</code></p>" +
                paragraph("This page reloads by itself and shows the results once there is a pack."));
      }
      published = std::move(found->pack);
    }
    const Pack& shown = pack ? *pack : *published;
    const std::string language = lang != query.end() ? lang->second : shown.languages.front();
    // The chair's switch (report/plenary.hpp): hidden shows no figures, frozen the page kept then.
    auto plenary = reader->plenary(shown.id);
    if (!plenary)
      return notice_page(503, "The hub database cannot be read", paragraph(plenary.error().message));
    const std::string_view page_language = language == "nl" ? "nl" : "en";
    if (plenary->state == hub::LiveState::hidden) {
      return notice_page(200, std::string(results_follow_soon(page_language)),
                         paragraph(results_follow_soon_detail(shown, page_language)), page_language);
    }
    for (auto& [frozen_language, frozen_page] : plenary->frozen_pages) {
      if (frozen_language == page_language)
        return hub::HttpResponse{200, "text/html; charset=utf-8", std::move(frozen_page)};
    }
    auto page = live_page(reader.value(), shown, language);
    if (!page) return notice_page(503, "The hub database cannot be read", paragraph(page.error().message));
    return hub::HttpResponse{200, "text/html; charset=utf-8", std::move(page.value())};
  };
}

}  // namespace peiling::report
