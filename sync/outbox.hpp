#pragma once
// The device side of sync: forming batches from finished responses, exporting them to a folder
// (a USB stick), and reading the hub's acknowledgements back from it. The admin panel calls
// export_batches(); `peiling --export-batches DIR` does the same from the command line.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/pack.hpp"
#include "core/result.hpp"
#include "store/device_store.hpp"
#include "sync/batch_format.hpp"
#include "sync/pack_take_up.hpp"

namespace peiling::sync {

struct ExportSummary {
  int acks_read = 0;                      // acknowledgement files that verified
  std::vector<std::string> ack_problems;  // "<file>: <reason>" for those that did not
  int batches_delivered = 0;              // newly acknowledged by this export's acks
  int batches_formed = 0;
  std::vector<std::filesystem::path> written;  // one file per batch not yet acknowledged
  int batch_files_deleted = 0;                 // delivered longer ago than the admin keeps them
};

// The device's signer, backed by DeviceStore::sign.
BatchSigner device_signer(const store::DeviceStore& store);

// The keys a hub's acknowledgement may be signed with: the pack's hub.sign_key and the one the
// admin pinned (DeviceStore::set_pinned_hub_sign_key). The stick and HTTP trust the same keys.
std::vector<std::string> trusted_hub_keys(const Pack& pack, const store::SyncSettings& settings);

// Forms batches of at most kMaxBatchResponses responses and kMaxBatchFileBytes until no finished
// response is left outside one. Abandoned responses go when the pack keeps them; payloads are
// sealed when the pack names the hub's seal key. Returns how many batches were formed.
Result<int> form_batches(store::DeviceStore& store, const Pack& pack);

// Reads the acknowledgements in dir/acks (trusting the pack's hub key and the admin's pinned
// one), forms batches, writes every batch not yet acknowledged as dir/peiling-<device>-<seq>.json
// (durably, byte-identical at every export), and deletes the files of batches delivered longer
// ago than the sync settings keep them.
Result<ExportSummary> export_batches(store::DeviceStore& store, const Pack& pack,
                                     const std::filesystem::path& dir);

// Writes the device's contact opt-ins (if it has any) into dir/contacts/ as a contact file
// (sync/contact_file.hpp), sealed when seal_key is set. Returns the file written.
Result<std::optional<std::filesystem::path>> export_contacts(store::DeviceStore& store,
                                                             const std::optional<std::string>& seal_key,
                                                             const std::filesystem::path& dir);

// What one visit of a USB stick (or shared folder) does, from the admin panel or
// `peiling --export-batches DIR`: export_batches(), then the contact opt-ins into dir/contacts/
// (export_contacts() below), then the hub's published packs from dir/packs/ taken up
// (sync/pack_take_up.hpp).
struct FolderExchange {
  ExportSummary batches;
  std::optional<std::filesystem::path> contacts_file;
  PackImportSummary packs;
};
Result<FolderExchange> exchange_with_folder(store::DeviceStore& store, const Pack& pack,
                                            const std::filesystem::path& dir);

// Mounted removable media: the folders two levels under each root (/media/USER/LABEL and
// /run/media/USER/LABEL), sorted.
std::vector<std::filesystem::path> list_removable_media(const std::vector<std::filesystem::path>& roots = {
                                                            "/media", "/run/media"});

}  // namespace peiling::sync
