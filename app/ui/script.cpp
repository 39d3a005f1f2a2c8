#include "ui/script.hpp"

#include <SDL.h>
#include <SDL_touch.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

#include "platform/key_events.hpp"
#include "ui/pointer_gesture.hpp"

namespace peiling::ui {

namespace {

// One line on stdout per item, the visible rectangle in whole pixels, and after "of" the whole
// one when part of it is scrolled or cut off; tests parse it.
void print_item(const char* kind, const std::string& label, const std::string& id, const IndexedItem& item) {
  std::printf("%s \"%s\"%s%s %.0f %.0f %.0f %.0f", kind, label.c_str(), id.empty() ? "" : " ", id.c_str(),
              static_cast<double>(item.min.x), static_cast<double>(item.min.y),
              static_cast<double>(item.max.x), static_cast<double>(item.max.y));
  if (!item.is_whole()) {
    std::printf(" of %.0f %.0f %.0f %.0f", static_cast<double>(item.full_min.x),
                static_cast<double>(item.full_min.y), static_cast<double>(item.full_max.x),
                static_cast<double>(item.full_max.y));
  }
  if (item.broken_word) std::printf(" midword");
  if (item.label_spills) std::printf(" spills");
  if (item.taller_than_view) std::printf(" taller");
  std::printf("\n");
}

}  // namespace

bool ScriptRunner::run(const std::vector<ScriptCommand>& commands, const std::string& origin,
                       std::string& error) {
  loop_.settle();
  for (const auto& command : commands) {
    std::string why;
    if (!execute(command, why)) {
      error = origin + ":" + std::to_string(command.line) + ": " + why;
      return false;
    }
  }
  return true;
}

bool ScriptRunner::execute(const ScriptCommand& command, std::string& why) {
  switch (command.op) {
    case ScriptOp::tap:
    case ScriptOp::finger_tap:
      return tap_widget(command.args[0], command.op == ScriptOp::tap ? Input::mouse : Input::finger, why);
    case ScriptOp::reach:
      return reach(command.args[0], why);
    case ScriptOp::tap_at:
      tap_point(static_cast<float>(int_argument(command, 0, 0)),
                static_cast<float>(int_argument(command, 1, 0)), Input::mouse);
      return true;
    case ScriptOp::drag:
    case ScriptOp::finger_drag:
      drag(static_cast<float>(int_argument(command, 0, 0)), static_cast<float>(int_argument(command, 1, 0)),
           static_cast<float>(int_argument(command, 2, 0)), static_cast<float>(int_argument(command, 3, 0)),
           int_argument(command, 4, 300), command.op == ScriptOp::drag ? Input::mouse : Input::finger);
      return true;
    case ScriptOp::long_press:
      return long_press(command.args[0], why);
    case ScriptOp::wheel:
      wheel(static_cast<float>(int_argument(command, 0, 0)), static_cast<float>(int_argument(command, 1, 0)),
            int_argument(command, 2, 0));
      return true;
    case ScriptOp::type:
      type_text(command.args[0]);
      return true;
    case ScriptOp::key:
      return press_key(command.args[0], why);
    case ScriptOp::wait:
      loop_.run_for(static_cast<std::uint64_t>(int_argument(command, 0, 0)));
      return true;
    case ScriptOp::expect:
    case ScriptOp::expect_not: {
      loop_.settle();
      const bool shown = index_.shows_text(command.args[0]);
      if (shown == (command.op == ScriptOp::expect)) return true;
      why = command.op == ScriptOp::expect
                ? "expect \"" + command.args[0] + "\": not on screen. The screen shows:\n"
                : "expect_not \"" + command.args[0] + "\": it is on screen:\n";
      why += index_.describe();
      return false;
    }
    case ScriptOp::screenshot:
      return screenshot(command.args[0], why);
    case ScriptOp::measure:
      return measure(command.args[0], why);
    case ScriptOp::list_widgets:
      list_widgets();
      return true;
    case ScriptOp::resize: {
      std::string error;
      if (!display_.resize({int_argument(command, 0, 0), int_argument(command, 1, 0)}, error)) {
        why = "resize: " + error;
        return false;
      }
      loop_.settle();
      return true;
    }
  }
  why = "unhandled command";
  return false;
}

const IndexedItem* ScriptRunner::find_widget(const std::string& command, const std::string& name,
                                             std::string& why) {
  loop_.settle();
  const auto found = index_.find_widgets(name);
  if (found.size() == 1) return found.front();
  why = found.empty()
            ? command + " \"" + name + "\": no visible widget with that label or ID. The screen shows:\n" +
                  index_.describe()
            : command + " \"" + name + "\": " + std::to_string(found.size()) +
                  " visible widgets have that label; use the ID";
  return nullptr;
}

bool ScriptRunner::tap_widget(const std::string& name, Input input, std::string& why) {
  const IndexedItem* widget = find_widget(input == Input::mouse ? "tap" : "finger_tap", name, why);
  if (!widget) return false;
  const ImVec2 center = widget->center();
  tap_point(center.x, center.y, input);
  return true;
}

bool ScriptRunner::reach(const std::string& name, std::string& why) {
  constexpr int kMostScrolls = 200;
  // A glance first, as a person takes before looking for the next thing to tap: whatever the last
  // tap set gliding (the next question into view) has come to rest.
  constexpr std::uint64_t kGlanceMs = 400;
  loop_.run_for(kGlanceMs);
  const platform::Size screen = display_.pixel_size();
  const float middle_x = static_cast<float>(screen.width) / 2;
  const float middle_y = static_cast<float>(screen.height) / 2;
  const float most = static_cast<float>(screen.height) * 0.4f;
  // Where everything on screen is, to tell whether a scroll moved anything (each item's top: a
  // sum of them came out the same at two places of a long page, and reach went back and forth).
  const auto layout = [&] {
    std::vector<float> tops;
    for (const auto& item : index_.items()) tops.push_back(item.full_min.y);
    return tops;
  };
  float direction = -1;  // the finger up: the page moves on down
  int last_cut = 0;      // where the widget was cut before the last stroke: -1 top, 1 bottom
  for (int scrolls = 0; scrolls <= kMostScrolls; ++scrolls) {
    loop_.settle();
    const auto found = index_.find_widgets(name);
    if (found.size() > 1) return find_widget("reach", name, why) != nullptr;
    // Cut at both its ends, or at the other end from the last stroke's, it is taller than the part
    // of the screen that shows it: tapped where it shows, and said so ("partly").
    const bool cut_top = found.size() == 1 && found.front()->min.y > found.front()->full_min.y + 0.5f;
    const bool cut_bottom = found.size() == 1 && found.front()->max.y < found.front()->full_max.y - 0.5f;
    const bool taller =
        (cut_top && cut_bottom) || (cut_top && last_cut == 1) || (cut_bottom && last_cut == -1);
    last_cut = cut_top ? -1 : cut_bottom ? 1 : 0;
    if (found.size() == 1 && (found.front()->is_whole() || taller)) {
      std::printf("reached \"%s\" %d%s\n", name.c_str(), scrolls, taller ? " partly" : "");
      std::fflush(stdout);
      return tap_widget(name, Input::mouse, why);
    }
    // In part: the finger moves it by what is cut off, and a little more (never so little that the
    // stroke would be a tap); not in view: a stroke on the way it went, and back the other way
    // once that moves nothing (the end of the page).
    float dy = direction * most;
    if (found.size() == 1) {
      const IndexedItem& item = *found.front();
      constexpr float kMargin = 30;  // pixels, beyond the tap's slop
      const float cut_below = item.full_max.y - item.max.y;
      const float cut_above = item.min.y - item.full_min.y;
      dy = std::clamp(cut_below > cut_above ? -(cut_below + kMargin) : cut_above + kMargin, -most, most);
    }
    const std::vector<float> before = layout();
    scroll_by(middle_x, middle_y - dy / 2, dy);
    loop_.settle();
    if (found.empty() && layout() == before) direction = -direction;
  }
  why = "reach \"" + name + "\": not whole after " + std::to_string(kMostScrolls) +
        " strokes. The screen shows:\n" + index_.describe();
  return false;
}

void ScriptRunner::scroll_by(float x, float y, float dy) {
  // A finger that moves, then stops before it lifts: the page goes as far as the finger, without
  // a flick's coasting.
  constexpr int kSteps = 20;
  pointer_down(x, y, Input::finger);
  loop_.settle();
  for (int i = 1; i <= kSteps; ++i) {
    pointer_move(x, y + dy * static_cast<float>(i) / kSteps, Input::finger);
    loop_.run_for(20);
  }
  loop_.run_for(150);  // still for longer than the 100 ms its release speed is measured over
  pointer_up(x, y + dy, Input::finger);
  loop_.settle();
}

bool ScriptRunner::long_press(const std::string& name, std::string& why) {
  const IndexedItem* widget = find_widget("long_press", name, why);
  if (!widget) return false;
  const ImVec2 center = widget->center();
  constexpr std::uint64_t kBeyondThresholdMs = 100;
  pointer_down(center.x, center.y, Input::finger);
  loop_.run_for(PointerGesture::kLongPressMs + kBeyondThresholdMs);
  pointer_up(center.x, center.y, Input::finger);
  loop_.settle();
  return true;
}

void ScriptRunner::tap_point(float x, float y, Input input) {
  pointer_down(x, y, input);
  loop_.settle();
  pointer_up(x, y, input);
  loop_.settle();
}

void ScriptRunner::drag(float x1, float y1, float x2, float y2, int ms, Input input) {
  pointer_down(x1, y1, input);
  loop_.settle();
  constexpr int kStepMs = 16;  // one motion event per frame at 60 Hz
  const int steps = std::max(1, ms / kStepMs);
  for (int i = 1; i <= steps; ++i) {
    const float t = static_cast<float>(i) / static_cast<float>(steps);
    pointer_move(x1 + (x2 - x1) * t, y1 + (y2 - y1) * t, input);
    loop_.run_for(static_cast<std::uint64_t>(ms / steps));
  }
  pointer_up(x2, y2, input);
  loop_.settle();
}

bool ScriptRunner::press_key(const std::string& name, std::string& why) {
  Uint16 modifiers = KMOD_NONE;
  std::string key_name = name;
  for (std::size_t plus; (plus = key_name.find('+')) != std::string::npos && plus + 1 < key_name.size();) {
    const std::string modifier = key_name.substr(0, plus);
    key_name = key_name.substr(plus + 1);
    if (SDL_strcasecmp(modifier.c_str(), "ctrl") == 0) {
      modifiers |= KMOD_LCTRL;
    } else if (SDL_strcasecmp(modifier.c_str(), "shift") == 0) {
      modifiers |= KMOD_LSHIFT;
    } else if (SDL_strcasecmp(modifier.c_str(), "alt") == 0) {
      modifiers |= KMOD_LALT;
    } else {
      why = "key \"" + name + "\": unknown modifier '" + modifier + "' (use ctrl, shift or alt)";
      return false;
    }
  }
  const SDL_Scancode scancode = SDL_GetScancodeFromName(key_name.c_str());
  if (scancode == SDL_SCANCODE_UNKNOWN) {
    why = "key \"" + name + "\": unknown key name (SDL names such as Return, Escape, Backspace, Tab, A)";
    return false;
  }
  for (const Uint32 type : {Uint32(SDL_KEYDOWN), Uint32(SDL_KEYUP)}) {
    platform::push_key_event(type, scancode, modifiers);
    loop_.settle();
  }
  return true;
}

void ScriptRunner::type_text(const std::string& text) {
  // SDL_TEXTINPUT carries at most 31 bytes; split on UTF-8 character boundaries.
  constexpr std::size_t kMaxBytes = sizeof(SDL_TextInputEvent::text) - 1;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(text.size(), start + kMaxBytes);
    while (end < text.size() && end > start && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    SDL_Event event{};
    event.type = SDL_TEXTINPUT;
    std::memcpy(event.text.text, text.data() + start, end - start);
    SDL_PushEvent(&event);
    loop_.settle();
    start = end;
  }
}

bool ScriptRunner::screenshot(const std::string& path, std::string& why) {
  platform::Image image;
  std::string error;
  if (!loop_.capture(image, error) || !platform::save_png(image, path, error)) {
    why = "screenshot " + path + ": " + error;
    return false;
  }
  return true;
}

bool ScriptRunner::measure(const std::string& text, std::string& why) {
  loop_.settle();
  const IndexedItem* item = index_.find_text(text);
  if (!item) {
    why = "measure \"" + text + "\": not on screen. The screen shows:\n" + index_.describe();
    return false;
  }
  print_item("measure", text, {}, *item);
  std::fflush(stdout);
  return true;
}

void ScriptRunner::list_widgets() {
  loop_.settle();
  for (const auto& item : index_.items()) {
    if (item.is_widget) print_item("widget", item.label, item.id, item);
  }
  std::fflush(stdout);
}

// A finger reaches the app the way SDL delivers it: first the mouse events SDL synthesizes from
// it (which == SDL_TOUCH_MOUSEID), then the finger event. Both arrive, so a script proves that
// the app counts each contact once.
void ScriptRunner::pointer_down(float x, float y, Input input) {
  if (input == Input::mouse) {
    push_motion(x, y, 0);
    loop_.settle();
    push_button(true, x, y, 0);
    return;
  }
  push_motion(x, y, SDL_TOUCH_MOUSEID);
  push_button(true, x, y, SDL_TOUCH_MOUSEID);
  push_finger(SDL_FINGERDOWN, x, y);
}

void ScriptRunner::pointer_move(float x, float y, Input input) {
  if (input == Input::mouse) {
    push_motion(x, y, 0);
    return;
  }
  push_motion(x, y, SDL_TOUCH_MOUSEID);
  push_finger(SDL_FINGERMOTION, x, y);
}

void ScriptRunner::pointer_up(float x, float y, Input input) {
  if (input == Input::mouse) {
    push_button(false, x, y, 0);
    return;
  }
  push_button(false, x, y, SDL_TOUCH_MOUSEID);
  push_finger(SDL_FINGERUP, x, y);
}

void ScriptRunner::wheel(float x, float y, int notches) {
  push_motion(x, y, 0);
  loop_.settle();
  SDL_Event event{};
  event.type = SDL_MOUSEWHEEL;
  event.wheel.y = notches;
  event.wheel.direction = SDL_MOUSEWHEEL_NORMAL;
  SDL_PushEvent(&event);
  loop_.settle();
}

void ScriptRunner::push_motion(float x, float y, Uint32 mouse_id) {
  const float scale = display_.pixels_per_point();
  SDL_Event event{};
  event.type = SDL_MOUSEMOTION;
  event.motion.which = mouse_id;
  event.motion.x = static_cast<Sint32>(x / scale);
  event.motion.y = static_cast<Sint32>(y / scale);
  SDL_PushEvent(&event);
}

void ScriptRunner::push_button(bool down, float x, float y, Uint32 mouse_id) {
  const float scale = display_.pixels_per_point();
  SDL_Event event{};
  event.type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
  event.button.which = mouse_id;
  event.button.button = SDL_BUTTON_LEFT;
  event.button.state = down ? SDL_PRESSED : SDL_RELEASED;
  event.button.clicks = 1;
  event.button.x = static_cast<Sint32>(x / scale);
  event.button.y = static_cast<Sint32>(y / scale);
  SDL_PushEvent(&event);
}

void ScriptRunner::push_finger(Uint32 type, float x, float y) {
  // Finger coordinates are normalized to the window.
  const platform::Size size = display_.pixel_size();
  const ImVec2 position(x / static_cast<float>(size.width), y / static_cast<float>(size.height));
  SDL_Event event{};
  event.type = type;
  event.tfinger.touchId = kScriptTouchDevice;
  event.tfinger.fingerId = 0;
  event.tfinger.x = position.x;
  event.tfinger.y = position.y;
  event.tfinger.dx = type == SDL_FINGERDOWN ? 0.0f : position.x - finger_position_.x;
  event.tfinger.dy = type == SDL_FINGERDOWN ? 0.0f : position.y - finger_position_.y;
  event.tfinger.pressure = type == SDL_FINGERUP ? 0.0f : 1.0f;
  finger_position_ = position;
  SDL_PushEvent(&event);
}

}  // namespace peiling::ui
