#include "ui/admin_screens.hpp"

#include <algorithm>

#include "core/catalog.hpp"
#include "ui/flow_row.hpp"

namespace peiling::ui {

namespace {
// The PIN pad's keys in reading order, as on a phone.
constexpr const char* kPinKeys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"};
// The sizes the admin can choose besides the display's own (auto).
constexpr int kScalePercents[] = {100, 125, 150, 200, 250, 300};
constexpr float kTwoColumnWidth = 40.0f;  // font units: below this the panel is one column

// A one-line field of the panel (a folder, the hub's address): a line of text with its padding,
// and never less than a finger's target.
ImVec2 admin_field_size(const Ui& ui) {
  const float line = ui.unit() + ImGui::GetStyle().FramePadding.y * 2;
  return ImVec2(std::min(ui.unit() * 16, ImGui::GetContentRegionAvail().x), std::max(line, ui.min_target()));
}

struct Choice {
  std::string label;
  std::string id;
  bool chosen = false;
};

// A row of buttons, wrapping on a narrow screen, the chosen one lit; returns the index tapped.
std::optional<std::size_t> choice_row(Ui& ui, const std::vector<Choice>& choices) {
  std::optional<std::size_t> tapped;
  FlowRow row;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    row.place(button_size(ui, choices[i].label).x);
    if (button(ui, choices[i].label, choices[i].id,
               choices[i].chosen ? ButtonStyle::selected : ButtonStyle::secondary)) {
      tapped = i;
    }
  }
  return tapped;
}

// The hub's address, the last attempt and success, what waits, what the hub refused, "Sync now"
// with the progress of the pass under way, and the fields that change the hub's address.
void draw_hub_sync(Ui& ui, AdminSummary& summary, std::optional<AdminRequest>& request) {
  const HubSyncView& hub = *summary.hub;
  text(ui,
       hub.url.empty() ? std::string(ui.tr("admin.hub_none")) : fill(ui.tr("admin.hub"), {{"url", hub.url}}));
  note(ui, fill(ui.tr("admin.hub_last_attempt"),
                {{"attempt",
                  hub.last_attempt.empty() ? std::string(ui.tr("admin.hub_never")) : hub.last_attempt}}));
  note(ui,
       fill(ui.tr("admin.hub_last_success"),
            {{"time", hub.last_success.empty() ? std::string(ui.tr("admin.hub_never")) : hub.last_success}}));
  note(ui, fill(ui.tr("admin.hub_waiting"), {{"count", std::to_string(hub.waiting)}}));
  if (!hub.refused.empty()) {
    text(ui, ui.tr("admin.hub_refused"));
    ImGui::PushStyleColor(ImGuiCol_Text, ui.theme.error);
    for (const auto& line : hub.refused) text(ui, line);
    ImGui::PopStyleColor();
  }
  if (!hub.pack_problems.empty()) {
    text(ui, ui.tr("admin.hub_pack_problems"));
    ImGui::PushStyleColor(ImGuiCol_Text, ui.theme.error);
    for (const auto& line : hub.pack_problems) text(ui, line);
    ImGui::PopStyleColor();
  }
  const ImVec2 size(std::min(ui.unit() * 11, ImGui::GetContentRegionAvail().x), ui.unit() * 2.2f);
  if (hub.running) {
    const float fraction =
        hub.total > 0 ? static_cast<float>(hub.done) / static_cast<float>(hub.total) : 0.0f;
    const std::string label = fill(ui.tr("admin.hub_syncing"), {{"done", std::to_string(hub.done)},
                                                                {"total", std::to_string(hub.total)}});
    ImGui::ProgressBar(fraction, size, label.c_str());
  } else if (button(ui, ui.tr("admin.sync_now"), "admin.sync_now", ButtonStyle::secondary, size)) {
    request = AdminRequest{.action = AdminAction::sync_now};
  }
  // The address and token are used when Save is tapped; leaving the fields needs no action. Save
  // sits beside the address, so the app's keyboard below does not cover it.
  const ImVec2 field = admin_field_size(ui);
  FlowRow address_row;
  address_row.place(field.x);
  text_field(ui, ui.tr("admin.hub_url"), "admin.hub_url", summary.hub_url_input, field);
  address_row.place(button_size(ui, ui.tr("admin.hub_save")).x);
  if (button(ui, ui.tr("admin.hub_save"), "admin.hub_save", ButtonStyle::secondary)) {
    request = AdminRequest{.action = AdminAction::set_hub};
  }
  text_field(ui, ui.tr("admin.hub_token"), "admin.hub_token", summary.hub_token_input, field);
  ImGui::Dummy(ImVec2(0, ui.unit() * 0.3f));
}
}  // namespace

std::optional<PinPress> draw_pin_page(ScreenContext& context, const PinEntry& pin, std::string_view prompt) {
  Ui& ui = context.ui;
  const float unit = ui.unit();
  const ImVec2 area = ImGui::GetContentRegionAvail();
  const float column = std::min(area.x, unit * 16);
  const float left = ImGui::GetCursorPosX() + (area.x - column) / 2;
  ImGui::SetCursorPos(ImVec2(left, ImGui::GetCursorPosY() + unit));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(left + column);
  // Body size, not a heading: "beheerderspincode" must fit a narrow screen whole.
  text(ui, prompt);
  if (!pin.message.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui.theme.error);
    text(ui, pin.message);
    ImGui::PopStyleColor();
  }
  // Dots, never the digits.
  std::string dots;
  for (std::size_t i = 0; i < pin.digits.size(); ++i) dots += "● ";
  heading(ui, dots.empty() ? " " : dots);

  std::vector<std::string> labels;
  std::vector<std::string> ids;
  for (const char* key : kPinKeys) {
    const std::string name(key);
    labels.emplace_back(name == "clear" ? ui.tr("admin.clear") : name == "ok" ? ui.tr("admin.ok") : name);
    ids.push_back("pin." + name);
  }
  ImGui::PushItemWidth(column);
  // Narrow padding and gaps keep three keys to a row on a small screen.
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(unit * 0.3f, ImGui::GetStyle().FramePadding.y));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(unit * 0.3f, ImGui::GetStyle().ItemSpacing.y));
  const int tapped = choice_grid(ui, labels, ids, -1, (column - ImGui::GetStyle().ItemSpacing.x * 2) / 3 - 1);
  ImGui::PopStyleVar(2);
  ImGui::PopItemWidth();
  std::optional<PinPress> press;
  if (tapped >= 0) {
    const std::string key = kPinKeys[tapped];
    press = key == "clear" ? PinPress{PinKey::clear}
            : key == "ok"  ? PinPress{PinKey::ok}
                           : PinPress{PinKey::digit, key[0]};
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
  const ImVec2 size(std::min(ui.unit() * 11, ImGui::GetContentRegionAvail().x), ui.unit() * 2.2f);
  const float spacing = ImGui::GetStyle().ItemSpacing.y;
  const bool footer_fits_one_row =
      size.x * 2 + ImGui::GetStyle().ItemSpacing.x <= ImGui::GetContentRegionAvail().x;
  const float footer_height = (size.y + spacing) * (footer_fits_one_row ? 1.0f : 2.0f) + spacing;
  {
    const auto scrolling = ScrollingBody::begin(ui, "admin.body", footer_height);
    // Side by side where there is room: the device and its settings, then warnings and sync.
    const bool two_columns = ImGui::GetContentRegionAvail().x >= ui.unit() * kTwoColumnWidth;
    if (two_columns) {
      ImGui::BeginTable("admin.columns", 2, ImGuiTableFlags_SizingStretchSame);
      ImGui::TableNextColumn();
    }
    text(ui, fill(ui.tr("admin.counts"), {{"complete", std::to_string(summary.complete)},
                                          {"abandoned", std::to_string(summary.abandoned)},
                                          {"unsynced", std::to_string(summary.unsynced)}}));
    text(ui, fill(ui.tr("admin.pack"), {{"id", pack.id}, {"version", std::to_string(pack.version)}}));
    // What the hub last said of the pack's life, when it is more than open: why Welcome may show
    // the closed screen, or why every screen has the REHEARSAL band.
    if (summary.lifecycle != PackLifecycle{}) {
      std::string life(ui.tr("admin.pack_state." + std::string(to_string(summary.lifecycle.state))));
      if (summary.lifecycle.closes_at && summary.lifecycle.state != PackState::closed)
        life += " " + fill(ui.tr("admin.pack_closes_at"),
                           {{"time", format_local_minutes(*summary.lifecycle.closes_at)}});
      if (summary.lifecycle.rehearsal) life += " " + std::string(ui.tr("admin.pack_rehearsal"));
      text(ui, life);
    }
    if (summary.packs.size() > 1) {
      note(ui, ui.tr("admin.packs"));
      for (const auto& stored : summary.packs) {
        const std::string label = fill(ui.tr("admin.pack_choice"),
                                       {{"id", stored.id}, {"version", std::to_string(stored.version)}});
        const auto style = stored == summary.chosen_pack ? ButtonStyle::selected : ButtonStyle::secondary;
        if (button(ui, label, "admin.pack." + stored.id + "." + std::to_string(stored.version), style)) {
          // Drafts of the running pack stay and resume when it runs again; still, switching away
          // from them is a decision the operator confirms.
          const bool leaves_drafts = summary.open_drafts > 0 && stored != PackRef{pack.id, pack.version};
          if (leaves_drafts) {
            summary.pending_choice = stored;
          } else {
            summary.pending_choice.reset();
            request = AdminRequest{.action = AdminAction::choose_pack, .pack = stored};
          }
        }
      }
      if (summary.pending_choice) {
        const PackRef& choice = *summary.pending_choice;
        text(ui, fill(ui.tr("admin.drafts_open"), {{"n", std::to_string(summary.open_drafts)},
                                                   {"id", choice.id},
                                                   {"version", std::to_string(choice.version)}}));
        FlowRow confirm_row;
        confirm_row.place(button_size(ui, ui.tr("admin.switch_anyway")).x);
        if (button(ui, ui.tr("admin.switch_anyway"), "admin.switch_anyway", ButtonStyle::primary)) {
          request = AdminRequest{.action = AdminAction::choose_pack, .pack = choice};
          summary.pending_choice.reset();
        }
        confirm_row.place(button_size(ui, ui.tr("admin.keep_pack")).x);
        if (button(ui, ui.tr("admin.keep_pack"), "admin.keep_pack", ButtonStyle::secondary)) {
          summary.pending_choice.reset();
        }
      }
      if (summary.chosen_pack != PackRef{pack.id, pack.version}) note(ui, ui.tr("admin.pack_next_start"));
    }
    if (!context.tablet) {  // a tablet never returns to Welcome by itself
      text(ui, fill(ui.tr("admin.idle"), {{"seconds", std::to_string(pack.settings.idle_timeout_s)}}));
    }

    ImGui::Dummy(ImVec2(0, ui.unit() * 0.3f));
    text(ui, ui.tr("admin.default_language"));
    std::vector<Choice> languages;
    for (const auto& language : pack.languages) {
      languages.push_back({std::string(ui.tr("language." + language)), "admin.language." + language,
                           language == summary.default_language});
    }
    if (const auto tapped = choice_row(ui, languages)) {
      store::KioskSettings settings = summary.settings;
      settings.default_language = pack.languages[*tapped];
      request = AdminRequest{.action = AdminAction::save_settings, .settings = settings};
    }

    ImGui::Dummy(ImVec2(0, ui.unit() * 0.3f));
    text(ui, ui.tr("admin.scale"));
    std::vector<Choice> scales{
        {std::string(ui.tr("admin.scale_auto")), "admin.scale.auto", !summary.settings.scale_percent}};
    for (const int percent : kScalePercents) {
      scales.push_back({std::to_string(percent) + " %", "admin.scale." + std::to_string(percent),
                        summary.settings.scale_percent == percent});
    }
    if (const auto tapped = choice_row(ui, scales)) {
      store::KioskSettings settings = summary.settings;
      settings.scale_percent = *tapped == 0 ? std::nullopt : std::optional<int>(kScalePercents[*tapped - 1]);
      request = AdminRequest{.action = AdminAction::save_settings, .settings = settings};
    }
    text(ui, ui.tr("admin.keyboard"));
    const std::vector<Choice> keyboards{
        {std::string(ui.tr("admin.keyboard_auto")), "admin.keyboard.auto", !summary.settings.own_keyboard},
        {std::string(ui.tr("admin.keyboard_own")), "admin.keyboard.own", summary.settings.own_keyboard}};
    if (const auto tapped = choice_row(ui, keyboards)) {
      store::KioskSettings settings = summary.settings;
      settings.own_keyboard = *tapped == 1;
      request = AdminRequest{.action = AdminAction::save_settings, .settings = settings};
    }
    note(ui, ui.tr("admin.settings_next_start"));

    if (two_columns) ImGui::TableNextColumn();
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
    FlowRow export_row;
    const ImVec2 field = admin_field_size(ui);
    export_row.place(field.x);
    text_field(ui, ui.tr("admin.export_path"), "admin.export_path", summary.export_path, field);
    export_row.place(button_size(ui, ui.tr("admin.export")).x);
    if (button(ui, ui.tr("admin.export"), "admin.export", ButtonStyle::secondary) &&
        !summary.export_path.empty()) {
      request = AdminRequest{.action = AdminAction::export_batches, .folder = summary.export_path};
    }
    if (!summary.export_result.empty()) note(ui, summary.export_result);

    ImGui::Dummy(ImVec2(0, spacing));
    if (button(ui, ui.tr("admin.results"), "admin.results", ButtonStyle::secondary)) {
      request = AdminRequest{.action = AdminAction::show_results};
    }

    if (two_columns) ImGui::EndTable();
  }
  ImGui::Dummy(ImVec2(0, spacing));
  FlowRow leave_row;
  leave_row.place(size.x);
  if (button(ui, ui.tr("admin.close"), "admin.close", ButtonStyle::primary, size)) {
    request = AdminRequest{.action = AdminAction::close};
  }
  leave_row.place(size.x);
  if (button(ui, ui.tr("admin.leave"), "admin.leave", ButtonStyle::secondary, size)) {
    request = AdminRequest{.action = AdminAction::leave_kiosk};
  }
  return request;
}

namespace {

struct ResultEntry {
  std::string title;
  float fraction = 0;  // of the bar
  std::string figure;
};

// One ranked list of the Results screen in a column: as many entries as fit in height, at most
// five, each its title over a bar with its figure.
void results_list(Ui& ui, std::string_view title, const std::vector<ResultEntry>& entries, float width,
                  float height) {
  constexpr std::size_t kMaxRows = 5;
  const float top = ImGui::GetCursorPosY();
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  note(ui, title);
  const float gap = ui.unit() * 0.3f;
  for (std::size_t row = 0; row < entries.size() && row < kMaxRows; ++row) {
    const std::string line = std::to_string(row + 1) + ". " + entries[row].title;
    ImGui::PushFont(ui.fonts.body);
    const float needed = ImGui::CalcTextSize(line.c_str(), nullptr, false, width).y +
                         ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y + gap;
    ImGui::PopFont();
    if (ImGui::GetCursorPosY() + needed - top > height) break;
    text(ui, line);
    progress_bar(ui, entries[row].fraction, entries[row].figure, width * 0.5f);
    ImGui::Dummy(ImVec2(0, gap));
  }
  ImGui::PopTextWrapPos();
  ImGui::Dummy(ImVec2(width, 0));
  ImGui::EndGroup();
}

}  // namespace

bool draw_results_screen(ScreenContext& context, const Aggregate& results, const Fonts& large) {
  Ui& ui = context.ui;
  Ui big{ui.index, ui.catalog, ui.language, large, ui.theme, ui.scale, ui.interaction};
  const Pack& pack = context.pack;
  // Back sits in the top-right corner, so the lists have the whole height below the title.
  const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
  const ImVec2 back_size = button_size(ui, ui.tr("results.back"), ImVec2(0, ui.unit() * 2));
  const float title_y = ImGui::GetCursorPosY();
  ImGui::PushTextWrapPos(right - back_size.x - ui.unit());
  heading(big, ui.tr("results.title"));
  ImGui::PopTextWrapPos();
  const float below_title = ImGui::GetCursorPosY();
  ImGui::SetCursorPos(ImVec2(right - back_size.x, title_y));
  const bool back = button(ui, ui.tr("results.back"), "results.back", ButtonStyle::secondary, back_size);
  ImGui::SetCursorPosY(std::max(below_title, ImGui::GetCursorPosY()));
  note(ui, fill(ui.tr("results.responses"), {{"n", std::to_string(results.responses)}}));
  ImGui::Dummy(ImVec2(0, ui.unit() * 0.5f));
  if (results.withheld) {
    text(big, fill(ui.tr("results.withheld"), {{"k", std::to_string(results.options.k)}}));
    return back;
  }
  const auto title_of = [&](const ItemSummary& item) {
    const Point* point = pack.point(item.item_id);
    return point ? std::string(point->title.in(ui.language)) : item.item_id;
  };
  std::vector<ResultEntry> chosen;
  const int best = results.top_n.empty() ? 0 : results.points[results.top_n.front()].rank_score;
  for (std::size_t index : results.top_n) {
    const ItemSummary& point = results.points[index];
    chosen.push_back(
        {title_of(point), best > 0 ? static_cast<float>(point.rank_score) / static_cast<float>(best) : 0,
         fill(ui.tr("results.score"),
              {{"score", std::to_string(point.rank_score)}, {"chosen", std::to_string(point.chosen)}})});
  }
  std::vector<ResultEntry> important;
  const Scale* scale = pack.point_scales.empty() ? nullptr : pack.scale(pack.point_scales.front());
  for (const auto& point : results.points) {
    const ScaleSummary* summary = scale ? point.scale(scale->id) : nullptr;
    if (!summary || !summary->mean) continue;
    const float fraction = static_cast<float>((*summary->mean - scale->min) / (scale->max - scale->min));
    important.push_back({title_of(point), fraction, format_decimal(*summary->mean, 1, ui.language)});
  }
  // The lists share what is left of the window, which fills the display.
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float width = ImGui::GetContentRegionAvail().x;
  const float left_height =
      viewport->Pos.y + viewport->Size.y - ImGui::GetStyle().WindowPadding.y - ImGui::GetCursorScreenPos().y;
  const float gap = ui.unit() * 2;
  const bool side_by_side = viewport->Size.x > viewport->Size.y;
  const float column = side_by_side ? (width - gap) / 2 : width;
  const float height = side_by_side ? left_height : (left_height - gap) / 2;
  results_list(big, ui.tr("results.top"), chosen, column, height);
  if (side_by_side) {
    ImGui::SameLine(0, gap);
  } else {
    ImGui::Dummy(ImVec2(0, gap / 2));
  }
  results_list(big, ui.tr("results.ranked"), important, column, height);
  return back;
}

}  // namespace peiling::ui
