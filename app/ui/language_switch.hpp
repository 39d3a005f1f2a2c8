#pragma once
// The language switch: one button per pack language, on every respondent screen.
#include "core/pack.hpp"
#include "ui/app_state.hpp"
#include "ui/widgets.hpp"

namespace peiling::ui {

// Tapping a language switches the screens, and the response in progress records it. only_other:
// with two languages, only the button to the other one (a compact bar on a narrow screen).
void draw_language_switch(Ui& ui, AppState& state, const Pack& pack, bool only_other = false);
// Its width on one line, for placing it beside other controls; only_other without a state: the
// widest it could be.
float language_switch_width(const Ui& ui, const Pack& pack, bool only_other = false,
                            const AppState* state = nullptr);

}  // namespace peiling::ui
