#include "ui/welcome_screen.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "ui/flow_row.hpp"
#include "ui/top_bar.hpp"

namespace peiling::ui {

namespace {

std::vector<float> language_button_widths(const Ui& ui, const Pack& pack) {
  std::vector<float> widths;
  for (const auto& language : pack.languages) widths.push_back(button_size(ui, ui.tr("language." + language)).x);
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
    if (button(ui, ui.tr(id), id, style)) state.language = language;
  }
}

float language_switch_width(const Ui& ui, const Pack& pack) { return row_width(language_button_widths(ui, pack)); }

void draw_welcome(Ui& ui, AppState& state, const Pack& pack) {
  const float unit = ui.unit();
  const ImVec2 area = ImGui::GetContentRegionAvail();

  draw_top_bar(ui, state, pack);

  // A readable measure: at most about 32 font units wide, centred.
  const float column = std::min(area.x, unit * 32.0f);
  const float left = ImGui::GetCursorPosX() + (area.x - column) / 2.0f;
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(unit, area.y * 0.12f));
  ImGui::SetCursorPosX(left);
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(left + column);
  heading(ui, pack.title.in(state.language));
  ImGui::Dummy(ImVec2(0, unit * 0.5f));
  text(ui, pack.question.in(state.language));
  ImGui::Dummy(ImVec2(0, unit * 0.5f));
  text(ui, ui.tr("welcome.invitation"));
  ImGui::Dummy(ImVec2(0, unit));
  note(ui, ui.tr("welcome.privacy"));
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

}  // namespace peiling::ui
