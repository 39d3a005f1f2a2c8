// A pack authored as a workbook (.xlsx or .ods), as `pack from-sheet` and the console read it:
// the zip, the XML parts, the cells, and the pack they make. What reads is a pack that validates.
#include "core/pack.hpp"
#include "fuzz/fuzz_support.hpp"
#include "hub/pack_sheet.hpp"
#include "hub/workbook_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace peiling;
  const auto input = fuzz::as_text(data, size);
  auto pack = hub::pack_from_workbook(input, "fuzz.xlsx");
  if (!pack) {
    fuzz::require(!pack.errors().lines.empty(), "a workbook refused without a reason", input);
    return 0;
  }
  fuzz::require(parse_pack(pack->json, "from-sheet.json").ok(), "a pack from a workbook does not validate",
                input);
  return 0;
}
