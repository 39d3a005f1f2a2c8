// Broken workbooks, made by hand cell by cell: each gets every message it should, naming the file,
// sheet!CELL and the column header, and no pack.
#include <gtest/gtest.h>

#include "hub/pack_sheet.hpp"
#include "support/workbook_maker.hpp"

namespace peiling::hub {
namespace {

using test::make_ods;
using test::make_xlsx;
using test::make_zip;
using test::set_cell;
using test::Tables;

constexpr const char* kPointsColumns =
    "id, theme, source, level, cites, related, refers_to, title::LANGUAGE, body::LANGUAGE";

std::vector<std::string> errors_of(const std::string& bytes, const std::string& label = "pack.xlsx") {
  auto read = pack_from_workbook(bytes, label);
  if (read.ok()) return {};
  return read.errors().lines;
}

using Lines = std::vector<std::string>;

TEST(PackSheetErrors, TheValidHandMadeWorkbookReads) {
  auto read = pack_from_workbook(make_xlsx(test::minimal_pack_tables()), "pack.xlsx");
  ASSERT_TRUE(read.ok()) << read.errors().joined();
  EXPECT_EQ(read->pack.points.at(0).title.in("en"), "Point");
  EXPECT_EQ(read->pack.top_n.from, (std::vector<std::string>{"wg1-1"}));
  EXPECT_EQ(read->pack.scales.at(0).max, 2);
}

TEST(PackSheetErrors, AnEmptyTextCellNamesItsCellAndLanguage) {
  auto tables = test::minimal_pack_tables();
  set_cell(tables, "points", "F2", "");
  EXPECT_EQ(errors_of(make_xlsx(tables)),
            Lines{"pack.xlsx: points!F2 (title::en): empty, but the pack has the language en"});
}

TEST(PackSheetErrors, ADuplicateIdNamesBothCells) {
  auto tables = test::minimal_pack_tables();
  tables[1].rows.push_back(
      {"importance", "", "", "Nog eens?", "Again?", "", "", "Geen mening", "No opinion"});
  tables[1].rows.push_back({"", "", "=n:1", "", "", "Ja", "Yes"});
  tables[1].rows.push_back({"", "", "=n:2", "", "", "Nee", "No"});
  EXPECT_EQ(errors_of(make_xlsx(tables)),
            Lines{"pack.xlsx: scales!A5 (id): duplicate id 'importance' (also at A2)"});
}

TEST(PackSheetErrors, AnUnknownColumnIsNamedWithTheColumnsThatExist) {
  auto tables = test::minimal_pack_tables();
  set_cell(tables, "points", "I1", "titel::nl");
  set_cell(tables, "points", "I2", "Punt");
  EXPECT_EQ(
      errors_of(make_xlsx(tables)),
      Lines{std::string("pack.xlsx: points!I1 (titel::nl): unknown column; the columns of points are: ") +
            kPointsColumns});
}

TEST(PackSheetErrors, ASingleColonInAHeaderIsExplained) {
  auto tables = test::minimal_pack_tables();
  set_cell(tables, "themes", "C1", "label:en");
  EXPECT_EQ(errors_of(make_xlsx(tables)),
            (Lines{"pack.xlsx: themes!C1 (label:en): unknown column; a language is written after two colons, "
                   "e.g. title::nl",
                   "pack.xlsx: themes: no column label::en, but the pack has the language en"}));
}

TEST(PackSheetErrors, MixedUpLanguageColumnsAreNamed) {
  auto tables = test::minimal_pack_tables();
  set_cell(tables, "points", "F1", "title::de");  // typed instead of title::en
  set_cell(tables, "points", "I1", "body::nl");   // body::nl twice
  set_cell(tables, "points", "I2", "Nog een zin.");
  EXPECT_EQ(errors_of(make_xlsx(tables)),
            (Lines{"pack.xlsx: points!F1 (title::de): 'de' is not a language of this pack (settings: "
                   "languages nl, en)",
                   "pack.xlsx: points!I1 (body::nl): this column is there twice (also G1)",
                   "pack.xlsx: points: no column title::en, but the pack has the language en"}));
}

TEST(PackSheetErrors, AColumnWithoutALanguageIsExplained) {
  auto tables = test::minimal_pack_tables();
  set_cell(tables, "themes", "C1", "label");
  EXPECT_EQ(errors_of(make_xlsx(tables)),
            (Lines{"pack.xlsx: themes!C1 (label): a text in every language: name one column per language, "
                   "e.g. label::nl",
                   "pack.xlsx: themes: no column label::en, but the pack has the language en"}));
}

TEST(PackSheetErrors, ADateIsRefusedWithHowToWriteIt) {
  auto tables = test::minimal_pack_tables();
  set_cell(tables, "settings", "B7", "=d:40130");
  EXPECT_EQ(errors_of(make_xlsx(tables)), Lines{"pack.xlsx: settings!B7 (value): a date; the spreadsheet "
                                                "turned what was typed into a date. Write it "
                                                "as text, e.g. 2009-11-13 (in Excel, type ' before it)"});
}

TEST(PackSheetErrors, AFormulaWithoutASavedResultIsNamed) {
  auto tables = test::minimal_pack_tables();
  set_cell(tables, "points", "H2", "=f:");
  EXPECT_EQ(
      errors_of(make_xlsx(tables)),
      Lines{"pack.xlsx: points!H2 (body::en): a formula with no saved result; open the workbook in Excel or "
            "LibreOffice and save it again, or type the value"});
}

TEST(PackSheetErrors, AFormulaGivesItsSavedResult) {
  auto tables = test::minimal_pack_tables();
  set_cell(tables, "points", "H2", "=F:Computed sentence.");
  auto read = pack_from_workbook(make_xlsx(tables), "pack.xlsx");
  ASSERT_TRUE(read.ok()) << read.errors().joined();
  EXPECT_EQ(read->pack.points.at(0).body.in("en"), "Computed sentence.");
}

TEST(PackSheetErrors, AFormulaErrorIsNamed) {
  auto tables = test::minimal_pack_tables();
  set_cell(tables, "themes", "B2", "=e:#DIV/0!");
  EXPECT_EQ(errors_of(make_xlsx(tables)),
            Lines{"pack.xlsx: themes!B2 (label::nl): a formula that gives the error #DIV/0!"});
}

TEST(PackSheetErrors, MergedCellsAreRefused) {
  auto tables = test::minimal_pack_tables();
  tables[4].after_data = "<mergeCells count=\"1\"><mergeCell ref=\"E2:F2\"/></mergeCells>";
  EXPECT_EQ(errors_of(make_xlsx(tables)),
            Lines{"pack.xlsx: points!E2: merged cells (E2:F2); unmerge them and fill in each cell"});
}

TEST(PackSheetErrors, TextOverThePacksLimitIsNamedByCell) {
  auto tables = test::minimal_pack_tables();
  set_cell(tables, "points", "E2", std::string(201, 'x'));
  EXPECT_EQ(errors_of(make_xlsx(tables)),
            Lines{"pack.xlsx: points!E2 (title::nl): 201 characters, more than the limit of 200"});
}

TEST(PackSheetErrors, AnUnknownThemeIsNamedByCell) {
  auto tables = test::minimal_pack_tables();
  set_cell(tables, "points", "B2", "room-to-akt");
  EXPECT_EQ(errors_of(make_xlsx(tables)),
            Lines{"pack.xlsx: points!B2 (theme): unknown theme id 'room-to-akt'"});
}

TEST(PackSheetErrors, SettingsKeysUnknownTwiceOrInTheWrongColumn) {
  auto tables = test::minimal_pack_tables();
  set_cell(tables, "settings", "A16", "points_per_person");
  set_cell(tables, "settings", "B16", "=n:3");
  set_cell(tables, "settings", "A17", "top_n_size");
  set_cell(tables, "settings", "B17", "=n:1");
  set_cell(tables, "settings", "B6", "Titel");
  EXPECT_EQ(
      errors_of(make_xlsx(tables)),
      (Lines{"pack.xlsx: settings!B6 (value): title is a text in every language: write it in the "
             "value::LANGUAGE columns",
             "pack.xlsx: settings!A16 (key): unknown key 'points_per_person' (the read-me sheet lists them)",
             "pack.xlsx: settings!A17 (key): key 'top_n_size' is there twice (also A11)"}));
}

TEST(PackSheetErrors, NumbersAndTruthValuesThatAreNot) {
  auto tables = test::minimal_pack_tables();
  set_cell(tables, "settings", "B4", "two");
  set_cell(tables, "settings", "A16", "keep_abandoned");
  set_cell(tables, "settings", "B16", "ja");
  EXPECT_EQ(errors_of(make_xlsx(tables)),
            (Lines{"pack.xlsx: settings!B4 (value): 'two' is not a whole number",
                   "pack.xlsx: settings!B16 (value): 'ja' is neither true nor false"}));
}

TEST(PackSheetErrors, ScaleValuesGoUpByOne) {
  auto tables = test::minimal_pack_tables();
  set_cell(tables, "scales", "C4", "=n:3");
  EXPECT_EQ(errors_of(make_xlsx(tables)),
            (Lines{"pack.xlsx: scales!C4 (value): 3 after 1: the values of a scale go up by one",
                   "pack.xlsx: scales!A2 (id): 2 labels for the values 1..3, expected 3"}));
}

TEST(PackSheetErrors, ChoiceQuestionsNeedASectionAndOptionsTheirQuestion) {
  auto tables = test::minimal_pack_tables();
  tables[5].rows.push_back({"single", "acted", "Iets gedaan?", "Done anything?"});
  tables.push_back(
      {"options", {{"question", "id", "label::nl", "label::en"}, {"actd", "yes", "Ja", "Yes"}}, {}});
  EXPECT_EQ(
      errors_of(make_xlsx(tables)),
      (Lines{"pack.xlsx: questions!A3 (type): a choice question before any section row; put a row of type "
             "section above it",
             "pack.xlsx: options!A2 (question): 'actd' is not a single or multiple question of the sheet "
             "questions"}));
}

TEST(PackSheetErrors, UnknownAndMissingSheetsAreNamed) {
  auto tables = test::minimal_pack_tables();
  tables[2].name = "thema's";
  EXPECT_EQ(
      errors_of(make_xlsx(tables)),
      (Lines{"pack.xlsx: sheet 'thema's': unknown sheet; the sheets of a pack are settings, scales, themes, "
             "roles, scenes, points, missed, questions, options, hub (and read-me, which is not read)",
             "pack.xlsx: themes: no rows"}));
  EXPECT_EQ(
      errors_of(make_xlsx({tables[1]})),
      Lines{
          "pack.xlsx: no sheet 'settings'; a pack's workbook has the sheets settings, scales, themes, points "
          "and questions"});
}

TEST(PackSheetErrors, AMissingRequiredSettingIsNamed) {
  auto tables = test::minimal_pack_tables();
  tables[0].rows.erase(tables[0].rows.begin() + 8);  // intro.context
  EXPECT_EQ(errors_of(make_xlsx(tables)), Lines{"pack.xlsx: settings: no row with the key 'intro.context'"});
}

TEST(PackSheetErrors, ARefersToWithoutASlashIsExplained) {
  auto tables = test::minimal_pack_tables();
  set_cell(tables, "settings", "B2", "peiling.pack/1.1");
  set_cell(tables, "points", "I1", "refers_to");
  set_cell(tables, "points", "I2", "conference-2009-11-13 wg1-1");
  EXPECT_EQ(errors_of(make_xlsx(tables)),
            Lines{"pack.xlsx: points!I2 (refers_to): write the earlier pack's id and its point's id as "
                  "pack-id/point-id"});
}

TEST(PackSheetErrors, EveryProblemIsReportedAtOnce) {
  auto tables = test::minimal_pack_tables();
  set_cell(tables, "points", "F2", "");
  set_cell(tables, "points", "B2", "nope");
  set_cell(tables, "themes", "C2", "");
  EXPECT_EQ(errors_of(make_xlsx(tables)),
            (Lines{"pack.xlsx: themes!C2 (label::en): empty, but the pack has the language en",
                   "pack.xlsx: points!F2 (title::en): empty, but the pack has the language en",
                   "pack.xlsx: points!B2 (theme): unknown theme id 'nope'"}));
}

TEST(PackSheetErrors, WhatIsNotAWorkbookIsSaidSo) {
  EXPECT_EQ(errors_of("id,title\nwg1-1,Punt\n", "pack.csv"),
            Lines{"pack.csv: not an .xlsx or .ods workbook (the file is not a zip archive)"});
  EXPECT_EQ(errors_of(make_zip({{"readme.txt", "hello"}})),
            Lines{"pack.xlsx: a zip archive, but neither an .xlsx nor an .ods workbook"});
  EXPECT_EQ(errors_of("PK\x03\x04 broken"), Lines{"pack.xlsx: not a zip archive"});
}

TEST(PackSheetErrors, APasswordProtectedWorkbookIsSaidSo) {
  // Excel saves a workbook with a password as an encrypted OLE compound file, not a zip.
  std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  ole.resize(4096, '\0');
  EXPECT_EQ(errors_of(ole),
            Lines{"pack.xlsx: the workbook is protected with a password, or is an old .xls file; "
                  "save it without a password as .xlsx or .ods and try again"});
  const std::string ods = make_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                                    {"META-INF/manifest.xml", "<manifest:encryption-data/>"},
                                    {"content.xml", "\x01\x02 encrypted"}});
  EXPECT_EQ(errors_of(ods, "pack.ods"),
            Lines{"pack.ods: the workbook is protected with a password; save it without one and try again"});
}

TEST(PackSheetErrors, MalformedXmlNamesThePartAndLine) {
  auto bytes =
      make_zip({{"xl/workbook.xml",
                 "<workbook xmlns:r=\"r\"><sheets><sheet name=\"settings\" r:id=\"rId1\"/>\n<oops></sheets>"},
                {"xl/_rels/workbook.xml.rels", "<Relationships/>"}});
  EXPECT_EQ(errors_of(bytes), Lines{"pack.xlsx: xl/workbook.xml: malformed XML at line 2: mismatched tag"});
  auto doctype = make_zip({{"xl/workbook.xml", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><workbook/>"}});
  EXPECT_EQ(errors_of(doctype), Lines{"pack.xlsx: xl/workbook.xml: a DOCTYPE, which no workbook part has"});
}

TEST(PackSheetErrors, AZipBombIsRefusedWhole) {
  auto tables = test::minimal_pack_tables();
  auto bytes = make_zip({{"xl/workbook.xml", std::string(51u << 20, ' ')}});
  EXPECT_EQ(errors_of(bytes),
            Lines{"pack.xlsx: entry 'xl/workbook.xml' unpacks to more than 50 MiB; refused whole"});
}

TEST(PackSheetErrors, AMillionRowSheetIsRefusedByItsRowCount) {
  auto tables = test::minimal_pack_tables();
  // A value in the last row Excel has, and a sheet of 20,000 filled rows.
  set_cell(tables, "themes", "A1048576", "x");
  EXPECT_EQ(
      errors_of(make_xlsx(tables)),
      Lines{"pack.xlsx: sheet 'themes' has a value in row 1048576 (A1048576); a pack's sheet has at most "
            "10000 rows"});
  tables = test::minimal_pack_tables();
  for (int row = 3; row <= 20'000; ++row)
    tables[2].rows.push_back({"theme-" + std::to_string(row), "a", "b"});
  EXPECT_EQ(errors_of(make_xlsx(tables)), Lines{"pack.xlsx: sheet 'themes' has a value in row 10001 "
                                                "(A10001); a pack's sheet has at most 10000 rows"});
}

TEST(PackSheetErrors, OdsCellsAreNamedPastRepeatedEmptyCells) {
  auto tables = test::minimal_pack_tables();
  set_cell(tables, "points", "F2", "");
  EXPECT_EQ(errors_of(make_ods(tables), "pack.ods"),
            Lines{"pack.ods: points!F2 (title::en): empty, but the pack has the language en"});
  auto read = pack_from_workbook(make_ods(test::minimal_pack_tables()), "pack.ods");
  ASSERT_TRUE(read.ok()) << read.errors().joined();
  EXPECT_EQ(read->pack.points.at(0).body.in("nl"), "Eén zin.");
}

TEST(PackSheetErrors, RichTextSharedStringsAndLineBreaksReadAsTyped) {
  auto tables = test::minimal_pack_tables();
  set_cell(tables, "points", "G2", "=r:Eerste regel,|\ntweede regel.");
  set_cell(tables, "points", "E2", "=s:Punt_x000D_");
  set_cell(tables, "points", "D2", "Werkgroep 1\nWerkgroep 2");
  auto read = pack_from_workbook(make_xlsx(tables), "pack.xlsx");
  ASSERT_TRUE(read.ok()) << read.errors().joined();
  EXPECT_EQ(read->pack.points.at(0).body.in("nl"), "Eerste regel,\ntweede regel.");
  EXPECT_EQ(read->pack.points.at(0).title.in("nl"), "Punt\r");
  EXPECT_EQ(read->pack.points.at(0).cites, (std::vector<std::string>{"Werkgroep 1", "Werkgroep 2"}));
  auto ods = pack_from_workbook(make_ods(tables), "pack.ods");
  ASSERT_TRUE(ods.ok()) << ods.errors().joined();
  EXPECT_EQ(ods->pack.points.at(0).cites, (std::vector<std::string>{"Werkgroep 1", "Werkgroep 2"}));
}

}  // namespace
}  // namespace peiling::hub
