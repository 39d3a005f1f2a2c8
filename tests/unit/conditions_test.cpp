// show_if in a follow-up pack: what is shown for which choices, hidden questions hiding their
// dependants, and a hidden section hiding all of its questions.
#include "core/conditions.hpp"

#include <gtest/gtest.h>

namespace peiling {
namespace {

const std::filesystem::path kFixtures = std::filesystem::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs";

// valid-follow-up.json: section "first" has "acted" (yes/no) and "what" (a, b, other; shown if
// acted is yes); section "second" (shown if what has other or b) has "why".
class Conditions : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = load_pack_file(kFixtures / "valid-follow-up.json");
    ASSERT_TRUE(loaded.ok()) << loaded.errors().joined();
    pack_ = std::move(loaded->pack);
  }
  Pack pack_;
};

TEST_F(Conditions, NothingChosenShowsOnlyTheUnconditionalQuestion) {
  const Visibility shown = visibility(pack_, {});
  EXPECT_EQ(shown.shown_questions, std::vector<std::string>{"acted"});
  EXPECT_EQ(shown.hidden_questions, (std::vector<std::string>{"what", "why"}));
  EXPECT_EQ(shown.sections, (std::vector<bool>{true, false}));
}

TEST_F(Conditions, EachChoiceOpensWhatDependsOnIt) {
  EXPECT_EQ(visibility(pack_, {{"acted", {"yes"}}}).shown_questions,
            (std::vector<std::string>{"acted", "what"}));
  const Visibility all = visibility(pack_, {{"acted", {"yes"}}, {"what", {"a", "other"}}});
  EXPECT_EQ(all.shown_questions, (std::vector<std::string>{"acted", "what", "why"}));
  EXPECT_TRUE(all.hidden_questions.empty());
  EXPECT_EQ(all.sections, (std::vector<bool>{true, true}));
  EXPECT_FALSE(visibility(pack_, {{"acted", {"yes"}}, {"what", {"a"}}}).sections[1]) << "neither b nor other";
}

TEST_F(Conditions, AHiddenQuestionHidesItsDependantsEvenWithTheirOldChoices) {
  // "what" still has a stored choice that would open the second section, but "what" is hidden now.
  const Visibility shown = visibility(pack_, {{"acted", {"no"}}, {"what", {"b"}}, {"why", {"x"}}});
  EXPECT_EQ(shown.shown_questions, std::vector<std::string>{"acted"});
  EXPECT_EQ(shown.hidden_questions, (std::vector<std::string>{"what", "why"}));
  EXPECT_FALSE(shown.sections[1]);
  EXPECT_FALSE(shown.shown("why"));
}

}  // namespace
}  // namespace peiling
