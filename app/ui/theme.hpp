#pragma once
// Colours and sizes. Every size is in font units (the body font's pixel size), so the layout
// follows the text size.
#include <imgui.h>

namespace peiling::ui {

struct Theme {
  ImVec4 background;
  ImVec4 text;
  ImVec4 muted_text;
  ImVec4 primary;  // the one main action on a screen
  ImVec4 primary_hovered;
  ImVec4 primary_text;
  ImVec4 secondary;  // other buttons
  ImVec4 secondary_hovered;
  ImVec4 selected;     // a chosen option (language, scale value)
  ImVec4 border;       // button and field outlines, scrollbar grab
  ImVec4 field;        // the inside of a text field
  ImVec4 selection;    // selected text in a field, under the text colour
  float border_units;  // outline thickness in font units
  ImVec4 error;        // a failed save: never shown as saved
  ImVec4 success;      // the saved tick
};

// Both themes meet WCAG 2.1 AA; tests/unit/theme_contrast_test.cpp checks every pair.
const Theme& standard_theme();
// White on black with yellow actions and thick outlines.
const Theme& high_contrast_theme();

// Applies the theme's colours and unit-based spacing to ImGui's style.
void apply_theme(const Theme& theme, float unit);

// WCAG 2.1 relative luminance of an opaque sRGB colour (alpha is ignored).
float relative_luminance(const ImVec4& color);
// WCAG 2.1 contrast ratio, from 1 (same luminance) to 21 (black on white); symmetric.
float contrast_ratio(const ImVec4& a, const ImVec4& b);

}  // namespace peiling::ui
