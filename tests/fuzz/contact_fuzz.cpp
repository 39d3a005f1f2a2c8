// The contact file as the hub takes it in (import and the console's uploads call
// ingest_contact_bytes): mode 0 the file's bytes as they come; mode 1 the bytes as a plain file's
// contact list, mode 2 as a sealed one, sealed to the hub. A refused file leaves the hub database
// as it was; addresses that read are written again and read back the same.
#include <nlohmann/json.hpp>

#include "core/codec.hpp"
#include "fuzz/fuzz_support.hpp"
#include "hub/hub_import.hpp"
#include "sync/contact_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace peiling;
  const auto input = fuzz::as_text(data, size);
  const auto [mode, rest] = fuzz::split_mode(input, 3);
  auto& hub = fuzz::FuzzHub::instance();
  std::string file(rest);
  if (mode > 0) {
    nlohmann::ordered_json wrapped{{"format", sync::kContactsFormat}};
    if (mode == 1) {
      wrapped["plain"] = std::string(rest);
    } else {
      wrapped["sealed"] = to_base64(sync::seal(rest, hub.store().seal_public_key()));
    }
    // Bytes that are not UTF-8 cannot go into a JSON string; mode 0 gives the reader those.
    file = wrapped.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  const std::string before = hub.checksum();
  auto ingested = hub::ingest_contact_bytes(hub.store(), file, "contacts/fuzz-contacts.json");
  if (!ingested || ingested->rejected) {
    fuzz::require(hub.checksum() == before, "a refused contact file changed the hub database", input);
    return 0;
  }
  const auto unseal = [&hub](std::string_view sealed) { return hub.store().unseal(sealed); };
  auto contacts = sync::read_contact_file(file, "again", unseal);
  fuzz::require(contacts.ok(), "a contact file the hub took does not read", input);
  auto again =
      sync::read_contact_file(sync::encode_contact_file(contacts.value(), std::nullopt), "again", unseal);
  fuzz::require(again.ok() && again.value() == contacts.value(), "contacts written again read differently",
                input);
  hub.changed();  // last: the hub may start afresh, with other keys
  return 0;
}
