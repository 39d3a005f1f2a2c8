#include "ui/screen_index.hpp"

#include <gtest/gtest.h>

namespace peiling::ui {
namespace {

TEST(ScreenIndex, FindsWidgetsOfTheLastPublishedFrameByLabelOrId) {
  ScreenIndex index;
  index.begin_frame();
  index.add("Begin", "welcome.begin", ImVec2(10, 10), ImVec2(110, 50), true);
  index.add("Welkom bij de conferentie", "", ImVec2(0, 0), ImVec2(300, 20), false);
  EXPECT_TRUE(index.find_widgets("Begin").empty()) << "a frame being built is not yet on screen";
  index.end_frame();

  ASSERT_EQ(index.find_widgets("Begin").size(), 1u);
  ASSERT_EQ(index.find_widgets("welcome.begin").size(), 1u);
  EXPECT_FLOAT_EQ(index.find_widgets("Begin")[0]->center().x, 60.0f);
  EXPECT_FLOAT_EQ(index.find_widgets("Begin")[0]->center().y, 30.0f);
  EXPECT_TRUE(index.find_widgets("Welkom bij de conferentie").empty()) << "texts are not tappable widgets";
  EXPECT_TRUE(index.shows_text("de conferentie"));
  EXPECT_TRUE(index.shows_text("Begin"));
  EXPECT_FALSE(index.shows_text("Start"));
}

TEST(ScreenIndex, ClippedItemsAreNotOnScreen) {
  ScreenIndex index;
  index.begin_frame();
  index.add("Hidden", "hidden", ImVec2(10, 50), ImVec2(110, 50), true);
  index.end_frame();
  EXPECT_TRUE(index.find_widgets("Hidden").empty());
  EXPECT_FALSE(index.shows_text("Hidden"));
}

TEST(ScreenIndex, ANewFrameReplacesTheOldOne) {
  ScreenIndex index;
  index.begin_frame();
  index.add("Old", "old", ImVec2(0, 0), ImVec2(10, 10), true);
  index.end_frame();
  index.begin_frame();
  index.add("New", "new", ImVec2(0, 0), ImVec2(10, 10), true);
  index.end_frame();
  EXPECT_TRUE(index.find_widgets("Old").empty());
  EXPECT_EQ(index.find_widgets("New").size(), 1u);
}

}  // namespace
}  // namespace peiling::ui
