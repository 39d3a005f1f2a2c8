// The acknowledgement file as a device reads it from a stick's acks/ folder: mode 0 the file's
// bytes as they come, mode 1 the bytes as the signed payload of a file from the device's hub, so
// that what follows the signature check is reached. An acknowledgement that reads is written again
// and reads back the same.
#include "core/json_file.hpp"
#include "fuzz/fuzz_support.hpp"
#include "sync/ack_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace peiling;
  const auto input = fuzz::as_text(data, size);
  const auto [mode, rest] = fuzz::split_mode(input, 2);
  std::string file(rest);
  if (mode == 1) {
    // The hub signs payloads it wrote, which are UTF-8 (a JSON string carries nothing else).
    if (find_invalid_utf8(rest)) return 0;
    file = sync::encode_hub_signed(sync::kAckFormat, std::string(rest), fuzz::test_hub_signer());
  }
  const std::vector<std::string> trusted{fuzz::test_hub_public_key()};
  auto ack = sync::read_ack_file(file, "acks/fuzz-ack.json", trusted);
  if (!ack) {
    fuzz::require(!ack.errors().lines.empty(), "an acknowledgement refused without a reason", input);
    return 0;
  }
  auto again =
      sync::read_ack_file(sync::encode_ack_file(ack.value(), fuzz::test_hub_signer()), "again", trusted);
  fuzz::require(again.ok(), "an acknowledgement written again does not read", input);
  fuzz::require(again->created_at == ack->created_at && again->batches == ack->batches,
                "an acknowledgement written again reads differently", input);
  return 0;
}
