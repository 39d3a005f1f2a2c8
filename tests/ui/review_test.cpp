// The review screen shows the answers (issue 18, defect 9): each rated point with its two answers
// and its remark, and remarks counted apart from the answers to open questions.
#include <gtest/gtest.h>

#include <string>

#include "script_run.hpp"
#include "support/process.hpp"

namespace peiling::test {
namespace {

TEST(Review, ShowsEachRatedPointWithItsAnswersAndRemarkAndCountsRemarksApart) {
  const std::string dir = scratch_dir("review_answers");
  std::string script =
      "tap \"welcome.begin\"\ntap \"role.frontline\"\ntap \"nav.next\"\ntap \"nav.next\"\ntap "
      "\"vignette.skip\"\n"
      "tap \"importance.4\"\ntap \"feasibility.none\"\ntap \"remark.open\"\ntap \"Uw opmerking\"\n"
      "type \"Graag sneller\"\ntap \"nav.next\"\n";
  const std::size_t pages = 11 + bundled_missed_opportunities() + 1;  // the other points, missed, top
  for (std::size_t page = 0; page < pages; ++page) script += "tap \"nav.next\"\n";
  script +=
      "tap \"Wat kan ik doen?\"\ntype \"Luisteren\"\ntap \"nav.next\"\nexpect \"Klaar om te versturen?\"\n"
      "expect \"Opmerkingen: 1. Antwoorden op open vragen: 1.\"\nexpect \"Uw antwoorden\"\n"
      "expect \"Hoe belangrijk vindt u dit punt? 4 Belangrijk\"\n"
      "expect \"Hoe haalbaar is dit in de praktijk? geen mening\"\nexpect \"Uw opmerking: Graag sneller\"\n"
      "screenshot review.png\n";
  const auto run = run_script(dir, script, {"--size", "1280x800", "--seed", "13"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
}

}  // namespace
}  // namespace peiling::test
