#include "report/live_route.hpp"

#include <algorithm>
#include <string>
#include <tuple>

#include "report/live_page.hpp"
#include "report/report_html.hpp"

namespace peiling::report {

namespace {

// A page the projector can show in place of the results: what is wrong and what to do, in large
// type, reloading like the live page so it gives way to the results once the cause is fixed.
// body_html: paragraphs, escaped by the caller.
hub::HttpResponse notice_page(int status, const std::string& title, const std::string& body_html) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
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

Result<PackFile> published_pack(hub::HubStore& hub, std::string_view pack_id) {
  auto packs = hub.published_packs();
  if (!packs) return Result<PackFile>::failure(packs.error().message);
  // Without an id, the id published last; of that id the highest version, since versions are the
  // author's order and publishing times may tie.
  std::string id(pack_id);
  if (id.empty()) {
    const auto last = std::max_element(packs->begin(), packs->end(), [](const auto& a, const auto& b) {
      return std::tie(a.published_at, a.ref.version) < std::tie(b.published_at, b.ref.version);
    });
    if (last != packs->end()) id = last->ref.id;
  }
  const sync::PublishedPack* newest = nullptr;
  for (const auto& pack : packs.value()) {
    if (pack.ref.id == id && (!newest || pack.ref.version > newest->ref.version)) newest = &pack;
  }
  if (!newest) {
    return Result<PackFile>::failure(
        (pack_id.empty() ? "no pack is" : "pack " + std::string(pack_id) + " is not") +
        " published on this hub");
  }
  auto file = hub.published_pack_file(newest->ref);
  if (!file) return Result<PackFile>::failure(file.error().message);
  if (!file.value())
    return Result<PackFile>::failure("pack " + newest->ref.id + " vanished while it was read");
  const std::string origin =
      "published pack " + newest->ref.id + " version " + std::to_string(newest->ref.version);
  return sync::read_signed_pack(*file.value(), origin, {hub.sign_public_key()});
}

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
      auto found = published_pack(reader.value());
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
    auto page = live_page(reader.value(), shown, language);
    if (!page) return notice_page(503, "The hub database cannot be read", paragraph(page.error().message));
    return hub::HttpResponse{200, "text/html; charset=utf-8", std::move(page.value())};
  };
}

}  // namespace peiling::report
