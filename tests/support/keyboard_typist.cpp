#include "support/keyboard_typist.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace peiling::test {

namespace {

using ui::Key;
using ui::KeyAction;
using ui::KeyboardLayer;
using ui::KeyboardModel;
using ui::KeyRole;

std::optional<Key> key_with_id(const KeyboardModel& model, const std::string& id) {
  for (const auto& row : model.rows()) {
    for (const Key& key : row) {
      if (key.id == id) return key;
    }
  }
  return std::nullopt;
}

// A keystroke that types character in the model's current state, if there is one.
std::optional<Keystroke> keystroke_in_current_state(const KeyboardModel& model,
                                                    const std::string& character) {
  for (const auto& row : model.rows()) {
    for (const Key& key : row) {
      if ((key.role == KeyRole::character && key.label == character) ||
          (key.role == KeyRole::space && character == " ")) {
        return Keystroke{Keystroke::How::tap, key.id, {}};
      }
      const auto alternatives = model.alternatives(key);
      if (std::find(alternatives.begin(), alternatives.end(), character) != alternatives.end()) {
        return Keystroke{Keystroke::How::long_press, key.id, character};
      }
    }
  }
  return std::nullopt;
}

void apply(KeyboardModel& model, const Keystroke& keystroke, std::string* typed) {
  const auto key = key_with_id(model, keystroke.key_id);
  if (!key) throw std::invalid_argument("no key " + keystroke.key_id + " in this state");
  const KeyAction action =
      keystroke.how == Keystroke::How::tap ? model.tap(*key) : model.choose(keystroke.choice);
  if (typed && action.kind == KeyAction::Kind::text) *typed += action.text;
}

std::size_t utf8_length(unsigned char lead) {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

}  // namespace

std::vector<Keystroke> keystrokes_for(const std::string& text) {
  KeyboardModel model;
  std::vector<Keystroke> keystrokes;
  const auto press = [&](const Keystroke& keystroke) {
    apply(model, keystroke, nullptr);
    keystrokes.push_back(keystroke);
  };
  const Keystroke shift{Keystroke::How::tap, "osk.shift", {}};
  const Keystroke layer{Keystroke::How::tap, "osk.layer", {}};
  for (std::size_t at = 0; at < text.size();) {
    const std::string character = text.substr(at, utf8_length(static_cast<unsigned char>(text[at])));
    at += character.size();
    // Try the state the keyboard is in, then shifted letters, plain letters, and digits.
    std::optional<Keystroke> found = keystroke_in_current_state(model, character);
    if (!found && model.layer() == KeyboardLayer::symbols) press(layer);
    if (!found) found = keystroke_in_current_state(model, character);
    if (!found) {
      press(shift);
      found = keystroke_in_current_state(model, character);
      if (!found) press(shift);
    }
    if (!found) {
      press(layer);
      found = keystroke_in_current_state(model, character);
    }
    if (!found) throw std::invalid_argument("the keyboard cannot type '" + character + "'");
    press(*found);
  }
  return keystrokes;
}

std::string script_for(const std::vector<Keystroke>& keystrokes) {
  std::string script;
  for (const Keystroke& keystroke : keystrokes) {
    if (keystroke.how == Keystroke::How::tap) {
      script += "finger_tap \"" + keystroke.key_id + "\"\n";
    } else {
      script += "long_press \"" + keystroke.key_id + "\"\nfinger_tap \"" + keystroke.choice + "\"\n";
    }
  }
  return script;
}

std::string type_on_model(const std::vector<Keystroke>& keystrokes) {
  KeyboardModel model;
  std::string typed;
  for (const Keystroke& keystroke : keystrokes) apply(model, keystroke, &typed);
  return typed;
}

}  // namespace peiling::test
