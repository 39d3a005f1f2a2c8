#include "hub/console/console_page.hpp"

#include <ctime>

#include "report/report_html.hpp"

namespace peiling::hub::console {

Lang lang_named(std::string_view code) {
  return Lang{code != "en"};
}

std::string html(std::string_view text) {
  return report::html_escape(text);
}

std::string csrf_field(const ConsoleSession& session) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + html(session.csrf_token) + "\">";
}

namespace {

std::string local_formatted(UtcMillis at, const char* format) {
  const std::time_t seconds = static_cast<std::time_t>(at / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  char text[64];
  return std::strftime(text, sizeof text, format, &local) ? text : "";
}

}  // namespace

std::string local_time(UtcMillis at) {
  if (at == 0) return "\xe2\x80\x94";
  return local_formatted(at, "%Y-%m-%d %H:%M");
}

std::string local_time_field(UtcMillis at) {
  return local_formatted(at, "%Y-%m-%dT%H:%M");
}

std::string local_zone(UtcMillis at) {
  // "+0100" as "UTC+01:00"; the abbreviation first where the zone has one of letters.
  const std::string offset = local_formatted(at, "%z");
  const std::string name = local_formatted(at, "%Z");
  std::string utc = "UTC";
  if (offset.size() == 5 && offset != "+0000") utc += offset.substr(0, 3) + ":" + offset.substr(3);
  if (name.empty() || name == "UTC" || name == "GMT" || name.find_first_of("+-") != std::string::npos)
    return utc;
  return name + ", " + utc;
}

std::optional<UtcMillis> local_time_named(std::string_view text) {
  if (text.size() != 16 && text.size() != 19) return std::nullopt;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char expected = i == 4 || i == 7 ? '-' : i == 10 ? 'T' : i == 13 || i == 16 ? ':' : '0';
    if (expected == '0' ? (text[i] < '0' || text[i] > '9') : text[i] != expected) return std::nullopt;
  }
  const auto number = [text](std::size_t at, std::size_t digits) {
    int value = 0;
    for (std::size_t i = at; i < at + digits; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  std::tm local{};
  local.tm_year = number(0, 4) - 1900;
  local.tm_mon = number(5, 2) - 1;
  local.tm_mday = number(8, 2);
  local.tm_hour = number(11, 2);
  local.tm_min = number(14, 2);
  local.tm_sec = text.size() == 19 ? number(17, 2) : 0;
  local.tm_isdst = -1;  // the zone's rule for that day
  const std::tm asked = local;
  const std::time_t seconds = std::mktime(&local);
  // mktime moves a 31 February or an hour the clocks skip to another time: that is no such time.
  if (seconds == static_cast<std::time_t>(-1) || local.tm_year != asked.tm_year ||
      local.tm_mon != asked.tm_mon || local.tm_mday != asked.tm_mday || local.tm_hour != asked.tm_hour ||
      local.tm_min != asked.tm_min || local.tm_sec != asked.tm_sec)
    return std::nullopt;
  return static_cast<UtcMillis>(seconds) * 1000;
}

std::string page(const Lang& t, std::string_view title, std::string_view nav, const std::string& body,
                 const ConsoleSession* session, int refresh_seconds) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + t.code() + "\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + html(title) + " \xc2\xb7 Peiling hub</title>\n";
  out += "<link rel=\"icon\" href=\"/console/assets/console-icon.svg\" type=\"image/svg+xml\">\n";
  out += "<link rel=\"stylesheet\" href=\"/console/assets/console.css\">\n";
  out += "<script src=\"/console/assets/console.js\" defer></script>\n</head>\n<body>\n";
  out += "<header class=\"top\"><a class=\"brand\" href=\"/console/overview\">Peiling hub</a>";
  if (session) {
    struct Item {
      std::string_view path, en, nl;
    };
    static constexpr Item kItems[] = {
        {"/console/overview", "Overview", "Overzicht"}, {"/console/devices", "Devices", "Apparaten"},
        {"/console/import", "Import", "Importeren"},    {"/console/packs", "Packs", "Pakketten"},
        {"/console/plenary", "Plenary", "Plenair"},     {"/console/comments", "Comments", "Opmerkingen"},
        {"/console/reports", "Reports", "Rapporten"},   {"/console/contacts", "Contacts", "Contacten"},
        {"/console/backup", "Backup", "Back-up"},       {"/console/audit", "Audit log", "Logboek"},
    };
    out += "<nav><ul>";
    for (const auto& item : kItems) {
      out += "<li><a href=\"" + std::string(item.path) + "\"" +
             (item.path == nav ? " aria-current=\"page\"" : "") + ">" + html(t(item.en, item.nl)) +
             "</a></li>";
    }
    out += "</ul></nav><div class=\"who\"><span>" + html(session->organiser) + "</span>";
    out += "<form method=\"post\" action=\"/console/language\">" + csrf_field(*session) +
           "<input type=\"hidden\" name=\"back\" value=\"" + html(nav.empty() ? "/console/overview" : nav) +
           "\"><input type=\"hidden\" name=\"lang\" value=\"" + (t.nl ? "en" : "nl") +
           "\"><button class=\"link\">" + (t.nl ? "English" : "Nederlands") + "</button></form>";
    out += "<form method=\"post\" action=\"/console/sign-out\">" + csrf_field(*session) +
           "<button class=\"link\">" + html(t("Sign out", "Afmelden")) + "</button></form></div>";
  }
  out += "</header>\n<main";
  if (refresh_seconds > 0) out += " data-refresh=\"" + std::to_string(refresh_seconds) + "\"";
  out += ">\n<h1>" + html(title) + "</h1>\n" + body + "\n</main>\n</body>\n</html>\n";
  return out;
}

std::string table(const std::vector<std::string>& headers,
                  const std::vector<std::vector<std::string>>& rows_html) {
  std::string out = "<div class=\"scroll\"><table>\n<thead><tr>";
  for (const auto& header : headers) out += "<th scope=\"col\">" + html(header) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : rows_html) {
    out += "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i) {
      const std::string label = i < headers.size() ? " data-label=\"" + html(headers[i]) + "\"" : "";
      out += "<td" + label + ">" + row[i] + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table></div>\n";
}

std::string post_button(const ConsoleSession& session, std::string_view action,
                        const std::vector<std::pair<std::string, std::string>>& fields,
                        std::string_view label, std::string_view css_class) {
  std::string out =
      "<form class=\"inline\" method=\"post\" action=\"" + html(action) + "\">" + csrf_field(session);
  for (const auto& [name, value] : fields)
    out += "<input type=\"hidden\" name=\"" + html(name) + "\" value=\"" + html(value) + "\">";
  out += "<button";
  if (!css_class.empty()) out += " class=\"" + html(css_class) + "\"";
  return out + ">" + html(label) + "</button></form>";
}

std::string notice(std::string_view css_class, const std::string& text_html) {
  return "<div class=\"notice " + html(css_class) + "\" role=\"status\">" + text_html + "</div>\n";
}

}  // namespace peiling::hub::console
