#pragma once
// What a respondent answered, as the screens show it: a scale's choice for an item (the point
// card) and the answers listed on Review.
#include <optional>
#include <string>
#include <string_view>

#include "core/pack.hpp"
#include "ui/respondent_screens.hpp"
#include "ui/response_session.hpp"
#include "ui/scale_widget.hpp"

namespace peiling::ui {

// The choice of one scale for an item: its points, "no opinion", and what the respondent chose.
ScaleChoice scale_choice_of(const ResponseSession& session, const std::string& item_id, const Scale& scale,
                            std::string_view language);
// Saves option (as ScaleChoice counts them) as the answer of item on scale.
void rate_option(ResponseSession& session, const std::string& item_id, const Scale& scale, int option);
// Each rated point and missed opportunity with its answers and its remark, as the respondent gave
// them, under a heading, each with "Change": the card that tap opens (FlowEvent::change), if any.
std::optional<FlowPosition> draw_review_answers(ScreenContext& context);

}  // namespace peiling::ui
