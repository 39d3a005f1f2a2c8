#pragma once
// The building blocks of the report workbooks: a sheet written row by row, the cell formats, and
// where the cells go. write_workbook sends them to libxlsxwriter in constant-memory mode, which
// needs each sheet's rows in order; a WorkbookRecord keeps them instead, so that the benchmark can
// write the very same cells with libxlsxwriter alone and see what the report adds to that.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace peiling::report {

using XlsxRow = std::uint32_t;     // libxlsxwriter's lxw_row_t
using XlsxColumn = std::uint16_t;  // and lxw_col_t

enum class CellFormat : std::uint8_t {
  none,
  header,   // bold, a line below
  decimal,  // 0.00
  whole,    // 0
  time,     // yyyy-mm-dd hh:mm
  wrap,     // wrapped, aligned to the top
};

// Where a workbook's sheets and cells go, in the order they are written.
class WorkbookSink {
 public:
  virtual ~WorkbookSink() = default;
  // Starts a sheet; what follows goes into it.
  virtual void add_sheet(const std::string& name) = 0;
  virtual void column_width(XlsxColumn first, XlsxColumn last, double width, CellFormat format) = 0;
  // A cell's text as given: a NUL byte in it is the sink's to handle.
  virtual void text(XlsxRow row, XlsxColumn column, std::string_view text, CellFormat format) = 0;
  virtual void number(XlsxRow row, XlsxColumn column, double value, CellFormat format) = 0;
  // The first row frozen, and a filter over rows 0..last_row of columns 0..last_column.
  virtual void header_row(XlsxRow last_row, XlsxColumn last_column) = 0;
};

// One sheet written top to bottom, remembering the widest row for the filter.
class Sheet {
 public:
  Sheet(WorkbookSink& book, const std::string& name) : book_(book) { book_.add_sheet(name); }
  void column_width(XlsxColumn first, XlsxColumn last, double width, CellFormat format = CellFormat::none) {
    book_.column_width(first, last, width, format);
  }
  Sheet& text(std::string_view value, CellFormat format = CellFormat::none);  // empty: no cell
  Sheet& number(double value, CellFormat format = CellFormat::none);
  Sheet& optional(const std::optional<double>& value, CellFormat format) {
    return value ? number(*value, format) : next();
  }
  Sheet& skip() { return next(); }
  // Moves on to column, at or after the current one, leaving the cells before it empty.
  Sheet& skip_to(XlsxColumn column);
  void end_row() {
    ++row_;
    column_ = 0;
  }
  // The first row as the header: frozen, with a filter over the rows written.
  void finish_table();

 private:
  Sheet& next();
  WorkbookSink& book_;
  XlsxRow row_ = 0;
  XlsxColumn column_ = 0;
  XlsxColumn widest_ = 0;
};

// Writes path (replacing it) in libxlsxwriter's constant-memory mode: fill adds the sheets. A NUL
// byte in a text becomes U+FFFD (cells take C strings). An error names the file and what failed.
Result<std::filesystem::path> write_workbook(const std::filesystem::path& path,
                                             const std::function<void(WorkbookSink&)>& fill);

// Every sheet and cell, as written.
class WorkbookRecord final : public WorkbookSink {
 public:
  struct Cell {
    XlsxRow row;
    XlsxColumn column;
    CellFormat format;
    bool is_text;
    double number;       // when not is_text
    std::size_t offset;  // when is_text: the text is texts.substr(offset, size), NUL after it
    std::size_t size;
  };
  struct Width {
    XlsxColumn first, last;
    double width;
    CellFormat format;
  };
  struct RecordedSheet {
    std::string name;
    std::vector<Width> widths;
    std::vector<Cell> cells;
    std::optional<std::pair<XlsxRow, XlsxColumn>> header_row;  // last row, last column
  };

  void add_sheet(const std::string& name) override { sheets.push_back({name, {}, {}, std::nullopt}); }
  void column_width(XlsxColumn first, XlsxColumn last, double width, CellFormat format) override {
    sheets.back().widths.push_back({first, last, width, format});
  }
  void text(XlsxRow row, XlsxColumn column, std::string_view text, CellFormat format) override;
  void number(XlsxRow row, XlsxColumn column, double value, CellFormat format) override {
    sheets.back().cells.push_back({row, column, format, false, value, 0, 0});
  }
  void header_row(XlsxRow last_row, XlsxColumn last_column) override {
    sheets.back().header_row = {last_row, last_column};
  }

  std::vector<RecordedSheet> sheets;
  std::string texts;  // every text cell's bytes, each followed by a NUL
};

}  // namespace peiling::report
