#pragma once
#include "core/pack.hpp"
#include "ui/app_state.hpp"
#include "ui/widgets.hpp"

namespace peiling::ui {

// The first screen: the conference, its central question, the privacy note, a language switch.
void draw_welcome(Ui& ui, AppState& state, const Pack& pack);

// A row of one button per pack language; tapping one switches the respondent's language.
void draw_language_switch(Ui& ui, AppState& state, const Pack& pack);
// Its width on one line, for placing it beside other controls.
float language_switch_width(const Ui& ui, const Pack& pack);

}  // namespace peiling::ui
