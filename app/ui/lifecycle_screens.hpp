#pragma once
// What the pack's life (core/pack_lifecycle.hpp) shows on the kiosk: the closed screen Welcome
// becomes once the pack is closing or closed, and the REHEARSAL / PROEF band across the top of
// every screen while the pack is a rehearsal.
#include "ui/respondent_screens.hpp"
#include "ui/widgets.hpp"

namespace peiling::ui {

// Instead of Welcome: "This survey has closed, thank you". The admin hold works on it as on
// Welcome, since it is Welcome's place in the flow.
void draw_closed_page(ScreenContext& context);

// The band over the top `height` pixels of the viewport, above the screen's window.
void draw_rehearsal_band(Ui& ui, float height);

}  // namespace peiling::ui
