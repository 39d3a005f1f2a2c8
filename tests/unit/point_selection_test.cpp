#include "core/point_selection.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace peiling {
namespace {

std::vector<std::string> ids(int count) {
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) out.push_back("p" + std::to_string(i));
  return out;
}

TEST(PointSelection, PrefersTheLeastShownPoints) {
  const auto points = ids(5);
  std::map<std::string, int> shown{{"p0", 3}, {"p1", 0}, {"p2", 3}, {"p3", 1}, {"p4", 0}};
  std::mt19937_64 random(7);
  const auto chosen = choose_points(points, shown, 3, random);
  EXPECT_EQ(std::set<std::string>(chosen.begin(), chosen.end()), (std::set<std::string>{"p1", "p3", "p4"}));
}

TEST(PointSelection, RepeatedRespondentsStayWithinOneOfEachOther) {
  const auto points = ids(56);
  std::map<std::string, int> shown;
  std::mt19937_64 random(2009);
  for (int respondent = 0; respondent < 200; ++respondent) {
    const auto chosen = choose_points(points, shown, 12, random);
    ASSERT_EQ(chosen.size(), 12u);
    ASSERT_EQ(std::set<std::string>(chosen.begin(), chosen.end()).size(), 12u) << "no point twice";
    for (const auto& id : chosen) ++shown[id];
  }
  int least = 1 << 30;
  int most = 0;
  for (const auto& id : points) {
    least = std::min(least, shown[id]);
    most = std::max(most, shown[id]);
  }
  EXPECT_LE(most - least, 1);
  EXPECT_GT(least, 0);
}

TEST(PointSelection, OrderIsRandomNotPackOrder) {
  const auto points = ids(12);
  std::mt19937_64 random(1);
  std::set<std::vector<std::string>> orders;
  for (int i = 0; i < 5; ++i) orders.insert(choose_points(points, {}, 12, random));
  EXPECT_GT(orders.size(), 1u);
}

TEST(PointSelection, CountLargerThanThePackTakesAll) {
  std::mt19937_64 random(3);
  EXPECT_EQ(choose_points(ids(4), {}, 12, random).size(), 4u);
  EXPECT_TRUE(choose_points(ids(4), {}, 0, random).empty());
}

}  // namespace
}  // namespace peiling
