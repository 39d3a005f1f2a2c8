#pragma once
// How a person types a text on the on-screen keyboard: which keys they tap, and which they hold
// for an accented or typographic alternative. Worked out from the keyboard's own model, so a
// test can type any text the keyboard supports without spelling the key sequence out by hand.
#include <string>
#include <vector>

#include "ui/keyboard_layout.hpp"

namespace peiling::test {

struct Keystroke {
  enum class How { tap, long_press };
  How how;
  std::string key_id;  // "osk.e"
  std::string choice;  // for a long press: the alternative tapped next, "é"
};

// Throws std::invalid_argument for a character the keyboard cannot type.
std::vector<Keystroke> keystrokes_for(const std::string& text);

// The same keystrokes as `peiling --script` lines, with fingers.
std::string script_for(const std::vector<Keystroke>& keystrokes);

// What those keystrokes type on a fresh model, with no window: the model's own account.
std::string type_on_model(const std::vector<Keystroke>& keystrokes);

}  // namespace peiling::test
