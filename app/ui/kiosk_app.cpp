#include "ui/kiosk_app.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include "core/point_selection.hpp"
#include "core/utc_time.hpp"
#include "ui/lifecycle_screens.hpp"
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
      random_(options.random_seed),
      gesture_(device.scale),
      keyboard_(device.scale),
      tablet_(options.mode.value_or(pack.settings.mode) == Mode::tablet),
      sync_worker_(sync_worker),
      admin_(pack, catalog, store, clock, sync_worker, std::move(options.language)) {
  state_.language = admin_.default_language();
  state_.last_input_ms = clock_.now_ms();
  apply_view(state_.view);
  refresh_draft();
}

void KioskApp::refresh_lifecycle() {
  auto status = store_.pack_status({pack_.id, pack_.version});
  if (!status) {
    // The last word read stays; the operator hears why.
    admin_.report(status.error().message);
    return;
  }
  lifecycle_ = status.value();
}

PackState KioskApp::pack_state() const {
  return effective_state(lifecycle_, store_.now());
}

void KioskApp::refresh_draft() {
  refresh_lifecycle();
  draft_changed_at_.reset();
  if (!tablet_) return;
  // A tablet may run for weeks: drafts past draft_days close here too, not only at start-up. No
  // response is being answered on Welcome, so nothing of a respondent's is cut short. Failures
  // here are the device's, not the next respondent's: they go to the operator, and Welcome then
  // offers no draft.
  if (auto closed = store_.abandon_interrupted(store_.now() - pack_.settings.draft_days * kDayMillis);
      !closed)
    admin_.report(closed.error().message);
  auto draft = store_.latest_draft({pack_.id, pack_.version});
  if (!draft) {
    admin_.report(draft.error().message);
    return;
  }
  if (!draft.value()) return;
  auto response = store_.response(*draft.value());
  if (!response) {
    admin_.report(response.error().message);
    return;
  }
  draft_changed_at_ = response->last_active_at;
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
  FlowShape shape = state_.session
                        ? flow_shape(pack_, mode(), static_cast<int>(state_.session->points().size()),
                                     state_.session->choices())
                        : flow_shape(pack_, mode(), points_per_response(pack_, mode()), {});
  const PackState state = pack_state();
  shape.takes_new = takes_new_responses(state);
  shape.takes_drafts = takes_drafts(state, mode());
  return shape;
}

bool KioskApp::on_event(const SDL_Event& event) {
  // A kiosk is left only from the admin panel: closing the window or Alt-F4 does nothing.
  if (event.type == SDL_QUIT) return true;
  // The sync worker's wake-up: its status changed, so the admin panel redraws, and Welcome (no
  // response is open there) learns what the hub said of the pack.
  if (event.type >= SDL_USEREVENT) {
    if (!state_.session) refresh_lifecycle();
    return true;
  }
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
  admin_.update(now_ms);
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
  if (auto results = admin_.next_wakeup_ms()) consider(*results);
  // Welcome turns into the closed screen at the closing time by itself.
  if (lifecycle_.closes_at && state_.position.screen == Screen::welcome) {
    const UtcMillis left = *lifecycle_.closes_at - store_.now();
    if (left > 0) consider(now_ms + static_cast<std::uint64_t>(left));
  }
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
    } else {
      // The respondent can still answer; only the balance between points suffers.
      admin_.report(tallies.error().message);
    }
    points = choose_points(all_points, times_shown, points_per_response(pack_, Mode::kiosk), random_);
  }
  auto session = ResponseSession::begin(store_, pack_, state_.language, std::move(points), mode());
  if (!session) {
    state_.error = session.error();
    state_.error_key = "store.failed";
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
    state_.error_key = "store.failed";
    return false;
  }
  auto session = ResponseSession::resume(store_, *draft.value());
  if (!session) {
    state_.error = session.error();
    state_.error_key = "store.failed";
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
    // Only the address can break the rule; the respondent can correct it.
    state_.error_key =
        added.error().kind == store::ErrorKind::constraint ? "contact.invalid" : "store.failed";
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

// The respondent is gone once Welcome shows: what the store refused on the way goes to the operator.
void KioskApp::end_response() {
  if (state_.session && !state_.session->end_unfinished(pack_.settings.keep_abandoned))
    admin_.report(state_.session->last_error());
  start_next_respondent();
}

void KioskApp::keep_draft() {
  // The draft is in the store already; only typed text may still be in a field.
  if (state_.session && !state_.session->save_texts()) admin_.report(state_.session->last_error());
  start_next_respondent();
}

void KioskApp::start_next_respondent() {
  const std::uint32_t next_number = state_.respondent_number + 1;
  state_ = AppState{};
  state_.language = admin_.default_language();
  state_.respondent_number = next_number;
  state_.last_input_ms = clock_.now_ms();
  refresh_draft();
  // No text field stays active, and with the new ID seed no widget state carries over.
  ImGui::ClearActiveID();
}

void KioskApp::close_admin() {
  admin_.close();
  start_next_respondent();
}

void KioskApp::apply(FlowEvent event) {
  const FlowStep step = transition(state_.position, event, shape(), state_.open_target);
  if (!do_work(step.work)) return;
  state_.position = step.to;
  // What a respondent was shown counts even when they page past it (the reports' "shown").
  const auto& missed = pack_.missed_opportunities;
  if (state_.position.screen == Screen::missed_opportunities && state_.session && missed &&
      state_.position.page >= 0 && state_.position.page < static_cast<int>(missed->items.size())) {
    state_.session->note_missed_shown(missed->items[static_cast<std::size_t>(state_.position.page)].id);
  }
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
      admin_.open_pin(state_.language);
      return true;
    case FlowWork::open_panel:
      admin_.open_panel();
      return true;
    case FlowWork::close_admin:
      close_admin();
      return true;
  }
  return false;
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
    case Screen::welcome: {
      // Closing or closed: no new response, and a tablet's draft only until closed.
      const FlowShape now = shape();
      context.takes_new = now.takes_new;
      if (now.takes_new || (now.takes_drafts && draft_changed_at_)) {
        event = draw_welcome_page(context);
      } else {
        draw_closed_page(context);
      }
      break;
    }
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
    case Screen::admin_pin:
    case Screen::admin_panel:
      event = admin_.draw(context, fonts_);
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
  // A rehearsal pack's band takes the top of every screen, above the screen's own window.
  const float band_height = lifecycle_.rehearsal ? std::round(fonts().body->FontSize * 1.8f) : 0.0f;
  ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x, viewport->Pos.y + band_height));
  ImGui::SetNextWindowSize(ImVec2(viewport->Size.x, viewport->Size.y - keyboard_height - band_height));
  // No decoration but the scrollbar: it shows that a screen taller than the display goes on. No
  // background either: the renderer clears the screen in the window's colour before drawing, and
  // painting it over again, blended, was half of the first frame's drawing in the software renderer.
  constexpr ImGuiWindowFlags kScreenFlags =
      ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
      ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
      ImGuiWindowFlags_NoBackground;
  ImGui::PushFont(fonts().body);
  // On a narrow screen the side margins give way before buttons have to wrap.
  constexpr float kMaxMarginOfWidth = 0.05f;
  const ImVec2 padding = ImGui::GetStyle().WindowPadding;
  ImGui::PushStyleVar(
      ImGuiStyleVar_WindowPadding,
      ImVec2(std::min(padding.x, std::round(viewport->Size.x * kMaxMarginOfWidth)), padding.y));
  // Each screen starts at its top, however far down the one before was scrolled, and so does its
  // body: a card opened again from Review shows its title, not where the respondent last was.
  if (state_.position != drawn_position_) {
    if (ImGuiWindow* screen = ImGui::FindWindowByName("##screen")) {
      for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows)
        if (window->RootWindow == screen) window->Scroll = ImVec2(0, 0);
    }
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
  if (band_height > 0) draw_rehearsal_band(ui, band_height);
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
