#include "report/live_room.hpp"

#include "report/report_html.hpp"

namespace peiling::report {

namespace {

std::string in(const LocalizedText& text, const Pack& pack, std::string_view language) {
  std::string out(text.in(language));
  return out.empty() ? std::string(text.in(pack.languages.front())) : out;
}

// Complete responses shown the point, as the aggregate counted them.
int shown_point(const Aggregate& aggregate, std::string_view point_id) {
  for (const auto& point : aggregate.points)
    if (point.item_id == point_id && !point.scales.empty()) return point.scales.front().shown;
  return 0;
}

// What a text may say it came from: its point or open question, and its role, each only for a
// group of at least k.
std::string source_of(const hub::QueuedText& text, const Aggregate& aggregate, const Pack& pack,
                      std::string_view language) {
  const int k = aggregate.options.k;
  std::string about;
  if (text.open_answer) {
    for (const auto& question : pack.open_questions)
      if (question.id == text.key) about = in(question.question, pack, language);
  } else if (const Point* point = pack.point(text.key); point && shown_point(aggregate, text.key) >= k) {
    about = in(point->title, pack, language);
  }
  std::string role;
  if (text.role && pack.roles) {
    for (const auto& group : aggregate.by_role.groups) {
      if (group.key != *text.role || group.responses < k) continue;
      for (const auto& option : pack.roles->options)
        if (option.id == *text.role) role = in(option.label, pack, language);
    }
  }
  if (!about.empty() && !role.empty()) return about + " \xc2\xb7 " + role;
  return about.empty() ? role : about;
}

}  // namespace

std::string room_panel(const std::vector<hub::QueuedText>& queue, const Aggregate& aggregate,
                       const Pack& pack, std::string_view language, UtcMillis now) {
  if (aggregate.withheld || aggregate.complete < aggregate.options.k) return "";
  std::vector<const hub::QueuedText*> approved;
  for (const auto& text : queue)
    if (text.state == hub::Moderation::approved && text.complete && text.pack_id == pack.id)
      approved.push_back(&text);
  if (approved.empty()) return "";
  const auto turn = static_cast<std::size_t>(now / (kLiveRefreshSeconds * 1000));
  const std::size_t count = std::min(kRoomPanelTexts, approved.size());
  std::string html = std::string("<aside class=\"room\"><h2>") +
                     (language == "nl" ? "Uit de zaal" : "From the room") + "</h2><ul>";
  for (std::size_t i = 0; i < count; ++i) {
    const hub::QueuedText& text = *approved[(turn * count + i) % approved.size()];
    html += "<li><q>" + html_escape(text.text) + "</q>";
    if (const std::string source = source_of(text, aggregate, pack, language); !source.empty())
      html += "<small>" + html_escape(source) + "</small>";
    html += "</li>";
  }
  return html + "</ul></aside>";
}

}  // namespace peiling::report
