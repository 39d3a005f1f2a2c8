#pragma once
// The respondent flow of the kiosk, as an explicit state machine.
//
//                 begin             next | skip                next (last scene)
//     Welcome ----------> Role ------------------> Vignette[s] -----------------> Points[p]
//        ^ ^   (no roles: begin goes to the vignette)  |  skip (the case) ----------^   |
//        | |                                                                            | next (last point)
//        | |                                                                            v
//        | |   tap / 8 s          send                next               next     Missed[m]  (pack may omit)
//        | +---------- Thanks <-------- Review <-------- OpenQuestions <------ TopChoices <--+
//        |
//        +---- reset: from any respondent screen (idle countdown ran out)
//
//     Welcome --admin_requested--> AdminPin --admin_unlocked--> AdminPanel --admin_closed--> Welcome
//                                  AdminPin --admin_closed--> Welcome
//
// Transitions (all through transition()):
//   begin            Welcome -> Role, or Vignette[0] when the pack has no role question
//   next             one page forward: Role -> Vignette[0] -> ... -> Vignette[S-1] -> Points[0] -> ...
//                    -> Points[P-1] -> Missed[0] -> ... -> Missed[M-1] -> TopChoices -> OpenQuestions -> Review
//   skip             Role -> Vignette[0] (no role given); Vignette[s] -> Points[0] (skip the case)
//   back             one page back, never past Welcome; Review, OpenQuestions, TopChoices likewise
//   send             Review -> Thanks
//   thanks_done      Thanks -> Welcome
//   reset            any screen -> Welcome
//   admin_requested  Welcome -> AdminPin (the 3 s hold in the top-right corner)
//   admin_unlocked   AdminPin -> AdminPanel
//   admin_closed     AdminPin or AdminPanel -> Welcome
//
// Invariants:
//   1. An event that does not apply to the current screen leaves the position unchanged.
//   2. page is 0 except on Vignette, Points and Missed, where it is within 0..count-1.
//   3. No transition skips Review: Thanks is reached only by send from Review.
#include <cstdint>
#include <string_view>

namespace peiling {

enum class Screen : std::uint8_t {
  welcome,
  role,
  vignette,
  points,
  missed_opportunities,
  top_choices,
  open_questions,
  review,
  thanks,
  admin_pin,
  admin_panel,
};

enum class FlowEvent : std::uint8_t {
  begin,
  next,
  back,
  skip,
  send,
  thanks_done,
  reset,
  admin_requested,
  admin_unlocked,
  admin_closed,
};

// What of the pack the flow depends on.
struct FlowShape {
  bool has_roles = false;
  int scenes = 0;
  int points = 0;         // the points this respondent rates
  int missed_items = 0;   // 0 when the pack leaves missed opportunities out
};

struct FlowPosition {
  Screen screen = Screen::welcome;
  int page = 0;

  bool operator==(const FlowPosition&) const = default;
};

FlowPosition transition(FlowPosition from, FlowEvent event, const FlowShape& shape);

// Whether a respondent is in the middle of a response on this screen (idle reset applies).
bool is_respondent_screen(Screen screen);

std::string_view screen_name(Screen screen);

}  // namespace peiling
