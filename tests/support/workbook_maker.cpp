#include "support/workbook_maker.hpp"

#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "report/report_html.hpp"
#include "support/process.hpp"

namespace peiling::test {

namespace {

// XML escapes what HTML escapes, in text and in attributes.
std::string escape(std::string_view text) {
  return report::html_escape(text);
}

std::string column_letters(std::size_t column) {
  std::string letters;
  for (std::size_t c = column + 1; c > 0; c = (c - 1) / 26)
    letters.insert(letters.begin(), char('A' + (c - 1) % 26));
  return letters;
}

std::pair<std::size_t, std::size_t> parse_reference(const std::string& reference) {
  std::size_t column = 0;
  std::size_t i = 0;
  for (; i < reference.size() && reference[i] >= 'A' && reference[i] <= 'Z'; ++i)
    column = column * 26 + static_cast<std::size_t>(reference[i] - 'A' + 1);
  return {std::stoul(reference.substr(i)) - 1, column - 1};
}

std::string t(std::string_view text) {
  return "<t xml:space=\"preserve\">" + escape(text) + "</t>";
}

}  // namespace

void set_cell(Tables& tables, const std::string& sheet, const std::string& reference, std::string value) {
  auto found =
      std::find_if(tables.begin(), tables.end(), [&](const MadeSheet& s) { return s.name == sheet; });
  if (found == tables.end()) throw std::runtime_error("no sheet " + sheet);
  const auto [row, column] = parse_reference(reference);
  if (found->rows.size() <= row) found->rows.resize(row + 1);
  if (found->rows[row].size() <= column) found->rows[row].resize(column + 1);
  found->rows[row][column] = std::move(value);
}

std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  const auto path =
      std::filesystem::temp_directory_path() / ("peiling-workbook-" + std::to_string(getpid()) + ".zip");
  std::filesystem::remove(path);
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (!zip) throw std::runtime_error("zip_open failed");
  for (const auto& [name, bytes] : entries) {
    zip_source_t* source = zip_source_buffer(zip, bytes.data(), bytes.size(), 0);
    if (!source || zip_file_add(zip, name.c_str(), source, ZIP_FL_OVERWRITE) < 0)
      throw std::runtime_error("zip_file_add failed");
  }
  if (zip_close(zip) != 0) throw std::runtime_error("zip_close failed");
  std::string bytes = read_file(path);
  std::filesystem::remove(path);
  return bytes;
}

std::string make_xlsx(const Tables& tables) {
  std::vector<std::string> shared;
  std::vector<std::pair<std::string, std::string>> entries;
  std::string sheets;
  std::string rels;
  for (std::size_t s = 0; s < tables.size(); ++s) {
    const std::string id = std::to_string(s + 1);
    sheets +=
        "<sheet name=\"" + escape(tables[s].name) + "\" sheetId=\"" + id + "\" r:id=\"rId" + id + "\"/>";
    rels += "<Relationship Id=\"rId" + id +
            "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
            "Target=\"worksheets/sheet" +
            id + ".xml\"/>";
    std::string data;
    for (std::size_t r = 0; r < tables[s].rows.size(); ++r) {
      const std::string row = std::to_string(r + 1);
      data += "<row r=\"" + row + "\">";
      for (std::size_t c = 0; c < tables[s].rows[r].size(); ++c) {
        const std::string& value = tables[s].rows[r][c];
        if (value.empty()) continue;
        const std::string at = "r=\"" + column_letters(c) + row + "\"";
        const std::string rest = value.size() > 3 ? value.substr(3) : "";
        if (value.starts_with("=n:")) {
          data += "<c " + at + "><v>" + rest + "</v></c>";
        } else if (value.starts_with("=b:")) {
          data += "<c " + at + " t=\"b\"><v>" + rest + "</v></c>";
        } else if (value.starts_with("=d:")) {
          data += "<c " + at + " s=\"1\"><v>" + rest + "</v></c>";
        } else if (value.starts_with("=e:")) {
          data += "<c " + at + " t=\"e\"><f>1/0</f><v>" + escape(rest) + "</v></c>";
        } else if (value.starts_with("=f:")) {
          data += "<c " + at + "><f>A1&amp;B1</f></c>";
        } else if (value.starts_with("=F:")) {
          data +=
              "<c " + at + " t=\"str\"><f>LOWER(\"" + escape(rest) + "\")</f><v>" + escape(rest) + "</v></c>";
        } else if (value.starts_with("=s:") || value.starts_with("=r:")) {
          std::string item;
          if (value.starts_with("=s:")) {
            item = t(rest);
          } else {
            const auto bar = rest.find('|');
            item = "<r><rPr><b/></rPr>" + t(rest.substr(0, bar)) + "</r><r>" + t(rest.substr(bar + 1)) +
                   "</r><rPh sb=\"0\" eb=\"1\"><t>ignored</t></rPh>";
          }
          shared.push_back("<si>" + item + "</si>");
          data += "<c " + at + " t=\"s\"><v>" + std::to_string(shared.size() - 1) + "</v></c>";
        } else {
          data += "<c " + at + " t=\"inlineStr\"><is>" + t(value) + "</is></c>";
        }
      }
      data += "</row>";
    }
    entries.emplace_back("xl/worksheets/sheet" + id + ".xml",
                         "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet "
                         "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" +
                             data + "</sheetData>" + tables[s].after_data + "</worksheet>");
  }
  rels +=
      "<Relationship Id=\"rIdStyles\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
      "Target=\"styles.xml\"/>"
      "<Relationship Id=\"rIdStrings\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "
      "Target=\"sharedStrings.xml\"/>";
  std::string strings;
  for (const auto& item : shared) strings += item;
  entries.emplace_back(
      "xl/workbook.xml",
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook "
      "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>" +
          sheets + "</sheets></workbook>");
  entries.emplace_back("xl/_rels/workbook.xml.rels",
                       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
                       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                           rels + "</Relationships>");
  entries.emplace_back(
      "xl/styles.xml",
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet "
      "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><cellXfs count=\"2\"><xf "
      "numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>");
  entries.emplace_back("xl/sharedStrings.xml",
                       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst "
                       "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" +
                           strings + "</sst>");
  return make_zip(entries);
}

std::string make_ods(const Tables& tables) {
  std::string body;
  for (const auto& sheet : tables) {
    body += "<table:table table:name=\"" + escape(sheet.name) + "\">";
    for (const auto& row : sheet.rows) {
      body += "<table:table-row>";
      for (const auto& value : row) {
        if (value.empty()) {
          body += "<table:table-cell/>";
        } else if (value.starts_with("=n:")) {
          body += "<table:table-cell office:value-type=\"float\" office:value=\"" + value.substr(3) +
                  "\"><text:p>" + value.substr(3) + "</text:p></table:table-cell>";
        } else {
          // Each line its own paragraph, as LibreOffice writes a cell with line breaks.
          body += "<table:table-cell office:value-type=\"string\">";
          std::size_t start = 0;
          while (start <= value.size()) {
            const std::size_t end = std::min(value.find('\n', start), value.size());
            body += "<text:p>" + escape(value.substr(start, end - start)) + "</text:p>";
            start = end + 1;
          }
          body += "</table:table-cell>";
        }
      }
      // The rest of the row as LibreOffice writes it: one empty cell repeated.
      body += "<table:table-cell table:number-columns-repeated=\"1000\"/></table:table-row>";
    }
    body +=
        "<table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell "
        "table:number-columns-repeated=\"1024\"/></table:table-row></table:table>";
  }
  const std::string content =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet>" +
      body + "</office:spreadsheet></office:body></office:document-content>";
  return make_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                   {"META-INF/manifest.xml", "<manifest:manifest/>"},
                   {"content.xml", content}});
}

Tables minimal_pack_tables() {
  return {
      {"settings",
       {{"key", "value", "value::nl", "value::en"},
        {"format", "peiling.pack/1"},
        {"id", "test-pack"},
        {"version", "=n:1"},
        {"languages", "nl, en"},
        {"title", "", "Titel", "Title"},
        {"conference.date", "2009-11-13"},
        {"intro.question", "", "Vraag?", "Question?"},
        {"intro.context", "", "Context.", "Context."},
        {"points_per_respondent", "=n:1"},
        {"top_n_size", "=n:1"},
        {"point_scales", "importance"},
        {"vignette.title", "", "Casus", "Case"},
        {"top_n.question", "", "Wat is belangrijk?", "What matters?"},
        {"top_n.from", "all"}},
       {}},
      {"scales",
       {{"id", "kind", "value", "question::nl", "question::en", "label::nl", "label::en", "no_opinion::nl",
         "no_opinion::en"},
        {"importance", "", "", "Hoe belangrijk?", "How important?", "", "", "Geen mening", "No opinion"},
        {"", "", "=n:1", "", "", "Weinig", "Little"},
        {"", "", "=n:2", "", "", "Zeer", "Very"}},
       {}},
      {"themes", {{"id", "label::nl", "label::en"}, {"room-to-act", "Ruimte", "Room"}}, {}},
      {"scenes",
       {{"id", "cites", "title::nl", "title::en", "body::nl", "body::en", "who::nl", "who::en"},
        {"scene-1", "Verslag", "Scène", "Scene", "Wat er gebeurde.", "What happened.", "Een leerkracht",
         "A teacher"}},
       {}},
      {"points",
       {{"id", "theme", "source", "cites", "title::nl", "title::en", "body::nl", "body::en"},
        {"wg1-1", "room-to-act", "workgroup-1", "Werkgroep 1", "Punt", "Point", "Eén zin.", "One sentence."}},
       {}},
      {"questions",
       {{"type", "id", "question::nl", "question::en"}, {"open", "to-organisers", "Nog iets?", "Anything?"}},
       {}},
  };
}

}  // namespace peiling::test
