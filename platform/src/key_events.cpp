#include "platform/key_events.hpp"

#include <SDL.h>

namespace platform {

void push_key_event(Uint32 type, SDL_Scancode scancode, Uint16 modifiers) {
  SDL_Event event{};
  event.type = type;
  event.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
  event.key.keysym.scancode = scancode;
  event.key.keysym.sym = SDL_GetKeyFromScancode(scancode);
  event.key.keysym.mod = modifiers;
  SDL_PushEvent(&event);
}

}  // namespace platform
