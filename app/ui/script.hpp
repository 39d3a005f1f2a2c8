#pragma once
// The UI automation language of `peiling --script FILE`. It drives the real screens by
// synthesizing SDL events, one command per line:
//
//   tap "label"              the visible widget with that label or ID
//   tap_at X Y               pixel coordinates
//   drag X1 Y1 X2 Y2 [MS]    press, move over MS milliseconds (default 300), release
//   finger_tap "label"       like tap, with a finger: SDL_FINGER* events plus the mouse
//                            events SDL synthesizes from them
//   finger_drag X1 Y1 X2 Y2 [MS]  like drag, with a finger
//   long_press "label"       a finger held still on the widget past the long-press time
//   wheel X Y DY             turn the mouse wheel DY notches at a pixel (negative scrolls down)
//   type "text"              text input, UTF-8
//   key NAME                 an SDL key name, optionally with modifiers: "Return", "ctrl+a"
//   wait MS                  in virtual time with --virtual-time, so long timeouts cost nothing
//   expect "text"            fails unless some text on screen contains it
//   expect_not "text"        fails if some text on screen contains it
//   screenshot PATH          writes a PNG of the current screen
//   measure "text"           prints the rectangle of the first text or widget containing text:
//                            measure "text" X0 Y0 X1 Y1 (pixels); fails if there is none
//   list_widgets             prints every visible widget: widget "label" ID X0 Y0 X1 Y1, and
//                            "of X0 Y0 X1 Y1" its whole rectangle when part of it is cut off,
//                            "midword" when its label broke inside a word, "spills" when its
//                            label's lines are taller than it, and "taller" when it is taller
//                            than the part of the screen it shows in
//   resize W H               the screen takes another size in pixels, as when a tablet turns
//   reach "label"            after a glance (0.4 s, in which a glide comes to rest), drags the
//                            screen with a finger until the widget shows whole, then
//                            taps it, and prints: reached "label" STROKES (the drags it took),
//                            and "partly" when it is taller than the part of the screen it is in
//
// Blank lines and lines starting with # are ignored. Strings take \" \\ and \n escapes.
#include <string>
#include <string_view>
#include <vector>

#include "platform/main_loop.hpp"
#include "ui/screen_index.hpp"
#include "ui/script_parse.hpp"

namespace peiling::ui {

class ScriptRunner {
 public:
  ScriptRunner(platform::MainLoop& loop, platform::Display& display, const ScreenIndex& index)
      : loop_(loop), display_(display), index_(index) {}

  // Runs the commands in order. At the first failure returns false with error set to
  // "ORIGIN:LINE: why".
  bool run(const std::vector<ScriptCommand>& commands, const std::string& origin, std::string& error);

 private:
  enum class Input { mouse, finger };
  static constexpr SDL_TouchID kScriptTouchDevice = 1;

  bool execute(const ScriptCommand& command, std::string& why);
  // The one visible widget called name, or null with why set (command names the failing line).
  const IndexedItem* find_widget(const std::string& command, const std::string& name, std::string& why);
  bool tap_widget(const std::string& name, Input input, std::string& why);
  bool long_press(const std::string& name, std::string& why);
  bool reach(const std::string& name, std::string& why);
  void scroll_by(float x, float y, float dy);
  void tap_point(float x, float y, Input input);
  void drag(float x1, float y1, float x2, float y2, int ms, Input input);
  bool press_key(const std::string& name, std::string& why);
  void type_text(const std::string& text);
  bool screenshot(const std::string& path, std::string& why);
  bool measure(const std::string& text, std::string& why);
  void list_widgets();
  void pointer_down(float x, float y, Input input);
  void pointer_move(float x, float y, Input input);
  void pointer_up(float x, float y, Input input);
  void wheel(float x, float y, int notches);
  void push_motion(float x, float y, Uint32 mouse_id);
  void push_button(bool down, float x, float y, Uint32 mouse_id);
  void push_finger(Uint32 type, float x, float y);

  platform::MainLoop& loop_;
  platform::Display& display_;
  const ScreenIndex& index_;
  ImVec2 finger_position_;  // normalized, for the motion deltas SDL reports
};

}  // namespace peiling::ui
