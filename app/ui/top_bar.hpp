#pragma once
// The bar at the top of every respondent screen: the view control (text size, contrast) on the
// left, the language switch on the right. When they do not fit side by side, the language
// switch takes the next line, still on the right; each wraps on its own if it must. The corner
// itself stays free for the admin hold.
#include "core/pack.hpp"
#include "ui/app_state.hpp"
#include "ui/widgets.hpp"

namespace peiling::ui {

void draw_top_bar(Ui& ui, AppState& state, const Pack& pack);

}  // namespace peiling::ui
