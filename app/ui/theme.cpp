#include "ui/theme.hpp"

namespace peiling::ui {

namespace {

ImVec4 rgb(unsigned hex) {
  return ImVec4(static_cast<float>((hex >> 16) & 0xFF) / 255.0f, static_cast<float>((hex >> 8) & 0xFF) / 255.0f,
                static_cast<float>(hex & 0xFF) / 255.0f, 1.0f);
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
    .error = rgb(0xA4161A),
    .success = rgb(0x1E6B36),
};

}  // namespace

const Theme& standard_theme() { return kStandard; }

void apply_theme(const Theme& theme, float unit) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  style.WindowPadding = ImVec2(unit * 1.5f, unit * 1.0f);
  style.FramePadding = ImVec2(unit * 0.8f, unit * 0.5f);
  style.ItemSpacing = ImVec2(unit * 0.6f, unit * 0.6f);
  style.FrameRounding = unit * 0.3f;
  style.WindowRounding = 0;
  style.WindowBorderSize = 0;
  style.FrameBorderSize = 1;
  style.ScrollbarSize = unit * 0.8f;

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
  colors[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
  colors[ImGuiCol_FrameBgHovered] = ImVec4(1, 1, 1, 1);
  colors[ImGuiCol_FrameBgActive] = ImVec4(1, 1, 1, 1);
}

}  // namespace peiling::ui
