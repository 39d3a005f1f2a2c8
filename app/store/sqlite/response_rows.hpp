#pragma once
// Reading a whole Response from its rows. The device store and the hub store keep responses in
// tables of the same names and columns (responses, and the tables of response_tables.hpp), so both
// read them with this one function.
#include <string>
#include <vector>

#include "core/response.hpp"
#include "store/sqlite/connection.hpp"

namespace peiling::store::sqlite {

// The latest write in the response aliased r: its start, or the newest answer, comment, open answer
// or choice. An SQL expression, shared so that draft expiry, resuming and reading agree.
inline constexpr std::string_view kLastActivitySql =
    "max(r.started_at_ms, "
    "coalesce((SELECT max(answered_at_ms) FROM answers a WHERE a.response_id = r.response_id), 0), "
    "coalesce((SELECT max(written_at_ms) FROM comments c WHERE c.response_id = r.response_id), 0), "
    "coalesce((SELECT max(answered_at_ms) FROM open_answers o WHERE o.response_id = r.response_id), 0), "
    "coalesce((SELECT max(answered_at_ms) FROM choices h WHERE h.response_id = r.response_id), 0))";

StoreResult<Response> read_response(Connection& connection, const std::string& response_id);

// Both stores keep contact opt-ins in a table "contacts" with pack_id and email; by pack, then address.
StoreResult<std::vector<Contact>> read_contacts(Connection& connection);

}  // namespace peiling::store::sqlite
