#pragma once
// The on-screen keyboard's keys and what they do, with no window: QWERTY with shift, a layer of
// digits and punctuation, and the alternatives a long press offers (é è ë ê, ç, ñ, – —, ‘ ’).
// Dutch "ij" is two letters, as on any Dutch keyboard. OnscreenKeyboard draws this model and
// feeds what it types to the focused text field.
#include <imgui.h>

#include <string>
#include <vector>

namespace peiling::ui {

enum class KeyRole { character, shift, layer_switch, backspace, enter, space, hide };
enum class KeyboardLayer { letters, symbols };

struct Key {
  KeyRole role;
  std::string label;  // what the key shows; for a character key, also what it types
  std::string id;     // stable for scripts whatever the shift state: "osk.e", "osk.shift"
  float width_units;  // in standard key widths
};

// What a key press asks the text field for.
struct KeyAction {
  enum class Kind { none, text, backspace, enter, hide };
  Kind kind = Kind::none;
  std::string text;  // UTF-8, for Kind::text

  bool operator==(const KeyAction&) const = default;
};

class KeyboardModel {
 public:
  KeyboardLayer layer() const { return layer_; }
  bool shifted() const { return shifted_; }
  // The rows of the current layer, labelled for the current shift state.
  std::vector<std::vector<Key>> rows() const;

  // A tap on key: switches shift or layer itself, and says what to type or press.
  KeyAction tap(const Key& key);
  // What a long press on key offers, in the case the key shows; empty when nothing.
  std::vector<std::string> alternatives(const Key& key) const;
  // Types one of the alternatives; like a typed letter, it ends a one-shot shift.
  KeyAction choose(const std::string& alternative);

 private:
  KeyboardLayer layer_ = KeyboardLayer::letters;
  bool shifted_ = false;
};

struct PlacedKey {
  Key key;
  ImVec2 min;  // relative to the keyboard's top left
  ImVec2 max;
};

struct KeyboardLayout {
  std::vector<PlacedKey> keys;
  float height = 0;
};

struct KeyboardMetrics {
  float key_height;
  float min_key_width;  // the narrowest a standard key may get before rows wrap
  float gap;            // between keys and around the edge
};

// Lays rows across width. A standard key is a tenth of the width, but never narrower than
// min_key_width; a row that does not fit at that width wraps onto further lines. Lines are
// centred.
KeyboardLayout lay_out_keyboard(const std::vector<std::vector<Key>>& rows, float width,
                                KeyboardMetrics metrics);

}  // namespace peiling::ui
