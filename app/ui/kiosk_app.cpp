#include "ui/kiosk_app.hpp"

#include <algorithm>
#include <cmath>

#include "ui/welcome_screen.hpp"

namespace peiling::ui {

namespace {

const Theme& theme_for(const ViewSettings& view) {
  return view.high_contrast ? high_contrast_theme() : standard_theme();
}

std::optional<std::uint64_t> earliest(std::optional<std::uint64_t> a, std::optional<std::uint64_t> b) {
  if (a && b) return std::min(*a, *b);
  return a ? a : b;
}

}  // namespace

KioskApp::KioskApp(const Pack& pack, const Catalog& catalog, const TextSizeFonts& fonts, std::string language,
                   DeviceSettings device)
    : pack_(pack), catalog_(catalog), fonts_(fonts), device_(device), gesture_(device.scale),
      keyboard_(device.scale) {
  state_.language = std::move(language);
  apply_view(state_.view);
}

bool KioskApp::on_event(const SDL_Event& event) {
  if (event.type == SDL_QUIT) {
    quit_requested_ = true;
    return true;
  }
  return false;
}

bool KioskApp::on_pointer(const platform::PointerEvent& pointer) {
  if (device_.own_keyboard && keyboard_.on_pointer(pointer, now_ms_)) return true;
  switch (pointer.action) {
    case platform::PointerAction::press: gesture_.press(pointer.position, now_ms_); break;
    case platform::PointerAction::move: gesture_.move(pointer.position, now_ms_); break;
    case platform::PointerAction::release: gesture_.release(pointer.position, now_ms_); break;
  }
  return false;
}

void KioskApp::update(std::uint64_t now_ms) {
  now_ms_ = now_ms;
  gesture_.tick(now_ms);
  keyboard_.update(now_ms);
}

std::optional<std::uint64_t> KioskApp::next_wakeup_ms(std::uint64_t) const {
  return earliest(redraw_ms_, earliest(gesture_.next_wakeup_ms(), keyboard_.next_wakeup_ms()));
}

void KioskApp::apply_view(const ViewSettings& view) {
  if (applied_view_ == view) return;
  apply_theme(theme_for(view), fonts_.at(view.text_size).body->FontSize);
  applied_view_ = view;
}

void KioskApp::draw() {
  apply_view(state_.view);
  index_.begin_frame();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const Fonts& fonts = fonts_.at(state_.view.text_size);
  const float keyboard_height =
      device_.own_keyboard ? keyboard_.reserve_height(viewport->Size, fonts.body->FontSize) : 0;
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(ImVec2(viewport->Size.x, viewport->Size.y - keyboard_height));
  // No decoration but the scrollbar: it shows that a screen taller than the display goes on.
  constexpr ImGuiWindowFlags kScreenFlags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                            ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove |
                                            ImGuiWindowFlags_NoSavedSettings |
                                            ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::PushFont(fonts.body);
  // On a narrow screen the side margins give way before buttons have to wrap.
  constexpr float kMaxMarginOfWidth = 0.05f;
  const ImVec2 padding = ImGui::GetStyle().WindowPadding;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding,
                      ImVec2(std::min(padding.x, std::round(viewport->Size.x * kMaxMarginOfWidth)), padding.y));
  ImGui::Begin("##screen", nullptr, kScreenFlags);
  ImGui::PopStyleVar();
  cancel_press_when_dragging(gesture_);
  Interaction interaction(gesture_, now_ms_);
  Ui ui{index_, catalog_, state_.language, fonts, theme_for(state_.view), device_.scale, &interaction};
  draw_welcome(ui, state_, pack_);
  if (device_.own_keyboard) keyboard_.keep_caret_visible();
  screen_scroll_.apply(ui);
  ImGui::End();
  if (device_.own_keyboard) {
    keyboard_.draw(ui);
  } else {
    platform_keyboard_.sync();
  }
  ImGui::PopFont();
  index_.end_frame();
  redraw_ms_ = interaction.redraw_ms();
}

}  // namespace peiling::ui
