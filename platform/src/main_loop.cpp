#include "platform/main_loop.hpp"

#include <SDL.h>

#include <algorithm>

namespace platform {

MainLoop::MainLoop(Display& display, ImGuiRuntime& imgui, Clock& clock, Frontend& frontend)
    : display_(display), imgui_(imgui), clock_(clock), frontend_(frontend), last_frame_ms_(clock.now_ms()) {}

void MainLoop::run() {
  run_until(std::nullopt);
}

void MainLoop::run_for(std::uint64_t ms) {
  run_until(clock_.now_ms() + ms);
}

void MainLoop::settle() {
  dispatch_pending();
  while (frames_owed_ > 0 && !frontend_.wants_quit()) {
    render_frame(nullptr, nullptr);
    dispatch_pending();
  }
}

void MainLoop::render_one_frame() {
  dispatch_pending();
  render_frame(nullptr, nullptr);
}

bool MainLoop::capture(Image& out, std::string& error) {
  settle();
  capture_ok_ = true;
  render_frame(&out, &error);
  return capture_ok_;
}

void MainLoop::run_until(std::optional<std::uint64_t> deadline_ms) {
  while (!frontend_.wants_quit()) {
    settle();
    const std::uint64_t now = clock_.now_ms();
    if (deadline_ms && now >= *deadline_ms) return;
    std::optional<std::uint64_t> until = frontend_.next_wakeup_ms(now);
    if (deadline_ms && (!until || *until > *deadline_ms)) until = deadline_ms;
    wait(until);
  }
}

bool MainLoop::dispatch_pending() {
  bool any = false;
  SDL_Event event;
  while (SDL_PollEvent(&event)) {
    dispatch(event);
    any = true;
  }
  return any;
}

void MainLoop::dispatch(const SDL_Event& event) {
  frontend_.update(clock_.now_ms());
  if (frontend_.on_event(event)) {
    frames_owed_ = kSettleFrames;
    return;
  }
  if (const auto pointer = pointer_.translate(event, display_.pixel_size(), display_.pixels_per_point())) {
    if (frontend_.on_pointer(*pointer)) {
      imgui_.hide_pointer();
    } else {
      imgui_.process_pointer(*pointer);
    }
    frames_owed_ = kSettleFrames;
    return;
  }
  if (imgui_.process_event(event)) frames_owed_ = kSettleFrames;
}

void MainLoop::wait(std::optional<std::uint64_t> until_ms) {
  const std::uint64_t now = clock_.now_ms();
  if (clock_.is_virtual() && until_ms) {
    // Nothing happens between now and the wakeup, so jump there.
    clock_.advance_to(*until_ms);
    frames_owed_ = std::max(frames_owed_, 1);
    return;
  }
  SDL_Event event;
  int got = 0;
  if (until_ms) {
    const std::uint64_t timeout = *until_ms > now ? *until_ms - now : 0;
    got = SDL_WaitEventTimeout(&event, static_cast<int>(std::min<std::uint64_t>(timeout, 1u << 30)));
  } else {
    got = SDL_WaitEvent(&event);
  }
  if (got) {
    dispatch(event);
  } else {
    frames_owed_ = std::max(frames_owed_, 1);  // a timer of the frontend is due
  }
}

void MainLoop::render_frame(Image* capture_to, std::string* error) {
  const std::uint64_t now = clock_.now_ms();
  frontend_.update(now);
  const float delta = static_cast<float>(now - last_frame_ms_) / 1000.0f;
  last_frame_ms_ = now;
  imgui_.begin_frame(delta);
  frontend_.draw();
  // The first frame always gets pixels: start-up is measured to the first frame presented.
  imgui_.render(display_.shows_every_frame() || capture_to || frames_rendered_ == 0);
  if (capture_to) capture_ok_ = display_.capture(*capture_to, *error);
  display_.present();
  ++frames_rendered_;
  frames_owed_ = std::max(frames_owed_ - 1, 0);
}

}  // namespace platform
