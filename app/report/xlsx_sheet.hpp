#pragma once
// The building blocks of the report workbooks (libxlsxwriter): a sheet written row by row, the
// shared cell formats, and a workbook opened, filled and closed with errors that name the file.
#include <xlsxwriter.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace peiling::report {

// Cells take C strings: a NUL byte in a comment would cut it short, so it becomes U+FFFD.
std::string cell_text(std::string_view text);

// One sheet written top to bottom (constant-memory mode needs rows in order), remembering the
// widest row for the filter.
class Sheet {
 public:
  Sheet(lxw_workbook* book, const char* name) : sheet_(workbook_add_worksheet(book, name)) {}
  lxw_worksheet* get() const { return sheet_; }
  Sheet& text(std::string_view value, lxw_format* format = nullptr);
  Sheet& number(double value, lxw_format* format = nullptr);
  Sheet& optional(const std::optional<double>& value, lxw_format* format) {
    return value ? number(*value, format) : next();
  }
  Sheet& skip() { return next(); }
  void end_row() {
    ++row_;
    column_ = 0;
  }
  // The first row as the header: bold, frozen, with a filter over the rows written.
  void finish_table();

 private:
  Sheet& next();
  lxw_worksheet* sheet_;
  lxw_row_t row_ = 0;
  lxw_col_t column_ = 0;
  lxw_col_t widest_ = 0;
};

struct Formats {
  lxw_format* header;
  lxw_format* decimal;  // 0.00
  lxw_format* whole;    // 0
  lxw_format* time;     // yyyy-mm-dd hh:mm
  lxw_format* wrap;
};

// Writes path (replacing it) in constant-memory mode: fill adds the sheets. An error names the
// file and what failed.
Result<std::filesystem::path> write_workbook(const std::filesystem::path& path,
                                             const std::function<void(lxw_workbook*, const Formats&)>& fill);

}  // namespace peiling::report
