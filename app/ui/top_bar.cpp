#include "ui/top_bar.hpp"

#include <algorithm>
#include <cmath>

#include "ui/language_switch.hpp"
#include "ui/view_controls.hpp"

namespace peiling::ui {

namespace {

constexpr std::string_view kViewMenuLabel = "Aa";  // no words to translate
constexpr float kProgressBarUnits = 8.0f;
// The bar gives way to the view controls and the languages down to this; only then does the
// progress take a row of its own under the bar (a row a point card at A+ cannot spare).
constexpr float kLeastProgressBarUnits = 2.0f;

// Whether the full view controls and the languages fit one row at the current font.
bool full_bar_fits(const Ui& ui, const AppState& state, const Pack& pack) {
  const float available = ImGui::GetContentRegionAvail().x - ui.unit() * 2.0f;
  return view_controls_width(ui) + ImGui::GetStyle().ItemSpacing.x * 2 +
             language_switch_width(ui, pack, true, &state) <=
         available;
}

bool draw_bar(Ui& ui, AppState& state, const Pack& pack, std::string_view progress, float fraction) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float left = ImGui::GetCursorPosX();
  const float top = ImGui::GetCursorPosY();
  // The top-right corner stays free: holding it on Welcome opens the admin PIN. The full bar
  // leaves it two units; a compact one only the window's margin, which the corner is in.
  const float available = ImGui::GetContentRegionAvail().x - ui.unit() * 2.0f;
  const float available_compact = ImGui::GetContentRegionAvail().x;
  const float gap = style.ItemSpacing.x * 2;
  const float full_switch = language_switch_width(ui, pack, false);
  const float short_switch = language_switch_width(ui, pack, true, &state);
  const float menu_width = button_size(ui, kViewMenuLabel).x;
  // The fullest bar that fits on one row.
  const bool full_view = view_controls_width(ui) + gap + short_switch <= available;
  const float view_width = full_view ? view_controls_width(ui) : menu_width;
  const bool full_switch_fits = view_width + gap + full_switch <= available;
  const float switch_width = full_switch_fits ? full_switch : short_switch;
  const float right = full_switch_fits ? available : available_compact;
  // Only where not even that fits (a language name wider than a third of the screen) does the
  // switch take a row of its own.
  const bool one_row = view_width + (full_switch_fits ? gap : style.ItemSpacing.x) + switch_width <= right;

  ImGui::BeginGroup();
  if (full_view) {
    draw_view_controls(ui, state.view);
  } else if (button(ui, kViewMenuLabel, "view.menu",
                    state.view_menu_open ? ButtonStyle::selected : ButtonStyle::secondary)) {
    state.view_menu_open = !state.view_menu_open;
  }
  ImGui::EndGroup();
  const float row_height = ImGui::GetItemRectSize().y;

  // The progress between them, on the row's middle line, when it fits whole.
  bool progress_drawn = false;
  const float middle = right - view_width - switch_width - gap * 2;
  const float bar_width =
      std::min(ui.unit() * kProgressBarUnits,
               std::floor(middle - style.ItemSpacing.x -
                          ImGui::CalcTextSize(progress.data(), progress.data() + progress.size()).x));
  if (!progress.empty() && bar_width >= ui.unit() * kLeastProgressBarUnits) {
    ImGui::SameLine(0, gap);
    ImGui::SetCursorPosY(top + (row_height - ImGui::GetTextLineHeight()) / 2);
    ImGui::BeginGroup();
    progress_bar(ui, fraction, progress, bar_width);
    ImGui::EndGroup();
    progress_drawn = true;
  }
  if (one_row) {
    ImGui::SameLine();
    ImGui::SetCursorPos(ImVec2(std::round(left + std::max(0.0f, right - switch_width)), top));
  } else {
    ImGui::SetCursorPosX(std::round(left + std::max(0.0f, right - switch_width)));
  }
  ImGui::BeginGroup();
  draw_language_switch(ui, state, pack, !full_switch_fits);
  ImGui::EndGroup();
  if (!full_view && state.view_menu_open) {
    ImGui::SetCursorPosX(left);
    ImGui::BeginGroup();
    if (draw_view_controls(ui, state.view)) state.view_menu_open = false;  // chosen: the row folds away
    ImGui::EndGroup();
  }
  return progress_drawn;
}

}  // namespace

bool draw_top_bar(Ui& ui, AppState& state, const Pack& pack, std::string_view progress, float fraction) {
  ImFont* controls = ui.fonts.controls;
  if (!controls || controls == ui.fonts.body || full_bar_fits(ui, state, pack))
    return draw_bar(ui, state, pack, progress, fraction);
  // A+ and A++ are for what the respondent reads. Where the bar at that size would not fit one
  // row (a narrow screen), it keeps the size of A, whose row a page's body can spare: at 600x900
  // and scale 2 at A++ the bar took two rows of 150 px, and Welcome's Begin went below the fold.
  Ui bar = ui;
  bar.fonts.body = controls;
  const float ratio = controls->FontSize / ui.unit();
  const ImGuiStyle& style = ImGui::GetStyle();
  const auto scaled = [ratio](ImVec2 v) { return ImVec2(std::round(v.x * ratio), std::round(v.y * ratio)); };
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, scaled(style.FramePadding));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, scaled(style.ItemSpacing));
  ImGui::PushFont(controls);
  // The progress, where it found no room in the row, under it at the bar's size.
  const bool in_row = draw_bar(bar, state, pack, progress, fraction);
  if (!in_row && !progress.empty()) progress_bar(bar, fraction, progress);
  ImGui::PopFont();
  ImGui::PopStyleVar(2);
  return !progress.empty();
}

}  // namespace peiling::ui
