#pragma once
// The operator's side of the kiosk: the PIN pad and its lockout, the admin panel and what its
// actions do, the hub's sync status, and the Results screen for the room. KioskApp keeps one
// beside the respondent flow and does the flow's admin work through it (FlowWork::open_pin,
// open_panel, close_admin); the controller answers with the events its screens lead to.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.hpp"
#include "core/pack.hpp"
#include "core/respondent_flow.hpp"
#include "core/utc_time.hpp"
#include "platform/clock.hpp"
#include "store/device_store.hpp"
#include "sync/http_sync.hpp"
#include "ui/admin_screens.hpp"
#include "ui/view_settings.hpp"

namespace peiling::ui {

class AdminController {
 public:
  static constexpr std::uint64_t kResultsRefreshMs = 5'000;

  // default_language: the language each respondent starts in until the admin chooses another.
  AdminController(const Pack& pack, const Catalog& catalog, store::DeviceStore& store,
                  const platform::Clock& clock, sync::SyncWorker* sync_worker, std::string default_language);

  // As the admin last set it; the next respondent starts in it.
  const std::string& default_language() const { return default_language_; }
  // "Leave kiosk" was tapped.
  bool wants_quit() const { return quit_requested_; }

  // A store failure outside the panel's own actions: logged to stderr, and listed among the
  // panel's warnings until the kiosk stops, so that the operator hears of it.
  void report(const std::string& problem);

  // FlowWork::open_pin: a fresh PIN pad, in the language on screen. The first time it asks for a
  // new PIN; while a lockout runs it says so.
  void open_pin(std::string_view language);
  // FlowWork::open_panel: the panel, its figures read afresh from the store.
  void open_panel();
  // FlowWork::close_admin: nothing of the PIN pad or the panel stays.
  void close();

  // Draws the PIN pad or the panel (the Results screen over it while asked for); returns
  // admin_unlocked or admin_closed when a tap leads the flow there.
  std::optional<FlowEvent> draw(ScreenContext& context, const TextSizeFonts& fonts);

  // Rereads the Results screen's figures every kResultsRefreshMs while it is up.
  void update(std::uint64_t now_ms);
  std::optional<std::uint64_t> next_wakeup_ms() const;

 private:
  // One of the panel's warnings while it is open, given once however often it comes.
  void warn(const std::string& warning);
  // Hands what the store read to use; a failure becomes a warning instead.
  template <class T, class E, class Use>
  void read(const Result<T, E>& result, Use use);
  std::optional<FlowEvent> press_pin(const PinPress& press, const Ui& ui);
  std::optional<FlowEvent> check_pin(const Ui& ui);
  // What a tap on the panel asks for.
  std::optional<FlowEvent> act(const AdminRequest& request, const Ui& ui);
  void save_settings(const store::KioskSettings& settings);
  void choose_pack(const PackRef& pack);
  // "Export to USB stick": reads the hub's acks there, then writes every unacknowledged batch.
  void export_batches_to(const std::string& folder, const Ui& ui);
  // (Re)reads the Results screen's figures from the store.
  void read_results(std::uint64_t now_ms);
  // The sync worker's status as the panel shows it.
  void refresh_hub_view(const Ui& ui);
  // What taking up the hub's published packs did, in the panel's language (refusals not included).
  std::string describe_packs(const sync::PackImportSummary& packs, const Ui& ui) const;
  // The panel's list of packs and the chosen one, after packs were taken up.
  void refresh_packs();
  void refresh_sync_counts();
  // "Save hub address": the admin's address and token (empty: the pack's) go to the store and the worker.
  void save_hub_endpoint();
  // The time a lockout is kept in, UTC: the store's time when the kiosk started, moved on by the
  // app's clock since, so that a lockout runs out under --virtual-time as every other timer does.
  UtcMillis now() const;

  const Pack& pack_;
  const Catalog& catalog_;
  store::DeviceStore& store_;
  const platform::Clock& clock_;
  sync::SyncWorker* sync_worker_;
  std::string default_language_;
  PinEntry pin_;
  AdminSummary summary_;
  std::vector<std::string> problems_;  // what report() was told, for the panel
  bool quit_requested_ = false;
  UtcMillis started_at_;      // store_.now() when the kiosk started
  std::uint64_t started_ms_;  // clock_.now_ms() then
};

}  // namespace peiling::ui
