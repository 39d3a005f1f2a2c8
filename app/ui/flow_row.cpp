#include "ui/flow_row.hpp"

#include <imgui.h>

namespace peiling::ui {

FlowRow::FlowRow()
    : left_(ImGui::GetCursorScreenPos().x),
      right_(ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x) {}

void FlowRow::place(float item_width) {
  if (empty_) {
    empty_ = false;
    return;
  }
  const float next_left = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x;
  if (next_left + item_width <= right_) {
    ImGui::SameLine();
  } else {
    ImGui::SetCursorScreenPos(ImVec2(left_, ImGui::GetCursorScreenPos().y));
  }
}

float row_width(std::span<const float> item_widths) {
  float width = 0;
  for (const float item : item_widths) width += item;
  if (item_widths.size() > 1)
    width += ImGui::GetStyle().ItemSpacing.x * static_cast<float>(item_widths.size() - 1);
  return width;
}

}  // namespace peiling::ui
