#include "hub/workbook_reader.hpp"

#include <expat.h>

#include <algorithm>
#include <charconv>
#include <optional>

#include "hub/zip_archive.hpp"

namespace peiling::hub {

std::string cell_name(CellPosition position) {
  std::string letters;
  for (int column = position.column + 1; column > 0; column = (column - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (column - 1) % 26));
  return position.row > 0 ? letters + std::to_string(position.row) : letters;
}

namespace {

constexpr std::string_view kOleSignature{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8};
constexpr std::string_view kOdsMimetype = "application/vnd.oasis.opendocument.spreadsheet";
constexpr std::string_view kTableNs = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
constexpr std::string_view kOfficeNs = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
constexpr std::string_view kTextNs = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr std::string_view kCalcextNs =
    "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0";
constexpr char kNsSeparator = '|';

std::string_view local_name(std::string_view name) {
  const auto bar = name.rfind(kNsSeparator);
  return bar == std::string_view::npos ? name : name.substr(bar + 1);
}

bool is(std::string_view name, std::string_view ns, std::string_view local) {
  return name.size() == ns.size() + 1 + local.size() && name.starts_with(ns) &&
         name[ns.size()] == kNsSeparator && name.ends_with(local);
}

// An attribute by its local name, whatever its namespace (xlsx parts use them unprefixed or under
// the relationships namespace; the caller asks for the ods namespace where it matters).
std::optional<std::string_view> attribute(const char** attributes, std::string_view local,
                                          std::string_view ns = {}) {
  for (const char** at = attributes; *at; at += 2) {
    const std::string_view name = at[0];
    if (ns.empty() ? local_name(name) == local : is(name, ns, local)) return std::string_view(at[1]);
  }
  return std::nullopt;
}

std::optional<long> whole_number(std::optional<std::string_view> text) {
  if (!text) return std::nullopt;
  long value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size()) return std::nullopt;
  return value;
}

// One XML part read with expat: namespaces resolved as "uri|local", DOCTYPEs (and so entity
// declarations) refused, and the first error kept with the part's name and line.
class XmlPart {
 public:
  virtual ~XmlPart() = default;

  std::optional<std::string> parse(const std::string& label, const std::string& part, std::string_view xml) {
    XML_Parser parser = XML_ParserCreateNS("UTF-8", kNsSeparator);
    if (!parser) return label + ": " + part + ": out of memory";
    parser_ = parser;
    XML_SetUserData(parser, this);
    XML_SetElementHandler(
        parser,
        [](void* self, const XML_Char* name, const XML_Char** attributes) {
          static_cast<XmlPart*>(self)->start(name, attributes);
        },
        [](void* self, const XML_Char* name) { static_cast<XmlPart*>(self)->end(name); });
    XML_SetCharacterDataHandler(parser, [](void* self, const XML_Char* text, int length) {
      static_cast<XmlPart*>(self)->text(std::string_view(text, static_cast<std::size_t>(length)));
    });
    XML_SetStartDoctypeDeclHandler(
        parser, [](void* self, const XML_Char*, const XML_Char*, const XML_Char*, int) {
          static_cast<XmlPart*>(self)->stop("a DOCTYPE, which no workbook part has");
        });
    std::optional<std::string> error;
    if (XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), XML_TRUE) != XML_STATUS_OK) {
      if (stopped_) {
        error = stop_reason_;
      } else {
        error = label + ": " + part + ": malformed XML at line " +
                std::to_string(XML_GetCurrentLineNumber(parser)) + ": " +
                XML_ErrorString(XML_GetErrorCode(parser));
      }
    } else if (stopped_) {
      error = stop_reason_;
    }
    XML_ParserFree(parser);
    parser_ = nullptr;
    if (error && !error->starts_with(label)) *error = label + ": " + part + ": " + *error;
    return error;
  }

 protected:
  virtual void start(std::string_view name, const char** attributes) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view) {}

  // Ends the parse; reason is the whole message when it starts with the file's label.
  void stop(std::string reason) {
    if (stopped_) return;
    stopped_ = true;
    stop_reason_ = std::move(reason);
    XML_StopParser(parser_, XML_FALSE);
  }

 private:
  XML_Parser parser_ = nullptr;
  bool stopped_ = false;
  std::string stop_reason_;
};

// Adds a cell, or refuses the sheet when it lies past the limits.
class CellSink {
 public:
  CellSink(SheetCells& sheet, std::string label) : sheet_(sheet), label_(std::move(label)) {}

  // The message when the cell is past the limits, else nullopt.
  std::optional<std::string> add(CellPosition position, Cell cell) {
    if (position.row > kMaxSheetRows) {
      return label_ + ": sheet '" + sheet_.name + "' has a value in row " + std::to_string(position.row) +
             " (" + cell_name(position) + "); a pack's sheet has at most " + std::to_string(kMaxSheetRows) +
             " rows";
    }
    if (position.column >= kMaxSheetColumns) {
      return label_ + ": sheet '" + sheet_.name + "' has a value in column " +
             cell_name({0, position.column}) + " (" + cell_name(position) + "); a pack's sheet has at most " +
             std::to_string(kMaxSheetColumns) + " columns";
    }
    sheet_.cells[position] = std::move(cell);
    return std::nullopt;
  }

 private:
  SheetCells& sheet_;
  std::string label_;
};

// Office Open XML escapes characters XML cannot hold as _xHHHH_ (and a literal "_x" as _x005F_).
std::string decode_ooxml_escapes(std::string text) {
  if (text.find("_x") == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned code = 0;
    if (text.compare(i, 2, "_x") == 0 && i + 7 <= text.size() && text[i + 6] == '_') {
      const auto [end, ec] = std::from_chars(text.data() + i + 2, text.data() + i + 6, code, 16);
      if (ec == std::errc{} && end == text.data() + i + 6) {
        // Only the C0 controls and '_' are written this way; anything else stays as typed.
        if (code < 0x20 || code == 0x5F) {
          out += static_cast<char>(code);
          i += 6;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

// "B14" as {14, 1}; nullopt when it is not a cell reference.
std::optional<CellPosition> parse_reference(std::string_view reference) {
  CellPosition position;
  std::size_t i = 0;
  int column = 0;
  for (; i < reference.size() && reference[i] >= 'A' && reference[i] <= 'Z'; ++i) {
    column = column * 26 + (reference[i] - 'A' + 1);
    if (column > 1'000'000) return std::nullopt;
  }
  if (i == 0) return std::nullopt;
  const auto row = whole_number(reference.substr(i));
  if (!row || *row < 1 || *row > 100'000'000) return std::nullopt;
  position.column = column - 1;
  position.row = static_cast<int>(*row);
  return position;
}

// ---- .xlsx -------------------------------------------------------------------------------------

struct SheetEntry {
  std::string name;
  std::string relationship;
};

class WorkbookPart : public XmlPart {
 public:
  std::vector<SheetEntry> sheets;

 protected:
  void start(std::string_view name, const char** attributes) override {
    if (local_name(name) != "sheet") return;
    const auto sheet_name = attribute(attributes, "name");
    const auto id = attribute(attributes, "id");
    if (sheet_name && id) sheets.push_back({std::string(*sheet_name), std::string(*id)});
  }
  void end(std::string_view) override {}
};

class RelationshipsPart : public XmlPart {
 public:
  std::map<std::string, std::string> targets;      // by Id
  std::map<std::string, std::string> by_type_end;  // the last word of the Type: "sharedStrings"

 protected:
  void start(std::string_view name, const char** attributes) override {
    if (local_name(name) != "Relationship") return;
    const auto id = attribute(attributes, "Id");
    const auto target = attribute(attributes, "Target");
    const auto type = attribute(attributes, "Type");
    if (!id || !target) return;
    std::string path(*target);
    path = path.starts_with('/') ? path.substr(1) : "xl/" + path;
    targets[std::string(*id)] = path;
    if (type) by_type_end[std::string(type->substr(type->rfind('/') + 1))] = path;
  }
  void end(std::string_view) override {}
};

class SharedStringsPart : public XmlPart {
 public:
  std::vector<std::string> strings;

 protected:
  void start(std::string_view name, const char**) override {
    const auto local = local_name(name);
    if (local == "si") current_.clear();
    if (local == "rPh") ++phonetic_depth_;  // East Asian reading aids, not part of the text
    if (local == "t") in_text_ = phonetic_depth_ == 0;
  }
  void end(std::string_view name) override {
    const auto local = local_name(name);
    if (local == "t") in_text_ = false;
    if (local == "rPh") --phonetic_depth_;
    if (local == "si") strings.push_back(decode_ooxml_escapes(std::move(current_)));
  }
  void text(std::string_view text) override {
    if (in_text_) current_ += text;
  }

 private:
  std::string current_;
  bool in_text_ = false;
  int phonetic_depth_ = 0;
};

// Which cell formats (the s attribute of a cell) show a number as a date or time.
class StylesPart : public XmlPart {
 public:
  std::vector<bool> date_formats;

 protected:
  void start(std::string_view name, const char** attributes) override {
    const auto local = local_name(name);
    if (local == "numFmt") {
      const auto id = whole_number(attribute(attributes, "numFmtId"));
      const auto code = attribute(attributes, "formatCode");
      if (id && code && is_date_code(*code)) custom_dates_.push_back(*id);
    } else if (local == "cellXfs") {
      in_cell_formats_ = true;
    } else if (local == "xf" && in_cell_formats_) {
      const long id = whole_number(attribute(attributes, "numFmtId")).value_or(0);
      const bool builtin_date = (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
                                (id >= 50 && id <= 58);
      date_formats.push_back(builtin_date || std::find(custom_dates_.begin(), custom_dates_.end(), id) !=
                                                 custom_dates_.end());
    }
  }
  void end(std::string_view name) override {
    if (local_name(name) == "cellXfs") in_cell_formats_ = false;
  }

 private:
  // A format code with a day, month, year, hour or second in it, outside quotes and [colours].
  static bool is_date_code(std::string_view code) {
    bool quoted = false;
    bool bracket = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
      const char c = code[i];
      if (c == '"') quoted = !quoted;
      if (quoted) continue;
      if (c == '\\') {
        ++i;
        continue;
      }
      if (c == '[') bracket = true;
      if (c == ']') bracket = false;
      if (bracket) continue;
      if (std::string_view("dDmMyYhHsS").find(c) != std::string_view::npos) return code != "General";
    }
    return false;
  }

  std::vector<long> custom_dates_;
  bool in_cell_formats_ = false;
};

class XlsxSheetPart : public XmlPart {
 public:
  XlsxSheetPart(SheetCells& sheet, std::string label, const std::vector<std::string>& strings,
                const std::vector<bool>& date_formats)
      : sheet_(sheet), sink_(sheet, std::move(label)), strings_(strings), date_formats_(date_formats) {}

 protected:
  void start(std::string_view name, const char** attributes) override {
    const auto local = local_name(name);
    if (local == "row") {
      const auto r = whole_number(attribute(attributes, "r"));
      row_ = r && *r > 0 ? static_cast<int>(std::min(*r, 100'000'000L)) : row_ + 1;
      column_ = -1;
    } else if (local == "c") {
      const auto reference = attribute(attributes, "r");
      const auto position = reference ? parse_reference(*reference) : std::nullopt;
      if (position) {
        row_ = position->row;
        column_ = position->column;
      } else {
        ++column_;
      }
      type_ = std::string(attribute(attributes, "t").value_or("n"));
      style_ = whole_number(attribute(attributes, "s")).value_or(0);
      value_.clear();
      has_value_ = false;
      has_formula_ = false;
    } else if (local == "v") {
      in_value_ = true;
      has_value_ = true;
    } else if (local == "f") {
      has_formula_ = true;
    } else if (local == "is") {
      in_inline_ = true;
      has_value_ = true;
    } else if (local == "rPh") {
      ++phonetic_depth_;
    } else if (local == "t" && in_inline_) {
      in_value_ = phonetic_depth_ == 0;
    } else if (local == "mergeCell") {
      const auto reference = attribute(attributes, "ref").value_or("");
      const auto colon = reference.find(':');
      const auto first = parse_reference(reference.substr(0, colon));
      const auto last =
          colon == std::string_view::npos ? first : parse_reference(reference.substr(colon + 1));
      if (first && last) sheet_.merged.emplace_back(*first, *last);
    }
  }

  void end(std::string_view name) override {
    const auto local = local_name(name);
    if (local == "v" || local == "t") in_value_ = false;
    if (local == "is") in_inline_ = false;
    if (local == "rPh") --phonetic_depth_;
    if (local == "c") finish_cell();
  }

  void text(std::string_view text) override {
    if (in_value_) value_ += text;
  }

 private:
  void finish_cell() {
    std::optional<Cell> cell = make_cell();
    if (!cell) return;
    if (auto refused = sink_.add({row_, std::max(column_, 0)}, std::move(*cell))) stop(std::move(*refused));
  }

  std::optional<Cell> make_cell() {
    if (!has_value_) {
      if (has_formula_) return Cell{CellKind::formula_without_value, {}};
      return std::nullopt;
    }
    if (type_ == "s") {
      const auto index = whole_number(value_);
      if (!index || *index < 0 || static_cast<std::size_t>(*index) >= strings_.size())
        return Cell{CellKind::error, "#REF! (a shared string that is not there)"};
      return Cell{CellKind::text, strings_[static_cast<std::size_t>(*index)]};
    }
    if (type_ == "inlineStr" || type_ == "str") return Cell{CellKind::text, decode_ooxml_escapes(value_)};
    if (type_ == "b") return Cell{CellKind::boolean, value_ == "1" || value_ == "true" ? "true" : "false"};
    if (type_ == "e") return Cell{CellKind::error, value_};
    if (type_ == "d") return Cell{CellKind::date, value_};
    const bool dated = style_ >= 0 && static_cast<std::size_t>(style_) < date_formats_.size() &&
                       date_formats_[static_cast<std::size_t>(style_)];
    return Cell{dated ? CellKind::date : CellKind::number, value_};
  }

  SheetCells& sheet_;
  CellSink sink_;
  const std::vector<std::string>& strings_;
  const std::vector<bool>& date_formats_;
  int row_ = 0;
  int column_ = -1;
  std::string type_;
  long style_ = 0;
  std::string value_;
  bool has_value_ = false;
  bool has_formula_ = false;
  bool in_value_ = false;
  bool in_inline_ = false;
  int phonetic_depth_ = 0;
};

// Reads one part that must be there, or says it is missing.
Result<std::string> required_part(ZipArchive& archive, const std::string& label, const std::string& name) {
  auto bytes = archive.read(name);
  if (!bytes) return bytes.errors();
  if (!bytes.value())
    return Result<std::string>::failure(label + ": not a workbook: the part '" + name + "' is missing");
  return std::move(*bytes.value());
}

Result<Workbook> read_xlsx(ZipArchive& archive, const std::string& label) {
  auto workbook_xml = required_part(archive, label, "xl/workbook.xml");
  if (!workbook_xml) return workbook_xml.errors();
  WorkbookPart workbook_part;
  if (auto error = workbook_part.parse(label, "xl/workbook.xml", workbook_xml.value()))
    return Result<Workbook>::failure(*error);
  auto rels_xml = required_part(archive, label, "xl/_rels/workbook.xml.rels");
  if (!rels_xml) return rels_xml.errors();
  RelationshipsPart rels;
  if (auto error = rels.parse(label, "xl/_rels/workbook.xml.rels", rels_xml.value()))
    return Result<Workbook>::failure(*error);

  // A part that is listed but absent reads as empty: workbooks without any text have no strings.
  const auto optional_part = [&](const char* type, auto& part) -> std::optional<std::string> {
    const auto found = rels.by_type_end.find(type);
    if (found == rels.by_type_end.end()) return std::nullopt;
    auto bytes = archive.read(found->second);
    if (!bytes) return bytes.errors().joined();
    if (!bytes.value()) return std::nullopt;
    return part.parse(label, found->second, *bytes.value());
  };
  SharedStringsPart strings;
  if (auto error = optional_part("sharedStrings", strings)) return Result<Workbook>::failure(*error);
  StylesPart styles;
  if (auto error = optional_part("styles", styles)) return Result<Workbook>::failure(*error);

  Workbook out;
  Errors errors;
  for (const auto& entry : workbook_part.sheets) {
    const auto target = rels.targets.find(entry.relationship);
    if (target == rels.targets.end()) continue;  // a chart sheet or a broken link: nothing to read
    auto sheet_xml = archive.read(target->second);
    if (!sheet_xml) return sheet_xml.errors();
    if (!sheet_xml.value()) continue;
    SheetCells& sheet = out.sheets.emplace_back();
    sheet.name = entry.name;
    XlsxSheetPart part(sheet, label, strings.strings, styles.date_formats);
    if (auto error = part.parse(label, target->second, *sheet_xml.value())) errors.lines.push_back(*error);
  }
  if (!errors.lines.empty()) return errors;
  return out;
}

// ---- .ods --------------------------------------------------------------------------------------

class OdsContentPart : public XmlPart {
 public:
  OdsContentPart(Workbook& workbook, std::string label) : workbook_(workbook), label_(std::move(label)) {}

 protected:
  void start(std::string_view name, const char** attributes) override {
    if (annotation_depth_ > 0 || is(name, kOfficeNs, "annotation")) {
      ++annotation_depth_;  // a comment on the cell, not its value
      return;
    }
    if (is(name, kTableNs, "table") && !sheet_) {
      sheet_ = &workbook_.sheets.emplace_back();
      sheet_->name = std::string(attribute(attributes, "name", kTableNs).value_or(""));
      sink_.emplace(*sheet_, label_);
      row_ = 0;
    } else if (!sheet_) {
      return;
    } else if (is(name, kTableNs, "table-row")) {
      row_repeat_ =
          std::max(1L, whole_number(attribute(attributes, "number-rows-repeated", kTableNs)).value_or(1));
      row_cells_.clear();
      column_ = 0;
    } else if (is(name, kTableNs, "table-cell") || is(name, kTableNs, "covered-table-cell")) {
      in_cell_ = true;
      cell_ = {};
      cell_.repeat =
          std::max(1L, whole_number(attribute(attributes, "number-columns-repeated", kTableNs)).value_or(1));
      cell_.value_type = std::string(attribute(attributes, "value-type", kOfficeNs).value_or(""));
      cell_.error = attribute(attributes, "value-type", kCalcextNs).value_or("") == "error";
      cell_.value = std::string(attribute(attributes, "value", kOfficeNs).value_or(""));
      cell_.boolean = std::string(attribute(attributes, "boolean-value", kOfficeNs).value_or(""));
      if (auto string_value = attribute(attributes, "string-value", kOfficeNs))
        cell_.string_value = *string_value;
      cell_.formula = attribute(attributes, "formula", kTableNs).has_value();
      cell_.columns_spanned =
          whole_number(attribute(attributes, "number-columns-spanned", kTableNs)).value_or(1);
      cell_.rows_spanned = whole_number(attribute(attributes, "number-rows-spanned", kTableNs)).value_or(1);
    } else if (in_cell_ && is(name, kTextNs, "p")) {
      if (cell_.paragraphs++ > 0) cell_.text += '\n';
      in_paragraph_ = true;
    } else if (in_paragraph_ && is(name, kTextNs, "s")) {
      cell_.text.append(static_cast<std::size_t>(std::clamp(
                            whole_number(attribute(attributes, "c", kTextNs)).value_or(1), 1L, 1000L)),
                        ' ');
    } else if (in_paragraph_ && is(name, kTextNs, "tab")) {
      cell_.text += '\t';
    } else if (in_paragraph_ && is(name, kTextNs, "line-break")) {
      cell_.text += '\n';
    }
  }

  void end(std::string_view name) override {
    if (annotation_depth_ > 0) {
      --annotation_depth_;
      return;
    }
    if (!sheet_) return;
    if (is(name, kTextNs, "p")) {
      in_paragraph_ = false;
    } else if (is(name, kTableNs, "table-cell") || is(name, kTableNs, "covered-table-cell")) {
      in_cell_ = false;
      finish_cell();
    } else if (is(name, kTableNs, "table-row")) {
      finish_row();
    } else if (is(name, kTableNs, "table")) {
      sheet_ = nullptr;
      sink_.reset();
    }
  }

  void text(std::string_view text) override {
    if (in_paragraph_ && annotation_depth_ == 0) cell_.text += text;
  }

 private:
  struct PendingCell {
    long repeat = 1;
    std::string value_type;
    bool error = false;
    std::string value;
    std::string boolean;
    std::optional<std::string> string_value;
    bool formula = false;
    long columns_spanned = 1;
    long rows_spanned = 1;
    std::string text;
    int paragraphs = 0;
  };

  std::optional<Cell> make_cell() const {
    if (cell_.error) return Cell{CellKind::error, cell_.text};
    if (cell_.value_type.empty()) {
      if (cell_.formula) return Cell{CellKind::formula_without_value, {}};
      return std::nullopt;
    }
    if (cell_.value_type == "string") return Cell{CellKind::text, cell_.string_value.value_or(cell_.text)};
    if (cell_.value_type == "boolean")
      return Cell{CellKind::boolean, cell_.boolean == "true" ? "true" : "false"};
    if (cell_.value_type == "date" || cell_.value_type == "time") return Cell{CellKind::date, cell_.text};
    return Cell{CellKind::number, cell_.value};
  }

  void finish_cell() {
    const int row = row_ + 1;
    if (cell_.columns_spanned > 1 || cell_.rows_spanned > 1) {
      const auto span = [](long count) { return static_cast<int>(std::clamp(count, 1L, 100'000L)) - 1; };
      sheet_->merged.emplace_back(
          CellPosition{row, column_},
          CellPosition{row + span(cell_.rows_spanned), column_ + span(cell_.columns_spanned)});
    }
    if (auto cell = make_cell()) {
      // A value repeated past the limits is refused by the sink at the first cell beyond them.
      const long repeat = std::min(cell_.repeat, static_cast<long>(kMaxSheetColumns) + 1);
      for (long i = 0; i < repeat; ++i) row_cells_.emplace_back(column_ + static_cast<int>(i), *cell);
    }
    column_ += static_cast<int>(std::min(cell_.repeat, 1'000'000L));
  }

  void finish_row() {
    if (!row_cells_.empty()) {
      const long repeat = std::min(row_repeat_, static_cast<long>(kMaxSheetRows) + 1);
      for (long r = 0; r < repeat; ++r) {
        for (const auto& [column, cell] : row_cells_) {
          if (auto refused = sink_->add({row_ + 1 + static_cast<int>(r), column}, cell)) {
            stop(std::move(*refused));
            return;
          }
        }
      }
    }
    row_ += static_cast<int>(std::min(row_repeat_, 100'000'000L));
  }

  Workbook& workbook_;
  std::string label_;
  SheetCells* sheet_ = nullptr;
  std::optional<CellSink> sink_;
  int row_ = 0;  // rows finished so far
  long row_repeat_ = 1;
  int column_ = 0;
  std::vector<std::pair<int, Cell>> row_cells_;
  PendingCell cell_;
  bool in_cell_ = false;
  bool in_paragraph_ = false;
  int annotation_depth_ = 0;
};

Result<Workbook> read_ods(ZipArchive& archive, const std::string& label) {
  auto manifest = archive.read("META-INF/manifest.xml");
  if (!manifest) return manifest.errors();
  if (manifest.value() && manifest.value()->find("encryption-data") != std::string::npos) {
    return Result<Workbook>::failure(
        label + ": the workbook is protected with a password; save it without one and try again");
  }
  auto content = required_part(archive, label, "content.xml");
  if (!content) return content.errors();
  Workbook out;
  OdsContentPart part(out, label);
  if (auto error = part.parse(label, "content.xml", content.value()))
    return Result<Workbook>::failure(*error);
  return out;
}

}  // namespace

Result<Workbook> read_workbook(std::string_view bytes, const std::string& label) {
  if (bytes.starts_with(kOleSignature)) {
    return Result<Workbook>::failure(label +
                                     ": the workbook is protected with a password, or is an old .xls file; "
                                     "save it without a password as .xlsx or .ods and try again");
  }
  if (!bytes.starts_with("PK")) {
    return Result<Workbook>::failure(label +
                                     ": not an .xlsx or .ods workbook (the file is not a zip archive)");
  }
  auto archive = ZipArchive::open(bytes, label);
  if (!archive) return archive.errors();
  if (archive->contains("xl/workbook.xml")) return read_xlsx(archive.value(), label);
  auto mimetype = archive->read("mimetype");
  if (!mimetype) return mimetype.errors();
  if (mimetype.value() && *mimetype.value() == kOdsMimetype) return read_ods(archive.value(), label);
  return Result<Workbook>::failure(label + ": a zip archive, but neither an .xlsx nor an .ods workbook");
}

}  // namespace peiling::hub
