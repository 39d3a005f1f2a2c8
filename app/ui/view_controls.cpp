#include "ui/view_controls.hpp"

#include <array>
#include <string_view>

#include "ui/flow_row.hpp"

namespace peiling::ui {

namespace {

struct SizeButton {
  TextSize size;
  std::string_view label;
  std::string_view id;
};

constexpr std::array<SizeButton, kTextSizes.size()> kSizeButtons{{
    {TextSize::a, "A", "view.text.a"},
    {TextSize::a_plus, "A+", "view.text.a_plus"},
    {TextSize::a_plus_plus, "A++", "view.text.a_plus_plus"},
}};

// Half black, half white: contrast, without words that need translating.
constexpr std::string_view kContrastLabel = "\xE2\x97\x90";  // U+25D0
constexpr std::string_view kContrastId = "view.contrast";

std::array<float, kSizeButtons.size() + 1> button_widths(const Ui& ui) {
  std::array<float, kSizeButtons.size() + 1> widths{};
  for (std::size_t i = 0; i < kSizeButtons.size(); ++i) widths[i] = button_size(ui, kSizeButtons[i].label).x;
  widths.back() = button_size(ui, kContrastLabel).x;
  return widths;
}

}  // namespace

bool draw_view_controls(Ui& ui, ViewSettings& view) {
  const ViewSettings before = view;
  const auto widths = button_widths(ui);
  FlowRow row;
  for (std::size_t i = 0; i < kSizeButtons.size(); ++i) {
    const SizeButton& choice = kSizeButtons[i];
    row.place(widths[i]);
    const auto style = view.text_size == choice.size ? ButtonStyle::selected : ButtonStyle::secondary;
    if (button(ui, choice.label, choice.id, style)) view.text_size = choice.size;
  }
  row.place(widths.back());
  if (button(ui, kContrastLabel, kContrastId,
             view.high_contrast ? ButtonStyle::selected : ButtonStyle::secondary)) {
    view.high_contrast = !view.high_contrast;
  }
  return view != before;
}

float view_controls_width(const Ui& ui) {
  return row_width(button_widths(ui));
}

}  // namespace peiling::ui
