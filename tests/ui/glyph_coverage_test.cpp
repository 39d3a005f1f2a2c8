// Every character the screens show must have a real glyph in the font atlas, not the fallback box.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "core/catalog.hpp"
#include "core/pack.hpp"
#include "platform/imgui_runtime.hpp"

namespace peiling {
namespace {

class GlyphCoverage : public ::testing::Test {
 protected:
  void SetUp() override {
    context_ = ImGui::CreateContext();
    ASSERT_TRUE(platform::add_fonts(*ImGui::GetIO().Fonts, {PEILING_FONT_FILE, {26.0f}}, fonts_));
  }
  void TearDown() override { ImGui::DestroyContext(context_); }

  // The code points of text that the font has no glyph for.
  std::vector<unsigned> missing_glyphs(std::string_view text) const {
    std::vector<unsigned> missing;
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end) {
      unsigned int c = 0;
      const int length = ImTextCharFromUtf8(&c, p, end);
      if (length <= 0) break;
      p += length;
      if (c == '\n' || c == '\t') continue;
      if (!fonts_[0]->FindGlyphNoFallback(static_cast<ImWchar>(c))) missing.push_back(c);
    }
    return missing;
  }

  ImGuiContext* context_ = nullptr;
  std::vector<ImFont*> fonts_;
};

TEST_F(GlyphCoverage, AccentsAndTypographicPunctuationHaveGlyphs) {
  EXPECT_TRUE(missing_glyphs("é ë ï ó ö ü á à ç ñ Één ‘oma’ “quote” — – … €").empty());
}

TEST_F(GlyphCoverage, CharactersOutsideTheAtlasAreDetected) {
  EXPECT_EQ(missing_glyphs("a\u0634b"), std::vector<unsigned>{0x0634}) << "Arabic is not in the atlas";
}

TEST_F(GlyphCoverage, EveryInterfaceStringRendersInEveryLanguage) {
  const std::filesystem::path assets(PEILING_ASSETS_DIR);
  auto catalog = Catalog::load(assets / "i18n", {"nl", "en"});
  ASSERT_TRUE(catalog.ok()) << catalog.errors().joined();
  for (const auto& language : catalog->languages()) {
    for (const auto& key : catalog->keys()) {
      EXPECT_EQ(missing_glyphs(catalog->text(language, key)), std::vector<unsigned>{})
          << language << " " << key;
    }
  }
}

// Every text of every bundled pack, in each of its languages, so new content cannot bring a box.
TEST_F(GlyphCoverage, EveryTextOfEveryBundledPackRenders) {
  const std::filesystem::path packs = std::filesystem::path(PEILING_ASSETS_DIR) / "packs";
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(packs)) {
    if (entry.path().extension() != ".json") continue;
    auto loaded = load_pack_file(entry.path());
    ASSERT_TRUE(loaded.ok()) << loaded.errors().joined();
    const Pack& pack = loaded->pack;
    for (const auto& [pointer, text] : pack.texts()) {
      for (const auto& language : pack.languages) {
        ASSERT_FALSE(text->in(language).empty()) << entry.path() << " " << pointer << "/" << language;
        EXPECT_EQ(missing_glyphs(text->in(language)), std::vector<unsigned>{})
            << entry.path().filename() << " " << pointer << "/" << language;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 0u);
}

}  // namespace
}  // namespace peiling
