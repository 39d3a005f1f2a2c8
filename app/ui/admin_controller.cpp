#include "ui/admin_controller.hpp"

#include <algorithm>
#include <cstdio>

#include "core/admin_pin.hpp"
#include "core/utc_time.hpp"
#include "sync/outbox.hpp"

namespace peiling::ui {

namespace {

// The problems kept for the panel; the oldest go first, so a store failing over and over cannot
// fill the memory of a kiosk that runs for days.
constexpr std::size_t kKeptProblems = 20;

std::string message_of(const store::StoreError& error) {
  return error.message;
}
std::string message_of(const Errors& errors) {
  return errors.joined(" ");
}

std::string seconds_between(UtcMillis now, UtcMillis until) {
  return std::to_string(std::max<UtcMillis>(1, (until - now + 999) / 1000));
}

}  // namespace

AdminController::AdminController(const Pack& pack, const Catalog& catalog, store::DeviceStore& store,
                                 const platform::Clock& clock, sync::SyncWorker* sync_worker,
                                 std::string default_language)
    : pack_(pack),
      catalog_(catalog),
      store_(store),
      clock_(clock),
      sync_worker_(sync_worker),
      default_language_(std::move(default_language)),
      started_at_(store.now()),
      started_ms_(clock.now_ms()) {}

UtcMillis AdminController::now() const {
  return started_at_ + static_cast<UtcMillis>(clock_.now_ms() - started_ms_);
}

void AdminController::report(const std::string& problem) {
  std::fprintf(stderr, "peiling: %s\n", problem.c_str());
  if (std::find(problems_.begin(), problems_.end(), problem) == problems_.end()) {
    if (problems_.size() == kKeptProblems) problems_.erase(problems_.begin());
    problems_.push_back(problem);
  }
  warn(problem);
}

void AdminController::warn(const std::string& warning) {
  auto& warnings = summary_.warnings;
  if (std::find(warnings.begin(), warnings.end(), warning) == warnings.end()) warnings.push_back(warning);
}

template <class T, class E, class Use>
void AdminController::read(const Result<T, E>& result, Use use) {
  if (result) {
    use(result.value());
  } else {
    warn(message_of(result.error()));
  }
}

void AdminController::open_pin(std::string_view language) {
  pin_ = PinEntry{};
  const auto tr = [&](std::string_view key) { return catalog_.text(language, key); };
  const auto on_pad = [&](const store::StoreError& error) {
    report(error.message);
    pin_.message = fill(tr("store.error"), {{"error", error.message}});
  };
  const auto hash = store_.admin_pin_hash();
  // A hash the store cannot read is no reason to offer choosing a new PIN over it.
  pin_.stage = hash && !hash.value() ? PinStage::choose : PinStage::enter;
  if (!hash) on_pad(hash.error());
  if (const auto until = store_.lockout_until(); !until) {
    on_pad(until.error());
  } else if (until.value() && *until.value() > now()) {
    pin_.message = fill(tr("admin.locked"), {{"seconds", seconds_between(now(), *until.value())}});
  }
}

void AdminController::close() {
  pin_ = PinEntry{};
  summary_ = AdminSummary{};
}

std::optional<FlowEvent> AdminController::press_pin(const PinPress& press, const Ui& ui) {
  switch (press.key) {
    case PinKey::digit:
      if (pin_.digits.size() < 8) pin_.digits += press.digit;
      return std::nullopt;
    case PinKey::clear:
      pin_.digits.clear();
      return std::nullopt;
    case PinKey::cancel:
      return FlowEvent::admin_closed;
    case PinKey::ok: {
      const auto event = check_pin(ui);
      pin_.digits.clear();
      return event;
    }
  }
  return std::nullopt;
}

std::optional<FlowEvent> AdminController::check_pin(const Ui& ui) {
  if (pin_.stage == PinStage::choose) {
    if (!is_valid_pin(pin_.digits)) {
      pin_.message = ui.tr("admin.pin_length");
      return std::nullopt;
    }
    pin_.first_choice = pin_.digits;
    pin_.stage = PinStage::confirm;
    pin_.message.clear();
    return std::nullopt;
  }
  if (pin_.stage == PinStage::confirm) {
    if (pin_.digits != pin_.first_choice) {
      pin_ = PinEntry{.stage = PinStage::choose, .message = std::string(ui.tr("admin.pin_mismatch"))};
      return std::nullopt;
    }
    const auto hash = hash_pin(pin_.digits);
    if (!hash || !store_.set_admin_pin_hash(*hash)) {
      pin_.message = fill(ui.tr("store.error"), {{"error", "PIN"}});
      return std::nullopt;
    }
    return FlowEvent::admin_unlocked;
  }
  if (const auto until = store_.lockout_until(); !until) {
    report(until.error().message);  // the attempt is counted and checked all the same
  } else if (until.value() && *until.value() > now()) {
    pin_.message = fill(ui.tr("admin.locked"), {{"seconds", seconds_between(now(), *until.value())}});
    return std::nullopt;
  }
  // Counted before the comparison, so cutting the power mid-check gives no free attempt.
  const auto failures = store_.increment_pin_failures();
  const auto hash = store_.admin_pin_hash();
  if (!failures || !hash || !hash.value()) {
    pin_.message = fill(ui.tr("store.error"), {{"error", "PIN"}});
    return std::nullopt;
  }
  if (pin_matches(*hash.value(), pin_.digits)) {
    // The operator is in; a count or a lockout the store kept is listed on the panel.
    for (const store::StoreStatus& cleared :
         {store_.reset_pin_failures(), store_.set_lockout_until(std::nullopt)}) {
      if (!cleared) report(cleared.error().message);
    }
    return FlowEvent::admin_unlocked;
  }
  if (const std::int64_t lockout = lockout_ms_after(failures.value()); lockout > 0) {
    pin_.message = fill(ui.tr("admin.locked"), {{"seconds", std::to_string(lockout / 1000)}});
    // A lockout the store did not keep ends with a restart: the operator must know.
    if (const auto kept = store_.set_lockout_until(now() + lockout); !kept) {
      report(kept.error().message);
      pin_.message += "\n" + fill(ui.tr("store.error"), {{"error", kept.error().message}});
    }
  } else {
    pin_.message = fill(ui.tr("admin.wrong_pin"), {{"failures", std::to_string(failures.value())}});
  }
  return std::nullopt;
}

void AdminController::save_settings(const store::KioskSettings& settings) {
  if (auto saved = store_.set_kiosk_settings(settings); !saved) {
    warn(saved.error().message);
    return;
  }
  summary_.settings = settings;
  // The language applies to the next respondent at once; scale and keyboard at the next start.
  if (settings.default_language) default_language_ = summary_.default_language = *settings.default_language;
}

void AdminController::choose_pack(const PackRef& pack) {
  if (auto chosen = store_.set_active_pack(pack); !chosen) {
    warn(chosen.error().message);
    return;
  }
  summary_.chosen_pack = pack;
}

void AdminController::open_panel() {
  summary_ = AdminSummary{};
  summary_.default_language = default_language_;
  // What the store cannot give keeps its default, and the warnings say why.
  read(store_.kiosk_settings(), [&](const store::KioskSettings& settings) { summary_.settings = settings; });
  read(store_.counts(), [&](const store::ResponseCounts& counts) {
    summary_.complete = counts.complete;
    summary_.abandoned = counts.abandoned;
    summary_.unsynced = counts.unsynced;
  });
  refresh_packs();
  read(sync::open_drafts(store_, {pack_.id, pack_.version}),
       [&](int drafts) { summary_.open_drafts = drafts; });
  refresh_sync_counts();
  for (const auto& medium : sync::list_removable_media()) summary_.media.push_back(medium.string());
  if (sync_worker_) {
    summary_.hub_url_input = sync_worker_->status().hub_url;
    read(store_.sync_settings(), [&](const store::SyncSettings& settings) {
      if (auto endpoint = sync::hub_endpoint(pack_, settings))
        summary_.hub_token_input = endpoint->token.value_or("");
    });
  }
  read(store_.warnings(), [&](const std::vector<store::Warning>& warnings) {
    for (const auto& warning : warnings) summary_.warnings.push_back(warning.message);
  });
  for (const auto& problem : problems_) warn(problem);
}

void AdminController::refresh_sync_counts() {
  read(store_.sync_counts(pack_.settings.keep_abandoned),
       [&](const store::SyncCounts& counts) { summary_.sync = counts; });
}

void AdminController::export_batches_to(const std::string& folder, const Ui& ui) {
  auto exchanged = sync::exchange_with_folder(store_, pack_, folder);
  if (!exchanged) {
    summary_.export_result = exchanged.errors().joined(" ");
    return;
  }
  const sync::ExportSummary& batches = exchanged->batches;
  std::string result =
      fill(ui.tr("admin.exported"), {{"written", std::to_string(batches.written.size())},
                                     {"delivered", std::to_string(batches.batches_delivered)},
                                     {"folder", folder}});
  const sync::PackImportSummary& packs = exchanged->packs;
  result += describe_packs(packs, ui);
  for (const auto& refused : packs.refused) result += " " + refused;
  summary_.export_result = std::move(result);
  refresh_sync_counts();
  refresh_packs();
}

std::string AdminController::describe_packs(const sync::PackImportSummary& packs, const Ui& ui) const {
  const auto about = [&](std::string_view key, const PackRef& ref) {
    return " " + fill(ui.tr(key), {{"id", ref.id}, {"version", std::to_string(ref.version)}});
  };
  std::string text;
  if (!packs.added.empty())
    text += " " + fill(ui.tr("admin.packs_added"), {{"n", std::to_string(packs.added.size())}});
  if (packs.activated) text += about("admin.pack_activated", *packs.activated);
  if (packs.waiting) text += about("admin.pack_waiting", *packs.waiting);
  return text;
}

void AdminController::refresh_packs() {
  read(store_.packs(), [&](const std::vector<PackRef>& known) { summary_.packs = known; });
  read(store_.active_pack(), [&](const std::optional<PackRef>& active) {
    if (active) summary_.chosen_pack = *active;
  });
  read(store_.pack_status({pack_.id, pack_.version}),
       [&](const PackLifecycle& lifecycle) { summary_.lifecycle = lifecycle; });
  summary_.lifecycle.state = effective_state(summary_.lifecycle, store_.now());
}

void AdminController::read_results(std::uint64_t now_ms) {
  // Responses of every version of the pack; only complete ones count, as in the hub's report.
  auto data = store_.survey_data(pack_.id);
  if (!data) {
    summary_.export_result = data.error().message;
    summary_.results.reset();
    return;
  }
  summary_.results =
      ResultsView{aggregate(data.value(), pack_, {pack_.settings.min_group_size, false}), now_ms};
}

void AdminController::refresh_hub_view(const Ui& ui) {
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
    result = fill(ui.tr("admin.hub_result"), {{"delivered", std::to_string(status.last_pass->delivered)},
                                              {"waiting", std::to_string(status.last_pass->waiting)}}) +
             describe_packs(status.packs, ui);
    if (!status.last_pass->problem.empty()) result += "; " + status.last_pass->problem;
  }
  // The pass took packs up: the panel's list of packs shows them without reopening it.
  const bool unlisted =
      std::any_of(status.packs.added.begin(), status.packs.added.end(), [&](const auto& ref) {
        return std::find(summary_.packs.begin(), summary_.packs.end(), ref) == summary_.packs.end();
      });
  if (unlisted || (status.packs.activated && summary_.chosen_pack != *status.packs.activated))
    refresh_packs();
  if (status.last_attempt_at) view.last_attempt = shown(*status.last_attempt_at) + " — " + result;
  if (status.last_success_at) view.last_success = shown(*status.last_success_at);
  summary_.hub = std::move(view);
}

void AdminController::save_hub_endpoint() {
  const auto given = [](const std::string& text) {
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
  };
  if (auto saved = store_.set_hub_endpoint(given(summary_.hub_url_input), given(summary_.hub_token_input));
      !saved) {
    warn(saved.error().message);
    return;
  }
  read(store_.sync_settings(), [&](const store::SyncSettings& settings) {
    if (sync_worker_) sync_worker_->set_endpoint(sync::hub_endpoint(pack_, settings));
  });
}

std::optional<FlowEvent> AdminController::act(const AdminRequest& request, const Ui& ui) {
  switch (request.action) {
    case AdminAction::close:
      return FlowEvent::admin_closed;
    case AdminAction::leave_kiosk:
      quit_requested_ = true;
      break;
    case AdminAction::save_settings:
      save_settings(request.settings);
      break;
    case AdminAction::choose_pack:
      choose_pack(request.pack);
      break;
    case AdminAction::export_batches:
      export_batches_to(request.folder, ui);
      break;
    case AdminAction::sync_now:
      if (sync_worker_) sync_worker_->sync_now();
      break;
    case AdminAction::set_hub:
      save_hub_endpoint();
      break;
    case AdminAction::show_results:
      read_results(clock_.now_ms());
      break;
  }
  return std::nullopt;
}

std::optional<FlowEvent> AdminController::draw(ScreenContext& context, const TextSizeFonts& fonts) {
  if (context.state.position.screen == Screen::admin_pin) {
    const char* prompt = pin_.stage == PinStage::choose    ? "admin.set_pin"
                         : pin_.stage == PinStage::confirm ? "admin.confirm_pin"
                                                           : "admin.enter_pin";
    const auto press = draw_pin_page(context, pin_, context.ui.tr(prompt));
    return press ? press_pin(*press, context.ui) : std::nullopt;
  }
  if (summary_.results) {
    // Readable from the back of the room: the largest heading, titles one size down so that five
    // fit on a screen.
    const Fonts large{fonts.at(TextSize::a_plus).body, fonts.at(TextSize::a_plus_plus).heading};
    if (draw_results_screen(context, summary_.results->aggregate, large)) summary_.results.reset();
    return std::nullopt;
  }
  refresh_hub_view(context.ui);
  const auto request = draw_admin_panel(context, summary_);
  return request ? act(*request, context.ui) : std::nullopt;
}

void AdminController::update(std::uint64_t now_ms) {
  if (summary_.results && now_ms >= summary_.results->read_at_ms + kResultsRefreshMs) read_results(now_ms);
}

std::optional<std::uint64_t> AdminController::next_wakeup_ms() const {
  if (!summary_.results) return std::nullopt;
  return summary_.results->read_at_ms + kResultsRefreshMs;
}

}  // namespace peiling::ui
