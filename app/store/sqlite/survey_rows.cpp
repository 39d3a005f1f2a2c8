#include "store/sqlite/survey_rows.hpp"

namespace peiling::store::sqlite {

namespace {

// The finished responses of the pack as a table expression; both texts are fixed, the pack id is
// bound as ?1.
std::string responses_of(StoreKind store, Counted counted) {
  const std::string table = store == StoreKind::device      ? "responses"
                            : counted == Counted::rehearsal ? "rehearsal_responses"
                                                            : "counted_responses";
  const std::string device = store == StoreKind::hub ? "device_id" : "''";
  // Only the hub marks responses late (they arrived after their pack closed).
  const std::string late = store == StoreKind::hub ? "late" : "0";
  return "(SELECT response_id, " + device +
         " AS device_id, pack_version, role, language, status, started_at_ms, "
         "coalesce(ended_at_ms, started_at_ms) AS ended_at_ms, " +
         late + " AS late FROM " + table + " WHERE pack_id = ?1 AND status IN ('complete', 'abandoned'))";
}

}  // namespace

StoreResult<SurveyData> read_survey_data(Connection& connection, StoreKind store, const std::string& pack_id,
                                         Counted which) {
  constexpr std::string_view action = "read the responses for the report";
  const std::string counted = responses_of(store, which);
  SurveyData data;
  const auto for_each_row = [&](const std::string& sql, auto on_row) -> StoreStatus {
    auto select = connection.prepare(sql, action);
    if (!select) return select.error();
    select->bind_text(1, pack_id);
    return select->each(on_row);
  };
  // The rows of one table, each under its response's index; rows of responses not counted are
  // left out by the join. Responses and rows both come in response id order, so one forward walk
  // pairs them (a hash lookup per row was most of the time at 100,000 responses).
  const auto for_each_response_row = [&](const std::string& columns_and_table, auto on_row) {
    std::size_t next = 0;
    return for_each_row("SELECT t.response_id, " + columns_and_table + " JOIN " + counted +
                            " r ON r.response_id = t.response_id ORDER BY t.response_id",
                        [&](const Statement& row) {
                          const std::string id = row.text(0);
                          while (next < data.responses.size() && data.responses[next].id < id) ++next;
                          if (next < data.responses.size() && data.responses[next].id == id) {
                            on_row(static_cast<ResponseIndex>(next), row);
                          }
                        });
  };
  if (auto done = for_each_row("SELECT response_id, device_id, pack_version, role, language, status, "
                               "started_at_ms, ended_at_ms, late FROM " +
                                   counted + " ORDER BY response_id",
                               [&](const Statement& row) {
                                 SurveyResponse response;
                                 response.id = row.text(0);
                                 response.device_id = row.text(1);
                                 response.pack_version = static_cast<int>(row.integer(2));
                                 if (!row.is_null(3)) response.role = row.text(3);
                                 response.language = row.text(4);
                                 response.complete = row.text(5) == "complete";
                                 response.started_at = row.integer(6);
                                 response.ended_at = row.integer(7);
                                 response.late = row.integer(8) != 0;
                                 data.responses.push_back(std::move(response));
                               });
      !done) {
    return done.error();
  }
  if (auto done = for_each_response_row("t.point_id FROM response_points t",
                                        [&](ResponseIndex response, const Statement& row) {
                                          data.shown.push_back({response, data.intern(row.text(1))});
                                        });
      !done) {
    return done.error();
  }
  // Missed opportunities count as shown the same way; older batches have none, and then only an
  // answer shows that one was seen.
  if (auto done = for_each_response_row("t.item_id FROM missed_shown t",
                                        [&](ResponseIndex response, const Statement& row) {
                                          data.shown.push_back({response, data.intern(row.text(1))});
                                        });
      !done) {
    return done.error();
  }
  if (auto done = for_each_response_row(
          "t.item_id, t.scale_id, t.value FROM answers t",
          [&](ResponseIndex response, const Statement& row) {
            data.ratings.push_back({response, data.intern(row.text(1)), data.intern(row.text(2)),
                                    row.is_null(3) ? kNoOpinion : static_cast<int>(row.integer(3))});
          });
      !done) {
    return done.error();
  }
  if (auto done = for_each_response_row("t.point_id, t.rank FROM top_choices t",
                                        [&](ResponseIndex response, const Statement& row) {
                                          data.top_choices.push_back({response, data.intern(row.text(1)),
                                                                      static_cast<int>(row.integer(2))});
                                        });
      !done) {
    return done.error();
  }
  if (auto done =
          for_each_response_row("t.item_id, t.text FROM comments t",
                                [&](ResponseIndex response, const Statement& row) {
                                  data.comments.push_back({response, data.intern(row.text(1)), row.text(2)});
                                });
      !done) {
    return done.error();
  }
  if (auto done = for_each_response_row(
          "t.question_id, t.text FROM open_answers t",
          [&](ResponseIndex response, const Statement& row) {
            data.open_answers.push_back({response, data.intern(row.text(1)), row.text(2)});
          });
      !done) {
    return done.error();
  }
  return data;
}

}  // namespace peiling::store::sqlite
