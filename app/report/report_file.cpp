#include "report/report_file.hpp"

#include <fstream>
#include <string>

#include "report/report_csv.hpp"
#include "report/report_html.hpp"
#include "report/report_xlsx.hpp"

namespace peiling::report {

namespace {

using Written = Result<std::filesystem::path>;

Written not_written(const std::filesystem::path& path) {
  return Written::failure("could not write " + path.string() + ".");
}

// Writes text to path, or says why not.
Written write_text_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  return out ? Written(path) : not_written(path);
}

}  // namespace

std::optional<Format> format_named(std::string_view name) {
  for (const Format format : {Format::html, Format::csv, Format::xlsx, Format::json}) {
    if (to_string(format) == name) return format;
  }
  return std::nullopt;
}

std::string_view to_string(Format format) {
  switch (format) {
    case Format::html:
      return "html";
    case Format::csv:
      return "csv";
    case Format::xlsx:
      return "xlsx";
    case Format::json:
      return "json";
  }
  return "unknown";
}

Written write(Format format, const std::filesystem::path& path, const Aggregate& aggregate,
              const SurveyData& data, const Pack& pack, const ReportContext& context, bool wide) {
  switch (format) {
    case Format::html:
      return write_text_file(path, report_html(aggregate, pack, context));
    case Format::json:
      return write_text_file(path, report_json(aggregate, pack, context)
                                           .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
                                       "\n");
    case Format::csv: {
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      const Disclosure disclosure(aggregate);
      const CsvDialect dialect =
          context.excel_nl_csv.value_or(context.language == "nl") ? kExcelNl : kRfc4180;
      if (wide) {
        write_wide_csv(out, data, pack, disclosure, dialect);
      } else {
        write_long_csv(out, data, pack, disclosure, dialect);
      }
      out.close();
      return out ? Written(path) : not_written(path);
    }
    case Format::xlsx:
      return write_xlsx(path, aggregate, data, pack, context);
  }
  return Written::failure("unknown report format");
}

Written write_series(Format format, const std::filesystem::path& path, const SeriesReport& report,
                     const ReportContext& context) {
  switch (format) {
    case Format::html:
      return write_text_file(path, series_html(report, context));
    case Format::xlsx:
      return write_series_xlsx(path, report, context);
    case Format::csv:
    case Format::json:
      break;
  }
  return Written::failure("the series report is written as html or xlsx.");
}

}  // namespace peiling::report
