// The aggregation against fixtures computed by hand (the figures are worked out in the comments).
#include "core/aggregation.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <numeric>

#include "support/survey_builder.hpp"

namespace peiling {
namespace {

Pack fixture_pack() {
  auto loaded = load_pack_file(std::filesystem::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs" /
                               "valid-minimal.json");
  EXPECT_TRUE(loaded.ok()) << loaded.errors().joined();
  Pack pack = loaded.ok() ? loaded->pack : Pack{};
  pack.settings.top_n_size = 3;  // first choice counts 3, second 2, third 1
  return pack;
}

using Builder = test::SurveyBuilder;

// r0 executive: wg1-1 importance 5, feasibility 4; wg2-1 3 and 1; top wg1-1, wg2-1
// r1 executive: wg1-1 4 and no opinion; wg2-1 2 and 2; top wg2-1, plenary-1, wg1-1
// r2 frontline: wg1-1 4 and 5; top wg1-1
// r3 frontline, abandoned: wg1-1 1 and 1; top plenary-1
Builder small_fixture() {
  Builder b;
  const auto r0 = b.add("executive"), r1 = b.add("executive"), r2 = b.add("frontline"),
             r3 = b.add("frontline", false);
  for (auto r : {r0, r1, r2, r3}) b.show(r, "wg1-1");
  for (auto r : {r0, r1}) b.show(r, "wg2-1");
  b.show(r2, "visit-1");  // shown, never answered
  b.rate(r0, "wg1-1", "importance", 5), b.rate(r0, "wg1-1", "feasibility", 4);
  b.rate(r0, "wg2-1", "importance", 3), b.rate(r0, "wg2-1", "feasibility", 1);
  b.rate(r1, "wg1-1", "importance", 4), b.rate(r1, "wg1-1", "feasibility", kNoOpinion);
  b.rate(r1, "wg2-1", "importance", 2), b.rate(r1, "wg2-1", "feasibility", 2);
  b.rate(r2, "wg1-1", "importance", 4), b.rate(r2, "wg1-1", "feasibility", 5);
  b.rate(r3, "wg1-1", "importance", 1), b.rate(r3, "wg1-1", "feasibility", 1);
  b.choose(r0, "wg1-1", 1), b.choose(r0, "wg2-1", 2);
  b.choose(r1, "wg2-1", 1), b.choose(r1, "plenary-1", 2), b.choose(r1, "wg1-1", 3);
  b.choose(r2, "wg1-1", 1);
  b.choose(r3, "plenary-1", 1);
  b.comment(r2, "wg1-1", "zeker; \"nu\"");
  b.comment(r0, "wg1-1", "al gedaan");
  b.comment(r3, "wg1-1", "abandoned text");
  b.answer(r1, "to-organisers", "dank");
  b.rate(r0, "mo-1", "recognisability", 3);
  return b;
}

const ItemSummary& point(const Aggregate& aggregate, std::string_view id) {
  for (const auto& item : aggregate.points) {
    if (item.item_id == id) return item;
  }
  ADD_FAILURE() << "no point " << id;
  return aggregate.points.front();
}

TEST(Aggregation, CountsMeansMediansAndIntervalsOfCompleteResponses) {
  const Builder b = small_fixture();
  const Aggregate result = aggregate(b.data, fixture_pack(), {1, false});
  EXPECT_EQ(result.responses, 3);
  EXPECT_EQ(result.complete, 3);
  EXPECT_EQ(result.abandoned_excluded, 1);
  EXPECT_EQ(result.devices, 2);
  EXPECT_EQ(result.first_started, 1000);
  EXPECT_EQ(result.last_ended, 2002);

  const ItemSummary& wg1 = point(result, "wg1-1");
  const ScaleSummary& importance = *wg1.scale("importance");
  EXPECT_EQ(importance.shown, 3);
  EXPECT_EQ(importance.rated, 3);
  EXPECT_EQ(importance.no_opinion, 0);
  EXPECT_EQ(importance.distribution, (std::vector<int>{0, 0, 0, 2, 1}));
  EXPECT_NEAR(*importance.mean, 13.0 / 3, 1e-9);  // 5, 4, 4
  EXPECT_DOUBLE_EQ(*importance.median, 4);
  EXPECT_FALSE(importance.ci95) << "three ratings are too few for an interval";

  const ScaleSummary& feasibility = *wg1.scale("feasibility");
  EXPECT_EQ(feasibility.shown, 3);
  EXPECT_EQ(feasibility.rated, 2);
  EXPECT_EQ(feasibility.no_opinion, 1);
  EXPECT_DOUBLE_EQ(*feasibility.mean, 4.5);
  EXPECT_DOUBLE_EQ(*feasibility.median, 4.5);  // the mean of the middle two
  EXPECT_FALSE(feasibility.ci95);

  const ItemSummary& wg2 = point(result, "wg2-1");
  EXPECT_DOUBLE_EQ(*wg2.scale("importance")->mean, 2.5);
  EXPECT_DOUBLE_EQ(*wg2.scale("importance")->median, 2.5);
  EXPECT_DOUBLE_EQ(*wg2.scale("feasibility")->mean, 1.5);

  const ItemSummary& visit = point(result, "visit-1");
  EXPECT_EQ(visit.scale("importance")->shown, 1);
  EXPECT_EQ(visit.scale("importance")->rated, 0);
  EXPECT_FALSE(visit.scale("importance")->mean);
  EXPECT_FALSE(visit.scale("importance")->ci95);

  ASSERT_EQ(result.other_items.size(), 1u);
  EXPECT_EQ(result.other_items[0].item_id, "mo-1");
  EXPECT_EQ(result.other_items[0].scales.at(0).distribution, (std::vector<int>{0, 0, 1}));
}

// wg1-1 importance with the abandoned r3: 5, 4, 4 and 1, so three of four rated 4 or 5; by role,
// executive 5 and 4 (both), frontline 4 and 1 (half).
TEST(Aggregation, RatingsAtLeastAValueOverallAndByRole) {
  const Aggregate result = aggregate(small_fixture().data, fixture_pack(), {1, true});
  const ScaleSummary& importance = *point(result, "wg1-1").scale("importance");
  EXPECT_EQ(importance.rated, 4);
  EXPECT_EQ(importance.rated_at_least(4), 3);
  EXPECT_EQ(importance.rated_at_least(1), 4);
  EXPECT_EQ(importance.rated_at_least(6), 0);
  EXPECT_EQ(point(result, "visit-1").scale("importance")->rated_at_least(1), 0) << "nobody rated it";
  std::map<std::string, std::pair<int, int>> by_role;  // (4 or 5, rated)
  for (const auto& group : result.by_role.groups) {
    for (const auto& item : group.points) {
      const ScaleSummary& scale = *item.scale("importance");
      if (item.item_id == "wg1-1") by_role[group.key] = {scale.rated_at_least(4), scale.rated};
    }
  }
  EXPECT_EQ(by_role,
            (std::map<std::string, std::pair<int, int>>{{"executive", {2, 2}}, {"frontline", {1, 2}}}));
}

// Five ratings of wg1-1 importance: 2, 3, 3, 4, 3; of wg2-1: 5, 5, 5, 5, 4; a sixth respondent
// rates only feasibility.
TEST(Aggregation, IntervalsNeedFiveRatingsAndStayWithinTheScale) {
  Builder b;
  const int wg1[] = {2, 3, 3, 4, 3};
  const int wg2[] = {5, 5, 5, 5, 4};
  for (int i = 0; i < 5; ++i) {
    const auto r = b.add("executive");
    b.rate(r, "wg1-1", "importance", wg1[i]);
    b.rate(r, "wg2-1", "importance", wg2[i]);
    if (i < 4) b.rate(r, "wg1-1", "feasibility", 1 + i);
  }
  const Aggregate result = aggregate(b.data, fixture_pack(), {1, false});
  // mean 3, s = sqrt(2/4), se = s / sqrt(5) = 0.31623, t(4) = 2.77645: 3 -+ 0.87799
  const auto& inside = *point(result, "wg1-1").scale("importance")->ci95;
  EXPECT_NEAR(inside.low, 3 - 0.87799, 1e-5);
  EXPECT_NEAR(inside.high, 3 + 0.87799, 1e-5);
  // mean 4.8, s = sqrt(0.8/4), se = 0.2, t(4) = 2.77645: 4.8 -+ 0.55529, of which 5.36 is past the
  // top of the 1-5 scale
  const auto& cut = *point(result, "wg2-1").scale("importance")->ci95;
  EXPECT_NEAR(cut.low, 4.8 - 0.55529, 1e-5);
  EXPECT_DOUBLE_EQ(cut.high, 5);
  EXPECT_FALSE(point(result, "wg1-1").scale("feasibility")->ci95) << "four ratings";
  EXPECT_EQ(kMinRatedForInterval, 5);
}

TEST(Aggregation, RanksByImportanceAndPlacesPointsInQuadrants) {
  const Aggregate result = aggregate(small_fixture().data, fixture_pack(), {1, false});
  ASSERT_EQ(result.points.size(), 4u);
  EXPECT_EQ(result.points[0].item_id, "wg1-1");      // 4.33
  EXPECT_EQ(result.points[1].item_id, "wg2-1");      // 2.5
  EXPECT_EQ(result.points[2].item_id, "plenary-1");  // unrated: pack order
  EXPECT_EQ(result.points[3].item_id, "visit-1");
  EXPECT_EQ(result.points[1].rank, 2);
  ASSERT_TRUE(result.quadrant_rule);
  EXPECT_EQ(result.quadrant_rule->y_scale, "importance");
  EXPECT_EQ(result.quadrant_rule->x_scale, "feasibility");
  EXPECT_DOUBLE_EQ(result.quadrant_rule->y_threshold, 3);
  EXPECT_EQ(point(result, "wg1-1").quadrant, Quadrant::quick_win);   // 4.33, 4.5
  EXPECT_EQ(point(result, "wg2-1").quadrant, Quadrant::reconsider);  // 2.5, 1.5
  EXPECT_FALSE(point(result, "visit-1").quadrant);
}

TEST(Aggregation, QuadrantsOfHighImportanceLowFeasibilityAndTheReverse) {
  Builder b;
  for (int i = 0; i < 2; ++i) {
    const auto r = b.add("frontline");
    b.rate(r, "wg1-1", "importance", 5), b.rate(r, "wg1-1", "feasibility", 2);
    b.rate(r, "wg2-1", "importance", 2), b.rate(r, "wg2-1", "feasibility", 3);  // 3 is the middle: high
  }
  const Aggregate result = aggregate(b.data, fixture_pack(), {1, false});
  EXPECT_EQ(point(result, "wg1-1").quadrant, Quadrant::long_term);
  EXPECT_EQ(point(result, "wg2-1").quadrant, Quadrant::easy_extra);
}

TEST(Aggregation, TopNCountsChoicesAndScoresFirstThreeSecondTwoThirdOne) {
  const Aggregate result = aggregate(small_fixture().data, fixture_pack(), {1, false});
  EXPECT_EQ(point(result, "wg1-1").chosen, 3);
  EXPECT_EQ(point(result, "wg1-1").rank_score, 7);  // 3 + 1 + 3
  EXPECT_EQ(point(result, "wg2-1").chosen, 2);
  EXPECT_EQ(point(result, "wg2-1").rank_score, 5);  // 2 + 3
  EXPECT_EQ(point(result, "plenary-1").chosen, 1);  // the abandoned first choice does not count
  EXPECT_EQ(point(result, "plenary-1").rank_score, 2);
  ASSERT_EQ(result.top_n.size(), 3u);
  EXPECT_EQ(result.points[result.top_n[0]].item_id, "wg1-1");
  EXPECT_EQ(result.points[result.top_n[1]].item_id, "wg2-1");
  EXPECT_EQ(result.points[result.top_n[2]].item_id, "plenary-1");
}

TEST(Aggregation, AbandonedResponsesCountOnlyWhenIncluded) {
  const Aggregate result = aggregate(small_fixture().data, fixture_pack(), {1, true});
  EXPECT_EQ(result.responses, 4);
  EXPECT_EQ(result.abandoned, 1);
  const ScaleSummary& importance = *point(result, "wg1-1").scale("importance");
  EXPECT_DOUBLE_EQ(*importance.mean, 3.5);  // 5, 4, 4, 1
  EXPECT_DOUBLE_EQ(*importance.median, 4);
  EXPECT_EQ(point(result, "plenary-1").rank_score, 5);  // 2 + 3
}

TEST(Aggregation, CommentsAreVerbatimSortedAndFromCountedResponsesOnly) {
  const Aggregate result = aggregate(small_fixture().data, fixture_pack(), {1, false});
  ASSERT_EQ(result.item_comments.size(), 1u);
  EXPECT_EQ(result.item_comments[0].key, "wg1-1");
  EXPECT_EQ(result.item_comments[0].texts, (std::vector<std::string>{"al gedaan", "zeker; \"nu\""}));
  ASSERT_EQ(result.open_answers.size(), 1u);
  EXPECT_EQ(result.open_answers[0].key, "to-organisers");
  EXPECT_EQ(result.open_answers[0].texts, (std::vector<std::string>{"dank"}));
}

// Responses with these roles, each rating wg1-1's importance with the given value.
Builder roles_fixture(const std::vector<std::pair<std::optional<std::string>, int>>& sizes,
                      int value_of_first = 5) {
  Builder b;
  int group = 0;
  for (const auto& [role, size] : sizes) {
    for (int i = 0; i < size; ++i) {
      const auto r = b.add(role);
      b.rate(r, "wg1-1", "importance", group == 0 ? value_of_first : 1 + group % 5);
    }
    ++group;
  }
  return b;
}

void expect_no_small_group_derivable(const GroupSplit& split, int total, int k) {
  int shown = 0;
  for (const auto& group : split.groups) {
    EXPECT_GE(group.responses, k) << split.dimension << " group " << group.key;
    shown += group.responses;
  }
  // Every response is in exactly one shown group, so the total minus the shown groups is zero.
  EXPECT_EQ(shown, total);
}

TEST(Aggregation, ASmallGroupIsMergedWithTheSmallestOtherSoItCannotBeHadBySubtraction) {
  // executive 6, frontline 7, other 2; k 5. "other" alone would be hidden, but the total (15)
  // minus executive (6) and frontline (7) would give it away: executive joins it.
  const Builder b = roles_fixture({{"executive", 6}, {"frontline", 7}, {"other", 2}});
  const Aggregate result = aggregate(b.data, fixture_pack(), {5, false});
  ASSERT_EQ(result.by_role.groups.size(), 2u);
  EXPECT_EQ(result.by_role.groups[0].key, "frontline");
  EXPECT_EQ(result.by_role.groups[0].responses, 7);
  EXPECT_EQ(result.by_role.groups[1].key, kMergedGroupKey);
  EXPECT_EQ(result.by_role.groups[1].responses, 8);
  EXPECT_EQ(result.by_role.groups[1].merged_keys, (std::vector<std::string>{"executive", "other"}));
  EXPECT_EQ(result.by_role.merged, (std::vector<std::string>{"executive", "other"}));
  expect_no_small_group_derivable(result.by_role, result.responses, 5);
  // frontline rated 2 (1 + 1 % 5): its own mean, not the others'.
  EXPECT_DOUBLE_EQ(*result.by_role.groups[0].points[0].scale("importance")->mean, 2);
}

TEST(Aggregation, SmallGroupsThatTogetherReachKAreMergedWithoutTakingALargeOne) {
  const Builder b = roles_fixture({{"executive", 3}, {"frontline", 10}, {"other", 3}});
  const Aggregate result = aggregate(b.data, fixture_pack(), {5, false});
  ASSERT_EQ(result.by_role.groups.size(), 2u);
  EXPECT_EQ(result.by_role.groups[0].key, "frontline");
  EXPECT_EQ(result.by_role.groups[1].merged_keys, (std::vector<std::string>{"executive", "other"}));
  EXPECT_EQ(result.by_role.groups[1].responses, 6);
  expect_no_small_group_derivable(result.by_role, result.responses, 5);
}

TEST(Aggregation, NoRoleIsAGroupLikeAnyOtherAndGroupsOfKAreShown) {
  const Builder b = roles_fixture({{"executive", 5}, {std::nullopt, 5}});
  const Aggregate result = aggregate(b.data, fixture_pack(), {5, false});
  ASSERT_EQ(result.by_role.groups.size(), 2u);
  EXPECT_EQ(result.by_role.groups[0].key, "executive");
  EXPECT_EQ(result.by_role.groups[1].key, "");
  EXPECT_TRUE(result.by_role.merged.empty());
}

TEST(Aggregation, ASmallPackVersionIsMergedToo) {
  Builder b = roles_fixture({{"frontline", 9}});
  b.add("frontline", true, 2);  // one response of version 2
  const Aggregate result = aggregate(b.data, fixture_pack(), {5, false});
  EXPECT_EQ(result.pack_versions, (std::vector<int>{2, 3}));
  ASSERT_EQ(result.by_pack_version.groups.size(), 1u);
  EXPECT_EQ(result.by_pack_version.groups[0].merged_keys, (std::vector<std::string>{"2", "3"}));
  expect_no_small_group_derivable(result.by_pack_version, result.responses, 5);
}

TEST(Aggregation, FewerResponsesThanKWithholdEveryFigureAndComment) {
  Builder b = small_fixture();
  const Aggregate result = aggregate(b.data, fixture_pack(), {5, false});
  EXPECT_TRUE(result.withheld);
  EXPECT_EQ(result.responses, 3);
  EXPECT_TRUE(result.points.empty());
  EXPECT_TRUE(result.top_n.empty());
  EXPECT_TRUE(result.item_comments.empty());
  EXPECT_TRUE(result.open_answers.empty());
  EXPECT_TRUE(result.by_role.groups.empty());
  EXPECT_EQ(result.by_role.withheld, (std::vector<std::string>{"executive", "frontline"}));
}

TEST(Aggregation, TQuantileMatchesTablesAndTheNormalLimit) {
  EXPECT_NEAR(t_quantile_975(1), 12.7062, 1e-4);
  EXPECT_NEAR(t_quantile_975(30), 2.04227, 1e-5);
  EXPECT_NEAR(t_quantile_975(40), 2.02108, 1e-4);
  EXPECT_NEAR(t_quantile_975(120), 1.97993, 1e-4);
  EXPECT_NEAR(t_quantile_975(1'000'000), 1.95996, 1e-4);
}

}  // namespace
}  // namespace peiling
