#include "ui/text_area.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "core/catalog.hpp"
#include "core/json_file.hpp"

namespace peiling::ui {

namespace {

constexpr float kPadding = 0.4f;   // inside the box, font units
constexpr float kMaxLines = 8.0f;  // the box grows with its text up to this many lines
// A finger that moves this far up or down (in font units, about PointerGesture's 10 px) scrolls
// the text rather than placing the caret.
constexpr float kDragStartUnits = 0.4f;

bool continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

std::size_t next_boundary(const std::string& text, std::size_t at) {
  if (at >= text.size()) return text.size();
  ++at;
  while (at < text.size() && continuation(text[at])) ++at;
  return at;
}

std::size_t previous_boundary(const std::string& text, std::size_t at) {
  if (at == 0) return 0;
  --at;
  while (at > 0 && continuation(text[at])) --at;
  return at;
}

void append_utf8(std::string& out, unsigned int c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Where the caret is: the line it is on (the first whose range holds it).
std::size_t line_of(const std::vector<WrappedLine>& lines, std::size_t at) {
  std::size_t line = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].begin <= at) line = i;
  }
  return line;
}

struct Layout {
  ImFont* font;
  float size;
  ImVec2 origin;  // top left of the first line, scroll applied
  const std::string* text;
  std::vector<WrappedLine> lines;

  float x_of(std::size_t line, std::size_t at) const {
    const WrappedLine& l = lines[line];
    at = std::clamp(at, l.begin, l.end);
    return font->CalcTextSizeA(size, FLT_MAX, 0, text->data() + l.begin, text->data() + at).x;
  }
  // The byte offset nearest to x on line.
  std::size_t at_x(std::size_t line, float x) const {
    const WrappedLine& l = lines[line];
    std::size_t best = l.begin;
    float best_distance = std::abs(x);
    for (std::size_t at = l.begin; at < l.end;) {
      at = next_boundary(*text, at);
      const float distance = std::abs(x_of(line, at) - x);
      if (distance < best_distance) best = at, best_distance = distance;
    }
    // The spaces that end a wrapped line belong to it, but the caret goes before the last one,
    // or it would show at the start of the next line.
    return best;
  }
  std::size_t hit(ImVec2 position) const {
    const float row = std::floor((position.y - origin.y) / size);
    const std::size_t line =
        static_cast<std::size_t>(std::clamp(row, 0.0f, static_cast<float>(lines.size() - 1)));
    return at_x(line, position.x - origin.x);
  }
};

// The keys and characters of this frame for an area with the focus. Returns whether the text
// changed; caret and anchor follow.
bool edit(Ui& ui, std::string& text, int& caret, int& anchor, const Layout& layout,
          std::size_t max_characters) {
  ImGuiIO& io = ImGui::GetIO();
  const auto pressed = [](ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), true); };
  std::size_t at = static_cast<std::size_t>(std::clamp(caret, 0, static_cast<int>(text.size())));
  std::size_t from = static_cast<std::size_t>(std::clamp(anchor, 0, static_cast<int>(text.size())));
  const auto selection = [&] { return std::pair{std::min(at, from), std::max(at, from)}; };
  bool changed = false;
  const auto erase_selection = [&] {
    const auto [a, b] = selection();
    if (a == b) return false;
    text.erase(a, b - a);
    at = from = a;
    changed = true;
    return true;
  };
  const auto insert = [&](std::string piece) {
    erase_selection();
    if (max_characters) {
      // What goes beyond the limit is not taken, whole characters at a time.
      const std::size_t room = max_characters - std::min(max_characters, count_code_points(text));
      std::size_t keep = 0;
      for (std::size_t n = 0; keep < piece.size() && n < room; ++n) keep = next_boundary(piece, keep);
      piece.resize(keep);
    }
    if (piece.empty()) return;
    text.insert(at, piece);
    at += piece.size();
    from = at;
    changed = true;
  };
  const auto move_to = [&](std::size_t to) {
    at = to;
    if (!io.KeyShift) from = at;
  };

  if (io.KeyCtrl && pressed(ImGuiKey_A)) {
    from = 0;
    at = text.size();
  } else if (io.KeyCtrl && (pressed(ImGuiKey_C) || pressed(ImGuiKey_X))) {
    const auto [a, b] = selection();
    if (a < b) {
      ImGui::SetClipboardText(text.substr(a, b - a).c_str());
      if (pressed(ImGuiKey_X)) erase_selection();
    }
  } else if (io.KeyCtrl && pressed(ImGuiKey_V)) {
    if (const char* pasted = ImGui::GetClipboardText()) {
      // Characters beyond U+FFFF stand in as the field keeps them (character_stand_ins.hpp).
      insert(ui.stand_ins ? ui.stand_ins->to_editor(pasted) : std::string(pasted));
    }
  } else if (pressed(ImGuiKey_Backspace)) {
    if (!erase_selection() && at > 0) {
      const std::size_t start = previous_boundary(text, at);
      text.erase(start, at - start);
      at = from = start;
      changed = true;
    }
  } else if (pressed(ImGuiKey_Delete)) {
    if (!erase_selection() && at < text.size()) {
      text.erase(at, next_boundary(text, at) - at);
      changed = true;
    }
  } else if (pressed(ImGuiKey_LeftArrow)) {
    const auto [a, b] = selection();
    move_to(a < b && !io.KeyShift ? a : previous_boundary(text, at));
  } else if (pressed(ImGuiKey_RightArrow)) {
    const auto [a, b] = selection();
    move_to(a < b && !io.KeyShift ? b : next_boundary(text, at));
  } else if (pressed(ImGuiKey_UpArrow) || pressed(ImGuiKey_DownArrow)) {
    const std::size_t line = line_of(layout.lines, at);
    const bool up = pressed(ImGuiKey_UpArrow);
    if (up && line == 0) {
      move_to(0);
    } else if (!up && line + 1 >= layout.lines.size()) {
      move_to(text.size());
    } else {
      move_to(layout.at_x(up ? line - 1 : line + 1, layout.x_of(line, at)));
    }
  } else if (pressed(ImGuiKey_Home)) {
    move_to(io.KeyCtrl ? 0 : layout.lines[line_of(layout.lines, at)].begin);
  } else if (pressed(ImGuiKey_End)) {
    move_to(io.KeyCtrl ? text.size() : layout.lines[line_of(layout.lines, at)].end);
  } else if (pressed(ImGuiKey_Enter) || pressed(ImGuiKey_KeyPadEnter)) {
    insert("\n");
  }
  std::string typed;
  for (const ImWchar c : io.InputQueueCharacters) {
    if (c == '\n' || (c >= 0x20 && c != 0x7F)) append_utf8(typed, c);  // a typed line break too
  }
  io.InputQueueCharacters.resize(0);
  if (!typed.empty()) insert(typed);
  caret = static_cast<int>(at);
  anchor = static_cast<int>(from);
  return changed;
}

}  // namespace

std::vector<WrappedLine> wrap_lines(ImFont* font, float font_size, std::string_view text, float width) {
  std::vector<WrappedLine> lines;
  const char* begin = text.data();
  const char* end = begin + text.size();
  const float scale = font_size / font->FontSize;
  for (const char* paragraph = begin;;) {
    const char* stop = std::find(paragraph, end, '\n');
    const char* start = paragraph;
    do {
      const char* wrap = start == stop ? stop : font->CalcWordWrapPositionA(scale, start, stop, width);
      if (wrap <= start && start < stop) {  // a character wider than the box still advances
        wrap = start + 1;
        while (wrap < stop && continuation(*wrap)) ++wrap;
      }
      while (wrap < stop && *wrap == ' ') ++wrap;  // the spaces at a wrap stay on their line
      lines.push_back({static_cast<std::size_t>(start - begin), static_cast<std::size_t>(wrap - begin)});
      start = wrap;
    } while (start < stop);
    if (stop == end) break;
    paragraph = stop + 1;
  }
  return lines;
}

bool text_area_active() {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  return g.ActiveId != 0 && g.ActiveId == g.InputTextState.ID;
}

bool text_area(Ui& ui, std::string_view label, std::string_view id, std::string& buffer, ImVec2 size,
               std::size_t max_characters) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  ImGuiIO& io = ImGui::GetIO();
  const ImGuiID widget = window->GetID(id.data(), id.data() + id.size());
  ImGuiStorage& storage = *ImGui::GetStateStorage();
  const ImGuiID caret_key = widget + 1, anchor_key = widget + 2, scroll_key = widget + 3,
                dirty_key = widget + 4, selecting_key = widget + 5, focus_key = widget + 6,
                grab_key = widget + 7, dragging_key = widget + 8;
  // Another item took the focus: the text-input state is no longer this area's.
  if (g.ActiveId != widget && g.InputTextState.ID == widget) g.InputTextState.ID = 0;
  const bool had_focus = storage.GetBool(focus_key);

  std::string text = ui.stand_ins ? ui.stand_ins->to_editor(buffer) : buffer;
  ImFont* font = ImGui::GetFont();
  const float font_size = ImGui::GetFontSize();
  const float padding = std::round(ui.unit() * kPadding);
  const float width = std::max(size.x, ui.min_target());
  const float wrap_width = width - padding * 2;
  std::vector<WrappedLine> lines = wrap_lines(font, font_size, text, wrap_width);
  const float least = std::max(size.y, ui.min_target());
  const float most = std::max(least, font_size * kMaxLines + padding * 2);
  const auto box_height = [&] {
    return std::clamp(static_cast<float>(lines.size()) * font_size + padding * 2, least, most);
  };
  const ImVec2 top_left = window->DC.CursorPos;
  ImRect box(top_left, ImVec2(top_left.x + width, top_left.y + box_height()));
  ImGui::ItemSize(box);
  if (!ImGui::ItemAdd(box, widget)) return false;  // out of view: it keeps the focus, and reads on when back

  // Focused, not merely pressed: a press on it is ImGui's active item too, until it lifts.
  bool active = g.ActiveId == widget && g.InputTextState.ID == widget;
  const bool was_active = active;
  bool hovered = false;
  if (!active) {
    // Without the focus it is a button: a tap (not a drag, which scrolls) gives it the focus.
    bool held = false;
    if (ImGui::ButtonBehavior(box, widget, &hovered, &held)) {
      ImGui::SetActiveID(widget, window);
      ImGui::SetFocusID(widget, window);
      ImGui::FocusWindow(window);
      active = true;
      storage.SetBool(dirty_key, false);
      storage.SetBool(selecting_key, false);
      g.InputTextState.ID = widget;  // the keyboard and ImGui see a text field being typed in
      io.InputQueueCharacters.resize(0);
    }
  } else {
    hovered = ImGui::ItemHoverable(box, widget);
    if (io.MouseClicked[0] && !hovered) {
      ImGui::ClearActiveID();  // a tap elsewhere leaves the field
      g.InputTextState.ID = 0;
      active = false;
    }
  }

  int caret =
      std::clamp(storage.GetInt(caret_key, static_cast<int>(text.size())), 0, static_cast<int>(text.size()));
  int anchor = std::clamp(storage.GetInt(anchor_key, caret), 0, static_cast<int>(text.size()));
  float scroll = storage.GetFloat(scroll_key, 0);
  const int caret_before = caret;
  // A text longer than the box scrolls inside it under a finger that moves up or down, focused or
  // not (a sideways drag in the focused field still selects); the page stays put meanwhile.
  const bool overflows = static_cast<float>(lines.size()) * font_size > box_height() - padding * 2;
  if (io.MouseClicked[0]) {
    const bool here = overflows && box.Contains(io.MouseClickedPos[0]);
    storage.SetFloat(grab_key, here ? scroll : -1.0f);
    storage.SetBool(dragging_key, false);
    if (here) ui.text_takes_drag = true;
  }
  const float grab = storage.GetFloat(grab_key, -1.0f);
  if (io.MouseDown[0] && grab >= 0) {
    const ImVec2 moved(io.MousePos.x - io.MouseClickedPos[0].x, io.MousePos.y - io.MouseClickedPos[0].y);
    if (!storage.GetBool(dragging_key) && std::abs(moved.y) >= ui.unit() * kDragStartUnits &&
        std::abs(moved.y) > std::abs(moved.x))
      storage.SetBool(dragging_key, true);
    if (storage.GetBool(dragging_key)) {
      scroll = grab - moved.y;
      storage.SetBool(selecting_key, false);
    }
  }
  const bool dragging = storage.GetBool(dragging_key);
  Layout layout{font, font_size, ImVec2(box.Min.x + padding, box.Min.y + padding - scroll), &text, lines};
  bool changed = false;
  if (active) {
    if (!was_active) {
      caret = anchor = static_cast<int>(layout.hit(io.MousePos));  // where the tap was
    } else if (io.MouseClicked[0] && hovered) {
      caret = static_cast<int>(layout.hit(io.MousePos));
      if (!io.KeyShift) anchor = caret;
      storage.SetBool(selecting_key, true);
    } else if (io.MouseDown[0] && storage.GetBool(selecting_key) && !dragging) {
      caret = static_cast<int>(layout.hit(io.MousePos));  // a drag in the field selects
    }
    if (!io.MouseDown[0]) storage.SetBool(selecting_key, false);
    ImGui::KeepAliveID(widget);
    g.WantTextInputNextFrame = 1;
    changed = edit(ui, text, caret, anchor, layout, max_characters);
    if (changed) {
      buffer = ui.stand_ins ? ui.stand_ins->from_editor(text) : text;
      storage.SetBool(dirty_key, true);
      layout.lines = wrap_lines(font, font_size, text, wrap_width);
      lines = layout.lines;
    }
  }

  // The box as tall as the text now is; the text inside scrolled so the caret shows.
  const float inner_height = box_height() - padding * 2;
  const float text_height = static_cast<float>(lines.size()) * font_size;
  const std::size_t caret_line = line_of(lines, static_cast<std::size_t>(caret));
  const float caret_top = static_cast<float>(caret_line) * font_size;
  // The caret stays in view as it moves, not while a finger scrolls the text away from it.
  if (active && (!was_active || changed || caret != caret_before) && !dragging) {
    if (caret_top < scroll) scroll = caret_top;
    if (caret_top + font_size > scroll + inner_height) scroll = caret_top + font_size - inner_height;
  }
  scroll = std::clamp(scroll, 0.0f, std::max(0.0f, text_height - inner_height));
  layout.origin.y = box.Min.y + padding - scroll;
  storage.SetInt(caret_key, caret);
  storage.SetInt(anchor_key, anchor);
  storage.SetFloat(scroll_key, scroll);

  const Theme& theme = ui.theme;
  ImDrawList* draw = window->DrawList;
  const float border = std::max(1.0f, std::round(theme.border_units * ui.unit()));
  draw->AddRectFilled(box.Min, box.Max, ImGui::GetColorU32(theme.field), ImGui::GetStyle().FrameRounding);
  // The focus shows as a thicker outline.
  draw->AddRect(box.Min, box.Max, ImGui::GetColorU32(active ? theme.text : theme.border),
                ImGui::GetStyle().FrameRounding, 0, active ? border * 2.5f : border);
  const ImRect inner(box.Min.x + padding / 2, box.Min.y + padding / 2, box.Max.x - padding / 2,
                     box.Max.y - padding / 2);
  draw->PushClipRect(inner.Min, inner.Max, true);
  const std::size_t low = static_cast<std::size_t>(std::min(caret, anchor));
  const std::size_t high = static_cast<std::size_t>(std::max(caret, anchor));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const float y = layout.origin.y + static_cast<float>(i) * font_size;
    if (y + font_size < inner.Min.y || y > inner.Max.y) continue;
    const WrappedLine& line = lines[i];
    if (active && low < high && low <= line.end && high >= line.begin) {
      const float x0 = layout.origin.x + layout.x_of(i, std::max(low, line.begin));
      float x1 = layout.origin.x + layout.x_of(i, std::min(high, line.end));
      if (high > line.end) x1 += font_size / 4;  // the line break is selected too
      draw->AddRectFilled(ImVec2(x0, y), ImVec2(x1, y + font_size), ImGui::GetColorU32(theme.selection));
    }
    draw->AddText(font, font_size, ImVec2(layout.origin.x, y), ImGui::GetColorU32(theme.text),
                  text.data() + line.begin, text.data() + line.end);
    // Each line that shows whole is a text of the screen too, where it is (the script's measure
    // finds it before the whole text, recorded below at the box).
    if (y >= inner.Min.y && y + font_size <= inner.Max.y && line.end > line.begin) {
      const std::string_view shown(text.data() + line.begin, line.end - line.begin);
      ui.index.add(shown, {}, ImVec2(layout.origin.x, y), ImVec2(inner.Max.x, y + font_size), false);
    }
  }
  if (active) {
    const ImVec2 at(std::round(layout.origin.x + layout.x_of(caret_line, static_cast<std::size_t>(caret))),
                    layout.origin.y + caret_top);
    draw->AddLine(at, ImVec2(at.x, at.y + font_size), ImGui::GetColorU32(theme.text), std::max(2.0f, border));
    g.PlatformImePos = at;  // where the on-screen keyboard keeps the caret in view
  }
  draw->PopClipRect();

  record_last_item(ui, label, id, true);
  record_last_item(ui, buffer, {}, false);
  const std::size_t used = count_code_points(buffer);
  if (max_characters && used * 10 >= max_characters * 9) {
    note(ui, fill(ui.tr("field.count"),
                  {{"count", std::to_string(used)}, {"max", std::to_string(max_characters)}}));
  }
  storage.SetBool(focus_key, active);
  const bool left_after_edit = had_focus && !active && storage.GetBool(dirty_key);
  if (left_after_edit) storage.SetBool(dirty_key, false);
  return left_after_edit;
}

}  // namespace peiling::ui
