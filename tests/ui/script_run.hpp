#pragma once
// Runs `peiling --headless --virtual-time --script` on a script written into dir, and reads
// back what the script's measure and list_widgets commands printed.
#include <string>
#include <vector>

#include "support/process.hpp"

namespace peiling::test {

ProcessResult run_script(const std::string& dir, const std::string& script,
                         std::vector<std::string> extra = {});

struct PrintedRect {
  std::string kind;  // "measure" or "widget"
  std::string label;
  std::string id;  // widgets only
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;

  float width() const { return x1 - x0; }
  float height() const { return y1 - y0; }
};

// Every measure and widget line of a script run's output, in order.
std::vector<PrintedRect> printed_rects(const std::string& output);

// A way to look at the screens: landscape or portrait, at a text size or in high contrast.
struct ViewCase {
  std::string name;
  std::string size;  // --size
  std::string taps;  // script lines that choose the text size and contrast
};

// Both orientations at each text size and in high contrast, the views screenshots are taken in.
// tap is the script command to choose with ("tap" or "finger_tap").
std::vector<ViewCase> every_view(const std::string& tap);

}  // namespace peiling::test
