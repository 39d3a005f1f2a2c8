#pragma once
// The app's own keyboard, at the bottom of the screen while a text field is being typed in, on a
// device without a screen keyboard of its own (SDL_HasScreenKeyboardSupport() false) or with
// --osk. Where the platform has one, PlatformKeyboard shows that instead.
//
// The keyboard takes the pointer before ImGui does (Frontend::on_pointer), so tapping a key
// never takes the focus from the text field. It types by posting the SDL events a hardware
// keyboard would (SDL_TEXTINPUT, Backspace, Return), so the field cannot tell the difference.
// A long press on a key with alternatives (e, c, n, -, ' ...) opens a row of them above it;
// sliding onto one and lifting, or tapping one afterwards, types it.
//
// Each frame: reserve_height() before the screens (they end above the keyboard), then
// keep_caret_visible() and draw() after them.
#include <imgui.h>
#include <imgui_internal.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/pointer.hpp"
#include "ui/keyboard_layout.hpp"
#include "ui/pointer_gesture.hpp"
#include "ui/widgets.hpp"

namespace peiling::ui {

class OnscreenKeyboard {
 public:
  // scale: physical pixels per logical pixel.
  explicit OnscreenKeyboard(float scale);

  // Takes the pointer events that start on the keyboard or on its row of alternatives.
  bool on_pointer(const platform::PointerEvent& pointer, std::uint64_t now_ms);
  // Lets time pass: a key held long enough opens its alternatives.
  void update(std::uint64_t now_ms);
  // When a held key will open its alternatives.
  std::optional<std::uint64_t> next_wakeup_ms() const { return gesture_.next_wakeup_ms(); }

  // Shows the keyboard while a text field has the focus. Returns the height it takes at the bottom
  // of a display of this size (0 when hidden); unit is the body font's pixel size.
  float reserve_height(ImVec2 display_size, float unit);
  // Call after the screens have drawn: scrolls the window that holds the text field so the caret
  // stays visible when the caret moves or the keyboard appears. Scrolling by hand in between is
  // left alone.
  void keep_caret_visible();
  // Draws the keys over everything and records them in the ScreenIndex ("osk.e", "é").
  void draw(Ui& ui);

  bool is_visible() const { return visible_; }

 private:
  struct Target {
    enum class Kind { none, key, alternative };
    Kind kind = Kind::none;
    std::size_t index = 0;  // into layout_.keys or popup_->choices
    bool operator==(const Target&) const = default;
  };
  struct Popup {
    std::vector<std::string> choices;
    std::vector<ImRect> rects;      // screen coordinates
    std::uint64_t opened_by_press;  // PointerGesture::press_count() of the hold that opened it
  };

  Target target_at(ImVec2 position) const;
  ImRect key_rect(std::size_t index) const;
  bool over_keyboard(ImVec2 position) const;
  void open_popup(std::size_t key_index);
  void post(const KeyAction& action);

  float scale_;
  KeyboardModel model_;
  KeyboardLayout layout_;
  KeyboardMetrics metrics_{};
  ImVec2 display_size_;
  ImVec2 origin_;  // top left of the keyboard, screen coordinates
  bool visible_ = false;
  bool just_shown_ = false;
  PointerGesture gesture_;
  bool grabbed_ = false;
  Target pressed_;
  std::optional<Popup> popup_;
  bool close_field_ = false;                // the hide key was tapped
  std::optional<ImVec2> caret_in_content_;  // where the field last drew its caret, in content coordinates
};

// The platform's own screen keyboard (SDL_StartTextInput), shown while a text field is active and
// told where the caret is, so that it can keep the field in view.
class PlatformKeyboard {
 public:
  // Call once per frame after the screens have drawn.
  void sync();

 private:
  bool shown_ = false;
};

}  // namespace peiling::ui
