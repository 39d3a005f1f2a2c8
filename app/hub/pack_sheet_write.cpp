// workbook_from_pack: a valid pack as the workbook pack_from_workbook reads (libxlsxwriter).
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/json_file.hpp"
#include "hub/pack_sheet.hpp"
#include "hub/pack_sheet_layout.hpp"

namespace peiling::hub {

namespace {

using nlohmann::ordered_json;

enum class OutKind { text, number, boolean };
struct OutCell {
  OutKind kind = OutKind::text;
  std::string text;
  double number = 0;
  bool boolean = false;
};

struct OutSheet {
  std::string name;
  std::vector<std::string> headers;
  std::vector<std::vector<OutCell>> rows;
};

constexpr double kMaxColumnWidth = 60;
constexpr double kLineHeight = 15;
constexpr double kMaxRowHeight = 409;  // Excel's limit

// Fills one sheet's rows by header name, so that the order of columns stays the layout's.
class RowBuilder {
 public:
  explicit RowBuilder(OutSheet& sheet) : sheet_(sheet) {}
  RowBuilder& row() {
    sheet_.rows.emplace_back(sheet_.headers.size());
    return *this;
  }
  RowBuilder& text(std::string_view header, std::string_view value) {
    cell(header) = {OutKind::text, std::string(value)};
    return *this;
  }
  RowBuilder& number(std::string_view header, double value) {
    cell(header) = {OutKind::number, {}, value};
    return *this;
  }
  RowBuilder& boolean(std::string_view header, bool value) {
    cell(header) = {OutKind::boolean, {}, 0, value};
    return *this;
  }
  // A localized text into name::LANGUAGE; an absent text leaves the cells empty.
  RowBuilder& localized(std::string_view name, const ordered_json* value) {
    if (!value) return *this;
    for (const auto& [language, text_value] : value->items())
      text(std::string(name) + "::" + language, text_value.get<std::string>());
    return *this;
  }
  RowBuilder& optional_text(std::string_view header, const ordered_json& object, const char* key) {
    if (object.contains(key)) text(header, object[key].get<std::string>());
    return *this;
  }

 private:
  OutCell& cell(std::string_view header) {
    const auto at = std::find(sheet_.headers.begin(), sheet_.headers.end(), header);
    return sheet_.rows.back()[static_cast<std::size_t>(at - sheet_.headers.begin())];
  }
  OutSheet& sheet_;
};

const ordered_json* member(const ordered_json& object, const char* key) {
  const auto found = object.find(key);
  return found == object.end() ? nullptr : &*found;
}

std::string joined(const ordered_json& list, std::string_view separator) {
  std::string out;
  for (const auto& item : list) out += (out.empty() ? "" : std::string(separator)) + item.get<std::string>();
  return out;
}

OutSheet empty_sheet(const SheetSpec& spec, const std::vector<std::string>& languages) {
  OutSheet sheet{std::string(spec.name), {}, {}};
  for (const auto& column : spec.columns) {
    if (!column.localized) {
      sheet.headers.emplace_back(column.name);
      continue;
    }
    for (const auto& language : languages)
      sheet.headers.push_back(std::string(column.name) + "::" + language);
  }
  return sheet;
}

void settings_rows(const ordered_json& pack, OutSheet& sheet) {
  RowBuilder rows(sheet);
  ordered_json all_points = ordered_json::array();
  for (const auto& point : pack["points"]) all_points.push_back(point["id"]);
  for (const auto& setting : pack_setting_specs()) {
    const ordered_json::json_pointer pointer{std::string(setting.pointer)};
    if (!pack.contains(pointer)) continue;
    const ordered_json& value = pack[pointer];
    rows.row().text("key", setting.key);
    switch (setting.type) {
      case ValueType::text:
        rows.localized("value", &value);
        break;
      case ValueType::integer:
        rows.number("value", value.get<double>());
        break;
      case ValueType::boolean:
        rows.boolean("value", value.get<bool>());
        break;
      case ValueType::list:
        rows.text("value",
                  setting.key == "top_n.from" && value == all_points ? kAllPoints : joined(value, ", "));
        break;
      case ValueType::string:
        rows.text("value", value.get<std::string>());
        break;
    }
  }
}

void scale_rows(const ordered_json& pack, OutSheet& sheet) {
  RowBuilder rows(sheet);
  for (const auto& scale : pack["scales"]) {
    rows.row().text("id", scale["id"].get<std::string>()).optional_text("kind", scale, "kind");
    rows.localized("question", member(scale, "question"))
        .localized("no_opinion", member(scale, "no_opinion"));
    const ordered_json& labels = scale["labels"];
    if (labels.is_object()) {
      for (const auto status : kStatusValues)
        rows.row().text("value", status).localized("label", member(labels, std::string(status).c_str()));
      continue;
    }
    int value = scale["min"].get<int>();
    for (const auto& label : labels) rows.row().number("value", value++).localized("label", &label);
  }
}

// Rows of id, the given localized columns, and cites as one per line.
void item_rows(const ordered_json* items, OutSheet& sheet, std::initializer_list<const char*> texts) {
  if (!items) return;
  RowBuilder rows(sheet);
  for (const auto& item : *items) {
    rows.row().text("id", item["id"].get<std::string>());
    for (const char* text : texts) rows.localized(text, member(item, text));
    if (item.contains("cites")) rows.text("cites", joined(item["cites"], "\n"));
    rows.optional_text("source", item, "source").optional_text("theme", item, "theme");
    rows.optional_text("level", item, "level");
    if (item.contains("related")) rows.text("related", joined(item["related"], ", "));
    if (const auto* ref = member(item, "refers_to"))
      rows.text("refers_to", (*ref)["pack"].get<std::string>() + "/" + (*ref)["point"].get<std::string>());
  }
}

std::string show_if_text(const ordered_json& show_if) {
  return show_if["question"].get<std::string>() + ": " + joined(show_if["any_of"], ", ");
}

void question_rows(const ordered_json& pack, OutSheet& questions, OutSheet& options) {
  RowBuilder rows(questions);
  RowBuilder option_rows(options);
  for (const auto& section : pack.value("sections", ordered_json::array())) {
    rows.row().text("type", "section").text("id", section["id"].get<std::string>());
    rows.localized("title", member(section, "title"));
    if (section.contains("show_if")) rows.text("show_if", show_if_text(section["show_if"]));
    for (const auto& question : section["questions"]) {
      rows.row()
          .text("type", question["type"].get<std::string>())
          .text("id", question["id"].get<std::string>());
      rows.localized("question", member(question, "question")).localized("hint", member(question, "hint"));
      rows.localized("other", member(question, "other"));
      if (question.contains("show_if")) rows.text("show_if", show_if_text(question["show_if"]));
      for (const auto& option : question["options"]) {
        option_rows.row().text("question", question["id"].get<std::string>());
        option_rows.text("id", option["id"].get<std::string>()).localized("label", member(option, "label"));
      }
    }
  }
  for (const auto& open : pack["open_questions"]) {
    rows.row().text("type", "open").text("id", open["id"].get<std::string>());
    rows.localized("question", member(open, "question")).localized("hint", member(open, "hint"));
  }
}

std::vector<OutSheet> pack_sheets(const ordered_json& pack) {
  std::vector<std::string> languages;
  for (const auto& language : pack["languages"]) languages.push_back(language.get<std::string>());
  std::vector<OutSheet> sheets;
  for (const auto& spec : pack_sheet_specs()) {
    if (spec.name == "hub" && !pack.contains("hub")) continue;  // the sheet's presence is the hub's
    sheets.push_back(empty_sheet(spec, languages));
  }
  const auto sheet = [&](std::string_view name) -> OutSheet& {
    return *std::find_if(sheets.begin(), sheets.end(), [&](const OutSheet& s) { return s.name == name; });
  };
  settings_rows(pack, sheet("settings"));
  scale_rows(pack, sheet("scales"));
  item_rows(member(pack, "themes"), sheet("themes"), {"label"});
  if (const auto* roles = member(pack, "roles"))
    item_rows(member(*roles, "options"), sheet("roles"), {"label"});
  if (const auto* vignette = member(pack, "vignette"))
    item_rows(member(*vignette, "scenes"), sheet("scenes"), {"title", "body", "who"});
  item_rows(member(pack, "points"), sheet("points"), {"title", "body"});
  if (const auto* missed = member(pack, "missed_opportunities"))
    item_rows(member(*missed, "items"), sheet("missed"), {"title", "body"});
  question_rows(pack, sheet("questions"), sheet("options"));
  if (const auto* hub = member(pack, "hub")) {
    RowBuilder rows(sheet("hub"));
    for (const auto& [key, value] : hub->items())
      rows.row().text("key", key).text("value", value.get<std::string>());
  }
  return sheets;
}

OutSheet read_me(const std::string& language) {
  const bool dutch = language == "nl";
  const auto say = [&](const Help& help) { return std::string(dutch ? help.nl : help.en); };
  OutSheet sheet{std::string(kReadMeSheet),
                 {dutch ? "blad" : "sheet", dutch ? "kolom" : "column", dutch ? "uitleg" : "explanation"},
                 {}};
  const auto add = [&](std::string_view sheet_name, std::string column, std::string text) {
    sheet.rows.push_back({{OutKind::text, std::string(sheet_name)},
                          {OutKind::text, std::move(column)},
                          {OutKind::text, std::move(text)}});
  };
  add("", "",
      dutch
          ? "Dit werkboek is een inhoudspakket van Peiling. Lees het in met: peiling-hub pack from-sheet "
            "BESTAND.xlsx PAKKET.json. De eerste rij van elk blad noemt de kolommen; hun volgorde is vrij, "
            "lege "
            "rijen tellen niet. Een kolom met ::nl of ::en erachter heeft de tekst in die taal. Meer: "
            "assets/packs/README.md."
          : "This workbook is a Peiling content pack. Read it in with: peiling-hub pack from-sheet FILE.xlsx "
            "PACK.json. The first row of each sheet names the columns; their order is free, empty rows do "
            "not "
            "count. A column ending in ::nl or ::en holds the text in that language. More: "
            "assets/packs/README.md.");
  for (const auto& spec : pack_sheet_specs()) {
    add(spec.name, "", say(spec.help));
    for (const auto& column : spec.columns)
      add(spec.name, std::string(column.name) + (column.localized ? "::…" : ""), say(column.help));
    if (spec.name != "settings") continue;
    for (const auto& setting : pack_setting_specs())
      add(spec.name, "key " + std::string(setting.key), say(setting.help));
  }
  return sheet;
}

// The widest line of a cell, in characters.
std::size_t longest_line(std::string_view text) {
  std::size_t longest = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    longest = std::max(longest, count_code_points(text.substr(start, end - start)));
    start = end + 1;
  }
  return longest;
}

// How many lines a cell takes when wrapped at width characters.
std::size_t wrapped_lines(std::string_view text, double width) {
  // A column's width counts digits; most letters are narrower, so a line holds about as many.
  const auto per_line = static_cast<std::size_t>(std::max(width, 1.0));
  std::size_t lines = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    lines += std::max<std::size_t>(
        1, (count_code_points(text.substr(start, end - start)) + per_line - 1) / per_line);
    start = end + 1;
  }
  return lines;
}

Result<std::monostate> write_sheet(lxw_workbook* book, const OutSheet& sheet, lxw_format* header,
                                   lxw_format* wrap) {
  lxw_worksheet* out = workbook_add_worksheet(book, sheet.name.c_str());
  if (!out) return Result<std::monostate>::failure("could not add the sheet " + sheet.name);
  std::vector<double> widths(sheet.headers.size());
  for (std::size_t c = 0; c < sheet.headers.size(); ++c) {
    std::size_t widest = count_code_points(sheet.headers[c]);
    for (const auto& row : sheet.rows) widest = std::max(widest, longest_line(row[c].text));
    widths[c] = std::min(static_cast<double>(widest) + 2, kMaxColumnWidth);
    worksheet_set_column(out, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c], wrap);
    worksheet_write_string(out, 0, static_cast<lxw_col_t>(c), sheet.headers[c].c_str(), header);
  }
  worksheet_freeze_panes(out, 1, 0);
  // Printed, a sheet is as wide as the paper and repeats its header row on every page.
  worksheet_set_landscape(out);
  worksheet_fit_to_pages(out, 1, 0);
  worksheet_repeat_rows(out, 0, 0);
  for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
    const auto row = static_cast<lxw_row_t>(r + 1);
    std::size_t lines = 1;
    for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
      const OutCell& cell = sheet.rows[r][c];
      const auto column = static_cast<lxw_col_t>(c);
      if (cell.kind == OutKind::number) {
        worksheet_write_number(out, row, column, cell.number, wrap);
      } else if (cell.kind == OutKind::boolean) {
        worksheet_write_boolean(out, row, column, cell.boolean, wrap);
      } else if (!cell.text.empty()) {
        worksheet_write_string(out, row, column, cell.text.c_str(), wrap);
        lines = std::max(lines, wrapped_lines(cell.text, widths[c]));
      }
    }
    worksheet_set_row(out, row, std::min(kLineHeight * static_cast<double>(lines), kMaxRowHeight), nullptr);
  }
  return std::monostate{};
}

// A NUL would end a C string early in libxlsxwriter, and no workbook cell can hold one.
std::optional<std::string> find_nul(const ordered_json& node, const std::string& pointer) {
  if (node.is_string()) {
    if (node.get_ref<const std::string&>().find('\0') != std::string::npos) return pointer;
  } else if (node.is_object()) {
    for (const auto& [key, value] : node.items())
      if (auto found = find_nul(value, pointer + "/" + pointer_token(key))) return found;
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i)
      if (auto found = find_nul(node[i], pointer + "/" + std::to_string(i))) return found;
  }
  return std::nullopt;
}

}  // namespace

Result<std::string> workbook_from_pack(std::string_view pack_json, const std::string& origin) {
  auto valid = parse_pack(pack_json, origin);
  if (!valid) return valid.errors();
  const ordered_json pack = ordered_json::parse(pack_json);
  if (auto nul = find_nul(pack, "")) {
    return Result<std::string>::failure(origin + ": " + *nul +
                                        ": a NUL character, which no workbook cell can hold");
  }
  std::vector<OutSheet> sheets = pack_sheets(pack);
  sheets.insert(sheets.begin(), read_me(pack["languages"][0].get<std::string>()));

  std::string path = (std::filesystem::temp_directory_path() / "peiling-pack-sheet-XXXXXX").string();
  const int descriptor = mkstemp(path.data());
  if (descriptor < 0)
    return Result<std::string>::failure(origin + ": could not make a temporary file for the workbook");
  close(descriptor);
  struct Remove {
    std::string path;
    ~Remove() { std::filesystem::remove(path); }
  } remove_after{path};

  lxw_workbook* book = workbook_new(path.c_str());
  if (!book) return Result<std::string>::failure(origin + ": could not start the workbook");
  lxw_format* header = workbook_add_format(book);
  format_set_bold(header);
  format_set_bottom(header, LXW_BORDER_THIN);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* wrap = workbook_add_format(book);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  format_set_align(wrap, LXW_ALIGN_LEFT);  // numbers too: the settings sheet reads as a list
  for (const auto& sheet : sheets) {
    if (auto written = write_sheet(book, sheet, header, wrap); !written) {
      workbook_close(book);
      return Result<std::string>::failure(origin + ": " + written.errors().joined());
    }
  }
  if (const lxw_error closed = workbook_close(book); closed != LXW_NO_ERROR)
    return Result<std::string>::failure(origin + ": could not write the workbook: " + lxw_strerror(closed));
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof())
    return Result<std::string>::failure(origin + ": could not read the workbook back");
  return bytes;
}

}  // namespace peiling::hub
