#include "core/pack.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "support/process.hpp"

namespace peiling {
namespace {

using test::read_file;

const std::filesystem::path kAssets(PEILING_ASSETS_DIR);
const std::filesystem::path kFixtures = std::filesystem::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs";

TEST(Pack, EveryBundledPackValidates) {
  int packs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kAssets / "packs")) {
    if (entry.path().extension() != ".json") continue;
    ++packs;
    auto loaded = load_pack_file(entry.path());
    EXPECT_TRUE(loaded.ok()) << loaded.errors().joined();
  }
  EXPECT_GE(packs, 1);
}

TEST(Pack, BundledConferencePackLoads) {
  auto loaded = load_pack_file(kAssets / "packs" / "conference-2009-11-13.json");
  ASSERT_TRUE(loaded.ok()) << loaded.errors().joined();
  const Pack& pack = loaded->pack;
  EXPECT_EQ(pack.id, "conference-2009-11-13");
  EXPECT_EQ(pack.languages, (std::vector<std::string>{"nl", "en"}));
  EXPECT_NE(pack.title.in("nl").find("13 november 2009"), std::string::npos);
  EXPECT_NE(pack.title.in("en").find("13 November 2009"), std::string::npos);
  EXPECT_EQ(pack.conference.date, "2009-11-13");
}

TEST(Pack, ValidFollowUpFixtureReadsTheFormat11Fields) {
  auto loaded = load_pack_file(kFixtures / "valid-follow-up.json");
  ASSERT_TRUE(loaded.ok()) << loaded.errors().joined();
  const Pack& pack = loaded->pack;
  EXPECT_EQ(pack.format_minor, 1);
  EXPECT_EQ(pack.settings.mode, Mode::tablet);
  EXPECT_EQ(pack.settings.draft_days, 14);
  EXPECT_EQ(pack.settings.point_order, PointOrder::random);
  EXPECT_TRUE(pack.settings.auto_activate);
  EXPECT_TRUE(pack.settings.contact_opt_in);
  EXPECT_TRUE(pack.vignette.scenes.empty()) << "format 1.1 may leave the case out";

  const Scale* status = pack.scale("status");
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(status->kind, ScaleKind::status);
  EXPECT_EQ(status->min, 1);
  EXPECT_EQ(status->max, 5);
  EXPECT_EQ(status->label(4).in("en"), "Done");
  EXPECT_EQ(status->label(5).in("nl"), "Niet van toepassing");

  ASSERT_TRUE(pack.points[2].refers_to.has_value());
  EXPECT_EQ(*pack.points[2].refers_to, (PointRef{"conference-2009-11-13", "plenary-1"}));

  ASSERT_EQ(pack.sections.size(), 2u);
  ASSERT_EQ(pack.sections[0].questions.size(), 2u);
  const ChoiceQuestion* what = &pack.sections[0].questions[1];
  EXPECT_EQ(what->id, "what");
  EXPECT_EQ(what->type, QuestionType::multiple);
  ASSERT_EQ(what->options.size(), 2u);
  EXPECT_EQ(what->options[1].id, "b");
  ASSERT_TRUE(what->other.has_value());
  EXPECT_EQ(what->other->in("en"), "Other");
  ASSERT_TRUE(what->show_if.has_value());
  EXPECT_EQ(what->show_if->question, "acted");
  EXPECT_EQ(what->show_if->any_of, std::vector<std::string>{"yes"});
  ASSERT_TRUE(pack.sections[1].show_if.has_value());
  EXPECT_EQ(pack.sections[1].show_if->any_of, (std::vector<std::string>{"other", "b"}));
  EXPECT_EQ(pack.sections[0].questions[0].type, QuestionType::single);
}

TEST(Pack, AFormat1PackReadsWithTheDefaultsOfFormat11) {
  auto loaded = load_pack_file(kFixtures / "valid-minimal.json");
  ASSERT_TRUE(loaded.ok()) << loaded.errors().joined();
  EXPECT_EQ(loaded->pack.format_minor, 0);
  EXPECT_EQ(loaded->pack.settings.mode, Mode::kiosk);
  EXPECT_FALSE(loaded->pack.settings.contact_opt_in);
  EXPECT_TRUE(loaded->pack.sections.empty());
}

// The second bundled pack follows up every point of the first, by reference, with the same
// words, and asks what the next conference on room to act should take up.
TEST(Pack, FollowUpPackRefersToEveryPointOfTheFirstPack) {
  auto first = load_pack_file(kAssets / "packs" / "conference-2009-11-13.json");
  auto follow_up = load_pack_file(kAssets / "packs" / "follow-up-2010-spring.json");
  ASSERT_TRUE(first.ok()) << first.errors().joined();
  ASSERT_TRUE(follow_up.ok()) << follow_up.errors().joined();
  const Pack& pack = follow_up->pack;
  EXPECT_EQ(pack.settings.mode, Mode::tablet);
  EXPECT_EQ(pack.languages, (std::vector<std::string>{"nl", "en"}));
  ASSERT_EQ(pack.points.size(), first->pack.points.size());
  for (const auto& point : first->pack.points) {
    const auto it = std::find_if(pack.points.begin(), pack.points.end(), [&](const Point& candidate) {
      return candidate.refers_to == PointRef{first->pack.id, point.id};
    });
    ASSERT_NE(it, pack.points.end()) << point.id << " is not followed up";
    EXPECT_EQ(it->title.in("nl"), point.title.in("nl"));
    EXPECT_EQ(it->title.in("en"), point.title.in("en"));
  }
  ASSERT_EQ(pack.point_scales.size(), 1u);
  EXPECT_EQ(pack.scale(pack.point_scales[0])->kind, ScaleKind::status);
  for (const auto& id : pack.top_n.from) EXPECT_EQ(pack.point(id)->theme, "room-to-act") << id;
  EXPECT_NE(pack.intro.context.in("nl").find("voorjaar van 2010"), std::string::npos);
  EXPECT_NE(pack.intro.context.in("nl").find("vier"), std::string::npos);
}

TEST(Pack, ValidMinimalFixtureReadsEveryField) {
  auto loaded = load_pack_file(kFixtures / "valid-minimal.json");
  ASSERT_TRUE(loaded.ok()) << loaded.errors().joined();
  const Pack& pack = loaded->pack;
  EXPECT_EQ(pack.id, "fixture-minimal");
  EXPECT_EQ(pack.version, 3);
  EXPECT_EQ(pack.title.in("en"), "Test conference ‘Small but complete’");
  EXPECT_EQ(pack.conference.date, "2009-11-13");
  ASSERT_TRUE(pack.conference.place.has_value());
  EXPECT_EQ(pack.conference.place->in("nl"), "Zaal één, Utrecht");
  EXPECT_EQ(pack.intro.question.in("nl"), "Wat kunnen wij samen doen?");
  EXPECT_FALSE(pack.intro.context.in("en").empty());

  EXPECT_EQ(pack.settings.idle_timeout_s, 90);
  EXPECT_EQ(pack.settings.idle_countdown_s, 15);
  EXPECT_FALSE(pack.settings.keep_abandoned);
  EXPECT_EQ(pack.settings.points_per_respondent, 3);
  EXPECT_EQ(pack.settings.top_n_size, 2);
  EXPECT_EQ(pack.settings.min_group_size, 5);

  ASSERT_EQ(pack.themes.size(), 3u);
  EXPECT_EQ(pack.themes[1].id, "room-to-act");
  ASSERT_EQ(pack.scales.size(), 3u);
  const Scale& recognisability = pack.scales[2];
  EXPECT_EQ(recognisability.min, 1);
  EXPECT_EQ(recognisability.max, 3);
  ASSERT_EQ(recognisability.labels.size(), 3u);
  EXPECT_EQ(recognisability.label(3).in("en"), "Strongly");
  EXPECT_EQ(recognisability.no_opinion.in("en"), "I don’t know");
  EXPECT_EQ(pack.point_scales, (std::vector<std::string>{"importance", "feasibility"}));

  ASSERT_TRUE(pack.roles.has_value());
  ASSERT_EQ(pack.roles->options.size(), 3u);
  EXPECT_EQ(pack.roles->options[1].id, "frontline");

  EXPECT_EQ(pack.vignette.title.in("nl"), "Een voorbeeld");
  ASSERT_EQ(pack.vignette.scenes.size(), 2u);
  EXPECT_EQ(pack.vignette.scenes[1].who.in("en"), "A teacher");
  EXPECT_EQ(pack.vignette.scenes[1].cites.size(), 2u);

  ASSERT_EQ(pack.points.size(), 4u);
  const Point& first = pack.points[0];
  EXPECT_EQ(first.id, "wg1-1");
  EXPECT_EQ(first.source, PointSource::workgroup_1);
  EXPECT_EQ(first.level, PointLevel::professionals);
  EXPECT_EQ(first.theme, "room-to-act");
  EXPECT_EQ(first.cites, std::vector<std::string>{"Werkgroep 1, verbeterpunten"});
  EXPECT_EQ(first.related, std::vector<std::string>{"plenary-1"});
  EXPECT_EQ(pack.points[2].source, PointSource::plenary);
  EXPECT_FALSE(pack.points[2].level.has_value());
  EXPECT_EQ(to_string(pack.points[3].source), "site-visits");
  EXPECT_EQ(to_string(*pack.points[3].level), "client");

  ASSERT_TRUE(pack.missed_opportunities.has_value());
  EXPECT_EQ(pack.missed_opportunities->scale, "recognisability");
  ASSERT_EQ(pack.missed_opportunities->items.size(), 1u);
  EXPECT_EQ(pack.missed_opportunities->items[0].source, PointSource::lecture);

  EXPECT_EQ(pack.top_n.from.size(), 4u);
  ASSERT_EQ(pack.open_questions.size(), 2u);
  ASSERT_TRUE(pack.open_questions[0].hint.has_value());
  EXPECT_FALSE(pack.open_questions[1].hint.has_value());

  ASSERT_TRUE(pack.hub.has_value());
  EXPECT_EQ(pack.hub->url, "https://hub.example.invalid/peiling");
  EXPECT_EQ(pack.hub->token, "venue-2009-11-13");
  // The fixture's keys are the bytes 1..32 and 101..132, so the decoding is checked byte by byte.
  std::string sign_key, seal_key;
  for (int i = 0; i < 32; ++i) {
    sign_key += static_cast<char>(1 + i);
    seal_key += static_cast<char>(101 + i);
  }
  EXPECT_EQ(pack.hub->sign_key, sign_key);
  EXPECT_EQ(pack.hub->seal_key, seal_key);
}

TEST(Pack, KeepsTheExactBytesItWasReadFrom) {
  const auto path = kFixtures / "valid-minimal.json";
  auto loaded = load_pack_file(path);
  ASSERT_TRUE(loaded.ok()) << loaded.errors().joined();
  EXPECT_EQ(loaded->bytes, read_file(path));
}

TEST(Pack, OptionalPartsMayBeLeftOutAndSettingsTakeTheirDefaults) {
  auto loaded = load_pack_file(kFixtures / "valid-without-optional.json");
  ASSERT_TRUE(loaded.ok()) << loaded.errors().joined();
  const Pack& pack = loaded->pack;
  EXPECT_FALSE(pack.roles.has_value());
  EXPECT_FALSE(pack.missed_opportunities.has_value());
  EXPECT_FALSE(pack.hub.has_value());
  EXPECT_FALSE(pack.conference.place.has_value());
  EXPECT_FALSE(pack.open_questions[0].hint.has_value());
  EXPECT_FALSE(pack.points[0].level.has_value());
  EXPECT_TRUE(pack.points[0].related.empty());
  const Settings defaults;
  EXPECT_EQ(pack.settings.idle_timeout_s, 90);
  EXPECT_EQ(pack.settings.idle_timeout_s, defaults.idle_timeout_s);
  EXPECT_EQ(pack.settings.idle_countdown_s, 15);
  EXPECT_TRUE(pack.settings.keep_abandoned);
  EXPECT_EQ(pack.settings.points_per_respondent, 4);
  EXPECT_EQ(pack.settings.top_n_size, 3);
  EXPECT_EQ(pack.settings.min_group_size, 5);
}

TEST(Pack, LookupsFindByIdAndGroupByTheme) {
  auto loaded = load_pack_file(kFixtures / "valid-minimal.json");
  ASSERT_TRUE(loaded.ok()) << loaded.errors().joined();
  const Pack& pack = loaded->pack;
  ASSERT_NE(pack.point("plenary-1"), nullptr);
  EXPECT_EQ(pack.point("plenary-1")->title.in("en"), "Third test point");
  EXPECT_EQ(pack.point("room-to-act"), nullptr) << "a theme id is not a point id";
  EXPECT_EQ(pack.point("nope"), nullptr);
  ASSERT_NE(pack.scale("feasibility"), nullptr);
  EXPECT_EQ(pack.scale("feasibility")->labels.size(), 5u);
  EXPECT_EQ(pack.scale("wg1-1"), nullptr);
  ASSERT_NE(pack.theme("social-network"), nullptr);

  const auto groups = pack.points_by_theme();
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].theme->id, "complex-reality");
  ASSERT_EQ(groups[0].points.size(), 1u);
  EXPECT_EQ(groups[0].points[0]->id, "wg2-1");
  ASSERT_EQ(groups[1].points.size(), 2u);
  EXPECT_EQ(groups[1].points[0]->id, "wg1-1");
  EXPECT_EQ(groups[1].points[1]->id, "plenary-1");
  ASSERT_EQ(groups[2].points.size(), 1u);
  EXPECT_EQ(groups[2].points[0]->id, "visit-1");
}

TEST(Pack, TextsListsEveryLocalizedTextWithItsPointer) {
  auto loaded = load_pack_file(kFixtures / "valid-minimal.json");
  ASSERT_TRUE(loaded.ok()) << loaded.errors().joined();
  const auto texts = loaded->pack.texts();
  // title, place, organisers, intro 2, themes 3, scales 3 x (question + no_opinion) + 13 labels,
  // roles 1 + 3, vignette 1 + 2 x 3, points 4 x 2, missed 1 + 2, top_n 1, open questions 2 + 1 hint.
  EXPECT_EQ(texts.size(), 1u + 2 + 2 + 3 + 6 + 13 + 4 + 7 + 8 + 3 + 1 + 3);
  std::vector<std::string> pointers;
  for (const auto& text : texts) {
    pointers.push_back(text.pointer);
    EXPECT_FALSE(text.text->in("nl").empty()) << text.pointer;
    EXPECT_FALSE(text.text->in("en").empty()) << text.pointer;
  }
  for (const char* expected :
       {"/title", "/conference/organisers", "/scales/2/labels/2", "/roles/options/2/label",
        "/vignette/scenes/1/who", "/points/3/body", "/missed_opportunities/items/0/title", "/top_n/question",
        "/open_questions/0/hint"}) {
    EXPECT_NE(std::find(pointers.begin(), pointers.end(), expected), pointers.end()) << expected;
  }
  EXPECT_EQ(texts[0].text->in("nl"), "Proefconferentie ‘Klein maar compleet’");
}

// The organisers' documentation must not teach a pack that Peiling refuses.
TEST(Pack, TheExampleInThePackReadmeIsValid) {
  const std::string readme = read_file(kAssets / "packs" / "README.md");
  const std::string opening = "```json\n{\n  \"format\"";
  const auto start = readme.find(opening);
  ASSERT_NE(start, std::string::npos) << "the README has no complete example";
  const auto end = readme.find("\n```", start + opening.size());
  ASSERT_NE(end, std::string::npos);
  const std::string example = readme.substr(start + 8, end + 1 - (start + 8));
  auto pack = parse_pack(example, "README.md example");
  ASSERT_TRUE(pack.ok()) << pack.errors().joined();
  EXPECT_EQ(pack->points.size(), 1u);
}

TEST(Pack, OnlyAWholeNumberAboveOneOrAMinorAboveOneIsANewerFormat) {
  const auto format_error = [](const std::string& format) {
    auto pack = parse_pack(R"({"format": ")" + format + R"(", "surprise": 1})", "p.json");
    return pack.ok() ? std::string("accepted") : pack.errors().joined();
  };
  for (const char* newer : {"peiling.pack/10", "peiling.pack/1.2", "peiling.pack/2.0", "peiling.pack/1.10"}) {
    EXPECT_EQ(format_error(newer),
              "p.json: /format: '" + std::string(newer) +
                  "' is a newer format than this Peiling reads (peiling.pack/1.1); update "
                  "Peiling");
  }
  for (const char* unknown : {"peiling.pack/", "peiling.pack/0", "peiling.pack/02", "peiling.pack/2b",
                              "peiling.pack/-3", "peiling.pack", "Peiling.pack/1", "", "peiling.pack/1.0",
                              "peiling.pack/1.", "peiling.pack/1.01", "peiling.pack/.1"}) {
    EXPECT_EQ(format_error(unknown), "p.json: /format: unknown format '" + std::string(unknown) +
                                         "', expected 'peiling.pack/1' or 'peiling.pack/1.1'");
  }
}

TEST(Pack, ErrorsStartWithTheGivenOrigin) {
  auto pack = parse_pack(R"({"format": "peiling.pack/1"})", "inline");
  ASSERT_FALSE(pack.ok());
  EXPECT_EQ(pack.errors().lines.front(), "inline: /id: required key is missing");
  for (const auto& line : pack.errors().lines) EXPECT_EQ(line.rfind("inline: /", 0), 0u) << line;
}

}  // namespace
}  // namespace peiling
