#include "hub/hub_import.hpp"

#include <optional>
#include <system_error>

#include "core/json_file.hpp"
#include "hub/hub_packs.hpp"
#include "sync/ack_file.hpp"
#include "sync/contact_file.hpp"
#include "sync/files.hpp"
#include "sync/published_packs.hpp"

namespace peiling::hub {

namespace fs = std::filesystem;

namespace {

// Calls visit(file) for path itself or, for a folder, each candidate file below it, depth first
// in name order. Holds one folder's listing at a time. Folders that cannot be read are reported
// through problem(path, reason).
template <class Visit, class Problem>
void walk(const fs::path& path, bool given, Visit& visit, Problem& problem) {
  std::error_code ec;
  const auto status = given ? fs::status(path, ec) : fs::symlink_status(path, ec);
  if (ec) {
    problem(path, "cannot read: " + ec.message());
    return;
  }
  if (fs::is_directory(status)) {
    // The hub's own acknowledgements and packs, and the contact files (read by import_contacts()),
    // are not batches.
    if (!given && holds_no_batches(path.filename().string())) return;
    auto entries = sync::list_folder(path, ec);
    if (ec) problem(path, "cannot read the folder: " + ec.message());
    for (const auto& entry : entries) walk(entry.path(), false, visit, problem);
  } else if (given || (fs::is_regular_file(status) && is_batch_file_name(path.filename().string()))) {
    visit(path);
  }
}

class Importer {
 public:
  Importer(HubStore& hub, const ImportOptions& options) : hub_(hub), options_(options) {}

  // Every file problem ends up in the summary; a store failure stops the import.
  Result<store::Done> file(const fs::path& path) {
    ++summary_.files;
    const std::string origin = path.string();
    // The size is checked before a byte is read, so a huge file costs nothing.
    auto bytes = read_text_file(path, sync::kMaxBatchFileBytes);
    if (!bytes) return reject(bytes.errors().lines.front());
    auto ingested = ingest_batch_bytes(hub_, bytes.value(), origin, options_.strict);
    if (!ingested) return Result<store::Done>::failure(ingested.error().message);
    const BatchIngest& batch = ingested.value();
    if (batch.rejected) return reject(*batch.rejected);
    const IngestResult& result = batch.result;
    for (const auto& id : result.duplicate_responses) {
      log(origin + ": response " + id + " is on the hub already, from another batch; skipped");
    }
    summary_.duplicate_responses += static_cast<int>(result.duplicate_responses.size());
    summary_.responses_added += result.responses_added;
    switch (result.outcome) {
      case BatchOutcome::added:
        ++summary_.new_batches;
        break;
      case BatchOutcome::quarantined:
        ++summary_.quarantined_batches;
        break;
      case BatchOutcome::excluded:
        ++summary_.excluded_batches;
        break;
      case BatchOutcome::duplicate:
        ++summary_.duplicate_batches;
        break;
      case BatchOutcome::conflict:
        ++summary_.conflicts;
        log(origin + ": conflict: " + outcome_sentence(batch));
        break;
      case BatchOutcome::wrong_device_key:
        return reject(origin + ": " + outcome_sentence(batch));
    }
    return store::Done{};
  }

  void unreadable(const fs::path& path, const std::string& reason) {
    ++summary_.files;
    summary_.rejected.push_back(path.string() + ": " + reason);
  }

  ImportSummary& summary() { return summary_; }

 private:
  Result<store::Done> reject(std::string line) {
    summary_.rejected.push_back(std::move(line));
    return store::Done{};
  }
  void log(const std::string& line) {
    if (options_.log) options_.log(line);
  }

  HubStore& hub_;
  const ImportOptions& options_;
  ImportSummary summary_;
};

}  // namespace

bool is_batch_file_name(std::string_view file_name) {
  return file_name.ends_with(".json") && !file_name.starts_with(".");
}

bool holds_no_batches(std::string_view folder_name) {
  return folder_name == sync::kAckFolder || folder_name == sync::kPackFolder ||
         folder_name == sync::kContactFolder;
}

store::StoreResult<BatchIngest> ingest_batch_bytes(HubStore& hub, std::string_view bytes,
                                                   const std::string& origin, bool strict) {
  BatchIngest batch;
  const auto refuse = [&](std::string line) {
    batch.rejected = std::move(line);
    return batch;
  };
  if (bytes.size() > sync::kMaxBatchFileBytes) {
    return refuse(origin + ": " + std::to_string(bytes.size()) + " bytes, over the batch file limit of " +
                  std::to_string(sync::kMaxBatchFileBytes));
  }
  auto envelope = sync::read_batch_file(bytes, origin);
  if (!envelope) {
    // Only a refused batch pays for a second parse, to tell "no JSON" from "the wrong JSON".
    batch.not_json = !parse_private_json(bytes, origin).ok();
    return refuse(envelope.errors().lines.front());
  }
  batch.device_id = envelope->device_id;
  batch.seq = envelope->seq;
  batch.payload_sha256 = envelope->payload_sha256;
  std::string payload_bytes = envelope->payload;
  if (envelope->sealed) {
    auto opened = hub.unseal(envelope->payload);
    if (!opened) return refuse(origin + ": the sealed payload does not open with this hub's key");
    payload_bytes = std::move(opened.value());
  }
  auto payload = sync::decode_payload(payload_bytes, envelope.value(), origin);
  if (!payload) return refuse(payload.errors().lines.front());
  auto ingested = hub.ingest({envelope.value(), payload.value(), origin}, strict);
  if (!ingested) return ingested.error();
  batch.result = std::move(ingested.value());
  return batch;
}

std::string outcome_sentence(const BatchIngest& batch) {
  const std::string name = "batch " + std::to_string(batch.seq) + " of device " + batch.device_id;
  switch (batch.result.outcome) {
    case BatchOutcome::conflict:
      return "the hub has " + name + " with SHA-256 " + batch.result.stored_sha256 + ", this one has " +
             batch.payload_sha256 + "; the stored one is kept";
    case BatchOutcome::wrong_device_key:
      return name + " is signed with another key than the device's earlier batches";
    default:
      return name;
  }
}

Result<ImportSummary> import_batches(HubStore& hub, const std::vector<fs::path>& paths,
                                     const ImportOptions& options) {
  std::size_t total = 0;
  if (options.progress) {
    auto count = [&](const fs::path&) { ++total; };
    auto count_unreadable = [&](const fs::path&, const std::string&) { ++total; };
    for (const auto& path : paths) walk(path, true, count, count_unreadable);
  }
  Importer importer(hub, options);
  std::size_t done = 0;
  std::optional<Errors> fatal;
  auto step = [&] {
    if (options.progress) options.progress(++done, total);
  };
  auto visit = [&](const fs::path& file) {
    if (fatal) return;
    if (auto imported = importer.file(file); !imported) fatal = imported.errors();
    step();
  };
  auto problem = [&](const fs::path& path, const std::string& reason) {
    importer.unreadable(path, reason);
    step();
  };
  for (const auto& path : paths) walk(path, true, visit, problem);
  if (fatal) return *fatal;
  return std::move(importer.summary());
}

Result<std::string> acknowledgement_bytes(HubStore& hub) {
  auto held = hub.held_batches();
  if (!held) return Result<std::string>::failure(held.error().message);
  return sync::encode_ack_file(
      {utc_now(), std::move(held.value())},
      {hub.sign_public_key(), [&hub](std::string_view message) { return hub.sign(message); }});
}

Result<fs::path> write_acknowledgement(HubStore& hub, const fs::path& folder) {
  auto text = acknowledgement_bytes(hub);
  if (!text) return text.errors();
  const fs::path dir = folder / sync::kAckFolder;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Result<fs::path>::failure(dir.string() + ": cannot create the folder: " + ec.message());
  return sync::write_file_durably(dir, sync::ack_file_name(hub.sign_public_key()), text.value());
}

Result<ContactFileIngest> ingest_contact_bytes(HubStore& hub, std::string_view bytes,
                                               const std::string& origin) {
  ContactFileIngest ingest;
  if (bytes.size() > sync::kMaxContactFileBytes) {
    ingest.rejected = origin + ": " + std::to_string(bytes.size()) +
                      " bytes, over the contact file limit of " + std::to_string(sync::kMaxContactFileBytes);
    return ingest;
  }
  auto contacts =
      sync::read_contact_file(bytes, origin, [&hub](std::string_view sealed) { return hub.unseal(sealed); });
  if (!contacts) {
    ingest.rejected = contacts.errors().joined("; ");
    return ingest;
  }
  if (auto added = hub.add_contacts(contacts.value()); !added)
    return Result<ContactFileIngest>::failure(added.error().message);
  ingest.addresses = static_cast<int>(contacts->size());
  return ingest;
}

Result<ContactImport> import_contacts(HubStore& hub, const fs::path& dir) {
  ContactImport summary;
  for (const auto& file : sync::sorted_json_files(dir / sync::kContactFolder)) {
    auto bytes = read_text_file(file, sync::kMaxContactFileBytes);
    if (!bytes) {
      summary.rejected.push_back(bytes.errors().joined("; "));
      continue;
    }
    auto ingested = ingest_contact_bytes(hub, bytes.value(), file.string());
    if (!ingested) return ingested.errors();
    if (ingested->rejected) {
      summary.rejected.push_back(*ingested->rejected);
    } else {
      summary.addresses += ingested->addresses;
    }
  }
  return summary;
}

Result<bool> import_and_acknowledge(HubStore& hub, const std::vector<fs::path>& paths,
                                    const ImportOptions& options) {
  const auto log = [&options](const std::string& line) {
    if (options.log) options.log(line);
  };
  auto imported = import_batches(hub, paths, options);
  if (!imported)
    return Result<bool>::failure(imported.errors().joined("; ") + " The batches before it are in the hub.");
  const ImportSummary& summary = imported.value();
  log("files read: " + std::to_string(summary.files));
  log("new batches: " + std::to_string(summary.new_batches) + " (" + std::to_string(summary.responses_added) +
      " responses added)");
  log("quarantined batches (devices not approved): " + std::to_string(summary.quarantined_batches));
  log("batches from blocked devices: " + std::to_string(summary.excluded_batches));
  log("duplicate batches skipped: " + std::to_string(summary.duplicate_batches));
  log("duplicate responses skipped: " + std::to_string(summary.duplicate_responses));
  log("conflicts: " + std::to_string(summary.conflicts));
  log("rejected files: " + std::to_string(summary.rejected.size()));
  for (const auto& line : summary.rejected) log("  " + line);

  bool clean = summary.clean();
  std::error_code ec;
  for (const auto& folder : paths) {
    if (!fs::is_directory(folder, ec)) continue;
    auto contacts = import_contacts(hub, folder);
    if (!contacts) return Result<bool>::failure(contacts.errors().joined("; "));
    if (contacts->addresses > 0) log("contact addresses read: " + std::to_string(contacts->addresses));
    for (const auto& line : contacts->rejected) log("  " + line);
    clean = clean && contacts->rejected.empty();
    auto ack = write_acknowledgement(hub, folder);
    if (ack) {
      log("acknowledgement written: " + ack->string());
    } else {
      log("acknowledgement NOT written: " + ack.errors().joined("; "));
      clean = false;
    }
    // What the devices that come to this folder learn of each pack: open, closing or closed.
    auto states = write_pack_states(hub, folder);
    if (states) {
      log("pack states written: " + states->string());
    } else {
      log("pack states NOT written: " + states.errors().joined("; "));
      clean = false;
    }
  }
  return clean;
}

}  // namespace peiling::hub
