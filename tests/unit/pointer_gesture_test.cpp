#include "ui/pointer_gesture.hpp"

#include <gtest/gtest.h>

namespace peiling::ui {
namespace {

TEST(PointerGesture, MovementWithinTenLogicalPixelsIsStillATap) {
  PointerGesture gesture(1.0f);
  gesture.press(ImVec2(100, 100), 0);
  gesture.move(ImVec2(106, 108), 50);  // 10 px away exactly
  gesture.release(ImVec2(106, 108), 80);
  EXPECT_EQ(gesture.kind(), GestureKind::pending) << "a release while pending is a tap";
  EXPECT_FALSE(gesture.is_down());
}

TEST(PointerGesture, MovingBeyondTheSlopMakesADragThatOutlivesTheRelease) {
  PointerGesture gesture(1.0f);
  gesture.press(ImVec2(100, 100), 0);
  gesture.move(ImVec2(100, 111), 20);
  EXPECT_EQ(gesture.kind(), GestureKind::drag);
  gesture.move(ImVec2(100, 100), 40);
  EXPECT_EQ(gesture.kind(), GestureKind::drag) << "coming back does not undo a drag";
  gesture.release(ImVec2(100, 100), 60);
  EXPECT_EQ(gesture.kind(), GestureKind::drag);
  gesture.press(ImVec2(5, 5), 1000);
  EXPECT_EQ(gesture.kind(), GestureKind::pending) << "a new press starts a new gesture";
  EXPECT_EQ(gesture.press_count(), 2u);
}

TEST(PointerGesture, SlopScalesWithTheDisplay) {
  PointerGesture gesture(2.0f);
  gesture.press(ImVec2(0, 0), 0);
  gesture.move(ImVec2(0, 19), 10);
  EXPECT_EQ(gesture.kind(), GestureKind::pending);
  gesture.move(ImVec2(0, 21), 20);
  EXPECT_EQ(gesture.kind(), GestureKind::drag);
}

TEST(PointerGesture, HoldingStillFor500MsIsALongPressAndTheLoopIsWokenForIt) {
  PointerGesture gesture(1.0f);
  gesture.press(ImVec2(10, 10), 1000);
  EXPECT_EQ(gesture.next_wakeup_ms(), 1500u);
  gesture.tick(1499);
  EXPECT_EQ(gesture.kind(), GestureKind::pending);
  gesture.tick(1500);
  EXPECT_EQ(gesture.kind(), GestureKind::long_press);
  EXPECT_FALSE(gesture.next_wakeup_ms()) << "decided: nothing left to wake up for";
  gesture.move(ImVec2(200, 10), 1600);
  EXPECT_EQ(gesture.kind(), GestureKind::long_press) << "sliding after a long press stays a long press";
}

TEST(PointerGesture, ADragBeforeTheDeadlineIsNeverALongPress) {
  PointerGesture gesture(1.0f);
  gesture.press(ImVec2(10, 10), 0);
  gesture.move(ImVec2(10, 40), 100);
  gesture.tick(900);
  EXPECT_EQ(gesture.kind(), GestureKind::drag);
  EXPECT_FALSE(gesture.next_wakeup_ms());
}

TEST(PointerGesture, ReleaseVelocityComesFromTheLast100Ms) {
  PointerGesture gesture(1.0f);
  gesture.press(ImVec2(0, 500), 0);
  for (int step = 1; step <= 10; ++step)
    gesture.move(ImVec2(0, 500.0f - 30.0f * static_cast<float>(step)), static_cast<std::uint64_t>(step) * 16);
  gesture.release(ImVec2(0, 200), 160);
  EXPECT_NEAR(gesture.release_velocity().y, -30.0f / 0.016f, 1.0f) << "1875 px/s upwards";
  EXPECT_FLOAT_EQ(gesture.release_velocity().x, 0.0f);
}

TEST(PointerGesture, AFingerThatStoppedBeforeLiftingHasNoVelocity) {
  PointerGesture gesture(1.0f);
  gesture.press(ImVec2(0, 500), 0);
  gesture.move(ImVec2(0, 200), 50);
  gesture.release(ImVec2(0, 200), 400);
  EXPECT_FLOAT_EQ(gesture.release_velocity().y, 0.0f);
}

TEST(PointerGesture, MovesWithoutAPressAreIgnored) {
  PointerGesture gesture(1.0f);
  gesture.move(ImVec2(50, 50), 10);
  gesture.release(ImVec2(50, 50), 20);
  EXPECT_EQ(gesture.kind(), GestureKind::none);
  EXPECT_EQ(gesture.press_count(), 0u);
}

}  // namespace
}  // namespace peiling::ui
