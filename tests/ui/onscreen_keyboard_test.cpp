// The on-screen keyboard as a component, typing into a real ImGui text field, driven by finger
// taps through the platform's real input path and main loop. A minimal frontend holds the field,
// low on the screen where the keyboard will cover it. kiosk_keyboard_test.cpp types on the
// kiosk's own comment field.
#include "ui/onscreen_keyboard.hpp"

#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <cfloat>
#include <string>

#include "core/catalog.hpp"
#include "headless_rig.hpp"
#include "platform/main_loop.hpp"
#include "png_probe.hpp"
#include "support/keyboard_typist.hpp"
#include "support/process.hpp"
#include "ui/script.hpp"
#include "ui/view_settings.hpp"

namespace peiling::test {
namespace {

class CommentFieldFrontend final : public platform::Frontend {
 public:
  CommentFieldFrontend(const Catalog& catalog, ui::TextSizeFonts fonts, ui::ViewSettings view)
      : catalog_(catalog), fonts_(fonts), view_(view), keyboard_(1.0f) {
    ui::apply_theme(theme(), fonts_.at(view_.text_size).body->FontSize);
  }

  bool on_event(const SDL_Event&) override { return false; }
  bool on_pointer(const platform::PointerEvent& pointer) override {
    return keyboard_.on_pointer(pointer, now_ms_);
  }
  void update(std::uint64_t now_ms) override {
    now_ms_ = now_ms;
    keyboard_.update(now_ms);
  }
  std::optional<std::uint64_t> next_wakeup_ms(std::uint64_t) const override {
    return keyboard_.next_wakeup_ms();
  }
  bool wants_quit() const override { return false; }

  void draw() override {
    index_.begin_frame();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const ui::Fonts& fonts = fonts_.at(view_.text_size);
    const float keyboard_height = keyboard_.reserve_height(viewport->Size, fonts.body->FontSize);
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(ImVec2(viewport->Size.x, viewport->Size.y - keyboard_height));
    ImGui::PushFont(fonts.body);
    ImGui::Begin("##comments", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    ui::Ui ui{index_, catalog_, "nl", fonts, theme()};
    ui::heading(ui, "Opmerkingen");
    ImGui::Dummy(ImVec2(0, viewport->Size.y * 0.7f));
    ImGui::InputTextMultiline("##comment", &text_, ImVec2(-FLT_MIN, ui.unit() * 4));
    field_ = ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    index_.add("comment", "comment", field_.Min, field_.Max, true);
    ImGui::Dummy(ImVec2(0, viewport->Size.y * 0.5f));  // more below, so the window can scroll
    keyboard_.keep_caret_visible();
    ImGui::End();
    keyboard_.draw(ui);
    ImGui::PopFont();
    index_.end_frame();
  }

  const std::string& text() const { return text_; }
  const ImRect& field() const { return field_; }
  const ui::ScreenIndex& index() const { return index_; }
  bool keyboard_visible() const { return keyboard_.is_visible(); }
  float line_height() const { return fonts_.at(view_.text_size).body->FontSize; }

 private:
  const ui::Theme& theme() const {
    return view_.high_contrast ? ui::high_contrast_theme() : ui::standard_theme();
  }

  const Catalog& catalog_;
  ui::TextSizeFonts fonts_;
  ui::ViewSettings view_;
  ui::OnscreenKeyboard keyboard_;
  ui::ScreenIndex index_;
  std::string text_;
  ImRect field_;
  std::uint64_t now_ms_ = 0;
};

class OnscreenKeyboardTest : public ::testing::Test {
 protected:
  void open(platform::Size size, ui::ViewSettings view = {}) {
    rig_ = std::make_unique<HeadlessRig>(size, 1.0f);
    ASSERT_TRUE(rig_->ok());
    auto catalog = Catalog::load(std::filesystem::path(PEILING_ASSETS_DIR) / "i18n", {"nl", "en"});
    ASSERT_TRUE(catalog.ok()) << catalog.errors().joined();
    catalog_ = std::make_unique<Catalog>(std::move(catalog.value()));
    frontend_ = std::make_unique<CommentFieldFrontend>(*catalog_, rig_->fonts(), view);
    loop_ = std::make_unique<platform::MainLoop>(rig_->display(), rig_->imgui(), rig_->clock(), *frontend_);
    runner_ = std::make_unique<ui::ScriptRunner>(*loop_, rig_->display(), frontend_->index());
  }

  void run(const std::string& script) {
    auto commands = ui::parse_script(script, "keyboard");
    ASSERT_TRUE(commands.ok()) << commands.errors().joined();
    std::string error;
    ASSERT_TRUE(runner_->run(commands.value(), "keyboard", error)) << error;
  }

  const ui::IndexedItem* widget(const std::string& name) const {
    const auto found = frontend_->index().find_widgets(name);
    return found.size() == 1 ? found.front() : nullptr;
  }

  std::unique_ptr<HeadlessRig> rig_;
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<CommentFieldFrontend> frontend_;
  std::unique_ptr<platform::MainLoop> loop_;
  std::unique_ptr<ui::ScriptRunner> runner_;
};

TEST_F(OnscreenKeyboardTest, TypesTheSentenceByteForByteWithTapsAndLongPresses) {
  open({1280, 800});
  const std::string sentence = "Één taal, één methodiek — ‘oma’ hoort erbij";
  run("finger_tap \"comment\"\n" + script_for(keystrokes_for(sentence)));
  EXPECT_EQ(frontend_->text(), sentence);
}

TEST_F(OnscreenKeyboardTest, AppearsForTheFieldAndLiftsItAboveTheKeys) {
  open({1280, 800});
  run("expect_not \"osk.q\"\n");
  EXPECT_FALSE(frontend_->keyboard_visible());
  EXPECT_EQ(widget("osk.q"), nullptr);
  run("finger_tap \"comment\"\n");
  ASSERT_TRUE(frontend_->keyboard_visible());
  const ui::IndexedItem* top_row_key = widget("osk.q");
  ASSERT_NE(top_row_key, nullptr);
  EXPECT_LE(frontend_->field().Min.y + frontend_->line_height() * 1.5f, top_row_key->min.y)
      << "the caret's line shows above the keyboard";
}

TEST_F(OnscreenKeyboardTest, BackspaceDeletesACharacterAndEnterStartsANewLine) {
  open({1280, 800});
  run("finger_tap \"comment\"\n" + script_for(keystrokes_for("ëa")) +
      "finger_tap \"osk.backspace\"\n"
      "finger_tap \"osk.enter\"\n"
      "finger_tap \"osk.b\"\n");
  EXPECT_EQ(frontend_->text(), "ë\nb");
}

TEST_F(OnscreenKeyboardTest, HideClosesTheKeyboardAndKeepsTheText) {
  open({1280, 800});
  run("finger_tap \"comment\"\nfinger_tap \"osk.o\"\nfinger_tap \"osk.k\"\nfinger_tap \"osk.hide\"\n");
  EXPECT_FALSE(frontend_->keyboard_visible());
  EXPECT_EQ(frontend_->text(), "ok");
  run("finger_tap \"comment\"\nfinger_tap \"osk.e\"\n");
  EXPECT_TRUE(frontend_->keyboard_visible()) << "a tap on the field brings it back";
  EXPECT_EQ(frontend_->text(), "oke");
}

TEST_F(OnscreenKeyboardTest, ATapOutsideTheAlternativesClosesThemWithoutTyping) {
  open({1280, 800});
  run("finger_tap \"comment\"\nlong_press \"osk.e\"\n");
  ASSERT_NE(widget("é"), nullptr) << "the long press opened the alternatives";
  run("finger_tap \"osk.q\"\n");
  EXPECT_EQ(widget("é"), nullptr);
  EXPECT_EQ(frontend_->text(), "") << "that tap only closed them";
  run("finger_tap \"osk.q\"\n");
  EXPECT_EQ(frontend_->text(), "q");
}

// Screenshots with the keyboard up, to look at: both orientations, every text size, and high
// contrast. Each also checks that every key is on screen and at least 9 mm.
struct ScreenshotCase {
  const char* name;
  platform::Size size;
  ui::ViewSettings view;
};

class KeyboardScreenshot : public OnscreenKeyboardTest,
                           public ::testing::WithParamInterface<ScreenshotCase> {};

TEST_P(KeyboardScreenshot, EveryKeyIsOnScreenAndFullSize) {
  const ScreenshotCase& shot = GetParam();
  open(shot.size, shot.view);
  const std::string dir = scratch_dir(std::string("keyboard_") + shot.name);
  run("finger_tap \"comment\"\n" + script_for(keystrokes_for("Één taal")) + "screenshot " + dir +
      "/keyboard.png\nlong_press \"osk.e\"\nscreenshot " + dir + "/alternatives.png\n");
  int keys = 0;
  for (const auto& item : frontend_->index().items()) {
    if (item.id.rfind("osk.", 0) != 0) continue;
    ++keys;
    EXPECT_GE(item.max.x - item.min.x, ui::kMinTargetLogicalPx) << item.id;
    EXPECT_GE(item.max.y - item.min.y, ui::kMinTargetLogicalPx) << item.id;
    EXPECT_GE(item.min.x, 0) << item.id;
    EXPECT_GE(item.min.y, 0) << item.id;
    EXPECT_LE(item.max.x, static_cast<float>(shot.size.width)) << item.id;
    EXPECT_LE(item.max.y, static_cast<float>(shot.size.height)) << item.id;
  }
  EXPECT_EQ(keys, 34 + 4) << "34 keys and the four alternatives of e";
  EXPECT_TRUE(probe_png(dir + "/keyboard.png").ok);
  EXPECT_TRUE(probe_png(dir + "/alternatives.png").ok);
}

INSTANTIATE_TEST_SUITE_P(
    Views, KeyboardScreenshot,
    ::testing::Values(ScreenshotCase{"landscape_a", {1280, 800}, {ui::TextSize::a, false}},
                      ScreenshotCase{"landscape_a_plus", {1280, 800}, {ui::TextSize::a_plus, false}},
                      ScreenshotCase{
                          "landscape_a_plus_plus", {1280, 800}, {ui::TextSize::a_plus_plus, false}},
                      ScreenshotCase{"landscape_high_contrast", {1280, 800}, {ui::TextSize::a, true}},
                      ScreenshotCase{"portrait_a", {800, 1280}, {ui::TextSize::a, false}},
                      ScreenshotCase{"portrait_a_plus", {800, 1280}, {ui::TextSize::a_plus, false}},
                      ScreenshotCase{"portrait_a_plus_plus", {800, 1280}, {ui::TextSize::a_plus_plus, false}},
                      ScreenshotCase{"portrait_high_contrast", {800, 1280}, {ui::TextSize::a_plus, true}}),
    [](const ::testing::TestParamInfo<ScreenshotCase>& param_info) {
      return std::string(param_info.param.name);
    });

}  // namespace
}  // namespace peiling::test
