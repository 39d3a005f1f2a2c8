#pragma once
// What the console's sources share: its state and one request as a page handler sees it. Only
// app/hub/console/*.cpp include this.
#include <atomic>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/pack.hpp"
#include "hub/console/console.hpp"
#include "hub/console/console_http.hpp"
#include "hub/console/console_page.hpp"
#include "hub/hub_upload.hpp"

namespace peiling::hub::console {

// A backup the organiser asked for, written on a thread of its own so that no request (and no
// device's upload) waits for it.
struct BackupJob {
  std::string organiser;
  std::string folder;  // under the hub's folder, backups/<folder>
  std::string file_name;
  UtcMillis started_at = 0;
  std::atomic<bool> done{false};
  bool ok = false;      // once done
  std::string message;  // once done: the summary or what failed
  std::thread thread;
};

// A pack uploaded on the Packs page, read and validated, waiting for the organiser to publish it.
struct PackDraft {
  std::string organiser;
  std::string file_name;
  std::string json;  // what will be signed and published (its version raised when needed)
  Pack pack;
  int uploaded_version = 0;  // as the file said
  UtcMillis at = 0;
};

struct Console::State {
  HubStore& writer;
  ConsoleOptions options;
  std::timed_mutex password_check;  // one Argon2id check (64 MiB) at a time
  std::string dummy_hash;           // checked for names the hub does not have, so both take as long
  std::mutex mutex;                 // guards what follows
  std::map<std::string, std::pair<int, UtcMillis>, std::less<>> failures_by_address;  // count, since
  std::list<BackupJob> backups;
  std::map<std::string, PackDraft, std::less<>> drafts;  // by a random id

  State(HubStore& hub, ConsoleOptions console_options) : writer(hub), options(std::move(console_options)) {}
};

// One signed-in request.
struct Visit {
  const HttpRequest& request;
  const ConsoleSession& session;
  Lang t;
  const Form& form;  // the POST's fields (urlencoded); empty for GET

  std::string query(std::string_view name) const;
  // Writes an audit entry for the signed-in organiser from this request's address.
  void audit(Console::State& state, std::string action, std::string detail) const;
};

// A page with a message for the person: status, title, the text (escaped here), a link home.
HttpResponse message_page(const Lang& t, int status, std::string_view title, const std::string& text,
                          const ConsoleSession* session);

// The page for an action that could not be done, with the reason (escaped) and a link home.
HttpResponse failed_page(const Visit& visit, int status, const std::string& text);

// answer(reader) on a connection of the page's own (WAL), so a page never waits for the uploads'
// writer; a 503 page saying so when the hub database cannot be opened.
template <class Answer>
HttpResponse with_reader(Console::State& state, const Visit& visit, Answer answer) {
  auto reader = HubStore::open(state.options.db);
  if (!reader) {
    return message_page(visit.t, 503,
                        visit.t("The hub database cannot be read", "De hubdatabase is niet leesbaar"),
                        reader.error().message, &visit.session);
  }
  return answer(reader.value());
}

// Checks password against the organiser's hash, one check at a time; nullopt when the hub is too
// busy checking others (answer 503).
std::optional<bool> check_password(Console::State& state, const std::optional<std::string>& hash,
                                   std::string_view password);

// The pages (console_*.cpp). GET pages take the visit; POST handlers come after the CSRF check.
HttpResponse overview_page(Console::State& state, const Visit& visit);
HttpResponse devices_page(Console::State& state, const Visit& visit);
HttpResponse device_action(Console::State& state, const Visit& visit, std::string_view action);
HttpResponse device_label(Console::State& state, const Visit& visit);
HttpResponse import_page(Console::State& state, const Visit& visit);
HttpResponse import_post(Console::State& state, const Visit& visit, const std::vector<UploadedFile>& files,
                         const std::vector<std::string>& unsafe_names);
HttpResponse ack_download(Console::State& state, const Visit& visit);
HttpResponse states_download(Console::State& state, const Visit& visit);
HttpResponse reports_page(Console::State& state, const Visit& visit);
HttpResponse report_download(Console::State& state, const Visit& visit);
HttpResponse contacts_page(Console::State& state, const Visit& visit);
HttpResponse contacts_post(Console::State& state, const Visit& visit);
HttpResponse backup_page(Console::State& state, const Visit& visit);
HttpResponse backup_post(Console::State& state, const Visit& visit);
HttpResponse backup_download(Console::State& state, const Visit& visit);
HttpResponse audit_page(Console::State& state, const Visit& visit);
HttpResponse packs_page(Console::State& state, const Visit& visit);
HttpResponse packs_upload(Console::State& state, const Visit& visit, const std::vector<UploadedFile>& files,
                          const std::vector<std::string>& unsafe_names);
HttpResponse packs_publish(Console::State& state, const Visit& visit);
HttpResponse pack_workbook(Console::State& state, const Visit& visit);
HttpResponse plenary_page(Console::State& state, const Visit& visit);
HttpResponse comments_page(Console::State& state, const Visit& visit);
HttpResponse comments_post(Console::State& state, const Visit& visit);
HttpResponse plenary_post(Console::State& state, const Visit& visit);
// The Packs page's part on the life of each pack (console_lifecycle.cpp) and its form's POST.
std::string lifecycle_section(HubStore& reader, const Visit& visit,
                              const std::vector<sync::PublishedPack>& published);
HttpResponse pack_state_post(Console::State& state, const Visit& visit);
HttpResponse go_live_post(Console::State& state, const Visit& visit);

}  // namespace peiling::hub::console
