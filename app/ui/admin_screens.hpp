#pragma once
// The operator's screens: the PIN pad, the admin panel, and the Results screen for the plenary.
#include <optional>
#include <string>
#include <vector>

#include "core/aggregation.hpp"
#include "ui/respondent_screens.hpp"

namespace peiling::ui {

enum class PinStage { choose, confirm, enter };

struct PinEntry {
  PinStage stage = PinStage::enter;
  std::string digits;
  std::string first_choice;  // the PIN typed at the choose stage, awaiting confirmation
  std::string message;       // the last problem, for the operator
};

enum class PinKey { digit, clear, ok, cancel };

struct PinPress {
  PinKey key;
  char digit = 0;
};

// The PIN pad with the digits typed so far (as dots); returns the key tapped, if any.
std::optional<PinPress> draw_pin_page(ScreenContext& context, const PinEntry& pin, std::string_view prompt);

// The Results screen: this device's responses of the pack, aggregated under the pack's k, and
// when they were read (the kiosk reads them again every few seconds while the screen is up).
struct ResultsView {
  Aggregate aggregate;
  std::uint64_t read_at_ms = 0;
};

// Sync over HTTP as the admin panel shows it, from the sync worker's status (sync/http_sync.hpp).
struct HubSyncView {
  std::string url;  // empty: the device has no hub address
  bool running = false;
  int done = 0;              // batches posted in the pass under way
  int total = 0;             // batches to post in it
  std::string last_attempt;  // "<time> — <result>", empty when never tried
  std::string last_success;  // a time, empty when never
  int waiting = 0;
  std::vector<std::string> refused;        // the hub's messages, not retried until "Sync now"
  std::vector<std::string> pack_problems;  // the last pass's published packs refused or not fetched
};

// What the admin panel shows, read from the store when the panel opens.
struct AdminSummary {
  int complete = 0;
  int abandoned = 0;
  int unsynced = 0;
  std::vector<std::string> warnings;
  std::string default_language;   // in effect now
  store::KioskSettings settings;  // as stored; scale and keyboard apply from the next start
  std::vector<PackRef> packs;     // every pack this device has seen
  PackRef chosen_pack;            // the device's active pack, used from the next start
  PackLifecycle lifecycle;        // of the running pack, as the hub last said (closes_at applied)
  store::SyncCounts sync;
  std::vector<std::string> media;  // mounted removable media, for the export
  std::string export_path;         // a folder typed by the operator
  std::string export_result;       // what the last export did, or why it failed
  int open_drafts = 0;             // tablet drafts of the running pack
  // A pack tapped while drafts are open: switching waits for the operator to confirm.
  std::optional<PackRef> pending_choice;
  std::optional<HubSyncView> hub;      // sync over HTTP; nullopt when this run has no sync worker
  std::string hub_url_input;           // the hub address field, filled when the panel opens
  std::string hub_token_input;         // the hub token field
  std::optional<ResultsView> results;  // shown instead of the panel while set
};

enum class AdminAction {
  close,
  leave_kiosk,
  save_settings,
  choose_pack,
  export_batches,
  sync_now,
  set_hub,
  show_results,
};

struct AdminRequest {
  AdminAction action;
  store::KioskSettings settings;  // for save_settings
  PackRef pack;
  std::string folder;  // for export_batches
};

std::optional<AdminRequest> draw_admin_panel(ScreenContext& context, AdminSummary& summary);

// Results for the room, in the largest type: the points chosen most often and the most important
// ones, each with a bar; side by side on a wide screen, one above the other on a tall one. Only
// the count of responses shows while there are fewer than k. Returns true when Back is tapped.
bool draw_results_screen(ScreenContext& context, const Aggregate& results, const Fonts& large);

}  // namespace peiling::ui
