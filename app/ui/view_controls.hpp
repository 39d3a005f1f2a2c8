#pragma once
// The small control every screen shows top left: text size A, A+, A++ and high contrast.
#include "ui/view_settings.hpp"
#include "ui/widgets.hpp"

namespace peiling::ui {

// Draws the control at the cursor; a tap changes view at once (the next frame uses it).
// Returns whether the respondent changed the view.
bool draw_view_controls(Ui& ui, ViewSettings& view);
// Its width on one line, for placing it beside other controls.
float view_controls_width(const Ui& ui);

}  // namespace peiling::ui
