#pragma once
// The event-driven main loop. It renders only after input, when a timer of the frontend is
// due, or while the frontend animates; otherwise it blocks in SDL_WaitEventTimeout, so an idle
// kiosk uses next to no CPU. After any event it renders a few frames, because ImGui takes a
// frame or two to settle hover, press and layout.
#include <SDL_events.h>

#include <cstdint>
#include <optional>
#include <string>

#include "platform/clock.hpp"
#include "platform/display.hpp"
#include "platform/imgui_runtime.hpp"
#include "platform/pointer.hpp"

namespace platform {

// What the loop runs: the app's screens.
class Frontend {
 public:
  virtual ~Frontend() = default;
  // Sees every event before ImGui does. Returns true if it consumed it (ImGui never sees it).
  virtual bool on_event(const SDL_Event& event) = 0;
  // Sees the pointer (mouse or first finger, see pointer.hpp) before ImGui does. Returns true if
  // it consumed it: ImGui then sees its pointer leave the screen.
  virtual bool on_pointer(const PointerEvent&) { return false; }
  // Advances timers to now; called before each frame and before each event, so that an event
  // is handled at its own time (a long press is measured from the press, not the last frame).
  virtual void update(std::uint64_t now_ms) = 0;
  // Builds one ImGui frame (between NewFrame and Render).
  virtual void draw() = 0;
  // The next clock time at which the frontend must redraw without input (a countdown, an
  // animation frame), or nothing to sleep until the next event.
  virtual std::optional<std::uint64_t> next_wakeup_ms(std::uint64_t now_ms) const = 0;
  virtual bool wants_quit() const = 0;
};

class MainLoop {
 public:
  static constexpr int kSettleFrames = 3;

  MainLoop(Display& display, ImGuiRuntime& imgui, Clock& clock, Frontend& frontend);

  // Runs until the frontend wants to quit.
  void run();
  // Runs until the clock reaches now + ms. On a virtual clock this takes no real time: the
  // clock jumps from one frontend wakeup to the next.
  void run_for(std::uint64_t ms);
  // Handles queued events and renders until ImGui has settled.
  void settle();
  // Handles queued events and renders one frame: the first one, for a start-up measured to it.
  void render_one_frame();
  // Renders a fresh frame and reads its pixels.
  bool capture(Image& out, std::string& error);

  std::uint64_t frames_rendered() const { return frames_rendered_; }

 private:
  void run_until(std::optional<std::uint64_t> deadline_ms);
  bool dispatch_pending();
  void dispatch(const SDL_Event& event);
  void wait(std::optional<std::uint64_t> until_ms);
  void render_frame(Image* capture_to, std::string* error);

  Display& display_;
  ImGuiRuntime& imgui_;
  Clock& clock_;
  Frontend& frontend_;
  PointerTranslator pointer_;
  int frames_owed_ = kSettleFrames;
  std::uint64_t last_frame_ms_ = 0;
  std::uint64_t frames_rendered_ = 0;
  bool capture_ok_ = true;
};

}  // namespace platform
