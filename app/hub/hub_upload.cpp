#include "hub/hub_upload.hpp"

#include <algorithm>
#include <optional>

#include "core/json_file.hpp"
#include "hub/hub_import.hpp"
#include "hub/multipart.hpp"
#include "hub/zip_archive.hpp"
#include "sync/ack_file.hpp"
#include "sync/contact_file.hpp"

namespace peiling::hub {

namespace {

using Step = Result<store::Done>;

// A zip's local file header or, for an empty archive, its end record.
bool is_zip(const UploadedFile& file) {
  return file.bytes.starts_with("PK\x03\x04") || file.bytes.starts_with("PK\x05\x06") ||
         has_extension(file.name, ".zip");
}

bool has_contacts_format(std::string_view bytes) {
  auto parsed = parse_private_json(bytes, "upload");
  if (!parsed || !parsed->is_object()) return false;
  const auto format = parsed->find("format");
  return format != parsed->end() && format->is_string() &&
         format->get<std::string>() == sync::kContactsFormat;
}

// The reason of a "<origin>: <reason>" line, so that the outcome does not name the file twice.
std::string reason_of(const std::string& line, const std::string& origin) {
  const std::string prefix = origin + ": ";
  return line.starts_with(prefix) ? line.substr(prefix.size()) : line;
}

// What a zip entry is to the import: a batch, a contact file, or nothing (skipped as the folder
// walk skips it).
std::optional<UploadKind> entry_kind(std::string_view entry) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0; start <= entry.size();) {
    const std::size_t end = std::min(entry.find('/', start), entry.size());
    parts.push_back(entry.substr(start, end - start));
    start = end + 1;
  }
  const std::string_view file = parts.back();
  if (!is_batch_file_name(file)) return std::nullopt;
  const bool in_contacts = parts.size() >= 2 && parts[parts.size() - 2] == sync::kContactFolder;
  if (in_contacts) return UploadKind::contacts;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    if (holds_no_batches(parts[i])) return std::nullopt;
  }
  return UploadKind::batch;
}

class Uploads {
 public:
  Uploads(HubStore& hub, bool strict) : hub_(hub), strict_(strict) {}

  Step file(const UploadedFile& upload) {
    if (is_zip(upload)) return archive(upload);
    if (has_contacts_format(upload.bytes)) return contacts(upload.name, upload.bytes);
    return batch(upload.name, upload.bytes);
  }

  UploadOutcome& outcome() { return outcome_; }

 private:
  Step batch(const std::string& origin, std::string_view bytes) {
    auto ingested = ingest_batch_bytes(hub_, bytes, origin, strict_);
    if (!ingested) return Step::failure(ingested.error().message);
    const BatchIngest& batch = ingested.value();
    FileOutcome& file = add(origin, UploadKind::batch);
    if (batch.rejected) {
      file.reason = reason_of(*batch.rejected, origin);
      return store::Done{};
    }
    file.responses_added = batch.result.responses_added;
    file.duplicate_responses = static_cast<int>(batch.result.duplicate_responses.size());
    switch (batch.result.outcome) {
      case BatchOutcome::added:
        file.status = UploadStatus::added;
        break;
      case BatchOutcome::quarantined:
        file.status = UploadStatus::quarantined;
        break;
      case BatchOutcome::excluded:
        file.status = UploadStatus::excluded;
        break;
      case BatchOutcome::duplicate:
        file.status = UploadStatus::already_had;
        break;
      case BatchOutcome::conflict:
        file.status = UploadStatus::conflict;
        file.reason = outcome_sentence(batch);
        break;
      case BatchOutcome::wrong_device_key:
        file.reason = outcome_sentence(batch);
        break;
    }
    return store::Done{};
  }

  Step contacts(const std::string& origin, std::string_view bytes) {
    auto ingested = ingest_contact_bytes(hub_, bytes, origin);
    if (!ingested) return ingested.errors();
    FileOutcome& file = add(origin, UploadKind::contacts);
    if (ingested->rejected) {
      file.reason = reason_of(*ingested->rejected, origin);
    } else {
      file.status = UploadStatus::added;
      file.addresses = ingested->addresses;
    }
    return store::Done{};
  }

  // Every entry is read (and so checked against the limits) before the first goes in.
  Step archive(const UploadedFile& upload) {
    auto zip = ZipArchive::open(upload.bytes, upload.name);
    if (!zip) return refuse_archive(upload.name, zip.errors());
    auto entries = zip->read_all();
    if (!entries) return refuse_archive(upload.name, entries.errors());
    for (const auto& entry : entries.value()) {
      const auto kind = entry_kind(entry.name);
      if (!kind) continue;
      const std::string origin = upload.name + "/" + entry.name;
      auto step = *kind == UploadKind::contacts ? contacts(origin, entry.bytes) : batch(origin, entry.bytes);
      if (!step) return step;
    }
    return store::Done{};
  }

  Step refuse_archive(const std::string& name, const Errors& errors) {
    add(name, UploadKind::archive).reason = reason_of(errors.joined("; "), name);
    return store::Done{};
  }

  FileOutcome& add(const std::string& name, UploadKind kind) {
    outcome_.files.push_back({name, kind});
    return outcome_.files.back();
  }

  HubStore& hub_;
  bool strict_;
  UploadOutcome outcome_;
};

}  // namespace

bool UploadOutcome::clean() const {
  return std::none_of(files.begin(), files.end(), [](const FileOutcome& file) {
    return file.status == UploadStatus::refused || file.status == UploadStatus::conflict;
  });
}

Result<UploadOutcome> import_uploads(HubStore& hub, const std::vector<UploadedFile>& files, bool strict) {
  Uploads uploads(hub, strict);
  for (const auto& file : files) {
    if (auto step = uploads.file(file); !step) {
      return Result<UploadOutcome>::failure(step.errors().joined("; ") +
                                            " The files before it are in the hub.");
    }
  }
  auto acknowledgement = acknowledgement_bytes(hub);
  if (!acknowledgement) return acknowledgement.errors();
  UploadOutcome& outcome = uploads.outcome();
  outcome.acknowledgement_name = sync::ack_file_name(hub.sign_public_key());
  outcome.acknowledgement = std::move(acknowledgement.value());
  return std::move(outcome);
}

}  // namespace peiling::hub
