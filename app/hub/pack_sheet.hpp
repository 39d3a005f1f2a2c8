#pragma once
// A content pack as a spreadsheet workbook, for organisers who write the next survey in Excel or
// LibreOffice instead of JSON (XLSForm's way: one row per item, one column per language, such as
// title::nl). The layout is described in assets/packs/README.md ("Writing a pack in a
// spreadsheet") and in the workbook's own read-me sheet; pack_sheet_layout.hpp lists it.
//
// The reader names every problem by file, sheet!CELL and column header, as a spreadsheet user
// sees them ("pack.xlsx: points!D14 (title::en): empty, but the pack has the language en"), also
// the pack validator's, which are mapped back from their JSON pointers to the cell they came from.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/pack.hpp"
#include "core/result.hpp"

namespace peiling::hub {

struct PackFromSheet {
  Pack pack;         // validated
  std::string json;  // the pack file: UTF-8, two-space indents, a newline at the end
};

// Reads an .xlsx or .ods workbook (bytes) into a pack. label names the file in every message.
// Every problem at once; on any, no pack.
Result<PackFromSheet> pack_from_workbook(std::string_view bytes, const std::string& label);

// The .xlsx bytes of a valid pack (its JSON text; origin names it in errors, which are the
// validator's when it is not valid).
Result<std::string> workbook_from_pack(std::string_view pack_json, const std::string& origin);

// The commands `pack to-sheet PACK.json OUT.xlsx` and `pack from-sheet IN.xlsx|IN.ods OUT.json`:
// the output file is written whole (through a temporary file beside it) or not at all.
Result<std::filesystem::path> write_pack_workbook(const std::filesystem::path& pack_json,
                                                  const std::filesystem::path& out);
// Returns the pack written.
Result<Pack> write_pack_from_workbook(const std::filesystem::path& workbook,
                                      const std::filesystem::path& out);

// What changed from one version of a pack to the next, for the organiser to check before
// publishing: by point id, and scales by id.
struct PackChanges {
  std::vector<std::string> points_added;     // in the new pack's order
  std::vector<std::string> points_removed;   // in the old pack's order
  std::vector<std::string> points_reworded;  // title or body differ in some language
  std::vector<std::string> scales_changed;   // added, removed, or any text, value or kind differs
  bool empty() const {
    return points_added.empty() && points_removed.empty() && points_reworded.empty() &&
           scales_changed.empty();
  }
};
PackChanges pack_changes(const Pack& old_pack, const Pack& new_pack);

}  // namespace peiling::hub
