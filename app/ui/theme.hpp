#pragma once
// Colours and sizes. Every size is in font units (the body font's pixel size), so the layout
// follows the text size.
#include <imgui.h>

namespace peiling::ui {

struct Theme {
  ImVec4 background;
  ImVec4 text;
  ImVec4 muted_text;
  ImVec4 primary;         // the one main action on a screen
  ImVec4 primary_hovered;
  ImVec4 primary_text;
  ImVec4 secondary;       // other buttons
  ImVec4 secondary_hovered;
  ImVec4 selected;        // a chosen option (language, scale value)
  ImVec4 border;
  ImVec4 error;           // a failed save: never shown as saved
  ImVec4 success;         // the saved tick
};

const Theme& standard_theme();

// Applies the theme's colours and unit-based spacing to ImGui's style.
void apply_theme(const Theme& theme, float unit);

}  // namespace peiling::ui
