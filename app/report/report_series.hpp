#pragma once
// The series report (`peiling-hub report --series`): for each point of a first pack, its ratings
// at the conference beside the follow-up's status counts, as self-contained HTML and as an XLSX
// workbook (a Series sheet and a How to read sheet). Points keep the first pack's order.
#include <filesystem>
#include <string>

#include "core/aggregation.hpp"
#include "core/result.hpp"
#include "core/series.hpp"
#include "report/report_json.hpp"

namespace peiling::report {

// What both formats show: the packs, each pack's aggregate (the same k), and the rows.
struct SeriesReport {
  SeriesPacks packs;
  const Aggregate* first = nullptr;
  const Aggregate* follow_up = nullptr;
  Series series;

  SeriesReport(SeriesPacks packs, const Aggregate& first, const Aggregate& follow_up);
};

std::string series_html(const SeriesReport& report, const ReportContext& context);

// Writes path (replacing it); an error names the file and what failed.
Result<std::filesystem::path> write_series_xlsx(const std::filesystem::path& path, const SeriesReport& report,
                                                const ReportContext& context);

}  // namespace peiling::report
