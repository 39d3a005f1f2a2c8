#include "ui/keyboard_layout.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace peiling::ui {

namespace {

constexpr int kStandardKeysPerRow = 10;

struct KeySpec {
  KeyRole role;
  std::string_view lower;  // label on the letters layer, or the only label
  std::string_view upper;  // label when shifted; empty when the same
  std::string_view id;     // empty: "osk." + lower
  float width_units = 1.0f;
};

KeySpec letter(std::string_view lower, std::string_view upper) {
  return {KeyRole::character, lower, upper, {}};
}
KeySpec symbol(std::string_view text) {
  return {KeyRole::character, text, {}, {}};
}

// Labels: ⇧ shift, ⌫ backspace, ↵ enter, ⌨▾ hide the keyboard.
const KeySpec kShift{KeyRole::shift, "\u21E7", {}, "osk.shift", 1.5f};
const KeySpec kBackspace{KeyRole::backspace, "\u232B", {}, "osk.backspace", 1.5f};
const KeySpec kEnter{KeyRole::enter, "\u21B5", {}, "osk.enter", 1.5f};
const KeySpec kHide{KeyRole::hide, "\u2328\u25BE", {}, "osk.hide", 1.0f};
const KeySpec kSpace{KeyRole::space, "", {}, "osk.space", 4.0f};

// The same on both layers but for the switch, which names the layer it switches to.
std::vector<KeySpec> bottom_row(std::string_view other_layer) {
  return {{KeyRole::layer_switch, other_layer, {}, "osk.layer", 1.5f},
          symbol(","),
          kSpace,
          symbol("."),
          kEnter,
          kHide};
}

std::vector<std::vector<KeySpec>> letter_rows() {
  return {
      {letter("q", "Q"), letter("w", "W"), letter("e", "E"), letter("r", "R"), letter("t", "T"),
       letter("y", "Y"), letter("u", "U"), letter("i", "I"), letter("o", "O"), letter("p", "P")},
      {letter("a", "A"), letter("s", "S"), letter("d", "D"), letter("f", "F"), letter("g", "G"),
       letter("h", "H"), letter("j", "J"), letter("k", "K"), letter("l", "L")},
      {kShift, letter("z", "Z"), letter("x", "X"), letter("c", "C"), letter("v", "V"), letter("b", "B"),
       letter("n", "N"), letter("m", "M"), kBackspace},
      bottom_row("123"),
  };
}

std::vector<std::vector<KeySpec>> symbol_rows() {
  return {
      {symbol("1"), symbol("2"), symbol("3"), symbol("4"), symbol("5"), symbol("6"), symbol("7"), symbol("8"),
       symbol("9"), symbol("0")},
      {symbol("-"), symbol("/"), symbol(":"), symbol(";"), symbol("("), symbol(")"), symbol("\u20AC"),
       symbol("&"), symbol("@"), symbol("\"")},
      {symbol("'"), symbol("?"), symbol("!"), symbol("*"), symbol("+"), symbol("="), symbol("%"), symbol("#"),
       kBackspace},
      bottom_row("ABC"),
  };
}

struct AlternativeSet {
  std::string_view key;
  std::string_view alternatives;  // separated by spaces
};

// Dutch, French, German and Spanish accents on their base letters; typographic forms on the
// punctuation they stand in for.
constexpr std::array kAlternatives{
    AlternativeSet{"a", "á à ä â"}, AlternativeSet{"A", "Á À Ä Â"}, AlternativeSet{"e", "é è ë ê"},
    AlternativeSet{"E", "É È Ë Ê"}, AlternativeSet{"i", "í ì ï î"}, AlternativeSet{"I", "Í Ì Ï Î"},
    AlternativeSet{"o", "ó ò ö ô"}, AlternativeSet{"O", "Ó Ò Ö Ô"}, AlternativeSet{"u", "ú ù ü û"},
    AlternativeSet{"U", "Ú Ù Ü Û"}, AlternativeSet{"c", "ç"},       AlternativeSet{"C", "Ç"},
    AlternativeSet{"n", "ñ"},       AlternativeSet{"N", "Ñ"},       AlternativeSet{"-", "– —"},
    AlternativeSet{"'", "‘ ’"},     AlternativeSet{"\"", "“ ” „"},  AlternativeSet{".", "…"},
    AlternativeSet{"?", "¿"},       AlternativeSet{"!", "¡"},       AlternativeSet{"\u20AC", "£ $"},
};

}  // namespace

std::vector<std::vector<Key>> KeyboardModel::rows() const {
  std::vector<std::vector<Key>> rows;
  for (const auto& spec_row : layer_ == KeyboardLayer::letters ? letter_rows() : symbol_rows()) {
    auto& row = rows.emplace_back();
    for (const KeySpec& spec : spec_row) {
      const std::string_view label = shifted_ && !spec.upper.empty() ? spec.upper : spec.lower;
      const std::string id = spec.id.empty() ? "osk." + std::string(spec.lower) : std::string(spec.id);
      row.push_back(Key{spec.role, std::string(label), id, spec.width_units});
    }
  }
  return rows;
}

KeyAction KeyboardModel::tap(const Key& key) {
  switch (key.role) {
    case KeyRole::character:
      return choose(key.label);
    case KeyRole::space:
      return {KeyAction::Kind::text, " "};
    case KeyRole::shift:
      shifted_ = !shifted_;
      return {};
    case KeyRole::layer_switch:
      layer_ = layer_ == KeyboardLayer::letters ? KeyboardLayer::symbols : KeyboardLayer::letters;
      shifted_ = false;
      return {};
    case KeyRole::backspace:
      return {KeyAction::Kind::backspace, {}};
    case KeyRole::enter:
      return {KeyAction::Kind::enter, {}};
    case KeyRole::hide:
      shifted_ = false;
      return {KeyAction::Kind::hide, {}};
  }
  return {};
}

std::vector<std::string> KeyboardModel::alternatives(const Key& key) const {
  std::vector<std::string> found;
  if (key.role != KeyRole::character) return found;
  for (const auto& set : kAlternatives) {
    if (set.key != key.label) continue;
    std::string_view rest = set.alternatives;
    while (!rest.empty()) {
      const std::size_t space = rest.find(' ');
      found.emplace_back(rest.substr(0, space));
      rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    }
  }
  return found;
}

KeyAction KeyboardModel::choose(const std::string& alternative) {
  shifted_ = false;
  return {KeyAction::Kind::text, alternative};
}

KeyboardLayout lay_out_keyboard(const std::vector<std::vector<Key>>& rows, float width,
                                KeyboardMetrics metrics) {
  const float gap = metrics.gap;
  const float inner_width = width - 2 * gap;
  const float standard =
      std::max(metrics.min_key_width, (inner_width - gap * (kStandardKeysPerRow - 1)) / kStandardKeysPerRow);
  const auto key_width = [&](const Key& key) {
    return standard * key.width_units + gap * (key.width_units - 1);
  };

  KeyboardLayout layout;
  float top = gap;
  const auto place_line = [&](std::vector<const Key*>& line) {
    float line_width = -gap;
    for (const Key* key : line) line_width += key_width(*key) + gap;
    float left = gap + std::max(0.0f, (inner_width - line_width) / 2);
    for (const Key* key : line) {
      const float key_w = key_width(*key);
      layout.keys.push_back({*key, ImVec2(left, top), ImVec2(left + key_w, top + metrics.key_height)});
      left += key_w + gap;
    }
    top += metrics.key_height + gap;
    line.clear();
  };
  for (const auto& row : rows) {
    std::vector<const Key*> line;
    float used = 0;
    for (const Key& key : row) {
      const float needed = (line.empty() ? 0 : gap) + key_width(key);
      constexpr float kRounding = 0.5f;  // a row that fits exactly must not wrap on float error
      if (!line.empty() && used + needed > inner_width + kRounding) {
        place_line(line);
        used = 0;
      }
      used += line.empty() ? key_width(key) : needed;
      line.push_back(&key);
    }
    if (!line.empty()) place_line(line);
  }
  layout.height = top;
  return layout;
}

}  // namespace peiling::ui
