#include "ui/admin_screens.hpp"

#include <algorithm>

#include "core/catalog.hpp"

namespace peiling::ui {

namespace {
// The PIN pad's keys in reading order, as on a phone.
constexpr const char* kPinKeys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"};
// The hub's address, the last attempt and success, what waits, what the hub refused, and
// "Sync now" with the progress of the pass under way.
void draw_hub_sync(Ui& ui, AdminSummary& summary, std::optional<AdminRequest>& request) {
  const HubSyncView& hub = *summary.hub;
  text(ui, hub.url.empty() ? std::string(ui.tr("admin.hub_none")) : fill(ui.tr("admin.hub"), {{"url", hub.url}}));
  note(ui, fill(ui.tr("admin.hub_last_attempt"),
                {{"attempt", hub.last_attempt.empty() ? std::string(ui.tr("admin.hub_never")) : hub.last_attempt}}));
  note(ui, fill(ui.tr("admin.hub_last_success"),
                {{"time", hub.last_success.empty() ? std::string(ui.tr("admin.hub_never")) : hub.last_success}}));
  note(ui, fill(ui.tr("admin.hub_waiting"), {{"count", std::to_string(hub.waiting)}}));
  if (!hub.refused.empty()) {
    text(ui, ui.tr("admin.hub_refused"));
    ImGui::PushStyleColor(ImGuiCol_Text, ui.theme.error);
    for (const auto& line : hub.refused) text(ui, line);
    ImGui::PopStyleColor();
  }
  const ImVec2 size(ui.unit() * 11, ui.unit() * 2.2f);
  if (hub.running) {
    const float fraction = hub.total > 0 ? static_cast<float>(hub.done) / static_cast<float>(hub.total) : 0.0f;
    const std::string label =
        fill(ui.tr("admin.hub_syncing"), {{"done", std::to_string(hub.done)}, {"total", std::to_string(hub.total)}});
    ImGui::ProgressBar(fraction, size, label.c_str());
  } else if (button(ui, ui.tr("admin.sync_now"), "admin.sync_now", ButtonStyle::secondary, size)) {
    request = AdminRequest{.action = AdminAction::sync_now};
  }
  // The address and token are used when Save is tapped; leaving the fields needs no action.
  const ImVec2 field(ui.unit() * 16, ui.unit() * 1.6f);
  text_field(ui, ui.tr("admin.hub_url"), "admin.hub_url", summary.hub_url_input, field);
  text_field(ui, ui.tr("admin.hub_token"), "admin.hub_token", summary.hub_token_input, field);
  ImGui::SameLine();
  if (button(ui, ui.tr("admin.hub_save"), "admin.hub_save", ButtonStyle::secondary)) {
    request = AdminRequest{.action = AdminAction::set_hub};
  }
  ImGui::Dummy(ImVec2(0, ui.unit() * 0.3f));
}

}  // namespace

std::optional<PinPress> draw_pin_page(ScreenContext& context, std::string_view prompt) {
  Ui& ui = context.ui;
  const float unit = ui.unit();
  const ImVec2 area = ImGui::GetContentRegionAvail();
  const float column = std::min(area.x, unit * 16);
  const float left = ImGui::GetCursorPosX() + (area.x - column) / 2;
  ImGui::SetCursorPos(ImVec2(left, ImGui::GetCursorPosY() + unit));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(left + column);
  heading(ui, prompt);
  if (!context.state.pin.message.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui.theme.error);
    text(ui, context.state.pin.message);
    ImGui::PopStyleColor();
  }
  // Dots, never the digits.
  std::string dots;
  for (std::size_t i = 0; i < context.state.pin.digits.size(); ++i) dots += "● ";
  heading(ui, dots.empty() ? " " : dots);

  std::vector<std::string> labels;
  std::vector<std::string> ids;
  for (const char* key : kPinKeys) {
    const std::string name(key);
    labels.emplace_back(name == "clear" ? ui.tr("admin.clear") : name == "ok" ? ui.tr("admin.ok") : name);
    ids.push_back("pin." + name);
  }
  ImGui::PushItemWidth(column);
  const int tapped = choice_grid(ui, labels, ids, -1, (column - ImGui::GetStyle().ItemSpacing.x * 2) / 3 - 1);
  ImGui::PopItemWidth();
  std::optional<PinPress> press;
  if (tapped >= 0) {
    const std::string key = kPinKeys[tapped];
    press = key == "clear" ? PinPress{PinKey::clear} : key == "ok" ? PinPress{PinKey::ok} : PinPress{PinKey::digit, key[0]};
  }
  ImGui::Dummy(ImVec2(0, unit * 0.5f));
  if (button(ui, ui.tr("admin.cancel"), "admin.cancel", ButtonStyle::secondary, ImVec2(column, unit * 2))) {
    press = PinPress{PinKey::cancel};
  }
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  return press;
}

std::optional<AdminRequest> draw_admin_panel(ScreenContext& context, AdminSummary& summary) {
  Ui& ui = context.ui;
  const Pack& pack = context.pack;
  std::optional<AdminRequest> request;
  heading(ui, ui.tr("admin.title"));
  text(ui, fill(ui.tr("admin.counts"), {{"complete", std::to_string(summary.complete)},
                                        {"abandoned", std::to_string(summary.abandoned)},
                                        {"unsynced", std::to_string(summary.unsynced)}}));
  text(ui, fill(ui.tr("admin.pack"), {{"id", pack.id}, {"version", std::to_string(pack.version)}}));
  if (summary.packs.size() > 1) {
    note(ui, ui.tr("admin.packs"));
    for (const auto& stored : summary.packs) {
      const std::string label =
          fill(ui.tr("admin.pack_choice"), {{"id", stored.id}, {"version", std::to_string(stored.version)}});
      const auto style = stored == summary.chosen_pack ? ButtonStyle::selected : ButtonStyle::secondary;
      if (button(ui, label, "admin.pack." + stored.id + "." + std::to_string(stored.version), style)) {
        request = AdminRequest{.action = AdminAction::choose_pack, .pack = stored};
      }
    }
    if (summary.chosen_pack != store::PackRef{pack.id, pack.version}) note(ui, ui.tr("admin.pack_next_start"));
  }
  text(ui, fill(ui.tr("admin.idle"), {{"seconds", std::to_string(pack.settings.idle_timeout_s)}}));

  ImGui::Dummy(ImVec2(0, ui.unit() * 0.3f));
  text(ui, ui.tr("admin.default_language"));
  for (std::size_t i = 0; i < pack.languages.size(); ++i) {
    const std::string& language = pack.languages[i];
    if (i > 0) ImGui::SameLine();
    const std::string id = "admin.language." + language;
    const auto style = language == summary.default_language ? ButtonStyle::selected : ButtonStyle::secondary;
    if (button(ui, ui.tr("language." + language), id, style)) {
      request = AdminRequest{.action = AdminAction::set_default_language, .language = language};
    }
  }

  ImGui::Dummy(ImVec2(0, ui.unit() * 0.3f));
  text(ui, ui.tr("admin.warnings"));
  if (summary.warnings.empty()) note(ui, ui.tr("admin.no_warnings"));
  ImGui::PushStyleColor(ImGuiCol_Text, ui.theme.error);
  for (const auto& warning : summary.warnings) text(ui, warning);
  ImGui::PopStyleColor();

  ImGui::Dummy(ImVec2(0, ui.unit() * 0.3f));
  text(ui, ui.tr("admin.sync"));
  note(ui, fill(ui.tr("admin.sync_counts"), {{"not_batched", std::to_string(summary.sync.not_batched)},
                                             {"batched", std::to_string(summary.sync.batched)},
                                             {"exported", std::to_string(summary.sync.exported)},
                                             {"delivered", std::to_string(summary.sync.delivered)}}));
  if (summary.hub) draw_hub_sync(ui, summary, request);
  for (const auto& medium : summary.media) {
    if (button(ui, fill(ui.tr("admin.export_to"), {{"folder", medium}}), "admin.export." + medium,
               ButtonStyle::secondary)) {
      request = AdminRequest{.action = AdminAction::export_batches, .folder = medium};
    }
  }
  // The typed folder is used when Export is tapped; leaving the field needs no action.
  text_field(ui, ui.tr("admin.export_path"), "admin.export_path", summary.export_path,
             ImVec2(ui.unit() * 16, ui.unit() * 1.6f));
  ImGui::SameLine();
  if (button(ui, ui.tr("admin.export"), "admin.export", ButtonStyle::secondary) && !summary.export_path.empty()) {
    request = AdminRequest{.action = AdminAction::export_batches, .folder = summary.export_path};
  }
  if (!summary.export_result.empty()) note(ui, summary.export_result);

  ImGui::Dummy(ImVec2(0, ui.unit()));
  const ImVec2 size(ui.unit() * 11, ui.unit() * 2.2f);
  if (button(ui, ui.tr("admin.close"), "admin.close", ButtonStyle::primary, size)) {
    request = AdminRequest{.action = AdminAction::close};
  }
  ImGui::SameLine();
  if (button(ui, ui.tr("admin.leave"), "admin.leave", ButtonStyle::secondary, size)) {
    request = AdminRequest{.action = AdminAction::leave_kiosk};
  }
  return request;
}

}  // namespace peiling::ui
