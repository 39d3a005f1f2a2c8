#pragma once
// The respondent's screens. Each draws one page and returns the navigation the respondent asked
// for; the kiosk turns that into a transition. Answers are saved through the session as they
// are given.
#include <optional>

#include "core/pack.hpp"
#include "core/respondent_flow.hpp"
#include "core/utc_time.hpp"
#include "ui/app_state.hpp"
#include "ui/widgets.hpp"

namespace peiling::ui {

struct ScreenContext {
  Ui& ui;
  AppState& state;
  const Pack& pack;
  bool tablet = false;  // tablet mode: drafts, the overview, no idle reset
  // Tablet mode: when the draft that Welcome offers to continue was last changed, if there is one.
  std::optional<UtcMillis> draft_changed_at;
  // The pack takes new responses (core/pack_lifecycle.hpp): false while closing, when Welcome
  // offers only the draft, if there is one.
  bool takes_new = true;
};

std::optional<FlowEvent> draw_welcome_page(ScreenContext& context);
std::optional<FlowEvent> draw_role_page(ScreenContext& context);
std::optional<FlowEvent> draw_scene_page(ScreenContext& context, int page);
std::optional<FlowEvent> draw_point_page(ScreenContext& context, int page);
std::optional<FlowEvent> draw_missed_page(ScreenContext& context, int page);
// One section of choice questions (format 1.1); only its shown questions appear.
std::optional<FlowEvent> draw_section_page(ScreenContext& context, int page);
// Tablet mode: every part of the response with a tick when complete. A tap sets
// state.open_target and returns FlowEvent::open.
std::optional<FlowEvent> draw_overview_page(ScreenContext& context);
std::optional<FlowEvent> draw_top_choices_page(ScreenContext& context);
std::optional<FlowEvent> draw_open_questions_page(ScreenContext& context);
std::optional<FlowEvent> draw_review_page(ScreenContext& context);
void draw_thanks_page(ScreenContext& context);

// The "are you still there?" overlay over the current page.
void draw_idle_overlay(ScreenContext& context, int seconds_left);

}  // namespace peiling::ui
