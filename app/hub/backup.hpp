#pragma once
// `peiling-hub backup` and `restore`: the hub database holds the hub's secret keys and the contact
// addresses, so a backup is encrypted with the organiser's passphrase.
//
// A backup is a consistent copy through SQLite's online backup API (one read transaction, so it
// works while `serve` writes), encrypted with libsodium's secretstream (XChaCha20-Poly1305) under
// a key from Argon2id. The file, all integers little-endian:
//   "PEILBACK"                   8 bytes, the magic
//   format                       u32, kBackupFormat
//   opslimit, memlimit           u64 each, Argon2id's cost, so a later version can raise it
//   salt                         crypto_pwhash_SALTBYTES, random per backup
//   key check                    32 bytes: keyed BLAKE2b of the bytes above, under a second key
//                                from the passphrase, so a wrong passphrase reads as such
//   secretstream header          crypto_secretstream_xchacha20poly1305_HEADERBYTES
//   chunks                       64 KiB of the database each (the last may be shorter), each
//                                with its tag; the last is tagged FINAL, so a cut file is refused
// The file header is the additional data of every chunk: changing any byte of it is refused.
// Both functions write to a temporary file beside their target and rename it into place only when
// complete, never over an existing file; on failure they leave nothing behind.
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "core/result.hpp"

namespace peiling::hub {

inline constexpr std::uint32_t kBackupFormat = 1;
inline constexpr std::size_t kMinPassphraseChars = 10;

struct BackupSummary {
  std::filesystem::path file;
  std::uint64_t bytes = 0;  // of the encrypted file
  int schema_version = 0;
  std::int64_t responses = 0;  // rows of the responses table in the copy
};

struct RestoreSummary {
  std::filesystem::path db;
  int schema_version = 0;
  std::int64_t responses = 0;
};

// Writes an encrypted copy of the hub database db to out, which must not exist. The passphrase
// needs at least kMinPassphraseChars characters.
Result<BackupSummary> backup_hub(const std::filesystem::path& db, const std::filesystem::path& out,
                                 std::string_view passphrase);

// Decrypts backup_file into a new database new_db, which must not exist. Refuses, changing
// nothing, a wrong passphrase, a file cut short or altered, a database that fails
// PRAGMA integrity_check, and a schema newer than this peiling-hub knows. An older schema is
// restored as it is; opening the hub upgrades it.
Result<RestoreSummary> restore_hub(const std::filesystem::path& backup_file,
                                   const std::filesystem::path& new_db, std::string_view passphrase);

}  // namespace peiling::hub
