#include "ui/widgets.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace peiling::ui {

namespace {

// Records the last item, clipped to what its window shows.
void record_last_item(Ui& ui, std::string_view label, std::string_view id, bool is_widget) {
  if (!ImGui::IsItemVisible()) return;
  const ImRect clip = ImGui::GetCurrentWindowRead()->ClipRect;
  ImRect rect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  rect.ClipWithFull(clip);
  ui.index.add(label, id, rect.Min, rect.Max, is_widget);
}

void wrapped(Ui& ui, std::string_view text, ImFont* font, const ImVec4& color) {
  ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  // Wrap where the screen asked for (a column), else at the window's edge.
  const bool column_set = ImGui::GetCurrentWindowRead()->DC.TextWrapPos >= 0.0f;
  if (!column_set) ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  if (!column_set) ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();
  record_last_item(ui, text, {}, false);
}

}  // namespace

void text(Ui& ui, std::string_view text) { wrapped(ui, text, ui.fonts.body, ui.theme.text); }

void note(Ui& ui, std::string_view text) { wrapped(ui, text, ui.fonts.body, ui.theme.muted_text); }

void heading(Ui& ui, std::string_view text) { wrapped(ui, text, ui.fonts.heading, ui.theme.text); }

bool button(Ui& ui, std::string_view label, std::string_view id, ButtonStyle style, ImVec2 size) {
  std::string imgui_id;
  imgui_id.reserve(label.size() + id.size() + 2);
  imgui_id.append(label).append("##").append(id);

  int colors_pushed = 0;
  if (style != ButtonStyle::secondary) {
    const ImVec4& fill = style == ButtonStyle::primary ? ui.theme.primary : ui.theme.selected;
    ImGui::PushStyleColor(ImGuiCol_Button, fill);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ui.theme.primary_hovered);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ui.theme.primary_hovered);
    ImGui::PushStyleColor(ImGuiCol_Text, ui.theme.primary_text);
    colors_pushed = 4;
  }
  const bool pressed = ImGui::Button(imgui_id.c_str(), button_size(ui, label, size));
  ImGui::PopStyleColor(colors_pushed);
  record_last_item(ui, label, id, true);
  return pressed;
}

ImVec2 button_size(const Ui& ui, std::string_view label, ImVec2 size) {
  const ImVec2 padding = ImGui::GetStyle().FramePadding;
  const ImVec2 text = ImGui::CalcTextSize(label.data(), label.data() + label.size());
  const ImVec2 fitted = ImGui::CalcItemSize(size, text.x + padding.x * 2, text.y + padding.y * 2);
  // Whole pixels, so that the next button in a row starts on one too and outlines stay crisp.
  return ImVec2(std::ceil(std::max(fitted.x, ui.min_target())), std::ceil(std::max(fitted.y, ui.min_target())));
}

}  // namespace peiling::ui
