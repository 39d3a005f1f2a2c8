#pragma once
// `peiling-hub import`: batch files from files and folders into the hub store, one file at a time,
// so memory does not grow with the number of files. Every file is either taken in whole (one
// transaction per batch) or rejected with its name and the reason. A folder's contact files go in
// beside them.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "hub/hub_store.hpp"

namespace peiling::hub {

struct ImportOptions {
  bool strict = false;  // batches from devices not yet approved are quarantined
  // Called with each line worth logging as it happens (a duplicate response, a conflict; with
  // import_and_acknowledge() also the summary and what each folder gave and got).
  std::function<void(const std::string& line)> log;
  // Called after each file with (files done, files in all); when set, the files are counted first.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

struct ImportSummary {
  int files = 0;
  int new_batches = 0;  // added and counted
  int quarantined_batches = 0;
  int excluded_batches = 0;  // from blocked devices
  int duplicate_batches = 0;
  int conflicts = 0;
  int duplicate_responses = 0;
  int responses_added = 0;            // in new, quarantined and excluded batches alike
  std::vector<std::string> rejected;  // "<file>: <reason>", one per rejected file

  bool clean() const { return rejected.empty() && conflicts == 0; }
};

// One batch file's bytes, checked and taken in (one transaction), as import and the HTTP hub
// (hub/hub_api.hpp) both do it.
struct BatchIngest {
  // Set when the bytes were refused before reaching the store: "<origin>: <reason>". Nothing changed.
  std::optional<std::string> rejected;
  bool not_json = false;  // the refusal is that the bytes are no JSON text at all
  std::string device_id;  // of the envelope, once it verified
  std::int64_t seq = 0;
  std::string payload_sha256;
  IngestResult result;  // what the store did, when not rejected
};

// Checks the size, the JSON, the format, the hash and the signature, opens a sealed payload and
// checks every field, then ingests. A store failure (the hub database) is the error.
store::StoreResult<BatchIngest> ingest_batch_bytes(HubStore& hub, std::string_view bytes,
                                                   const std::string& origin, bool strict);

// "batch 3 of device …", and for a conflict or a wrong device key what is wrong with it.
std::string outcome_sentence(const BatchIngest& batch);

// Reads every path: a file as given, a folder recursively (its *.json files, sorted by name,
// leaving out hidden files, acks/ folders and symbolic links, which could loop). A store failure
// (the hub database, not a file) is the error; everything about the files is in the summary.
Result<ImportSummary> import_batches(HubStore& hub, const std::vector<std::filesystem::path>& paths,
                                     const ImportOptions& options);

// What import reads from a folder: files named *.json and not hidden, in folders other than those
// that hold no batches (acks/, packs/ and contacts/). The console's zip uploads follow the same rule.
bool is_batch_file_name(std::string_view file_name);
bool holds_no_batches(std::string_view folder_name);

// The acknowledgement file: every batch the hub holds, signed (format peiling.ack/1).
Result<std::string> acknowledgement_bytes(HubStore& hub);
// Writes it as folder/acks/peiling-ack-<hub>.json. Returns its path.
Result<std::filesystem::path> write_acknowledgement(HubStore& hub, const std::filesystem::path& folder);

struct ContactImport {
  int addresses = 0;                  // read, new or not (the hub keeps each once per pack)
  std::vector<std::string> rejected;  // "<file>: <reason>"
};

// One contact file's bytes into the hub's contacts table. A file that does not read is refused
// ("<origin>: <reason>") and changes nothing; a store failure is the error.
struct ContactFileIngest {
  int addresses = 0;
  std::optional<std::string> rejected;
};
Result<ContactFileIngest> ingest_contact_bytes(HubStore& hub, std::string_view bytes,
                                               const std::string& origin);

// The contact files in dir/contacts/ (sync/contact_file.hpp), into the hub's contacts table.
Result<ContactImport> import_contacts(HubStore& hub, const std::filesystem::path& dir);

// `peiling-hub import PATH...`: import_batches(), its summary logged, then for each folder among
// the paths its contact files taken in and the acknowledgement written back, each logged. True
// when everything went in cleanly: no file rejected, no conflict, every contact file read and
// every acknowledgement written. A store failure is the error.
Result<bool> import_and_acknowledge(HubStore& hub, const std::vector<std::filesystem::path>& paths,
                                    const ImportOptions& options);

}  // namespace peiling::hub
