#include "ui/widgets.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
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

// Draws text wrapped at wrap_width, each line centred in the box at min of size.
void draw_centered_lines(ImDrawList* draw, const std::string& text, ImVec2 min, ImVec2 size, float wrap_width,
                         ImU32 color) {
  ImFont* font = ImGui::GetFont();
  const float font_size = ImGui::GetFontSize();
  const char* end = text.c_str() + text.size();
  const float block_height = ImGui::CalcTextSize(text.c_str(), end, false, wrap_width).y;
  float y = min.y + (size.y - block_height) / 2;
  for (const char* line = text.c_str(); line < end;) {
    const char* line_end = font->CalcWordWrapPositionA(font_size / font->FontSize, line, end, wrap_width);
    if (line_end == line) line_end = line + 1;  // a word wider than the box still advances
    const float line_width = font->CalcTextSizeA(font_size, FLT_MAX, 0.0f, line, line_end).x;
    draw->AddText(font, font_size, ImVec2(min.x + (size.x - line_width) / 2, y), color, line, line_end);
    y += font_size;
    line = line_end;
    while (line < end && *line == ' ') ++line;
  }
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

int choice_grid(Ui& ui, const std::vector<std::string>& labels, const std::vector<std::string>& ids, int selected,
                float min_width) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float available = ImGui::CalcItemWidth();  // the column the screen pushed
  const int count = static_cast<int>(labels.size());
  // A button is never narrower than its longest word: words must not break mid-word.
  for (const auto& label : labels) {
    for (std::size_t start = 0; start < label.size();) {
      const std::size_t end = std::min(label.find(' ', start), label.size());
      min_width = std::max(min_width, ImGui::CalcTextSize(label.c_str() + start, label.c_str() + end).x +
                                          style.FramePadding.x * 2);
      start = end + 1;
    }
  }
  const int fitting = std::clamp(static_cast<int>((available + style.ItemSpacing.x) / (min_width + style.ItemSpacing.x)),
                                 1, std::max(count, 1));
  // Rows as even as possible: six choices in three columns make two full rows, not four and two.
  const int rows = (count + fitting - 1) / fitting;
  const int columns = rows > 0 ? (count + rows - 1) / rows : 1;
  const float width = (available - style.ItemSpacing.x * static_cast<float>(columns - 1)) / static_cast<float>(columns);
  const float wrap = width - style.FramePadding.x * 2;

  // Every button in the grid is as tall as the tallest label needs.
  float text_height = ImGui::GetTextLineHeight();
  for (const auto& label : labels) {
    text_height = std::max(text_height, ImGui::CalcTextSize(label.c_str(), nullptr, false, wrap).y);
  }
  const ImVec2 size(width, text_height + style.FramePadding.y * 2);

  int tapped = -1;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  for (int i = 0; i < count; ++i) {
    if (i % columns != 0) ImGui::SameLine();
    ImGui::PushID(ids[static_cast<std::size_t>(i)].c_str());
    if (ImGui::InvisibleButton("choice", size)) tapped = i;
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    const bool chosen = i == selected;
    const ImVec4 fill = chosen ? ui.theme.selected : hovered ? ui.theme.secondary_hovered : ui.theme.secondary;
    draw->AddRectFilled(min, max, ImGui::GetColorU32(fill), style.FrameRounding);
    draw->AddRect(min, max, ImGui::GetColorU32(ui.theme.border), style.FrameRounding, 0, chosen ? 3.0f : 1.0f);
    const std::string& label = labels[static_cast<std::size_t>(i)];
    draw_centered_lines(draw, label, min, ImVec2(width, size.y), wrap,
                        ImGui::GetColorU32(chosen ? ui.theme.primary_text : ui.theme.text));
    record_last_item(ui, label, ids[static_cast<std::size_t>(i)], true);
  }
  return tapped;
}

bool text_field(Ui& ui, std::string_view label, std::string_view id, std::string& buffer, ImVec2 size) {
  ImGui::PushID(id.data(), id.data() + id.size());
  ImGui::InputTextMultiline("##field", &buffer, size);
  ImGui::PopID();
  const bool left_after_edit = ImGui::IsItemDeactivatedAfterEdit();
  record_last_item(ui, label, id, true);
  record_last_item(ui, buffer, {}, false);
  return left_after_edit;
}

void progress_bar(Ui& ui, float fraction, std::string_view text, float width) {
  const float unit = ui.unit();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  if (width <= 0) width = unit * 8;
  const float height = unit * 0.4f;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float y = pos.y + (ImGui::GetTextLineHeight() - height) / 2;
  draw->AddRectFilled(ImVec2(pos.x, y), ImVec2(pos.x + width, y + height), ImGui::GetColorU32(ui.theme.secondary),
                      height / 2);
  draw->AddRectFilled(ImVec2(pos.x, y), ImVec2(pos.x + width * std::clamp(fraction, 0.0f, 1.0f), y + height),
                      ImGui::GetColorU32(ui.theme.primary), height / 2);
  ImGui::Dummy(ImVec2(width, ImGui::GetTextLineHeight()));
  ImGui::SameLine();
  note(ui, text);
}

ImVec2 button_size(const Ui& ui, std::string_view label, ImVec2 size) {
  const ImVec2 padding = ImGui::GetStyle().FramePadding;
  const ImVec2 text = ImGui::CalcTextSize(label.data(), label.data() + label.size());
  const ImVec2 fitted = ImGui::CalcItemSize(size, text.x + padding.x * 2, text.y + padding.y * 2);
  // Whole pixels, so that the next button in a row starts on one too and outlines stay crisp.
  return ImVec2(std::ceil(std::max(fitted.x, ui.min_target())), std::ceil(std::max(fitted.y, ui.min_target())));
}

}  // namespace peiling::ui
