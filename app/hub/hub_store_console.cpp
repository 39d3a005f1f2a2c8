// HubStore's part for the organiser console (hub/console/): organisers, their sessions, the
// sign-in lockout, the audit log and device labels. The schema is step 3 of hub_schema.cpp.
#include "core/admin_pin.hpp"
#include "hub/hub_store.hpp"
#include "hub/hub_store_impl.hpp"

namespace peiling::hub {

namespace {

// Runs one statement with its parameters bound by bind(Statement&), in its own write transaction;
// the rows it changed.
template <class Bind>
StoreResult<std::int64_t> write_one(Connection& db, std::string_view sql, std::string_view action,
                                    Bind bind) {
  auto transaction = db.begin_write(action);
  if (!transaction) return transaction.error();
  if (auto done = db.execute(sql, action, bind); !done) return done.error();
  const std::int64_t changed = db.changes();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return changed;
}

Organiser organiser_from(const Statement& row) {
  return Organiser{row.text(0), row.text(1), row.integer(2)};
}

}  // namespace

StoreStatus HubStore::add_organiser(const Organiser& organiser, const std::string& password_hash) {
  std::lock_guard guard(impl_->mutex);
  auto added = write_one(impl_->connection,
                         "INSERT OR IGNORE INTO organisers (name, password_hash, language, created_at_ms) "
                         "VALUES (?1, ?2, ?3, ?4)",
                         "add the organiser", [&](Statement& insert) {
                           insert.bind_text(1, organiser.name)
                               .bind_text(2, password_hash)
                               .bind_text(3, organiser.language)
                               .bind_int(4, impl_->options.now());
                         });
  if (!added) return added.error();
  if (added.value() == 0) {
    return StoreError{ErrorKind::constraint, "Could not add the organiser: the hub has an organiser named " +
                                                 organiser.name + " already."};
  }
  return Done{};
}

StoreResult<std::vector<Organiser>> HubStore::organisers() {
  std::lock_guard guard(impl_->mutex);
  auto select = impl_->connection.prepare(
      "SELECT name, language, created_at_ms FROM organisers ORDER BY name", "list the organisers");
  if (!select) return select.error();
  return select->collect(organiser_from);
}

StoreResult<std::optional<std::pair<Organiser, std::string>>> HubStore::organiser(const std::string& name) {
  std::lock_guard guard(impl_->mutex);
  auto select = impl_->connection.prepare(
      "SELECT name, language, created_at_ms, password_hash FROM organisers WHERE name = ?1",
      "read the organiser");
  if (!select) return select.error();
  select->bind_text(1, name);
  return select->first([](const Statement& row) { return std::make_pair(organiser_from(row), row.text(3)); });
}

StoreResult<bool> HubStore::set_organiser_password(const std::string& name,
                                                   const std::string& password_hash) {
  std::lock_guard guard(impl_->mutex);
  constexpr std::string_view action = "change the organiser's password";
  Connection& db = impl_->connection;
  auto transaction = db.begin_write(action);
  if (!transaction) return transaction.error();
  {
    auto update = db.prepare("UPDATE organisers SET password_hash = ?2 WHERE name = ?1", action);
    if (!update) return update.error();
    update->bind_text(1, name).bind_text(2, password_hash);
    if (auto done = update->run(); !done) return done.error();
  }
  if (db.changes() == 0) return false;
  {
    // A new password ends every session opened with the old one.
    auto end = db.prepare("DELETE FROM console_sessions WHERE organiser = ?1", action);
    if (!end) return end.error();
    end->bind_text(1, name);
    if (auto done = end->run(); !done) return done.error();
  }
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return true;
}

StoreResult<bool> HubStore::remove_organiser(const std::string& name) {
  std::lock_guard guard(impl_->mutex);
  constexpr std::string_view action = "remove the organiser";
  Connection& db = impl_->connection;
  auto transaction = db.begin_write(action);
  if (!transaction) return transaction.error();
  for (const std::string_view sql : {std::string_view("DELETE FROM console_sessions WHERE organiser = ?1"),
                                     std::string_view("DELETE FROM organisers WHERE name = ?1")}) {
    auto remove = db.prepare(sql, action);
    if (!remove) return remove.error();
    remove->bind_text(1, name);
    if (auto done = remove->run(); !done) return done.error();
  }
  const bool removed = db.changes() > 0;
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return removed;
}

StoreStatus HubStore::set_organiser_language(const std::string& name, const std::string& language) {
  std::lock_guard guard(impl_->mutex);
  auto changed = write_one(impl_->connection, "UPDATE organisers SET language = ?2 WHERE name = ?1",
                           "set the organiser's language",
                           [&](Statement& update) { update.bind_text(1, name).bind_text(2, language); });
  if (!changed) return changed.error();
  return Done{};
}

StoreResult<SignInAttempt> HubStore::count_sign_in(const std::string& name) {
  std::lock_guard guard(impl_->mutex);
  constexpr std::string_view action = "count the sign-in";
  Connection& db = impl_->connection;
  const UtcMillis now = impl_->options.now();
  auto transaction = db.begin_write(action);
  if (!transaction) return transaction.error();
  SignInAttempt attempt;
  {
    auto select =
        db.prepare("SELECT failures, locked_until_ms FROM sign_in_failures WHERE name = ?1", action);
    if (!select) return select.error();
    select->bind_text(1, name);
    auto row = select->first([](const Statement& found) {
      return std::make_pair(static_cast<int>(found.integer(0)), found.integer(1));
    });
    if (!row) return row.error();
    if (row.value()) std::tie(attempt.failures, attempt.locked_until) = *row.value();
  }
  if (attempt.locked_until > now) {
    attempt.locked = true;
    return attempt;  // the transaction rolls back: nothing to count while locked
  }
  ++attempt.failures;
  const std::int64_t lockout = lockout_ms_after(attempt.failures);
  attempt.locked_until = lockout > 0 ? now + lockout : 0;
  {
    auto upsert = db.prepare(
        "INSERT INTO sign_in_failures (name, failures, locked_until_ms) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (name) DO UPDATE SET failures = excluded.failures, locked_until_ms = "
        "excluded.locked_until_ms",
        action);
    if (!upsert) return upsert.error();
    upsert->bind_text(1, name).bind_int(2, attempt.failures).bind_int(3, attempt.locked_until);
    if (auto done = upsert->run(); !done) return done.error();
  }
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return attempt;
}

StoreStatus HubStore::sign_in_succeeded(const std::string& name) {
  std::lock_guard guard(impl_->mutex);
  auto changed =
      write_one(impl_->connection, "DELETE FROM sign_in_failures WHERE name = ?1",
                "clear the sign-in counter", [&](Statement& remove) { remove.bind_text(1, name); });
  if (!changed) return changed.error();
  return Done{};
}

StoreStatus HubStore::add_session(const std::string& token_hash, const std::string& organiser,
                                  const std::string& csrf_token) {
  std::lock_guard guard(impl_->mutex);
  const UtcMillis now = impl_->options.now();
  auto changed = write_one(impl_->connection,
                           "INSERT INTO console_sessions (token_hash, organiser, csrf_token, created_at_ms, "
                           "last_seen_at_ms) VALUES (?1, ?2, ?3, ?4, ?4)",
                           "open the session", [&](Statement& insert) {
                             insert.bind_blob(1, token_hash.data(), token_hash.size())
                                 .bind_text(2, organiser)
                                 .bind_text(3, csrf_token)
                                 .bind_int(4, now);
                           });
  if (!changed) return changed.error();
  return Done{};
}

StoreResult<std::optional<ConsoleSession>> HubStore::session(const std::string& token_hash,
                                                             std::int64_t idle_ms) {
  std::lock_guard guard(impl_->mutex);
  constexpr std::string_view action = "read the session";
  Connection& db = impl_->connection;
  const UtcMillis now = impl_->options.now();
  auto transaction = db.begin_write(action);
  if (!transaction) return transaction.error();
  {
    // Sessions idle too long go, this one and any other.
    auto expire = db.prepare("DELETE FROM console_sessions WHERE last_seen_at_ms < ?1", action);
    if (!expire) return expire.error();
    expire->bind_int(1, now - idle_ms);
    if (auto done = expire->run(); !done) return done.error();
  }
  std::optional<ConsoleSession> found;
  {
    auto select = db.prepare(
        "SELECT s.organiser, o.language, s.csrf_token FROM console_sessions s "
        "JOIN organisers o ON o.name = s.organiser WHERE s.token_hash = ?1",
        action);
    if (!select) return select.error();
    select->bind_blob(1, token_hash.data(), token_hash.size());
    auto row = select->first([](const Statement& r) {
      return ConsoleSession{r.text(0), r.text(1), r.text(2)};
    });
    if (!row) return row.error();
    found = std::move(row.value());
  }
  if (found) {
    auto touch = db.prepare("UPDATE console_sessions SET last_seen_at_ms = ?2 WHERE token_hash = ?1", action);
    if (!touch) return touch.error();
    touch->bind_blob(1, token_hash.data(), token_hash.size()).bind_int(2, now);
    if (auto done = touch->run(); !done) return done.error();
  }
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return found;
}

StoreStatus HubStore::end_session(const std::string& token_hash) {
  std::lock_guard guard(impl_->mutex);
  auto changed =
      write_one(impl_->connection, "DELETE FROM console_sessions WHERE token_hash = ?1", "end the session",
                [&](Statement& remove) { remove.bind_blob(1, token_hash.data(), token_hash.size()); });
  if (!changed) return changed.error();
  return Done{};
}

StoreStatus HubStore::Impl::write_audit(const AuditEntry& entry, std::string_view action) {
  const UtcMillis at = entry.at ? entry.at : options.now();
  return connection.execute(
      "INSERT INTO audit_log (at_ms, organiser, action, detail, client) VALUES (?1, ?2, ?3, ?4, ?5)", action,
      [&](Statement& insert) {
        insert.bind_int(1, at)
            .bind_text(2, entry.organiser)
            .bind_text(3, entry.action)
            .bind_text(4, entry.detail)
            .bind_text(5, entry.client);
      });
}

StoreStatus HubStore::audit(const AuditEntry& entry) {
  std::lock_guard guard(impl_->mutex);
  return impl_->write_audit(entry, "write the audit log");
}

StoreResult<std::vector<AuditEntry>> HubStore::audit_log(int limit) {
  std::lock_guard guard(impl_->mutex);
  auto select = impl_->connection.prepare(
      "SELECT at_ms, organiser, action, detail, client FROM audit_log ORDER BY id DESC LIMIT ?1",
      "read the audit log");
  if (!select) return select.error();
  select->bind_int(1, limit);
  return select->collect([](const Statement& row) {
    return AuditEntry{row.integer(0), row.text(1), row.text(2), row.text(3), row.text(4)};
  });
}

StoreResult<std::vector<QuarterHourCount>> HubStore::responses_by_quarter_hour(UtcMillis day_start) {
  std::lock_guard guard(impl_->mutex);
  constexpr std::int64_t kQuarterMs = 15 * 60 * 1000;
  auto select = impl_->connection.prepare(
      "SELECT pack_id, pack_version, (ended_at_ms - ?1) / ?2, count(*) FROM counted_responses "
      "WHERE ended_at_ms >= ?1 AND ended_at_ms < ?1 + 96 * ?2 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
      "count today's responses");
  if (!select) return select.error();
  select->bind_int(1, day_start).bind_int(2, kQuarterMs);
  return select->collect([](const Statement& row) {
    return QuarterHourCount{row.text(0), static_cast<int>(row.integer(1)), static_cast<int>(row.integer(2)),
                            static_cast<int>(row.integer(3))};
  });
}

StoreStatus HubStore::set_device_label(const std::string& device_id, const std::string& label) {
  std::lock_guard guard(impl_->mutex);
  auto changed =
      write_one(impl_->connection, "UPDATE devices SET label = ?2 WHERE device_id = ?1", "label the device",
                [&](Statement& update) { update.bind_text(1, device_id).bind_text(2, label); });
  if (!changed) return changed.error();
  if (changed.value() == 0) {
    return StoreError{ErrorKind::not_found,
                      "Could not label the device: the hub has never seen device " + device_id + "."};
  }
  return Done{};
}

}  // namespace peiling::hub
