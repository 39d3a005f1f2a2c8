#pragma once
// The kiosk's screens as the main loop's frontend.
#include "core/catalog.hpp"
#include "core/pack.hpp"
#include "platform/main_loop.hpp"
#include "ui/app_state.hpp"
#include "ui/screen_index.hpp"
#include "ui/widgets.hpp"

namespace peiling::ui {

class KioskApp final : public platform::Frontend {
 public:
  KioskApp(const Pack& pack, const Catalog& catalog, Fonts fonts, std::string language);

  const ScreenIndex& screen_index() const { return index_; }

  bool on_event(const SDL_Event& event) override;
  void update(std::uint64_t now_ms) override;
  void draw() override;
  std::optional<std::uint64_t> next_wakeup_ms(std::uint64_t now_ms) const override;
  bool wants_quit() const override { return quit_requested_; }

 private:
  const Pack& pack_;
  const Catalog& catalog_;
  Fonts fonts_;
  ScreenIndex index_;
  AppState state_;
  bool quit_requested_ = false;
};

}  // namespace peiling::ui
