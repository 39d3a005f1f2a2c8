#include "core/catalog.hpp"

#include <gtest/gtest.h>

#include "support/process.hpp"

namespace peiling {
namespace {

TEST(Catalog, BundledStringsHaveEveryKeyInEveryLanguage) {
  auto catalog = Catalog::load(std::filesystem::path(PEILING_ASSETS_DIR) / "i18n", {"nl", "en"});
  ASSERT_TRUE(catalog.ok()) << catalog.errors().joined();
  EXPECT_FALSE(catalog->keys().empty());
  for (const auto& key : catalog->keys()) {
    EXPECT_FALSE(catalog->text("nl", key).empty()) << key;
    EXPECT_FALSE(catalog->text("en", key).empty()) << key;
  }
}

TEST(Catalog, MissingTranslationIsAnErrorNotAFallback) {
  const auto dir = test::scratch_dir("catalog_missing");
  test::write_file(dir + "/nl.json", R"({"a": "één", "b": "twee"})");
  test::write_file(dir + "/en.json", R"({"a": "one"})");
  auto catalog = Catalog::load(dir, {"nl", "en"});
  ASSERT_FALSE(catalog.ok());
  ASSERT_EQ(catalog.errors().lines.size(), 1u);
  EXPECT_EQ(catalog.errors().lines[0], dir + "/en.json: /b: missing translation");
}

TEST(Catalog, NonStringValueAndBadJsonAreReported) {
  const auto dir = test::scratch_dir("catalog_bad");
  test::write_file(dir + "/nl.json", R"({"a": 3})");
  test::write_file(dir + "/en.json", R"({"a": "one")");
  auto catalog = Catalog::load(dir, {"nl", "en"});
  ASSERT_FALSE(catalog.ok());
  const std::string all = catalog.errors().joined();
  EXPECT_NE(all.find("nl.json: /a: expected a string"), std::string::npos) << all;
  EXPECT_NE(all.find("en.json: invalid JSON at byte"), std::string::npos) << all;
}

TEST(Catalog, UnknownKeyShowsTheKey) {
  const auto dir = test::scratch_dir("catalog_unknown");
  test::write_file(dir + "/nl.json", R"({"a": "een"})");
  auto catalog = Catalog::load(dir, {"nl"});
  ASSERT_TRUE(catalog.ok());
  EXPECT_EQ(catalog->text("nl", "a"), "een");
  EXPECT_EQ(catalog->text("nl", "no.such.key"), "no.such.key");
}

}  // namespace
}  // namespace peiling

namespace peiling {
namespace {

TEST(Fill, ReplacesNamedPlaceholdersAndKeepsUnknownOnes) {
  EXPECT_EQ(fill("{n} van {total}", {{"n", "7"}, {"total", "12"}}), "7 van 12");
  EXPECT_EQ(fill("Scène {n}: {missing}", {{"n", "2"}}), "Scène 2: {missing}");
  EXPECT_EQ(fill("geen accolades", {}), "geen accolades");
  EXPECT_EQ(fill("open { zonder sluiting", {{"x", "1"}}), "open { zonder sluiting");
}

}  // namespace
}  // namespace peiling
