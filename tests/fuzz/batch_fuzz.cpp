// The batch file as the hub takes it in (`peiling-hub import`, POST /api/v1/batches and the
// console's uploads all call ingest_batch_bytes): the envelope, the payload, a sealed payload, and
// the ingest into a hub database. Modes: 0 the file's bytes as they come; 1 the bytes as a plain
// payload, 2 as a sealed one, each signed by a test device so that the payload's checks are reached.
// An ingest that is refused leaves every table of the hub database as it was.
#include <nlohmann/json.hpp>

#include "fuzz/fuzz_support.hpp"
#include "hub/hub_import.hpp"

namespace {

using namespace peiling;

// The device and seq the payload names (the envelope must agree), or stand-ins.
std::pair<std::string, std::int64_t> named_device(std::string_view payload) {
  const auto json = nlohmann::json::parse(payload, nullptr, false);
  std::string device = "9b2f6e0c-3d4a-4c1b-8e7f-0a1b2c3d4e5f";
  std::int64_t seq = 1;
  if (json.is_object()) {
    if (auto found = json.find("device_id"); found != json.end() && found->is_string()) device = *found;
    if (auto found = json.find("seq"); found != json.end() && found->is_number_integer())
      seq = found->get<std::int64_t>();
  }
  return {device, seq};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = fuzz::as_text(data, size);
  const auto [mode, rest] = fuzz::split_mode(input, 3);
  auto& hub = fuzz::FuzzHub::instance();
  std::string file(rest);
  if (mode > 0) {
    const auto [device, seq] = named_device(rest);
    std::optional<std::string> seal_key;
    if (mode == 2) seal_key = hub.store().seal_public_key();
    file = sync::encode_batch_file(rest, seq, fuzz::test_device_signer(device), seal_key).file;
  }
  const std::string before = hub.checksum();
  auto ingested = hub::ingest_batch_bytes(hub.store(), file, "fuzz-batch.json", false);
  if (!ingested || ingested->rejected) {
    fuzz::require(hub.checksum() == before, "a refused batch changed the hub database", input);
    if (ingested) fuzz::require(!ingested->rejected->empty(), "a batch refused without a reason", input);
  } else {
    (void)hub::outcome_sentence(ingested.value());
    hub.changed();
  }
  return 0;
}
