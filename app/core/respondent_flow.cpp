#include "core/respondent_flow.hpp"

#include <algorithm>
#include <optional>

namespace peiling {

namespace {

bool section_shown(const FlowShape& shape, int index) {
  return index >= 0 && index < static_cast<int>(shape.sections_shown.size()) &&
         shape.sections_shown[static_cast<std::size_t>(index)];
}

// The shown section after (step 1) or before (step -1) index, or -1.
int shown_section_from(const FlowShape& shape, int index, int step) {
  for (int k = index; k >= 0 && k < static_cast<int>(shape.sections_shown.size()); k += step) {
    if (section_shown(shape, k)) return k;
  }
  return -1;
}

// The pages of a response in order; paged screens expand to one page per item.
FlowPosition first_page_from(Screen screen, const FlowShape& shape) {
  switch (screen) {
    case Screen::role:
      if (shape.has_roles) return {Screen::role, 0};
      [[fallthrough]];
    case Screen::vignette:
      if (shape.scenes > 0) return {Screen::vignette, 0};
      [[fallthrough]];
    case Screen::points:
      if (shape.points > 0) return {Screen::points, 0};
      [[fallthrough]];
    case Screen::missed_opportunities:
      if (shape.missed_items > 0) return {Screen::missed_opportunities, 0};
      [[fallthrough]];
    case Screen::sections:
      if (const int first = shown_section_from(shape, 0, 1); first >= 0) return {Screen::sections, first};
      [[fallthrough]];
    case Screen::top_choices:
      return {Screen::top_choices, 0};
    default:
      return {screen, 0};
  }
}

FlowPosition last_page_before(Screen screen, const FlowShape& shape) {
  switch (screen) {
    case Screen::top_choices:
      if (const int last = shown_section_from(shape, static_cast<int>(shape.sections_shown.size()) - 1, -1);
          last >= 0) {
        return {Screen::sections, last};
      }
      [[fallthrough]];
    case Screen::sections:
      if (shape.missed_items > 0) return {Screen::missed_opportunities, shape.missed_items - 1};
      [[fallthrough]];
    case Screen::missed_opportunities:
      if (shape.points > 0) return {Screen::points, shape.points - 1};
      [[fallthrough]];
    case Screen::points:
      if (shape.scenes > 0) return {Screen::vignette, shape.scenes - 1};
      [[fallthrough]];
    case Screen::vignette:
      if (shape.has_roles) return {Screen::role, 0};
      [[fallthrough]];
    default:
      return {Screen::welcome, 0};
  }
}

FlowPosition next_page(FlowPosition from, const FlowShape& shape) {
  if (from.screen == Screen::sections) {
    if (const int next = shown_section_from(shape, from.page + 1, 1); next >= 0)
      return {Screen::sections, next};
    return first_page_from(Screen::top_choices, shape);
  }
  if (from.page + 1 < page_count(from.screen, shape)) return {from.screen, from.page + 1};
  switch (from.screen) {
    case Screen::role:
      return first_page_from(Screen::vignette, shape);
    case Screen::vignette:
      return first_page_from(Screen::points, shape);
    case Screen::points:
      return first_page_from(Screen::missed_opportunities, shape);
    case Screen::missed_opportunities:
      return first_page_from(Screen::sections, shape);
    case Screen::top_choices:
      return {Screen::open_questions, 0};
    case Screen::open_questions:
      return {Screen::review, 0};
    default:
      return from;
  }
}

FlowPosition previous_page(FlowPosition from, const FlowShape& shape) {
  if (from.screen == Screen::sections) {
    if (const int previous = shown_section_from(shape, from.page - 1, -1); previous >= 0)
      return {Screen::sections, previous};
    return last_page_before(Screen::sections, shape);
  }
  if (from.page > 0) return {from.screen, from.page - 1};
  switch (from.screen) {
    case Screen::role:
    case Screen::vignette:
    case Screen::points:
    case Screen::missed_opportunities:
    case Screen::top_choices:
      return last_page_before(from.screen, shape);
    case Screen::open_questions:
      return {Screen::top_choices, 0};
    case Screen::review:
      return {Screen::open_questions, 0};
    default:
      return from;
  }
}

// Every page of a response in the order of the diagram: the definition of "a page the response
// has", for open and for the invariants.
std::vector<FlowPosition> response_pages(const FlowShape& shape) {
  std::vector<FlowPosition> pages;
  if (shape.has_roles) pages.push_back({Screen::role, 0});
  for (int s = 0; s < shape.scenes; ++s) pages.push_back({Screen::vignette, s});
  for (int p = 0; p < shape.points; ++p) pages.push_back({Screen::points, p});
  for (int m = 0; m < shape.missed_items; ++m) pages.push_back({Screen::missed_opportunities, m});
  for (int k = 0; k < static_cast<int>(shape.sections_shown.size()); ++k) {
    if (section_shown(shape, k)) pages.push_back({Screen::sections, k});
  }
  for (Screen screen : {Screen::top_choices, Screen::open_questions, Screen::review})
    pages.push_back({screen, 0});
  return pages;
}

// Where position comes in response_pages(), or -1 when the response has no such page.
int page_rank(FlowPosition position, const FlowShape& shape) {
  const std::vector<FlowPosition> pages = response_pages(shape);
  const auto found = std::find(pages.begin(), pages.end(), position);
  return found == pages.end() ? -1 : static_cast<int>(found - pages.begin());
}

bool has_page(FlowPosition target, const FlowShape& shape) {
  target.changing = false;
  return page_rank(target, shape) >= 0;
}

// A rated item's card, which change opens from REVIEW: a page of POINTS or MISSED_OPPORTUNITIES.
bool is_item_page(FlowPosition target, const FlowShape& shape) {
  return (target.screen == Screen::points || target.screen == Screen::missed_opportunities) &&
         has_page(target, shape);
}

}  // namespace

int page_count(Screen screen, const FlowShape& shape) {
  switch (screen) {
    case Screen::vignette:
      return shape.scenes;
    case Screen::points:
      return shape.points;
    case Screen::missed_opportunities:
      return shape.missed_items;
    case Screen::sections:
      return static_cast<int>(shape.sections_shown.size());
    default:
      return 1;
  }
}

bool is_respondent_screen(Screen screen) {
  switch (screen) {
    case Screen::role:
    case Screen::vignette:
    case Screen::points:
    case Screen::missed_opportunities:
    case Screen::sections:
    case Screen::top_choices:
    case Screen::open_questions:
    case Screen::review:
    case Screen::overview:
      return true;
    default:
      return false;
  }
}

int points_per_response(const Pack& pack, Mode mode) {
  const int all = static_cast<int>(pack.points.size());
  return mode == Mode::tablet ? all : std::min(pack.settings.points_per_respondent, all);
}

FlowShape flow_shape(const Pack& pack, Mode mode, int points, const ChosenOptions& choices) {
  return FlowShape{
      .has_roles = pack.roles.has_value(),
      .scenes = static_cast<int>(pack.vignette.scenes.size()),
      .points = points,
      .missed_items =
          pack.missed_opportunities ? static_cast<int>(pack.missed_opportunities->items.size()) : 0,
      .sections_shown = visibility(pack, choices).sections,
      .tablet = mode == Mode::tablet,
  };
}

FlowStep transition(FlowPosition from, FlowEvent event, const FlowShape& shape, FlowPosition target) {
  // Staying put is never work (invariant 1).
  const auto go = [&](bool applies, FlowPosition to, FlowWork work) {
    return applies && to != from ? FlowStep{to, work} : FlowStep{from};
  };
  const bool on_page = is_respondent_screen(from.screen);
  target.changing = false;  // only change makes a changing card, below
  // A card opened from REVIEW to change an answer returns there, forward or back (invariant 9).
  if (from.changing && (event == FlowEvent::next || event == FlowEvent::back))
    return go(true, {Screen::review, 0}, FlowWork::save_typed_text);
  switch (event) {
    case FlowEvent::begin:
      return go(from.screen == Screen::welcome && shape.takes_new, first_page_from(Screen::role, shape),
                FlowWork::begin_response);
    case FlowEvent::next:
      return go(on_page && from.screen != Screen::review, next_page(from, shape), FlowWork::save_typed_text);
    case FlowEvent::back: {
      const FlowPosition to = previous_page(from, shape);
      // Back past the first page leaves the response: a tablet keeps it as a draft for Welcome to
      // offer, as pause does; a kiosk ends it, as the idle reset does, for the next respondent.
      const FlowWork leave = shape.tablet ? FlowWork::keep_draft : FlowWork::end_response;
      return go(on_page, to, to.screen == Screen::welcome ? leave : FlowWork::save_typed_text);
    }
    case FlowEvent::skip:
      if (from.screen == Screen::role)
        return go(true, first_page_from(Screen::vignette, shape), FlowWork::save_typed_text);
      return go(from.screen == Screen::vignette, first_page_from(Screen::points, shape),
                FlowWork::save_typed_text);
    case FlowEvent::send:
      return go(from.screen == Screen::review, {Screen::thanks, 0}, FlowWork::send_response);
    case FlowEvent::thanks_done:
      return go(from.screen == Screen::thanks, {}, FlowWork::start_next_respondent);
    case FlowEvent::reset:
      return go(!shape.tablet && on_page, {}, FlowWork::end_response);
    case FlowEvent::pause:
      return go(shape.tablet && on_page, {}, FlowWork::keep_draft);
    case FlowEvent::resume:
      return go(shape.tablet && shape.takes_drafts && from.screen == Screen::welcome, {Screen::overview, 0},
                FlowWork::resume_response);
    case FlowEvent::overview:
      return go(shape.tablet && on_page, {Screen::overview, 0}, FlowWork::save_typed_text);
    case FlowEvent::open:
      return go(shape.tablet && from.screen == Screen::overview && has_page(target, shape), target,
                FlowWork::save_typed_text);
    case FlowEvent::change:
      return go(from.screen == Screen::review && is_item_page(target, shape),
                {target.screen, target.page, true}, FlowWork::save_typed_text);
    case FlowEvent::admin_requested:
      return go(from.screen == Screen::welcome, {Screen::admin_pin, 0}, FlowWork::open_pin);
    case FlowEvent::admin_unlocked:
      return go(from.screen == Screen::admin_pin, {Screen::admin_panel, 0}, FlowWork::open_panel);
    case FlowEvent::admin_closed:
      return go(from.screen == Screen::admin_pin || from.screen == Screen::admin_panel, {},
                FlowWork::close_admin);
  }
  return FlowStep{from};
}

namespace {

// What holds of the response on a screen, as the paragraphs of the header say.
enum class Held : std::uint8_t { none, open, complete };

Held held_on(Screen screen) {
  if (screen == Screen::thanks) return Held::complete;
  return is_respondent_screen(screen) ? Held::open : Held::none;
}

std::string_view held_name(Held held) {
  switch (held) {
    case Held::none:
      return "no response";
    case Held::open:
      return "an open response";
    case Held::complete:
      return "a complete response";
  }
  return "?";
}

// What a work takes the response from and to; nullopt: it leaves the response as it is.
struct Change {
  Held before;
  Held after;
};

std::optional<Change> change_of(FlowWork work) {
  switch (work) {
    case FlowWork::begin_response:
    case FlowWork::resume_response:
      return Change{Held::none, Held::open};
    case FlowWork::send_response:
      return Change{Held::open, Held::complete};
    case FlowWork::end_response:
    case FlowWork::keep_draft:
      return Change{Held::open, Held::none};
    case FlowWork::start_next_respondent:
      return Change{Held::complete, Held::none};
    case FlowWork::none:
    case FlowWork::save_typed_text:
    case FlowWork::open_pin:
    case FlowWork::open_panel:
    case FlowWork::close_admin:
      return std::nullopt;
  }
  return std::nullopt;
}

bool is_tablet_event(FlowEvent event) {
  return event == FlowEvent::pause || event == FlowEvent::resume || event == FlowEvent::overview ||
         event == FlowEvent::open;
}

std::string describe(FlowPosition position) {
  return std::string(screen_name(position.screen)) + "[" + std::to_string(position.page) + "]" +
         (position.changing ? " (changing)" : "");
}

}  // namespace

std::vector<std::string> check_invariants(FlowPosition position, const FlowShape& shape) {
  std::vector<std::string> broken;
  const bool is_page = is_respondent_screen(position.screen) && position.screen != Screen::overview;
  if (is_page ? !has_page(position, shape) : position.page != 0)
    broken.push_back("invariant 2: the response has no page " + describe(position));
  if (position.screen == Screen::overview && !shape.tablet)
    broken.push_back("invariant 5: a kiosk is on the overview");
  if (position.changing && !is_item_page(position, shape))
    broken.push_back("invariant 9: " + describe(position) + " is not a rated item's card");
  return broken;
}

std::vector<std::string> check_invariants(FlowPosition from, FlowEvent event, FlowPosition target,
                                          const FlowShape& shape) {
  const FlowStep step = transition(from, event, shape, target);
  const FlowPosition to = step.to;
  const bool moved = to != from;
  std::vector<std::string> broken = check_invariants(to, shape);
  const std::string what = std::string(event_name(event)) + " from " + describe(from) + " to " +
                           describe(to) + (shape.tablet ? " (tablet)" : " (kiosk)");
  const auto require = [&](bool holds, int number, std::string_view why) {
    if (!holds)
      broken.push_back("invariant " + std::to_string(number) + ": " + what + ": " + std::string(why));
  };

  require(moved == (step.work != FlowWork::none), 1, moved ? "moves without work" : "works without moving");

  const Held before = held_on(from.screen);
  const Held after = held_on(to.screen);
  if (const auto change = change_of(step.work)) {
    require(before == change->before && after == change->after, 3,
            "its work expects " + std::string(held_name(change->before)) + " before and " +
                std::string(held_name(change->after)) + " after, the screens hold " +
                std::string(held_name(before)) + " and " + std::string(held_name(after)));
  } else {
    require(before == after, 3,
            "leaves the response as it is, but the screens hold " + std::string(held_name(before)) + " and " +
                std::string(held_name(after)));
  }

  if (to.screen == Screen::thanks && from.screen != Screen::thanks)
    require(event == FlowEvent::send && from.screen == Screen::review, 4, "reaches thanks without send");

  if (!shape.tablet && is_tablet_event(event)) require(!moved, 5, "a tablet event moves a kiosk");

  const bool on_page = is_respondent_screen(from.screen);
  if (event == FlowEvent::reset) {
    if (shape.tablet || !on_page) {
      require(!moved, 6, "reset applies here only on a kiosk's pages");
    } else {
      require(to == FlowPosition{}, 6, "a kiosk's reset does not go to welcome");
    }
  }

  if (to.screen == Screen::admin_pin && from.screen != Screen::admin_pin)
    require(event == FlowEvent::admin_requested && from.screen == Screen::welcome, 7,
            "reaches the PIN other than from welcome");
  if (to.screen == Screen::admin_panel && from.screen != Screen::admin_panel)
    require(event == FlowEvent::admin_unlocked && from.screen == Screen::admin_pin, 7,
            "reaches the panel other than through the PIN");

  if (event == FlowEvent::begin && !shape.takes_new)
    require(!moved, 10, "begins a response on a closed pack");
  if (event == FlowEvent::resume && !shape.takes_drafts)
    require(!moved, 10, "continues a draft on a closed pack");

  const bool steps = event == FlowEvent::next || event == FlowEvent::back;
  if (to.changing && !from.changing)
    require(event == FlowEvent::change && from.screen == Screen::review, 9,
            "reaches a changing card other than by change from review");
  if (from.changing && steps) require(to == FlowPosition{Screen::review, 0}, 9, "does not return to review");
  if (event == FlowEvent::change && moved)
    require(from.screen == Screen::review && to.changing, 9, "change applies on review only, to a card");

  // Invariant 8 is about the pages in order; a changing card steps back to review instead.
  const int from_rank = from.changing ? -1 : page_rank(from, shape);
  const int to_rank = page_rank(to, shape);
  const int review_rank = page_rank({Screen::review, 0}, shape);
  if (from_rank >= 0 && (event == FlowEvent::next || event == FlowEvent::skip)) {
    if (event == FlowEvent::next && from_rank < review_rank) require(moved, 8, "next stays before review");
    if (moved) require(to_rank > from_rank, 8, "does not go forward");
  }
  if (from_rank >= 0 && event == FlowEvent::back) {
    require(moved, 8, "back stays");
    if (to.screen == Screen::welcome) {
      require(from_rank == 0, 8, "goes back to welcome from a page after the first");
    } else {
      require(to_rank >= 0 && to_rank < from_rank, 8, "does not go backward");
    }
  }
  return broken;
}

std::string_view screen_name(Screen screen) {
  switch (screen) {
    case Screen::welcome:
      return "welcome";
    case Screen::role:
      return "role";
    case Screen::vignette:
      return "vignette";
    case Screen::points:
      return "points";
    case Screen::missed_opportunities:
      return "missed_opportunities";
    case Screen::sections:
      return "sections";
    case Screen::top_choices:
      return "top_choices";
    case Screen::open_questions:
      return "open_questions";
    case Screen::review:
      return "review";
    case Screen::thanks:
      return "thanks";
    case Screen::overview:
      return "overview";
    case Screen::admin_pin:
      return "admin_pin";
    case Screen::admin_panel:
      return "admin_panel";
  }
  return "unknown";
}

std::string_view event_name(FlowEvent event) {
  switch (event) {
    case FlowEvent::begin:
      return "begin";
    case FlowEvent::next:
      return "next";
    case FlowEvent::back:
      return "back";
    case FlowEvent::skip:
      return "skip";
    case FlowEvent::send:
      return "send";
    case FlowEvent::thanks_done:
      return "thanks_done";
    case FlowEvent::reset:
      return "reset";
    case FlowEvent::pause:
      return "pause";
    case FlowEvent::resume:
      return "resume";
    case FlowEvent::overview:
      return "overview";
    case FlowEvent::open:
      return "open";
    case FlowEvent::change:
      return "change";
    case FlowEvent::admin_requested:
      return "admin_requested";
    case FlowEvent::admin_unlocked:
      return "admin_unlocked";
    case FlowEvent::admin_closed:
      return "admin_closed";
  }
  return "unknown";
}

}  // namespace peiling
