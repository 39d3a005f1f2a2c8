// The pack reader and validator (formats 1.0 and 1.1), as a device and the hub read a pack file,
// and the signed pack a device takes up from its hub. A pack that validates must survive the trip
// through a workbook (pack to-sheet, pack from-sheet) unchanged and validate again.
#include <nlohmann/json.hpp>

#include "core/json_file.hpp"
#include "core/pack.hpp"
#include "fuzz/fuzz_support.hpp"
#include "hub/pack_sheet.hpp"
#include "sync/published_packs.hpp"

namespace {

using namespace peiling;

void check_round_trip(std::string_view text, std::string_view input) {
  auto workbook = hub::workbook_from_pack(text, "fuzz-pack.json");
  if (!workbook)
    fuzz::invariant_failed("a valid pack has no workbook: " + workbook.errors().joined("; "), input);
  auto back = hub::pack_from_workbook(workbook.value(), "fuzz-pack.xlsx");
  if (!back)
    fuzz::invariant_failed("a valid pack's workbook does not read back: " + back.errors().joined("; "),
                           input);
  fuzz::require(parse_pack(back->json, "back.json").ok(),
                "a pack read back from its workbook does not validate", input);
  // nlohmann::json orders object keys, so == compares keys and values whatever their order.
  fuzz::require(nlohmann::json::parse(back->json) == nlohmann::json::parse(text),
                "a valid pack came back from its workbook changed", input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = fuzz::as_text(data, size);
  const auto [mode, text] = fuzz::split_mode(input, 3);
  if (mode == 0) {
    auto pack = parse_pack(text, "fuzz-pack.json");
    if (pack) {
      check_round_trip(text, input);
    } else {
      fuzz::require(!pack.errors().lines.empty(), "a refused pack with no reason", input);
    }
    return 0;
  }
  if (mode == 1) {
    // A signed pack file as a device finds it on a stick or fetches it from its hub.
    (void)sync::read_signed_pack(text, "fuzz-signed-pack.json", {fuzz::test_hub_public_key()});
    return 0;
  }
  // The bytes signed by the device's hub, so that the check behind the signature is reached. The
  // hub signs only packs that validated, which are UTF-8 (a JSON string carries nothing else).
  if (find_invalid_utf8(text)) return 0;
  const std::string file = sync::encode_signed_pack(text, fuzz::test_hub_signer());
  auto taken = sync::read_signed_pack(file, "fuzz-signed-pack.json", {fuzz::test_hub_public_key()});
  if (taken) fuzz::require(taken->bytes == text, "a signed pack's bytes changed on the way", input);
  return 0;
}
