// Consensus across roles against a fixture worked out by hand (issue 17): three roles, one under k,
// one point every role supports, one only the majority does, one nobody rated.
#include "core/consensus.hpp"

#include <gtest/gtest.h>

#include "support/consensus_fixture.hpp"

namespace peiling {
namespace {

using test::consensus_fixture;
using test::fixture_pack;

TEST(Consensus, SupportIsAboveTheMiddleOfAnyScale) {
  EXPECT_EQ(support_threshold(1, 5), 4);
  EXPECT_EQ(support_threshold(1, 4), 3);
  EXPECT_EQ(support_threshold(1, 7), 5);
  EXPECT_EQ(support_threshold(0, 10), 6);
  EXPECT_EQ(support_threshold(-2, 2), 1);
  EXPECT_EQ(support_threshold(-3, 2), 0);
}

TEST(Consensus, ThePointEveryRoleSupportsLeadsWhereTheMeanPutsTheMajoritysFirst) {
  const Pack pack = fixture_pack();
  const Aggregate aggregate = peiling::aggregate(consensus_fixture().data, pack, {5, false});
  ASSERT_EQ(aggregate.by_role.groups.size(), 2u);
  EXPECT_EQ(aggregate.by_role.groups[0].key, "executive");
  EXPECT_EQ(aggregate.by_role.groups[1].key, kMergedGroupKey);
  ASSERT_EQ(aggregate.points[0].item_id, "wg2-1") << "the mean ranks the majority's point first";
  ASSERT_EQ(aggregate.points[1].item_id, "wg1-1");

  const Consensus result = consensus(aggregate, pack);
  ASSERT_TRUE(result.available);
  EXPECT_EQ(result.scale_id, "importance");
  EXPECT_EQ(result.agree_from, 4);
  ASSERT_EQ(result.points.size(), aggregate.points.size());

  const PointConsensus& majority = result.points[0];
  ASSERT_EQ(majority.groups.size(), 2u);
  EXPECT_EQ(majority.groups[0].agree, 14);
  EXPECT_EQ(majority.groups[0].rated, 14);
  EXPECT_EQ(majority.groups[1].agree, 3);
  EXPECT_EQ(majority.groups[1].rated, 9);
  EXPECT_NEAR(majority.score, 15.0 / 16 * 4 / 11, 1e-12);
  EXPECT_NEAR(majority.spread, 2.0 / 3, 1e-12);

  const PointConsensus& everyone = result.points[1];
  EXPECT_EQ(everyone.groups[1].agree, 9);
  EXPECT_NEAR(everyone.score, 15.0 / 16 * 10 / 11, 1e-12);
  EXPECT_DOUBLE_EQ(everyone.spread, 0);

  // Consensus reverses the mean's order; the unrated point is in neither list.
  EXPECT_EQ(result.by_score, (std::vector<std::size_t>{1, 0}));
  EXPECT_EQ(result.by_spread, (std::vector<std::size_t>{0, 1}));
}

TEST(Consensus, NoneWithFewerThanTwoGroupsOfK) {
  const Pack pack = fixture_pack();
  test::SurveyBuilder b;
  for (int i = 0; i < 8; ++i) b.rate(b.add(std::string("executive")), "wg1-1", "importance", 5);
  for (int i = 0; i < 3; ++i) b.rate(b.add(std::string("frontline")), "wg1-1", "importance", 1);
  // frontline (3) is under k, so it merges with executive: one group, nothing to compare.
  const Aggregate aggregate = peiling::aggregate(b.data, pack, {5, false});
  EXPECT_EQ(aggregate.by_role.groups.size(), 1u);
  EXPECT_FALSE(consensus(aggregate, pack).available);
  EXPECT_TRUE(consensus(aggregate, pack).points.empty());
}

}  // namespace
}  // namespace peiling
