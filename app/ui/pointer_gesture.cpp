#include "ui/pointer_gesture.hpp"

#include <algorithm>

namespace peiling::ui {

namespace {

constexpr std::uint64_t kVelocityWindowMs = 100;

}  // namespace

void PointerGesture::press(ImVec2 position, std::uint64_t now_ms) {
  kind_ = GestureKind::pending;
  down_ = true;
  ++press_count_;
  press_ms_ = now_ms;
  press_position_ = position;
  position_ = position;
  release_velocity_ = ImVec2();
  sample_count_ = 0;
  record(position, now_ms);
}

void PointerGesture::move(ImVec2 position, std::uint64_t now_ms) {
  if (!down_) return;  // a mouse moving with no button held
  tick(now_ms);
  position_ = position;
  record(position, now_ms);
  const float dx = position.x - press_position_.x;
  const float dy = position.y - press_position_.y;
  if (kind_ == GestureKind::pending && dx * dx + dy * dy > slop_ * slop_) kind_ = GestureKind::drag;
}

void PointerGesture::release(ImVec2 position, std::uint64_t now_ms) {
  if (!down_) return;
  move(position, now_ms);
  down_ = false;
  // The oldest sample within the window: a finger that stopped before lifting has no speed.
  const Sample* oldest = nullptr;
  for (std::size_t i = 0; i < std::min(sample_count_, samples_.size()); ++i) {
    const Sample& sample = samples_[i];
    if (now_ms - sample.ms <= kVelocityWindowMs && (!oldest || sample.ms < oldest->ms)) oldest = &sample;
  }
  if (oldest && now_ms > oldest->ms) {
    const float seconds = static_cast<float>(now_ms - oldest->ms) / 1000.0f;
    release_velocity_ =
        ImVec2((position.x - oldest->position.x) / seconds, (position.y - oldest->position.y) / seconds);
  }
}

void PointerGesture::tick(std::uint64_t now_ms) {
  if (down_ && kind_ == GestureKind::pending && now_ms >= press_ms_ + kLongPressMs)
    kind_ = GestureKind::long_press;
}

std::optional<std::uint64_t> PointerGesture::next_wakeup_ms() const {
  if (down_ && kind_ == GestureKind::pending) return press_ms_ + kLongPressMs;
  return std::nullopt;
}

void PointerGesture::record(ImVec2 position, std::uint64_t now_ms) {
  samples_[sample_count_ % samples_.size()] = Sample{position, now_ms};
  ++sample_count_;
}

}  // namespace peiling::ui
