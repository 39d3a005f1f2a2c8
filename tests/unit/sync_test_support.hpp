#pragma once
// Shared pieces of the sync tests: a device in memory with respondents of the minimal fixture
// pack, and bare key pairs standing in for other devices and hubs.
#include <gtest/gtest.h>
#include <sodium.h>

#include <filesystem>
#include <string>

#include "core/pack.hpp"
#include "hub/hub_store.hpp"
#include "store/device_store.hpp"
#include "support/process.hpp"
#include "support/respondents.hpp"
#include "sync/batch_format.hpp"

namespace peiling::sync::test {

inline Pack fixture_pack() {
  auto loaded = load_pack_file(std::filesystem::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs" /
                               "valid-minimal.json");
  EXPECT_TRUE(loaded.ok()) << loaded.errors().joined();
  return loaded.ok() ? loaded->pack : Pack{};
}

// The fixture pack with its settings and hub section as a test needs them.
inline Pack pack_with(bool keep_abandoned, std::optional<HubSettings> hub) {
  Pack pack = fixture_pack();
  pack.settings.keep_abandoned = keep_abandoned;
  pack.hub = std::move(hub);
  return pack;
}

inline store::DeviceStore open_device(const Pack& pack) {
  auto store = store::DeviceStore::open_in_memory();
  EXPECT_TRUE(store.ok()) << store.error().message;
  EXPECT_TRUE(store->remember_pack({pack.id, pack.version}, "{}").ok());
  return std::move(store.value());
}

// A new hub database in a scratch folder named after the running test; dir is set to the folder.
inline std::optional<hub::HubStore> scratch_hub(const std::string& prefix, std::string& dir) {
  dir = peiling::test::scratch_dir(prefix + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  auto created = hub::HubStore::create(std::filesystem::path(dir) / "hub.db");
  EXPECT_TRUE(created.ok()) << created.error().message;
  if (!created.ok()) return std::nullopt;
  return std::move(created.value());
}

// An Ed25519 key pair that is not the device's: another device, or a forger.
struct SigningKeys {
  std::string public_key = std::string(crypto_sign_PUBLICKEYBYTES, '\0');
  std::string secret_key = std::string(crypto_sign_SECRETKEYBYTES, '\0');
  SigningKeys() {
    EXPECT_GE(sodium_init(), 0);
    crypto_sign_keypair(reinterpret_cast<unsigned char*>(public_key.data()),
                        reinterpret_cast<unsigned char*>(secret_key.data()));
  }
  std::array<unsigned char, 64> sign(std::string_view message) const {
    std::array<unsigned char, 64> signature;
    crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                         message.size(), reinterpret_cast<const unsigned char*>(secret_key.data()));
    return signature;
  }
  BatchSigner signer(const std::string& device_id) const {
    return {device_id, public_key, [this](std::string_view message) { return sign(message); }};
  }
};

struct SealingKeys {
  std::string public_key = std::string(crypto_box_PUBLICKEYBYTES, '\0');
  std::string secret_key = std::string(crypto_box_SECRETKEYBYTES, '\0');
  SealingKeys() {
    EXPECT_GE(sodium_init(), 0);
    crypto_box_keypair(reinterpret_cast<unsigned char*>(public_key.data()),
                       reinterpret_cast<unsigned char*>(secret_key.data()));
  }
};

}  // namespace peiling::sync::test
