// Each contact on a touch screen counts once, though SDL reports it as a finger and as a mouse.
#include <SDL_touch.h>
#include <gtest/gtest.h>

#include "platform/pointer.hpp"

namespace platform {
namespace {

constexpr Size kPixels{1000, 500};
constexpr float kPixelsPerPoint = 2.0f;

SDL_Event finger(Uint32 type, SDL_TouchID device, SDL_FingerID id, float x, float y) {
  SDL_Event event{};
  event.type = type;
  event.tfinger.touchId = device;
  event.tfinger.fingerId = id;
  event.tfinger.x = x;
  event.tfinger.y = y;
  return event;
}

SDL_Event mouse_button(Uint32 type, Uint32 which, Uint8 button, int x, int y) {
  SDL_Event event{};
  event.type = type;
  event.button.which = which;
  event.button.button = button;
  event.button.x = x;
  event.button.y = y;
  return event;
}

SDL_Event mouse_motion(Uint32 which, int x, int y) {
  SDL_Event event{};
  event.type = SDL_MOUSEMOTION;
  event.motion.which = which;
  event.motion.x = x;
  event.motion.y = y;
  return event;
}

TEST(PointerTranslator, FingersAreNormalizedToThePixelSize) {
  PointerTranslator translator;
  const auto press =
      translator.translate(finger(SDL_FINGERDOWN, 7, 1, 0.25f, 0.5f), kPixels, kPixelsPerPoint);
  ASSERT_TRUE(press);
  EXPECT_EQ(press->action, PointerAction::press);
  EXPECT_EQ(press->source, PointerSource::touch);
  EXPECT_FLOAT_EQ(press->position.x, 250.0f);
  EXPECT_FLOAT_EQ(press->position.y, 250.0f);
  const auto release = translator.translate(finger(SDL_FINGERUP, 7, 1, 0.5f, 0.5f), kPixels, kPixelsPerPoint);
  ASSERT_TRUE(release);
  EXPECT_EQ(release->action, PointerAction::release);
}

TEST(PointerTranslator, MouseCoordinatesAreScaledFromPointsToPixels) {
  PointerTranslator translator;
  const auto press = translator.translate(mouse_button(SDL_MOUSEBUTTONDOWN, 0, SDL_BUTTON_LEFT, 10, 20),
                                          kPixels, kPixelsPerPoint);
  ASSERT_TRUE(press);
  EXPECT_EQ(press->source, PointerSource::mouse);
  EXPECT_FLOAT_EQ(press->position.x, 20.0f);
  EXPECT_FLOAT_EQ(press->position.y, 40.0f);
  EXPECT_TRUE(translator.translate(mouse_motion(0, 11, 20), kPixels, kPixelsPerPoint));
}

TEST(PointerTranslator, MouseEventsSynthesizedFromTouchAreDropped) {
  PointerTranslator translator;
  EXPECT_FALSE(translator.translate(mouse_motion(SDL_TOUCH_MOUSEID, 10, 20), kPixels, kPixelsPerPoint));
  EXPECT_FALSE(
      translator.translate(mouse_button(SDL_MOUSEBUTTONDOWN, SDL_TOUCH_MOUSEID, SDL_BUTTON_LEFT, 10, 20),
                           kPixels, kPixelsPerPoint));
  EXPECT_FALSE(translator.translate(
      mouse_button(SDL_MOUSEBUTTONUP, SDL_TOUCH_MOUSEID, SDL_BUTTON_LEFT, 10, 20), kPixels, kPixelsPerPoint));
}

TEST(PointerTranslator, TouchEventsSynthesizedFromTheMouseAreDropped) {
  PointerTranslator translator;
  EXPECT_FALSE(translator.translate(finger(SDL_FINGERDOWN, SDL_MOUSE_TOUCHID, 0, 0.1f, 0.1f), kPixels,
                                    kPixelsPerPoint));
  EXPECT_FALSE(
      translator.translate(finger(SDL_FINGERUP, SDL_MOUSE_TOUCHID, 0, 0.1f, 0.1f), kPixels, kPixelsPerPoint));
}

TEST(PointerTranslator, OnlyTheFirstFingerDrivesThePointerUntilItLifts) {
  PointerTranslator translator;
  ASSERT_TRUE(translator.translate(finger(SDL_FINGERDOWN, 7, 1, 0.1f, 0.1f), kPixels, kPixelsPerPoint));
  EXPECT_FALSE(translator.translate(finger(SDL_FINGERDOWN, 7, 2, 0.9f, 0.9f), kPixels, kPixelsPerPoint));
  EXPECT_FALSE(translator.translate(finger(SDL_FINGERMOTION, 7, 2, 0.8f, 0.8f), kPixels, kPixelsPerPoint));
  EXPECT_FALSE(translator.translate(finger(SDL_FINGERUP, 7, 2, 0.8f, 0.8f), kPixels, kPixelsPerPoint));
  EXPECT_TRUE(translator.translate(finger(SDL_FINGERMOTION, 7, 1, 0.2f, 0.1f), kPixels, kPixelsPerPoint));
  EXPECT_TRUE(translator.translate(finger(SDL_FINGERUP, 7, 1, 0.2f, 0.1f), kPixels, kPixelsPerPoint));
  EXPECT_TRUE(translator.translate(finger(SDL_FINGERDOWN, 7, 2, 0.5f, 0.5f), kPixels, kPixelsPerPoint))
      << "after the first lifts, the next finger down drives it";
}

TEST(PointerTranslator, OtherMouseButtonsAreNotThePointer) {
  PointerTranslator translator;
  EXPECT_FALSE(translator.translate(mouse_button(SDL_MOUSEBUTTONDOWN, 0, SDL_BUTTON_RIGHT, 1, 1), kPixels,
                                    kPixelsPerPoint));
}

}  // namespace
}  // namespace platform
