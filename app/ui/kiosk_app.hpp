#pragma once
// The kiosk: the respondent flow and the admin screens as the main loop's frontend. It turns
// what the screens report into transitions (core/respondent_flow.hpp), does their work, and
// runs the timers: the idle countdown, the return from Thanks, the admin hold. The operator's
// screens are an AdminController's.
#include <random>

#include "core/catalog.hpp"
#include "core/pack.hpp"
#include "core/pack_lifecycle.hpp"
#include "platform/clock.hpp"
#include "platform/main_loop.hpp"
#include "store/device_store.hpp"
#include "sync/http_sync.hpp"
#include "ui/admin_controller.hpp"
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

struct KioskOptions {
  std::string language;           // the language each respondent starts in
  std::uint64_t random_seed = 0;  // for the choice and order of points; tests fix it
  std::optional<Mode> mode;       // --mode; otherwise the pack's settings.mode
};

class KioskApp final : public platform::Frontend {
 public:
  static constexpr std::uint64_t kThanksMs = 8'000;
  static constexpr std::uint64_t kAdminHoldMs = 3'000;

  // sync_worker: sync over HTTP, when the device has a hub address; the kiosk asks it to sync after
  // each completed response, and its status events (any SDL_USEREVENT or above) redraw the panel.
  KioskApp(const Pack& pack, const Catalog& catalog, store::DeviceStore& store, const platform::Clock& clock,
           const TextSizeFonts& fonts, KioskOptions options, DeviceSettings device = {},
           sync::SyncWorker* sync_worker = nullptr);

  const ScreenIndex& screen_index() const { return index_; }
  // Whether a flicked screen is still moving (it then redraws every frame).
  bool is_animating() const { return redraw_ms_.has_value(); }

  bool on_event(const SDL_Event& event) override;
  bool on_pointer(const platform::PointerEvent& pointer) override;
  void update(std::uint64_t now_ms) override;
  void draw() override;
  std::optional<std::uint64_t> next_wakeup_ms(std::uint64_t now_ms) const override;
  bool wants_quit() const override { return admin_.wants_quit(); }

 private:
  Mode mode() const;
  FlowShape shape() const;
  // Does the transition's work, then moves; stays where it is when the work failed.
  void apply(FlowEvent event);
  // The work each transition names (core/respondent_flow.hpp); false when it failed.
  bool do_work(FlowWork work);
  bool begin_response();
  // Tablet mode: continues the latest draft of this pack.
  bool resume_response();
  // The contact opt-in typed on Review, stored apart from the response; false on a refusal.
  bool store_contact();
  // Looks up the draft Welcome offers to continue (tablet mode), and what the hub last said of
  // the pack's life (core/pack_lifecycle.hpp).
  void refresh_draft();
  void refresh_lifecycle();
  // The pack's state now: the hub's last word, its closing time applied by the device's clock.
  PackState pack_state() const;
  void save_typed_text();
  // Stores the contact opt-in, completes the response and starts the Thanks timer.
  bool send_response();
  // The respondent left: the response is kept as abandoned or deleted, as the pack says.
  void end_response();
  // Tablet mode: the response stays a draft in the store, for Welcome to offer.
  void keep_draft();
  void start_next_respondent();
  // FlowWork::close_admin: the operator is done; the next respondent finds nothing of it.
  void close_admin();
  void draw_screen(ScreenContext& context);
  void track_admin_hold();
  // Restyles ImGui when the respondent changed text size or contrast.
  void apply_view(const ViewSettings& view);
  const Fonts& fonts() const { return fonts_.at(state_.view.text_size); }

  const Pack& pack_;
  const Catalog& catalog_;
  store::DeviceStore& store_;
  const platform::Clock& clock_;
  TextSizeFonts fonts_;
  DeviceSettings device_;
  std::mt19937_64 random_;
  ScreenIndex index_;
  AppState state_;
  std::optional<ViewSettings> applied_view_;
  PointerGesture gesture_;       // what the pointer does on the screens (ImGui sees it too)
  FlowPosition drawn_position_;  // the screen drawn last frame
  TouchScroll touch_scroll_;     // whatever is taller than its window scrolls by touch
  OnscreenKeyboard keyboard_;
  PlatformKeyboard platform_keyboard_;
  std::optional<std::uint64_t> redraw_ms_;  // what the last frame's animations asked for
  bool tablet_ = false;
  std::optional<UtcMillis> draft_changed_at_;
  PackLifecycle lifecycle_;  // read on the way to Welcome and when a sync ends there
  sync::SyncWorker* sync_worker_;
  AdminController admin_;
};

}  // namespace peiling::ui
