#pragma once
// The frame every console page shares (header, navigation, language switch, sign-out) and the
// small pieces pages are made of. Text goes through html() (report::html_escape) on its way in.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hub/hub_store.hpp"

namespace peiling::hub::console {

// The page's language: t("Devices", "Apparaten") is the English or the Dutch.
struct Lang {
  bool nl = true;
  std::string_view operator()(std::string_view en, std::string_view dutch) const { return nl ? dutch : en; }
  std::string code() const { return nl ? "nl" : "en"; }
};
Lang lang_named(std::string_view code);  // "en" → English, anything else Dutch

std::string html(std::string_view text);
// <input type="hidden" name="csrf" value="...">
std::string csrf_field(const ConsoleSession& session);
// A local time of the hub's machine, "2026-12-03 09:45"; "—" for 0.
std::string local_time(UtcMillis at);
// The same as a datetime-local field holds it, "2026-12-03T09:45", and back: "…T09:45" or
// "…T09:45:30" read as the hub machine's local time; nullopt for anything else, a day that does
// not exist or an hour the clocks skip.
std::string local_time_field(UtcMillis at);
std::optional<UtcMillis> local_time_named(std::string_view text);
// The hub machine's zone at that moment, as an organiser reads it: "CET, UTC+01:00", or "UTC".
std::string local_zone(UtcMillis at);

// A whole page. nav: the navigation item to mark (its path); session null: signed out (no nav).
// refresh_seconds > 0: console.js reloads <main> that often, keeping the scroll position.
std::string page(const Lang& t, std::string_view title, std::string_view nav, const std::string& body,
                 const ConsoleSession* session, int refresh_seconds = 0);

// A table that scrolls sideways on a phone rather than squeezing its columns.
std::string table(const std::vector<std::string>& headers,
                  const std::vector<std::vector<std::string>>& rows_html);

// A one-button POST form (with the CSRF token): hidden fields, then the button.
std::string post_button(const ConsoleSession& session, std::string_view action,
                        const std::vector<std::pair<std::string, std::string>>& fields,
                        std::string_view label, std::string_view css_class = "");

std::string notice(std::string_view css_class, const std::string& text_html);

}  // namespace peiling::hub::console
