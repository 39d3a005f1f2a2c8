#pragma once
// What the pointer is doing: a tap so far, a drag, or a long press. Fed with pointer events and
// the clock, with no window, so the thresholds are testable on their own.
//
//   press ──> pending ──moved 10 logical px──> drag
//                │
//                └──held 500 ms, still──> long press
//
// A release ends the gesture; its kind stays readable until the next press, so a frame that
// runs after a fast flick still sees that it was a drag.
#include <imgui.h>

#include <array>
#include <cstdint>
#include <optional>

namespace peiling::ui {

enum class GestureKind { none, pending, drag, long_press };

class PointerGesture {
 public:
  static constexpr float kTapSlopLogicalPx = 10.0f;
  static constexpr std::uint64_t kLongPressMs = 500;

  // scale: physical pixels per logical pixel.
  explicit PointerGesture(float scale = 1.0f) : slop_(kTapSlopLogicalPx * scale) {}

  void press(ImVec2 position, std::uint64_t now_ms);
  void move(ImVec2 position, std::uint64_t now_ms);
  void release(ImVec2 position, std::uint64_t now_ms);
  // Lets time pass: a still hold becomes a long press once it has lasted kLongPressMs.
  void tick(std::uint64_t now_ms);

  GestureKind kind() const { return kind_; }
  bool is_down() const { return down_; }
  // Counts presses, so that a consumer can tell a new gesture from the one it has seen.
  std::uint64_t press_count() const { return press_count_; }
  ImVec2 press_position() const { return press_position_; }
  ImVec2 position() const { return position_; }
  // Pixels per second over the last 100 ms before the release (zero if the finger stopped).
  ImVec2 release_velocity() const { return release_velocity_; }
  // When a still hold will turn into a long press, while that is undecided.
  std::optional<std::uint64_t> next_wakeup_ms() const;

 private:
  struct Sample {
    ImVec2 position;
    std::uint64_t ms = 0;
  };
  void record(ImVec2 position, std::uint64_t now_ms);

  float slop_;
  GestureKind kind_ = GestureKind::none;
  bool down_ = false;
  std::uint64_t press_count_ = 0;
  std::uint64_t press_ms_ = 0;
  ImVec2 press_position_;
  ImVec2 position_;
  ImVec2 release_velocity_;
  std::array<Sample, 16> samples_{};  // a ring of the latest positions, for the velocity
  std::size_t sample_count_ = 0;
};

}  // namespace peiling::ui
