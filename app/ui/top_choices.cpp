#include "ui/top_choices.hpp"

#include <algorithm>
#include <cmath>

#include "core/catalog.hpp"

namespace peiling::ui {

namespace {

// A list longer than this starts with its themes closed: about two screens of points.
constexpr std::size_t kOpenListMax = 12;

// text cut at a UTF-8 boundary, with an ellipsis, so that it fits width at the current font.
std::string one_line(std::string_view text, float width) {
  const auto width_of = [](std::string_view part) {
    return ImGui::CalcTextSize(part.data(), part.data() + part.size()).x;
  };
  if (width_of(text) <= width) return std::string(text);
  const std::string_view ellipsis = "…";
  std::size_t end = text.size();
  while (end > 0) {
    do {
      --end;
    } while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80);
    std::string_view kept = text.substr(0, end);
    while (!kept.empty() && kept.back() == ' ') kept.remove_suffix(1);
    if (width_of(kept) + width_of(ellipsis) <= width) return std::string(kept) + std::string(ellipsis);
  }
  return std::string(ellipsis);
}

bool opens_by_default(const Pack& pack) {
  return pack.top_n.from.size() <= kOpenListMax;
}

bool is_allowed(const Pack& pack, const std::string& point_id) {
  const auto& allowed = pack.top_n.from;
  return std::find(allowed.begin(), allowed.end(), point_id) != allowed.end();
}

}  // namespace

void draw_chosen_points(ScreenContext& context, float column) {
  Ui& ui = context.ui;
  const std::string_view language = context.state.language;
  ResponseSession& session = *context.state.session;
  const int max_choices = context.pack.settings.top_n_size;
  const auto& chosen = session.top_choices();
  heading(ui, context.pack.top_n.question.in(language));
  // One line of status: how many are chosen, or what to do next.
  const bool full = static_cast<int>(chosen.size()) >= max_choices;
  const std::string_view none = opens_by_default(context.pack) ? "top.none" : "top.none_closed";
  text(ui, fill(ui.tr(chosen.empty() ? none
                      : full         ? "top.full"
                                     : "top.chosen"),
                {{"n", std::to_string(chosen.size())}, {"max", std::to_string(max_choices)}}));
  const ImGuiStyle& style = ImGui::GetStyle();
  const float buttons_width = button_size(ui, ui.tr("top.up")).x + button_size(ui, ui.tr("top.down")).x +
                              button_size(ui, ui.tr("top.remove")).x + style.ItemSpacing.x * 2;
  // The title beside its buttons where that leaves it a readable part of a line; else above them.
  const bool beside = column - buttons_width - style.ItemSpacing.x >= ui.unit() * 10;
  const float title_width = beside ? column - buttons_width - style.ItemSpacing.x : column;
  for (std::size_t rank = 0; rank < chosen.size(); ++rank) {
    const Point* point = context.pack.point(chosen[rank]);
    if (!point) continue;
    ImGui::PushID(static_cast<int>(rank));
    const float row_top = ImGui::GetCursorPosY();
    const float row_left = ImGui::GetCursorPosX();
    const float row_height = ui.min_target();
    if (beside) ImGui::SetCursorPosY(row_top + (row_height - ImGui::GetTextLineHeight()) / 2);
    const std::string title = std::to_string(rank + 1) + ". " + std::string(point->title.in(language));
    text(ui, one_line(title, title_width));
    const std::string suffix = "." + std::to_string(rank + 1);
    // Beside the title at the right, or under it at the right; where even that row is too narrow,
    // the buttons flow onto as many rows as they need, never past the column.
    float x = beside || buttons_width <= column ? column - buttons_width : 0;
    bool first = true;
    // Up and Down keep their places (disabled at the ends) so the buttons do not jump.
    const auto row_button = [&](std::string_view key, bool enabled) {
      const float button_width = button_size(ui, ui.tr(key)).x;
      if (first && beside) {
        ImGui::SameLine(x);  // inside a group, SameLine counts from the group's left
        ImGui::SetCursorPosY(row_top);
      } else if (!first && x + button_width <= column) {
        ImGui::SameLine(x);
      } else {
        if (!first) x = 0;
        ImGui::SetCursorPosX(row_left + x);
      }
      first = false;
      ImGui::BeginDisabled(!enabled);
      const bool pressed = button(ui, ui.tr(key), std::string(key) + suffix, ButtonStyle::secondary);
      ImGui::EndDisabled();
      x += button_width + style.ItemSpacing.x;
      return pressed && enabled;
    };
    if (row_button("top.up", rank > 0)) session.move_top_choice(rank, rank - 1);
    if (row_button("top.down", rank + 1 < chosen.size())) session.move_top_choice(rank, rank + 1);
    if (row_button("top.remove", true)) session.toggle_top_choice(point->id, max_choices);
    ImGui::PopID();
  }
  // The divider spans the column, not the screen.
  // On a pixel row of its own (a line between two rows comes out as two half-lines).
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float y = std::floor(at.y) + 0.5f;
  ImGui::GetWindowDrawList()->AddLine(ImVec2(at.x, y), ImVec2(at.x + column, y),
                                      ImGui::GetColorU32(ui.theme.border), style.FrameBorderSize);
  ImGui::Dummy(ImVec2(column, style.FrameBorderSize));
}

void draw_choosable_points(ScreenContext& context, float width) {
  Ui& ui = context.ui;
  const std::string_view language = context.state.language;
  ResponseSession& session = *context.state.session;
  const Pack& pack = context.pack;
  const int max_choices = pack.settings.top_n_size;
  const auto& chosen = session.top_choices();
  const bool open_by_default = opens_by_default(pack);
  for (const auto& group : pack.points_by_theme()) {
    int offered = 0;
    int picked = 0;
    for (const Point* point : group.points) {
      if (!is_allowed(pack, point->id)) continue;
      ++offered;
      if (std::find(chosen.begin(), chosen.end(), point->id) != chosen.end()) ++picked;
    }
    // A theme none of whose points may be chosen shows no heading either.
    if (offered == 0) continue;
    const std::string& theme_id = group.theme->id;
    const bool open = open_by_default != context.state.toggled_themes.contains(theme_id);
    // The heading opens and closes its points; closed, it says how many it holds and how many of
    // them are chosen.
    const std::string label =
        std::string(open ? "▾ " : "▸ ") + fill(ui.tr(picked > 0 ? "top.theme_chosen" : "top.theme"),
                                               {{"theme", std::string(group.theme->label.in(language))},
                                                {"n", std::to_string(offered)},
                                                {"chosen", std::to_string(picked)}});
    if (choice_grid(ui, {label}, {"top.theme." + theme_id}, -1, width) == 0) {
      if (!context.state.toggled_themes.insert(theme_id).second) context.state.toggled_themes.erase(theme_id);
    }
    if (open) {
      for (const Point* point : group.points) {
        if (!is_allowed(pack, point->id)) continue;
        const bool is_chosen = std::find(chosen.begin(), chosen.end(), point->id) != chosen.end();
        const std::string point_label = (is_chosen ? "✓ " : "") + std::string(point->title.in(language));
        if (choice_grid(ui, {point_label}, {"top." + point->id}, is_chosen ? 0 : -1, width) == 0) {
          session.toggle_top_choice(point->id, max_choices);
        }
      }
    }
    ImGui::Dummy(ImVec2(0, ui.unit() * 0.4f));
  }
}

}  // namespace peiling::ui
