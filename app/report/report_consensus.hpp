#pragma once
// "Supported across roles" (issue 17) in each report format and on /live: the points every role
// group supports beside the points highest by mean, and where the roles differ most, from
// core/consensus.hpp. The role groups are the aggregate's, so the k rule holds as in the table by
// role: no group under k is shown or derivable.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/aggregation.hpp"
#include "core/pack.hpp"
#include "report/xlsx_sheet.hpp"

namespace peiling::report {

// How many points each list of the section names.
inline constexpr std::size_t kConsensusListed = 5;

// <section id="consensus"> of the HTML report.
std::string consensus_section_html(const Aggregate& aggregate, const Pack& pack, std::string_view language);

// The JSON report's "consensus": {available, scale, agree_from, groups, points, by_score,
// by_mean, by_spread}; without two role groups {available: false, groups: n}.
nlohmann::json consensus_json(const Aggregate& aggregate, const Pack& pack, std::string_view language);

// The workbook's "Roles" sheet: every point with its consensus, its spread and each group's share.
void consensus_sheet(WorkbookSink& book, const Aggregate& aggregate, const Pack& pack,
                     std::string_view language);

// The live page's panel: the three points every role supports most; "" when there is no consensus.
std::string consensus_live_html(const Aggregate& aggregate, const Pack& pack, std::string_view language);

}  // namespace peiling::report
