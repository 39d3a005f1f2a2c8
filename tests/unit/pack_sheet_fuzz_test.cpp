// Fuzz safety of the workbook reader: damaged archives and damaged XML end in messages, never in a
// crash (run under the debug preset's sanitizers too).
#include <gtest/gtest.h>

#include <random>

#include "hub/pack_sheet.hpp"
#include "support/workbook_maker.hpp"

namespace peiling::hub {
namespace {

using test::make_ods;
using test::make_xlsx;
using test::make_zip;

TEST(PackSheetFuzz, DamagedWorkbooksNeverCrash) {
  const std::string valid = make_xlsx(test::minimal_pack_tables());
  const std::string ods = make_ods(test::minimal_pack_tables());
  std::mt19937 random(16);
  int refused = 0;
  for (int i = 0; i < 400; ++i) {
    std::string bytes = i % 2 ? valid : ods;
    const int flips = 1 + static_cast<int>(random() % 8);
    for (int f = 0; f < flips; ++f) bytes[random() % bytes.size()] = static_cast<char>(random());
    if (i % 5 == 0) bytes.resize(random() % bytes.size());
    refused += pack_from_workbook(bytes, "fuzz.xlsx").ok() ? 0 : 1;
  }
  // Damaged XML inside an intact zip.
  const std::string sheet =
      "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>key</t></is></c>"
      "<c r=\"B1\" t=\"s\"><v>7</v></c></row><mergeCells><mergeCell ref=\"A1:ZZZZZZ99999999999\"/>"
      "</mergeCells></sheetData></worksheet>";
  for (int i = 0; i < 300; ++i) {
    std::string xml = sheet;
    xml.insert(random() % xml.size(),
               std::string(1 + random() % 3, static_cast<char>("<>&\"/=r01:"[random() % 10])));
    if (i % 3 == 0) xml.resize(random() % xml.size());
    auto bytes = make_zip(
        {{"xl/workbook.xml", "<workbook><sheets><sheet name=\"settings\" r:id=\"a\"/></sheets></workbook>"},
         {"xl/_rels/workbook.xml.rels",
          "<Relationships><Relationship Id=\"a\" Target=\"s.xml\"/></Relationships>"},
         {"xl/s.xml", xml}});
    refused += pack_from_workbook(bytes, "fuzz.xlsx").ok() ? 0 : 1;
  }
  EXPECT_GT(refused, 600);  // a flip in a zip header field that nobody reads leaves the workbook readable
}

}  // namespace
}  // namespace peiling::hub
