#pragma once
// A report written to a file in the format the organiser asks for (`peiling-hub report --format`):
// one switch over the formats, so a new format is one case here.
#include <filesystem>
#include <optional>
#include <string_view>

#include "core/aggregation.hpp"
#include "core/pack.hpp"
#include "core/result.hpp"
#include "core/survey_data.hpp"
#include "report/report_json.hpp"
#include "report/report_series.hpp"

namespace peiling::report {

enum class Format { html, csv, xlsx, json };

// "html", "csv", "xlsx" or "json"; nullopt for any other name.
std::optional<Format> format_named(std::string_view name);
std::string_view to_string(Format format);

// Writes path (replacing it): html and json from the aggregate, csv from the answers it counted
// (one row per answer, or per response when wide; the excel-nl dialect for language nl), xlsx from
// both. An error names the file.
Result<std::filesystem::path> write(Format format, const std::filesystem::path& path,
                                    const Aggregate& aggregate, const SurveyData& data, const Pack& pack,
                                    const ReportContext& context, bool wide);

// The series report in html or xlsx (the formats it has); an error names the file.
Result<std::filesystem::path> write_series(Format format, const std::filesystem::path& path,
                                           const SeriesReport& report, const ReportContext& context);

}  // namespace peiling::report
