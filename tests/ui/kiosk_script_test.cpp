// The kiosk's real screens, driven headless by `peiling --script`.
#include <gtest/gtest.h>

#include <chrono>

#include "png_probe.hpp"
#include "script_run.hpp"

namespace peiling::test {
namespace {

TEST(KioskScript, WelcomeShowsThePackTitleAndSwitchesLanguage) {
  const auto dir = scratch_dir("welcome_switch");
  const auto result = run_script(dir,
                                 "expect \"Werkconferentie ‘De complexe werkelijkheid’\"\n"
                                 "expect \"ideeën\"\n"
                                 "expect \"privé\"\n"
                                 "screenshot welcome-nl.png\n"
                                 "tap \"English\"\n"
                                 "expect \"Work conference ‘The complex reality’\"\n"
                                 "expect_not \"Werkconferentie\"\n"
                                 "screenshot welcome-en.png\n"
                                 "tap \"language.nl\"\n"
                                 "expect \"Werkconferentie\"\n");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  for (const char* name : {"welcome-nl.png", "welcome-en.png"}) {
    const auto png = probe_png(dir + "/" + name);
    ASSERT_TRUE(png.ok) << name;
    EXPECT_EQ(png.width, 1280);
    EXPECT_EQ(png.height, 800);
    EXPECT_GT(png.dark_pixels, 2000) << name << " looks blank";
  }
}

TEST(KioskScript, FailingExpectExitsOneAndNamesTheLine) {
  const auto dir = scratch_dir("failing_expect");
  const auto result = run_script(dir,
                                 "expect \"Werkconferentie\"\n"
                                 "# line 2 is a comment\n"
                                 "expect \"This text is nowhere\"\n"
                                 "screenshot never.png\n");
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("test.script:3: expect \"This text is nowhere\": not on screen"),
            std::string::npos)
      << result.output;
  EXPECT_FALSE(probe_png(dir + "/never.png").ok) << "the script must stop at the failing line";
}

TEST(KioskScript, TapOnAMissingWidgetFailsWithItsLine) {
  const auto dir = scratch_dir("missing_widget");
  const auto result = run_script(dir, "tap \"No such button\"\n");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("test.script:1: tap \"No such button\": no visible widget"), std::string::npos)
      << result.output;
}

TEST(KioskScript, MalformedScriptIsRefusedBeforeAnythingRuns) {
  const auto dir = scratch_dir("malformed_script");
  const auto result = run_script(dir, "screenshot first.png\nwait forever\n");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.output.find("test.script:2: wait: 'forever' is not a whole number"), std::string::npos)
      << result.output;
  EXPECT_FALSE(probe_png(dir + "/first.png").ok);
}

TEST(KioskScript, VirtualTimeMakesLongWaitsFree) {
  const auto dir = scratch_dir("virtual_wait");
  const auto start = std::chrono::steady_clock::now();
  const auto result = run_script(dir, "wait 3600000\nexpect \"Werkconferentie\"\n");
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_LT(seconds, 30.0) << "an hour of virtual time must not take real time";
}

TEST(KioskScript, ScreenshotFlagWritesPortraitPng) {
  const auto dir = scratch_dir("portrait");
  const auto result = run_process(
      {PEILING_KIOSK_BIN, "--headless", "--size", "800x1280", "--screenshot", dir + "/portrait.png"});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const auto png = probe_png(dir + "/portrait.png");
  ASSERT_TRUE(png.ok);
  EXPECT_EQ(png.width, 800);
  EXPECT_EQ(png.height, 1280);
  EXPECT_GT(png.dark_pixels, 2000);
}

TEST(KioskScript, BadArgumentsGiveAClearError) {
  auto result =
      run_process({PEILING_KIOSK_BIN, "--headless", "--size", "huge", "--screenshot", "/tmp/x.png"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.output.find("--size 'huge': expected WIDTHxHEIGHT"), std::string::npos) << result.output;

  result = run_process({PEILING_KIOSK_BIN, "--headless"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.output.find("--headless has nothing to show"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace peiling::test
