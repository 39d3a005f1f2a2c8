#include "ui/theme.hpp"

#include <algorithm>
#include <cmath>

namespace peiling::ui {

namespace {

ImVec4 rgb(unsigned hex) {
  return ImVec4(static_cast<float>((hex >> 16) & 0xFF) / 255.0f,
                static_cast<float>((hex >> 8) & 0xFF) / 255.0f, static_cast<float>(hex & 0xFF) / 255.0f,
                1.0f);
}

const Theme kStandard{
    .background = rgb(0xFAF8F5),
    .text = rgb(0x1F2328),
    .muted_text = rgb(0x4A4F57),
    .primary = rgb(0x1D4E89),
    .primary_hovered = rgb(0x255FA3),
    .primary_text = rgb(0xFFFFFF),
    .secondary = rgb(0xE4E0DA),
    .secondary_hovered = rgb(0xD6D1C9),
    .selected = rgb(0x1D4E89),
    .border = rgb(0x6B6F76),
    .field = rgb(0xFFFFFF),
    .selection = rgb(0xB4D5FE),
    .border_units = 0.04f,
    .error = rgb(0xA4161A),
    .success = rgb(0x1E6B36),
};

const Theme kHighContrast{
    .background = rgb(0x000000),
    .text = rgb(0xFFFFFF),
    .muted_text = rgb(0xD0D0D0),
    .primary = rgb(0xFFE600),
    .primary_hovered = rgb(0xFFF27A),
    .primary_text = rgb(0x000000),
    .secondary = rgb(0x000000),
    .secondary_hovered = rgb(0x303030),
    .selected = rgb(0xFFE600),
    .border = rgb(0xFFFFFF),
    .field = rgb(0x000000),
    .selection = rgb(0x0050C8),
    .border_units = 0.1f,
    .error = rgb(0xFF9A9A),
    .success = rgb(0x8CF08C),
};

float linear_channel(float srgb) {
  return srgb <= 0.04045f ? srgb / 12.92f : std::pow((srgb + 0.055f) / 1.055f, 2.4f);
}

}  // namespace

const Theme& standard_theme() {
  return kStandard;
}

const Theme& high_contrast_theme() {
  return kHighContrast;
}

float relative_luminance(const ImVec4& color) {
  return 0.2126f * linear_channel(color.x) + 0.7152f * linear_channel(color.y) +
         0.0722f * linear_channel(color.z);
}

float contrast_ratio(const ImVec4& a, const ImVec4& b) {
  const float la = relative_luminance(a);
  const float lb = relative_luminance(b);
  return (std::max(la, lb) + 0.05f) / (std::min(la, lb) + 0.05f);
}

void apply_theme(const Theme& theme, float unit) {
  // Whole pixels: outlines of items placed between pixels come out uneven, thick ones most.
  const auto units = [unit](float count) { return std::round(unit * count); };
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  // Less above and below than beside: the screen's height is what a point card runs short of.
  style.WindowPadding = ImVec2(units(1.5f), units(0.7f));
  style.FramePadding = ImVec2(units(0.8f), units(0.5f));
  style.ItemSpacing = ImVec2(units(0.6f), units(0.6f));
  style.FrameRounding = units(0.3f);
  style.WindowRounding = 0;
  style.WindowBorderSize = 0;
  style.FrameBorderSize = std::max(1.0f, units(theme.border_units));
  // Thin: on a touch screen it only shows that there is more; the content itself is dragged.
  style.ScrollbarSize = units(0.35f);

  ImVec4* colors = style.Colors;
  colors[ImGuiCol_WindowBg] = theme.background;
  colors[ImGuiCol_ChildBg] = theme.background;
  colors[ImGuiCol_PopupBg] = theme.background;
  colors[ImGuiCol_Text] = theme.text;
  colors[ImGuiCol_TextDisabled] = theme.muted_text;
  colors[ImGuiCol_Button] = theme.secondary;
  colors[ImGuiCol_ButtonHovered] = theme.secondary_hovered;
  colors[ImGuiCol_ButtonActive] = theme.secondary_hovered;
  colors[ImGuiCol_Border] = theme.border;
  colors[ImGuiCol_FrameBg] = theme.field;
  colors[ImGuiCol_FrameBgHovered] = theme.field;
  colors[ImGuiCol_FrameBgActive] = theme.field;
  colors[ImGuiCol_TextSelectedBg] = theme.selection;
  colors[ImGuiCol_ScrollbarBg] = theme.background;
  colors[ImGuiCol_ScrollbarGrab] = theme.border;
  colors[ImGuiCol_ScrollbarGrabHovered] = theme.text;
  colors[ImGuiCol_ScrollbarGrabActive] = theme.text;
}

}  // namespace peiling::ui
