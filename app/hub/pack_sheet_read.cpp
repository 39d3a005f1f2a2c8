// pack_from_workbook: the cells of a workbook assembled into pack JSON, every value's cell kept by
// its JSON pointer so that the validator's errors can name the cell. A little over 800 lines: the
// per-sheet readers share that pointer-to-cell map and its helpers, which are private to this file.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <tuple>

#include "hub/pack_sheet.hpp"
#include "hub/pack_sheet_layout.hpp"
#include "hub/workbook_reader.hpp"

namespace peiling::hub {

namespace {

using nlohmann::ordered_json;
using Pointer = ordered_json::json_pointer;

// Where a value of the pack came from.
struct Place {
  std::string sheet;
  CellPosition cell;
  std::string header;  // empty for a whole row or sheet
};

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

// "nl, en" or one per line: the items of a list cell.
std::vector<std::string> split_list(std::string_view text, std::string_view separators) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find_first_of(separators, start), text.size());
    if (auto item = trim(text.substr(start, end - start)); !item.empty()) out.push_back(std::move(item));
    start = end + 1;
  }
  return out;
}

// "12", or from a number cell also "12.0" and "1.2E1": what a spreadsheet may store for 12.
std::optional<long long> whole_number(std::string_view text, bool number_cell) {
  long long number = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec == std::errc{} && end == text.data() + text.size()) return number;
  if (!number_cell) return std::nullopt;
  double real = 0;
  const auto [real_end, real_ec] = std::from_chars(text.data(), text.data() + text.size(), real);
  if (real_ec != std::errc{} || real_end != text.data() + text.size() || real != std::floor(real) ||
      std::abs(real) > 1e15)
    return std::nullopt;
  return static_cast<long long>(real);
}

struct Header {
  std::string base;
  std::string language;  // empty for a column that is the same in every language
};

// "title::nl", and XLSForm's "title::Nederlands (nl)".
Header parse_header(std::string_view text) {
  const auto colons = text.find("::");
  if (colons == std::string_view::npos) return {std::string(text), {}};
  std::string language = trim(text.substr(colons + 2));
  if (language.size() > 4 && language.back() == ')') {
    const auto open = language.rfind('(');
    if (open != std::string::npos)
      language = trim(std::string_view(language).substr(open + 1, language.size() - open - 2));
  }
  return {trim(text.substr(0, colons)), language};
}

std::string column_list(const SheetSpec& spec) {
  std::string out;
  for (const auto& column : spec.columns)
    out += (out.empty() ? "" : ", ") + std::string(column.name) + (column.localized ? "::LANGUAGE" : "");
  return out;
}

class Assembler;

// One sheet, read through its header row.
class SheetView {
 public:
  SheetView(Assembler& assembler, const SheetCells* cells, const SheetSpec& spec);

  bool present() const { return cells_ != nullptr; }
  const std::vector<int>& rows() const { return rows_; }
  const SheetSpec& spec() const { return spec_; }
  const std::string& name() const { return name_; }
  bool has_column(const std::string& header) const { return columns_.count(header) > 0; }
  // The cell under a header ("id", "title::nl") in a row; nullptr when empty or no such column.
  const Cell* cell(int row, const std::string& header) const;
  Place place(int row, const std::string& header) const;

 private:
  Assembler& assembler_;
  const SheetCells* cells_;
  const SheetSpec& spec_;
  std::string name_;
  std::map<std::string, std::pair<int, std::string>> columns_;  // "title::nl": column, header as written
  std::vector<int> rows_;                                       // data rows with a value in a known column
};

class Assembler {
 public:
  Assembler(const Workbook& workbook, std::string label) : workbook_(workbook), label_(std::move(label)) {}

  Result<PackFromSheet> run();

  void error(const Place& place, std::string_view reason) {
    reported_.insert({place.sheet, place.cell.row, place.cell.column});
    std::string where = place.sheet;
    if (place.cell.row > 0) where += "!" + cell_name(place.cell);
    if (!place.header.empty()) where += " (" + place.header + ")";
    errors_.lines.push_back(label_ + ": " + where + ": " + std::string(reason));
  }
  void error(std::string_view reason) { errors_.lines.push_back(label_ + ": " + std::string(reason)); }
  const std::vector<std::string>& languages() const { return languages_; }

 private:
  const SheetCells* find_sheet(std::string_view name) const;
  void check_sheets();
  void settings(const SheetView& sheet);
  void scales(const SheetView& sheet);
  void items(const SheetView& sheet, const std::string& pointer, std::initializer_list<const char*> texts);
  void questions(const SheetView& sheet, const SheetView& options);
  void hub(const SheetView& sheet);
  void map_validator_errors(const Errors& errors);
  std::string cell_text_of(const std::string& pointer, const std::string& in_sheet) const;

  // A plain value (trimmed), or nullopt when empty or not usable (reported).
  std::optional<std::string> plain(const SheetView& sheet, int row, const std::string& header);
  // Sets pointer to the cell's value, typed, and remembers the cell.
  void value(const SheetView& sheet, int row, const std::string& header, const std::string& pointer,
             ValueType type);
  // Sets pointer to the text in every language; an optional one with every cell empty is left out.
  void text(const SheetView& sheet, int row, std::string_view base, const std::string& pointer,
            bool optional);
  void remember(const std::string& pointer, Place place) { places_.emplace(pointer, std::move(place)); }
  bool usable(const SheetView& sheet, int row, const std::string& header, const Cell& cell);

  const Workbook& workbook_;
  std::string label_;
  Errors errors_;
  std::vector<std::string> languages_;
  ordered_json pack_ = ordered_json::object();
  std::map<std::string, Place> places_;
  std::map<std::string, std::string> sheet_of_pointer_;  // "/points": "points", for errors on a list
  std::optional<Place> top_n_all_place_;  // the cell that says "all", filled in once the points are read
  // Cells (and, with row 0, sheets) with an error of the workbook's own: the validator's errors on
  // them would only repeat it.
  std::set<std::tuple<std::string, int, int>> reported_;
  std::set<std::string> setting_rows_;  // the keys the settings sheet has
};

SheetView::SheetView(Assembler& assembler, const SheetCells* cells, const SheetSpec& spec)
    : assembler_(assembler), cells_(cells), spec_(spec), name_(spec.name) {
  if (!cells_) return;
  const auto& languages = assembler_.languages();
  std::map<std::string, std::set<std::string>> seen_languages;  // localized base: languages with a column
  std::set<int> known_columns;
  for (const auto& [position, cell] : cells_->cells) {
    if (position.row != 1) continue;
    const Place at{name_, position, {}};
    const std::string written = trim(cell.text);
    if (cell.kind != CellKind::text) {
      assembler_.error(at, "a column name must be text");
      continue;
    }
    const Header header = parse_header(written);
    const auto spec_column =
        std::find_if(spec_.columns.begin(), spec_.columns.end(), [&](const ColumnSpec& c) {
          return c.name == header.base && c.localized == !header.language.empty();
        });
    if (spec_column == spec_.columns.end()) {
      const bool localized_elsewhere =
          std::any_of(spec_.columns.begin(), spec_.columns.end(),
                      [&](const ColumnSpec& c) { return c.name == header.base && c.localized; });
      if (localized_elsewhere) {
        assembler_.error({name_, position, written},
                         "a text in every language: name one column per language, e.g. " + header.base +
                             "::" + (languages.empty() ? "nl" : languages.front()));
      } else if (header.language.empty() && written.find(':') != std::string::npos) {
        assembler_.error({name_, position, written},
                         "unknown column; a language is written after two colons, e.g. title::nl");
      } else {
        assembler_.error({name_, position, written},
                         "unknown column; the columns of " + name_ + " are: " + column_list(spec_));
      }
      continue;
    }
    if (!header.language.empty() &&
        std::find(languages.begin(), languages.end(), header.language) == languages.end()) {
      std::string listed;
      for (const auto& language : languages) listed += (listed.empty() ? "" : ", ") + language;
      assembler_.error(
          {name_, position, written},
          "'" + header.language + "' is not a language of this pack (settings: languages " + listed + ")");
      continue;
    }
    const std::string key = header.language.empty() ? header.base : header.base + "::" + header.language;
    if (auto [it, inserted] = columns_.try_emplace(key, position.column, written); !inserted) {
      assembler_.error({name_, position, written},
                       "this column is there twice (also " + cell_name({1, it->second.first}) + ")");
      continue;
    }
    known_columns.insert(position.column);
    if (!header.language.empty()) seen_languages[header.base].insert(header.language);
  }
  std::set<int> data_rows;
  for (const auto& [position, cell] : cells_->cells) {
    if (position.row > 1 && known_columns.count(position.column)) data_rows.insert(position.row);
    if (position.row > 1 && !known_columns.count(position.column) &&
        !cells_->cells.count({1, position.column})) {
      // A value under no header at all is most likely a column whose name was forgotten.
      assembler_.error({name_, position, {}}, "a value in a column without a name in row 1");
    }
  }
  rows_.assign(data_rows.begin(), data_rows.end());
  for (const auto& column : spec_.columns) {
    const bool any = column.localized ? seen_languages.count(std::string(column.name)) > 0
                                      : columns_.count(std::string(column.name)) > 0;
    if (!column.localized) {
      if (!any && column.required && !rows_.empty())
        assembler_.error({name_, {}, {}}, "no column '" + std::string(column.name) + "'");
      continue;
    }
    if (!any && !(column.required && !rows_.empty())) continue;
    for (const auto& language : languages) {
      if (!columns_.count(std::string(column.name) + "::" + language)) {
        assembler_.error({name_, {}, {}}, "no column " + std::string(column.name) + "::" + language +
                                              ", but the pack has the language " + language);
      }
    }
  }
  for (const auto& [first, last] : cells_->merged) {
    assembler_.error({name_, first, {}}, "merged cells (" + cell_name(first) + ":" + cell_name(last) +
                                             "); unmerge them and fill in each cell");
  }
}

const Cell* SheetView::cell(int row, const std::string& header) const {
  const auto column = columns_.find(header);
  if (!cells_ || column == columns_.end()) return nullptr;
  const auto found = cells_->cells.find({row, column->second.first});
  return found == cells_->cells.end() ? nullptr : &found->second;
}

Place SheetView::place(int row, const std::string& header) const {
  const auto column = columns_.find(header);
  if (column == columns_.end()) return {name_, {row, 0}, {}};
  return {name_, {row, column->second.first}, column->second.second};
}

const SheetCells* Assembler::find_sheet(std::string_view name) const {
  const auto found = std::find_if(workbook_.sheets.begin(), workbook_.sheets.end(),
                                  [&](const SheetCells& sheet) { return sheet.name == name; });
  return found == workbook_.sheets.end() ? nullptr : &*found;
}

void Assembler::check_sheets() {
  std::string known;
  for (const auto& spec : pack_sheet_specs()) known += (known.empty() ? "" : ", ") + std::string(spec.name);
  for (const auto& sheet : workbook_.sheets) {
    if (sheet.name == kReadMeSheet || find_sheet_spec(sheet.name)) continue;
    error("sheet '" + sheet.name + "': unknown sheet; the sheets of a pack are " + known + " (and " +
          std::string(kReadMeSheet) + ", which is not read)");
  }
}

bool Assembler::usable(const SheetView& sheet, int row, const std::string& header, const Cell& cell) {
  switch (cell.kind) {
    case CellKind::date:
      error(sheet.place(row, header),
            "a date; the spreadsheet turned what was typed into a date. Write it as text, e.g. 2009-11-13 "
            "(in Excel, type ' before it)");
      return false;
    case CellKind::error:
      error(sheet.place(row, header), "a formula that gives the error " + cell.text);
      return false;
    case CellKind::formula_without_value:
      error(sheet.place(row, header),
            "a formula with no saved result; open the workbook in Excel or LibreOffice and save it again, or "
            "type the value");
      return false;
    default:
      return true;
  }
}

std::optional<std::string> Assembler::plain(const SheetView& sheet, int row, const std::string& header) {
  const Cell* cell = sheet.cell(row, header);
  if (!cell || !usable(sheet, row, header, *cell)) return std::nullopt;
  std::string value = trim(cell->text);
  if (value.empty()) return std::nullopt;
  return value;
}

void Assembler::value(const SheetView& sheet, int row, const std::string& header, const std::string& pointer,
                      ValueType type) {
  const auto content = plain(sheet, row, header);
  if (!content) return;
  const Place at = sheet.place(row, header);
  const Cell& cell = *sheet.cell(row, header);
  remember(pointer, at);
  ordered_json& target = pack_[Pointer(pointer)];
  switch (type) {
    case ValueType::integer: {
      const auto number = whole_number(*content, cell.kind == CellKind::number);
      if (!number) {
        error(at, "'" + *content + "' is not a whole number");
        target = nullptr;
        return;
      }
      target = *number;
      return;
    }
    case ValueType::boolean: {
      std::string lower = *content;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return std::tolower(c); });
      // LibreOffice reads an .xlsx TRUE as the formula =TRUE(), a number cell of 1.
      if (cell.kind == CellKind::number && (lower == "1" || lower == "0"))
        lower = lower == "1" ? "true" : "false";
      if (lower != "true" && lower != "false") {
        error(at, "'" + *content + "' is neither true nor false");
        target = nullptr;
        return;
      }
      target = lower == "true";
      return;
    }
    case ValueType::list: {
      target = ordered_json::array();
      for (auto& item : split_list(*content, ", \n\t;")) target.push_back(std::move(item));
      return;
    }
    case ValueType::string:
    case ValueType::text:
      target = *content;
      return;
  }
}

void Assembler::text(const SheetView& sheet, int row, std::string_view base, const std::string& pointer,
                     bool optional) {
  ordered_json out = ordered_json::object();
  std::vector<std::string> empty;
  std::size_t columns = 0;
  for (const auto& language : languages_) {
    const std::string header = std::string(base) + "::" + language;
    if (!sheet.has_column(header)) continue;  // reported with the header row
    ++columns;
    const Cell* cell = sheet.cell(row, header);
    remember(pointer + "/" + language, sheet.place(row, header));
    if (cell && !usable(sheet, row, header, *cell)) continue;
    if (!cell || trim(cell->text).empty()) {
      empty.push_back(header);
      continue;
    }
    out[language] = cell->text;
  }
  if (out.empty() && optional && empty.size() == columns) return;
  for (const auto& header : empty) {
    const Header parsed = parse_header(header);
    error(sheet.place(row, header), "empty, but the pack has the language " + parsed.language);
  }
  remember(pointer, sheet.place(row, std::string(base) + "::" + languages_.front()));
  pack_[Pointer(pointer)] = std::move(out);
}

// The value of the row with the key languages, found before the sheet is read through its headers:
// every text column of every sheet is checked against it.
std::vector<std::string> languages_of(const SheetCells& settings) {
  std::optional<int> key_column;
  std::optional<int> value_column;
  for (const auto& [position, cell] : settings.cells) {
    if (position.row != 1) continue;
    if (trim(cell.text) == "key") key_column = position.column;
    if (trim(cell.text) == "value") value_column = position.column;
  }
  if (!key_column || !value_column) return {};
  for (const auto& [position, cell] : settings.cells) {
    if (position.column != *key_column || trim(cell.text) != "languages") continue;
    const auto value = settings.cells.find({position.row, *value_column});
    if (value != settings.cells.end()) return split_list(value->second.text, ", \n\t;");
  }
  return {};
}

void Assembler::settings(const SheetView& checked) {
  std::map<std::string, int> seen;  // key: row
  for (int row : checked.rows()) {
    const auto key = plain(checked, row, "key");
    if (!key) {
      error(checked.place(row, "key"), "empty: every row of settings needs a key");
      continue;
    }
    const SettingSpec* spec = find_setting_spec(*key);
    if (!spec) {
      error(checked.place(row, "key"), "unknown key '" + *key + "' (the read-me sheet lists them)");
      continue;
    }
    if (auto [it, inserted] = seen.try_emplace(*key, row); !inserted) {
      error(checked.place(row, "key"), "key '" + *key + "' is there twice (also " +
                                           cell_name(checked.place(it->second, "key").cell) + ")");
      continue;
    }
    const bool has_plain = checked.cell(row, "value") != nullptr;
    bool has_text = false;
    for (const auto& language : languages_) has_text = has_text || checked.cell(row, "value::" + language);
    if (spec->type == ValueType::text) {
      if (has_plain) {
        error(checked.place(row, "value"), std::string(spec->key) +
                                               " is a text in every language: write it in " +
                                               "the value::LANGUAGE columns");
      }
      text(checked, row, "value", std::string(spec->pointer), false);
      continue;
    }
    if (has_text) {
      error(checked.place(row, "value::" + languages_.front()),
            std::string(spec->key) + " is the same in every language: write it in the column value");
    }
    if (spec->key == "top_n.from" && plain(checked, row, "value").value_or("") == kAllPoints) {
      top_n_all_place_ = checked.place(row, "value");
      remember(std::string(spec->pointer), *top_n_all_place_);
      continue;
    }
    if (!has_plain) {
      error(checked.place(row, "value"), "empty: " + std::string(spec->key) + " needs a value");
      continue;
    }
    value(checked, row, "value", std::string(spec->pointer), spec->type);
  }
  for (const auto& [key, row] : seen) setting_rows_.insert(key);
  for (const auto& spec : pack_setting_specs()) {
    if (spec.required && !seen.count(std::string(spec.key)))
      error({"settings", {}, {}}, "no row with the key '" + std::string(spec.key) + "'");
  }
  if (!pack_.contains("settings")) pack_["settings"] = ordered_json::object();
}

void Assembler::scales(const SheetView& sheet) {
  sheet_of_pointer_["/scales"] = sheet.name();
  pack_["scales"] = ordered_json::array();
  ordered_json* scale = nullptr;
  std::string base;
  long long last_value = 0;
  bool has_value = false;               // the current scale has a value row already
  std::map<std::string, int> statuses;  // of the current status scale: row
  for (int row : sheet.rows()) {
    if (sheet.cell(row, "id")) {
      base = "/scales/" + std::to_string(pack_["scales"].size());
      pack_["scales"].push_back(ordered_json::object());
      scale = &pack_["scales"].back();
      remember(base, sheet.place(row, "id"));
      value(sheet, row, "id", base + "/id", ValueType::string);
      value(sheet, row, "kind", base + "/kind", ValueType::string);
      text(sheet, row, "question", base + "/question", false);
      text(sheet, row, "no_opinion", base + "/no_opinion", false);
      for (const auto& language : languages_) {
        if (sheet.cell(row, "label::" + language))
          error(sheet.place(row, "label::" + language),
                "a scale's labels go on the rows below it, one per value");
      }
      if (sheet.cell(row, "value"))
        error(sheet.place(row, "value"), "a scale's values go on the rows below it, one per row");
      const bool status = scale->value("kind", "") == "status";
      (*scale)["labels"] = status ? ordered_json::object() : ordered_json::array();
      has_value = false;
      statuses.clear();
      continue;
    }
    const auto value_text = plain(sheet, row, "value");
    if (!scale) {
      error(sheet.place(row, "value"), "a value before any scale; a scale's row has its id");
      continue;
    }
    if (!value_text) {
      error(sheet.place(row, "value"), "empty: a row below a scale holds one value and its label");
      continue;
    }
    if ((*scale)["labels"].is_object()) {
      const std::string pointer = base + "/labels/" + *value_text;
      if (auto [it, inserted] = statuses.try_emplace(*value_text, row); !inserted) {
        error(sheet.place(row, "value"), "'" + *value_text + "' is there twice in this scale (also " +
                                             cell_name(sheet.place(it->second, "value").cell) + ")");
        continue;
      }
      remember(pointer, sheet.place(row, "value"));
      text(sheet, row, "label", pointer, false);
      continue;
    }
    const auto parsed = whole_number(*value_text, sheet.cell(row, "value")->kind == CellKind::number);
    if (!parsed) {
      error(sheet.place(row, "value"),
            "'" + *value_text +
                "' is not a whole number (a scale of kind status has the values not-started, "
                "planned, started, done, not-applicable)");
      continue;
    }
    const long long number = *parsed;
    if (has_value && number != last_value + 1) {
      error(sheet.place(row, "value"), std::to_string(number) + " after " + std::to_string(last_value) +
                                           ": the values of a scale go up by one");
    }
    if (!has_value) {
      (*scale)["min"] = number;
      remember(base + "/min", sheet.place(row, "value"));
    }
    (*scale)["max"] = number;
    remember(base + "/max", sheet.place(row, "value"));
    last_value = number;
    has_value = true;
    // Read the size afresh: adding min and max above moved the scale's members.
    text(sheet, row, "label", base + "/labels/" + std::to_string((*scale)["labels"].size()), false);
  }
}

// themes, roles, scenes, points, missed: one row per item, into the array at pointer.
void Assembler::items(const SheetView& sheet, const std::string& pointer,
                      std::initializer_list<const char*> texts) {
  sheet_of_pointer_[pointer] = sheet.name();
  if (!sheet.present() || sheet.rows().empty()) return;
  ordered_json& list = pack_[Pointer(pointer)] = ordered_json::array();
  for (int row : sheet.rows()) {
    const std::string base = pointer + "/" + std::to_string(list.size());
    list.push_back(ordered_json::object());
    remember(base, sheet.place(row, "id"));
    value(sheet, row, "id", base + "/id", ValueType::string);
    for (const char* name : texts) text(sheet, row, name, base + "/" + name, false);
    for (const char* name : {"source", "level", "theme"})
      if (sheet.has_column(name)) value(sheet, row, name, base + "/" + name, ValueType::string);
    if (sheet.has_column("cites")) {
      if (auto cites = plain(sheet, row, "cites")) {
        ordered_json& out = pack_[Pointer(base + "/cites")] = ordered_json::array();
        for (auto& cite : split_list(*cites, "\n")) out.push_back(std::move(cite));
        remember(base + "/cites", sheet.place(row, "cites"));
      }
    }
    if (sheet.has_column("related")) value(sheet, row, "related", base + "/related", ValueType::list);
    if (auto ref = sheet.has_column("refers_to") ? plain(sheet, row, "refers_to") : std::nullopt) {
      const auto slash = ref->find('/');
      remember(base + "/refers_to", sheet.place(row, "refers_to"));
      if (slash == std::string::npos) {
        error(sheet.place(row, "refers_to"),
              "write the earlier pack's id and its point's id as pack-id/point-id");
      } else {
        pack_[Pointer(base + "/refers_to")] = {{"pack", trim(ref->substr(0, slash))},
                                               {"point", trim(ref->substr(slash + 1))}};
      }
    }
  }
}

void Assembler::questions(const SheetView& sheet, const SheetView& options) {
  sheet_of_pointer_["/open_questions"] = sheet.name();
  sheet_of_pointer_["/sections"] = sheet.name();
  std::map<std::string, std::string> choice_pointers;  // question id: pointer
  const auto show_if = [&](int row, const std::string& pointer) {
    const auto condition = plain(sheet, row, "show_if");
    if (!condition) return;
    remember(pointer, sheet.place(row, "show_if"));
    const auto colon = condition->find(':');
    if (colon == std::string::npos) {
      error(sheet.place(row, "show_if"),
            "write the question and its options as question-id: option-id, option-id");
      return;
    }
    ordered_json any_of = ordered_json::array();
    for (auto& option : split_list(condition->substr(colon + 1), ", \n\t;"))
      any_of.push_back(std::move(option));
    pack_[Pointer(pointer)] = {{"question", trim(condition->substr(0, colon))},
                               {"any_of", std::move(any_of)}};
  };
  const auto refuse = [&](int row, std::initializer_list<const char*> bases, std::string_view type) {
    for (const char* name : bases) {
      for (const auto& language : languages_) {
        if (sheet.cell(row, std::string(name) + "::" + language))
          error(sheet.place(row, std::string(name) + "::" + language),
                "a row of type " + std::string(type) + " has no " + name);
      }
    }
  };
  std::optional<std::size_t> section;
  for (int row : sheet.rows()) {
    const auto type = plain(sheet, row, "type");
    if (!type) {
      error(sheet.place(row, "type"), "empty; write section, single, multiple or open");
      continue;
    }
    if (*type == "section") {
      if (!pack_.contains("sections")) pack_["sections"] = ordered_json::array();
      section = pack_["sections"].size();
      const std::string base = "/sections/" + std::to_string(*section);
      pack_["sections"].push_back(ordered_json::object());
      remember(base, sheet.place(row, "id"));
      value(sheet, row, "id", base + "/id", ValueType::string);
      text(sheet, row, "title", base + "/title", false);
      show_if(row, base + "/show_if");
      pack_[Pointer(base + "/questions")] = ordered_json::array();
      refuse(row, {"question", "hint", "other"}, "section");
    } else if (*type == "single" || *type == "multiple") {
      if (!section) {
        error(sheet.place(row, "type"),
              "a choice question before any section row; put a row of type section above it");
        continue;
      }
      ordered_json& list = pack_["sections"][*section]["questions"];
      const std::string base =
          "/sections/" + std::to_string(*section) + "/questions/" + std::to_string(list.size());
      list.push_back(ordered_json::object());
      remember(base, sheet.place(row, "id"));
      value(sheet, row, "id", base + "/id", ValueType::string);
      value(sheet, row, "type", base + "/type", ValueType::string);
      text(sheet, row, "question", base + "/question", false);
      text(sheet, row, "hint", base + "/hint", true);
      pack_[Pointer(base + "/options")] = ordered_json::array();
      text(sheet, row, "other", base + "/other", true);
      show_if(row, base + "/show_if");
      refuse(row, {"title"}, *type);
      if (auto id = plain(sheet, row, "id")) choice_pointers[*id] = base;
    } else if (*type == "open") {
      if (!pack_.contains("open_questions")) pack_["open_questions"] = ordered_json::array();
      const std::string base = "/open_questions/" + std::to_string(pack_["open_questions"].size());
      pack_["open_questions"].push_back(ordered_json::object());
      remember(base, sheet.place(row, "id"));
      value(sheet, row, "id", base + "/id", ValueType::string);
      text(sheet, row, "question", base + "/question", false);
      text(sheet, row, "hint", base + "/hint", true);
      refuse(row, {"title", "other"}, "open");
      if (plain(sheet, row, "show_if")) error(sheet.place(row, "show_if"), "an open question has no show_if");
    } else {
      error(sheet.place(row, "type"),
            "'" + *type + "' is not a type; write section, single, multiple or open");
    }
  }
  sheet_of_pointer_["/options"] = options.name();
  for (int row : options.rows()) {
    const auto question = plain(options, row, "question");
    if (!question) {
      error(options.place(row, "question"),
            "empty; write the id of the choice question this option belongs to");
      continue;
    }
    const auto found = choice_pointers.find(*question);
    if (found == choice_pointers.end()) {
      error(options.place(row, "question"),
            "'" + *question + "' is not a single or multiple question of the sheet questions");
      continue;
    }
    ordered_json& list = pack_[Pointer(found->second + "/options")];
    const std::string base = found->second + "/options/" + std::to_string(list.size());
    list.push_back(ordered_json::object());
    remember(base, options.place(row, "id"));
    value(options, row, "id", base + "/id", ValueType::string);
    text(options, row, "label", base + "/label", false);
  }
}

void Assembler::hub(const SheetView& sheet) {
  if (!sheet.present()) return;
  pack_["hub"] = ordered_json::object();
  sheet_of_pointer_["/hub"] = sheet.name();
  constexpr std::array<std::string_view, 4> kKeys{"url", "token", "sign_key", "seal_key"};
  for (int row : sheet.rows()) {
    const auto key = plain(sheet, row, "key");
    if (!key || std::find(kKeys.begin(), kKeys.end(), *key) == kKeys.end()) {
      error(sheet.place(row, "key"), "write url, token, sign_key or seal_key");
      continue;
    }
    if (pack_["hub"].contains(*key)) {
      error(sheet.place(row, "key"), "key '" + *key + "' is there twice");
      continue;
    }
    value(sheet, row, "value", "/hub/" + *key, ValueType::string);
  }
}

// "points!A3", or just "A3" within the same sheet; the pointer itself when it has no cell.
std::string Assembler::cell_text_of(const std::string& pointer, const std::string& in_sheet) const {
  std::string at = pointer;
  while (!at.empty()) {
    if (const auto found = places_.find(at); found != places_.end()) {
      const Place& place = found->second;
      return (place.sheet == in_sheet ? "" : place.sheet + "!") + cell_name(place.cell);
    }
    at = at.substr(0, at.rfind('/'));
  }
  return pointer;
}

void Assembler::map_validator_errors(const Errors& errors) {
  const std::string prefix = label_ + ": ";
  for (const auto& line : errors.lines) {
    std::string rest = line.starts_with(prefix) ? line.substr(prefix.size()) : line;
    const auto colon = rest.find(": ");
    if (!rest.starts_with('/') || colon == std::string::npos) {
      error(rest);
      continue;
    }
    const std::string pointer = rest.substr(0, colon);
    std::string reason = rest.substr(colon + 2);
    // Find the cell, or the nearest row or sheet, the value came from.
    std::optional<Place> place;
    std::string at = pointer;
    while (!at.empty() && !place) {
      if (const auto found = places_.find(at); found != places_.end()) {
        place = found->second;
        if (at != pointer && reason == "required key is missing") {
          const std::string key = pointer.substr(pointer.rfind('/') + 1);
          place->header.clear();
          place->cell.column = 0;
          reason = "no " + key + " in this row";
        }
      } else if (const auto sheet = sheet_of_pointer_.find(at); sheet != sheet_of_pointer_.end()) {
        place = Place{sheet->second, {}, {}};
        if (reason == "required key is missing") reason = "no rows";
      }
      at = at.substr(0, at.rfind('/'));
    }
    if (!place && reason == "required key is missing") {
      // A part of the pack that starts in settings (/vignette starts with vignette.title).
      const auto& specs = pack_setting_specs();
      const auto spec = std::find_if(specs.begin(), specs.end(), [&](const SettingSpec& s) {
        return s.pointer == pointer || s.pointer.starts_with(pointer + "/");
      });
      if (spec != specs.end()) {
        if (setting_rows_.count(std::string(spec->key))) continue;  // its row has an error of its own
        place = Place{"settings", {}, {}};
        reason = "no row with the key '" + std::string(spec->key) + "'";
      }
    }
    for (std::size_t also = reason.find("(also at /"); also != std::string::npos;
         also = reason.find("(also at /", also + 1)) {
      const std::size_t start = also + 9;
      const std::size_t end = reason.find(')', start);
      const std::string other = reason.substr(start, end - start);
      reason.replace(start, end - start, cell_text_of(other, place ? place->sheet : ""));
    }
    if (place && reported_.count({place->sheet, place->cell.row, place->cell.column})) continue;
    if (place && reported_.count({place->sheet, 0, 0})) continue;  // the sheet's headers are wrong
    if (place) {
      error(*place, reason);
    } else {
      error(pointer + ": " + reason);
    }
  }
}

Result<PackFromSheet> Assembler::run() {
  check_sheets();
  const SheetCells* settings_cells = find_sheet("settings");
  if (!settings_cells) {
    error(
        "no sheet 'settings'; a pack's workbook has the sheets settings, scales, themes, points and "
        "questions");
    return errors_;
  }
  languages_ = languages_of(*settings_cells);
  if (languages_.empty()) {
    error({"settings", {}, {}}, "no row with the key 'languages' and a value such as: nl, en");
    return errors_;
  }
  settings(SheetView(*this, settings_cells, *find_sheet_spec("settings")));
  const auto view = [&](std::string_view name) {
    return SheetView(*this, find_sheet(name), *find_sheet_spec(name));
  };
  scales(view("scales"));
  items(view("themes"), "/themes", {"label"});
  if (const SheetView roles = view("roles"); !roles.rows().empty()) {
    items(roles, "/roles/options", {"label"});
  } else {
    sheet_of_pointer_["/roles/options"] = "roles";
  }
  items(view("scenes"), "/vignette/scenes", {"title", "body", "who"});
  items(view("points"), "/points", {"title", "body"});
  items(view("missed"), "/missed_opportunities/items", {"title", "body"});
  questions(view("questions"), view("options"));
  hub(view("hub"));
  if (top_n_all_place_) {
    ordered_json all = ordered_json::array();
    for (const auto& point : pack_.value("points", ordered_json::array()))
      all.push_back(point.value("id", ""));
    pack_["top_n"]["from"] = std::move(all);
  }
  // The pack's keys in the order the README lists them, for a file a person can read.
  ordered_json ordered = ordered_json::object();
  for (const char* key : {"format", "id", "version", "languages", "title", "conference", "intro", "settings",
                          "themes", "scales", "point_scales", "roles", "vignette", "points",
                          "missed_opportunities", "top_n", "sections", "open_questions", "hub"}) {
    if (pack_.contains(key)) ordered[key] = std::move(pack_[key]);
  }
  std::string json = ordered.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
  auto parsed = parse_pack(json, label_);
  if (!parsed) map_validator_errors(parsed.errors());
  if (!errors_.lines.empty()) return errors_;
  return PackFromSheet{std::move(parsed.value()), std::move(json)};
}

}  // namespace

Result<PackFromSheet> pack_from_workbook(std::string_view bytes, const std::string& label) {
  auto workbook = read_workbook(bytes, label);
  if (!workbook) return workbook.errors();
  return Assembler(workbook.value(), label).run();
}

}  // namespace peiling::hub
