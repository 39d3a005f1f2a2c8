// HubStore's part for the life of a pack (issue 17, schema step 8 of hub_schema.cpp): open,
// closing or closed, with the time it closes by itself. Nothing here runs on a timer: whoever
// reads the state gets closes_at applied (lifecycle_from), and the ingest marks late whatever
// arrives for a pack closed at that moment.
#include "hub/hub_store.hpp"
#include "hub/hub_store_impl.hpp"

namespace peiling::hub {

PackLifecycle lifecycle_from(const Statement& row, int first, UtcMillis now) {
  PackLifecycle lifecycle;
  lifecycle.state = pack_state_named(row.text(first)).value_or(PackState::open);
  if (!row.is_null(first + 1)) lifecycle.closes_at = row.integer(first + 1);
  lifecycle.state = effective_state(lifecycle, now);
  return lifecycle;
}

StoreResult<PackLifecycle> HubStore::pack_lifecycle(const std::string& pack_id) {
  std::lock_guard guard(impl_->mutex);
  auto select = impl_->connection.prepare("SELECT state, closes_at_ms FROM pack_lifecycle WHERE pack_id = ?1",
                                          "read the pack's state");
  if (!select) return select.error();
  select->bind_text(1, pack_id);
  const UtcMillis now = impl_->options.now();
  auto row = select->first([now](const Statement& found) { return lifecycle_from(found, 0, now); });
  if (!row) return row.error();
  return row.value().value_or(PackLifecycle{});
}

StoreStatus HubStore::set_pack_lifecycle(const std::string& pack_id, PackState state,
                                         std::optional<UtcMillis> closes_at, const AuditEntry& entry) {
  std::lock_guard guard(impl_->mutex);
  constexpr std::string_view action = "change the pack's state";
  Connection& db = impl_->connection;
  const UtcMillis now = impl_->options.now();
  auto transaction = db.begin_write(action);
  if (!transaction) return transaction.error();
  if (auto done = db.execute(
          "INSERT INTO pack_lifecycle (pack_id, state, closes_at_ms, changed_at_ms) VALUES (?1, ?2, ?3, ?4) "
          "ON CONFLICT (pack_id) DO UPDATE SET state = excluded.state, closes_at_ms = excluded.closes_at_ms, "
          "changed_at_ms = excluded.changed_at_ms",
          action,
          [&](Statement& upsert) {
            upsert.bind_text(1, pack_id).bind_text(2, to_string(state)).bind_int(4, now);
            if (closes_at) {
              upsert.bind_int(3, *closes_at);
            } else {
              upsert.bind_null(3);
            }
          });
      !done)
    return done.error();
  if (auto done = impl_->write_audit(entry, action); !done) return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return Done{};
}

StoreResult<int> HubStore::go_live(const std::string& pack_id, const AuditEntry& entry) {
  std::lock_guard guard(impl_->mutex);
  constexpr std::string_view action = "go live";
  Connection& db = impl_->connection;
  const UtcMillis now = impl_->options.now();
  auto transaction = db.begin_write(action);
  if (!transaction) return transaction.error();
  const auto by_pack = [&](Statement& statement) { statement.bind_text(1, pack_id); };
  if (auto done = db.execute("UPDATE published_packs SET rehearsal = 0 WHERE pack_id = ?1 AND rehearsal = 1",
                             action, by_pack);
      !done)
    return done.error();
  if (db.changes() == 0) {
    return StoreError{ErrorKind::not_found,
                      "Could not go live: no version of pack " + pack_id + " is published as a rehearsal."};
  }
  // The rows that hang on each rehearsal response first (the hub's tables refer to responses
  // without cascading), then the responses; their batches stay, acknowledged as before.
  constexpr std::string_view kOfRehearsal =
      " WHERE response_id IN (SELECT response_id FROM responses WHERE pack_id = ?1 AND rehearsal = 1)";
  for (const char* table : {"response_points", "answers", "comments", "open_answers", "top_choices",
                            "choices", "missed_shown", "moderation"}) {
    if (auto done =
            db.execute("DELETE FROM " + std::string(table) + std::string(kOfRehearsal), action, by_pack);
        !done)
      return done.error();
  }
  if (auto done = db.execute("DELETE FROM responses WHERE pack_id = ?1 AND rehearsal = 1", action, by_pack);
      !done)
    return done.error();
  const int deleted = static_cast<int>(db.changes());
  // Devices learn it at their next sync; the newer word beats a stale stick's.
  if (auto done =
          db.execute("INSERT INTO pack_lifecycle (pack_id, state, closes_at_ms, changed_at_ms) VALUES (?1, "
                     "'open', NULL, ?2) "
                     "ON CONFLICT (pack_id) DO UPDATE SET changed_at_ms = excluded.changed_at_ms",
                     action, [&](Statement& upsert) { upsert.bind_text(1, pack_id).bind_int(2, now); });
      !done)
    return done.error();
  AuditEntry logged = entry;
  logged.detail +=
      (logged.detail.empty() ? "" : "; ") + std::to_string(deleted) + " rehearsal responses deleted";
  if (auto done = impl_->write_audit(logged, action); !done) return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return deleted;
}

StoreResult<int> HubStore::rehearsal_responses(const std::string& pack_id) {
  std::lock_guard guard(impl_->mutex);
  auto select = impl_->connection.prepare("SELECT count(*) FROM rehearsal_responses WHERE pack_id = ?1",
                                          "count the rehearsal responses");
  if (!select) return select.error();
  select->bind_text(1, pack_id);
  auto row = select->first([](const Statement& found) { return static_cast<int>(found.integer(0)); });
  if (!row) return row.error();
  return row.value().value_or(0);
}

}  // namespace peiling::hub
