#include "core/respondent_flow.hpp"

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

// Whether the response has this page: a respondent page within its count, a shown section.
bool has_page(FlowPosition target, const FlowShape& shape) {
  switch (target.screen) {
    case Screen::role:
      return shape.has_roles && target.page == 0;
    case Screen::vignette:
    case Screen::points:
    case Screen::missed_opportunities:
      return target.page >= 0 && target.page < page_count(target.screen, shape);
    case Screen::sections:
      return section_shown(shape, target.page);
    case Screen::top_choices:
    case Screen::open_questions:
    case Screen::review:
      return target.page == 0;
    default:
      return false;
  }
}

}  // namespace

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

FlowPosition transition(FlowPosition from, FlowEvent event, const FlowShape& shape, FlowPosition target) {
  switch (event) {
    case FlowEvent::begin:
      return from.screen == Screen::welcome ? first_page_from(Screen::role, shape) : from;
    case FlowEvent::next:
      return is_respondent_screen(from.screen) && from.screen != Screen::review ? next_page(from, shape)
                                                                                : from;
    case FlowEvent::back:
      return is_respondent_screen(from.screen) ? previous_page(from, shape) : from;
    case FlowEvent::skip:
      if (from.screen == Screen::role) return first_page_from(Screen::vignette, shape);
      if (from.screen == Screen::vignette) return first_page_from(Screen::points, shape);
      return from;
    case FlowEvent::send:
      return from.screen == Screen::review ? FlowPosition{Screen::thanks, 0} : from;
    case FlowEvent::thanks_done:
      return from.screen == Screen::thanks ? FlowPosition{} : from;
    case FlowEvent::reset:
      return FlowPosition{};
    case FlowEvent::pause:
      return shape.tablet && is_respondent_screen(from.screen) ? FlowPosition{} : from;
    case FlowEvent::resume:
      return shape.tablet && from.screen == Screen::welcome ? FlowPosition{Screen::overview, 0} : from;
    case FlowEvent::overview:
      return shape.tablet && is_respondent_screen(from.screen) ? FlowPosition{Screen::overview, 0} : from;
    case FlowEvent::open:
      return shape.tablet && from.screen == Screen::overview && has_page(target, shape) ? target : from;
    case FlowEvent::admin_requested:
      return from.screen == Screen::welcome ? FlowPosition{Screen::admin_pin, 0} : from;
    case FlowEvent::admin_unlocked:
      return from.screen == Screen::admin_pin ? FlowPosition{Screen::admin_panel, 0} : from;
    case FlowEvent::admin_closed:
      return from.screen == Screen::admin_pin || from.screen == Screen::admin_panel ? FlowPosition{} : from;
  }
  return from;
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

}  // namespace peiling
