#include "store/sqlite/response_tables.hpp"

#include <initializer_list>
#include <string_view>
#include <utility>

namespace peiling::store::sqlite {

namespace {

// {references} stands for each table's reference to its response, {each_point_once} for the
// device's rule that a point is in a list once. Times are UTC milliseconds since the Unix epoch;
// WITHOUT ROWID makes an answer one B-tree insert, not two.
constexpr std::string_view kResponseTables = R"sql(
-- The points in the order this respondent was shown them (see kPointList).
{response_points}

-- One row per item and scale; changing an answer replaces the row and counts a revision.
-- value NULL means the respondent skipped the item.
CREATE TABLE answers (
  response_id TEXT NOT NULL {references},
  item_id TEXT NOT NULL,
  scale_id TEXT NOT NULL,
  value INTEGER CHECK (value IS NULL OR value >= 1),
  revision INTEGER NOT NULL CHECK (revision >= 1),
  answered_at_ms INTEGER NOT NULL,
  PRIMARY KEY (response_id, item_id, scale_id)
) STRICT, WITHOUT ROWID;

-- comments: a remark per item; open_answers: the text per open question (see kTextTable).
{comments}
{open_answers}
-- The respondent's top choices, rank 1 first (see kPointList).
{top_choices}
)sql";

// Points in an order, one row per {place}, counted from {first}.
constexpr std::string_view kPointList = R"sql(CREATE TABLE {table} (
  response_id TEXT NOT NULL {references},
  {place} INTEGER NOT NULL CHECK ({place} >= {first}),
  point_id TEXT NOT NULL,
  PRIMARY KEY (response_id, {place}){each_point_once}
) STRICT, WITHOUT ROWID;)sql";

// Text a respondent wrote, one row per {key}; changing it replaces the row and counts a revision.
constexpr std::string_view kTextTable = R"sql(CREATE TABLE {table} (
  response_id TEXT NOT NULL {references},
  {key} TEXT NOT NULL,
  text TEXT NOT NULL,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  {written_at} INTEGER NOT NULL,
  PRIMARY KEY (response_id, {key})
) STRICT, WITHOUT ROWID;)sql";

constexpr std::string_view kChoicesTable = R"sql(
-- Choice questions: one row per chosen option, so a report counts options per question. The text
-- of an "other" option is an open answer under the question's id.
CREATE TABLE choices (
  response_id TEXT NOT NULL {references},
  question_id TEXT NOT NULL,
  option_id TEXT NOT NULL,
  answered_at_ms INTEGER NOT NULL,
  PRIMARY KEY (response_id, question_id, option_id)
) STRICT, WITHOUT ROWID;
)sql";

// Migration: a scale may run from -100 to 100 (pack format), so a value may be 0 or negative; the
// first schema allowed only 1 or more. SQLite cannot change a CHECK, so the table is rebuilt with
// its rows, under the same name.
constexpr std::string_view kAnswersAnyScaleValue = R"sql(
CREATE TABLE answers_any_value (
  response_id TEXT NOT NULL {references},
  item_id TEXT NOT NULL,
  scale_id TEXT NOT NULL,
  value INTEGER CHECK (value IS NULL OR value BETWEEN -100 AND 100),
  revision INTEGER NOT NULL CHECK (revision >= 1),
  answered_at_ms INTEGER NOT NULL,
  PRIMARY KEY (response_id, item_id, scale_id)
) STRICT, WITHOUT ROWID;
INSERT INTO answers_any_value (response_id, item_id, scale_id, value, revision, answered_at_ms)
  SELECT response_id, item_id, scale_id, value, revision, answered_at_ms FROM answers;
DROP TABLE answers;
ALTER TABLE answers_any_value RENAME TO answers;
)sql";

// Migration: the missed opportunities a respondent was shown, in the order shown, as
// response_points holds the points, so a report counts one paged past without an answer as shown.
constexpr std::string_view kMissedShownTable = R"sql(
CREATE TABLE missed_shown (
  response_id TEXT NOT NULL {references},
  position INTEGER NOT NULL CHECK (position >= 0),
  item_id TEXT NOT NULL,
  PRIMARY KEY (response_id, position){each_item_once}
) STRICT, WITHOUT ROWID;
)sql";

void replace_all(std::string& text, std::string_view placeholder, std::string_view value) {
  for (auto at = text.find(placeholder); at != std::string::npos;
       at = text.find(placeholder, at + value.size()))
    text.replace(at, placeholder.size(), value);
}

std::string declared_for(std::string_view ddl, StoreKind store) {
  const bool device = store == StoreKind::device;
  std::string sql(ddl);
  replace_all(
      sql, "{references}",
      device ? "REFERENCES responses (response_id) ON DELETE CASCADE" : "REFERENCES responses (response_id)");
  replace_all(sql, "{each_point_once}", device ? ",\n  UNIQUE (response_id, point_id)" : "");
  replace_all(sql, "{each_item_once}", device ? ",\n  UNIQUE (response_id, item_id)" : "");
  return sql;
}

}  // namespace

std::string response_tables_sql(StoreKind store) {
  // A template with each {placeholder} replaced by its value.
  const auto table = [](std::string_view ddl,
                        std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
    std::string sql(ddl);
    for (const auto& [placeholder, value] : values) replace_all(sql, placeholder, value);
    return sql;
  };
  std::string sql(kResponseTables);
  replace_all(sql, "{response_points}",
              table(kPointList, {{"{table}", "response_points"}, {"{place}", "position"}, {"{first}", "0"}}));
  replace_all(sql, "{top_choices}",
              table(kPointList, {{"{table}", "top_choices"}, {"{place}", "rank"}, {"{first}", "1"}}));
  replace_all(
      sql, "{comments}",
      table(kTextTable, {{"{table}", "comments"}, {"{key}", "item_id"}, {"{written_at}", "written_at_ms"}}));
  replace_all(
      sql, "{open_answers}",
      table(kTextTable,
            {{"{table}", "open_answers"}, {"{key}", "question_id"}, {"{written_at}", "answered_at_ms"}}));
  return declared_for(sql, store);
}

std::string choices_table_sql(StoreKind store) {
  return declared_for(kChoicesTable, store);
}

std::string answers_any_scale_value_sql(StoreKind store) {
  return declared_for(kAnswersAnyScaleValue, store);
}

std::string missed_shown_table_sql(StoreKind store) {
  return declared_for(kMissedShownTable, store);
}

}  // namespace peiling::store::sqlite
