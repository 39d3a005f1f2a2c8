#pragma once
// The widgets every screen is built from. Each one records itself in the ScreenIndex, so the
// script driver and the tests can find it by its label.
#include <imgui.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/catalog.hpp"
#include "core/utc_time.hpp"
#include "ui/character_stand_ins.hpp"
#include "ui/interaction.hpp"
#include "ui/screen_index.hpp"
#include "ui/theme.hpp"

namespace peiling::ui {

struct Fonts {
  ImFont* body = nullptr;
  ImFont* heading = nullptr;
  // One step above body, between the two (GOV.UK's heading-m): what a page of many parts, such as
  // a point card, heads its part with. Null: the heading font.
  ImFont* subheading = nullptr;
  // The body font of text size A: what the top bar takes where it would not fit one row at the
  // text size chosen (draw_top_bar). Null: the body font.
  ImFont* controls = nullptr;
};

// The smallest side of anything a finger taps: 9 mm, in logical pixels (1/160 inch).
inline constexpr float kMinTargetLogicalPx = 57.0f;

// A part of a scrolling window to bring whole into view, in this frame's screen coordinates: once
// a point card's question is answered, the next one (or, after the last, Next). TouchScroll
// glides the window there, unless the part shows whole already or a finger holds the screen.
struct Reveal {
  ImGuiID window = 0;
  float min_y = 0;
  float max_y = 0;
};

// What a screen needs to draw: where to record widgets, the strings and language, the look.
struct Ui {
  ScreenIndex& index;
  const Catalog& catalog;
  std::string_view language;
  Fonts fonts;
  const Theme& theme;
  float scale = 1.0f;  // physical pixels per logical pixel
  // The pointer and the clock for components that follow gestures or animate (touch scrolling,
  // the on-screen keyboard); they stay still without it.
  Interaction* interaction = nullptr;
  // The height the app's keyboard covers at the bottom of the screen, 0 when it is hidden.
  float keyboard_height = 0;
  // Lets text fields hold emoji; without it they keep only characters up to U+FFFF.
  CharacterStandIns* stand_ins = nullptr;
  // The window of this frame's page body (ScrollingBody), 0 for none: a wheel or a drag over the
  // part of the page pinned above it, where nothing else scrolls, scrolls the body.
  ImGuiID page_body = 0;
  // A text area under this frame's press scrolls its own text: the page does not take the drag.
  bool text_takes_drag = false;
  // What this frame asks to bring into view, if anything.
  std::optional<Reveal> reveal;

  std::string_view tr(std::string_view key) const { return catalog.text(language, key); }
  float unit() const { return fonts.body->FontSize; }
  float min_target() const { return kMinTargetLogicalPx * scale; }
};

// A moment as the device's clock shows it, to the minute: "2010-03-02 14:05".
std::string format_local_minutes(UtcMillis instant);

// Wrapped text in the body font.
void text(Ui& ui, std::string_view text);
// Wrapped text in a muted colour.
void note(Ui& ui, std::string_view text);
// Wrapped text in the heading font (or the subheading font).
void heading(Ui& ui, std::string_view text, bool sub = false);

enum class ButtonStyle { primary, secondary, selected };

// A button labelled label, identified by id (unique on the screen). size 0 means fit the text.
// Neither side is ever smaller than ui.min_target(). font_size 0: the current font's, smaller
// where a word would not fit (fit_label); a row of buttons passes the size they share.
bool button(Ui& ui, std::string_view label, std::string_view id, ButtonStyle style,
            ImVec2 size = ImVec2(0, 0), float font_size = 0);
// A label in a button width wide: the font size (at most font_size, 0: the current font's) at
// which its longest word fits, and the width it wraps at.
struct LabelFit {
  float font_size;
  float wrap;
};
inline constexpr float kLeastPaddingUnits = 0.25f;  // beside a label that sheds padding to fit
LabelFit fit_label(const Ui& ui, std::string_view label, float width, float font_size = 0);
// The size button() will give a button with this label; for laying out rows before drawing.
ImVec2 button_size(const Ui& ui, std::string_view label, ImVec2 size = ImVec2(0, 0));

// A grid of large choice buttons whose labels wrap inside them, as wide as the current item
// width (ImGui::PushItemWidth); rows wrap rather than shrink buttons below min_width. ids[i] identifies
// option i for the script driver. Returns the index tapped, or -1.
int choice_grid(Ui& ui, const std::vector<std::string>& labels, const std::vector<std::string>& ids,
                int selected, float min_width);

// A text field at least of the given size, holding at most max_characters (0: no limit); near
// the limit a counter shows how many are used. It is the app's own text area (text_area.hpp):
// words wrap, the box grows with its text. The script driver finds it by label (tap) and sees its
// contents as text on screen (expect). Returns true when the respondent has left the field after
// changing it: the moment to save.
bool text_field(Ui& ui, std::string_view label, std::string_view id, std::string& buffer, ImVec2 size,
                std::size_t max_characters = 0);

// The middle of a screen that scrolls between a header and a footer that stay put: open from
// begin() until destroyed. begin() returns nothing when header and footer leave it too little
// room (a small screen, large text); then the whole screen scrolls as one.
class ScrollingBody {
 public:
  static constexpr float kMinBodyInTargets = 3.0f;  // the least height, in touch targets

  static std::optional<ScrollingBody> begin(Ui& ui, std::string_view id, float footer_height);
  // Whether begin() would open one here.
  static bool fits(const Ui& ui, float footer_height);
  ScrollingBody(ScrollingBody&& other) noexcept : open_(std::exchange(other.open_, false)) {}
  ScrollingBody& operator=(ScrollingBody&&) = delete;
  ~ScrollingBody();

 private:
  ScrollingBody() = default;
  bool open_ = true;
};

// For widgets built on these: records the last ImGui item in the index, clipped to its window;
// draws text wrapped at wrap_width, each line centred in the box at min of size, at font_size
// (0: the current font's); the width of the widest word of text at font_size.
// record_last_item takes what draw_centered_lines says of a widget's label, which the sweep over
// every size looks for.
struct LabelLines {
  bool broken_word = false;  // a line broke inside a word
  bool spills = false;       // the lines are taller than their box: they run over its edges
};
void record_last_item(Ui& ui, std::string_view label, std::string_view id, bool is_widget,
                      LabelLines lines = {});
LabelLines draw_centered_lines(ImDrawList* draw, std::string_view text, ImVec2 min, ImVec2 size,
                               float wrap_width, ImU32 color, float font_size = 0);
float longest_word_width(std::string_view text, float font_size);

// A thin bar showing fraction (0..1) with text beside it.
// width 0: 8 units, narrower where that keeps the text beside the bar.
void progress_bar(Ui& ui, float fraction, std::string_view text, float width = 0);

}  // namespace peiling::ui
