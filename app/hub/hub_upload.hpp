#pragma once
// What the console's import page does with the files an organiser uploads: the same ingest as
// `peiling-hub import` (hub_import.hpp), from bytes instead of paths. A file is a batch file, a
// contact file, or a zip of a stick's folder, read as import reads the folder: its *.json batch
// files (not hidden, not under acks/ or packs/) and the contact files in contacts/. A zip with a
// path outside its folder, a link, more than 10,000 entries or more than ZipLimits' bytes is
// refused whole, before anything of it is stored. Reasons name the file and never repeat what
// respondents wrote.
#include <string>
#include <vector>

#include "core/result.hpp"
#include "hub/hub_store.hpp"

namespace peiling::hub {

struct UploadedFile {
  std::string name;  // as the browser sent it; the console checks it with safe_upload_name()
  std::string bytes;
};

enum class UploadKind { batch, contacts, archive };

enum class UploadStatus {
  added,        // a new batch, counted (or a contact file read)
  quarantined,  // a new batch from a device not yet approved (strict): stored, not counted
  excluded,     // a new batch from a blocked device: stored, never counted
  already_had,  // the same batch is on the hub already
  conflict,     // another batch under the same device and seq: the stored one is kept
  refused,      // nothing of it was stored; see reason
};

struct FileOutcome {
  std::string name;  // the upload's name; an entry of a zip as "<zip>/<entry>"
  UploadKind kind = UploadKind::batch;
  UploadStatus status = UploadStatus::refused;
  std::string reason;  // for refused and conflict
  int responses_added = 0;
  int duplicate_responses = 0;  // responses the hub had from another batch, skipped
  int addresses = 0;            // of a contact file
};

struct UploadOutcome {
  std::vector<FileOutcome> files;  // in the order uploaded, a zip's entries in the zip's order
  // The acknowledgement to give back for the stick, as import writes it into acks/: every batch
  // the hub holds, signed. The tablets stop exporting what it lists.
  std::string acknowledgement_name;  // peiling-ack-<hub>.json, for the stick's acks/ folder
  std::string acknowledgement;

  // No file refused and no conflict.
  bool clean() const;
};

// Takes each file in, one transaction per batch. A store failure (the hub database) is the error;
// the files before it are in the hub.
Result<UploadOutcome> import_uploads(HubStore& hub, const std::vector<UploadedFile>& files, bool strict);

}  // namespace peiling::hub
