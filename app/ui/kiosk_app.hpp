#pragma once
// The kiosk's screens as the main loop's frontend.
#include "core/catalog.hpp"
#include "core/pack.hpp"
#include "platform/main_loop.hpp"
#include "ui/app_state.hpp"
#include "ui/screen_index.hpp"
#include "ui/view_settings.hpp"
#include "ui/widgets.hpp"

namespace peiling::ui {

// What the app knows about the device it runs on.
struct DeviceSettings {
  float scale = 1.0f;  // physical pixels per logical pixel; the fonts were built at this scale
};

class KioskApp final : public platform::Frontend {
 public:
  KioskApp(const Pack& pack, const Catalog& catalog, const TextSizeFonts& fonts, std::string language,
           DeviceSettings device = {});

  const ScreenIndex& screen_index() const { return index_; }

  bool on_event(const SDL_Event& event) override;
  void update(std::uint64_t now_ms) override;
  void draw() override;
  std::optional<std::uint64_t> next_wakeup_ms(std::uint64_t now_ms) const override;
  bool wants_quit() const override { return quit_requested_; }

 private:
  // Restyles ImGui when the respondent changed text size or contrast.
  void apply_view(const ViewSettings& view);

  const Pack& pack_;
  const Catalog& catalog_;
  TextSizeFonts fonts_;
  DeviceSettings device_;
  ScreenIndex index_;
  AppState state_;
  std::optional<ViewSettings> applied_view_;
  bool quit_requested_ = false;
};

}  // namespace peiling::ui
