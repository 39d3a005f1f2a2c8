#include "ui/touch_scroll.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include "ui/text_area.hpp"

namespace peiling::ui {

namespace {

constexpr std::uint64_t kFrameMs = 16;

// The innermost window under position that can scroll, the way ImGui finds the hovered window:
// windows from front to back, then up through the parents.
ImGuiWindow* scrollable_window_at(ImVec2 position) {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  for (int i = g.Windows.Size - 1; i >= 0; --i) {
    ImGuiWindow* window = g.Windows[i];
    // Called mid-frame, so ImGui's implicit "Debug##Default" window still counts as active.
    if (!window->Active || window->Hidden || window->IsFallbackWindow ||
        (window->Flags & ImGuiWindowFlags_NoMouseInputs)) {
      continue;
    }
    if (!window->OuterRectClipped.Contains(position)) continue;
    // Only up and down: no screen here scrolls sideways. A multi-line text field's own window
    // overflows by a few pixels of padding even when nearly empty; it counts from half a line.
    const float some_content = ImGui::GetFontSize() / 2;
    for (ImGuiWindow* candidate = window; candidate; candidate = candidate->ParentWindow) {
      if (candidate->ScrollMax.y >= some_content) return candidate;
    }
    return nullptr;
  }
  return nullptr;
}

// What a drag or the wheel at position scrolls: the window under it, else (over a page's pinned
// part, say the chosen points above the list) the page's body.
ImGuiWindow* scroll_target_at(const Ui& ui, ImVec2 position) {
  ImGuiWindow* under = scrollable_window_at(position);
  ImGuiWindow* body = ui.page_body ? ImGui::FindWindowByID(ui.page_body) : nullptr;
  if (!body || !body->Active || body->ScrollMax.y <= 0) return under;
  // Over the screen itself (its header, pinned part or footer), even where the screen scrolls a
  // little of its own, the body is what there is to scroll.
  if (under && under != body->RootWindow) return under;
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  const bool over_screen = g.HoveredWindow && g.HoveredWindow->RootWindow == body->RootWindow;
  return over_screen ? body : under;
}

// The wheel over a part that does not scroll itself scrolls the page's body, by ImGui's step.
void wheel_over_pinned(const Ui& ui) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.MouseWheel == 0 || scrollable_window_at(io.MousePos)) return;
  ImGuiWindow* body = scroll_target_at(ui, io.MousePos);
  if (!body) return;
  const float step = std::floor(std::min(5 * body->CalcFontSize(), body->InnerRect.GetHeight() * 0.67f));
  ImGui::SetScrollY(body, std::clamp(body->Scroll.y - io.MouseWheel * step, 0.0f, body->ScrollMax.y));
}

// Scrolls to offset, clamped to the window's range. Returns the offset it could reach.
float scroll_window(ImGuiWindow* window, float offset) {
  const float clamped = std::clamp(offset, 0.0f, window->ScrollMax.y);
  ImGui::SetScrollY(window, clamped);
  return clamped;
}

}  // namespace

void TouchScroll::apply(Ui& ui) {
  wheel_over_pinned(ui);
  if (!ui.interaction) return;
  const PointerGesture& pointer = ui.interaction->pointer();
  const std::uint64_t now = ui.interaction->now_ms();

  if (pointer.press_count() != seen_press_) {
    seen_press_ = pointer.press_count();
    coasting_ = false;  // a touch catches moving content
    glide_window_ = 0;
    // A drag that starts in the text area being typed in selects text there (text_area.hpp).
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    const bool in_text_area = (text_area_active() && g.HoveredId == g.ActiveId) || ui.text_takes_drag;
    ImGuiWindow* under = in_text_area ? nullptr : scroll_target_at(ui, pointer.press_position());
    window_id_ = under ? under->ID : 0;
    grabbed_ = under != nullptr;
    if (under) grab_scroll_ = under->Scroll.y;
  }
  glide(ui, now);
  // Looked up each frame: the page the window belonged to may be gone.
  ImGuiWindow* window = window_id_ ? ImGui::FindWindowByID(window_id_) : nullptr;
  if (!window || !window->Active) {
    window_id_ = 0;
    grabbed_ = coasting_ = false;
    return;
  }
  if (grabbed_ && pointer.kind() == GestureKind::drag) {
    offset_ = scroll_window(window, grab_scroll_ - (pointer.position().y - pointer.press_position().y));
    if (!pointer.is_down()) {
      // The content moves with the finger, so the scroll offset moves against it.
      velocity_ = -pointer.release_velocity().y;
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
    const float wanted = offset_ + velocity_ * travel;
    offset_ = scroll_window(window, wanted);
    velocity_ = offset_ == wanted ? velocity_ * decay : 0.0f;  // an edge stops it
  }
  if (coasting_ && std::abs(velocity_) < kStopSpeedLogicalPx * ui.scale) coasting_ = false;
  if (coasting_) ui.interaction->redraw_at(now + kFrameMs);
}

void TouchScroll::glide(Ui& ui, std::uint64_t now) {
  // A new part asked for, while no finger is on the screen: from where the window is, by what
  // brings the part's bottom into view, but never its top out of view.
  if (ui.reveal && !ui.interaction->pointer().is_down()) {
    ImGuiWindow* window = ImGui::FindWindowByID(ui.reveal->window);
    if (window && window->Active && window->ScrollMax.y > 0) {
      const float by =
          std::min(ui.reveal->max_y - window->InnerRect.Max.y, ui.reveal->min_y - window->InnerRect.Min.y);
      if (by > 0.5f) {
        if (glide_window_ != window->ID) {
          glide_window_ = window->ID;
          glide_from_ = window->Scroll.y;
          glide_start_ms_ = now;
        }
        glide_to_ = std::clamp(window->Scroll.y + by, 0.0f, window->ScrollMax.y);
      }
    }
  }
  ImGuiWindow* window = glide_window_ ? ImGui::FindWindowByID(glide_window_) : nullptr;
  if (!window || !window->Active) {
    glide_window_ = 0;
    return;
  }
  // Ease out: quick at first, settling gently on the part.
  const float t = std::min(1.0f, static_cast<float>(now - glide_start_ms_) / 1000.0f / kGlideSeconds);
  const float eased = 1.0f - (1.0f - t) * (1.0f - t) * (1.0f - t);
  scroll_window(window, glide_from_ + (glide_to_ - glide_from_) * eased);
  if (t < 1.0f) {
    ui.interaction->redraw_at(now + kFrameMs);
  } else {
    glide_window_ = 0;
  }
}

NextPart::NextPart(const std::string& key)
    : next_key_(ImGui::GetID((key + " next part").c_str())),
      frames_key_(ImGui::GetID((key + " next part frames").c_str())) {
  const ImGuiStorage& storage = *ImGui::GetStateStorage();
  next_ = storage.GetInt(next_key_, -1);
  frames_ = storage.GetInt(frames_key_, 0);
}

NextPart::~NextPart() {
  ImGuiStorage& storage = *ImGui::GetStateStorage();
  storage.SetInt(next_key_, next_);
  storage.SetInt(frames_key_, std::max(0, frames_ - 1));
}

void NextPart::reveal_if_next(Ui& ui, std::size_t part, float min_y, float max_y) const {
  if (is_next(part)) ui.reveal = Reveal{ImGui::GetCurrentWindow()->ID, min_y, max_y};
}

void cancel_press_when_dragging(const PointerGesture& pointer) {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  // The text area being typed in keeps the focus: a drag in it selects.
  if (pointer.kind() != GestureKind::drag || g.ActiveId == 0 || text_area_active()) return;
  if (ImGuiWindow* window = g.ActiveIdWindow) {
    if (g.ActiveId == ImGui::GetWindowScrollbarID(window, ImGuiAxis_X) ||
        g.ActiveId == ImGui::GetWindowScrollbarID(window, ImGuiAxis_Y)) {
      return;
    }
  }
  ImGui::ClearActiveID();
}

}  // namespace peiling::ui
