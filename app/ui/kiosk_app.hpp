#pragma once
// The kiosk's screens as the main loop's frontend.
#include "core/catalog.hpp"
#include "core/pack.hpp"
#include "platform/main_loop.hpp"
#include "ui/app_state.hpp"
#include "ui/onscreen_keyboard.hpp"
#include "ui/pointer_gesture.hpp"
#include "ui/screen_index.hpp"
#include "ui/touch_scroll.hpp"
#include "ui/view_settings.hpp"
#include "ui/widgets.hpp"

namespace peiling::ui {

// What the app knows about the device it runs on.
struct DeviceSettings {
  float scale = 1.0f;  // physical pixels per logical pixel; the fonts were built at this scale
  // The app's own keyboard rather than the platform's: where the platform has none, with --osk,
  // or when the kiosk setting asks for it.
  bool own_keyboard = true;
};

class KioskApp final : public platform::Frontend {
 public:
  KioskApp(const Pack& pack, const Catalog& catalog, const TextSizeFonts& fonts, std::string language,
           DeviceSettings device = {});

  const ScreenIndex& screen_index() const { return index_; }
  // Whether a flicked screen is still moving (it then redraws every frame).
  bool is_animating() const { return redraw_ms_.has_value(); }

  bool on_event(const SDL_Event& event) override;
  bool on_pointer(const platform::PointerEvent& pointer) override;
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
  PointerGesture gesture_;  // what the pointer does on the screens (ImGui sees it too)
  TouchScroll screen_scroll_;  // every screen scrolls by touch when it is taller than the display
  OnscreenKeyboard keyboard_;
  PlatformKeyboard platform_keyboard_;
  std::uint64_t now_ms_ = 0;
  std::optional<std::uint64_t> redraw_ms_;  // what the last frame's animations asked for
  bool quit_requested_ = false;
};

}  // namespace peiling::ui
