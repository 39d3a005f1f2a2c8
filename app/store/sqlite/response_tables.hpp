#pragma once
// The tables of a response's answers, which the device store and the hub store both keep, declared
// once for both schemas (store/schema.cpp, the hub's schema) and read by the same row readers
// (response_rows.hpp, survey_rows.hpp). The two declarations differ only where the stores do: the
// device deletes a discarded response with all its rows, and holds each point once in a
// respondent's order and ranking; the hub never deletes, and keeps the lists as devices sent them.
#include <string>

namespace peiling::store::sqlite {

enum class StoreKind { device, hub };

// CREATE TABLE response_points, answers, comments, open_answers and top_choices, after responses.
std::string response_tables_sql(StoreKind store);

// CREATE TABLE choices (pack format 1.1), after responses.
std::string choices_table_sql(StoreKind store);

// The migration that lets answers hold any value of the pack format's scales, -100 to 100 (the
// first schema held 1 or more), keeping every row.
std::string answers_any_scale_value_sql(StoreKind store);

// CREATE TABLE missed_shown: the missed opportunities a respondent was shown, in order.
std::string missed_shown_table_sql(StoreKind store);

}  // namespace peiling::store::sqlite
