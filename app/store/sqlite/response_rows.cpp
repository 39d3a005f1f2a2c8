#include "store/sqlite/response_rows.hpp"

namespace peiling::store::sqlite {

StoreResult<Response> read_response(Connection& connection, const std::string& response_id) {
  constexpr std::string_view action = "read the response";
  Response response;
  {
    auto select = connection.prepare(
        "SELECT pack_id, pack_version, language, role, mode, status, started_at_ms, ended_at_ms, " +
            std::string(kLastActivitySql) + " FROM responses r WHERE response_id = ?1",
        action);
    if (!select) return select.error();
    select->bind_text(1, response_id);
    auto row = select->step();
    if (!row) return row.error();
    if (!row.value())
      return StoreError{ErrorKind::not_found,
                        "Could not read the response: there is no response " + response_id + "."};
    response.id = response_id;
    response.pack = {select->text(0), static_cast<int>(select->integer(1))};
    response.language = select->text(2);
    if (!select->is_null(3)) response.role = select->text(3);
    response.mode = select->text(4) == "tablet" ? Mode::tablet : Mode::kiosk;
    const std::string status = select->text(5);
    response.status = status == "complete"    ? ResponseStatus::complete
                      : status == "abandoned" ? ResponseStatus::abandoned
                                              : ResponseStatus::in_progress;
    response.started_at = select->integer(6);
    if (!select->is_null(7)) response.ended_at = select->integer(7);
    response.last_active_at = select->integer(8);
  }
  // Each list is one query on the response id; on_row takes each row of it.
  auto for_each_row = [&](std::string_view sql, auto&& on_row) -> StoreStatus {
    auto select = connection.prepare(sql, action);
    if (!select) return select.error();
    select->bind_text(1, response_id);
    for (;;) {
      auto row = select->step();
      if (!row) return row.error();
      if (!row.value()) return Done{};
      on_row(select.value());
    }
  };
  auto read_ids = [&](std::string_view sql, std::vector<std::string>& out) {
    return for_each_row(sql, [&](Statement& row) { out.push_back(row.text(0)); });
  };
  auto read_texts = [&](std::string_view sql, std::vector<TextEntry>& out) {
    return for_each_row(sql, [&](Statement& row) {
      out.push_back({row.text(0), row.text(1), static_cast<int>(row.integer(2)), row.integer(3)});
    });
  };
  if (auto done = read_ids("SELECT point_id FROM response_points WHERE response_id = ?1 ORDER BY position",
                           response.points_shown);
      !done) {
    return done.error();
  }
  if (auto done = read_ids("SELECT point_id FROM top_choices WHERE response_id = ?1 ORDER BY rank",
                           response.top_choices);
      !done) {
    return done.error();
  }
  if (auto done =
          read_texts("SELECT item_id, text, revision, written_at_ms FROM comments WHERE response_id = ?1 "
                     "ORDER BY item_id",
                     response.comments);
      !done) {
    return done.error();
  }
  if (auto done = read_texts("SELECT question_id, text, revision, answered_at_ms FROM open_answers "
                             "WHERE response_id = ?1 ORDER BY question_id",
                             response.open_answers);
      !done) {
    return done.error();
  }
  if (auto done =
          for_each_row("SELECT question_id, option_id, answered_at_ms FROM choices WHERE response_id = ?1 "
                       "ORDER BY question_id, option_id",
                       [&](Statement& row) {
                         if (response.choices.empty() || response.choices.back().question_id != row.text(0)) {
                           response.choices.push_back({row.text(0), {}, row.integer(2)});
                         }
                         response.choices.back().options.push_back(row.text(1));
                       });
      !done) {
    return done.error();
  }
  auto select = connection.prepare(
      "SELECT item_id, scale_id, value, revision, answered_at_ms FROM answers WHERE response_id = ?1 "
      "ORDER BY item_id, scale_id",
      action);
  if (!select) return select.error();
  select->bind_text(1, response_id);
  for (;;) {
    auto row = select->step();
    if (!row) return row.error();
    if (!row.value()) break;
    const Rating rating =
        select->is_null(2) ? Rating::skip() : Rating::of(static_cast<int>(select->integer(2)));
    response.answers.push_back(
        {select->text(0), select->text(1), rating, static_cast<int>(select->integer(3)), select->integer(4)});
  }
  return response;
}

StoreResult<std::vector<Contact>> read_contacts(Connection& connection) {
  auto select = connection.prepare("SELECT pack_id, email FROM contacts ORDER BY pack_id, email",
                                   "read the contact addresses");
  if (!select) return select.error();
  std::vector<Contact> out;
  for (;;) {
    auto row = select->step();
    if (!row) return row.error();
    if (!row.value()) return out;
    out.push_back({select->text(0), select->text(1)});
  }
}

}  // namespace peiling::store::sqlite
