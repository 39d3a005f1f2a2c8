#include "ui/kiosk_app.hpp"

#include "ui/welcome_screen.hpp"

namespace peiling::ui {

KioskApp::KioskApp(const Pack& pack, const Catalog& catalog, Fonts fonts, std::string language)
    : pack_(pack), catalog_(catalog), fonts_(fonts) {
  state_.language = std::move(language);
  apply_theme(standard_theme(), fonts_.body->FontSize);
}

bool KioskApp::on_event(const SDL_Event& event) {
  if (event.type == SDL_QUIT) {
    quit_requested_ = true;
    return true;
  }
  return false;
}

void KioskApp::update(std::uint64_t) {}

std::optional<std::uint64_t> KioskApp::next_wakeup_ms(std::uint64_t) const { return std::nullopt; }

void KioskApp::draw() {
  index_.begin_frame();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(viewport->Size);
  constexpr ImGuiWindowFlags kScreenFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                            ImGuiWindowFlags_NoSavedSettings |
                                            ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::PushFont(fonts_.body);
  ImGui::Begin("##screen", nullptr, kScreenFlags);
  Ui ui{index_, catalog_, state_.language, fonts_, standard_theme()};
  draw_welcome(ui, state_, pack_);
  ImGui::End();
  ImGui::PopFont();
  index_.end_frame();
}

}  // namespace peiling::ui
