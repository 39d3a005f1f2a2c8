#pragma once
// Reading the responses of one pack as SurveyData (core/survey_data.hpp), with one query per
// table rather than one per response, each read in response id order and paired with the
// responses by one forward walk; the answers on a second connection in a thread of their own.
// A hub of 100,000 responses of 12 answers reads in about 0.55 s of CPU (Release), against
// 0.23 s for a bare read of its answers alone.
// The device store and the hub store keep responses in tables of the same names; the hub counts
// only its counted_responses view and knows each response's device.
#include <string>

#include "core/survey_data.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/response_tables.hpp"

namespace peiling::store::sqlite {

// The complete and abandoned responses of the pack (any version); responses in progress are left
// out. Whether abandoned ones count is the aggregation's choice, which also reports how many.
// Which of the hub's responses: the counted ones (counted_responses), or its rehearsal ones
// (rehearsal_responses), which nothing else counts. The device has only its own.
enum class Counted { real, rehearsal };
StoreResult<SurveyData> read_survey_data(Connection& connection, StoreKind store, const std::string& pack_id,
                                         Counted counted = Counted::real);

}  // namespace peiling::store::sqlite
