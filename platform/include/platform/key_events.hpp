#pragma once
// Key presses the app makes itself (the on-screen keyboard, the script driver) travel as the
// same SDL events a hardware keyboard sends, so every screen handles them one way.
#include <SDL_events.h>

namespace platform {

// Pushes one SDL_KEYDOWN or SDL_KEYUP for scancode with the given modifiers.
void push_key_event(Uint32 type, SDL_Scancode scancode, Uint16 modifiers = KMOD_NONE);

}  // namespace platform
