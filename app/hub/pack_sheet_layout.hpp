#pragma once
// The workbook layout of a pack, in one place for the reader, the writer and the read-me sheet.
#include <string_view>
#include <vector>

namespace peiling::hub {

// An explanation in the two languages the read-me is written in (others get the English).
struct Help {
  std::string_view nl;
  std::string_view en;
};

struct ColumnSpec {
  std::string_view name;
  bool localized = false;  // one column per language: name::nl, name::en, ...
  bool required = false;   // a sheet with rows must have it (for a localized one: in every language)
  Help help;
};

struct SheetSpec {
  std::string_view name;
  Help help;
  std::vector<ColumnSpec> columns;
};

enum class ValueType { string, integer, boolean, list, text };

// A row of the settings sheet: its key, where it goes in the pack, and what its value is. A text
// is written in the value::LANGUAGE columns, everything else in value.
struct SettingSpec {
  std::string_view key;
  std::string_view pointer;  // JSON pointer in the pack
  ValueType type;
  bool required;
  Help help;
};

inline constexpr std::string_view kReadMeSheet = "read-me";
// top_n.from may say this instead of listing every point.
inline constexpr std::string_view kAllPoints = "all";

const std::vector<SheetSpec>& pack_sheet_specs();
const SheetSpec* find_sheet_spec(std::string_view name);
const std::vector<SettingSpec>& pack_setting_specs();
const SettingSpec* find_setting_spec(std::string_view key);

}  // namespace peiling::hub
