// The kiosk as `make run` starts it: with a real X server, and with none.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/process.hpp"

namespace peiling::test {
namespace {

TEST(KioskDisplay, NoDisplayGivesAClearMessageAndNonZeroExit) {
  const auto home = scratch_dir("no_display_home");
  const auto result =
      run_process({PEILING_KIOSK_BIN}, {.set_env = {{"XDG_DATA_HOME", home}},
                                        .unset_env = {"DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"},
                                        .timeout_seconds = 30});
  EXPECT_EQ(result.signal, 0) << "must not crash or hang";
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("no display found"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("--headless"), std::string::npos) << result.output;
}

TEST(KioskDisplay, ADisplayThatDoesNotAnswerIsNamedInTheMessage) {
  const auto home = scratch_dir("unreachable_display_home");
  // No X server listens on display 987 (nor makes its socket) on a test machine.
  const auto result =
      run_process({PEILING_KIOSK_BIN}, {.set_env = {{"XDG_DATA_HOME", home}, {"DISPLAY", ":987"}},
                                        .unset_env = {"WAYLAND_DISPLAY", "SDL_VIDEODRIVER"},
                                        .timeout_seconds = 30});
  EXPECT_EQ(result.signal, 0) << "must not crash or hang";
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("cannot connect to display :987"), std::string::npos) << result.output;
  EXPECT_EQ(result.output.find("DISPLAY and WAYLAND_DISPLAY are not set"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("--headless"), std::string::npos) << result.output;
}

TEST(KioskDisplay, OpensAWindowUnderXvfbAndRunsAScript) {
  const auto dir = scratch_dir("xvfb_window");
  write_file(dir + "/window.script",
             "expect \"Werkconferentie\"\n"
             "tap \"English\"\n"
             "expect \"Work conference\"\n"
             "screenshot window.png\n");
  const auto result =
      run_process({"xvfb-run", "--auto-servernum", "--server-args=-screen 0 1280x800x24", PEILING_KIOSK_BIN,
                   "--script", "window.script"},
                  {.unset_env = {"SDL_VIDEODRIVER"}, .working_dir = dir, .timeout_seconds = 60});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(std::filesystem::file_size(dir + "/window.png") > 1000);
}

}  // namespace
}  // namespace peiling::test
