#include "ui/welcome_screen.hpp"

#include <algorithm>
#include <string>

namespace peiling::ui {

void draw_language_switch(Ui& ui, AppState& state, const Pack& pack) {
  for (std::size_t i = 0; i < pack.languages.size(); ++i) {
    const std::string& language = pack.languages[i];
    if (i > 0) ImGui::SameLine();
    const std::string id = "language." + language;
    const auto style = language == state.language ? ButtonStyle::selected : ButtonStyle::secondary;
    if (button(ui, ui.tr(id), id, style)) state.language = language;
  }
}

void draw_welcome(Ui& ui, AppState& state, const Pack& pack) {
  const float unit = ui.unit();
  const ImVec2 area = ImGui::GetContentRegionAvail();

  // The language switch sits top right, where it stays on every screen.
  float switch_width = 0;
  for (const auto& language : pack.languages) {
    const std::string key = "language." + language;
    const std::string_view label = ui.tr(key);
    switch_width += ImGui::CalcTextSize(label.data(), label.data() + label.size()).x +
                    ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetStyle().ItemSpacing.x;
  }
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetCursorPosX() + area.x - switch_width));
  draw_language_switch(ui, state, pack);

  // A readable measure: at most about 32 font units wide, centred.
  const float column = std::min(area.x, unit * 32.0f);
  const float left = ImGui::GetCursorPosX() + (area.x - column) / 2.0f;
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(unit, area.y * 0.12f));
  ImGui::SetCursorPosX(left);
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(left + column);
  heading(ui, pack.title.in(state.language));
  ImGui::Dummy(ImVec2(0, unit * 0.5f));
  text(ui, pack.intro.question.in(state.language));
  ImGui::Dummy(ImVec2(0, unit * 0.5f));
  text(ui, ui.tr("welcome.invitation"));
  ImGui::Dummy(ImVec2(0, unit));
  note(ui, ui.tr("welcome.privacy"));
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

}  // namespace peiling::ui
