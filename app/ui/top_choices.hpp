#pragma once
// The two parts of the top-N page (issue 18, defect 8): the choice so far, which the page pins in
// view, and the points to choose from under their theme headings, each theme a heading that
// opens and closes (GOV.UK's accordion), so that a pack of 45 long titles is a short list of
// themes rather than a list 20,000 px tall.
#include "ui/respondent_screens.hpp"

namespace peiling::ui {

// The question, a line of status, and one compact row per chosen point: its rank, its title on
// one line (cut with an ellipsis), and the buttons that move it up or down or remove it.
void draw_chosen_points(ScreenContext& context, float column);

// Every point the respondent may choose, under its theme's heading. Themes start open when the
// list is short and closed when it is long (state.toggled_themes holds the ones tapped since).
void draw_choosable_points(ScreenContext& context, float width);

}  // namespace peiling::ui
