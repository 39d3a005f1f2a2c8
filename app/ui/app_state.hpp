#pragma once
// All state of the respondent screens, in one place, so a reset can clear it in one step.
#include <string>

namespace peiling::ui {

struct AppState {
  std::string language;  // the language the respondent reads, one of the pack's
};

}  // namespace peiling::ui
