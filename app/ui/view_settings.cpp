#include "ui/view_settings.hpp"

#include <cmath>

namespace peiling::ui {

namespace {

constexpr float kLadderStep = 1.21f;
constexpr std::size_t kHeadingSteps = 2;  // 1.21^2 = 1.46: heading 38 px over body 26 px
constexpr std::size_t kLadderLength = kTextSizes.size() + kHeadingSteps;

}  // namespace

std::vector<float> font_ladder_pixels(float scale) {
  std::vector<float> pixels;
  for (std::size_t step = 0; step < kLadderLength; ++step) {
    // Whole pixels keep glyphs crisp on the pixel grid.
    pixels.push_back(std::round(kBodyLogicalPx * scale * std::pow(kLadderStep, static_cast<float>(step))));
  }
  return pixels;
}

TextSizeFonts::TextSizeFonts(const std::vector<ImFont*>& ladder) {
  for (std::size_t size = 0; size < by_size_.size(); ++size) {
    by_size_[size] =
        Fonts{ladder.at(size), ladder.at(size + kHeadingSteps), ladder.at(size + 1), ladder.at(0)};
  }
}

}  // namespace peiling::ui
