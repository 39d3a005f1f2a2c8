#include "core/conditions.hpp"

#include <algorithm>

namespace peiling {

namespace {

// What a condition sees: the choices of questions shown so far, nothing of hidden ones.
bool holds(const std::optional<ShowIf>& condition, const ChosenOptions& visible_choices) {
  if (!condition) return true;
  auto it = visible_choices.find(condition->question);
  if (it == visible_choices.end()) return false;
  return std::any_of(it->second.begin(), it->second.end(), [&](const std::string& option) {
    return std::find(condition->any_of.begin(), condition->any_of.end(), option) != condition->any_of.end();
  });
}

}  // namespace

bool Visibility::shown(std::string_view question_id) const {
  return std::find(shown_questions.begin(), shown_questions.end(), question_id) != shown_questions.end();
}

Visibility visibility(const Pack& pack, const ChosenOptions& chosen) {
  Visibility out;
  ChosenOptions visible_choices;
  for (const auto& section : pack.sections) {
    const bool section_shown = holds(section.show_if, visible_choices);
    out.sections.push_back(section_shown);
    for (const auto& question : section.questions) {
      if (section_shown && holds(question.show_if, visible_choices)) {
        out.shown_questions.push_back(question.id);
        if (auto it = chosen.find(question.id); it != chosen.end()) visible_choices.insert(*it);
      } else {
        out.hidden_questions.push_back(question.id);
      }
    }
  }
  return out;
}

}  // namespace peiling
