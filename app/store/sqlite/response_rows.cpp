#include "store/sqlite/response_rows.hpp"

#include <utility>

namespace peiling::store::sqlite {

StoreResult<Response> read_response(Connection& connection, const std::string& response_id) {
  constexpr std::string_view action = "read the response";
  // Every query here selects by the response id, as ?1.
  const auto select = [&](std::string_view sql) -> StoreResult<Statement> {
    auto statement = connection.prepare(sql, action);
    if (statement) statement->bind_text(1, response_id);
    return statement;
  };
  auto header =
      select("SELECT pack_id, pack_version, language, role, mode, status, started_at_ms, ended_at_ms, " +
             std::string(kLastActivitySql) + ", rehearsal FROM responses r WHERE response_id = ?1");
  if (!header) return header.error();
  auto found = header->first([&](const Statement& row) {
    Response response;
    response.id = response_id;
    response.pack = {row.text(0), static_cast<int>(row.integer(1))};
    response.language = row.text(2);
    if (!row.is_null(3)) response.role = row.text(3);
    response.mode = row.text(4) == "tablet" ? Mode::tablet : Mode::kiosk;
    const std::string status = row.text(5);
    response.status = status == "complete"    ? ResponseStatus::complete
                      : status == "abandoned" ? ResponseStatus::abandoned
                                              : ResponseStatus::in_progress;
    response.started_at = row.integer(6);
    if (!row.is_null(7)) response.ended_at = row.integer(7);
    response.last_active_at = row.integer(8);
    response.rehearsal = row.integer(9) != 0;
    return response;
  });
  if (!found) return found.error();
  if (!found.value())
    return StoreError{ErrorKind::not_found,
                      "Could not read the response: there is no response " + response_id + "."};
  Response response = std::move(*found.value());
  // Each list is one query on the response id; on_row takes each row of it.
  const auto for_each_row = [&](std::string_view sql, auto&& on_row) -> StoreStatus {
    auto rows = select(sql);
    if (!rows) return rows.error();
    return rows->each(on_row);
  };
  const auto read_ids = [&](std::string_view sql, std::vector<std::string>& out) {
    return for_each_row(sql, [&](const Statement& row) { out.push_back(row.text(0)); });
  };
  const auto read_texts = [&](std::string_view sql, std::vector<TextEntry>& out) {
    return for_each_row(sql, [&](const Statement& row) {
      out.push_back({row.text(0), row.text(1), static_cast<int>(row.integer(2)), row.integer(3)});
    });
  };
  if (auto done = read_ids("SELECT point_id FROM response_points WHERE response_id = ?1 ORDER BY position",
                           response.points_shown);
      !done)
    return done.error();
  if (auto done = read_ids("SELECT item_id FROM missed_shown WHERE response_id = ?1 ORDER BY position",
                           response.missed_shown);
      !done)
    return done.error();
  if (auto done = read_ids("SELECT point_id FROM top_choices WHERE response_id = ?1 ORDER BY rank",
                           response.top_choices);
      !done)
    return done.error();
  if (auto done =
          read_texts("SELECT item_id, text, revision, written_at_ms FROM comments WHERE response_id = ?1 "
                     "ORDER BY item_id",
                     response.comments);
      !done)
    return done.error();
  if (auto done = read_texts("SELECT question_id, text, revision, answered_at_ms FROM open_answers "
                             "WHERE response_id = ?1 ORDER BY question_id",
                             response.open_answers);
      !done)
    return done.error();
  if (auto done =
          for_each_row("SELECT question_id, option_id, answered_at_ms FROM choices WHERE response_id = ?1 "
                       "ORDER BY question_id, option_id",
                       [&](const Statement& row) {
                         if (response.choices.empty() || response.choices.back().question_id != row.text(0))
                           response.choices.push_back({row.text(0), {}, row.integer(2)});
                         response.choices.back().options.push_back(row.text(1));
                       });
      !done)
    return done.error();
  if (auto done =
          for_each_row("SELECT item_id, scale_id, value, revision, answered_at_ms FROM answers "
                       "WHERE response_id = ?1 ORDER BY item_id, scale_id",
                       [&](const Statement& row) {
                         const Rating rating =
                             row.is_null(2) ? Rating::skip() : Rating::of(static_cast<int>(row.integer(2)));
                         response.answers.push_back({row.text(0), row.text(1), rating,
                                                     static_cast<int>(row.integer(3)), row.integer(4)});
                       });
      !done)
    return done.error();
  return response;
}

StoreResult<std::vector<Contact>> read_contacts(Connection& connection) {
  auto select = connection.prepare("SELECT pack_id, email FROM contacts ORDER BY pack_id, email",
                                   "read the contact addresses");
  if (!select) return select.error();
  return select->collect([](const Statement& row) { return Contact{row.text(0), row.text(1)}; });
}

}  // namespace peiling::store::sqlite
