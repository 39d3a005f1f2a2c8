// HubStore's part for the plenary (issue 17): whether /live shows a pack's figures, hides them
// until the chair reveals them, or shows them frozen. The schema is step 4 of hub_schema.cpp.
#include "hub/hub_store.hpp"
#include "hub/hub_store_impl.hpp"

namespace peiling::hub {

using store::StoreResult;
using store::StoreStatus;
using store::sqlite::Connection;
using store::sqlite::Statement;

namespace {

LiveState live_state_named(std::string_view name) {
  if (name == "hidden") return LiveState::hidden;
  if (name == "frozen") return LiveState::frozen;
  return LiveState::shown;
}

}  // namespace

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
  const auto run = [&](std::string_view sql, auto bind) -> StoreStatus {
    auto statement = db.prepare(sql, action);
    if (!statement) return statement.error();
    bind(statement.value());
    return statement->run();
  };
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
    for (const auto& [language, html] : frozen_pages) {
      if (auto done = run("INSERT INTO plenary_frozen_pages (pack_id, language, html) VALUES (?1, ?2, ?3)",
                          [&](Statement& insert) {
                            insert.bind_text(1, pack_id).bind_text(2, language).bind_text(3, html);
                          });
          !done)
        return done.error();
    }
  }
  if (auto done =
          run("INSERT INTO audit_log (at_ms, organiser, action, detail, client) VALUES (?1, ?2, ?3, ?4, ?5)",
              [&](Statement& insert) {
                insert.bind_int(1, entry.at ? entry.at : now)
                    .bind_text(2, entry.organiser)
                    .bind_text(3, entry.action)
                    .bind_text(4, entry.detail)
                    .bind_text(5, entry.client);
              });
      !done)
    return done.error();
  return transaction->commit();
}

}  // namespace peiling::hub
