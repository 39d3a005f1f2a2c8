#pragma once
// All state of the respondent's screens, in one place: a reset after idle, or the next
// respondent, replaces it whole, so nothing of one respondent can reach the next. The operator's
// screens keep theirs in the AdminController, which clears it when the operator is done.
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "core/respondent_flow.hpp"
#include "ui/character_stand_ins.hpp"
#include "ui/response_session.hpp"
#include "ui/view_settings.hpp"

namespace peiling::ui {

struct AppState {
  FlowPosition position;
  std::string language;                    // the language the respondent reads
  ViewSettings view;                       // text size and contrast, chosen by the respondent
  bool view_menu_open = false;             // a narrow screen's "Aa" shows text size and contrast
  std::optional<ResponseSession> session;  // from Begin until Send or reset
  std::set<std::string> open_remarks;      // items whose remark field is open
  std::set<std::string> toggled_themes;    // top N: themes opened or closed against their default
  std::string error;                       // a store failure (for the operator) until the next success
  std::string error_key = "store.failed";  // what the respondent reads of it (an i18n key)
  CharacterStandIns stand_ins;             // for the emoji this respondent types
  FlowPosition open_target;                // where the overview's last tap goes (FlowEvent::open)
  std::string contact_email;               // the opt-in field on Review; stored apart on send

  std::uint64_t last_input_ms = 0;
  std::optional<std::uint64_t> idle_countdown_ends_ms;  // the "are you still there?" overlay is up
  std::optional<std::uint64_t> thanks_ends_ms;
  std::optional<std::uint64_t> admin_hold_started_ms;  // a press held in the top-right corner

  // Seeds every ImGui ID, so each respondent gets fresh widgets: no scroll position, text
  // field or undo history of the previous one survives.
  std::uint32_t respondent_number = 0;
};

}  // namespace peiling::ui
