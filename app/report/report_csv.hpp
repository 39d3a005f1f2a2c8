#pragma once
// The answers as CSV for spreadsheets: UTF-8 with a BOM, CRLF line ends, and fields quoted when
// they hold the separator, a quote or a line break (RFC 4180), so every comment reads back as
// written. The excel-nl dialect uses ';' between fields, as Dutch Excel expects (its ',' decimal
// mark never meets a value here: answers are whole numbers); the default is RFC 4180's ','.
//
// With fewer than k responses in all only the header row is written.
// Long: one row per answer (response, pack, version, status, role, item, scale, value, comment);
// the item's comment stands on its first scale's row, an open answer on a row of its own with
// the question as item and no scale. A "no opinion" has the value no-opinion.
// Wide: one row per response, a column per point and scale, then comments, top choices and open
// answers.
#include <ostream>
#include <string>
#include <string_view>

#include "core/pack.hpp"
#include "core/survey_data.hpp"
#include "report/survey_table.hpp"

namespace peiling::report {

struct CsvDialect {
  char separator = ',';
};
inline constexpr CsvDialect kRfc4180{','};
inline constexpr CsvDialect kExcelNl{';'};

// The responses the aggregate counted, with roles and versions as its k-anonymity allows
// (report/survey_table.hpp: Disclosure).
void write_long_csv(std::ostream& out, const SurveyData& data, const Pack& pack, const Disclosure& disclosure,
                    CsvDialect dialect);
void write_wide_csv(std::ostream& out, const SurveyData& data, const Pack& pack, const Disclosure& disclosure,
                    CsvDialect dialect);

// One field, quoted when it must be.
std::string csv_field(std::string_view text, CsvDialect dialect);

}  // namespace peiling::report
