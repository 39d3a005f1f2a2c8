#pragma once
// One pointer, in pixels, from SDL's mouse and finger events.
//
// On a touch screen SDL reports each contact twice: as SDL_FINGER* events, and as mouse events
// it synthesizes from them (which == SDL_TOUCH_MOUSEID). With SDL_HINT_MOUSE_TOUCH_EVENTS it
// can also do the reverse (touchId == SDL_MOUSE_TOUCHID). The synthesized copies are dropped
// here, so each contact counts once. Only the first finger down drives the pointer; others are
// ignored until it lifts (no multi-touch gestures in the app).
#include <SDL_events.h>
#include <imgui.h>

#include <optional>

#include "platform/display.hpp"

namespace platform {

enum class PointerAction { press, move, release };
enum class PointerSource { mouse, touch };

struct PointerEvent {
  PointerAction action;
  PointerSource source;
  ImVec2 position;  // pixels
};

class PointerTranslator {
 public:
  // The pointer event in event, if any. pixel_size is the drawable size (fingers arrive
  // normalized to it); pixels_per_point converts mouse coordinates.
  std::optional<PointerEvent> translate(const SDL_Event& event, Size pixel_size, float pixels_per_point);

 private:
  struct Contact {
    SDL_TouchID device;
    SDL_FingerID finger;
    bool operator==(const Contact&) const = default;
  };
  std::optional<Contact> contact_;  // the finger that drives the pointer while it is down
};

}  // namespace platform
