// Every invalid pack fixture, with every error line the validator must print for it: exactly these
// lines, no fewer (all problems are reported) and no more (no follow-on noise).
#include <gtest/gtest.h>

#include <set>

#include "core/pack.hpp"
#include "support/process.hpp"

namespace peiling {
namespace {

const std::filesystem::path kInvalid =
    std::filesystem::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs" / "invalid";

struct InvalidPack {
  const char* file;
  std::vector<std::string> errors;  // each without the "<file>: " prefix
};

const std::vector<InvalidPack> kInvalidPacks{
    // The file as a whole
    {"truncated.json",
     {"invalid JSON at byte 3781 (line 99, column 13): the text ends too early, is it truncated? (syntax "
      "error while "
      "parsing object key - invalid string: missing closing quote; last read: '\"title'; expected string "
      "literal)"}},
    {"trailing-comma.json",
     {"invalid JSON at byte 883 (line 23, column 3): syntax error while parsing object key - unexpected '}'; "
      "expected "
      "string literal"}},
    {"comment.json",
     {"invalid JSON at byte 75 (line 4, column 17): syntax error while parsing object key - invalid literal; "
      "last "
      "read: '3, /'; expected string literal"}},
    {"invalid-utf8.json", {"invalid UTF-8 at byte 289"}},
    {"duplicate-key.json", {"/points/1/title: duplicate key"}},
    {"root-is-array.json", {"expected a pack (a JSON object), got array"}},
    // Format
    {"newer-format.json",
     {"/format: 'peiling.pack/2' is a newer format than this Peiling reads (peiling.pack/1.1); update "
      "Peiling"}},
    {"newer-minor-format.json",
     {"/format: 'peiling.pack/1.2' is a newer format than this Peiling reads (peiling.pack/1.1); update "
      "Peiling"}},
    {"unknown-format.json",
     {"/format: unknown format 'peiling.survey/1', expected 'peiling.pack/1' or 'peiling.pack/1.1'"}},
    // Format 1.1: what it adds is refused in a peiling.pack/1 file
    {"format-1-with-sections.json",
     {"/settings/mode: needs format 'peiling.pack/1.1'",
      "/settings/draft_days: needs format 'peiling.pack/1.1'",
      "/settings/point_order: needs format 'peiling.pack/1.1'",
      "/settings/auto_activate: needs format 'peiling.pack/1.1'",
      "/settings/contact_opt_in: needs format 'peiling.pack/1.1'",
      "/scales/3/kind: needs format 'peiling.pack/1.1'",
      "/points/0/refers_to: needs format 'peiling.pack/1.1'",
      "/points/1/refers_to: needs format 'peiling.pack/1.1'",
      "/points/2/refers_to: needs format 'peiling.pack/1.1'",
      "/points/3/refers_to: needs format 'peiling.pack/1.1'", "/sections: needs format 'peiling.pack/1.1'"}},
    // Format 1.1: status scales, choice questions, show_if, references to an earlier pack
    {"status-scale-missing-label.json", {"/scales/3/labels/done: required key is missing"}},
    {"status-scale-with-min.json", {"/scales/3/min: a status scale has no min or max"}},
    {"unknown-mode.json", {"/settings/mode: 'booth' is not one of kiosk, tablet"}},
    {"option-id-other.json",
     {"/sections/0/questions/0/options/1/id: 'other' is reserved for the question's \"other\" option"}},
    {"duplicate-option-id.json",
     {"/sections/0/questions/0/options/1/id: duplicate option id 'yes' (also at "
      "/sections/0/questions/0/options/0/id)"}},
    {"refers-to-twice.json",
     {"/points/1/refers_to: point 'wg1-1' of pack 'conference-2009-11-13' is followed up twice (also at "
      "/points/0/refers_to)"}},
    {"show-if-forward.json",
     {"/sections/0/questions/0/show_if/question: 'why' comes at /sections/1/questions/0, not before this "
      "question; show_if may only refer to an earlier question"}},
    {"show-if-self.json", {"/sections/0/questions/1/show_if/question: a question cannot depend on itself"}},
    {"show-if-unknown-option.json",
     {"/sections/0/questions/1/show_if/any_of/0: 'maybe' is not an option of question 'acted'"}},
    {"section-show-if-own-question.json",
     {"/sections/1/show_if/question: 'why' comes at /sections/1/questions/0, not before this section; "
      "show_if "
      "may only refer to an earlier question"}},
    {"show-if-not-a-question.json",
     {"/sections/1/show_if/question: 'first' is a section id (at /sections/0/id), not a question id"}},
    // Shape: keys and types
    {"unknown-top-level-key.json", {"/foo: unknown key"}},
    {"unknown-nested-key.json", {"/points/0/titel: unknown key", "/points/0/title: required key is missing"}},
    {"missing-section.json", {"/vignette: required key is missing"}},
    {"missing-open-questions-and-top-n.json",
     {"/top_n: required key is missing", "/open_questions: required key is missing"}},
    {"wrong-type-version.json", {"/version: expected a whole number, got string"}},
    {"fractional-version.json", {"/version: expected a whole number, got 1.5"}},
    {"version-zero.json", {"/version: 0 is out of range 1..2147483647"}},
    {"wrong-type-points.json", {"/points: expected an array, got object"}},
    {"settings-wrong-type.json", {"/settings/keep_abandoned: expected true or false, got string"}},
    // Languages and translations
    {"language-code-invalid.json",
     {"/languages/1: 'EN' is not a language code of two lower-case letters, such as 'nl'"}},
    {"language-listed-twice.json", {"/languages/2: 'nl' is listed twice (also at /languages/0)"}},
    {"no-languages.json", {"/languages: must not be empty"}},
    {"missing-translation.json", {"/points/1/title/en: missing translation"}},
    {"extra-translation.json", {"/intro/question/de: 'de' is not a language of this pack"}},
    {"empty-translation.json", {"/vignette/scenes/0/who/nl: must not be empty"}},
    // Ids and references
    {"invalid-id.json",
     {"/points/0/id: 'WG1_1' is not a valid id (lower-case letters, digits and '-', at most 64)",
      "/points/2/related/0: unknown point id 'wg1-1'", "/top_n/from/0: unknown point id 'wg1-1'"}},
    {"id-too-long.json",
     {"/open_questions/1/id: 'to-organisers-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' is not a "
      "valid id "
      "(lower-case letters, digits and '-', at most 64)"}},
    {"duplicate-point-id.json",
     {"/points/3/id: duplicate id 'wg2-1' (also at /points/1/id)",
      "/top_n/from/3: unknown point id 'visit-1'"}},
    {"duplicate-id-across-kinds.json",
     {"/vignette/scenes/1/id: duplicate id 'room-to-act' (also at /themes/1/id)"}},
    {"dangling-top-n.json", {"/top_n/from/3: unknown point id 'wg9-x'"}},
    {"dangling-theme.json", {"/points/1/theme: unknown theme id 'no-such-theme'"}},
    {"dangling-related.json", {"/points/0/related/1: unknown point id 'wg7-7'"}},
    {"related-is-a-theme.json",
     {"/points/2/related/0: 'social-network' is a theme id (at /themes/2/id), not a point id"}},
    {"related-to-itself.json", {"/points/2/related/0: a point cannot refer to itself"}},
    {"dangling-point-scale.json", {"/point_scales/1: unknown scale id 'clarity'"}},
    {"dangling-missed-scale.json", {"/missed_opportunities/scale: unknown scale id 'recognizability'"}},
    {"top-n-listed-twice.json", {"/top_n/from/2: 'wg1-1' is listed twice (also at /top_n/from/0)"}},
    // Sections and values
    {"empty-points.json",
     {"/points: must not be empty",
      "/top_n/from/0: 'mo-1' is a missed opportunity id (at /missed_opportunities/items/0/id), not a point "
      "id",
      "/settings/top_n_size: 2 is more than the 1 point in /top_n/from"}},
    {"empty-cites.json", {"/vignette/scenes/0/cites: must not be empty"}},
    {"scale-without-labels.json", {"/scales/0/labels: required key is missing"}},
    {"wrong-label-count.json", {"/scales/1/labels: 4 labels for the values 1..5, expected 5"}},
    {"scale-min-not-below-max.json", {"/scales/2/max: 3 is not more than min 3"}},
    {"nul-in-a-text.json",
     {"/conference/place/en: holds a NUL character (\\u0000), which no screen or workbook can show"}},
    {"title-too-long.json", {"/points/2/title/nl: 201 characters, more than the limit of 200"}},
    {"body-too-long.json", {"/points/0/body/en: 2001 characters, more than the limit of 2000"}},
    {"unknown-source.json",
     {"/points/3/source: 'workgroup-5' is not one of workgroup-1, workgroup-2, workgroup-3, workgroup-4, "
      "plenary, "
      "lecture, site-visits"}},
    {"unknown-level.json", {"/points/1/level: 'national' is not one of client, professionals, policy"}},
    {"invalid-date.json", {"/conference/date: '2009-02-30' is not a date written YYYY-MM-DD"}},
    {"settings-out-of-range.json",
     {"/settings/idle_timeout_s: 5 is out of range 10..3600",
      "/settings/min_group_size: 1000 is out of range 2..100"}},
    {"points-per-respondent-too-many.json",
     {"/settings/points_per_respondent: 5 is more than the 4 points in /points"}},
    {"default-points-per-respondent-too-many.json",
     {"/settings/points_per_respondent: 12 (the default) is more than the 4 points in /points"}},
    {"top-n-size-too-big.json", {"/settings/top_n_size: 2 is more than the 1 point in /top_n/from"}},
    {"hub-invalid.json",
     {"/hub/port: unknown key",
      "/hub/url: 'ftp://hub.example.invalid' does not start with http:// or https://",
      "/hub/sign_key: 'not base64!' is not a key: expected 32 bytes in base64, as `peiling-hub keys show` "
      "prints it",
      "/hub/seal_key: 'AAAAAAAAAAAAAAAAAAAAAA==' is not a key: expected 32 bytes in base64, as `peiling-hub "
      "keys "
      "show` prints it"}},
    // Several problems at once: all of them, in document order, references last.
    {"many-errors.json",
     {"/extra: unknown key", "/title/en: missing translation",
      "/settings/idle_countdown_s: 2 is out of range 3..120", "/open_questions: must not be empty",
      "/points/0/theme: unknown theme id 'nowhere'"}},
};

class InvalidPackFixture : public ::testing::TestWithParam<InvalidPack> {};

TEST_P(InvalidPackFixture, IsRefusedWithExactlyTheseErrors) {
  const auto path = (kInvalid / GetParam().file).string();
  auto loaded = load_pack_file(path);
  ASSERT_FALSE(loaded.ok()) << GetParam().file << " was accepted";
  std::vector<std::string> expected;
  for (const auto& line : GetParam().errors) expected.push_back(path + ": " + line);
  EXPECT_EQ(loaded.errors().lines, expected);
}

std::string test_name(const ::testing::TestParamInfo<InvalidPack>& info) {
  std::string name = std::filesystem::path(info.param.file).stem().string();
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Pack, InvalidPackFixture, ::testing::ValuesIn(kInvalidPacks), test_name);

TEST(InvalidPackFixtures, EveryFixtureFileIsInTheTable) {
  std::set<std::string> listed;
  for (const auto& pack : kInvalidPacks) listed.insert(pack.file);
  std::set<std::string> on_disk;
  for (const auto& entry : std::filesystem::directory_iterator(kInvalid))
    on_disk.insert(entry.path().filename());
  EXPECT_EQ(on_disk, listed);
}

// Too big to commit, so made here.
TEST(InvalidPackGenerated, NestingAHundredThousandDeepIsRefusedWithoutCrashing) {
  const auto dir = test::scratch_dir("pack_deep");
  std::string text =
      R"({"format": "peiling.pack/1", "id": "deep", "version": 1, "languages": ["nl"], "title": )";
  text += std::string(100000, '[') + std::string(100000, ']') + "}";
  test::write_file(dir + "/deep.json", text);
  auto loaded = load_pack_file(dir + "/deep.json");
  ASSERT_FALSE(loaded.ok());
  std::string pointer = "/title";
  for (int i = 0; i < 31; ++i) pointer += "/0";
  EXPECT_EQ(loaded.errors().lines,
            std::vector<std::string>{dir + "/deep.json: " + pointer + ": nested deeper than 32 levels"});
}

TEST(InvalidPackGenerated, AFileOverFourMebibytesIsRefusedBeforeParsing) {
  const auto dir = test::scratch_dir("pack_big");
  // Valid JSON, so only the size can be the reason.
  const std::string text =
      R"({"format": "peiling.pack/1", "padding": ")" + std::string(kMaxPackBytes, 'x') + "\"}";
  test::write_file(dir + "/big.json", text);
  auto loaded = load_pack_file(dir + "/big.json");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.errors().lines,
            std::vector<std::string>{dir + "/big.json: file is " + std::to_string(text.size()) +
                                     " bytes, over the limit of 4194304"});
}

TEST(InvalidPackGenerated, AFileOfExactlyTheLimitIsRead) {
  const auto dir = test::scratch_dir("pack_at_limit");
  std::string text = R"({"format": "peiling.pack/1", "padding": ")";
  text += std::string(kMaxPackBytes - text.size() - 2, 'x') + "\"}";
  ASSERT_EQ(text.size(), kMaxPackBytes);
  test::write_file(dir + "/limit.json", text);
  auto loaded = load_pack_file(dir + "/limit.json");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.errors().lines.front(), dir + "/limit.json: /padding: unknown key")
      << "parsed, not refused for size";
}

}  // namespace
}  // namespace peiling
