#pragma once
// The language switch: one button per pack language, on every respondent screen.
#include "core/pack.hpp"
#include "ui/app_state.hpp"
#include "ui/widgets.hpp"

namespace peiling::ui {

// Tapping a language switches the screens, and the response in progress records it.
void draw_language_switch(Ui& ui, AppState& state, const Pack& pack);
// Its width on one line, for placing it beside other controls.
float language_switch_width(const Ui& ui, const Pack& pack);

}  // namespace peiling::ui
