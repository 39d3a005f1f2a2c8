#pragma once
// The bar at the top of every respondent screen: the view control (text size, contrast) on the
// left, the language switch on the right, and between them, where there is room, the page's
// progress. The corner itself stays free for the admin hold.
//
// It stays one row on every screen: where the full controls do not fit side by side, the
// language switch shows only the way to the other language (two languages), and where that does
// not fit either, text size and contrast go behind one "Aa" button that opens them on a row below.
#include <string_view>

#include "core/pack.hpp"
#include "ui/app_state.hpp"
#include "ui/widgets.hpp"

namespace peiling::ui {

// Draws the bar, and the progress (text and fraction) in it when it fits; returns whether it did,
// so that the caller draws the progress below otherwise. (A bar at A's size on a narrow screen
// draws the progress under itself, at that size.)
bool draw_top_bar(Ui& ui, AppState& state, const Pack& pack, std::string_view progress = {},
                  float fraction = 0);

}  // namespace peiling::ui
