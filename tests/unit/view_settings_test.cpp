#include "ui/view_settings.hpp"

#include <gtest/gtest.h>

namespace peiling::ui {
namespace {

TEST(FontLadder, ThreeBodySizesAndTwoHeadingStepsInWholePixels) {
  EXPECT_EQ(font_ladder_pixels(1.0f), (std::vector<float>{26, 31, 38, 46, 56}));
}

TEST(FontLadder, ScalesWithTheDisplay) {
  EXPECT_EQ(font_ladder_pixels(2.0f), (std::vector<float>{52, 63, 76, 92, 111}));
}

TEST(TextSizeFonts, HeadingIsTwoStepsAboveBodySoStepsAreShared) {
  std::vector<ImFont> ladder(font_ladder_pixels(1.0f).size());
  std::vector<ImFont*> pointers;
  for (auto& font : ladder) pointers.push_back(&font);
  const TextSizeFonts fonts(pointers);
  EXPECT_EQ(fonts.at(TextSize::a).body, &ladder[0]);
  EXPECT_EQ(fonts.at(TextSize::a).heading, &ladder[2]);
  EXPECT_EQ(fonts.at(TextSize::a_plus).body, &ladder[1]);
  EXPECT_EQ(fonts.at(TextSize::a_plus).heading, &ladder[3]);
  EXPECT_EQ(fonts.at(TextSize::a_plus_plus).body, &ladder[2]);
  EXPECT_EQ(fonts.at(TextSize::a_plus_plus).heading, &ladder[4]);
}

TEST(TextSizeFonts, RefusesALadderOfTheWrongLength) {
  ImFont font;
  EXPECT_THROW(TextSizeFonts(std::vector<ImFont*>{&font, &font}), std::out_of_range);
}

}  // namespace
}  // namespace peiling::ui
