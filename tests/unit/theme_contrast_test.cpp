// WCAG 2.1 AA for both themes, computed from the theme's own colours: 4.5:1 for text (body
// size included), 3:1 for the outlines and fills that tell a control or its state apart.
#include <gtest/gtest.h>

#include <string>

#include "ui/theme.hpp"

namespace peiling::ui {
namespace {

constexpr float kTextMinimum = 4.5f;
constexpr float kNonTextMinimum = 3.0f;

ImVec4 gray(float level) {
  return ImVec4(level, level, level, 1.0f);
}

TEST(ContrastRatio, MatchesTheWcagReferenceValues) {
  EXPECT_NEAR(contrast_ratio(gray(0), gray(1)), 21.0f, 1e-3f);
  EXPECT_NEAR(contrast_ratio(gray(0.5f), gray(0.5f)), 1.0f, 1e-6f);
  // #767676 on white is the classic lightest gray that passes AA for body text.
  EXPECT_NEAR(contrast_ratio(gray(118.0f / 255.0f), gray(1)), 4.54f, 0.01f);
  EXPECT_FLOAT_EQ(contrast_ratio(gray(0.2f), gray(0.9f)), contrast_ratio(gray(0.9f), gray(0.2f)));
}

struct Pair {
  const char* what;
  ImVec4 Theme::*foreground;
  ImVec4 Theme::*background;
  float minimum;
};

const Pair kRequiredPairs[] = {
    {"body text on the background", &Theme::text, &Theme::background, kTextMinimum},
    {"muted text on the background", &Theme::muted_text, &Theme::background, kTextMinimum},
    {"typed text in a field", &Theme::text, &Theme::field, kTextMinimum},
    {"placeholder text in a field", &Theme::muted_text, &Theme::field, kTextMinimum},
    {"a failed save on the background", &Theme::error, &Theme::background, kTextMinimum},
    {"the saved tick on the background", &Theme::success, &Theme::background, kTextMinimum},
    {"selected text in a field", &Theme::text, &Theme::selection, kTextMinimum},
    {"secondary button text", &Theme::text, &Theme::secondary, kTextMinimum},
    {"secondary button text, pressed", &Theme::text, &Theme::secondary_hovered, kTextMinimum},
    {"primary button text", &Theme::primary_text, &Theme::primary, kTextMinimum},
    {"primary button text, pressed", &Theme::primary_text, &Theme::primary_hovered, kTextMinimum},
    {"selected option text", &Theme::primary_text, &Theme::selected, kTextMinimum},
    {"button outline against the background", &Theme::border, &Theme::background, kNonTextMinimum},
    {"field outline against the field", &Theme::border, &Theme::field, kNonTextMinimum},
    {"primary button fill against the background", &Theme::primary, &Theme::background, kNonTextMinimum},
    {"selected option against the background", &Theme::selected, &Theme::background, kNonTextMinimum},
    {"selected option against an unselected one", &Theme::selected, &Theme::secondary, kNonTextMinimum},
};

class ThemeContrast : public ::testing::TestWithParam<const Theme*> {};

TEST_P(ThemeContrast, EveryPairMeetsWcagAA) {
  const Theme& theme = *GetParam();
  for (const Pair& pair : kRequiredPairs) {
    const float ratio = contrast_ratio(theme.*pair.foreground, theme.*pair.background);
    EXPECT_GE(ratio, pair.minimum) << pair.what << ": " << ratio << ":1";
  }
}

TEST_P(ThemeContrast, ColoursAreOpaqueSoRatiosHoldOnAnyBackdrop) {
  const Theme& theme = *GetParam();
  for (const Pair& pair : kRequiredPairs) {
    EXPECT_EQ((theme.*pair.foreground).w, 1.0f) << pair.what;
    EXPECT_EQ((theme.*pair.background).w, 1.0f) << pair.what;
  }
}

INSTANTIATE_TEST_SUITE_P(Themes, ThemeContrast, ::testing::Values(&standard_theme(), &high_contrast_theme()),
                         [](const ::testing::TestParamInfo<const Theme*>& param_info) {
                           return std::string(param_info.param == &standard_theme() ? "Standard"
                                                                                    : "HighContrast");
                         });

TEST(HighContrastTheme, ReachesAAAForBodyTextAndDrawsThickerOutlines) {
  const Theme& high = high_contrast_theme();
  EXPECT_GE(contrast_ratio(high.text, high.background), 7.0f);
  EXPECT_GE(contrast_ratio(high.primary_text, high.primary), 7.0f);
  EXPECT_GT(high.border_units, standard_theme().border_units);
}

}  // namespace
}  // namespace peiling::ui
