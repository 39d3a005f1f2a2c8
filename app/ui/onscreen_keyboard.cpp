#include "ui/onscreen_keyboard.hpp"

#include <SDL.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "platform/key_events.hpp"
#include "ui/text_area.hpp"

namespace peiling::ui {

namespace {

bool text_field_active() {
  return text_area_active();
}

constexpr float kKeyHeightUnits = 1.9f;
// Where ten keys of a finger's width do not fit a row (600 px at scale 2), keys narrow down to
// this share of it rather than rows wrapping: wrapped rows made the keyboard taller than the
// screen, and nothing could be typed. Keys stay a finger's height, as phone keyboards do.
constexpr float kNarrowestKeyOfTarget = 0.4f;
constexpr float kGapUnits = 0.25f;

// Whether a text field has the focus. Not io.WantTextInput: a field scrolled out of view (say,
// under the keyboard that just appeared) stays active but stops asking for text input.
// The caret of the active text field as ImGui tells an IME, if the field drew it this frame:
// the top left of the caret's line, in screen coordinates. NewFrame() resets the position to
// (1, 1) and the field sets it while drawing; a multi-line field scrolled out of view draws
// nothing (and reads no input) until it is back.
std::optional<ImVec2> caret_drawn_this_frame() {
  const ImVec2 caret = ImGui::GetCurrentContext()->PlatformImePos;
  if (!text_field_active() || (caret.x == 1.0f && caret.y == 1.0f)) return std::nullopt;
  return caret;
}

void post_key(SDL_Scancode scancode) {
  for (const Uint32 type : {Uint32(SDL_KEYDOWN), Uint32(SDL_KEYUP)}) platform::push_key_event(type, scancode);
}

void post_text(const std::string& text) {
  SDL_Event event{};
  event.type = SDL_TEXTINPUT;
  // One key types at most a few bytes; SDL_TEXTINPUT holds 31.
  std::memcpy(event.text.text, text.data(), std::min(text.size(), sizeof(event.text.text) - 1));
  SDL_PushEvent(&event);
}

ImVec2 offset(ImVec2 point, ImVec2 by) {
  return ImVec2(point.x + by.x, point.y + by.y);
}

}  // namespace

OnscreenKeyboard::OnscreenKeyboard(float scale) : scale_(scale), gesture_(scale) {}

float OnscreenKeyboard::reserve_height(ImVec2 display_size, float unit) {
  // A tap that leaves the field (on Next, say) hides the keyboard only the frame after the finger
  // lifts: hiding it earlier moves the screen under the finger, and the tap would miss its button.
  // It comes up only once the finger that tapped the field has lifted: a press that turns into a
  // drag scrolls the page and leaves the field (cancel_press_when_dragging), keyboard unshown.
  const ImGuiIO& io = ImGui::GetIO();
  const bool wanted = (text_field_active() && (visible_ || !io.MouseDown[0])) ||
                      (visible_ && (io.MouseDown[0] || io.MouseReleased[0]));

  just_shown_ = wanted && !visible_;
  if (!wanted && visible_) {
    // The next field starts on plain lower-case letters.
    model_ = KeyboardModel();
    popup_.reset();
    grabbed_ = false;
    pressed_ = {};
  }
  visible_ = wanted;
  if (!visible_) return 0;
  const float min_target = kMinTargetLogicalPx * scale_;
  metrics_ = {std::max(min_target, std::round(unit * kKeyHeightUnits)), min_target * kNarrowestKeyOfTarget,
              std::round(unit * kGapUnits)};
  display_size_ = display_size;
  layout_ = lay_out_keyboard(model_.rows(), display_size.x, metrics_);
  origin_ = ImVec2(0, display_size.y - layout_.height);
  return layout_.height;
}

ImRect OnscreenKeyboard::key_rect(std::size_t index) const {
  const PlacedKey& placed = layout_.keys[index];
  return ImRect(offset(placed.min, origin_), offset(placed.max, origin_));
}

bool OnscreenKeyboard::over_keyboard(ImVec2 position) const {
  return position.y >= origin_.y && position.y <= origin_.y + layout_.height;
}

OnscreenKeyboard::Target OnscreenKeyboard::target_at(ImVec2 position) const {
  if (popup_) {
    for (std::size_t i = 0; i < popup_->rects.size(); ++i) {
      if (popup_->rects[i].Contains(position)) return {Target::Kind::alternative, i};
    }
  }
  for (std::size_t i = 0; i < layout_.keys.size(); ++i) {
    if (key_rect(i).Contains(position)) return {Target::Kind::key, i};
  }
  return {};
}

bool OnscreenKeyboard::on_pointer(const platform::PointerEvent& pointer, std::uint64_t now_ms) {
  switch (pointer.action) {
    case platform::PointerAction::press: {
      if (!visible_) return false;
      const Target target = target_at(pointer.position);
      if (target.kind == Target::Kind::none && !over_keyboard(pointer.position)) {
        popup_.reset();  // the screen gets the tap; the alternatives go away
        return false;
      }
      grabbed_ = true;
      gesture_.press(pointer.position, now_ms);
      // With alternatives open, a tap anywhere but on one of them only closes them.
      pressed_ = popup_ && target.kind != Target::Kind::alternative ? Target{} : target;
      if (popup_ && target.kind != Target::Kind::alternative) popup_.reset();
      return true;
    }
    case platform::PointerAction::move:
      if (!grabbed_) return false;
      gesture_.move(pointer.position, now_ms);
      if (pressed_.kind != Target::Kind::none) pressed_ = target_at(pointer.position);
      return true;
    case platform::PointerAction::release: {
      if (!grabbed_) return false;
      grabbed_ = false;
      gesture_.release(pointer.position, now_ms);
      const Target target = pressed_.kind == Target::Kind::none ? Target{} : target_at(pointer.position);
      pressed_ = {};
      if (target.kind == Target::Kind::alternative) {
        post(model_.choose(popup_->choices[target.index]));
        popup_.reset();
      } else if (popup_ && popup_->opened_by_press == gesture_.press_count()) {
        // Lifted after the hold that opened the alternatives: they stay for a tap.
      } else if (target.kind == Target::Kind::key) {
        post(model_.tap(layout_.keys[target.index].key));
      }
      return true;
    }
  }
  return false;
}

void OnscreenKeyboard::update(std::uint64_t now_ms) {
  gesture_.tick(now_ms);
  if (grabbed_ && !popup_ && gesture_.kind() == GestureKind::long_press &&
      pressed_.kind == Target::Kind::key) {
    open_popup(pressed_.index);
  }
}

void OnscreenKeyboard::open_popup(std::size_t key_index) {
  std::vector<std::string> choices = model_.alternatives(layout_.keys[key_index].key);
  if (choices.empty()) return;
  const ImRect key = key_rect(key_index);
  const float width = std::max(metrics_.min_key_width, key.GetWidth());
  const float gap = metrics_.gap;
  const float row_width = static_cast<float>(choices.size()) * (width + gap) - gap;
  float left =
      std::clamp(key.GetCenter().x - row_width / 2, gap, std::max(gap, display_size_.x - gap - row_width));
  const float top = key.Min.y - metrics_.key_height - gap;
  Popup popup{std::move(choices), {}, gesture_.press_count()};
  for (std::size_t i = 0; i < popup.choices.size(); ++i) {
    popup.rects.emplace_back(ImVec2(left, top), ImVec2(left + width, top + metrics_.key_height));
    left += width + gap;
  }
  popup_ = std::move(popup);
}

void OnscreenKeyboard::post(const KeyAction& action) {
  switch (action.kind) {
    case KeyAction::Kind::text:
      post_text(action.text);
      break;
    case KeyAction::Kind::backspace:
      post_key(SDL_SCANCODE_BACKSPACE);
      break;
    case KeyAction::Kind::enter:
      post_key(SDL_SCANCODE_RETURN);
      break;
    case KeyAction::Kind::hide:
      close_field_ = true;
      break;
    case KeyAction::Kind::none:
      break;
  }
}

void OnscreenKeyboard::keep_caret_visible() {
  if (!text_field_active()) {
    caret_in_content_.reset();
    return;
  }
  // The window the field sits in, which may be a page's scrolling body rather than the screen.
  ImGuiWindow* window = ImGui::GetCurrentContext()->ActiveIdWindow;
  if (!window) return;
  bool moved = false;
  if (const std::optional<ImVec2> caret = caret_drawn_this_frame()) {
    const ImVec2 in_content(caret->x + window->Scroll.x, caret->y + window->Scroll.y);
    moved =
        !caret_in_content_ || caret_in_content_->x != in_content.x || caret_in_content_->y != in_content.y;
    caret_in_content_ = in_content;
  }
  if (!caret_in_content_ || (!moved && !just_shown_)) return;
  just_shown_ = false;
  const float line_top = caret_in_content_->y - window->Scroll.y;
  const float line = ImGui::GetFontSize();
  const float margin = line;  // a line of room below the caret, so the text does not sit on the keys
  const ImRect visible = window->InnerRect;
  if (line_top + line + margin > visible.Max.y) {
    ImGui::SetScrollY(window, window->Scroll.y + line_top + line + margin - visible.Max.y);
  } else if (line_top - margin < visible.Min.y) {
    ImGui::SetScrollY(window, window->Scroll.y - (visible.Min.y - line_top + margin));
  }
}

void OnscreenKeyboard::draw(Ui& ui) {
  if (close_field_) {
    close_field_ = false;
    ImGui::ClearActiveID();  // the field keeps its text; the keyboard hides next frame
  }
  if (!visible_) return;
  const ImGuiStyle& style = ImGui::GetStyle();
  ImDrawList* draw = ImGui::GetForegroundDrawList();
  const auto color = [](const ImVec4& c) { return ImGui::ColorConvertFloat4ToU32(c); };
  const auto draw_key = [&](const ImRect& rect, const std::string& label, bool lit) {
    draw->AddRectFilled(rect.Min, rect.Max, color(lit ? ui.theme.selected : ui.theme.field),
                        style.FrameRounding);
    draw->AddRect(rect.Min, rect.Max, color(ui.theme.border), style.FrameRounding, 0, style.FrameBorderSize);
    // A label wider than a narrowed key (123, the hide key) is drawn smaller to stay on it.
    float font_size = ui.fonts.body->FontSize;
    const float room = rect.GetWidth() - style.FrameBorderSize * 4;
    const float natural = ui.fonts.body->CalcTextSizeA(font_size, FLT_MAX, 0, label.c_str()).x;
    if (natural > room && natural > 0) font_size = std::floor(font_size * room / natural);
    const ImVec2 size = ui.fonts.body->CalcTextSizeA(font_size, FLT_MAX, 0, label.c_str());
    draw->AddText(
        ui.fonts.body, font_size,
        ImVec2(std::round(rect.GetCenter().x - size.x / 2), std::round(rect.GetCenter().y - size.y / 2)),
        color(lit ? ui.theme.primary_text : ui.theme.text), label.c_str());
  };

  draw->AddRectFilled(origin_, ImVec2(display_size_.x, display_size_.y), color(ui.theme.secondary));
  // A filled strip rather than AddLine: long thick lines come out patchy in SDL's software renderer.
  draw->AddRectFilled(origin_, ImVec2(display_size_.x, origin_.y + style.FrameBorderSize),
                      color(ui.theme.border));
  for (std::size_t i = 0; i < layout_.keys.size(); ++i) {
    const Key& key = layout_.keys[i].key;
    const bool lit =
        pressed_ == Target{Target::Kind::key, i} || (key.role == KeyRole::shift && model_.shifted());
    const ImRect rect = key_rect(i);
    draw_key(rect, key.label, lit);
    ui.index.add(key.label, key.id, rect.Min, rect.Max, true);
  }
  if (!popup_) return;
  const ImRect& first = popup_->rects.front();
  const ImRect& last = popup_->rects.back();
  const float gap = metrics_.gap;
  draw->AddRectFilled(ImVec2(first.Min.x - gap, first.Min.y - gap),
                      ImVec2(last.Max.x + gap, last.Max.y + gap), color(ui.theme.background),
                      style.FrameRounding);
  draw->AddRect(ImVec2(first.Min.x - gap, first.Min.y - gap), ImVec2(last.Max.x + gap, last.Max.y + gap),
                color(ui.theme.border), style.FrameRounding, 0, style.FrameBorderSize);
  for (std::size_t i = 0; i < popup_->choices.size(); ++i) {
    draw_key(popup_->rects[i], popup_->choices[i], pressed_ == Target{Target::Kind::alternative, i});
    ui.index.add(popup_->choices[i], "osk.choice." + std::to_string(i), popup_->rects[i].Min,
                 popup_->rects[i].Max, true);
  }
}

void PlatformKeyboard::sync() {
  if (!text_field_active()) {
    if (shown_) SDL_StopTextInput();
    shown_ = false;
    return;
  }
  if (!shown_) SDL_StartTextInput();
  shown_ = true;
  const std::optional<ImVec2> caret = caret_drawn_this_frame();
  if (!caret) return;
  // SDL wants window coordinates; ImGui works in pixels.
  float points_per_pixel = 1.0f;
  if (SDL_Window* window = SDL_GetKeyboardFocus()) {
    int window_width = 0;
    int pixel_width = 0;
    SDL_GetWindowSize(window, &window_width, nullptr);
    if (SDL_Renderer* renderer = SDL_GetRenderer(window))
      SDL_GetRendererOutputSize(renderer, &pixel_width, nullptr);
    if (window_width > 0 && pixel_width > 0)
      points_per_pixel = static_cast<float>(window_width) / static_cast<float>(pixel_width);
  }
  SDL_Rect rect{static_cast<int>(caret->x * points_per_pixel), static_cast<int>(caret->y * points_per_pixel),
                1, static_cast<int>(ImGui::GetFontSize() * points_per_pixel)};
  SDL_SetTextInputRect(&rect);
}

}  // namespace peiling::ui
