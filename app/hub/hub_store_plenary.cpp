// HubStore's part for the plenary (issue 17): whether /live shows a pack's figures, hides them
// until the chair reveals them, or shows them frozen (schema step 6 of hub_schema.cpp); and the
// moderation of comments and open answers for the big screen (step 7).
#include "hub/hub_store.hpp"
#include "hub/hub_store_impl.hpp"

namespace peiling::hub {

namespace {

LiveState live_state_named(std::string_view name) {
  if (name == "hidden") return LiveState::hidden;
  if (name == "frozen") return LiveState::frozen;
  return LiveState::shown;
}

// A moderation row's decision; no row (NULL) is pending.
Moderation moderation_of(const Statement& row, int column) {
  const std::string_view decision = row.is_null(column) ? "" : row.text_view(column);
  if (decision == "approved") return Moderation::approved;
  if (decision == "hidden") return Moderation::hidden;
  return Moderation::pending;
}

// "c:RESPONSE:KEY" → ("comment", RESPONSE, KEY); nullopt when it is not such an id.
struct TextRef {
  std::string kind, response_id, key;
};
std::optional<TextRef> text_ref(std::string_view id) {
  if (id.size() < 5 || (id[0] != 'c' && id[0] != 'o') || id[1] != ':') return std::nullopt;
  const auto colon = id.find(':', 2);
  if (colon == std::string_view::npos || colon == 2 || colon + 1 >= id.size()) return std::nullopt;
  return TextRef{id[0] == 'c' ? "comment" : "open", std::string(id.substr(2, colon - 2)),
                 std::string(id.substr(colon + 1))};
}

}  // namespace

std::string_view to_string(Moderation state) {
  switch (state) {
    case Moderation::approved:
      return "approved";
    case Moderation::hidden:
      return "hidden";
    case Moderation::pending:
      break;
  }
  return "pending";
}

std::string_view to_string(LiveState state) {
  switch (state) {
    case LiveState::hidden:
      return "hidden";
    case LiveState::frozen:
      return "frozen";
    case LiveState::shown:
      break;
  }
  return "shown";
}

StoreResult<PlenaryState> HubStore::plenary(const std::string& pack_id) {
  std::lock_guard guard(impl_->mutex);
  constexpr std::string_view action = "read the plenary state";
  Connection& db = impl_->connection;
  auto select = db.prepare("SELECT state, changed_at_ms FROM plenary WHERE pack_id = ?1", action);
  if (!select) return select.error();
  select->bind_text(1, pack_id);
  auto row = select->first([](const Statement& found) {
    return PlenaryState{live_state_named(found.text(0)), found.integer(1), {}};
  });
  if (!row) return row.error();
  if (!row.value()) return PlenaryState{};
  PlenaryState state = std::move(*row.value());
  if (state.state != LiveState::frozen) return state;
  auto pages = db.prepare(
      "SELECT language, html FROM plenary_frozen_pages WHERE pack_id = ?1 ORDER BY language", action);
  if (!pages) return pages.error();
  pages->bind_text(1, pack_id);
  auto read = pages->collect([](const Statement& page) { return std::pair{page.text(0), page.text(1)}; });
  if (!read) return read.error();
  state.frozen_pages = std::move(read.value());
  return state;
}

StoreStatus HubStore::set_plenary(const std::string& pack_id, LiveState state,
                                  const std::vector<std::pair<std::string, std::string>>& frozen_pages,
                                  const AuditEntry& entry) {
  std::lock_guard guard(impl_->mutex);
  constexpr std::string_view action = "switch the live page";
  Connection& db = impl_->connection;
  const UtcMillis now = impl_->options.now();
  auto transaction = db.begin_write(action);
  if (!transaction) return transaction.error();
  const auto run = [&](std::string_view sql, auto bind) { return db.execute(sql, action, bind); };
  if (auto done = run("INSERT INTO plenary (pack_id, state, changed_at_ms) VALUES (?1, ?2, ?3) "
                      "ON CONFLICT (pack_id) DO UPDATE SET state = excluded.state, "
                      "changed_at_ms = excluded.changed_at_ms",
                      [&](Statement& upsert) {
                        upsert.bind_text(1, pack_id).bind_text(2, to_string(state)).bind_int(3, now);
                      });
      !done)
    return done.error();
  if (auto done = run("DELETE FROM plenary_frozen_pages WHERE pack_id = ?1",
                      [&](Statement& remove) { remove.bind_text(1, pack_id); });
      !done)
    return done.error();
  if (state == LiveState::frozen) {
    // Not a structured binding: clang 14 (the fuzz preset's compiler) cannot capture one in a lambda.
    for (const auto& page : frozen_pages) {
      if (auto done = run("INSERT INTO plenary_frozen_pages (pack_id, language, html) VALUES (?1, ?2, ?3)",
                          [&](Statement& insert) {
                            insert.bind_text(1, pack_id).bind_text(2, page.first).bind_text(3, page.second);
                          });
          !done)
        return done.error();
    }
  }
  if (auto done = impl_->write_audit(entry, action); !done) return done.error();
  return transaction->commit();
}

StoreResult<std::vector<QueuedText>> HubStore::moderation_queue(const std::string& pack_id) {
  std::lock_guard guard(impl_->mutex);
  auto select = impl_->connection.prepare(
      "SELECT 'c', t.response_id, t.item_id, r.pack_id, r.role, r.status, t.text, t.written_at_ms, "
      "m.decision "
      "FROM comments t JOIN counted_responses r ON r.response_id = t.response_id "
      "LEFT JOIN moderation m ON m.response_id = t.response_id AND m.kind = 'comment' AND m.key = t.item_id "
      "WHERE ?1 = '' OR r.pack_id = ?1 "
      "UNION ALL "
      "SELECT 'o', t.response_id, t.question_id, r.pack_id, r.role, r.status, t.text, t.answered_at_ms, "
      "m.decision FROM open_answers t JOIN counted_responses r ON r.response_id = t.response_id "
      "LEFT JOIN moderation m ON m.response_id = t.response_id AND m.kind = 'open' AND m.key = t.question_id "
      "WHERE ?1 = '' OR r.pack_id = ?1 "
      "ORDER BY 8 DESC, 2, 3",
      "read the moderation queue");
  if (!select) return select.error();
  select->bind_text(1, pack_id);
  return select->collect([](const Statement& row) {
    QueuedText text;
    text.open_answer = row.text(0) == "o";
    text.response_id = row.text(1);
    text.key = row.text(2);
    text.id = row.text(0) + ":" + text.response_id + ":" + text.key;
    text.pack_id = row.text(3);
    if (!row.is_null(4)) text.role = row.text(4);
    text.complete = row.text(5) == "complete";
    text.text = row.text(6);
    text.written_at = row.integer(7);
    text.state = moderation_of(row, 8);
    return text;
  });
}

StoreResult<ModerationTally> HubStore::moderation_tally(const std::string& pack_id, bool include_abandoned) {
  std::lock_guard guard(impl_->mutex);
  // The texts lead (CROSS JOIN): there are fewer of them than responses.
  auto select = impl_->connection.prepare(
      "SELECT m.decision, count(*) FROM ("
      "SELECT t.response_id, 'comment' AS kind, t.item_id AS key FROM comments t "
      "CROSS JOIN counted_responses r ON r.response_id = t.response_id "
      "WHERE r.pack_id = ?1 AND (?2 OR r.status = 'complete') "
      "UNION ALL "
      "SELECT t.response_id, 'open', t.question_id FROM open_answers t "
      "CROSS JOIN counted_responses r ON r.response_id = t.response_id "
      "WHERE r.pack_id = ?1 AND (?2 OR r.status = 'complete')"
      ") q LEFT JOIN moderation m ON m.response_id = q.response_id AND m.kind = q.kind AND m.key = q.key "
      "GROUP BY m.decision",
      "count the moderation queue");
  if (!select) return select.error();
  select->bind_text(1, pack_id).bind_int(2, include_abandoned ? 1 : 0);
  ModerationTally tally;
  auto done = select->each([&](const Statement& row) {
    const Moderation decision = moderation_of(row, 0);
    (decision == Moderation::approved ? tally.approved
     : decision == Moderation::hidden ? tally.hidden
                                      : tally.pending) += static_cast<int>(row.integer(1));
  });
  if (!done) return done.error();
  return tally;
}

StoreStatus HubStore::moderate(const std::vector<std::string>& ids, Moderation decision,
                               const std::string& organiser, const std::string& client) {
  std::lock_guard guard(impl_->mutex);
  constexpr std::string_view action = "moderate comments";
  if (decision == Moderation::pending)
    return StoreError{ErrorKind::constraint, "Could not moderate: a decision is approve or hide."};
  Connection& db = impl_->connection;
  const UtcMillis now = impl_->options.now();
  auto transaction = db.begin_write(action);
  if (!transaction) return transaction.error();
  for (const auto& id : ids) {
    const auto ref = text_ref(id);
    std::optional<bool> held;
    if (ref) {
      auto exists = db.prepare(ref->kind == "comment"
                                   ? "SELECT 1 FROM comments WHERE response_id = ?1 AND item_id = ?2"
                                   : "SELECT 1 FROM open_answers WHERE response_id = ?1 AND question_id = ?2",
                               action);
      if (!exists) return exists.error();
      exists->bind_text(1, ref->response_id).bind_text(2, ref->key);
      auto found = exists->first([](const Statement&) { return true; });
      if (!found) return found.error();
      held = found->has_value();
    }
    if (!held || !*held) {
      return StoreError{ErrorKind::not_found, "Could not moderate " + id +
                                                  ": the hub holds no comment or open answer with that id "
                                                  "(ids as `peiling-hub comments list` prints them); "
                                                  "nothing was changed."};
    }
    if (auto done =
            db.execute("INSERT INTO moderation (response_id, kind, key, decision, decided_at_ms, decided_by) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (response_id, kind, key) DO UPDATE SET "
                       "decision = excluded.decision, decided_at_ms = excluded.decided_at_ms, decided_by = "
                       "excluded.decided_by",
                       action,
                       [&](Statement& upsert) {
                         upsert.bind_text(1, ref->response_id)
                             .bind_text(2, ref->kind)
                             .bind_text(3, ref->key)
                             .bind_text(4, to_string(decision))
                             .bind_int(5, now)
                             .bind_text(6, organiser);
                       });
        !done)
      return done.error();
    const AuditEntry entry{now, organiser,
                           decision == Moderation::approved ? "comment-approve" : "comment-hide", id, client};
    if (auto done = impl_->write_audit(entry, action); !done) return done.error();
  }
  return transaction->commit();
}

}  // namespace peiling::hub
