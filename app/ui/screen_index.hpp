#pragma once
// What the last frame showed: every visible text and every widget with its label, ID and
// rectangle. The --script driver taps widgets and checks texts through it, the way the ImGui
// test engine's item hooks do (that engine is neither in Debian nor compiled into libimgui).
#include <imgui.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace peiling::ui {

struct IndexedItem {
  std::string label;  // what the screen shows: a widget's label, or the text itself
  std::string id;     // a widget's stable ID, e.g. "welcome.begin"; empty for texts
  ImVec2 min;         // visible (clipped) rectangle in pixels
  ImVec2 max;
  bool is_widget = false;
  ImVec2 full_min;  // the whole rectangle, part of it perhaps scrolled or cut off
  ImVec2 full_max;
  bool broken_word = false;  // its label broke inside a word
  // Taller than the part of the screen it shows in (the scrolling body, or the screen): no scroll
  // ever shows it whole.
  bool taller_than_view = false;
  bool label_spills = false;  // its label's lines are taller than the widget, running over its edges

  // Whole to within half a pixel: a scrolled window's clip may fall between pixels.
  bool is_whole() const {
    const auto near = [](float a, float b) { return a - b < 0.5f && b - a < 0.5f; };
    return near(min.x, full_min.x) && near(min.y, full_min.y) && near(max.x, full_max.x) &&
           near(max.y, full_max.y);
  }

  ImVec2 center() const { return ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2); }
};

class ScreenIndex {
 public:
  void begin_frame() { building_.clear(); }
  void end_frame() { published_.swap(building_); }

  // min and max the visible part; full_min and full_max the whole (default: all of it is visible).
  void add(std::string_view label, std::string_view id, ImVec2 min, ImVec2 max, bool is_widget,
           std::optional<std::pair<ImVec2, ImVec2>> full = std::nullopt, bool broken_word = false,
           bool taller_than_view = false, bool label_spills = false);

  // Widgets of the last frame whose label or full ID equals name.
  std::vector<const IndexedItem*> find_widgets(std::string_view name) const;
  // Whether some text or widget label of the last frame contains text.
  bool shows_text(std::string_view text) const;
  // The first text or widget of the last frame whose label contains text, or null.
  const IndexedItem* find_text(std::string_view text) const;
  // Everything the last frame showed, in drawing order.
  const std::vector<IndexedItem>& items() const { return published_; }
  // The texts of the last frame, one per line, for error messages.
  std::string describe() const;

 private:
  std::vector<IndexedItem> building_;
  std::vector<IndexedItem> published_;
};

}  // namespace peiling::ui
