// The hub's pack states as a device reads them (sync/pack_states.hpp): mode 0 the bytes as the
// list GET /api/v1/packs answers, mode 1 the bytes of a stick's states file as they come, mode 2
// the bytes as the signed payload of a states file from the device's hub, so that what follows the
// signature check is reached. A refusal has a reason naming the file; a signed list that the file
// reader takes reads the same as the list.
#include "core/json_file.hpp"
#include "fuzz/fuzz_support.hpp"
#include "sync/pack_states.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace peiling;
  const auto input = fuzz::as_text(data, size);
  const auto [mode, rest] = fuzz::split_mode(input, 3);
  if (mode == 0) {
    (void)sync::pack_statuses_in_list(rest);
    return 0;
  }
  std::string file(rest);
  if (mode == 2) {
    // The hub signs payloads it wrote, which are UTF-8 (a JSON string carries nothing else).
    if (find_invalid_utf8(rest)) return 0;
    file = sync::encode_hub_signed(sync::kPackStatesFormat, std::string(rest), fuzz::test_hub_signer());
  }
  const std::string origin = "acks/fuzz.states";
  auto statuses = sync::read_pack_states(file, origin, {fuzz::test_hub_public_key()});
  if (!statuses) {
    fuzz::require(!statuses.errors().lines.empty(), "pack states refused without a reason", input);
    for (const auto& line : statuses.errors().lines)
      fuzz::require(line.starts_with(origin + ": "), "a refusal that does not name the file", input);
    return 0;
  }
  if (mode == 2) {
    const auto listed = sync::pack_statuses_in_list(rest);
    fuzz::require(listed && *listed == statuses.value(), "the signed file and the list read differently",
                  input);
  }
  return 0;
}
