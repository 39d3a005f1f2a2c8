#pragma once
// Runs `peiling --headless --virtual-time --script` on a script written into dir, and reads
// back what the script's measure and list_widgets commands printed.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace peiling::test {

ProcessResult run_script(const std::string& dir, const std::string& script,
                         std::vector<std::string> extra = {});

struct PrintedRect {
  std::string kind;  // "measure" or "widget"
  std::string label;
  std::string id;                        // widgets only
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // what shows
  bool whole = true;                     // false: part of it is scrolled away or cut off
  bool broken_word = false;              // its label broke inside a word
  bool label_spills = false;             // its label runs over its edges
  bool taller_than_view = false;         // taller than the part of the screen it shows in
  float full_x0 = 0, full_y0 = 0, full_x1 = 0, full_y1 = 0;

  float width() const { return x1 - x0; }
  float height() const { return y1 - y0; }
};

// Script lines that open the admin PIN pad (a 3.5 s hold in the top-right corner of a 1280 px wide
// Welcome) and type a PIN on it.
inline const std::string kHoldCorner = "drag 1276 4 1276 4 3500\n";
std::string enter_pin(const std::string& pin);

// How many missed opportunities the bundled conference pack has. A respondent rates each of them,
// on a page of its own, after the points, so a script that walks through a response needs it.
inline std::size_t bundled_missed_opportunities() {
  const auto pack =
      nlohmann::json::parse(read_file(std::string(PEILING_ASSETS_DIR) + "/packs/conference-2009-11-13.json"));
  return pack.at("missed_opportunities").at("items").size();
}

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
