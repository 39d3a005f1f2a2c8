#include "ui/lifecycle_screens.hpp"

#include <algorithm>
#include <cmath>

#include "ui/top_bar.hpp"

namespace peiling::ui {

namespace {

constexpr float kColumnUnits = 30.0f;
// Amber with black text: 12:1 contrast, the same in the standard and the high-contrast theme,
// and unlike any colour a respondent's screen uses.
const ImVec4 kBandFill{1.0f, 0.757f, 0.027f, 1.0f};
const ImVec4 kBandText{0.0f, 0.0f, 0.0f, 1.0f};

}  // namespace

void draw_closed_page(ScreenContext& context) {
  Ui& ui = context.ui;
  draw_top_bar(ui, context.state, context.pack);
  const ImVec2 area = ImGui::GetContentRegionAvail();
  const float unit = ui.unit();
  const float column = std::min(area.x, unit * kColumnUnits);
  const float left = ImGui::GetCursorPosX() + (area.x - column) / 2;
  ImGui::SetCursorPos(ImVec2(left, ImGui::GetCursorPosY() + area.y * 0.25f));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(left + column);
  heading(ui, ui.tr("closed.title"));
  ImGui::Dummy(ImVec2(0, unit * 0.5f));
  text(ui, context.pack.title.in(context.state.language));
  ImGui::Dummy(ImVec2(0, unit * 0.5f));
  note(ui, ui.tr(context.tablet ? "closed.body_tablet" : "closed.body"));
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

void draw_rehearsal_band(Ui& ui, float height) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  constexpr ImGuiWindowFlags kBandFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                          ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoNav |
                                          ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoInputs;
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(ImVec2(viewport->Size.x, height));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, kBandFill);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui.unit() * 0.6f, (height - ui.unit()) / 2));
  ImGui::Begin("##rehearsal_band", nullptr, kBandFlags);
  Theme band_theme = ui.theme;
  band_theme.text = kBandText;
  Ui band{ui.index, ui.catalog, ui.language, ui.fonts, band_theme, ui.scale, nullptr, 0, ui.stand_ins};
  const std::string_view label = ui.tr("rehearsal.band");
  // Centred when it fits on one line; a narrow screen wraps it from the left.
  const float width = ImGui::CalcTextSize(label.data(), label.data() + label.size()).x;
  const float room = ImGui::GetContentRegionAvail().x;
  if (width < room) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (room - width) / 2);
  text(band, label);
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

}  // namespace peiling::ui
