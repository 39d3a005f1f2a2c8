// The review screen shows the answers (issue 18, defect 9): each rated point with its two answers
// and its remark, and remarks counted apart from the answers to open questions; "Change" on a
// point opens its card, whose one way on returns to Review, and what was changed is what is sent.
#include <gtest/gtest.h>

#include <string>

#include "script_run.hpp"
#include "store/device_store.hpp"
#include "support/process.hpp"

namespace peiling::test {
namespace {

// From Welcome to Review: the first point rated 4 and "no opinion" with a remark, the rest paged
// past, one open answer.
std::string script_to_review() {
  std::string script =
      "tap \"welcome.begin\"\ntap \"role.frontline\"\ntap \"nav.next\"\ntap \"nav.next\"\ntap "
      "\"vignette.skip\"\n"
      "tap \"importance.4\"\ntap \"feasibility.none\"\ntap \"remark.open\"\ntap \"Uw opmerking\"\n"
      "type \"Graag sneller\"\ntap \"nav.next\"\n";
  const std::size_t pages = 11 + bundled_missed_opportunities() + 1;  // the other points, missed, top
  for (std::size_t page = 0; page < pages; ++page) script += "tap \"nav.next\"\n";
  return script + "tap \"Wat kan ik doen?\"\ntype \"Luisteren\"\ntap \"nav.next\"\n";
}

TEST(Review, ShowsEachRatedPointWithItsAnswersAndRemarkAndCountsRemarksApart) {
  const std::string dir = scratch_dir("review_answers");
  const std::string script =
      script_to_review() +
      "expect \"Klaar om te versturen?\"\n"
      "expect \"Opmerkingen: 1. Antwoorden op open vragen: 1.\"\nexpect \"Uw antwoorden\"\n"
      "expect \"Hoe belangrijk vindt u dit punt? 4 Belangrijk\"\n"
      "expect \"Hoe haalbaar is dit in de praktijk? geen mening\"\nexpect \"Uw opmerking: Graag sneller\"\n"
      "screenshot review.png\n";
  const auto run = run_script(dir, script, {"--size", "1280x800", "--seed", "13"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
}

TEST(Review, ChangeOpensThePointsCardAndItsOneWayOnReturnsToReviewWithTheNewAnswerSent) {
  const std::string dir = scratch_dir("review_change");
  const std::string script =
      script_to_review() +
      "expect \"Hoe belangrijk vindt u dit punt? 4 Belangrijk\"\n"
      // The only rated point: its card, with its answers, and no Next or Back into the other pages.
      "tap \"Wijzigen\"\nexpect \"Hoe belangrijk vindt u dit punt?\"\nexpect \"Punt 1 van 12\"\n"
      "expect_not \"Volgende\"\nexpect_not \"Klaar om te versturen?\"\nscreenshot review-change-card.png\n"
      "tap \"importance.2\"\ntap \"review.return\"\n"
      "expect \"Klaar om te versturen?\"\nexpect \"Hoe belangrijk vindt u dit punt? 2 Weinig belangrijk\"\n"
      "expect_not \"4 Belangrijk\"\nexpect \"Uw opmerking: Graag sneller\"\nscreenshot review-changed.png\n"
      "tap \"review.send\"\nexpect \"Dank u wel!\"\n";
  const auto run =
      run_script(dir, script, {"--size", "1280x800", "--seed", "13", "--data-dir", dir + "/data"});
  ASSERT_EQ(run.exit_code, 0) << run.output;

  auto store = store::DeviceStore::open(dir + "/data");
  ASSERT_TRUE(store.ok()) << store.error().message;
  auto responses = store->unbatched_responses(10, false);
  ASSERT_TRUE(responses.ok());
  ASSERT_EQ(responses->size(), 1u);
  const Response& response = responses->front();
  EXPECT_EQ(response.status, ResponseStatus::complete);
  int importance = 0;
  int feasibility = 0;
  for (const auto& answer : response.answers) {
    if (answer.scale_id == "importance") {
      ++importance;
      EXPECT_EQ(answer.rating, Rating::of(2)) << answer.item_id << ": the answer as changed";
    }
    if (answer.scale_id == "feasibility") {
      ++feasibility;
      EXPECT_TRUE(answer.rating.is_skip()) << answer.item_id << ": the answer left as it was";
    }
  }
  EXPECT_EQ(importance, 1);
  EXPECT_EQ(feasibility, 1);
}

}  // namespace
}  // namespace peiling::test
