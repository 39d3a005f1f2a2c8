// The on-screen keyboard's keys, what they type, and how they are laid out, with no window.
#include "ui/keyboard_layout.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "support/keyboard_typist.hpp"

namespace peiling::ui {
namespace {

const Key& find_key(const std::vector<std::vector<Key>>& rows, const std::string& id) {
  for (const auto& row : rows) {
    for (const Key& key : row) {
      if (key.id == id) return key;
    }
  }
  throw std::out_of_range(id);
}

std::vector<std::string> labels(const std::vector<Key>& row) {
  std::vector<std::string> out;
  for (const Key& key : row) out.push_back(key.label);
  return out;
}

TEST(KeyboardModel, LettersAreQwertyWithShiftBackspaceAndABottomRow) {
  const KeyboardModel model;
  const auto rows = model.rows();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(labels(rows[0]), (std::vector<std::string>{"q", "w", "e", "r", "t", "y", "u", "i", "o", "p"}));
  EXPECT_EQ(rows[2].front().role, KeyRole::shift);
  EXPECT_EQ(rows[2].back().role, KeyRole::backspace);
  std::vector<KeyRole> bottom;
  for (const Key& key : rows[3]) bottom.push_back(key.role);
  EXPECT_EQ(bottom, (std::vector<KeyRole>{KeyRole::layer_switch, KeyRole::character, KeyRole::space,
                                          KeyRole::character, KeyRole::enter, KeyRole::hide}));
}

TEST(KeyboardModel, ShiftCapitalisesOneLetterAndKeepsKeyIds) {
  KeyboardModel model;
  model.tap(find_key(model.rows(), "osk.shift"));
  EXPECT_TRUE(model.shifted());
  const Key capital_e = find_key(model.rows(), "osk.e");
  EXPECT_EQ(capital_e.label, "E");
  EXPECT_EQ(model.tap(capital_e), (KeyAction{KeyAction::Kind::text, "E"}));
  EXPECT_FALSE(model.shifted()) << "shift lasts one letter";
  EXPECT_EQ(model.tap(find_key(model.rows(), "osk.e")), (KeyAction{KeyAction::Kind::text, "e"}));
}

TEST(KeyboardModel, LongPressOffersAccentsInTheCaseShown) {
  KeyboardModel model;
  EXPECT_EQ(model.alternatives(find_key(model.rows(), "osk.e")),
            (std::vector<std::string>{"é", "è", "ë", "ê"}));
  EXPECT_EQ(model.alternatives(find_key(model.rows(), "osk.i")),
            (std::vector<std::string>{"í", "ì", "ï", "î"}));
  EXPECT_EQ(model.alternatives(find_key(model.rows(), "osk.o")),
            (std::vector<std::string>{"ó", "ò", "ö", "ô"}));
  EXPECT_EQ(model.alternatives(find_key(model.rows(), "osk.u")),
            (std::vector<std::string>{"ú", "ù", "ü", "û"}));
  EXPECT_EQ(model.alternatives(find_key(model.rows(), "osk.a")),
            (std::vector<std::string>{"á", "à", "ä", "â"}));
  EXPECT_EQ(model.alternatives(find_key(model.rows(), "osk.c")), (std::vector<std::string>{"ç"}));
  EXPECT_EQ(model.alternatives(find_key(model.rows(), "osk.n")), (std::vector<std::string>{"ñ"}));
  EXPECT_TRUE(model.alternatives(find_key(model.rows(), "osk.y")).empty()) << "Dutch ij is two letters";
  EXPECT_TRUE(model.alternatives(find_key(model.rows(), "osk.shift")).empty());
  model.tap(find_key(model.rows(), "osk.shift"));
  EXPECT_EQ(model.alternatives(find_key(model.rows(), "osk.e")),
            (std::vector<std::string>{"É", "È", "Ë", "Ê"}));
  EXPECT_EQ(model.choose("É"), (KeyAction{KeyAction::Kind::text, "É"}));
  EXPECT_FALSE(model.shifted());
}

TEST(KeyboardModel, DigitsLayerHasTypographicAlternatives) {
  KeyboardModel model;
  model.tap(find_key(model.rows(), "osk.shift"));
  model.tap(find_key(model.rows(), "osk.layer"));
  EXPECT_EQ(model.layer(), KeyboardLayer::symbols);
  EXPECT_FALSE(model.shifted()) << "switching layers drops shift";
  const auto rows = model.rows();
  EXPECT_EQ(labels(rows[0]), (std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"}));
  EXPECT_EQ(model.alternatives(find_key(rows, "osk.-")), (std::vector<std::string>{"–", "—"}));
  EXPECT_EQ(model.alternatives(find_key(rows, "osk.'")), (std::vector<std::string>{"‘", "’"}));
  EXPECT_EQ(model.alternatives(find_key(rows, "osk.\"")), (std::vector<std::string>{"“", "”", "„"}));
  model.tap(find_key(rows, "osk.layer"));
  EXPECT_EQ(model.layer(), KeyboardLayer::letters);
}

TEST(KeyboardModel, SpaceBackspaceEnterAndHideSayWhatToDo) {
  KeyboardModel model;
  const auto rows = model.rows();
  EXPECT_EQ(model.tap(find_key(rows, "osk.space")), (KeyAction{KeyAction::Kind::text, " "}));
  EXPECT_EQ(model.tap(find_key(rows, "osk.backspace")).kind, KeyAction::Kind::backspace);
  EXPECT_EQ(model.tap(find_key(rows, "osk.enter")).kind, KeyAction::Kind::enter);
  EXPECT_EQ(model.tap(find_key(rows, "osk.hide")).kind, KeyAction::Kind::hide);
}

TEST(KeyboardModel, TypesTheConferenceSentenceByteForByte) {
  const std::string sentence = "Één taal, één methodiek — ‘oma’ hoort erbij";
  const auto keystrokes = test::keystrokes_for(sentence);
  EXPECT_EQ(test::type_on_model(keystrokes), sentence);
  const auto long_presses = std::count_if(
      keystrokes.begin(), keystrokes.end(),
      [](const test::Keystroke& keystroke) { return keystroke.how == test::Keystroke::How::long_press; });
  EXPECT_EQ(long_presses, 7) << "É é é é — ‘ ’";
}

TEST(KeyboardModel, RefusesCharactersItHasNoKeyFor) {
  EXPECT_THROW(test::keystrokes_for("\xF0\x9F\x98\x80"), std::invalid_argument) << "no emoji key";
}

bool overlaps(const PlacedKey& a, const PlacedKey& b) {
  return a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y;
}

void expect_sound_layout(const KeyboardLayout& layout, std::size_t key_count, float width, float min_side) {
  ASSERT_EQ(layout.keys.size(), key_count);
  for (std::size_t i = 0; i < layout.keys.size(); ++i) {
    const PlacedKey& key = layout.keys[i];
    EXPECT_GE(key.max.x - key.min.x, min_side - 0.01f) << key.key.id;
    EXPECT_GE(key.max.y - key.min.y, min_side - 0.01f) << key.key.id;
    EXPECT_GE(key.min.x, 0.0f) << key.key.id;
    EXPECT_LE(key.max.x, width) << key.key.id;
    EXPECT_LE(key.max.y, layout.height) << key.key.id;
    for (std::size_t j = i + 1; j < layout.keys.size(); ++j) {
      EXPECT_FALSE(overlaps(key, layout.keys[j])) << key.key.id << " and " << layout.keys[j].key.id;
    }
  }
}

std::size_t key_count(const std::vector<std::vector<Key>>& rows) {
  std::size_t count = 0;
  for (const auto& row : rows) count += row.size();
  return count;
}

TEST(KeyboardLayout, OnALandscapeTabletEachRowIsOneLineAndRowsAlign) {
  const auto rows = KeyboardModel().rows();
  const KeyboardLayout layout = lay_out_keyboard(rows, 1280, {57, 57, 6});
  expect_sound_layout(layout, key_count(rows), 1280, 57);
  EXPECT_FLOAT_EQ(layout.height, 4 * 57 + 5 * 6);
  // Row 1 (ten keys) and row 3 (shift, seven letters, backspace) span the same width.
  const PlacedKey& q = layout.keys.front();
  const PlacedKey& p = layout.keys[9];
  const PlacedKey& shift = layout.keys[19];
  const PlacedKey& backspace = layout.keys[27];
  EXPECT_FLOAT_EQ(q.min.x, shift.min.x);
  EXPECT_NEAR(p.max.x, backspace.max.x, 0.01f);
}

TEST(KeyboardLayout, InPortraitKeysAreNarrowerThanTallButNotBelowTheMinimum) {
  const auto rows = KeyboardModel().rows();
  const KeyboardLayout layout = lay_out_keyboard(rows, 800, {72, 57, 10});
  expect_sound_layout(layout, key_count(rows), 800, 57);
  EXPECT_FLOAT_EQ(layout.height, 4 * 72 + 5 * 10) << "800 px still holds ten keys a row, even with A++ keys";
}

TEST(KeyboardLayout, OnAScreenTooNarrowForTenKeysRowsWrapOnlyBelowTheNarrowestKey) {
  const auto rows = KeyboardModel().rows();
  const KeyboardLayout wrapped = lay_out_keyboard(rows, 600, {114, 114, 12});
  expect_sound_layout(wrapped, key_count(rows), 600, 114);
  EXPECT_GT(wrapped.height, 4 * 114 + 5 * 12);
}

// 600x900 at scale 2: the keyboard the kiosk lays out there (keys down to 40 % of a finger's
// width, onscreen_keyboard.cpp) keeps four lines and leaves most of the screen to the text.
TEST(KeyboardLayout, AtSixHundredPxAndScaleTwoTheKeysNarrowAndTheRowsStayFour) {
  const auto rows = KeyboardModel().rows();
  const KeyboardLayout layout = lay_out_keyboard(rows, 600, {114, 114 * 0.4f, 12});
  EXPECT_FLOAT_EQ(layout.height, 4 * 114 + 5 * 12);
  EXPECT_LT(layout.height, 900 * 0.6f);
  for (const PlacedKey& key : layout.keys) {
    EXPECT_GE(key.max.x - key.min.x, 114 * 0.4f - 0.01f) << key.key.id;
    EXPECT_LE(key.max.x, 600.0f) << key.key.id;
  }
}

}  // namespace
}  // namespace peiling::ui
