#pragma once
// Lays items out left to right and continues on a new line when the next one would cross the
// right edge. Buttons keep their full touch size on narrow screens; the row wraps instead.
#include <span>

namespace peiling::ui {

class FlowRow {
 public:
  // Starts at the cursor; the row may use the width up to the content region's right edge.
  FlowRow();
  // Call just before each item, with the width it will take.
  void place(float item_width);

 private:
  float left_ = 0;  // screen coordinates
  float right_ = 0;
  bool empty_ = true;
};

// The width a row of items takes on one line, with ImGui's spacing between them.
float row_width(std::span<const float> item_widths);

}  // namespace peiling::ui
