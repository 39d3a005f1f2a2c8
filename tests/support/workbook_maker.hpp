#pragma once
// Hand-made workbooks for the tests of the pack reader: sheets of cells written as raw .xlsx or
// .ods XML into a zip (libzip), so that a test can make any cell a spreadsheet program can: a
// number, a date, a formula with or without its result, an error, a shared or rich-text string.
#include <string>
#include <utility>
#include <vector>

namespace peiling::test {

// A cell's text, or one of these markers in front of it:
//   "=n:12" number, "=b:1" boolean, "=d:40130" number shown as a date, "=e:#N/A" formula error,
//   "=f:" formula with no saved result, "=F:text" formula whose saved result is text,
//   "=s:text" shared string, "=r:one|two" shared string of two rich-text runs.
using Rows = std::vector<std::vector<std::string>>;

struct MadeSheet {
  std::string name;
  Rows rows;
  std::string after_data;  // XML after sheetData (.xlsx), e.g. <mergeCells>
};

using Tables = std::vector<MadeSheet>;

// Sets the cell at an A1 reference ("F2"), growing the sheet as needed.
void set_cell(Tables& tables, const std::string& sheet, const std::string& reference, std::string value);

std::string make_xlsx(const Tables& tables);
std::string make_ods(const Tables& tables);
// The smallest valid pack (one point, languages nl and en), as an organiser would type it: sheets
// settings, scales, themes, points (id, theme, source, cites, title::nl, title::en, body::nl,
// body::en) and questions.
Tables minimal_pack_tables();

// A zip of the given entries, stored as given (libzip).
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries);

}  // namespace peiling::test
