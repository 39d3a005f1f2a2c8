#pragma once
// Touch scrolling for every ImGui window, which ImGui 1.86 lacks (the idea of ocornut/imgui#3379).
//
// Dragging anywhere in a window that scrolls up and down scrolls it, buttons included: the screen, a page's
// body, a long comment field, an admin list. The drag starts once the finger has moved 10
// logical px (see PointerGesture), and cancel_press_when_dragging() makes sure the button under
// the finger is not pressed. The window grabbed is the innermost one under the finger that can
// scroll. After a flick the content coasts on, slowing with friction, and stops at the edges.
// While it coasts it asks for the next frame; once still, it asks for nothing and the app idles.
// A part a screen asks to show (Ui::reveal) the window glides to in the same way, eased over
// kGlideSeconds; a touch stops that glide too.
#include <imgui.h>

#include <cstdint>
#include <string>

#include "ui/widgets.hpp"

namespace peiling::ui {

class TouchScroll {
 public:
  // Time constant of the exponential slow-down: a flick at v px/s travels about v * 0.35 px.
  static constexpr float kFrictionSeconds = 0.35f;
  // Below this speed the content stops, in logical px per second.
  static constexpr float kStopSpeedLogicalPx = 15.0f;
  // How long a glide to a part asked for takes.
  static constexpr float kGlideSeconds = 0.3f;

  // Call once per frame, after every window has been drawn (the scroll lands next frame).
  void apply(Ui& ui);
  bool is_coasting() const { return coasting_; }

 private:
  std::uint64_t seen_press_ = 0;  // the PointerGesture::press_count() handled so far
  ImGuiID window_id_ = 0;         // the window the current or last gesture grabbed, 0 for none
  bool grabbed_ = false;          // the finger is still on window_id_
  float grab_scroll_ = 0;         // the window's scroll when it was grabbed
  bool coasting_ = false;
  float offset_ = 0;    // scroll while coasting, unrounded
  float velocity_ = 0;  // scroll speed while coasting, px per second
  std::uint64_t last_ms_ = 0;
  // The glide to a part asked for: the window, where it started and when, where it goes.
  void glide(Ui& ui, std::uint64_t now);
  ImGuiID glide_window_ = 0;
  float glide_from_ = 0;
  float glide_to_ = 0;
  std::uint64_t glide_start_ms_ = 0;
};

// Which part of a page of parts (a point card's questions, then its footer) is to glide into view
// next, once the one before it is answered: kept in the window's storage under key, and asked for
// over a few frames, as the saved tick an answer brings moves what follows it.
class NextPart {
 public:
  explicit NextPart(const std::string& key);
  ~NextPart();  // stores what is left for the next frame
  NextPart(const NextPart&) = delete;
  NextPart& operator=(const NextPart&) = delete;

  void answered(std::size_t part) {
    next_ = static_cast<int>(part) + 1;
    frames_ = kFrames;
  }
  bool is_next(std::size_t part) const { return frames_ > 0 && next_ == static_cast<int>(part); }
  // Asks (Ui::reveal) for part, drawn in the current window from min_y to max_y, if it is next.
  void reveal_if_next(Ui& ui, std::size_t part, float min_y, float max_y) const;

 private:
  static constexpr int kFrames = 3;
  ImGuiID next_key_;
  ImGuiID frames_key_;
  int next_;
  int frames_;
};

// Cancels the press of the item the pointer went down on once the gesture is a drag, so a drag
// never presses a button. Scrollbars keep theirs. Call once per frame before any widget.
void cancel_press_when_dragging(const PointerGesture& pointer);

}  // namespace peiling::ui
