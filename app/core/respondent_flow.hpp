#pragma once
// The respondent flow of the kiosk and the tablet, as an explicit state machine.
//
//                 begin             next | skip                next (last scene)
//     Welcome ----------> Role ------------------> Vignette[s] -----------------> Points[p]
//        ^ ^   (no roles: begin goes to the vignette)  |  skip (the case) ----------^   |
//        | |                                                                            | next (last point)
//        | |                                                                            v
//        | |                                                                  Missed[m]  (pack may omit)
//        | |                                                                            |
//        | |                                                                            v next
//        | |                                                      Sections[k]  (format 1.1; hidden ones
//        skipped) | |                                                                            | | |   tap
//        / 8 s          send                next               next           v next | +---------- Thanks
//        <-------- Review <-------- OpenQuestions <------ TopChoices
//        |
//        +---- reset: from any respondent screen (idle countdown ran out; kiosk only)
//        +---- pause: from any respondent screen, the draft kept (tablet only)
//
//     Tablet only:   Welcome --resume--> Overview --open(target)--> any page of the response
//                    any respondent screen --overview--> Overview
//
//     Welcome --admin_requested--> AdminPin --admin_unlocked--> AdminPanel --admin_closed--> Welcome
//                                  AdminPin --admin_closed--> Welcome
//
// Transitions (all through transition()):
//   begin            Welcome -> Role, or the first page after it that the pack has
//   next             one page forward: Role -> Vignette[0] -> ... -> Vignette[S-1] -> Points[0] -> ...
//                    -> Points[P-1] -> Missed[0] -> ... -> Missed[M-1] -> Sections[k] (each shown one)
//                    -> TopChoices -> OpenQuestions -> Review
//   skip             Role -> Vignette[0] (no role given); Vignette[s] -> Points[0] (skip the case)
//   back             one page back, never past Welcome; Review, OpenQuestions, TopChoices likewise
//   send             Review -> Thanks
//   thanks_done      Thanks -> Welcome
//   reset            any screen -> Welcome
//   pause            (tablet) a respondent screen -> Welcome; the response stays a draft
//   resume           (tablet) Welcome -> Overview, to continue a draft
//   overview         (tablet) a respondent screen -> Overview
//   open             (tablet) Overview -> the target page, if the response has that page
//   admin_requested  Welcome -> AdminPin (the 3 s hold in the top-right corner)
//   admin_unlocked   AdminPin -> AdminPanel
//   admin_closed     AdminPin or AdminPanel -> Welcome
//
// Invariants:
//   1. An event that does not apply to the current screen leaves the position unchanged.
//   2. page is 0 except on Vignette, Points, Missed and Sections, where it is within 0..count-1.
//   3. No transition skips Review: Thanks is reached only by send from Review.
//   4. Sections[k] is reached only for a section that is shown (FlowShape::sections_shown).
//   5. The tablet events leave a kiosk's position unchanged.
#include <cstdint>
#include <string_view>
#include <vector>

namespace peiling {

enum class Screen : std::uint8_t {
  welcome,
  role,
  vignette,
  points,
  missed_opportunities,
  sections,
  top_choices,
  open_questions,
  review,
  thanks,
  overview,
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
  pause,
  resume,
  overview,
  open,
  admin_requested,
  admin_unlocked,
  admin_closed,
};

// What of the pack the flow depends on.
struct FlowShape {
  bool has_roles = false;
  int scenes = 0;
  int points = 0;                    // the points this respondent rates
  int missed_items = 0;              // 0 when the pack leaves missed opportunities out
  std::vector<bool> sections_shown;  // one per section of the pack: whether show_if lets it show
  bool tablet = false;
};

struct FlowPosition {
  Screen screen = Screen::welcome;
  int page = 0;

  bool operator==(const FlowPosition&) const = default;
};

// target is where open goes; other events ignore it.
FlowPosition transition(FlowPosition from, FlowEvent event, const FlowShape& shape, FlowPosition target = {});

// Whether a respondent is in the middle of a response on this screen (idle reset applies).
bool is_respondent_screen(Screen screen);

std::string_view screen_name(Screen screen);

}  // namespace peiling
