#pragma once
// The cells of a spreadsheet workbook an organiser uploads: .xlsx (Office Open XML, as Excel,
// LibreOffice and libxlsxwriter write it) or .ods (LibreOffice's own), both zips of XML read with
// libzip (through ZipArchive's limits) and expat. Only what a table of text needs is read: cell
// values, as the spreadsheet shows them, and merged ranges. Whatever cannot stand for a plain value
// (a date, a formula error, a formula never calculated) is kept as its kind, so that the caller can
// name the cell together with its column header.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace peiling::hub {

// Beyond these a workbook is refused: no pack comes near them, and a sheet of a million rows must
// be turned away before it is held in memory.
inline constexpr int kMaxSheetRows = 10'000;
inline constexpr int kMaxSheetColumns = 200;

enum class CellKind {
  text,
  number,                 // text holds the number as the file stores it ("12", "1.5")
  boolean,                // text is "true" or "false"
  date,                   // a date or time, refused by packs
  error,                  // a formula's error (#N/A, #DIV/0!); text holds it
  formula_without_value,  // a formula the file holds no calculated value for
};

struct Cell {
  CellKind kind = CellKind::text;
  std::string text;
};

// 1-based row, 0-based column: the cell D14 is {14, 3}.
struct CellPosition {
  int row = 0;
  int column = 0;
  auto operator<=>(const CellPosition&) const = default;
};

// "D14"; the column alone ("D") when row is 0.
std::string cell_name(CellPosition position);

struct SheetCells {
  std::string name;
  std::map<CellPosition, Cell> cells;                         // only cells with a value
  std::vector<std::pair<CellPosition, CellPosition>> merged;  // top-left, bottom-right
};

struct Workbook {
  std::vector<SheetCells> sheets;  // in the workbook's order
};

// label names the file in every message ("pack.xlsx: ..."). Refuses, with the reason: what is not
// a zip (naming an encrypted, password-protected file as such), a zip past the limits of
// ZipArchive (50 MiB unpacked, 10,000 entries), malformed XML (naming the part and line), and a
// sheet with a value past kMaxSheetRows or kMaxSheetColumns.
Result<Workbook> read_workbook(std::string_view bytes, const std::string& label);

}  // namespace peiling::hub
