#include "ui/language_switch.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "ui/flow_row.hpp"

namespace peiling::ui {

namespace {

std::vector<float> language_button_widths(const Ui& ui, const Pack& pack) {
  std::vector<float> widths;
  for (const auto& language : pack.languages)
    widths.push_back(button_size(ui, ui.tr("language." + language)).x);
  return widths;
}

}  // namespace

void draw_language_switch(Ui& ui, AppState& state, const Pack& pack) {
  const std::vector<float> widths = language_button_widths(ui, pack);
  FlowRow row;
  for (std::size_t i = 0; i < pack.languages.size(); ++i) {
    const std::string& language = pack.languages[i];
    row.place(widths[i]);
    const std::string id = "language." + language;
    const auto style = language == state.language ? ButtonStyle::selected : ButtonStyle::secondary;
    if (button(ui, ui.tr(id), id, style) && language != state.language) {
      state.language = language;
      if (state.session) state.session->set_language(language);
    }
  }
}

float language_switch_width(const Ui& ui, const Pack& pack) {
  return row_width(language_button_widths(ui, pack));
}

}  // namespace peiling::ui
