#include "ui/widgets.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <ctime>
#include <string>

#include "core/json_file.hpp"
#include "ui/text_area.hpp"

namespace peiling::ui {

void record_last_item(Ui& ui, std::string_view label, std::string_view id, bool is_widget, LabelLines lines) {
  if (!ImGui::IsItemVisible()) return;
  const ImRect clip = ImGui::GetCurrentWindowRead()->ClipRect;
  ImRect rect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  const bool taller = ImGui::GetItemRectSize().y > clip.GetHeight() + 0.5f;
  rect.ClipWithFull(clip);
  ui.index.add(label, id, rect.Min, rect.Max, is_widget,
               std::pair{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()}, lines.broken_word, taller,
               lines.spills);
}

LabelLines draw_centered_lines(ImDrawList* draw, std::string_view text, ImVec2 min, ImVec2 size,
                               float wrap_width, ImU32 color, float font_size) {
  LabelLines lines;
  ImFont* font = ImGui::GetFont();
  if (font_size <= 0) font_size = ImGui::GetFontSize();
  const char* end = text.data() + text.size();
  const float block_height = font->CalcTextSizeA(font_size, FLT_MAX, wrap_width, text.data(), end).y;
  lines.spills = block_height > size.y + 0.5f;
  float y = min.y + (size.y - block_height) / 2;
  for (const char* line = text.data(); line < end;) {
    const char* line_end = font->CalcWordWrapPositionA(font_size / font->FontSize, line, end, wrap_width);
    if (line_end == line) line_end = line + 1;  // a word wider than the box still advances
    // A break between two characters of a word (not at a space, nor after a hyphen or a slash).
    if (line_end < end && *line_end != ' ' && *line_end != '\n' && line_end[-1] != ' ' &&
        line_end[-1] != '-' && line_end[-1] != '/')
      lines.broken_word = true;
    const float line_width = font->CalcTextSizeA(font_size, FLT_MAX, 0.0f, line, line_end).x;
    draw->AddText(font, font_size, ImVec2(min.x + (size.x - line_width) / 2, y), color, line, line_end);
    y += font_size;
    line = line_end;
    while (line < end && *line == ' ') ++line;
  }
  return lines;
}

float longest_word_width(std::string_view text, float font_size) {
  ImFont* font = ImGui::GetFont();
  float widest = 0;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find(' ', start), text.size());
    widest = std::max(
        widest, font->CalcTextSizeA(font_size, FLT_MAX, 0.0f, text.data() + start, text.data() + end).x);
    start = end + 1;
  }
  return widest;
}

LabelFit fit_label(const Ui& ui, std::string_view label, float width, float font_size) {
  // A word wider than the button (A++ on a screen 300 logical px wide) would break in two: the
  // label first sheds most of its padding, then takes a smaller size, at which its longest word
  // fits, rather than break it.
  if (font_size <= 0) font_size = ImGui::GetFontSize();
  const float longest = longest_word_width(label, font_size);
  float wrap = width - ImGui::GetStyle().FramePadding.x * 2;
  if (longest > wrap) wrap = std::max(wrap, width - std::round(ui.unit() * kLeastPaddingUnits) * 2);
  if (longest > wrap) font_size = std::floor(font_size * wrap / longest);
  return {font_size, wrap};
}

namespace {

// Wrapped text whose words wider than the line break with a hyphen, at the last character that
// leaves it room (ImGui breaks them anywhere, with none: "Werkconferen / tie"). Laid out as
// ImGui's own wrapped text is: one item, line under line.
constexpr int kLeastAfterHyphen = 3;  // characters of a word broken with a hyphen on its next line

void hyphenated(std::string_view text, float wrap_width) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize();
  const float scale = size / font->FontSize;
  const float hyphen = font->CalcTextSizeA(size, FLT_MAX, 0.0f, "-").x;
  const ImVec2 origin = window->DC.CursorPos;
  const char* end = text.data() + text.size();
  const auto width_of = [&](const char* from, const char* to) {
    return font->CalcTextSizeA(size, FLT_MAX, 0.0f, from, to).x;
  };
  const auto previous_character = [](const char* at, const char* floor) {
    do {
      --at;
    } while (at > floor && (static_cast<unsigned char>(*at) & 0xC0) == 0x80);
    return at;
  };
  float widest = 0;
  int lines = 0;
  const ImU32 color = ImGui::GetColorU32(ImGuiCol_Text);
  for (const char* line = text.data(); line < end; ++lines) {
    const char* line_end = font->CalcWordWrapPositionA(scale, line, end, wrap_width);
    const bool mid_word = line_end < end && line_end > line && *line_end != ' ' && *line_end != '\n' &&
                          line_end[-1] != ' ' && line_end[-1] != '-' && line_end[-1] != '/';
    if (mid_word) {
      while (line_end > line + 1 && width_of(line, line_end) + hyphen > wrap_width)
        line_end = previous_character(line_end, line);
      // Never one or two letters alone after the hyphen ("hulpverlener- / s").
      int rest = 0;
      for (const char* c = line_end; c < end && *c != ' ' && *c != '\n'; ++c)
        if ((static_cast<unsigned char>(*c) & 0xC0) != 0x80) ++rest;
      for (; rest < kLeastAfterHyphen && line_end > line + 2; ++rest)
        line_end = previous_character(line_end, line);
    }
    if (line_end == line) line_end = line + 1;  // not even one character fits: it goes anyway
    const ImVec2 at(origin.x, origin.y + size * static_cast<float>(lines));
    window->DrawList->AddText(font, size, at, color, line, line_end);
    float width = width_of(line, line_end);
    if (mid_word) {
      window->DrawList->AddText(font, size, ImVec2(at.x + width, at.y), color, "-");
      width += hyphen;
    }
    widest = std::max(widest, width);
    line = line_end;
    while (line < end && *line == ' ') ++line;
    if (line < end && *line == '\n') ++line;
  }
  const ImRect box(origin, ImVec2(origin.x + widest, origin.y + size * static_cast<float>(lines)));
  ImGui::ItemSize(box.GetSize(), 0.0f);
  ImGui::ItemAdd(box, 0);
}

void wrapped(Ui& ui, std::string_view text, ImFont* font, const ImVec4& color) {
  ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  // Wrap where the screen asked for (a column), else at the window's edge.
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const bool column_set = window->DC.TextWrapPos >= 0.0f;
  if (!column_set) ImGui::PushTextWrapPos(0.0f);
  const float wrap_width = ImGui::CalcWrapWidthForPos(window->DC.CursorPos, window->DC.TextWrapPos);
  if (longest_word_width(text, ImGui::GetFontSize()) > wrap_width) {
    hyphenated(text, wrap_width);
  } else {
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
  }
  if (!column_set) ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();
  record_last_item(ui, text, {}, false);
}

// The widest a button may be: the width of the window's content or of the table cell it is in,
// so that a long label wraps instead of running off a narrow screen.
float widest_button() {
  return ImGui::GetCurrentWindowRead()->WorkRect.GetWidth();
}

// A button's box and its label, wrapped and centred, at font_size (0: the current font's); the
// look of button() and choice_grid().
LabelLines draw_button_face(Ui& ui, std::string_view label, ImVec4 fill, ImVec4 text_color, bool thick_border,
                            float font_size = 0) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, ImGui::GetColorU32(fill), style.FrameRounding);
  draw->AddRect(min, max, ImGui::GetColorU32(ui.theme.border), style.FrameRounding, 0,
                thick_border ? 3.0f : style.FrameBorderSize);
  const ImVec2 size(max.x - min.x, max.y - min.y);
  const LabelFit fit = fit_label(ui, label, size.x, font_size);
  return draw_centered_lines(draw, label, min, size, fit.wrap, ImGui::GetColorU32(text_color), fit.font_size);
}

// A button at most this share of the part of the screen it scrolls in, so that a finger brings it
// whole into view with room to spare.
constexpr float kMostOfView = 0.8f;
// How far a long label in a list may shrink to stay within that: at A++, to a little below A.
constexpr float kLeastLabelScale = 0.6f;

}  // namespace

void text(Ui& ui, std::string_view text) {
  wrapped(ui, text, ui.fonts.body, ui.theme.text);
}

void note(Ui& ui, std::string_view text) {
  wrapped(ui, text, ui.fonts.body, ui.theme.muted_text);
}

void heading(Ui& ui, std::string_view text, bool sub) {
  // A word wider than the column would break mid-word ("Werkconferenti / e" at 600x900, scale
  // 2): then the heading steps down to the subheading font, and below that to the body font, the
  // first whose words fit (straight to body, "Het onderbuikgevoel van de juf" read as body text).
  const ImGuiWindow* window = ImGui::GetCurrentWindowRead();
  const float wrap_at = window->DC.TextWrapPos >= 0.0f ? window->DC.TextWrapPos
                                                       : ImGui::GetContentRegionMaxAbs().x - window->Pos.x;
  const float room = wrap_at - ImGui::GetCursorPosX();
  const auto words_fit = [&](ImFont* font) {
    ImGui::PushFont(font);
    const bool fit = longest_word_width(text, ImGui::GetFontSize()) <= room;
    ImGui::PopFont();
    return fit;
  };
  ImFont* font = ui.fonts.heading;
  if (ui.fonts.subheading && (sub || !words_fit(font))) font = ui.fonts.subheading;
  // Where even the body font's words are wider than the column (A++ at 600x900, scale 2), they
  // break with a hyphen (wrapped()).
  if (!words_fit(font)) font = ui.fonts.body;
  wrapped(ui, text, font, ui.theme.text);
}

bool button(Ui& ui, std::string_view label, std::string_view id, ButtonStyle style, ImVec2 size,
            float font_size) {
  ImGui::PushID(id.data(), id.data() + id.size());
  const bool pressed = ImGui::InvisibleButton("button", button_size(ui, label, size));
  ImGui::PopID();
  const bool lit = ImGui::IsItemActive() || ImGui::IsItemHovered();
  const Theme& theme = ui.theme;
  ImVec4 fill = style == ButtonStyle::primary    ? theme.primary
                : style == ButtonStyle::selected ? theme.selected
                                                 : theme.secondary;
  if (lit) fill = style == ButtonStyle::secondary ? theme.secondary_hovered : theme.primary_hovered;
  const LabelLines lines = draw_button_face(
      ui, label, fill, style == ButtonStyle::secondary ? theme.text : theme.primary_text, false, font_size);
  record_last_item(ui, label, id, true, lines);
  return pressed;
}

int choice_grid(Ui& ui, const std::vector<std::string>& labels, const std::vector<std::string>& ids,
                int selected, float min_width) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float available = ImGui::CalcItemWidth();  // the column the screen pushed
  const int count = static_cast<int>(labels.size());
  // A button is never narrower than its longest word: words must not break mid-word.
  for (const auto& label : labels) {
    min_width =
        std::max(min_width, longest_word_width(label, ImGui::GetFontSize()) + style.FramePadding.x * 2);
  }
  const int fitting =
      std::clamp(static_cast<int>((available + style.ItemSpacing.x) / (min_width + style.ItemSpacing.x)), 1,
                 std::max(count, 1));
  // Rows as even as possible: six choices in three columns make two full rows, not four and two.
  const int rows = (count + fitting - 1) / fitting;
  const int columns = rows > 0 ? (count + rows - 1) / rows : 1;
  const float width =
      (available - style.ItemSpacing.x * static_cast<float>(columns - 1)) / static_cast<float>(columns);
  // Every button in the grid is as tall as the tallest label needs. Where that is more than the
  // screen can show at once (a long title at A++ on a small screen), the labels shed most of their
  // padding, then take a smaller size, down to about text size A's.
  ImFont* font = ImGui::GetFont();
  ImVec2 padding = style.FramePadding;
  const auto tallest_label = [&](float font_size) {
    float tallest = font_size;
    for (const auto& label : labels) {
      tallest =
          std::max(tallest, font->CalcTextSizeA(font_size, FLT_MAX, width - padding.x * 2, label.c_str()).y);
    }
    return tallest;
  };
  const float most = ImGui::GetCurrentWindowRead()->ClipRect.GetHeight() * kMostOfView;
  float font_size = ImGui::GetFontSize();
  float text_height = tallest_label(font_size);
  const bool too_tall = text_height + padding.y * 2 > most;
  if (too_tall) {
    padding = ImVec2(std::round(ui.unit() * kLeastPaddingUnits), std::round(ui.unit() * 0.2f));
    text_height = tallest_label(font_size);
  }
  const float least_size = std::floor(font_size * kLeastLabelScale);
  while (text_height + padding.y * 2 > most && font_size > least_size)
    text_height = tallest_label(--font_size);
  const ImVec2 size(width, std::max(text_height + padding.y * 2, ui.min_target()));
  if (too_tall) ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, padding);

  int tapped = -1;
  for (int i = 0; i < count; ++i) {
    if (i % columns != 0) ImGui::SameLine();
    ImGui::PushID(ids[static_cast<std::size_t>(i)].c_str());
    if (ImGui::InvisibleButton("choice", size)) tapped = i;
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    const bool chosen = i == selected;
    const ImVec4 fill = chosen    ? ui.theme.selected
                        : hovered ? ui.theme.secondary_hovered
                                  : ui.theme.secondary;
    const std::string& label = labels[static_cast<std::size_t>(i)];
    const LabelLines lines =
        draw_button_face(ui, label, fill, chosen ? ui.theme.primary_text : ui.theme.text, chosen, font_size);
    record_last_item(ui, label, ids[static_cast<std::size_t>(i)], true, lines);
  }
  if (too_tall) ImGui::PopStyleVar();
  return tapped;
}

bool text_field(Ui& ui, std::string_view label, std::string_view id, std::string& buffer, ImVec2 size,
                std::size_t max_characters) {
  return text_area(ui, label, id, buffer, size, max_characters);
}

namespace {

// A note on one line, its font made smaller where the line is too wide, down to
// kLeastLabelScale; below that it wraps as a note does.
void one_line_note(Ui& ui, std::string_view text) {
  ImGui::PushFont(ui.fonts.body);
  const float width = ImGui::CalcTextSize(text.data(), text.data() + text.size()).x;
  const float room = ImGui::GetContentRegionAvail().x;
  const float shrink = width > room ? room / width : 1.0f;
  if (shrink < kLeastLabelScale) {
    ImGui::PopFont();
    note(ui, text);
    return;
  }
  const float font_size = std::floor(ImGui::GetFontSize() * shrink);
  ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), font_size, ImGui::GetCursorScreenPos(),
                                      ImGui::GetColorU32(ui.theme.muted_text), text.data(),
                                      text.data() + text.size());
  ImGui::Dummy(ImVec2(std::min(width * shrink, room), font_size));
  ImGui::PopFont();
  record_last_item(ui, text, {}, false);
}

}  // namespace

void progress_bar(Ui& ui, float fraction, std::string_view text, float width) {
  const float unit = ui.unit();
  const float height = unit * 0.4f;
  const auto bar = [&](float line_height) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float y = pos.y + (line_height - height) / 2;
    draw->AddRectFilled(ImVec2(pos.x, y), ImVec2(pos.x + width, y + height),
                        ImGui::GetColorU32(ui.theme.secondary), height / 2);
    draw->AddRectFilled(ImVec2(pos.x, y),
                        ImVec2(pos.x + width * std::clamp(fraction, 0.0f, 1.0f), y + height),
                        ImGui::GetColorU32(ui.theme.primary), height / 2);
    // Outlined, so the track reads as a whole: in high contrast it is as black as the page, and
    // the bar alone said nothing of how far there is to go.
    draw->AddRect(ImVec2(pos.x, y), ImVec2(pos.x + width, y + height), ImGui::GetColorU32(ui.theme.border),
                  height / 2, 0, ImGui::GetStyle().FrameBorderSize);
    ImGui::Dummy(ImVec2(width, line_height));
  };
  const float text_width = ImGui::CalcTextSize(text.data(), text.data() + text.size()).x;
  // Unsized, it gives way to its text down to a quarter of its width, so both keep one row: on a
  // narrow screen a row of its own took a point card a line.
  if (width <= 0) {
    const float beside =
        std::floor(ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x - text_width);
    if (beside < unit * 2) {
      // Even a quarter leaves the text no room beside it ("Gemiste kans 1 van 10" at 600x900,
      // scale 2): the text, and the bar under it as a thin line, rather than a line of its own
      // (which left the page's body too short to scroll alone, and Next went below the fold).
      // The text keeps to one line too, smaller where it must ("Missed opportunity 2 of 10"
      // took two there).
      one_line_note(ui, text);
      width = std::min(unit * 8, ImGui::GetContentRegionAvail().x);
      bar(height);
      return;
    }
    width = std::min(unit * 8, beside);
  }
  bar(ImGui::GetTextLineHeight());
  // Beside the bar when it fits on the line, else below it.
  if (ImGui::GetStyle().ItemSpacing.x + text_width <= ImGui::GetContentRegionAvail().x - width)
    ImGui::SameLine();
  note(ui, text);
}

bool ScrollingBody::fits(const Ui& ui, float footer_height) {
  const float height = ImGui::GetContentRegionAvail().y - footer_height;
  // Decided as if the keyboard were down, and kept while text is typed: the view controls step
  // aside for the keyboard and leave more room, and switching then would take the text field
  // into another window, where it would lose the focus that brought the keyboard up (the page
  // jumped to its top and typing went nowhere on small screens).
  ImGuiStorage& storage = *ImGui::GetStateStorage();
  const ImGuiID fits_key = ImGui::GetID("scrolling body fits");
  const bool room = height + ui.keyboard_height >= ui.min_target() * kMinBodyInTargets;
  return text_area_active() ? storage.GetBool(fits_key, room) : room;
}

std::optional<ScrollingBody> ScrollingBody::begin(Ui& ui, std::string_view id, float footer_height) {
  const float height = ImGui::GetContentRegionAvail().y - footer_height;
  const bool fits = ScrollingBody::fits(ui, footer_height);
  if (!text_area_active()) ImGui::GetStateStorage()->SetBool(ImGui::GetID("scrolling body fits"), fits);
  if (!fits) return std::nullopt;
  const std::string child_id(id);
  // Little padding at its top: the header above already ends in a spacing.
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding,
                      ImVec2(ImGui::GetStyle().WindowPadding.x, std::round(ui.unit() * 0.3f)));
  ImGui::BeginChild(child_id.c_str(), ImVec2(0, std::max(height, ImGui::GetFontSize())), false);
  ImGui::PopStyleVar();
  ui.page_body = ImGui::GetCurrentWindow()->ID;
  return ScrollingBody();
}

ScrollingBody::~ScrollingBody() {
  if (open_) ImGui::EndChild();
}

ImVec2 button_size(const Ui& ui, std::string_view label, ImVec2 size) {
  const ImVec2 padding = ImGui::GetStyle().FramePadding;
  const float one_line = ImGui::CalcTextSize(label.data(), label.data() + label.size()).x + padding.x * 2;
  const float width = size.x > 0 ? size.x : std::min(one_line, std::max(widest_button(), ui.min_target()));
  const ImVec2 text =
      ImGui::CalcTextSize(label.data(), label.data() + label.size(), false, width - padding.x * 2);
  const ImVec2 fitted =
      ImGui::CalcItemSize(ImVec2(width, size.y), text.x + padding.x * 2, text.y + padding.y * 2);
  // Whole pixels, so that the next button in a row starts on one too and outlines stay crisp.
  return ImVec2(std::ceil(std::max(fitted.x, ui.min_target())),
                std::ceil(std::max(fitted.y, ui.min_target())));
}

std::string format_local_minutes(UtcMillis instant) {
  const std::time_t seconds = static_cast<std::time_t>(instant / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%d %H:%M", &local);
  return out;
}

}  // namespace peiling::ui
