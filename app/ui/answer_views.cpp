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

// Each rated point with its answers and its remark, as the respondent gave them.
void draw_review_answers(ScreenContext& context) {
  Ui& ui = context.ui;
  const std::string_view language = context.state.language;
  const ResponseSession& session = *context.state.session;
  bool any = false;
  for (const std::string& id : session.points()) {
    const Point* point = context.pack.point(id);
    if (!point) continue;
    std::vector<std::string> lines;
    for (const std::string& scale_id : context.pack.point_scales) {
      const Scale* scale = context.pack.scale(scale_id);
      const auto rating = scale ? session.rating(id, scale_id) : std::nullopt;
      if (!rating) continue;
      const std::string answer = rating->is_skip()
                                     ? std::string(ui.tr("review.no_opinion"))
                                     : std::to_string(rating->value()) + " " +
                                           std::string(scale->label(rating->value()).in(language));
      lines.push_back(std::string(scale->question.in(language)) + " " + answer);
    }
    const std::string remark = session.remark(id);
    if (lines.empty() && remark.empty()) continue;
    if (!any) {
      ImGui::Dummy(ImVec2(0, ui.unit() * 0.4f));
      heading(ui, ui.tr("review.answers"));
      any = true;
    }
    ImGui::Dummy(ImVec2(0, ui.unit() * 0.2f));
    text(ui, point->title.in(language));
    for (const std::string& line : lines) note(ui, line);
    if (!remark.empty()) note(ui, fill(ui.tr("review.remark"), {{"remark", remark}}));
  }
}

}  // namespace peiling::ui
