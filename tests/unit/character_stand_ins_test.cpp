// Emoji and other characters beyond U+FFFF through a 16-bit text field: the stand-ins the field
// edits, and the exact text that comes back.
#include "ui/character_stand_ins.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/json_file.hpp"

namespace peiling::ui {
namespace {

// Every code point of UTF-8 text, for checking what the field would be given.
std::u32string code_points(const std::string& text) {
  std::u32string points;
  for (std::size_t at = 0; at < text.size();) {
    const auto lead = static_cast<unsigned char>(text[at]);
    const int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t c = length == 1 ? lead : lead & (0x7F >> length);
    for (int i = 1; i < length; ++i) c = (c << 6) | (static_cast<unsigned char>(text[at + i]) & 0x3F);
    points.push_back(c);
    at += static_cast<std::size_t>(length);
  }
  return points;
}

const std::string kMixed =
    "Goed \xF0\x9F\x91\x8D en \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D, \xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 "
    "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7 \xC3\xA9\xC3\xA9n";

TEST(CharacterStandIns, TheFieldSeesNothingBeyondU_FFFFAndTheTextComesBackExactly) {
  CharacterStandIns stand_ins;
  const std::string edited = stand_ins.to_editor(kMixed);
  for (const char32_t c : code_points(edited)) EXPECT_LE(c, 0xFFFFu);
  EXPECT_NE(edited, kMixed);
  EXPECT_EQ(stand_ins.from_editor(edited), kMixed);
  EXPECT_EQ(count_code_points(edited), count_code_points(kMixed)) << "one stand-in per character";
}

TEST(CharacterStandIns, TheSameCharacterKeepsItsStandInAndEditsAroundItSurvive) {
  CharacterStandIns stand_ins;
  const char32_t thumbs = stand_ins.for_editor(0x1F44D);
  EXPECT_EQ(thumbs, CharacterStandIns::kLast);
  EXPECT_EQ(stand_ins.for_editor(0x1F44D), thumbs);
  EXPECT_EQ(stand_ins.for_editor(0x1F600), CharacterStandIns::kLast - 1);
  EXPECT_EQ(stand_ins.for_editor(U'é'), U'é') << "characters the field can hold stand for themselves";

  // The respondent deletes the first emoji and types after the second, as the field would.
  std::string edited = stand_ins.to_editor(
      "a\xF0\x9F\x91\x8D"
      "b\xF0\x9F\x98\x80");
  edited.erase(1, 3);  // the stand-in of U+1F44D is three bytes in UTF-8
  edited += "c";
  EXPECT_EQ(stand_ins.from_editor(edited),
            "ab\xF0\x9F\x98\x80"
            "c");
}

TEST(CharacterStandIns, InvalidUtf8BecomesTheReplacementCharacter) {
  CharacterStandIns stand_ins;
  EXPECT_EQ(stand_ins.to_editor(std::string("a\xFF"
                                            "b\xF0\x9F",
                                            5)),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(CharacterStandIns, WhenEveryStandInIsTakenAnotherCharacterShowsAsReplacement) {
  CharacterStandIns stand_ins;
  const char32_t available = CharacterStandIns::kLast - CharacterStandIns::kFirst + 1;
  for (char32_t i = 0; i < available; ++i)
    EXPECT_GE(stand_ins.for_editor(0x20000 + i), CharacterStandIns::kFirst);
  EXPECT_EQ(stand_ins.for_editor(0x30000), 0xFFFDu);
  EXPECT_EQ(stand_ins.from_editor(stand_ins.to_editor("\xF0\xA0\x80\x80")), "\xF0\xA0\x80\x80")
      << "those given out still come back";
}

TEST(CountCodePoints, CountsCodePointsNotBytes) {
  EXPECT_EQ(count_code_points(""), 0u);
  EXPECT_EQ(count_code_points("\xC3\xA9\xC3\xA9n"), 3u);
  EXPECT_EQ(count_code_points("\xF0\x9F\x91\x8D!"), 2u);
}

}  // namespace
}  // namespace peiling::ui
