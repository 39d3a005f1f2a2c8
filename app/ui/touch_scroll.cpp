#include "ui/touch_scroll.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

namespace peiling::ui {

namespace {

constexpr std::uint64_t kFrameMs = 16;

// The innermost window under position that can scroll, the way ImGui finds the hovered window:
// windows from front to back, then up through the parents.
ImGuiWindow* scrollable_window_at(ImVec2 position) {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  for (int i = g.Windows.Size - 1; i >= 0; --i) {
    ImGuiWindow* window = g.Windows[i];
    if (!window->WasActive || window->Hidden || (window->Flags & ImGuiWindowFlags_NoMouseInputs)) continue;
    if (!window->OuterRectClipped.Contains(position)) continue;
    for (ImGuiWindow* candidate = window; candidate; candidate = candidate->ParentWindow) {
      if (candidate->ScrollMax.x > 0 || candidate->ScrollMax.y > 0) return candidate;
    }
    return nullptr;
  }
  return nullptr;
}

// Scrolls to offset, clamped to the window's range. Returns the offset it could reach.
ImVec2 scroll_window(ImGuiWindow* window, ImVec2 offset) {
  const ImVec2 clamped(std::clamp(offset.x, 0.0f, window->ScrollMax.x),
                       std::clamp(offset.y, 0.0f, window->ScrollMax.y));
  ImGui::SetScrollX(window, clamped.x);
  ImGui::SetScrollY(window, clamped.y);
  return clamped;
}

}  // namespace

void TouchScroll::apply(Ui& ui) {
  if (!ui.interaction) return;
  const PointerGesture& pointer = ui.interaction->pointer();
  const std::uint64_t now = ui.interaction->now_ms();
  ImGuiWindow* window = ImGui::GetCurrentWindow();

  if (pointer.press_count() != seen_press_) {
    seen_press_ = pointer.press_count();
    coasting_ = false;  // a touch catches moving content
    grabbed_ = scrollable_window_at(pointer.press_position()) == window;
    grab_scroll_ = window->Scroll;
  }
  if (grabbed_ && pointer.kind() == GestureKind::drag) {
    const ImVec2 moved(pointer.position().x - pointer.press_position().x,
                       pointer.position().y - pointer.press_position().y);
    offset_ = scroll_window(window, ImVec2(grab_scroll_.x - moved.x, grab_scroll_.y - moved.y));
    if (!pointer.is_down()) {
      // The content moves with the finger, so the scroll offset moves against it.
      velocity_ = ImVec2(-pointer.release_velocity().x, -pointer.release_velocity().y);
      coasting_ = true;
      last_ms_ = now;
    }
  }
  if (!pointer.is_down()) grabbed_ = false;

  if (coasting_ && now > last_ms_) {
    const float seconds = static_cast<float>(now - last_ms_) / 1000.0f;
    last_ms_ = now;
    // Exact integral of an exponentially decaying speed over the step.
    const float decay = std::exp(-seconds / kFrictionSeconds);
    const float travel = kFrictionSeconds * (1.0f - decay);
    const ImVec2 wanted(offset_.x + velocity_.x * travel, offset_.y + velocity_.y * travel);
    offset_ = scroll_window(window, wanted);
    // An edge stops the axis that ran into it.
    velocity_ = ImVec2(offset_.x == wanted.x ? velocity_.x * decay : 0.0f,
                       offset_.y == wanted.y ? velocity_.y * decay : 0.0f);
  }
  const float stop_speed = kStopSpeedLogicalPx * ui.scale;
  if (coasting_ && std::abs(velocity_.x) < stop_speed && std::abs(velocity_.y) < stop_speed)
    coasting_ = false;
  if (coasting_) ui.interaction->redraw_at(now + kFrameMs);
}

void cancel_press_when_dragging(const PointerGesture& pointer) {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  if (pointer.kind() != GestureKind::drag || g.ActiveId == 0) return;
  if (ImGuiWindow* window = g.ActiveIdWindow) {
    if (g.ActiveId == ImGui::GetWindowScrollbarID(window, ImGuiAxis_X) ||
        g.ActiveId == ImGui::GetWindowScrollbarID(window, ImGuiAxis_Y)) {
      return;
    }
  }
  ImGui::ClearActiveID();
}

}  // namespace peiling::ui
