// The way to the hub: batches formed from finished responses, their export and delivery, and the
// sync settings (sync/README.md).
#include "store/device_store_impl.hpp"

namespace peiling::store {

// --- Batches -------------------------------------------------------------------------------------

StoreResult<std::vector<Response>> DeviceStore::unbatched_responses(int limit, bool include_abandoned) {
  return impl_->guarded([&]() -> StoreResult<std::vector<Response>> {
    auto select = impl_->connection.prepare(
        "SELECT response_id FROM unbatched_responses WHERE status = 'complete' OR ?2 "
        "ORDER BY ended_at_ms, response_id LIMIT ?1",
        "list the responses for the next batch");
    if (!select) return select.error();
    select->bind_int(1, limit).bind_int(2, include_abandoned ? 1 : 0);
    return impl_->load_responses(select.value());
  });
}

StoreResult<std::int64_t> DeviceStore::next_batch_seq() {
  return impl_->guarded([&] {
    return impl_->single_integer("SELECT coalesce(max(seq), 0) + 1 FROM batches", "number the next batch");
  });
}

StoreStatus DeviceStore::record_batch(const NewBatch& batch) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "record the batch";
    if (batch.response_ids.empty())
      return problem(ErrorKind::constraint, action, "a batch needs a response.");
    if (has_duplicates(batch.response_ids)) {
      return problem(ErrorKind::constraint, action, "a response appears twice in the batch.");
    }
    Connection& db = impl_->connection;
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    auto next = impl_->single_integer("SELECT coalesce(max(seq), 0) + 1 FROM batches", action);
    if (!next) return next.error();
    if (batch.seq != next.value()) {
      return problem(ErrorKind::constraint, action,
                     "its number " + std::to_string(batch.seq) + " is not the next one (" +
                         std::to_string(next.value()) + "); another batch was formed meanwhile.");
    }
    {
      auto insert = db.prepare(
          "INSERT INTO batches (seq, batch_id, created_at_ms, response_count, payload_sha256, file) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
          action);
      if (!insert) return insert.error();
      insert->bind_int(1, batch.seq)
          .bind_text(2, batch.batch_id)
          .bind_int(3, batch.created_at)
          .bind_int(4, static_cast<std::int64_t>(batch.response_ids.size()))
          .bind_text(5, batch.payload_sha256)
          .bind_blob(6, batch.file.data(), batch.file.size());
      if (auto done = insert->run(); !done) return done.error();
    }
    for (const auto& id : batch.response_ids) {
      {
        auto insert = db.prepare(
            "INSERT INTO batch_responses (response_id, seq) SELECT response_id, ?2 FROM unbatched_responses "
            "WHERE response_id = ?1",
            action);
        if (!insert) return insert.error();
        insert->bind_text(1, id).bind_int(2, batch.seq);
        if (auto done = insert->run(); !done) return done.error();
      }
      if (db.changes() == 0) {
        return problem(ErrorKind::constraint, action,
                       "response " + id + " is already in a batch, not finished, or not on this device.");
      }
    }
    return transaction->commit();
  });
}

StoreResult<std::vector<BatchInfo>> DeviceStore::undelivered_batches() {
  return impl_->guarded([&]() -> StoreResult<std::vector<BatchInfo>> {
    auto select = impl_->connection.prepare(
        "SELECT seq, batch_id, created_at_ms, response_count, payload_sha256, exported_at_ms FROM batches "
        "WHERE delivered_at_ms IS NULL ORDER BY seq",
        "list the batches");
    if (!select) return select.error();
    return select->collect([](const Statement& row) {
      BatchInfo batch;
      batch.seq = row.integer(0);
      batch.batch_id = row.text(1);
      batch.created_at = row.integer(2);
      batch.response_count = static_cast<int>(row.integer(3));
      batch.payload_sha256 = row.text(4);
      if (!row.is_null(5)) batch.exported_at = row.integer(5);
      return batch;
    });
  });
}

StoreResult<std::string> DeviceStore::batch_file(std::int64_t seq) {
  return impl_->guarded([&]() -> StoreResult<std::string> {
    constexpr std::string_view action = "read the batch file";
    auto select =
        impl_->connection.prepare("SELECT file FROM batches WHERE seq = ?1 AND file IS NOT NULL", action);
    if (!select) return select.error();
    select->bind_int(1, seq);
    auto file = select->first([](const Statement& row) { return row.blob(0); });
    if (!file) return file.error();
    if (!file.value()) {
      return problem(ErrorKind::not_found, action,
                     "batch " + std::to_string(seq) + " is not kept on this device.");
    }
    return std::move(*file.value());
  });
}

StoreStatus DeviceStore::mark_exported(const std::vector<std::int64_t>& seqs) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "note the export";
    Connection& db = impl_->connection;
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    for (const auto seq : seqs) {
      auto update = db.prepare(
          "UPDATE batches SET exported_at_ms = coalesce(exported_at_ms, ?2) WHERE seq = ?1", action);
      if (!update) return update.error();
      update->bind_int(1, seq).bind_int(2, impl_->options.now());
      if (auto done = update->run(); !done) return done.error();
    }
    return transaction->commit();
  });
}

StoreResult<int> DeviceStore::mark_delivered(const std::vector<Delivery>& deliveries) {
  return impl_->guarded([&]() -> StoreResult<int> {
    constexpr std::string_view action = "note the hub's acknowledgement";
    Connection& db = impl_->connection;
    const UtcMillis now = impl_->options.now();
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    int delivered = 0;
    for (const auto& delivery : deliveries) {
      {
        auto update = db.prepare(
            "UPDATE batches SET delivered_at_ms = ?3 "
            "WHERE seq = ?1 AND payload_sha256 = ?2 AND delivered_at_ms IS NULL",
            action);
        if (!update) return update.error();
        update->bind_int(1, delivery.seq).bind_text(2, delivery.payload_sha256).bind_int(3, now);
        if (auto done = update->run(); !done) return done.error();
      }
      if (db.changes() == 0) continue;
      ++delivered;
      // The complete responses in it count as synced, as the outbox has always said.
      auto synced = db.prepare(
          "UPDATE outbox SET synced_at_ms = coalesce(synced_at_ms, ?2) "
          "WHERE response_id IN (SELECT response_id FROM batch_responses WHERE seq = ?1)",
          action);
      if (!synced) return synced.error();
      synced->bind_int(1, delivery.seq).bind_int(2, now);
      if (auto done = synced->run(); !done) return done.error();
    }
    if (auto committed = transaction->commit(); !committed) return committed.error();
    return delivered;
  });
}

StoreResult<int> DeviceStore::delete_delivered_batches(UtcMillis delivered_before) {
  return impl_->guarded([&]() -> StoreResult<int> {
    constexpr std::string_view action = "delete delivered batches";
    Connection& db = impl_->connection;
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    {
      auto update = db.prepare(
          "UPDATE batches SET file = NULL WHERE delivered_at_ms < ?1 AND file IS NOT NULL", action);
      if (!update) return update.error();
      update->bind_int(1, delivered_before);
      if (auto done = update->run(); !done) return done.error();
    }
    const auto deleted = static_cast<int>(db.changes());
    if (auto committed = transaction->commit(); !committed) return committed.error();
    return deleted;
  });
}

StoreResult<SyncCounts> DeviceStore::sync_counts(bool include_abandoned) {
  return impl_->guarded([&]() -> StoreResult<SyncCounts> {
    constexpr std::string_view action = "count the responses on their way to the hub";
    auto select = impl_->connection.prepare(
        "SELECT (SELECT count(*) FROM unbatched_responses WHERE status = 'complete' OR ?1), "
        "count(*) FILTER (WHERE b.exported_at_ms IS NULL AND b.delivered_at_ms IS NULL), "
        "count(*) FILTER (WHERE b.exported_at_ms IS NOT NULL AND b.delivered_at_ms IS NULL), "
        "count(*) FILTER (WHERE b.delivered_at_ms IS NOT NULL) "
        "FROM batch_responses m JOIN batches b ON b.seq = m.seq",
        action);
    if (!select) return select.error();
    select->bind_int(1, include_abandoned ? 1 : 0);
    auto counts = select->first([](const Statement& row) {
      return SyncCounts{static_cast<int>(row.integer(0)), static_cast<int>(row.integer(1)),
                        static_cast<int>(row.integer(2)), static_cast<int>(row.integer(3))};
    });
    if (!counts) return counts.error();
    return counts->value_or(SyncCounts{});
  });
}

StoreResult<SyncSettings> DeviceStore::sync_settings() {
  return impl_->guarded([&]() -> StoreResult<SyncSettings> {
    auto select = impl_->connection.prepare(
        "SELECT hub_sign_key, keep_delivered_days, hub_url, hub_token, last_attempt_at_ms, "
        "last_attempt_result, "
        "last_success_at_ms FROM sync_settings WHERE singleton = 1",
        "read the sync settings");
    if (!select) return select.error();
    auto stored = select->first([](const Statement& row) {
      SyncSettings settings;
      if (!row.is_null(0)) settings.pinned_hub_sign_key = row.blob(0);
      settings.keep_delivered_days = static_cast<int>(row.integer(1));
      if (!row.is_null(2)) settings.hub_url = row.text(2);
      if (!row.is_null(3)) settings.hub_token = row.text(3);
      if (!row.is_null(4)) settings.last_attempt_at = row.integer(4);
      if (!row.is_null(5)) settings.last_attempt_result = row.text(5);
      if (!row.is_null(6)) settings.last_success_at = row.integer(6);
      return settings;
    });
    if (!stored) return stored.error();
    return stored->value_or(SyncSettings{});
  });
}

StoreStatus DeviceStore::set_pinned_hub_sign_key(const std::optional<std::string>& key) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "pin the hub key";
    if (key && key->size() != 32) return problem(ErrorKind::constraint, action, "a hub key is 32 bytes.");
    return impl_->write_one("UPDATE sync_settings SET hub_sign_key = ?1 WHERE singleton = 1", action,
                            [&](Statement& update) {
                              if (key) {
                                update.bind_blob(1, key->data(), key->size());
                              } else {
                                update.bind_null(1);
                              }
                            });
  });
}

StoreStatus DeviceStore::set_keep_delivered_days(int days) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "set how long delivered batches are kept";
    if (days < 0) return problem(ErrorKind::constraint, action, "the number of days is 0 or more.");
    return impl_->write_one("UPDATE sync_settings SET keep_delivered_days = ?1 WHERE singleton = 1", action,
                            [&](Statement& update) { update.bind_int(1, days); });
  });
}

StoreStatus DeviceStore::set_hub_endpoint(const std::optional<std::string>& url,
                                          const std::optional<std::string>& token) {
  return impl_->guarded([&]() -> StoreStatus {
    return impl_->write_one("UPDATE sync_settings SET hub_url = ?1, hub_token = ?2 WHERE singleton = 1",
                            "set the hub address", [&](Statement& update) {
                              if (url) update.bind_text(1, *url);
                              if (token) update.bind_text(2, *token);
                            });
  });
}

StoreStatus DeviceStore::record_sync_attempt(UtcMillis at, const std::string& result, bool success) {
  return impl_->guarded([&]() -> StoreStatus {
    return impl_->write_one(
        "UPDATE sync_settings SET last_attempt_at_ms = ?1, last_attempt_result = ?2, "
        "last_success_at_ms = CASE WHEN ?3 THEN ?1 ELSE last_success_at_ms END WHERE singleton = 1",
        "record the sync attempt",
        [&](Statement& update) { update.bind_int(1, at).bind_text(2, result).bind_int(3, success ? 1 : 0); });
  });
}

}  // namespace peiling::store
