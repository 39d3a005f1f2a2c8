#include "sync/outbox.hpp"

#include <algorithm>
#include <system_error>

#include "core/codec.hpp"
#include "core/json_file.hpp"
#include "sync/ack_file.hpp"
#include "sync/contact_file.hpp"
#include "sync/files.hpp"

namespace peiling::sync {

namespace fs = std::filesystem;

namespace {

constexpr UtcMillis kMillisPerDay = 24LL * 60 * 60 * 1000;

template <class T>
Result<T> store_failure(const store::StoreError& error) {
  return Result<T>::failure(error.message);
}

// Encodes the batch, dropping responses from its end while the file is over kMaxBatchFileBytes.
// The dropped ones go into the next batch.
Result<EncodedBatch> encode_fitting(BatchPayload& payload, const BatchSigner& signer,
                                    const std::optional<std::string>& seal_key) {
  for (;;) {
    EncodedBatch encoded = encode_batch_file(encode_payload(payload), payload.seq, signer, seal_key);
    const std::size_t size = encoded.file.size();
    if (size <= kMaxBatchFileBytes) return encoded;
    const std::size_t count = payload.responses.size();
    if (count == 1) {
      return Result<EncodedBatch>::failure("response " + payload.responses.front().id +
                                           " alone makes a batch file of " + std::to_string(size) +
                                           " bytes, over the limit of " + std::to_string(kMaxBatchFileBytes));
    }
    // Responses are of similar size: scale down in proportion, with a margin, and by one at least.
    const double fitting_share = static_cast<double>(kMaxBatchFileBytes) / static_cast<double>(size);
    const auto scaled = static_cast<std::size_t>(static_cast<double>(count) * fitting_share * 0.95);
    payload.responses.resize(std::clamp<std::size_t>(scaled, 1, count - 1));
  }
}

// Marks this device's batches in each verified acknowledgement delivered.
Result<store::Done> read_acks(store::DeviceStore& store, const std::vector<std::string>& trusted_keys,
                              const fs::path& ack_dir, ExportSummary& summary) {
  for (const auto& file : sorted_json_files(ack_dir)) {
    if (trusted_keys.empty()) {
      summary.ack_problems.push_back(
          file.string() + ": no hub key to check it with; the pack has no hub.sign_key and none is pinned");
      continue;
    }
    auto bytes = read_text_file(file, kMaxAckFileBytes);
    if (!bytes) {
      summary.ack_problems.push_back(bytes.errors().lines.front());
      continue;
    }
    auto ack = read_ack_file(bytes.value(), file.string(), trusted_keys);
    if (!ack) {
      summary.ack_problems.push_back(ack.errors().lines.front());
      continue;
    }
    ++summary.acks_read;
    std::vector<store::Delivery> deliveries;
    for (const auto& batch : ack->batches) {
      if (batch.device_id == store.device_id()) deliveries.push_back({batch.seq, batch.payload_sha256});
    }
    auto delivered = store.mark_delivered(deliveries);
    if (!delivered) return store_failure<store::Done>(delivered.error());
    summary.batches_delivered += delivered.value();
  }
  return store::Done{};
}

}  // namespace

std::vector<std::string> trusted_hub_keys(const Pack& pack, const store::SyncSettings& settings) {
  std::vector<std::string> keys;
  if (pack.hub && pack.hub->sign_key) keys.push_back(*pack.hub->sign_key);
  if (settings.pinned_hub_sign_key) keys.push_back(*settings.pinned_hub_sign_key);
  return keys;
}

BatchSigner device_signer(const store::DeviceStore& store) {
  const auto& key = store.signing_public_key();
  return {store.device_id(), std::string(reinterpret_cast<const char*>(key.data()), key.size()),
          [&store](std::string_view message) { return store.sign(message); }};
}

Result<int> form_batches(store::DeviceStore& store, const Pack& pack) {
  const BatchSigner signer = device_signer(store);
  const std::optional<std::string> seal_key = pack.hub ? pack.hub->seal_key : std::nullopt;
  int formed = 0;
  for (;;) {
    auto candidates =
        store.unbatched_responses(static_cast<int>(kMaxBatchResponses), pack.settings.keep_abandoned);
    if (!candidates) return store_failure<int>(candidates.error());
    if (candidates->empty()) return formed;
    auto seq = store.next_batch_seq();
    if (!seq) return store_failure<int>(seq.error());
    BatchPayload payload{random_uuid_v4(), store.device_id(), seq.value(), store.now(),
                         std::move(candidates.value())};
    auto encoded = encode_fitting(payload, signer, seal_key);
    if (!encoded) return encoded.errors();
    store::NewBatch batch{
        payload.seq, payload.batch_id, payload.created_at, encoded->payload_sha256, std::move(encoded->file),
        {}};
    for (const auto& response : payload.responses) batch.response_ids.push_back(response.id);
    if (auto recorded = store.record_batch(batch); !recorded) return store_failure<int>(recorded.error());
    ++formed;
  }
}

Result<ExportSummary> export_batches(store::DeviceStore& store, const Pack& pack, const fs::path& dir) {
  using R = Result<ExportSummary>;
  ExportSummary summary;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return R::failure(dir.string() + ": cannot create the folder: " + ec.message());
  auto settings = store.sync_settings();
  if (!settings) return store_failure<ExportSummary>(settings.error());

  if (auto acks = read_acks(store, trusted_hub_keys(pack, settings.value()), dir / kAckFolder, summary);
      !acks) {
    return acks.errors();
  }
  auto formed = form_batches(store, pack);
  if (!formed) return formed.errors();
  summary.batches_formed = formed.value();

  auto batches = store.undelivered_batches();
  if (!batches) return store_failure<ExportSummary>(batches.error());
  std::vector<std::int64_t> exported;
  Errors problems;
  for (const auto& batch : batches.value()) {
    auto file = store.batch_file(batch.seq);
    if (!file) {
      problems.lines.push_back(file.error().message);
      break;
    }
    auto written = write_file_durably(dir, batch_file_name(store.device_id(), batch.seq), file.value());
    if (!written) {
      problems.lines.push_back(written.errors().lines.front());
      break;
    }
    exported.push_back(batch.seq);
    summary.written.push_back(written.value());
  }
  // What reached the folder counts as exported even when a later file failed.
  if (auto marked = store.mark_exported(exported); !marked) problems.lines.push_back(marked.error().message);
  if (!problems.lines.empty()) return problems;

  const UtcMillis keep_since = store.now() - settings->keep_delivered_days * kMillisPerDay;
  auto deleted = store.delete_delivered_batches(keep_since);
  if (!deleted) return store_failure<ExportSummary>(deleted.error());
  summary.batch_files_deleted = deleted.value();
  return summary;
}

std::vector<fs::path> list_removable_media(const std::vector<fs::path>& roots) {
  std::vector<fs::path> media;
  std::error_code ec;
  for (const auto& root : roots) {
    for (const auto& user : list_folder(root, ec)) {
      if (!user.is_directory(ec)) continue;
      for (const auto& volume : list_folder(user.path(), ec)) {
        if (volume.is_directory(ec)) media.push_back(volume.path());
      }
    }
  }
  std::sort(media.begin(), media.end());
  return media;
}

Result<std::optional<fs::path>> export_contacts(store::DeviceStore& store,
                                                const std::optional<std::string>& seal_key,
                                                const fs::path& dir) {
  using Written = std::optional<fs::path>;
  auto contacts = store.contacts();
  if (!contacts) return Result<Written>::failure(contacts.error().message);
  if (contacts->empty()) return Written();
  const fs::path folder = dir / kContactFolder;
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) return Result<Written>::failure(folder.string() + ": " + ec.message());
  auto written = write_file_durably(folder, "peiling-contacts-" + store.device_id() + ".json",
                                    encode_contact_file(contacts.value(), seal_key));
  if (!written) return written.errors();
  return Written(written.value());
}

Result<FolderExchange> exchange_with_folder(store::DeviceStore& store, const Pack& pack,
                                            const fs::path& dir) {
  FolderExchange exchange;
  auto batches = export_batches(store, pack, dir);
  if (!batches) return batches.errors();
  exchange.batches = std::move(batches.value());
  auto contacts = export_contacts(store, pack.hub ? pack.hub->seal_key : std::nullopt, dir);
  if (!contacts) return contacts.errors();
  exchange.contacts_file = contacts.value();
  auto packs = import_packs(store, pack, dir);
  if (!packs) return packs.errors();
  exchange.packs = std::move(packs.value());
  return exchange;
}

}  // namespace peiling::sync
