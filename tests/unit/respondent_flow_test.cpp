#include "core/respondent_flow.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace peiling {
namespace {

const FlowShape kFullPack{.has_roles = true, .scenes = 2, .points = 3, .missed_items = 2};

FlowPosition move(FlowPosition from, FlowEvent event, const FlowShape& shape, FlowPosition target = {}) {
  return transition(from, event, shape, target).to;
}

std::vector<FlowPosition> walk(FlowPosition from, FlowEvent event, const FlowShape& shape, int steps) {
  std::vector<FlowPosition> visited;
  for (int i = 0; i < steps; ++i) {
    from = move(from, event, shape);
    visited.push_back(from);
  }
  return visited;
}

TEST(RespondentFlow, NextVisitsEveryPageInOrder) {
  const FlowPosition start = move({}, FlowEvent::begin, kFullPack);
  EXPECT_EQ(start, (FlowPosition{Screen::role, 0}));
  const std::vector<FlowPosition> expected{
      {Screen::vignette, 0},
      {Screen::vignette, 1},
      {Screen::points, 0},
      {Screen::points, 1},
      {Screen::points, 2},
      {Screen::missed_opportunities, 0},
      {Screen::missed_opportunities, 1},
      {Screen::top_choices, 0},
      {Screen::open_questions, 0},
      {Screen::review, 0},
      {Screen::review, 0},  // next does not send
  };
  EXPECT_EQ(walk(start, FlowEvent::next, kFullPack, static_cast<int>(expected.size())), expected);
}

TEST(RespondentFlow, BackRetracesEveryPageAndStopsAtWelcome) {
  const std::vector<FlowPosition> expected{
      {Screen::open_questions, 0},
      {Screen::top_choices, 0},
      {Screen::missed_opportunities, 1},
      {Screen::missed_opportunities, 0},
      {Screen::points, 2},
      {Screen::points, 1},
      {Screen::points, 0},
      {Screen::vignette, 1},
      {Screen::vignette, 0},
      {Screen::role, 0},
      {Screen::welcome, 0},
      {Screen::welcome, 0},
  };
  EXPECT_EQ(walk({Screen::review, 0}, FlowEvent::back, kFullPack, static_cast<int>(expected.size())),
            expected);
}

TEST(RespondentFlow, SectionsThePackLeavesOutAreSkippedBothWays) {
  const FlowShape minimal{.has_roles = false, .scenes = 1, .points = 1, .missed_items = 0};
  EXPECT_EQ(move({}, FlowEvent::begin, minimal), (FlowPosition{Screen::vignette, 0}));
  EXPECT_EQ(move({Screen::points, 0}, FlowEvent::next, minimal), (FlowPosition{Screen::top_choices, 0}));
  EXPECT_EQ(move({Screen::top_choices, 0}, FlowEvent::back, minimal), (FlowPosition{Screen::points, 0}));
  EXPECT_EQ(move({Screen::vignette, 0}, FlowEvent::back, minimal), (FlowPosition{Screen::welcome, 0}));
}

TEST(RespondentFlow, SkipLeavesTheRoleOrTheCase) {
  EXPECT_EQ(move({Screen::role, 0}, FlowEvent::skip, kFullPack), (FlowPosition{Screen::vignette, 0}));
  EXPECT_EQ(move({Screen::vignette, 0}, FlowEvent::skip, kFullPack), (FlowPosition{Screen::points, 0}));
  EXPECT_EQ(move({Screen::points, 1}, FlowEvent::skip, kFullPack), (FlowPosition{Screen::points, 1}));
}

TEST(RespondentFlow, OnlyReviewSendsAndThanksReturnsToWelcome) {
  for (Screen screen : {Screen::welcome, Screen::points, Screen::top_choices, Screen::open_questions}) {
    EXPECT_EQ(move({screen, 0}, FlowEvent::send, kFullPack).screen, screen) << screen_name(screen);
  }
  EXPECT_EQ(move({Screen::review, 0}, FlowEvent::send, kFullPack), (FlowPosition{Screen::thanks, 0}));
  EXPECT_EQ(move({Screen::thanks, 0}, FlowEvent::thanks_done, kFullPack), FlowPosition{});
  EXPECT_EQ(move({Screen::thanks, 0}, FlowEvent::back, kFullPack), (FlowPosition{Screen::thanks, 0}));
}

TEST(RespondentFlow, TheIdleResetEndsAKiosksResponseFromAnyPageAndNothingElse) {
  for (Screen screen : {Screen::role, Screen::vignette, Screen::points, Screen::missed_opportunities,
                        Screen::top_choices, Screen::open_questions, Screen::review}) {
    EXPECT_EQ(transition({screen, 0}, FlowEvent::reset, kFullPack), (FlowStep{{}, FlowWork::end_response}))
        << screen_name(screen);
  }
  for (Screen screen : {Screen::welcome, Screen::thanks, Screen::admin_pin, Screen::admin_panel}) {
    EXPECT_EQ(transition({screen, 0}, FlowEvent::reset, kFullPack), (FlowStep{{screen, 0}}))
        << screen_name(screen);
  }
}

TEST(RespondentFlow, AdminIsReachedOnlyFromWelcomeThroughThePin) {
  EXPECT_EQ(move({Screen::points, 0}, FlowEvent::admin_requested, kFullPack),
            (FlowPosition{Screen::points, 0}));
  const FlowPosition pin = move({}, FlowEvent::admin_requested, kFullPack);
  EXPECT_EQ(pin, (FlowPosition{Screen::admin_pin, 0}));
  EXPECT_EQ(move({}, FlowEvent::admin_unlocked, kFullPack), FlowPosition{});
  const FlowPosition panel = move(pin, FlowEvent::admin_unlocked, kFullPack);
  EXPECT_EQ(panel, (FlowPosition{Screen::admin_panel, 0}));
  EXPECT_EQ(move(panel, FlowEvent::admin_closed, kFullPack), FlowPosition{});
  EXPECT_EQ(move(pin, FlowEvent::admin_closed, kFullPack), FlowPosition{});
  EXPECT_EQ(move(panel, FlowEvent::next, kFullPack), panel) << "admin screens are not respondent pages";
}

// A follow-up in tablet mode: three sections, the middle one hidden by its show_if.
const FlowShape kTablet{
    .has_roles = true, .points = 2, .sections_shown = {true, false, true}, .tablet = true};

TEST(RespondentFlow, NextAndBackPassOnlyTheShownSections) {
  const std::vector<FlowPosition> forward{
      {Screen::points, 1}, {Screen::sections, 0}, {Screen::sections, 2}, {Screen::top_choices, 0}};
  EXPECT_EQ(walk({Screen::points, 0}, FlowEvent::next, kTablet, 4), forward);
  const std::vector<FlowPosition> backward{{Screen::sections, 2}, {Screen::sections, 0}, {Screen::points, 1}};
  EXPECT_EQ(walk({Screen::top_choices, 0}, FlowEvent::back, kTablet, 3), backward);
  const FlowShape all_hidden{.points = 1, .sections_shown = {false, false}};
  EXPECT_EQ(move({Screen::points, 0}, FlowEvent::next, all_hidden), (FlowPosition{Screen::top_choices, 0}));
  EXPECT_EQ(move({Screen::top_choices, 0}, FlowEvent::back, all_hidden), (FlowPosition{Screen::points, 0}));
}

TEST(RespondentFlow, TabletPausesResumesAndOpensPagesFromTheOverview) {
  EXPECT_EQ(move({Screen::points, 1}, FlowEvent::pause, kTablet), FlowPosition{});
  const FlowPosition overview = move({}, FlowEvent::resume, kTablet);
  EXPECT_EQ(overview, (FlowPosition{Screen::overview, 0}));
  EXPECT_EQ(move({Screen::sections, 2}, FlowEvent::overview, kTablet), overview);
  EXPECT_EQ(move(overview, FlowEvent::open, kTablet, {Screen::points, 1}), (FlowPosition{Screen::points, 1}));
  EXPECT_EQ(move(overview, FlowEvent::open, kTablet, {Screen::review, 0}), (FlowPosition{Screen::review, 0}));
  // Pages the response does not have stay closed.
  EXPECT_EQ(move(overview, FlowEvent::open, kTablet, {Screen::sections, 1}), overview) << "hidden section";
  EXPECT_EQ(move(overview, FlowEvent::open, kTablet, {Screen::points, 2}), overview) << "no third point";
  EXPECT_EQ(move(overview, FlowEvent::open, kTablet, {Screen::thanks, 0}), overview) << "Thanks needs send";
  EXPECT_EQ(move({Screen::points, 0}, FlowEvent::open, kTablet, {Screen::review, 0}),
            (FlowPosition{Screen::points, 0}))
      << "open works from the overview only";
}

TEST(RespondentFlow, TabletEventsLeaveAKioskWhereItIs) {
  for (FlowEvent event : {FlowEvent::pause, FlowEvent::overview}) {
    EXPECT_EQ(move({Screen::points, 1}, event, kFullPack), (FlowPosition{Screen::points, 1}));
  }
  EXPECT_EQ(move({}, FlowEvent::resume, kFullPack), FlowPosition{});
}

TEST(RespondentFlow, TabletsKeepTheirDraftsThroughAnIdleSpell) {
  EXPECT_EQ(transition({Screen::points, 1}, FlowEvent::reset, kTablet), (FlowStep{{Screen::points, 1}}));
}

TEST(RespondentFlow, AClosingPackFinishesTheResponseUnderWayAndBeginsNoOther) {
  FlowShape closing = kFullPack;
  closing.takes_new = false;
  closing.takes_drafts = false;
  EXPECT_EQ(transition({}, FlowEvent::begin, closing), FlowStep{}) << "Welcome is the closed screen";
  EXPECT_EQ(move({Screen::points, 1}, FlowEvent::next, closing), (FlowPosition{Screen::points, 2}));
  EXPECT_EQ(move({Screen::review, 0}, FlowEvent::send, closing), (FlowPosition{Screen::thanks, 0}));
  EXPECT_EQ(move({Screen::thanks, 0}, FlowEvent::thanks_done, closing), FlowPosition{});
  EXPECT_EQ(move({}, FlowEvent::admin_requested, closing), (FlowPosition{Screen::admin_pin, 0}))
      << "the operator still reaches the panel";
  FlowShape tablet_closing = kTablet;
  tablet_closing.takes_new = false;
  EXPECT_EQ(move({}, FlowEvent::resume, tablet_closing), (FlowPosition{Screen::overview, 0}))
      << "a tablet finishes its draft until the pack is closed";
  EXPECT_EQ(move({}, FlowEvent::begin, tablet_closing), FlowPosition{});
  tablet_closing.takes_drafts = false;
  EXPECT_EQ(move({}, FlowEvent::resume, tablet_closing), FlowPosition{});
  EXPECT_EQ(move({Screen::points, 0}, FlowEvent::pause, tablet_closing), FlowPosition{})
      << "a draft open when the pack closed is kept, as ever";
}

TEST(RespondentFlow, BackFromTheFirstPageLeavesTheResponseAsTheModeLeavesIt) {
  EXPECT_EQ(transition({Screen::role, 0}, FlowEvent::back, kFullPack), (FlowStep{{}, FlowWork::end_response}))
      << "a kiosk ends it, as the idle reset does";
  EXPECT_EQ(transition({Screen::role, 0}, FlowEvent::back, kTablet), (FlowStep{{}, FlowWork::keep_draft}))
      << "a tablet keeps the draft, as Stop for now does";
  EXPECT_EQ(transition({Screen::points, 1}, FlowEvent::back, kTablet),
            (FlowStep{{Screen::points, 0}, FlowWork::save_typed_text}));
}

TEST(RespondentFlow, EachTransitionNamesItsWork) {
  EXPECT_EQ(transition({}, FlowEvent::begin, kFullPack).work, FlowWork::begin_response);
  EXPECT_EQ(transition({}, FlowEvent::resume, kTablet).work, FlowWork::resume_response);
  EXPECT_EQ(transition({Screen::points, 0}, FlowEvent::next, kFullPack).work, FlowWork::save_typed_text);
  EXPECT_EQ(transition({Screen::review, 0}, FlowEvent::send, kFullPack).work, FlowWork::send_response);
  EXPECT_EQ(transition({Screen::thanks, 0}, FlowEvent::thanks_done, kFullPack).work,
            FlowWork::start_next_respondent);
  EXPECT_EQ(transition({Screen::sections, 2}, FlowEvent::pause, kTablet).work, FlowWork::keep_draft);
  EXPECT_EQ(transition({}, FlowEvent::admin_requested, kFullPack).work, FlowWork::open_pin);
  EXPECT_EQ(transition({Screen::admin_pin, 0}, FlowEvent::admin_unlocked, kFullPack).work,
            FlowWork::open_panel);
  EXPECT_EQ(transition({Screen::admin_panel, 0}, FlowEvent::admin_closed, kFullPack).work,
            FlowWork::close_admin);
  EXPECT_EQ(transition({Screen::review, 0}, FlowEvent::next, kFullPack), (FlowStep{{Screen::review, 0}}))
      << "an event that does not apply does no work";
}

TEST(RespondentFlow, ReviewOpensARatedItemsCardToChangeItAndTheCardReturnsToReview) {
  const FlowPosition review{Screen::review, 0};
  const FlowPosition card{Screen::points, 1, true};
  EXPECT_EQ(transition(review, FlowEvent::change, kFullPack, {Screen::points, 1}),
            (FlowStep{card, FlowWork::save_typed_text}));
  EXPECT_EQ(move(review, FlowEvent::change, kFullPack, {Screen::missed_opportunities, 1}),
            (FlowPosition{Screen::missed_opportunities, 1, true}));
  // Forward or back, the changing card returns to review rather than walking the other pages.
  EXPECT_EQ(transition(card, FlowEvent::next, kFullPack), (FlowStep{review, FlowWork::save_typed_text}));
  EXPECT_EQ(move(card, FlowEvent::back, kFullPack), review);
  EXPECT_EQ(move(card, FlowEvent::reset, kFullPack), FlowPosition{}) << "the idle reset still ends it";
  // Only a rated item's card, and only from review.
  EXPECT_EQ(move(review, FlowEvent::change, kFullPack, {Screen::top_choices, 0}), review);
  EXPECT_EQ(move(review, FlowEvent::change, kFullPack, {Screen::points, 3}), review) << "no fourth point";
  EXPECT_EQ(move({Screen::points, 0}, FlowEvent::change, kFullPack, {Screen::points, 1}),
            (FlowPosition{Screen::points, 0}));
  EXPECT_EQ(move({Screen::overview, 0}, FlowEvent::open, kTablet, card), (FlowPosition{Screen::points, 1}))
      << "open never makes a changing card";
  EXPECT_EQ(check_invariants({Screen::role, 0, true}, kFullPack),
            std::vector<std::string>{"invariant 9: role[0] (changing) is not a rated item's card"});
}

TEST(RespondentFlow, TheCheckerNamesTheInvariantAPositionBreaks) {
  EXPECT_TRUE(check_invariants({Screen::points, 2}, kFullPack).empty());
  const auto past_the_last = check_invariants({Screen::points, 3}, kFullPack);
  ASSERT_EQ(past_the_last.size(), 1u);
  EXPECT_EQ(past_the_last[0], "invariant 2: the response has no page points[3]");
  EXPECT_EQ(check_invariants({Screen::overview, 0}, kFullPack),
            std::vector<std::string>{"invariant 5: a kiosk is on the overview"});
}

}  // namespace
}  // namespace peiling
