#pragma once
// One rating scale as survey methodology lays it out (Mentimeter, ODK's `likert`): the points in
// one row, in order, of equal widths, each with its number and its label wrapped inside it (never
// mid-word); "no opinion" (or "don't know") after a clear gap and drawn differently, so that it
// never reads as one more point. Where the row does not fit, "no opinion" goes below it; where
// even the points do not fit, they become an ordered vertical list. A physical keyboard moves a
// visible focus along the options (scale_keys).
#include <string>
#include <string_view>
#include <vector>

#include "ui/widgets.hpp"

namespace peiling::ui {

struct ScaleOption {
  std::string number;  // the value as shown ("-2", "0", "5"); empty for "no opinion"
  std::string label;
  std::string id;  // for the script driver: "importance.-2", "importance.none"
};

// Options are counted the same way everywhere: 0..points-1 the points, points.size() "no opinion".
struct ScaleChoice {
  std::vector<ScaleOption> points;  // min..max, in order
  ScaleOption none;                 // "no opinion" / "don't know"
  int selected = -1;                // -1: not answered yet
  int focused = -1;                 // the keyboard's focus; -1 when it is elsewhere
  int option_count() const { return static_cast<int>(points.size()) + 1; }
};

enum class ScaleLayout { row, row_none_below, list };

// How the scale lays out across width.
ScaleLayout scale_layout(const Ui& ui, const ScaleChoice& scale, float width);

// Draws the scale across width, from the cursor, in layout (scale_layout's or, so that the scales
// of one card look alike, the most compact any of them needs); returns the option tapped, or -1.
int scale_choice(Ui& ui, const ScaleChoice& scale, float width, ScaleLayout layout);

// Where a physical keyboard is on a page of scales: one scale has the focus, and an option of it
// once a key was pressed.
struct ScaleFocus {
  int scale = 0;
  int option = -1;
};
struct ScaleKeyChoice {
  int scale = -1;  // -1: Enter chose nothing this frame
  int option = -1;
};

// This frame's keys for a page's scales (options[i] and selected[i] of scale i): Left/Up and
// Right/Down move along the focused scale, Enter chooses and hands the focus to the next scale,
// Tab and Shift+Tab move between scales. Nothing happens while a text field has the keyboard.
// The focus lives in the window's state storage under id, so every page starts afresh.
ScaleFocus scale_keys(std::string_view id, const std::vector<int>& options, const std::vector<int>& selected,
                      ScaleKeyChoice& chosen);

}  // namespace peiling::ui
