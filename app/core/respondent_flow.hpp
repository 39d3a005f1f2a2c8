#pragma once
// The respondent flow of the kiosk and the tablet, as an explicit state machine. It knows pages
// and events only; KioskApp (app/ui) keeps the response and does the work each transition names.
//
// A position is a screen and a page. The flow is on one of these thirteen screens:
//
//                  admin_requested            admin_unlocked
//    WELCOME  ---------------------> ADMIN_PIN --------------> ADMIN_PANEL
//    ^ ^ | |                             |                          |
//    | | | |                             +------ admin_closed ------+--> WELCOME
//    | | | | resume (tablet)
//    | | | +-----------> OVERVIEW (tablet) <------ overview (tablet), from any page
//    | | |                  |
//    | | | begin            | open (tablet): any page the response has
//    | | v                  v
//    | | ROLE -> VIGNETTE[0..S-1] -> POINTS[0..P-1] -> MISSED_OPPORTUNITIES[0..M-1]
//    | |   -> SECTIONS[the shown ones] -> TOP_CHOICES -> OPEN_QUESTIONS -> REVIEW <----------------+
//    | |                                                               send | | change  next, back |
//    | |                                                                    | +----> POINTS[p] or  |
//    | |                                                                    |  MISSED_OPPORTUNITIES|
//    | |                                                                    |  [m], changing ------+
//    | |                                                                    v
//    | +------------------- thanks_done (a tap, or 8 s) ------------------ THANKS
//    |
//    +--- from any page: reset (kiosk only: the idle countdown ran out), pause (tablet only:
//         "Stop for now", also from OVERVIEW), and back from the first page. A kiosk ends the
//         response; a tablet keeps it as a draft, for Welcome to offer.
//
//    On the pages, next goes one page forward, back one page back, and skip past the role or
//    past the case. A page the pack or the response does not have is passed, both ways. A card
//    opened from REVIEW by change is "changing" (FlowPosition::changing): its next and back both
//    return to REVIEW, so a respondent who corrects one answer is not walked through the rest.
//
// List of transitions and the function that does the work of each (FlowStep::work, done by
// KioskApp::do_work before the new position holds). "page" is any of ROLE to REVIEW, "first
// page" the first of them the response has, "item" a page of POINTS or MISSED_OPPORTUNITIES:
//
//   WELCOME        -> first page     begin            [KioskApp::begin_response]
//   WELCOME        -> OVERVIEW       resume           [KioskApp::resume_response]      tablet
//   page           -> next page      next, skip       [KioskApp::save_typed_text]
//   page           -> previous page  back             [KioskApp::save_typed_text]
//   first page     -> WELCOME        back             [KioskApp::end_response]         kiosk
//   first page     -> WELCOME        back             [KioskApp::keep_draft]           tablet
//   page           -> OVERVIEW       overview         [KioskApp::save_typed_text]      tablet
//   OVERVIEW       -> any page       open             [KioskApp::save_typed_text]      tablet
//   REVIEW         -> THANKS         send             [KioskApp::send_response]
//   REVIEW         -> item (changing) change          [KioskApp::save_typed_text]
//   item (changing) -> REVIEW        next, back       [KioskApp::save_typed_text]
//   THANKS         -> WELCOME        thanks_done      [KioskApp::start_next_respondent]
//   page           -> WELCOME        reset            [KioskApp::end_response]         kiosk
//   page, OVERVIEW -> WELCOME        pause            [KioskApp::keep_draft]           tablet
//   WELCOME        -> ADMIN_PIN      admin_requested  [AdminController::open_pin]
//   ADMIN_PIN      -> ADMIN_PANEL    admin_unlocked   [AdminController::open_panel]
//   ADMIN_*        -> WELCOME        admin_closed     [KioskApp::close_admin]
//
// Work that can fail (begin_response, resume_response, send_response) returns false with the
// error on screen, and the flow stays where it was: the respondent sees why and may try again.
//
//  WELCOME:
//    The last response was sent, ended or kept as a draft on the way here, and AppState was
//    replaced, so nothing of the last respondent remains on screen. On a tablet the
//    store may hold a draft of this pack, which resume opens. The admin hold (3 s in the top-right
//    corner) works here only. When the pack is closing or closed (core/pack_lifecycle.hpp) Welcome
//    is the closed screen ("This survey has closed, thank you") and begin does nothing; a tablet
//    still offers its draft until the pack is closed.
//    * No response is open.  * page is 0.
//
//  ROLE:
//    Only when the pack has roles. skip goes on without one.
//    * A response is open, in progress, not complete.  * page is 0.
//
//  VIGNETTE:
//    The case, one scene a page; skip goes to the first point. Only when the pack has scenes.
//    * A response is open, not complete.  * page is a scene of the pack: 0..S-1.
//
//  POINTS:
//    The points this respondent rates (ResponseSession::points(): points_per_respondent of them,
//    least shown first, on a kiosk; every point on a tablet).
//    * A response is open, not complete.  * page indexes those points: 0..P-1.
//
//  MISSED_OPPORTUNITIES:
//    Only when the pack has them.
//    * A response is open, not complete.  * page is a missed opportunity of the pack: 0..M-1.
//
//  SECTIONS:
//    Choice questions (pack format 1.1). A section whose show_if hides it is passed both ways;
//    an answer may change which later sections show, so the shape is read anew for each event.
//    * A response is open, not complete.  * page is a section that shows (sections_shown[page]).
//
//  TOP_CHOICES, OPEN_QUESTIONS:
//    Every pack has both: a top N (settings.top_n_size) and a page for its open questions, which
//    shows only its title when the pack has none. So neither changes the shape of the flow.
//    * A response is open, not complete.  * page is 0.
//
//  REVIEW:
//    The last page: each rated item with its answers and remark, and change on any of them opens
//    its card (changing); send stores the contact opt-in apart from the response, then completes it.
//    * A response is open, not complete.  * page is 0.
//
//  THANKS:
//    Nothing more is written to the response. There is no idle reset here; a tap or 8 s ends it.
//    * The response is complete.  * page is 0.
//
//  OVERVIEW (tablet only):
//    Each part of the draft with a tick when complete; open goes to any page the response has.
//    * A response (the draft) is open, not complete.  * page is 0.
//
//  ADMIN_PIN, ADMIN_PANEL:
//    The operator's screens, an AdminController's (ui/admin_controller.hpp): PIN, lockout, panel,
//    and the Results screen, which the panel shows over itself and which is no screen of the flow.
//    * No response is open.  * page is 0.
//
// Invariants (check_invariants() tests each by its number; respondent_flow_sweep_test.cpp sweeps
// every screen, event and page over several pack shapes):
//
//   1. An event that does not apply to the screen changes nothing: the position stays and there
//      is no work. An event that applies always moves the position.
//   2. The page is one the response has: 0 on the screens without pages, within the counts
//      above on VIGNETTE, POINTS and MISSED_OPPORTUNITIES, a shown section on SECTIONS.
//   3. The work of a transition takes the response from what holds on the screen it leaves to
//      what holds on the screen it enters: begin_response and resume_response open a response,
//      send_response completes the open one, end_response and keep_draft close the open one,
//      start_next_respondent closes the complete one. Every other work leaves it as it is.
//   4. THANKS is reached only by send from REVIEW: no transition skips REVIEW.
//   5. OVERVIEW and the events pause, resume, overview and open are tablet only: on a kiosk the
//      events change nothing and OVERVIEW is never reached.
//   6. reset is kiosk only and from a page only, where it goes to WELCOME: on a tablet, or from
//      WELCOME, THANKS or the admin screens, it changes nothing.
//   7. The admin screens are reached from WELCOME only, through the PIN: ADMIN_PIN by
//      admin_requested from WELCOME, ADMIN_PANEL by admin_unlocked from ADMIN_PIN.
//   8. next and skip go strictly forward in the order of the diagram (ROLE, VIGNETTE[0..],
//      POINTS[0..], MISSED_OPPORTUNITIES[0..], SECTIONS[..], TOP_CHOICES, OPEN_QUESTIONS, REVIEW);
//      back goes strictly backward, and to WELCOME only from the first page. next moves from
//      every page before REVIEW, back from every page: so next always reaches REVIEW, and back
//      always reaches WELCOME. A changing card is the exception: there next and back go to REVIEW.
//   9. A changing position is a page of POINTS or MISSED_OPPORTUNITIES the response has, reached
//      only by change from REVIEW; next and back from it go to REVIEW, and change applies on
//      REVIEW only, to such a page only.
//  10. begin moves only while the pack takes new responses (open), resume only while it takes
//      drafts (a tablet, until closed): a closing pack ends no response under way, but starts none.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/conditions.hpp"
#include "core/pack.hpp"

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
  change,
  admin_requested,
  admin_unlocked,
  admin_closed,
};

// The work a transition needs, each done by the function the list above names.
enum class FlowWork : std::uint8_t {
  none,
  begin_response,
  resume_response,
  save_typed_text,
  send_response,
  end_response,
  keep_draft,
  start_next_respondent,
  open_pin,
  open_panel,
  close_admin,
};

// What of the pack the flow depends on.
struct FlowShape {
  bool has_roles = false;
  int scenes = 0;
  int points = 0;                    // the points this respondent rates
  int missed_items = 0;              // 0 when the pack leaves missed opportunities out
  std::vector<bool> sections_shown;  // one per section of the pack: whether show_if lets it show
  bool tablet = false;
  // The pack's life (core/pack_lifecycle.hpp): whether Welcome may begin a new response (open
  // only) and continue a draft (a tablet's, until closed). A response under way is never cut short.
  bool takes_new = true;
  bool takes_drafts = true;
};

// How many points a new response rates: points_per_respondent on a kiosk, every one on a tablet.
int points_per_response(const Pack& pack, Mode mode);

// The shape of a response to pack that rates `points` points and has these choices so far.
FlowShape flow_shape(const Pack& pack, Mode mode, int points, const ChosenOptions& choices);

struct FlowPosition {
  Screen screen = Screen::welcome;
  int page = 0;
  bool changing = false;  // a card opened from REVIEW to change its answers (invariant 9)

  bool operator==(const FlowPosition&) const = default;
};

struct FlowStep {
  FlowPosition to;
  FlowWork work = FlowWork::none;

  bool operator==(const FlowStep&) const = default;
};

// How many pages screen has in shape: one per scene, point, missed item or section shown; 1 else.
int page_count(Screen screen, const FlowShape& shape);

// Every transition of the flow. target is where open and change go; other events ignore it.
FlowStep transition(FlowPosition from, FlowEvent event, const FlowShape& shape, FlowPosition target = {});

// Whether a respondent is in the middle of a response on this screen (idle reset applies).
bool is_respondent_screen(Screen screen);

// Invariant 2 for one position: the broken ones as sentences ("invariant 2: ..."), else none.
std::vector<std::string> check_invariants(FlowPosition position, const FlowShape& shape);
// Every invariant for the transition that event takes from `from` (a position that holds them).
std::vector<std::string> check_invariants(FlowPosition from, FlowEvent event, FlowPosition target,
                                          const FlowShape& shape);

std::string_view screen_name(Screen screen);
std::string_view event_name(FlowEvent event);

}  // namespace peiling
