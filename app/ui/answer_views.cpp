#include "ui/answer_views.hpp"

#include "core/catalog.hpp"

namespace peiling::ui {

// The choice of one scale for an item as the screen shows it: its points, "no opinion", and what
// the respondent chose.
ScaleChoice scale_choice_of(const ResponseSession& session, const std::string& item_id, const Scale& scale,
                            std::string_view language) {
  ScaleChoice choice;
  for (int value = scale.min; value <= scale.max; ++value) {
    choice.points.push_back({std::to_string(value), std::string(scale.label(value).in(language)),
                             scale.id + "." + std::to_string(value)});
  }
  choice.none = {"", std::string(scale.no_opinion.in(language)), scale.id + ".none"};
  if (const auto current = session.rating(item_id, scale.id)) {
    choice.selected =
        current->is_skip() ? static_cast<int>(choice.points.size()) : current->value() - scale.min;
  }
  return choice;
}

void rate_option(ResponseSession& session, const std::string& item_id, const Scale& scale, int option) {
  const bool skip = option == scale.max - scale.min + 1;
  session.rate(item_id, scale.id, skip ? Rating::skip() : Rating::of(scale.min + option));
}

namespace {

// One rated item on Review: its title, each answer, its remark, and "Change", which opens its
// card; the heading above the first item shown. Nothing when the respondent gave it neither an
// answer nor a remark. Whether "Change" was tapped.
bool review_item(ScreenContext& context, const std::string& id, const LocalizedText& title,
                 const std::vector<std::string>& scale_ids, bool& any_shown) {
  Ui& ui = context.ui;
  const std::string_view language = context.state.language;
  const ResponseSession& session = *context.state.session;
  std::vector<std::string> lines;
  for (const std::string& scale_id : scale_ids) {
    const Scale* scale = context.pack.scale(scale_id);
    const auto rating = scale ? session.rating(id, scale_id) : std::nullopt;
    if (!rating) continue;
    const std::string answer =
        rating->is_skip()
            ? std::string(ui.tr("review.no_opinion"))
            : std::to_string(rating->value()) + " " + std::string(scale->label(rating->value()).in(language));
    lines.push_back(std::string(scale->question.in(language)) + " " + answer);
  }
  const std::string remark = session.remark(id);
  if (lines.empty() && remark.empty()) return false;
  if (!any_shown) {
    ImGui::Dummy(ImVec2(0, ui.unit() * 0.4f));
    heading(ui, ui.tr("review.answers"));
    any_shown = true;
  }
  ImGui::Dummy(ImVec2(0, ui.unit() * 0.2f));
  text(ui, title.in(language));
  for (const std::string& line : lines) note(ui, line);
  if (!remark.empty()) note(ui, fill(ui.tr("review.remark"), {{"remark", remark}}));
  return button(ui, ui.tr("review.change"), "review.change." + id, ButtonStyle::secondary);
}

}  // namespace

std::optional<FlowPosition> draw_review_answers(ScreenContext& context) {
  const ResponseSession& session = *context.state.session;
  const Pack& pack = context.pack;
  std::optional<FlowPosition> change;
  bool any_shown = false;
  for (std::size_t i = 0; i < session.points().size(); ++i) {
    const Point* point = pack.point(session.points()[i]);
    if (point && review_item(context, point->id, point->title, pack.point_scales, any_shown))
      change = FlowPosition{Screen::points, static_cast<int>(i)};
  }
  if (pack.missed_opportunities) {
    const auto& items = pack.missed_opportunities->items;
    for (std::size_t m = 0; m < items.size(); ++m) {
      if (review_item(context, items[m].id, items[m].title, {pack.missed_opportunities->scale}, any_shown))
        change = FlowPosition{Screen::missed_opportunities, static_cast<int>(m)};
    }
  }
  return change;
}

}  // namespace peiling::ui
