#pragma once
// The operator's screens: the PIN pad and the admin panel.
#include <optional>
#include <string>
#include <vector>

#include "ui/respondent_screens.hpp"

namespace peiling::ui {

enum class PinKey { digit, clear, ok, cancel };

struct PinPress {
  PinKey key;
  char digit = 0;
};

// The PIN pad; returns the key tapped, if any.
std::optional<PinPress> draw_pin_page(ScreenContext& context, std::string_view prompt);

// What the admin panel shows, read from the store when the panel opens.
struct AdminSummary {
  int complete = 0;
  int abandoned = 0;
  int unsynced = 0;
  std::vector<std::string> warnings;
  std::string default_language;
  std::vector<store::PackRef> packs;  // every pack this device has seen
  store::PackRef chosen_pack;         // the device's active pack, used from the next start
};

enum class AdminAction { close, leave_kiosk, set_default_language, choose_pack };

struct AdminRequest {
  AdminAction action;
  std::string language;
  store::PackRef pack;
};

std::optional<AdminRequest> draw_admin_panel(ScreenContext& context, const AdminSummary& summary);

}  // namespace peiling::ui
