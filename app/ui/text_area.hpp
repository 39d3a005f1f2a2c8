#pragma once
// The app's own text area, in place of ImGui 1.86's multi-line field, which does not wrap words
// and is a child window of its own (so on a page that scrolls as a whole it scrolled out of reach
// of the keyboard). Words wrap at the box's width; the box grows with the text up to a height and
// then scrolls inside; a caret and a selection are placed by tapping and by dragging inside the
// field once it has the focus; a drag that starts on a field without the focus scrolls the page,
// as everywhere. Typing, Backspace, Delete, the arrows, Home, End, Enter, Ctrl+A, Ctrl+C, Ctrl+X
// and Ctrl+V work from a hardware keyboard and from the app's own keyboard, which types the same
// events.
//
// It takes part in ImGui's text input the way ImGui's own field does: while it has the focus it
// is ImGui's active item and holds ImGui's text-input state id, asks for text input and tells
// where its caret is (PlatformImePos), so the on-screen keyboard shows above it and keeps the
// caret in view by scrolling the window the area is in. Its caret, selection and inner scroll
// live in that window's state storage: each respondent's fresh widget ids start them afresh.
#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

#include "ui/widgets.hpp"

namespace peiling::ui {

// A text as the area lays it out: lines of byte ranges [begin, end) of the text, each wrapped
// word ending the line keeping its spaces; a line break ends a line without being in it.
struct WrappedLine {
  std::size_t begin = 0, end = 0;
};
std::vector<WrappedLine> wrap_lines(ImFont* font, float font_size, std::string_view text, float width);

// The area: label (for the script driver), id, the text, its width and least height, and at most
// max_characters code points (0: no limit; a counter shows from 90 % of it). Returns true when
// the respondent has left it after changing it: the moment to save.
bool text_area(Ui& ui, std::string_view label, std::string_view id, std::string& buffer, ImVec2 size,
               std::size_t max_characters = 0);

// Whether an area (or any field holding ImGui's text-input state) has the keyboard's focus.
bool text_area_active();

}  // namespace peiling::ui
