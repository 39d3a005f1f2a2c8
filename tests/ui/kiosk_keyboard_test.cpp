// The app's own keyboard on the real comment field of a point, in the kiosk as a respondent
// meets it: typed with finger taps and long presses only, stored byte for byte, in both
// orientations, at every text size and in high contrast, with a screenshot of each to look at.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "png_probe.hpp"
#include "script_run.hpp"
#include "store/device_store.hpp"
#include "support/keyboard_typist.hpp"
#include "support/process.hpp"

namespace peiling::test {
namespace {

const std::string kSentence = "Één taal, één methodiek — ‘oma’ hoort erbij";

class KioskKeyboard : public ::testing::TestWithParam<ViewCase> {};

TEST_P(KioskKeyboard, ARemarkTypedOnTheAppsKeyboardIsStoredByteForByte) {
  const ViewCase& shot = GetParam();
  const auto dir = scratch_dir("kiosk_keyboard_" + shot.name);
  std::string script = shot.taps +
                       "tap \"welcome.begin\"\ntap \"role.skip\"\ntap \"vignette.skip\"\n"
                       "wheel 400 400 -30\ntap \"remark.open\"\nwheel 400 400 -30\n"
                       "finger_tap \"remark\"\n" +
                       script_for(keystrokes_for(kSentence)) + "list_widgets\nscreenshot keyboard.png\n";
  // Leave the field with Next, then finish the response so that it can be read back whole.
  script += "finger_tap \"nav.next\"\nexpect_not \"osk.e\"\n";
  const std::size_t pages = 11 + bundled_missed_opportunities() + 2;
  for (std::size_t page = 0; page < pages; ++page) script += "tap \"nav.next\"\n";
  script += "tap \"review.send\"\n";
  const auto result =
      run_script(dir, script, {"--size", shot.size, "--data-dir", dir + "/data", "--seed", "13"});
  ASSERT_EQ(result.exit_code, 0) << result.output;

  // While typing, the whole field is in view above the keys.
  const auto widgets = printed_rects(result.output);
  float keyboard_top = 1e9f;
  const PrintedRect* field = nullptr;
  for (const auto& widget : widgets) {
    if (widget.id.starts_with("osk.")) keyboard_top = std::min(keyboard_top, widget.y0);
    if (widget.id == "remark") field = &widget;
  }
  ASSERT_NE(field, nullptr) << result.output;
  ASSERT_LT(keyboard_top, 1e9f) << "the keyboard was up";
  EXPECT_GE(field->y0, 0);
  EXPECT_LE(field->y1, keyboard_top);
  EXPECT_GT(probe_png(dir + "/keyboard.png").dark_pixels, 1000);

  auto store = store::DeviceStore::open(dir + "/data");
  ASSERT_TRUE(store.ok()) << store.error().message;
  auto responses = store.value().unbatched_responses(10, false);
  ASSERT_TRUE(responses.ok());
  ASSERT_EQ(responses->size(), 1u);
  const Response& response = responses->front();
  ASSERT_EQ(response.comments.size(), 1u);
  EXPECT_EQ(response.comments[0].key, response.points_shown[0]);
  EXPECT_EQ(response.comments[0].text, kSentence) << "stored byte for byte";
}

// Reaches the remark of the first point, types text there (as a hardware keyboard or a
// platform's screen keyboard would), and sends the response. Returns the stored remark.
std::string stored_remark(const std::string& dir, const std::string& text,
                          const std::string& before_sending) {
  std::string script =
      "tap \"welcome.begin\"\ntap \"role.skip\"\ntap \"vignette.skip\"\n"
      "wheel 400 400 -30\ntap \"remark.open\"\nwheel 400 400 -30\nfinger_tap \"remark\"\n";
  script += "type \"" + text + "\"\n";
  script += before_sending + "finger_tap \"nav.next\"\n";
  const std::size_t pages = 11 + bundled_missed_opportunities() + 2;
  for (std::size_t page = 0; page < pages; ++page) script += "tap \"nav.next\"\n";
  script += "tap \"review.send\"\n";
  const auto result =
      run_script(dir, script, {"--size", "1280x800", "--data-dir", dir + "/data", "--seed", "13"});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  auto store = store::DeviceStore::open(dir + "/data");
  if (!store.ok()) return "(no store: " + store.error().message + ")";
  auto responses = store.value().unbatched_responses(10, false);
  if (!responses.ok() || responses->size() != 1 || responses->front().comments.size() != 1)
    return "(no remark)";
  return responses->front().comments[0].text;
}

TEST(KioskRemark, EmojiAndRightToLeftTextAreStoredVerbatimAndShowAsBoxes) {
  const auto dir = scratch_dir("kiosk_remark_emoji");
  const std::string remark =
      "Goed \xF0\x9F\x91\x8D en \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 "
      "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7!";
  EXPECT_EQ(stored_remark(dir, remark, "screenshot emoji.png\n"), remark);
  EXPECT_GT(probe_png(dir + "/emoji.png").dark_pixels, 1000);
}

TEST(KioskRemark, AtMostTwoThousandCharactersWithACounterNearTheLimit) {
  const auto dir = scratch_dir("kiosk_remark_limit");
  // 2,100 characters typed, three at a time; é is one character of two bytes.
  std::string remark;
  for (int i = 0; i < 700; ++i) remark += "é" + std::to_string(i % 10) + " ";
  std::string first_2000;
  for (int i = 0; i < 666; ++i) first_2000 += "é" + std::to_string(i % 10) + " ";
  first_2000 += "é6";
  EXPECT_EQ(stored_remark(dir, remark,
                          "wheel 400 400 -30\nexpect \"2000 van 2000 tekens\"\nscreenshot limit.png\n"),
            first_2000);
}

INSTANTIATE_TEST_SUITE_P(Views, KioskKeyboard, ::testing::ValuesIn(every_view("tap")),
                         [](const ::testing::TestParamInfo<ViewCase>& param_info) {
                           return param_info.param.name;
                         });

}  // namespace
}  // namespace peiling::test
