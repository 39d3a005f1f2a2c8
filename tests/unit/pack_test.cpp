#include <gtest/gtest.h>

#include "core/pack.hpp"

namespace peiling {
namespace {

const std::filesystem::path kBundledPack =
    std::filesystem::path(PEILING_ASSETS_DIR) / "packs" / "conference-2009-11-13.json";

TEST(Pack, BundledPackLoads) {
  auto pack = load_pack_file(kBundledPack);
  ASSERT_TRUE(pack.ok()) << pack.errors().joined();
  EXPECT_EQ(pack->id, "conference-2009-11-13");
  EXPECT_EQ(pack->languages, (std::vector<std::string>{"nl", "en"}));
  EXPECT_NE(pack->title.in("nl").find("13 november 2009"), std::string::npos);
  EXPECT_NE(pack->title.in("en").find("13 November 2009"), std::string::npos);
}

TEST(Pack, UnknownFormatAndMissingTranslationAreNamedByPointer) {
  auto pack = parse_pack(R"({"format": "peiling.pack/9", "id": "x", "version": 1, "languages": ["nl", "en"],
                             "title": {"nl": "Titel"}, "intro": {"question": {"nl": "V", "en": "Q"}}})",
                         "x.json");
  ASSERT_FALSE(pack.ok());
  const std::string all = pack.errors().joined();
  EXPECT_NE(all.find("x.json: /format: unknown format \"peiling.pack/9\""), std::string::npos) << all;
  EXPECT_NE(all.find("x.json: /title/en: missing translation"), std::string::npos) << all;
}

TEST(Pack, TruncatedFileIsAJsonError) {
  auto pack = parse_pack(R"({"format": "peiling.pack/1", "id": )", "cut.json");
  ASSERT_FALSE(pack.ok());
  EXPECT_NE(pack.errors().joined().find("cut.json: invalid JSON at byte"), std::string::npos);
}

}  // namespace
}  // namespace peiling
