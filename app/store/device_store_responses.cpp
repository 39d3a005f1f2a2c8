// Responses from begin to complete, abandon or discard; the contact opt-ins; and the figures read from them.
#include "core/codec.hpp"
#include "core/pack.hpp"
#include "store/device_store_impl.hpp"
#include "store/sqlite/response_rows.hpp"
#include "store/sqlite/survey_rows.hpp"

namespace peiling::store {

// --- Responses -----------------------------------------------------------------------------------

StoreResult<std::string> DeviceStore::begin_response(const NewResponse& response) {
  return impl_->guarded([&]() -> StoreResult<std::string> {
    constexpr std::string_view action = "start the response";
    if (response.language.empty()) return problem(ErrorKind::constraint, action, "the language is empty.");
    if (has_duplicates(response.points_shown)) {
      return problem(ErrorKind::constraint, action, "a point appears twice in the order shown.");
    }
    Connection& db = impl_->connection;
    const std::string id = random_uuid_v4();
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    auto inserted = db.execute(
        "INSERT INTO responses (response_id, pack_id, pack_version, language, role, mode, started_at_ms, "
        "rehearsal) SELECT ?1, pack_id, version, ?3, ?4, ?5, ?6, coalesce((SELECT rehearsal FROM pack_status "
        "s "
        "WHERE s.pack_id = ?2 AND s.version = ?7), 0) FROM packs WHERE pack_id = ?2 AND version = ?7",
        action, [&](Statement& insert) {
          insert.bind_text(1, id)
              .bind_text(2, response.pack.id)
              .bind_text(3, response.language)
              .bind_text(5, to_string(response.mode))
              .bind_int(6, impl_->options.now())
              .bind_int(7, response.pack.version);
          if (response.role) {
            insert.bind_text(4, *response.role);
          } else {
            insert.bind_null(4);
          }
        });
    if (!inserted) return inserted.error();
    if (db.changes() == 0) {
      return problem(ErrorKind::not_found, action,
                     "pack " + response.pack.id + " version " + std::to_string(response.pack.version) +
                         " is not on this device; remember it first.");
    }
    for (std::size_t position = 0; position < response.points_shown.size(); ++position) {
      auto placed =
          db.execute("INSERT INTO response_points (response_id, position, point_id) VALUES (?1, ?2, ?3)",
                     action, [&](Statement& insert) {
                       insert.bind_text(1, id)
                           .bind_int(2, static_cast<std::int64_t>(position))
                           .bind_text(3, response.points_shown[position]);
                     });
      if (!placed) return placed.error();
    }
    if (auto committed = transaction->commit(); !committed) return committed.error();
    return id;
  });
}

StoreStatus DeviceStore::set_role(const std::string& response_id, const std::optional<std::string>& role) {
  return impl_->guarded([&] {
    return impl_->update_in_progress(
        "UPDATE responses SET role = ?2 WHERE response_id = ?1 AND status = 'in_progress'", "set the role",
        response_id, role);
  });
}

StoreStatus DeviceStore::set_language(const std::string& response_id, const std::string& language) {
  return impl_->guarded([&]() -> StoreStatus {
    if (language.empty()) return problem(ErrorKind::constraint, "set the language", "the language is empty.");
    return impl_->update_in_progress(
        "UPDATE responses SET language = ?2 WHERE response_id = ?1 AND status = 'in_progress'",
        "set the language", response_id, language);
  });
}

StoreResult<int> DeviceStore::record_answer(const std::string& response_id, const std::string& item_id,
                                            const std::string& scale_id, Rating rating) {
  return impl_->guarded([&]() -> StoreResult<int> {
    constexpr std::string_view action = "save the answer";
    if (!rating.is_skip() && (rating.value() < kMinScaleValue || rating.value() > kMaxScaleValue)) {
      return problem(ErrorKind::constraint, action, "a rating is from -100 to 100 (or a skip).");
    }
    return impl_->upsert_returning_revision(
        "INSERT INTO answers (response_id, item_id, scale_id, value, revision, answered_at_ms) "
        "SELECT response_id, ?2, ?3, ?5, 1, ?4 FROM responses WHERE response_id = ?1 AND status = "
        "'in_progress' "
        "ON CONFLICT (response_id, item_id, scale_id) DO UPDATE SET value = excluded.value, "
        "revision = revision + 1, answered_at_ms = excluded.answered_at_ms "
        "RETURNING revision",
        action, response_id, [&](Statement& upsert) {
          upsert.bind_text(2, item_id).bind_text(3, scale_id).bind_int(4, impl_->options.now());
          if (rating.is_skip()) {
            upsert.bind_null(5);
          } else {
            upsert.bind_int(5, rating.value());
          }
        });
  });
}

StoreStatus DeviceStore::set_comment(const std::string& response_id, const std::string& item_id,
                                     std::string_view text) {
  return impl_->guarded([&]() -> StoreStatus {
    auto revision = impl_->upsert_returning_revision(
        "INSERT INTO comments (response_id, item_id, text, revision, written_at_ms) "
        "SELECT response_id, ?2, ?3, 1, ?4 FROM responses WHERE response_id = ?1 AND status = 'in_progress' "
        "ON CONFLICT (response_id, item_id) DO UPDATE SET text = excluded.text, revision = revision + 1, "
        "written_at_ms = excluded.written_at_ms "
        "RETURNING revision",
        "save the comment", response_id, [&](Statement& upsert) {
          upsert.bind_text(2, item_id).bind_text(3, text).bind_int(4, impl_->options.now());
        });
    if (!revision) return revision.error();
    return Done{};
  });
}

StoreStatus DeviceStore::record_open_answer(const std::string& response_id, const std::string& question_id,
                                            std::string_view text) {
  return impl_->guarded([&]() -> StoreStatus {
    auto revision = impl_->upsert_returning_revision(
        "INSERT INTO open_answers (response_id, question_id, text, revision, answered_at_ms) "
        "SELECT response_id, ?2, ?3, 1, ?4 FROM responses WHERE response_id = ?1 AND status = 'in_progress' "
        "ON CONFLICT (response_id, question_id) DO UPDATE SET text = excluded.text, revision = revision + 1, "
        "answered_at_ms = excluded.answered_at_ms "
        "RETURNING revision",
        "save the open answer", response_id, [&](Statement& upsert) {
          upsert.bind_text(2, question_id).bind_text(3, text).bind_int(4, impl_->options.now());
        });
    if (!revision) return revision.error();
    return Done{};
  });
}

StoreStatus DeviceStore::record_missed_shown(const std::string& response_id, const std::string& item_id) {
  return impl_->guarded([&] {
    return impl_->update_in_progress(
        "INSERT INTO missed_shown (response_id, position, item_id) "
        "SELECT response_id, (SELECT count(*) FROM missed_shown WHERE response_id = ?1), ?2 FROM responses "
        "WHERE response_id = ?1 AND status = 'in_progress'",
        "note the missed opportunity shown", response_id, item_id);
  });
}

StoreStatus DeviceStore::set_top_choices(const std::string& response_id,
                                         const std::vector<std::string>& point_ids) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "save the top choices";
    if (has_duplicates(point_ids)) return problem(ErrorKind::constraint, action, "a point is chosen twice.");
    Connection& db = impl_->connection;
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    if (auto open = impl_->require_in_progress(response_id, action); !open) return open.error();
    {
      auto clear = db.prepare("DELETE FROM top_choices WHERE response_id = ?1", action);
      if (!clear) return clear.error();
      clear->bind_text(1, response_id);
      if (auto done = clear->run(); !done) return done.error();
    }
    for (std::size_t rank = 0; rank < point_ids.size(); ++rank) {
      auto insert =
          db.prepare("INSERT INTO top_choices (response_id, rank, point_id) VALUES (?1, ?2, ?3)", action);
      if (!insert) return insert.error();
      insert->bind_text(1, response_id)
          .bind_int(2, static_cast<std::int64_t>(rank + 1))
          .bind_text(3, point_ids[rank]);
      if (auto done = insert->run(); !done) return done.error();
    }
    return transaction->commit();
  });
}

StoreStatus DeviceStore::set_choices(const std::string& response_id, const std::string& question_id,
                                     const std::vector<std::string>& options,
                                     const std::vector<std::string>& hidden_questions) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "save the choice";
    if (has_duplicates(options)) return problem(ErrorKind::constraint, action, "an option is chosen twice.");
    Connection& db = impl_->connection;
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    if (auto open = impl_->require_in_progress(response_id, action); !open) return open.error();
    const auto clear = [&](std::string_view sql, const std::string& question) -> StoreStatus {
      auto statement = db.prepare(sql, action);
      if (!statement) return statement.error();
      statement->bind_text(1, response_id).bind_text(2, question);
      return statement->run();
    };
    if (auto done = clear("DELETE FROM choices WHERE response_id = ?1 AND question_id = ?2", question_id);
        !done)
      return done.error();
    for (const auto& option : options) {
      auto insert = db.prepare(
          "INSERT INTO choices (response_id, question_id, option_id, answered_at_ms) VALUES (?1, ?2, ?3, ?4)",
          action);
      if (!insert) return insert.error();
      insert->bind_text(1, response_id)
          .bind_text(2, question_id)
          .bind_text(3, option)
          .bind_int(4, impl_->options.now());
      if (auto done = insert->run(); !done) return done.error();
    }
    // The text of "other" exists only while "other" is chosen.
    if (std::find(options.begin(), options.end(), "other") == options.end()) {
      if (auto done =
              clear("DELETE FROM open_answers WHERE response_id = ?1 AND question_id = ?2", question_id);
          !done)
        return done.error();
    }
    for (const auto& hidden : hidden_questions) {
      if (auto done = clear("DELETE FROM choices WHERE response_id = ?1 AND question_id = ?2", hidden); !done)
        return done.error();
      if (auto done = clear("DELETE FROM open_answers WHERE response_id = ?1 AND question_id = ?2", hidden);
          !done)
        return done.error();
    }
    return transaction->commit();
  });
}

StoreStatus DeviceStore::complete_response(const std::string& response_id) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "complete the response";
    Connection& db = impl_->connection;
    const UtcMillis now = impl_->options.now();
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    {
      auto finish = db.prepare(
          "UPDATE responses SET status = 'complete', ended_at_ms = ?2 "
          "WHERE response_id = ?1 AND status = 'in_progress'",
          action);
      if (!finish) return finish.error();
      finish->bind_text(1, response_id).bind_int(2, now);
      if (auto done = finish->run(); !done) return done.error();
    }
    if (db.changes() == 0) return impl_->not_in_progress(response_id, action);
    {
      auto tally = db.prepare(
          "INSERT INTO point_tallies (pack_id, point_id, times_shown, times_rated) "
          "SELECT r.pack_id, p.point_id, 1, EXISTS (SELECT 1 FROM answers a WHERE a.response_id = "
          "p.response_id "
          "AND a.item_id = p.point_id AND a.value IS NOT NULL) "
          "FROM response_points p JOIN responses r ON r.response_id = p.response_id WHERE p.response_id = ?1 "
          "ON CONFLICT (pack_id, point_id) DO UPDATE SET times_shown = times_shown + excluded.times_shown, "
          "times_rated = times_rated + excluded.times_rated",
          action);
      if (!tally) return tally.error();
      tally->bind_text(1, response_id);
      if (auto done = tally->run(); !done) return done.error();
    }
    {
      auto queue = db.prepare("INSERT INTO outbox (response_id, queued_at_ms) VALUES (?1, ?2)", action);
      if (!queue) return queue.error();
      queue->bind_text(1, response_id).bind_int(2, now);
      if (auto done = queue->run(); !done) return done.error();
    }
    return transaction->commit();
  });
}

StoreStatus DeviceStore::abandon_response(const std::string& response_id) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "abandon the response";
    Connection& db = impl_->connection;
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    auto updated = db.execute(
        "UPDATE responses SET status = 'abandoned', ended_at_ms = ?2 "
        "WHERE response_id = ?1 AND status = 'in_progress'",
        action,
        [&](Statement& update) { update.bind_text(1, response_id).bind_int(2, impl_->options.now()); });
    if (!updated) return updated.error();
    if (db.changes() == 0) return impl_->not_in_progress(response_id, action);
    return transaction->commit();
  });
}

StoreStatus DeviceStore::discard_response(const std::string& response_id) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "discard the response";
    Connection& db = impl_->connection;
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    {
      auto remove =
          db.prepare("DELETE FROM responses WHERE response_id = ?1 AND status <> 'complete'", action);
      if (!remove) return remove.error();
      remove->bind_text(1, response_id);
      if (auto done = remove->run(); !done) return done.error();
    }
    if (db.changes() == 0) {
      auto exists = db.prepare("SELECT 1 FROM responses WHERE response_id = ?1", action);
      if (!exists) return exists.error();
      exists->bind_text(1, response_id);
      auto found = exists->first([](const Statement&) { return true; });
      if (!found) return found.error();
      if (!found.value())
        return problem(ErrorKind::not_found, action, "there is no response " + response_id + ".");
      return problem(ErrorKind::constraint, action,
                     "response " + response_id + " is complete; completed responses are kept.");
    }
    return transaction->commit();
  });
}

StoreResult<int> DeviceStore::abandon_interrupted(std::optional<UtcMillis> keep_drafts_active_since) {
  return impl_->guarded([&]() -> StoreResult<int> {
    constexpr std::string_view action = "close interrupted responses";
    Connection& db = impl_->connection;
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    {
      // The end is the last thing the respondent did, not the moment the device came back.
      const std::string last_activity(sqlite::kLastActivitySql);
      auto update =
          db.prepare("UPDATE responses AS r SET status = 'abandoned', ended_at_ms = " + last_activity +
                         " WHERE status = 'in_progress' AND NOT (mode = 'tablet' AND ?1 IS NOT NULL AND " +
                         last_activity + " >= ?1)",
                     action);
      if (!update) return update.error();
      if (keep_drafts_active_since) {
        update->bind_int(1, *keep_drafts_active_since);
      } else {
        update->bind_null(1);
      }
      if (auto done = update->run(); !done) return done.error();
    }
    const auto closed = static_cast<int>(db.changes());
    if (auto committed = transaction->commit(); !committed) return committed.error();
    return closed;
  });
}

StoreResult<std::optional<std::string>> DeviceStore::latest_draft(const PackRef& pack) {
  return impl_->guarded([&]() -> StoreResult<std::optional<std::string>> {
    auto select = impl_->connection.prepare(
        "SELECT response_id FROM responses r WHERE status = 'in_progress' AND mode = 'tablet' AND pack_id = "
        "?1 "
        "AND pack_version = ?2 ORDER BY " +
            std::string(sqlite::kLastActivitySql) + " DESC, response_id LIMIT 1",
        "find the draft");
    if (!select) return select.error();
    select->bind_text(1, pack.id).bind_int(2, pack.version);
    return select->first([](const Statement& row) { return row.text(0); });
  });
}

StoreStatus DeviceStore::add_contact(const Contact& contact) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "save the contact address";
    const auto at = contact.email.find('@');
    if (at == std::string::npos || at == 0 || at + 1 == contact.email.size() || contact.email.size() > 254 ||
        contact.email.find_first_of(" \t\r\n") != std::string::npos) {
      return problem(ErrorKind::constraint, action, "'" + contact.email + "' is not an e-mail address.");
    }
    return impl_->write_one(
        "INSERT OR IGNORE INTO contacts (contact_id, pack_id, email) VALUES (?1, ?2, ?3)", action,
        [&](Statement& insert) {
          insert.bind_text(1, random_uuid_v4()).bind_text(2, contact.pack_id).bind_text(3, contact.email);
        });
  });
}

StoreResult<std::vector<Contact>> DeviceStore::contacts() {
  return impl_->guarded([&] { return sqlite::read_contacts(impl_->connection); });
}

StoreResult<std::vector<std::string>> DeviceStore::in_progress_responses() {
  return impl_->guarded([&]() -> StoreResult<std::vector<std::string>> {
    auto select = impl_->connection.prepare(
        "SELECT response_id FROM responses WHERE status = 'in_progress' ORDER BY started_at_ms, response_id",
        "list the responses in progress");
    if (!select) return select.error();
    return select->collect([](const Statement& row) { return row.text(0); });
  });
}

StoreResult<Response> DeviceStore::response(const std::string& response_id) {
  return impl_->guarded([&] { return impl_->load_response(response_id); });
}

// --- Figures -------------------------------------------------------------------------------------

StoreResult<SurveyData> DeviceStore::survey_data(const std::string& pack_id) {
  return impl_->guarded(
      [&] { return sqlite::read_survey_data(impl_->connection, sqlite::StoreKind::device, pack_id); });
}

StoreResult<std::map<std::string, PointTally>> DeviceStore::point_tallies(const std::string& pack_id) {
  return impl_->guarded([&]() -> StoreResult<std::map<std::string, PointTally>> {
    auto select = impl_->connection.prepare(
        "SELECT point_id, times_shown, times_rated FROM point_tallies WHERE pack_id = ?1",
        "read the point tallies");
    if (!select) return select.error();
    select->bind_text(1, pack_id);
    std::map<std::string, PointTally> tallies;
    if (auto done = select->each([&](const Statement& row) {
          tallies[row.text(0)] = {static_cast<int>(row.integer(1)), static_cast<int>(row.integer(2))};
        });
        !done)
      return done.error();
    return tallies;
  });
}

StoreResult<ResponseCounts> DeviceStore::counts() {
  return impl_->guarded([&]() -> StoreResult<ResponseCounts> {
    constexpr std::string_view action = "count the responses";
    ResponseCounts counts;
    {
      auto select = impl_->connection.prepare(
          "SELECT count(*) FILTER (WHERE status = 'in_progress'), count(*) FILTER (WHERE status = "
          "'complete'), "
          "count(*) FILTER (WHERE status = 'abandoned') "
          "FROM responses",
          action);
      if (!select) return select.error();
      auto by_status = select->first([](const Statement& row) {
        return ResponseCounts{static_cast<int>(row.integer(0)), static_cast<int>(row.integer(1)),
                              static_cast<int>(row.integer(2))};
      });
      if (!by_status) return by_status.error();
      counts = by_status->value_or(ResponseCounts{});
    }
    auto unsynced = impl_->single_integer("SELECT count(*) FROM outbox WHERE synced_at_ms IS NULL", action);
    if (!unsynced) return unsynced.error();
    counts.unsynced = static_cast<int>(unsynced.value());
    return counts;
  });
}

}  // namespace peiling::store
