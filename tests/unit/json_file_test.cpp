#include "core/json_file.hpp"

#include <gtest/gtest.h>

#include "support/process.hpp"

namespace peiling {
namespace {

std::string nested_arrays(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

TEST(StrictJson, ParsesAValidDocument) {
  auto json = parse_json(R"({"a": [1, 2.5, "tekst é", true, null, {"b": {}}], "c": -3})", "t.json");
  ASSERT_TRUE(json.ok()) << json.errors().joined();
  EXPECT_EQ(json.value()["a"][2], "tekst é");
  EXPECT_EQ(json.value()["c"], -3);
  EXPECT_TRUE(json.value()["a"][5]["b"].is_object());
}

TEST(StrictJson, ReportsEveryDuplicateKeyByItsPointer) {
  auto json =
      parse_json(R"({"a": 1, "list": [{"x": 1, "y": 2, "x": 3}], "a": 2, "a/b": 0, "a/b": 1})", "t.json");
  ASSERT_FALSE(json.ok());
  EXPECT_EQ(json.errors().lines,
            (std::vector<std::string>{"t.json: /list/0/x: duplicate key", "t.json: /a: duplicate key",
                                      "t.json: /a~1b: duplicate key"}));
}

TEST(StrictJson, DepthUpToTheLimitIsAcceptedOneMoreIsNot) {
  EXPECT_TRUE(parse_json(nested_arrays(kMaxJsonDepth), "t.json").ok());
  auto json = parse_json(nested_arrays(kMaxJsonDepth + 1), "t.json");
  ASSERT_FALSE(json.ok());
  std::string pointer;
  for (std::size_t i = 0; i < kMaxJsonDepth; ++i) pointer += "/0";
  EXPECT_EQ(json.errors().joined(), "t.json: " + pointer + ": nested deeper than 32 levels");
}

TEST(StrictJson, AHundredThousandLevelsAreRefusedWithoutExhaustingTheStack) {
  for (const char* open : {"[", "{\"k\":"}) {
    std::string text;
    for (int i = 0; i < 100000; ++i) text += open;
    auto json = parse_json(text, "deep.json");
    ASSERT_FALSE(json.ok());
    EXPECT_NE(json.errors().joined().find(": nested deeper than 32 levels"), std::string::npos)
        << json.errors().joined().substr(0, 200);
  }
}

TEST(StrictJson, InvalidUtf8IsReportedWithItsByteOffset) {
  struct Case {
    std::string text;
    std::size_t offset;
  };
  const std::vector<Case> cases{
      {"{\"a\": \"caf\xe9\"}", 10},               // Latin-1 é
      {"{\"a\": \"\xc3\"}", 7},                   // a sequence cut short
      {"{\"a\": \"\xc0\xaf\"}", 7},               // overlong '/'
      {"{\"a\": \"\xed\xa0\x80\"}", 7},           // a UTF-16 surrogate
      {"{\"a\": \"\xf4\x90\x80\x80\"}", 7},       // above U+10FFFF
      {"{\"a\": \"ok \xe2\x80\x94\"} \xff", 16},  // outside a string, after a valid em dash
  };
  for (const auto& c : cases) {
    auto json = parse_json(c.text, "t.json");
    ASSERT_FALSE(json.ok());
    EXPECT_EQ(json.errors().joined(), "t.json: invalid UTF-8 at byte " + std::to_string(c.offset));
  }
  EXPECT_EQ(find_invalid_utf8("Één — “x” 😀"), std::nullopt);
}

TEST(StrictJson, TruncatedTextSaysSoWithLineAndColumn) {
  auto json = parse_json("{\n  \"a\": [1,\n  2", "cut.json");
  ASSERT_FALSE(json.ok());
  const std::string line = json.errors().joined();
  EXPECT_EQ(
      line.rfind(
          "cut.json: invalid JSON at byte 16 (line 3, column 4): the text ends too early, is it truncated?",
          0),
      0u)
      << line;
}

TEST(StrictJson, SyntaxErrorNamesTheByte) {
  auto json = parse_json(R"({"a": 1,})", "t.json");
  ASSERT_FALSE(json.ok());
  EXPECT_EQ(
      json.errors().joined().rfind("t.json: invalid JSON at byte 8 (line 1, column 9): syntax error", 0), 0u)
      << json.errors().joined();
}

TEST(StrictJson, CountsCodePointsAndEscapesPointerTokens) {
  EXPECT_EQ(count_code_points("Één — 😀"), 7u);
  EXPECT_EQ(pointer_token("a/b~c"), "a~1b~0c");
  EXPECT_EQ(pointer_token("new\nline"), "new\\u000aline");
}

TEST(ReadTextFile, RefusesAFileOverTheLimitBeforeReadingIt) {
  const auto dir = test::scratch_dir("read_text_file_limit");
  test::write_file(dir + "/big.json", std::string(101, ' '));
  auto text = read_text_file(dir + "/big.json", 100);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.errors().joined(), dir + "/big.json: file is 101 bytes, over the limit of 100");
  EXPECT_TRUE(read_text_file(dir + "/big.json", 101).ok());
}

}  // namespace
}  // namespace peiling
