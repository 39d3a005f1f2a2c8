#include "ui/screen_index.hpp"

namespace peiling::ui {

void ScreenIndex::add(std::string_view label, std::string_view id, ImVec2 min, ImVec2 max, bool is_widget,
                      std::optional<std::pair<ImVec2, ImVec2>> full, bool broken_word, bool taller_than_view,
                      bool label_spills) {
  if (max.x <= min.x || max.y <= min.y) return;  // clipped away: not on screen
  const auto [full_min, full_max] = full.value_or(std::pair{min, max});
  building_.push_back(IndexedItem{std::string(label), std::string(id), min, max, is_widget, full_min,
                                  full_max, broken_word, taller_than_view, label_spills});
}

std::vector<const IndexedItem*> ScreenIndex::find_widgets(std::string_view name) const {
  std::vector<const IndexedItem*> found;
  for (const auto& item : published_) {
    if (item.is_widget && (item.label == name || item.id == name)) found.push_back(&item);
  }
  return found;
}

bool ScreenIndex::shows_text(std::string_view text) const {
  return find_text(text) != nullptr;
}

const IndexedItem* ScreenIndex::find_text(std::string_view text) const {
  for (const auto& item : published_) {
    if (item.label.find(text) != std::string::npos) return &item;
  }
  return nullptr;
}

std::string ScreenIndex::describe() const {
  std::string out;
  for (const auto& item : published_) {
    out += item.is_widget ? "  [" + item.label + "]\n" : "  " + item.label + "\n";
  }
  return out;
}

}  // namespace peiling::ui
