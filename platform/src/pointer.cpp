#include "platform/pointer.hpp"

#include <SDL_touch.h>

namespace platform {

namespace {

ImVec2 finger_position(const SDL_TouchFingerEvent& finger, Size pixel_size) {
  return ImVec2(finger.x * static_cast<float>(pixel_size.width),
                finger.y * static_cast<float>(pixel_size.height));
}

}  // namespace

std::optional<PointerEvent> PointerTranslator::translate(const SDL_Event& event, Size pixel_size,
                                                         float pixels_per_point) {
  switch (event.type) {
    case SDL_MOUSEMOTION:
      if (event.motion.which == SDL_TOUCH_MOUSEID) return std::nullopt;
      return PointerEvent{PointerAction::move, PointerSource::mouse,
                          ImVec2(static_cast<float>(event.motion.x) * pixels_per_point,
                                 static_cast<float>(event.motion.y) * pixels_per_point)};
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
      if (event.button.which == SDL_TOUCH_MOUSEID || event.button.button != SDL_BUTTON_LEFT)
        return std::nullopt;
      return PointerEvent{event.type == SDL_MOUSEBUTTONDOWN ? PointerAction::press : PointerAction::release,
                          PointerSource::mouse,
                          ImVec2(static_cast<float>(event.button.x) * pixels_per_point,
                                 static_cast<float>(event.button.y) * pixels_per_point)};
    case SDL_FINGERDOWN:
      if (event.tfinger.touchId == SDL_MOUSE_TOUCHID || contact_) return std::nullopt;
      contact_ = Contact{event.tfinger.touchId, event.tfinger.fingerId};
      return PointerEvent{PointerAction::press, PointerSource::touch,
                          finger_position(event.tfinger, pixel_size)};
    case SDL_FINGERMOTION:
    case SDL_FINGERUP: {
      if (contact_ != Contact{event.tfinger.touchId, event.tfinger.fingerId}) return std::nullopt;
      const bool up = event.type == SDL_FINGERUP;
      if (up) contact_.reset();
      return PointerEvent{up ? PointerAction::release : PointerAction::move, PointerSource::touch,
                          finger_position(event.tfinger, pixel_size)};
    }
    default:
      return std::nullopt;
  }
}

}  // namespace platform
