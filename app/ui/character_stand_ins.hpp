#pragma once
// Any character in a text field, emoji included, although Debian's Dear ImGui 1.86 edits text
// as 16-bit characters and turns everything beyond U+FFFF into U+FFFD.
//
// While text is being edited, each character beyond U+FFFF stands in the field as one of the
// noncharacters U+FDD0 to U+FDEF, which Unicode keeps for a program's own use (ImGui drops the
// Private Use Area from text fields). The font has no glyph for them, so they show as the visible
// fallback box. Reading the field back puts the real characters in again, so the stored text is
// exactly what was typed. That makes 32 different ones per respondent; any more show and are
// stored as U+FFFD. A respondent's stand-ins live in their AppState and go with it.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace peiling::ui {

class CharacterStandIns {
 public:
  static constexpr char32_t kLast = 0xFDEF;   // the first stand-in given out
  static constexpr char32_t kFirst = 0xFDD0;  // below this there are none left: U+FFFD

  // The character the field gets for c: a stand-in beyond U+FFFF, c itself otherwise.
  char32_t for_editor(char32_t c);
  // text as the field edits it. Invalid UTF-8 becomes U+FFFD.
  std::string to_editor(std::string_view text);
  // The field's text with each stand-in replaced by the character it stands for.
  std::string from_editor(std::string_view edited) const;

 private:
  std::vector<char32_t> originals_;  // originals_[i] is what kLast - i stands for
  std::unordered_map<char32_t, char32_t> stand_ins_;
};

}  // namespace peiling::ui
