#pragma once
// The app's platform pieces in this test process: a headless display, ImGui with the app's font
// ladder, and a virtual clock. For tests that look inside a frontend (its wakeups, a text field's
// bytes) rather than only at what `peiling --script` prints and draws.
#include <memory>
#include <optional>

#include "core/catalog.hpp"
#include "core/pack.hpp"
#include "platform/clock.hpp"
#include "platform/display.hpp"
#include "platform/imgui_runtime.hpp"
#include "store/device_store.hpp"
#include "ui/script.hpp"
#include "ui/view_settings.hpp"

namespace peiling::test {

class HeadlessRig {
 public:
  // Fails the current test (and leaves display() null) if SDL or the fonts cannot start.
  HeadlessRig(platform::Size size, float scale);
  HeadlessRig(const HeadlessRig&) = delete;
  HeadlessRig& operator=(const HeadlessRig&) = delete;

  bool ok() const { return ok_; }
  platform::Display& display() { return *display_; }
  platform::ImGuiRuntime& imgui() { return imgui_; }
  platform::VirtualClock& clock() { return clock_; }
  ui::TextSizeFonts fonts() const { return ui::TextSizeFonts(imgui_.fonts()); }

 private:
  // Declared first so that SDL shuts down after everything that uses it.
  struct SdlShutdown {
    ~SdlShutdown();
  } sdl_shutdown_;
  std::unique_ptr<platform::Display> display_;
  platform::ImGuiRuntime imgui_;
  platform::VirtualClock clock_;
  bool ok_ = false;
};

// What a kiosk in this process runs on: the bundled conference pack, the app's strings, and a
// device store in memory.
struct BundledKiosk {
  PackFile pack;
  Catalog catalog;
  store::DeviceStore store;
};
// Fails the current test (and returns nothing) when any of them cannot be had.
std::optional<BundledKiosk> bundled_kiosk();

// Parses text (named origin in errors) and runs it on runner in this process, failing the test on
// a script that does not parse or a step that does not hold.
void run_in_process(ui::ScriptRunner& runner, const std::string& text, const std::string& origin);

}  // namespace peiling::test
