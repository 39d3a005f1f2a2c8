#include "ui/script_parse.hpp"

#include <gtest/gtest.h>

namespace peiling::ui {
namespace {

TEST(ScriptParse, ReadsEveryCommandWithQuotedArguments) {
  auto script = parse_script(
      "# a comment\n"
      "tap \"Begin\"\n"
      "\n"
      "tap_at 10 20\n"
      "drag 1 2 3 4 250\n"
      "wheel 640 400 -3\n"
      "type \"Één taal — \\\"oma\\\"\\nregel 2\"\n"
      "key ctrl+a\n"
      "wait 90000\n"
      "expect \"13 november\"\n"
      "expect_not \"oma\"\n"
      "screenshot out/welcome.png\n",
      "t.script");
  ASSERT_TRUE(script.ok()) << script.errors().joined();
  const auto& commands = script.value();
  ASSERT_EQ(commands.size(), 10u);
  EXPECT_EQ(commands[0].op, ScriptOp::tap);
  EXPECT_EQ(commands[0].args, std::vector<std::string>{"Begin"});
  EXPECT_EQ(commands[0].line, 2);
  EXPECT_EQ(commands[1].op, ScriptOp::tap_at);
  EXPECT_EQ(commands[1].line, 4);
  EXPECT_EQ(commands[2].args.size(), 5u);
  EXPECT_EQ(commands[3].op, ScriptOp::wheel);
  EXPECT_EQ(commands[3].args[2], "-3");
  EXPECT_EQ(commands[4].args[0], "Één taal — \"oma\"\nregel 2");
  EXPECT_EQ(commands[5].args[0], "ctrl+a");
  EXPECT_EQ(commands[6].args[0], "90000");
  EXPECT_EQ(commands[8].op, ScriptOp::expect_not);
  EXPECT_EQ(commands[9].args[0], "out/welcome.png");
}

TEST(ScriptParse, ReportsEveryBadLineWithItsNumber) {
  auto script = parse_script(
      "tap \"ok\"\n"
      "tapp \"typo\"\n"
      "tap_at 10\n"
      "wait soon\n"
      "expect \"unterminated\n"
      "drag 1 2 3 -4\n"
      "wheel 10 10 0\n",
      "t.script");
  ASSERT_FALSE(script.ok());
  const auto& lines = script.errors().lines;
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[0], "t.script:2: unknown command 'tapp'");
  EXPECT_EQ(lines[1], "t.script:3: tap_at: takes 2 arguments, got 1");
  EXPECT_EQ(lines[2], "t.script:4: wait: 'soon' is not a whole number of at least 0");
  EXPECT_EQ(lines[3], "t.script:5: unterminated string");
  EXPECT_EQ(lines[4], "t.script:6: drag: '-4' is not a whole number of at least 0");
  EXPECT_EQ(lines[5], "t.script:7: wheel: '0' is not a number of notches from -100 to 100");
}

TEST(ScriptParse, EmptyScriptIsValid) {
  auto script = parse_script("", "t.script");
  ASSERT_TRUE(script.ok());
  EXPECT_TRUE(script->empty());
}

}  // namespace
}  // namespace peiling::ui
