#pragma once
// The report as an Excel workbook (libxlsxwriter): Summary, Points (the statistics of every point
// and missed opportunity), Top-N, Comments and Answers, each with a frozen header row, a filter and
// number formats. Answers has one row per response (one row per answer would pass Excel's
// 1,048,576 rows at 90,000 responses of 12 answers); it is written row by row in libxlsxwriter's
// constant-memory mode.
#include <filesystem>

#include "core/aggregation.hpp"
#include "core/pack.hpp"
#include "core/result.hpp"
#include "core/survey_data.hpp"
#include "report/report_json.hpp"
#include "report/xlsx_sheet.hpp"

namespace peiling::report {

// The workbook's sheets and cells, into book (write_workbook's, or a WorkbookRecord).
void fill_report_workbook(WorkbookSink& book, const Aggregate& aggregate, const SurveyData& data,
                          const Pack& pack, const ReportContext& context);

// Writes path (replacing it); an error names the file and what failed.
Result<std::filesystem::path> write_xlsx(const std::filesystem::path& path, const Aggregate& aggregate,
                                         const SurveyData& data, const Pack& pack,
                                         const ReportContext& context);

}  // namespace peiling::report
