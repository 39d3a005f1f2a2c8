#pragma once
// Reading a whole Response from its rows. The device store and the hub store keep responses in
// tables of the same names and columns (responses, response_points, answers, comments,
// open_answers, top_choices), so both read them with this one function. Store-internal.
#include <string>

#include "store/device_store.hpp"
#include "store/sqlite_connection.hpp"

namespace peiling::store::detail {

StoreResult<Response> read_response(Connection& connection, const std::string& response_id);

}  // namespace peiling::store::detail
