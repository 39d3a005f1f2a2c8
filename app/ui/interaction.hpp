#pragma once
// What a frame knows about the pointer and the time, and when it wants the next frame. The
// main loop sleeps until an event or the earliest redraw asked for, so components that animate
// ask for each next frame themselves and the app idles at no CPU otherwise.
#include <algorithm>
#include <cstdint>
#include <optional>

#include "ui/pointer_gesture.hpp"

namespace peiling::ui {

class Interaction {
 public:
  Interaction(const PointerGesture& pointer, std::uint64_t now_ms) : pointer_(pointer), now_ms_(now_ms) {}

  const PointerGesture& pointer() const { return pointer_; }
  std::uint64_t now_ms() const { return now_ms_; }

  // Asks for a frame at ms at the latest.
  void redraw_at(std::uint64_t ms) { redraw_ms_ = redraw_ms_ ? std::min(*redraw_ms_, ms) : ms; }
  std::optional<std::uint64_t> redraw_ms() const { return redraw_ms_; }

 private:
  const PointerGesture& pointer_;
  std::uint64_t now_ms_;
  std::optional<std::uint64_t> redraw_ms_;
};

}  // namespace peiling::ui
