#include "ui/top_bar.hpp"

#include <algorithm>
#include <cmath>

#include "ui/language_switch.hpp"
#include "ui/view_controls.hpp"

namespace peiling::ui {

void draw_top_bar(Ui& ui, AppState& state, const Pack& pack) {
  const float left = ImGui::GetCursorPosX();
  // The top-right corner stays free: holding it on Welcome opens the admin PIN.
  const float available = ImGui::GetContentRegionAvail().x - ui.unit() * 2.0f;
  const float switch_width = language_switch_width(ui, pack);
  const bool side_by_side =
      view_controls_width(ui) + ImGui::GetStyle().ItemSpacing.x * 2 + switch_width <= available;

  ImGui::BeginGroup();
  draw_view_controls(ui, state.view);
  ImGui::EndGroup();
  if (side_by_side) ImGui::SameLine();
  ImGui::SetCursorPosX(std::round(left + std::max(0.0f, available - switch_width)));
  ImGui::BeginGroup();
  draw_language_switch(ui, state, pack);
  ImGui::EndGroup();
}

}  // namespace peiling::ui
