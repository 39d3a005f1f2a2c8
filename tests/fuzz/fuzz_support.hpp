#pragma once
// What every fuzz target shares: the bytes as text, a split of the input into a mode and the rest,
// fixed test keys (so a target can sign what the fuzzer wrote and reach the code behind a
// signature check), a hub database to ingest into with a checksum of its tables, and the one way
// to report a broken invariant (abort, which libFuzzer and the replay test both catch).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "hub/hub_store.hpp"
#include "support/raw_database.hpp"
#include "sync/ack_file.hpp"
#include "sync/batch_format.hpp"

// Every target defines this; libFuzzer's driver or the replay test (replay_test.cpp) calls it.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace peiling::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The first byte picks one of modes ways in (0 when empty); the rest is the input proper.
struct ModeAndRest {
  unsigned mode = 0;
  std::string_view rest;
};
ModeAndRest split_mode(std::string_view input, unsigned modes);

// Prints what broke, with the input's size, and aborts.
[[noreturn]] void invariant_failed(const std::string& what, std::string_view input);
inline void require(bool holds, const char* what, std::string_view input) {
  if (!holds) invariant_failed(what, input);
}

// A device's Ed25519 key pair from a fixed seed: signs batches the fuzzer's payloads go into.
sync::BatchSigner test_device_signer(const std::string& device_id);
// Another fixed pair standing in for a hub on the device's side (acks, signed packs).
const sync::AckSigner& test_hub_signer();
const std::string& test_hub_public_key();

// A hub database of the fuzzer's own in a temporary folder (on /dev/shm when there is one), with
// the minimal fixture pack published so that /live and the pack routes have something to show.
// It is made again once enough batches went in, so that it does not grow without end.
class FuzzHub {
 public:
  static FuzzHub& instance();
  hub::HubStore& store() { return *store_; }
  const std::filesystem::path& path() const { return path_; }
  // Every row of every table, as text: equal before and after an ingest that changed nothing.
  std::string checksum() const;
  // Call after an ingest that was taken in; every so often the database starts afresh.
  void changed();
  // Goes up each time the database starts afresh (with other keys, and nobody signed in).
  int generation() const { return generation_; }
  // Called just before the database starts afresh, while the old store still lives: a target
  // lets go of what it built on the store.
  std::function<void()> before_renewal;
  ~FuzzHub();

 private:
  FuzzHub();
  void make();
  std::filesystem::path dir_, path_;
  std::unique_ptr<hub::HubStore> store_;
  std::unique_ptr<test::RawDatabase> reader_;  // a connection of its own, beside the store's
  int changes_ = 0;
  int generation_ = 0;
};

}  // namespace peiling::fuzz
