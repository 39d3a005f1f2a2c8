#include "ui/language_switch.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "ui/flow_row.hpp"

namespace peiling::ui {

namespace {

// With two languages, the short switch is the one button to the other.
bool shown(const AppState* state, const Pack& pack, const std::string& language, bool only_other) {
  return !only_other || pack.languages.size() != 2 || !state || language != state->language;
}

std::vector<float> language_button_widths(const Ui& ui, const Pack& pack, bool only_other,
                                          const AppState* state) {
  std::vector<float> widths;
  float widest = 0;
  for (const auto& language : pack.languages) {
    const float width = button_size(ui, ui.tr("language." + language)).x;
    widest = std::max(widest, width);
    if (shown(state, pack, language, only_other)) widths.push_back(width);
  }
  // Without a state (measuring), the short switch is as wide as its widest button could be.
  if (only_other && pack.languages.size() == 2 && !state) widths = {widest};
  return widths;
}

}  // namespace

void draw_language_switch(Ui& ui, AppState& state, const Pack& pack, bool only_other) {
  const std::vector<float> widths = language_button_widths(ui, pack, only_other, &state);
  FlowRow row;
  std::size_t placed = 0;
  for (std::size_t i = 0; i < pack.languages.size(); ++i) {
    const std::string& language = pack.languages[i];
    if (!shown(&state, pack, language, only_other)) continue;
    row.place(widths[placed++]);
    const std::string id = "language." + language;
    const auto style = language == state.language ? ButtonStyle::selected : ButtonStyle::secondary;
    if (button(ui, ui.tr(id), id, style) && language != state.language) {
      state.language = language;
      if (state.session) state.session->set_language(language);
    }
  }
}

float language_switch_width(const Ui& ui, const Pack& pack, bool only_other, const AppState* state) {
  return row_width(language_button_widths(ui, pack, only_other, state));
}

}  // namespace peiling::ui
