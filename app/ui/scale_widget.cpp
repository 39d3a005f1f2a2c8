#include "ui/scale_widget.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace peiling::ui {

namespace {

// Sizes in font units. The label inside a point is a step smaller than body text, so that five
// points and "no opinion" fit a row at 1280 px and five points at 800 px, labels whole.
constexpr float kLabelScale = 0.8f;
constexpr float kPadding = 0.25f;    // inside a point, on each side
constexpr float kGap = 1.2f;         // before "no opinion" beside the row
constexpr float kGapBelow = 0.3f;    // before "no opinion" below the row or the list
constexpr float kNumberGap = 0.0f;   // between the number and the label
constexpr float kFocusRing = 0.12f;  // outline of the keyboard's focus

struct Metrics {
  float unit, label_size, padding, spacing;
};

Metrics metrics_of(const Ui& ui) {
  const float unit = ui.unit();
  return {unit, std::round(unit * kLabelScale), std::round(unit * kPadding), ImGui::GetStyle().ItemSpacing.x};
}

// The least width of a point (and of "no opinion" beside it): its number, the longest word of
// any label, and a finger's width.
float least_point_width(const Ui& ui, const ScaleChoice& scale, const Metrics& m) {
  float widest = 0;
  for (const ScaleOption& point : scale.points) {
    widest = std::max(widest, longest_word_width(point.label, m.label_size));
    widest = std::max(widest, longest_word_width(point.number, m.unit));
  }
  widest = std::max(widest, longest_word_width(scale.none.label, m.label_size));
  return std::max(std::ceil(widest + m.padding * 2), ui.min_target());
}

float row_point_width(const ScaleChoice& scale, const Metrics& m, float width, bool none_beside) {
  const float n = static_cast<float>(scale.points.size());
  if (none_beside) return std::floor((width - (n - 1) * m.spacing - m.unit * kGap) / (n + 1));
  return std::floor((width - (n - 1) * m.spacing) / n);
}

// The metrics of scale at width: the theme's, its labels made smaller (to no less than
// kLeastRowLabelScale of their size) where only that lets the points stand in a row. English's
// longer words at 800x1280, A+, put the scales in lists, and the card no longer fitted.
Metrics fitted_metrics(const Ui& ui, const ScaleChoice& scale, float width) {
  const Metrics theme = metrics_of(ui);
  constexpr float kLeastRowLabelScale = 0.8f;
  constexpr float kStep = 0.05f;
  for (float shrink = 1.0f; shrink >= kLeastRowLabelScale - kStep / 2; shrink -= kStep) {
    Metrics m = theme;
    m.label_size = std::round(theme.label_size * shrink);
    if (row_point_width(scale, m, width, false) >= least_point_width(ui, scale, m)) return m;
  }
  return theme;
}

float label_height(std::string_view label, float size, float wrap) {
  return ImGui::GetFont()->CalcTextSizeA(size, FLT_MAX, wrap, label.data(), label.data() + label.size()).y;
}

void dashed_rect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 color, float dash, float thickness) {
  const auto line = [&](ImVec2 from, ImVec2 to) {
    const float length = std::hypot(to.x - from.x, to.y - from.y);
    for (float at = 0; at < length; at += dash * 2) {
      const float a = at / length;
      const float b = std::min(at + dash, length) / length;
      draw->AddLine(ImVec2(from.x + (to.x - from.x) * a, from.y + (to.y - from.y) * a),
                    ImVec2(from.x + (to.x - from.x) * b, from.y + (to.y - from.y) * b), color, thickness);
    }
  };
  line(min, ImVec2(max.x, min.y));
  line(ImVec2(max.x, min.y), max);
  line(max, ImVec2(min.x, max.y));
  line(ImVec2(min.x, max.y), min);
}

// One option as an invisible button with its face drawn over it; true when tapped.
bool option_button(Ui& ui, const ScaleOption& option, bool is_none, bool chosen, bool focused, ImVec2 size,
                   bool list, const Metrics& m, float number_column) {
  ImGui::PushID(option.id.c_str());
  const bool tapped = ImGui::InvisibleButton("option", size);
  const bool hovered = ImGui::IsItemHovered() || ImGui::IsItemActive();
  ImGui::PopID();
  const Theme& theme = ui.theme;
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float rounding = ImGui::GetStyle().FrameRounding;
  // "No opinion" is set apart in look too: no fill and a dashed outline until chosen.
  const ImVec4 fill = chosen    ? theme.selected
                      : hovered ? theme.secondary_hovered
                      : is_none ? theme.background
                                : theme.secondary;
  draw->AddRectFilled(min, max, ImGui::GetColorU32(fill), rounding);
  const float border = std::max(1.0f, std::round(theme.border_units * m.unit));
  if (is_none && !chosen) {
    dashed_rect(draw, min, max, ImGui::GetColorU32(theme.border), m.unit * 0.3f, border);
  } else {
    draw->AddRect(min, max, ImGui::GetColorU32(theme.border), rounding, 0, chosen ? border * 2.5f : border);
  }
  if (focused) {
    const float ring = std::max(2.0f, std::round(m.unit * kFocusRing));
    draw->AddRect(ImVec2(min.x - ring * 1.5f, min.y - ring * 1.5f),
                  ImVec2(max.x + ring * 1.5f, max.y + ring * 1.5f), ImGui::GetColorU32(theme.text),
                  rounding + ring, 0, ring);
  }
  const ImU32 text = ImGui::GetColorU32(chosen    ? theme.primary_text
                                        : is_none ? theme.muted_text
                                                  : theme.text);
  LabelLines lines;
  ImFont* font = ImGui::GetFont();
  const char* number_end = option.number.c_str() + option.number.size();
  if (list) {
    // The number in a column of its own, the label beside it, left-aligned.
    const float number_width = font->CalcTextSizeA(m.unit, FLT_MAX, 0, option.number.c_str(), number_end).x;
    draw->AddText(font, m.unit,
                  ImVec2(min.x + m.padding + number_column - number_width, min.y + (size.y - m.unit) / 2),
                  text, option.number.c_str(), number_end);
    const float left = min.x + m.padding * 2 + number_column + (number_column > 0 ? m.padding : 0);
    const float wrap = max.x - m.padding - left;
    const float height = label_height(option.label, m.unit, wrap);
    draw->AddText(font, m.unit, ImVec2(left, min.y + (size.y - height) / 2), text, option.label.c_str(),
                  option.label.c_str() + option.label.size(), wrap);
  } else if (is_none) {
    lines = draw_centered_lines(draw, option.label, min, size, size.x - m.padding * 2, text, m.label_size);
  } else {
    // The number on top, the label below it, both centred; the pair centred in the button.
    const float wrap = size.x - m.padding * 2;
    const float block = m.unit + m.unit * kNumberGap + label_height(option.label, m.label_size, wrap);
    const float top = min.y + (size.y - block) / 2;
    const float number_width = font->CalcTextSizeA(m.unit, FLT_MAX, 0, option.number.c_str(), number_end).x;
    draw->AddText(font, m.unit, ImVec2(min.x + (size.x - number_width) / 2, top), text, option.number.c_str(),
                  number_end);
    const float label_top = top + m.unit * (1 + kNumberGap);
    lines = draw_centered_lines(draw, option.label, ImVec2(min.x, label_top),
                                ImVec2(size.x, label_height(option.label, m.label_size, wrap)), wrap, text,
                                m.label_size);
  }
  record_last_item(ui, option.label, option.id, true, lines);
  return tapped;
}

}  // namespace

ScaleLayout scale_layout(const Ui& ui, const ScaleChoice& scale, float width) {
  const Metrics m = fitted_metrics(ui, scale, width);
  const float least = least_point_width(ui, scale, m);
  if (row_point_width(scale, m, width, true) >= least) return ScaleLayout::row;
  if (row_point_width(scale, m, width, false) >= least) return ScaleLayout::row_none_below;
  return ScaleLayout::list;
}

int scale_choice(Ui& ui, const ScaleChoice& scale, float width, ScaleLayout layout) {
  layout = std::max(layout, scale_layout(ui, scale, width));
  const Metrics m = layout == ScaleLayout::list ? metrics_of(ui) : fitted_metrics(ui, scale, width);
  const int none = static_cast<int>(scale.points.size());
  const float left = ImGui::GetCursorPosX();
  int tapped = -1;
  if (layout == ScaleLayout::list) {
    float number_column = 0;
    for (const ScaleOption& point : scale.points)
      number_column = std::max(number_column, longest_word_width(point.number, m.unit));
    const float wrap = width - m.padding * 3 - number_column - m.padding;
    const auto height_of = [&](const ScaleOption& option) {
      return std::max(ui.min_target(), std::ceil(label_height(option.label, m.unit, wrap) + m.padding * 2));
    };
    for (int i = 0; i < none; ++i) {
      const ScaleOption& point = scale.points[static_cast<std::size_t>(i)];
      ImGui::SetCursorPosX(left);
      if (option_button(ui, point, false, scale.selected == i, scale.focused == i,
                        ImVec2(width, height_of(point)), true, m, number_column)) {
        tapped = i;
      }
    }
    ImGui::Dummy(ImVec2(0, m.unit * kGapBelow - ImGui::GetStyle().ItemSpacing.y));
    ImGui::SetCursorPosX(left);
    if (option_button(ui, scale.none, true, scale.selected == none, scale.focused == none,
                      ImVec2(width, height_of(scale.none)), true, m, 0)) {
      tapped = none;
    }
    return tapped;
  }
  const bool beside = layout == ScaleLayout::row;
  const float point_width = row_point_width(scale, m, width, beside);
  const float wrap = point_width - m.padding * 2;
  // Every point as tall as the tallest needs, and "no opinion" as tall as they are.
  float height = 0;
  for (const ScaleOption& point : scale.points)
    height = std::max(height, m.unit * (1 + kNumberGap) + label_height(point.label, m.label_size, wrap));
  height = std::max(height, label_height(scale.none.label, m.label_size, wrap));
  const ImVec2 size(point_width, std::max(std::ceil(height + m.padding * 2), ui.min_target()));
  ImGui::SetCursorPosX(left);
  for (int i = 0; i < none; ++i) {
    if (i > 0) ImGui::SameLine(0, m.spacing);
    if (option_button(ui, scale.points[static_cast<std::size_t>(i)], false, scale.selected == i,
                      scale.focused == i, size, false, m, 0)) {
      tapped = i;
    }
  }
  ImVec2 none_size = size;
  if (beside) {
    ImGui::SameLine(0, m.unit * kGap);
  } else {
    // Below the row, under its end: only as tall as its label needs, so the card stays short.
    ImGui::Dummy(ImVec2(0, m.unit * kGapBelow - ImGui::GetStyle().ItemSpacing.y));
    none_size.y = std::max(ui.min_target(),
                           std::ceil(label_height(scale.none.label, m.label_size, wrap) + m.padding * 2));
    ImGui::SetCursorPosX(left + width - point_width);
  }
  if (option_button(ui, scale.none, true, scale.selected == none, scale.focused == none, none_size, false, m,
                    0)) {
    tapped = none;
  }
  return tapped;
}

ScaleFocus scale_keys(std::string_view id, const std::vector<int>& options, const std::vector<int>& selected,
                      ScaleKeyChoice& chosen) {
  chosen = {};
  ImGuiStorage& storage = *ImGui::GetStateStorage();
  const ImGuiID scale_key = ImGui::GetID(id.data(), id.data() + id.size());
  const ImGuiID option_key = scale_key + 1;
  const int count = static_cast<int>(options.size());
  ScaleFocus focus{std::clamp(storage.GetInt(scale_key, 0), 0, std::max(count - 1, 0)),
                   storage.GetInt(option_key, -1)};
  if (count == 0 || ImGui::GetIO().WantTextInput) return focus;
  const auto pressed = [](ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key)); };
  const std::size_t at = static_cast<std::size_t>(focus.scale);
  const int start = std::max(selected[at], 0);
  if (pressed(ImGuiKey_Tab)) {
    focus.scale = (focus.scale + (ImGui::GetIO().KeyShift ? count - 1 : 1)) % count;
    focus.option = -1;
  } else if (pressed(ImGuiKey_LeftArrow) || pressed(ImGuiKey_UpArrow)) {
    focus.option = focus.option < 0 ? start : std::max(0, focus.option - 1);
  } else if (pressed(ImGuiKey_RightArrow) || pressed(ImGuiKey_DownArrow)) {
    focus.option = focus.option < 0 ? start : std::min(options[at] - 1, focus.option + 1);
  } else if ((pressed(ImGuiKey_Enter) || pressed(ImGuiKey_KeyPadEnter)) && focus.option >= 0) {
    chosen = {focus.scale, focus.option};
    if (focus.scale + 1 < count) focus = {focus.scale + 1, -1};
  }
  storage.SetInt(scale_key, focus.scale);
  storage.SetInt(option_key, focus.option);
  return focus;
}

}  // namespace peiling::ui
