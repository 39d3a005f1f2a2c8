#include "fuzz/fuzz_support.hpp"

#include <sodium.h>
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace peiling::fuzz {

namespace fs = std::filesystem;

ModeAndRest split_mode(std::string_view input, unsigned modes) {
  if (input.empty()) return {0, input};
  return {static_cast<unsigned char>(input[0]) % modes, input.substr(1)};
}

void invariant_failed(const std::string& what, std::string_view input) {
  std::fprintf(stderr, "fuzz invariant broken: %s (input of %zu bytes)\n", what.c_str(), input.size());
  std::abort();
}

namespace {

struct SeededKeys {
  std::string public_key = std::string(crypto_sign_PUBLICKEYBYTES, '\0');
  std::string secret_key = std::string(crypto_sign_SECRETKEYBYTES, '\0');
  explicit SeededKeys(unsigned char seed_byte) {
    if (sodium_init() < 0) std::abort();
    std::array<unsigned char, crypto_sign_SEEDBYTES> seed;
    seed.fill(seed_byte);
    crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(public_key.data()),
                             reinterpret_cast<unsigned char*>(secret_key.data()), seed.data());
  }
  std::array<unsigned char, 64> sign(std::string_view message) const {
    std::array<unsigned char, 64> signature;
    crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                         message.size(), reinterpret_cast<const unsigned char*>(secret_key.data()));
    return signature;
  }
};

const SeededKeys& device_keys() {
  static const SeededKeys keys(1);
  return keys;
}
const SeededKeys& hub_keys() {
  static const SeededKeys keys(2);
  return keys;
}

// Every row of every table, each value with its type and length, so no two contents read alike.
std::string table_checksum(sqlite3* db) {
  std::string out;
  std::vector<std::string> tables;
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1, &statement,
                     nullptr);
  while (sqlite3_step(statement) == SQLITE_ROW)
    tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
  sqlite3_finalize(statement);
  for (const auto& table : tables) {
    out += "table " + table + "\n";
    const std::string sql = "SELECT * FROM \"" + table + "\"";
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      out += std::string("error ") + sqlite3_errmsg(db) + "\n";
      continue;
    }
    while (sqlite3_step(statement) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(statement); ++i) {
        const int type = sqlite3_column_type(statement, i);
        const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement, i));
        const int size = sqlite3_column_bytes(statement, i);
        out += std::to_string(type) + ":" + std::to_string(size) + ":";
        if (bytes) out.append(bytes, static_cast<std::size_t>(size));
        out += '|';
      }
      out += '\n';
    }
    sqlite3_finalize(statement);
  }
  return out;
}

std::string read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

sync::BatchSigner test_device_signer(const std::string& device_id) {
  return {device_id, device_keys().public_key,
          [](std::string_view message) { return device_keys().sign(message); }};
}

const sync::AckSigner& test_hub_signer() {
  static const sync::AckSigner signer{hub_keys().public_key,
                                      [](std::string_view message) { return hub_keys().sign(message); }};
  return signer;
}

const std::string& test_hub_public_key() {
  return hub_keys().public_key;
}

FuzzHub& FuzzHub::instance() {
  static FuzzHub hub;
  return hub;
}

FuzzHub::FuzzHub() {
  std::error_code ec;
  const fs::path base = fs::is_directory("/dev/shm", ec) ? fs::path("/dev/shm") : fs::temp_directory_path();
  dir_ = base / ("peiling-fuzz-" + std::to_string(::getpid()));
  fs::create_directories(dir_);
  path_ = dir_ / "hub.db";
  make();
}

FuzzHub::~FuzzHub() {
  reader_.reset();
  store_.reset();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

void FuzzHub::make() {
  if (store_ && before_renewal) before_renewal();
  reader_.reset();
  store_.reset();
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_.string() + suffix, ec);
  auto created = hub::HubStore::create(path_);
  if (!created) invariant_failed("the fuzz hub cannot be made: " + created.error().message, {});
  store_ = std::make_unique<hub::HubStore>(std::move(created.value()));
  const std::string pack_bytes =
      read_whole(fs::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs" / "valid-minimal.json");
  auto pack = parse_pack(pack_bytes, "valid-minimal.json");
  if (!pack) invariant_failed("the fixture pack does not validate", {});
  if (auto published = store_->publish_pack({pack->id, pack->version}, pack_bytes); !published)
    invariant_failed("the fixture pack cannot be published: " + published.error().message, {});
  reader_ = std::make_unique<test::RawDatabase>(path_);
  changes_ = 0;
  ++generation_;
}

std::string FuzzHub::checksum() const {
  return table_checksum(reader_->handle());
}

void FuzzHub::changed() {
  if (++changes_ >= 64) make();
}

}  // namespace peiling::fuzz
