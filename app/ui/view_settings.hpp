#pragma once
// What a respondent can change about how the screens look: three text sizes (A, A+, A++) and
// high contrast. Also the font sizes behind the text sizes.
//
// ImGui 1.86 cannot add fonts while frames are running, so every size goes into the atlas at
// start-up. The sizes form one ladder, each step 1.21 times the last; a text size's heading
// is two steps above its body, its subheading one. Body A++ and heading A share a step, so five
// fonts serve three text sizes and the atlas stays small enough for a fast start.
#include <array>
#include <vector>

#include "ui/widgets.hpp"

namespace peiling::ui {

enum class TextSize { a, a_plus, a_plus_plus };
inline constexpr std::array kTextSizes{TextSize::a, TextSize::a_plus, TextSize::a_plus_plus};

// The respondent's choices. They live in AppState, so an idle reset restores the defaults for
// the next respondent.
struct ViewSettings {
  TextSize text_size = TextSize::a;
  bool high_contrast = false;

  bool operator==(const ViewSettings&) const = default;
};

// Body text of size A at scale 1, in logical pixels (1/160 inch).
inline constexpr float kBodyLogicalPx = 26.0f;

// Pixel sizes of the ladder at this scale, smallest first; one font per entry.
std::vector<float> font_ladder_pixels(float scale);

// The body and heading fonts of each text size, picked from a ladder built by
// font_ladder_pixels (same order and length).
class TextSizeFonts {
 public:
  explicit TextSizeFonts(const std::vector<ImFont*>& ladder);
  const Fonts& at(TextSize size) const { return by_size_[static_cast<std::size_t>(size)]; }

 private:
  std::array<Fonts, kTextSizes.size()> by_size_;
};

}  // namespace peiling::ui
