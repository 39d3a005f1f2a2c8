#pragma once
// The UI automation language of `peiling --script FILE`. It drives the real screens by
// synthesizing SDL events, one command per line:
//
//   tap "label"              the visible widget with that label or ID
//   tap_at X Y               pixel coordinates
//   drag X1 Y1 X2 Y2 [MS]    press, move over MS milliseconds (default 300), release
//   wheel X Y DY             turn the mouse wheel DY notches at a pixel (negative scrolls down)
//   type "text"              text input, UTF-8
//   key NAME                 an SDL key name, optionally with modifiers: "Return", "ctrl+a"
//   wait MS                  in virtual time with --virtual-time, so long timeouts cost nothing
//   expect "text"            fails unless some text on screen contains it
//   expect_not "text"        fails if some text on screen contains it
//   screenshot PATH          writes a PNG of the current screen
//
// Blank lines and lines starting with # are ignored. Strings take \" \\ and \n escapes.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "platform/main_loop.hpp"
#include "ui/screen_index.hpp"

namespace peiling::ui {

enum class ScriptOp { tap, tap_at, drag, wheel, type, key, wait, expect, expect_not, screenshot };

struct ScriptCommand {
  ScriptOp op;
  std::vector<std::string> args;
  int line = 0;
};

// Parses a whole script; errors read "ORIGIN:LINE: why", all of them.
Result<std::vector<ScriptCommand>> parse_script(std::string_view text, std::string_view origin);

class ScriptRunner {
 public:
  ScriptRunner(platform::MainLoop& loop, platform::Display& display, const ScreenIndex& index)
      : loop_(loop), display_(display), index_(index) {}

  // Runs the commands in order. At the first failure returns false with error set to
  // "ORIGIN:LINE: why".
  bool run(const std::vector<ScriptCommand>& commands, const std::string& origin, std::string& error);

 private:
  bool execute(const ScriptCommand& command, std::string& why);
  bool tap_widget(const std::string& name, std::string& why);
  void tap_point(float x, float y);
  void drag(float x1, float y1, float x2, float y2, int ms);
  void wheel(float x, float y, int notches);
  bool press_key(const std::string& name, std::string& why);
  void type_text(const std::string& text);
  bool screenshot(const std::string& path, std::string& why);
  void push_motion(float x, float y);
  void push_button(bool down, float x, float y);

  platform::MainLoop& loop_;
  platform::Display& display_;
  const ScreenIndex& index_;
};

}  // namespace peiling::ui
