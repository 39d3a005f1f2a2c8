#pragma once
// All state of the respondent screens, in one place, so a reset can clear it in one step.
#include <string>

#include "ui/view_settings.hpp"

namespace peiling::ui {

struct AppState {
  std::string language;  // the language the respondent reads, one of the pack's
  ViewSettings view;     // text size and contrast
};

}  // namespace peiling::ui
