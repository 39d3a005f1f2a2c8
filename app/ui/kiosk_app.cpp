#include "ui/kiosk_app.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include "core/admin_pin.hpp"
#include "core/conditions.hpp"
#include "core/point_selection.hpp"
#include "core/utc_time.hpp"
#include "sync/outbox.hpp"
#include "ui/respondent_screens.hpp"

namespace peiling::ui {

namespace {

bool is_input(const SDL_Event& event) {
  switch (event.type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_MOUSEMOTION:
    case SDL_MOUSEWHEEL:
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION:
    case SDL_KEYDOWN:
    case SDL_KEYUP:
    case SDL_TEXTINPUT:
      return true;
    default:
      return false;
  }
}

bool is_press(const SDL_Event& event) {
  return event.type == SDL_MOUSEBUTTONDOWN || event.type == SDL_MOUSEBUTTONUP ||
         event.type == SDL_FINGERDOWN || event.type == SDL_FINGERUP;
}

const Theme& theme_for(const ViewSettings& view) {
  return view.high_contrast ? high_contrast_theme() : standard_theme();
}

std::optional<std::uint64_t> earliest(std::optional<std::uint64_t> a, std::optional<std::uint64_t> b) {
  if (a && b) return std::min(*a, *b);
  return a ? a : b;
}

std::string seconds_until(UtcMillis until) {
  return std::to_string(std::max<UtcMillis>(1, (until - utc_now() + 999) / 1000));
}

}  // namespace

KioskApp::KioskApp(const Pack& pack, const Catalog& catalog, store::DeviceStore& store,
                   const platform::Clock& clock, const TextSizeFonts& fonts, KioskOptions options,
                   DeviceSettings device, sync::SyncWorker* sync_worker)
    : pack_(pack),
      catalog_(catalog),
      store_(store),
      clock_(clock),
      fonts_(fonts),
      device_(device),
      default_language_(std::move(options.language)),
      random_(options.random_seed),
      gesture_(device.scale),
      keyboard_(device.scale),
      tablet_(options.mode.value_or(pack.settings.mode) == Mode::tablet),
      sync_worker_(sync_worker) {
  state_.language = default_language_;
  state_.last_input_ms = clock_.now_ms();
  apply_view(state_.view);
  refresh_draft();
}

void KioskApp::refresh_draft() {
  draft_changed_at_.reset();
  if (!tablet_) return;
  // A tablet may run for weeks: drafts past draft_days close here too, not only at start-up. No
  // response is being answered on Welcome, so nothing of a respondent's is cut short.
  store_.abandon_interrupted(store_.now() - pack_.settings.draft_days * kDayMillis);
  auto draft = store_.latest_draft({pack_.id, pack_.version});
  if (!draft || !draft.value()) return;
  if (auto response = store_.response(*draft.value())) draft_changed_at_ = response->last_active_at;
}

void KioskApp::apply_view(const ViewSettings& view) {
  if (applied_view_ == view) return;
  apply_theme(theme_for(view), fonts_.at(view.text_size).body->FontSize);
  applied_view_ = view;
}

bool KioskApp::on_pointer(const platform::PointerEvent& pointer) {
  const std::uint64_t now = clock_.now_ms();
  if (device_.own_keyboard && keyboard_.on_pointer(pointer, now)) return true;
  switch (pointer.action) {
    case platform::PointerAction::press:
      gesture_.press(pointer.position, now);
      break;
    case platform::PointerAction::move:
      gesture_.move(pointer.position, now);
      break;
    case platform::PointerAction::release:
      gesture_.release(pointer.position, now);
      break;
  }
  return false;
}

Mode KioskApp::mode() const {
  return tablet_ ? Mode::tablet : Mode::kiosk;
}

FlowShape KioskApp::shape() const {
  // On Welcome, the shape of the response Begin opens.
  if (!state_.session) return flow_shape(pack_, mode(), points_per_response(pack_, mode()), {});
  return flow_shape(pack_, mode(), static_cast<int>(state_.session->points().size()),
                    state_.session->choices());
}

bool KioskApp::on_event(const SDL_Event& event) {
  // A kiosk is left only from the admin panel: closing the window or Alt-F4 does nothing.
  if (event.type == SDL_QUIT) return true;
  // The sync worker's wake-up: its status changed, so the admin panel redraws.
  if (event.type >= SDL_USEREVENT) return true;
  if (!is_input(event)) return false;
  state_.last_input_ms = clock_.now_ms();
  if (state_.idle_countdown_ends_ms) {
    // The respondent is back. The touch that says so must not also press what is under it.
    if (is_press(event)) {
      if (event.type == SDL_MOUSEBUTTONUP || event.type == SDL_FINGERUP)
        state_.idle_countdown_ends_ms.reset();
      return true;
    }
    return false;
  }
  if (state_.position.screen == Screen::thanks && is_press(event)) {
    if (event.type == SDL_MOUSEBUTTONUP || event.type == SDL_FINGERUP) apply(FlowEvent::thanks_done);
    return true;
  }
  if (event.type == SDL_TEXTINPUT) {
    // Emoji and other characters beyond U+FFFF reach the field as their stand-ins.
    const std::string for_field = state_.stand_ins.to_editor(event.text.text);
    if (for_field != event.text.text) {
      ImGui::GetIO().AddInputCharactersUTF8(for_field.c_str());
      return true;
    }
  }
  return false;
}

void KioskApp::update(std::uint64_t now_ms) {
  gesture_.tick(now_ms);
  keyboard_.update(now_ms);
  const std::uint64_t idle_ms = static_cast<std::uint64_t>(pack_.settings.idle_timeout_s) * 1000;
  // A tablet keeps its draft however long it lies untouched; only a kiosk resets.
  if (!tablet_ && is_respondent_screen(state_.position.screen)) {
    if (state_.idle_countdown_ends_ms && now_ms >= *state_.idle_countdown_ends_ms) {
      apply(FlowEvent::reset);
    } else if (!state_.idle_countdown_ends_ms && now_ms >= state_.last_input_ms + idle_ms) {
      state_.idle_countdown_ends_ms =
          now_ms + static_cast<std::uint64_t>(pack_.settings.idle_countdown_s) * 1000;
    }
  }
  if (state_.thanks_ends_ms && now_ms >= *state_.thanks_ends_ms) apply(FlowEvent::thanks_done);
  if (admin_summary_.results && now_ms >= admin_summary_.results->read_at_ms + kResultsRefreshMs)
    read_results(now_ms);
  if (state_.admin_hold_started_ms && now_ms >= *state_.admin_hold_started_ms + kAdminHoldMs) {
    state_.admin_hold_started_ms.reset();
    apply(FlowEvent::admin_requested);
  }
}

std::optional<std::uint64_t> KioskApp::next_wakeup_ms(std::uint64_t now_ms) const {
  std::optional<std::uint64_t> wakeup;
  auto consider = [&](std::uint64_t at) { wakeup = wakeup ? std::min(*wakeup, at) : at; };
  if (state_.idle_countdown_ends_ms) {
    // Redraw each second so the countdown shows the seconds left.
    const std::uint64_t left =
        *state_.idle_countdown_ends_ms > now_ms ? *state_.idle_countdown_ends_ms - now_ms : 0;
    consider(now_ms + (left % 1000 == 0 ? std::min<std::uint64_t>(left, 1000) : left % 1000));
  } else if (!tablet_ && is_respondent_screen(state_.position.screen)) {
    consider(state_.last_input_ms + static_cast<std::uint64_t>(pack_.settings.idle_timeout_s) * 1000);
  }
  if (state_.thanks_ends_ms) consider(*state_.thanks_ends_ms);
  if (state_.admin_hold_started_ms) consider(*state_.admin_hold_started_ms + kAdminHoldMs);
  if (admin_summary_.results) consider(admin_summary_.results->read_at_ms + kResultsRefreshMs);
  return earliest(wakeup,
                  earliest(redraw_ms_, earliest(gesture_.next_wakeup_ms(), keyboard_.next_wakeup_ms())));
}

bool KioskApp::begin_response() {
  std::vector<std::string> all_points;
  for (const auto& point : pack_.points) all_points.push_back(point.id);
  std::vector<std::string> points;
  if (tablet_) {
    // Every point, in the pack's order or shuffled as the pack says.
    points = all_points;
    if (pack_.settings.point_order == PointOrder::random) std::shuffle(points.begin(), points.end(), random_);
  } else {
    std::map<std::string, int> times_shown;
    if (auto tallies = store_.point_tallies(pack_.id)) {
      for (const auto& [point, tally] : tallies.value()) times_shown[point] = tally.times_shown;
    }
    points = choose_points(all_points, times_shown, points_per_response(pack_, Mode::kiosk), random_);
  }
  auto session = ResponseSession::begin(store_, pack_, state_.language, std::move(points), mode());
  if (!session) {
    state_.error = session.error();
    return false;
  }
  state_.error.clear();
  state_.session.emplace(std::move(session.value()));
  return true;
}

bool KioskApp::resume_response() {
  auto draft = store_.latest_draft({pack_.id, pack_.version});
  if (!draft || !draft.value()) {
    state_.error = draft ? std::string("no draft") : draft.error().message;
    return false;
  }
  auto session = ResponseSession::resume(store_, *draft.value());
  if (!session) {
    state_.error = session.error();
    return false;
  }
  state_.error.clear();
  state_.session.emplace(std::move(session.value()));
  state_.language = state_.session->language();
  return true;
}

bool KioskApp::store_contact() {
  const std::string& email = state_.contact_email;
  if (!pack_.settings.contact_opt_in || email.find_first_not_of(" \t\r\n") == std::string::npos) return true;
  auto added = store_.add_contact({pack_.id, email});
  if (!added) {
    state_.error = added.error().message;
    return false;
  }
  return true;
}

void KioskApp::save_typed_text() {
  if (state_.session) state_.session->save_texts();
}

bool KioskApp::send_response() {
  // A refused address keeps the respondent on Review to correct it, before anything is final.
  if (!store_contact()) return false;
  if (!state_.session || !state_.session->complete()) return false;  // the error stays on screen
  state_.thanks_ends_ms = clock_.now_ms() + kThanksMs;
  if (sync_worker_) sync_worker_->request_sync();
  return true;
}

void KioskApp::end_response() {
  if (state_.session) state_.session->end_unfinished(pack_.settings.keep_abandoned);
  start_next_respondent();
}

void KioskApp::keep_draft() {
  // The draft is in the store already; only typed text may still be in a field.
  save_typed_text();
  start_next_respondent();
}

void KioskApp::start_next_respondent() {
  const std::uint32_t next_number = state_.respondent_number + 1;
  state_ = AppState{};
  state_.language = default_language_;
  state_.respondent_number = next_number;
  state_.last_input_ms = clock_.now_ms();
  refresh_draft();
  // No text field stays active, and with the new ID seed no widget state carries over.
  ImGui::ClearActiveID();
}

void KioskApp::apply(FlowEvent event) {
  const FlowStep step = transition(state_.position, event, shape(), state_.open_target);
  if (!do_work(step.work)) return;
  state_.position = step.to;
}

bool KioskApp::do_work(FlowWork work) {
  switch (work) {
    case FlowWork::none:
      return true;
    case FlowWork::begin_response:
      return begin_response();
    case FlowWork::resume_response:
      return resume_response();
    case FlowWork::save_typed_text:
      save_typed_text();
      return true;
    case FlowWork::send_response:
      return send_response();
    case FlowWork::end_response:
      end_response();
      return true;
    case FlowWork::keep_draft:
      keep_draft();
      return true;
    case FlowWork::start_next_respondent:
      start_next_respondent();
      return true;
    case FlowWork::open_pin:
      open_pin();
      return true;
    case FlowWork::open_panel:
      open_admin_panel();
      return true;
    case FlowWork::close_admin:
      start_next_respondent();
      return true;
  }
  return false;
}

void KioskApp::open_pin() {
  auto hash = store_.admin_pin_hash();
  state_.pin = PinEntry{};
  state_.pin.stage = hash && hash.value() ? PinStage::enter : PinStage::choose;
  if (auto until = store_.lockout_until(); until && until.value() && *until.value() > utc_now()) {
    state_.pin.message =
        fill(catalog_.text(state_.language, "admin.locked"), {{"seconds", seconds_until(*until.value())}});
  }
}

void KioskApp::press_pin(const PinPress& press) {
  PinEntry& pin = state_.pin;
  switch (press.key) {
    case PinKey::digit:
      if (pin.digits.size() < 8) pin.digits += press.digit;
      return;
    case PinKey::clear:
      pin.digits.clear();
      return;
    case PinKey::cancel:
      apply(FlowEvent::admin_closed);
      return;
    case PinKey::ok:
      check_pin();
      pin.digits.clear();
      return;
  }
}

void KioskApp::check_pin() {
  PinEntry& pin = state_.pin;
  auto tr = [&](std::string_view key) { return catalog_.text(state_.language, key); };
  if (pin.stage == PinStage::choose) {
    if (!is_valid_pin(pin.digits)) {
      pin.message = tr("admin.pin_length");
      return;
    }
    pin.first_choice = pin.digits;
    pin.stage = PinStage::confirm;
    pin.message.clear();
    return;
  }
  if (pin.stage == PinStage::confirm) {
    if (pin.digits != pin.first_choice) {
      pin = PinEntry{.stage = PinStage::choose, .message = std::string(tr("admin.pin_mismatch"))};
      return;
    }
    const auto hash = hash_pin(pin.digits);
    if (!hash || !store_.set_admin_pin_hash(*hash)) {
      pin.message = fill(tr("store.error"), {{"error", "PIN"}});
      return;
    }
    apply(FlowEvent::admin_unlocked);
    return;
  }
  if (auto until = store_.lockout_until(); until && until.value() && *until.value() > utc_now()) {
    pin.message = fill(tr("admin.locked"), {{"seconds", seconds_until(*until.value())}});
    return;
  }
  // Counted before the comparison, so cutting the power mid-check gives no free attempt.
  const auto failures = store_.increment_pin_failures();
  const auto hash = store_.admin_pin_hash();
  if (!failures || !hash || !hash.value()) {
    pin.message = fill(tr("store.error"), {{"error", "PIN"}});
    return;
  }
  if (pin_matches(*hash.value(), pin.digits)) {
    store_.reset_pin_failures();
    store_.set_lockout_until(std::nullopt);
    apply(FlowEvent::admin_unlocked);
    return;
  }
  if (const std::int64_t lockout = lockout_ms_after(failures.value()); lockout > 0) {
    store_.set_lockout_until(utc_now() + lockout);
    pin.message = fill(tr("admin.locked"), {{"seconds", std::to_string(lockout / 1000)}});
  } else {
    pin.message = fill(tr("admin.wrong_pin"), {{"failures", std::to_string(failures.value())}});
  }
}

void KioskApp::save_settings(const store::KioskSettings& settings) {
  if (auto saved = store_.set_kiosk_settings(settings); !saved) {
    admin_summary_.warnings.push_back(saved.error().message);
    return;
  }
  admin_summary_.settings = settings;
  // The language applies to the next respondent at once; scale and keyboard at the next start.
  if (settings.default_language)
    default_language_ = admin_summary_.default_language = *settings.default_language;
}

void KioskApp::open_admin_panel() {
  admin_summary_ = AdminSummary{};
  admin_summary_.default_language = default_language_;
  if (auto settings = store_.kiosk_settings()) admin_summary_.settings = settings.value();
  if (auto counts = store_.counts()) {
    admin_summary_.complete = counts->complete;
    admin_summary_.abandoned = counts->abandoned;
    admin_summary_.unsynced = counts->unsynced;
  }
  if (auto packs = store_.packs()) admin_summary_.packs = packs.value();
  if (auto drafts = sync::open_drafts(store_, {pack_.id, pack_.version}))
    admin_summary_.open_drafts = drafts.value();
  if (auto counts = store_.sync_counts(pack_.settings.keep_abandoned)) admin_summary_.sync = counts.value();
  for (const auto& medium : sync::list_removable_media()) admin_summary_.media.push_back(medium.string());
  if (auto active = store_.active_pack(); active && active.value())
    admin_summary_.chosen_pack = *active.value();
  if (sync_worker_) {
    admin_summary_.hub_url_input = sync_worker_->status().hub_url;
    if (auto settings = store_.sync_settings()) {
      if (auto endpoint = sync::hub_endpoint(pack_, settings.value())) {
        admin_summary_.hub_token_input = endpoint->token.value_or("");
      }
    }
  }
  if (auto warnings = store_.warnings()) {
    for (const auto& warning : warnings.value()) admin_summary_.warnings.push_back(warning.message);
  }
}

void KioskApp::export_batches_to(const std::string& folder) {
  auto exchanged = sync::exchange_with_folder(store_, pack_, folder);
  if (!exchanged) {
    admin_summary_.export_result = exchanged.errors().joined(" ");
    return;
  }
  const auto tr = [&](std::string_view key) { return catalog_.text(state_.language, key); };
  const sync::ExportSummary& batches = exchanged->batches;
  std::string result = fill(tr("admin.exported"), {{"written", std::to_string(batches.written.size())},
                                                   {"delivered", std::to_string(batches.batches_delivered)},
                                                   {"folder", folder}});
  const sync::PackImportSummary& packs = exchanged->packs;
  result += describe_packs(packs);
  for (const auto& refused : packs.refused) result += " " + refused;
  admin_summary_.export_result = std::move(result);
  if (auto counts = store_.sync_counts(pack_.settings.keep_abandoned)) admin_summary_.sync = counts.value();
  refresh_packs();
}

std::string KioskApp::describe_packs(const sync::PackImportSummary& packs) const {
  const auto tr = [&](std::string_view key) { return catalog_.text(state_.language, key); };
  const auto about = [&](std::string_view key, const PackRef& ref) {
    return " " + fill(tr(key), {{"id", ref.id}, {"version", std::to_string(ref.version)}});
  };
  std::string text;
  if (!packs.added.empty())
    text += " " + fill(tr("admin.packs_added"), {{"n", std::to_string(packs.added.size())}});
  if (packs.activated) text += about("admin.pack_activated", *packs.activated);
  if (packs.waiting) text += about("admin.pack_waiting", *packs.waiting);
  return text;
}

void KioskApp::refresh_packs() {
  if (auto known = store_.packs()) admin_summary_.packs = known.value();
  if (auto active = store_.active_pack(); active && active.value())
    admin_summary_.chosen_pack = *active.value();
}

void KioskApp::read_results(std::uint64_t now_ms) {
  // Responses of every version of the pack; only complete ones count, as in the hub's report.
  auto data = store_.survey_data(pack_.id);
  if (!data) {
    admin_summary_.export_result = data.error().message;
    admin_summary_.results.reset();
    return;
  }
  admin_summary_.results =
      ResultsView{aggregate(data.value(), pack_, {pack_.settings.min_group_size, false}), now_ms};
}

void KioskApp::refresh_hub_view() {
  if (!sync_worker_) return;
  const sync::SyncStatus status = sync_worker_->status();
  // Times as UTC to the second: "2009-11-13 09:30:05 UTC".
  const auto shown = [](UtcMillis at) {
    std::string text = format_rfc3339(at).substr(0, 19);
    text[10] = ' ';
    return text + " UTC";
  };
  HubSyncView view{status.hub_url, status.running, status.done,         status.total, "", "",
                   status.waiting, status.refused, status.pack_problems};
  std::string result = status.last_result;
  if (status.last_pass) {
    result = fill(catalog_.text(state_.language, "admin.hub_result"),
                  {{"delivered", std::to_string(status.last_pass->delivered)},
                   {"waiting", std::to_string(status.last_pass->waiting)}}) +
             describe_packs(status.packs);
    if (!status.last_pass->problem.empty()) result += "; " + status.last_pass->problem;
  }
  // The pass took packs up: the panel's list of packs shows them without reopening it.
  const bool unlisted =
      std::any_of(status.packs.added.begin(), status.packs.added.end(), [&](const auto& ref) {
        return std::find(admin_summary_.packs.begin(), admin_summary_.packs.end(), ref) ==
               admin_summary_.packs.end();
      });
  if (unlisted || (status.packs.activated && admin_summary_.chosen_pack != *status.packs.activated))
    refresh_packs();
  if (status.last_attempt_at) view.last_attempt = shown(*status.last_attempt_at) + " — " + result;
  if (status.last_success_at) view.last_success = shown(*status.last_success_at);
  admin_summary_.hub = std::move(view);
}

void KioskApp::save_hub_endpoint() {
  const auto given = [](const std::string& text) {
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
  };
  if (!store_.set_hub_endpoint(given(admin_summary_.hub_url_input), given(admin_summary_.hub_token_input)))
    return;
  auto settings = store_.sync_settings();
  if (settings && sync_worker_) sync_worker_->set_endpoint(sync::hub_endpoint(pack_, settings.value()));
}

void KioskApp::track_admin_hold() {
  // Holding the top-right corner on Welcome for 3 s opens the admin PIN.
  const ImGuiIO& io = ImGui::GetIO();
  const float corner = fonts().body->FontSize * 2.0f;
  const bool held = state_.position.screen == Screen::welcome && io.MouseDown[0] &&
                    io.MousePos.x >= io.DisplaySize.x - corner && io.MousePos.y <= corner;
  if (!held) {
    state_.admin_hold_started_ms.reset();
  } else if (!state_.admin_hold_started_ms) {
    state_.admin_hold_started_ms = clock_.now_ms();
  }
}

void KioskApp::draw_screen(ScreenContext& context) {
  std::optional<FlowEvent> event;
  const FlowPosition position = state_.position;
  switch (position.screen) {
    case Screen::welcome:
      event = draw_welcome_page(context);
      break;
    case Screen::role:
      event = draw_role_page(context);
      break;
    case Screen::vignette:
      event = draw_scene_page(context, position.page);
      break;
    case Screen::points:
      event = draw_point_page(context, position.page);
      break;
    case Screen::missed_opportunities:
      event = draw_missed_page(context, position.page);
      break;
    case Screen::sections:
      event = draw_section_page(context, position.page);
      break;
    case Screen::overview:
      event = draw_overview_page(context);
      break;
    case Screen::top_choices:
      event = draw_top_choices_page(context);
      break;
    case Screen::open_questions:
      event = draw_open_questions_page(context);
      break;
    case Screen::review:
      event = draw_review_page(context);
      break;
    case Screen::thanks:
      draw_thanks_page(context);
      break;
    case Screen::admin_pin: {
      const char* prompt = state_.pin.stage == PinStage::choose    ? "admin.set_pin"
                           : state_.pin.stage == PinStage::confirm ? "admin.confirm_pin"
                                                                   : "admin.enter_pin";
      if (auto press = draw_pin_page(context, context.ui.tr(prompt))) press_pin(*press);
      break;
    }
    case Screen::admin_panel:
      if (admin_summary_.results) {
        // Readable from the back of the room: the largest heading, titles one size down so that
        // five fit on a screen.
        const Fonts large{fonts_.at(TextSize::a_plus).body, fonts_.at(TextSize::a_plus_plus).heading};
        if (draw_results_screen(context, admin_summary_.results->aggregate, large)) {
          admin_summary_.results.reset();
        }
        break;
      }
      refresh_hub_view();
      if (auto request = draw_admin_panel(context, admin_summary_)) {
        if (request->action == AdminAction::close) event = FlowEvent::admin_closed;
        if (request->action == AdminAction::leave_kiosk) quit_requested_ = true;
        if (request->action == AdminAction::save_settings) save_settings(request->settings);
        if (request->action == AdminAction::choose_pack && store_.set_active_pack(request->pack)) {
          admin_summary_.chosen_pack = request->pack;
        }
        if (request->action == AdminAction::export_batches) export_batches_to(request->folder);
        if (request->action == AdminAction::show_results) read_results(clock_.now_ms());
        if (request->action == AdminAction::sync_now && sync_worker_) sync_worker_->sync_now();
        if (request->action == AdminAction::set_hub) save_hub_endpoint();
      }
      break;
  }
  if (event) apply(*event);
}

void KioskApp::draw() {
  apply_view(state_.view);
  index_.begin_frame();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float keyboard_height =
      device_.own_keyboard ? keyboard_.reserve_height(viewport->Size, fonts().body->FontSize) : 0;
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(ImVec2(viewport->Size.x, viewport->Size.y - keyboard_height));
  // No decoration but the scrollbar: it shows that a screen taller than the display goes on.
  constexpr ImGuiWindowFlags kScreenFlags =
      ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
      ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::PushFont(fonts().body);
  // On a narrow screen the side margins give way before buttons have to wrap.
  constexpr float kMaxMarginOfWidth = 0.05f;
  const ImVec2 padding = ImGui::GetStyle().WindowPadding;
  ImGui::PushStyleVar(
      ImGuiStyleVar_WindowPadding,
      ImVec2(std::min(padding.x, std::round(viewport->Size.x * kMaxMarginOfWidth)), padding.y));
  // Each screen starts at its top, however far down the one before was scrolled.
  if (state_.position != drawn_position_) {
    if (ImGuiWindow* screen = ImGui::FindWindowByName("##screen")) screen->Scroll = ImVec2(0, 0);
    drawn_position_ = state_.position;
  }
  ImGui::Begin("##screen", nullptr, kScreenFlags);
  ImGui::PopStyleVar();
  cancel_press_when_dragging(gesture_);
  Interaction interaction(gesture_, clock_.now_ms());
  Ui ui{index_,        catalog_,     state_.language, fonts(),          theme_for(state_.view),
        device_.scale, &interaction, keyboard_height, &state_.stand_ins};
  ImGui::PushID(static_cast<int>(state_.respondent_number));
  ScreenContext context{ui, state_, pack_, tablet_, draft_changed_at_};
  draw_screen(context);
  if (state_.idle_countdown_ends_ms) {
    const std::uint64_t now = clock_.now_ms();
    const std::uint64_t left =
        *state_.idle_countdown_ends_ms > now ? *state_.idle_countdown_ends_ms - now : 0;
    draw_idle_overlay(context, static_cast<int>((left + 999) / 1000));
  }
  ImGui::PopID();
  ImGui::End();
  touch_scroll_.apply(ui);
  if (device_.own_keyboard) keyboard_.keep_caret_visible();
  if (device_.own_keyboard) {
    keyboard_.draw(ui);
  } else {
    platform_keyboard_.sync();
  }
  ImGui::PopFont();
  track_admin_hold();
  index_.end_frame();
  redraw_ms_ = interaction.redraw_ms();
}

}  // namespace peiling::ui
