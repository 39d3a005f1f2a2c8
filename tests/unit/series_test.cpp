// The series of a first pack and its follow-up, against a fixture worked out by hand.
#include "core/series.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace peiling {
namespace {

Pack load_fixture(const char* name) {
  auto loaded = load_pack_file(std::filesystem::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs" / name);
  EXPECT_TRUE(loaded.ok()) << loaded.errors().joined();
  return loaded.ok() ? loaded->pack : Pack{};
}

// The minimal fixture as the conference pack the follow-up fixture refers to; the follow-up no
// longer asks about visit-1.
struct Packs {
  Pack first = load_fixture("valid-minimal.json");
  Pack follow_up = load_fixture("valid-follow-up.json");
  Packs() {
    first.id = "conference-2009-11-13";
    for (auto& point : follow_up.points) {
      if (point.id == "visit-1") point.refers_to.reset();
    }
  }
};

struct Builder {
  SurveyData data;
  ResponseIndex add(bool complete = true) {
    const auto index = static_cast<ResponseIndex>(data.responses.size());
    data.responses.push_back(
        {"r" + std::to_string(index), "device", 1, std::nullopt, "nl", complete, 1000, 2000});
    return index;
  }
  // value kNoOpinion is "no opinion" (don't know on a status scale)
  void rate(ResponseIndex response, std::string_view item, std::string_view scale, int value) {
    data.shown.push_back({response, data.intern(item)});
    data.ratings.push_back({response, data.intern(item), data.intern(scale), value});
  }
};

// First pack, three respondents:
//   r0: wg1-1 importance 5, feasibility 4; wg2-1 2 and 1
//   r1: wg1-1 3 and no opinion;            wg2-1 1 and 2
//   r2: wg1-1 4 and 5
// wg1-1: importance n 3, mean 4; feasibility n 2, mean 4.5: quick win (both at least 3).
// wg2-1: importance mean 1.5, feasibility mean 1.5: reconsider. plenary-1 and visit-1: unrated.
SurveyData first_responses() {
  Builder b;
  const auto r0 = b.add(), r1 = b.add(), r2 = b.add();
  b.rate(r0, "wg1-1", "importance", 5), b.rate(r0, "wg1-1", "feasibility", 4);
  b.rate(r0, "wg2-1", "importance", 2), b.rate(r0, "wg2-1", "feasibility", 1);
  b.rate(r1, "wg1-1", "importance", 3), b.rate(r1, "wg1-1", "feasibility", kNoOpinion);
  b.rate(r1, "wg2-1", "importance", 1), b.rate(r1, "wg2-1", "feasibility", 2);
  b.rate(r2, "wg1-1", "importance", 4), b.rate(r2, "wg1-1", "feasibility", 5);
  return b.data;
}

// Follow-up, four complete respondents and one abandoned (status 1 not started, 2 planned,
// 3 started, 4 done, 5 not applicable, 0 don't know):
//   f0: wg1-1 done;    wg2-1 not started
//   f1: wg1-1 done;    wg2-1 don't know
//   f2: wg1-1 started; plenary-1 not applicable
//   f3: wg1-1 planned
//   f4 (abandoned): wg1-1 not started — not counted
// wg1-1: 0 1 1 2 0, don't know 0, n 4. wg2-1: 1 0 0 0 0, don't know 1, n 2. plenary-1: 0 0 0 0 1, n 1.
SurveyData follow_up_responses() {
  Builder b;
  const auto f0 = b.add(), f1 = b.add(), f2 = b.add(), f3 = b.add(), f4 = b.add(false);
  b.rate(f0, "wg1-1", "status", 4), b.rate(f0, "wg2-1", "status", 1);
  b.rate(f1, "wg1-1", "status", 4), b.rate(f1, "wg2-1", "status", kNoOpinion);
  b.rate(f2, "wg1-1", "status", 3), b.rate(f2, "plenary-1", "status", 5);
  b.rate(f3, "wg1-1", "status", 2);
  b.rate(f4, "wg1-1", "status", 1);
  return b.data;
}

struct Built {
  Packs packs;
  Aggregate first, follow_up;
  Series series;
  explicit Built(int k) {
    auto ordered = order_series_packs(packs.follow_up, packs.first);
    EXPECT_TRUE(ordered.ok()) << (ordered.ok() ? "" : ordered.errors().joined());
    first = aggregate(first_responses(), packs.first, {k, false});
    follow_up = aggregate(follow_up_responses(), packs.follow_up, {k, false});
    if (ordered.ok()) series = build_series(ordered.value(), first, follow_up);
  }
};

TEST(Series, TellsTheFollowUpByItsReferencesInEitherOrder) {
  const Packs packs;
  for (const auto& [a, b] :
       {std::pair{&packs.first, &packs.follow_up}, std::pair{&packs.follow_up, &packs.first}}) {
    auto ordered = order_series_packs(*a, *b);
    ASSERT_TRUE(ordered.ok()) << ordered.errors().joined();
    EXPECT_EQ(ordered->first, &packs.first);
    EXPECT_EQ(ordered->follow_up, &packs.follow_up);
  }
}

TEST(Series, RefusesPacksThatDoNotReferToEachOther) {
  Packs packs;
  packs.first.id = "fixture-minimal";  // the follow-up refers to conference-2009-11-13
  auto unrelated = order_series_packs(packs.first, packs.follow_up);
  ASSERT_FALSE(unrelated.ok());
  const std::string message = unrelated.errors().joined();
  EXPECT_NE(message.find("fixture-minimal"), std::string::npos) << message;
  EXPECT_NE(message.find("minimal-follow-up"), std::string::npos) << message;
  EXPECT_NE(message.find("refers_to"), std::string::npos) << message;
  EXPECT_FALSE(order_series_packs(packs.follow_up, packs.follow_up).ok()) << "one pack twice";
}

TEST(Series, RefusesAFollowUpWithoutAStatusScale) {
  Packs packs;
  packs.follow_up.point_scales = {"importance"};
  auto ordered = order_series_packs(packs.first, packs.follow_up);
  ASSERT_FALSE(ordered.ok());
  EXPECT_NE(ordered.errors().joined().find("status scale"), std::string::npos) << ordered.errors().joined();
}

TEST(Series, PutsTheRatingsBesideTheStatusCountsInTheFirstPacksOrder) {
  const Built built(3);
  EXPECT_EQ(built.series.status_scale, "status");
  ASSERT_EQ(built.series.rows.size(), 4u);
  std::vector<std::string> order;
  for (const auto& row : built.series.rows) order.push_back(row.point_id);
  EXPECT_EQ(order, (std::vector<std::string>{"wg1-1", "wg2-1", "plenary-1", "visit-1"}));

  const SeriesRow& wg11 = built.series.rows[0];
  ASSERT_TRUE(wg11.first);
  EXPECT_EQ(wg11.first->scale("importance")->rated, 3);
  EXPECT_DOUBLE_EQ(*wg11.first->scale("importance")->mean, 4.0);
  EXPECT_EQ(wg11.first->scale("feasibility")->rated, 2);
  EXPECT_EQ(wg11.first->scale("feasibility")->no_opinion, 1);
  EXPECT_DOUBLE_EQ(*wg11.first->scale("feasibility")->mean, 4.5);
  EXPECT_EQ(wg11.first->quadrant, Quadrant::quick_win);
  ASSERT_TRUE(wg11.status);
  EXPECT_EQ(wg11.status->point_id, "wg1-1");
  EXPECT_EQ(wg11.status->counts, (std::vector<int>{0, 1, 1, 2, 0}))
      << "the abandoned response is not counted";
  EXPECT_EQ(wg11.status->dont_know, 0);
  EXPECT_EQ(wg11.status->answered(), 4);

  const SeriesRow& wg21 = built.series.rows[1];
  ASSERT_TRUE(wg21.first && wg21.status);
  EXPECT_DOUBLE_EQ(*wg21.first->scale("importance")->mean, 1.5);
  EXPECT_EQ(wg21.first->quadrant, Quadrant::reconsider);
  EXPECT_EQ(wg21.status->counts, (std::vector<int>{1, 0, 0, 0, 0}));
  EXPECT_EQ(wg21.status->dont_know, 1);
  EXPECT_EQ(wg21.status->answered(), 2);

  const SeriesRow& plenary = built.series.rows[2];
  ASSERT_TRUE(plenary.first && plenary.status);
  EXPECT_FALSE(plenary.first->scale("importance")->mean) << "nobody rated it";
  EXPECT_FALSE(plenary.first->quadrant);
  EXPECT_EQ(plenary.status->counts, (std::vector<int>{0, 0, 0, 0, 1}));

  const SeriesRow& visit = built.series.rows[3];
  EXPECT_FALSE(visit.followed_up);
  EXPECT_FALSE(visit.status);
  EXPECT_TRUE(visit.first) << "rated or not, the first pack's side is there";
}

TEST(Series, APackUnderKShowsOnlyItsCount) {
  // k 4: the first pack has 3 responses, the follow-up 4 (complete).
  const Built built(4);
  EXPECT_TRUE(built.first.withheld);
  EXPECT_EQ(built.first.responses, 3);
  EXPECT_FALSE(built.follow_up.withheld);
  for (const auto& row : built.series.rows) EXPECT_FALSE(row.first) << row.point_id;
  ASSERT_TRUE(built.series.rows[0].status);
  EXPECT_EQ(built.series.rows[0].status->answered(), 4);

  const Built neither(5);
  EXPECT_TRUE(neither.follow_up.withheld);
  for (const auto& row : neither.series.rows) {
    EXPECT_FALSE(row.first) << row.point_id;
    EXPECT_FALSE(row.status) << row.point_id;
  }
  EXPECT_TRUE(neither.series.rows[0].followed_up) << "what the follow-up asks is no figure";
  EXPECT_FALSE(neither.series.rows[3].followed_up);
}

}  // namespace
}  // namespace peiling
