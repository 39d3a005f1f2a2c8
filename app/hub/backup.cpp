#include "hub/backup.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>  // renameat2
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "core/json_file.hpp"
#include "hub/hub_schema.hpp"
#include "store/sqlite/connection.hpp"
#include "store/store_options.hpp"

namespace peiling::hub {

namespace {

namespace fs = std::filesystem;
using store::sqlite::Connection;

constexpr std::array<unsigned char, 8> kMagic{'P', 'E', 'I', 'L', 'B', 'A', 'C', 'K'};
constexpr std::size_t kChunkBytes = 64 << 10;
constexpr std::size_t kCheckBytes = 32;
constexpr std::size_t kPrefixBytes = kMagic.size() + 4 + 8 + 8 + crypto_pwhash_SALTBYTES;
constexpr std::size_t kHeaderBytes =
    kPrefixBytes + kCheckBytes + crypto_secretstream_xchacha20poly1305_HEADERBYTES;
constexpr std::size_t kStreamKeyBytes = crypto_secretstream_xchacha20poly1305_KEYBYTES;
constexpr std::size_t kSealedChunkBytes = kChunkBytes + crypto_secretstream_xchacha20poly1305_ABYTES;
// Argon2id for new backups: a third of a second and 64 MiB on the organisers' laptops, so that
// `serve` can take a backup from the console without a spike the abuse limits would notice.
constexpr std::uint64_t kOpsLimit = 3;
constexpr std::uint64_t kMemLimit = 64ull << 20;

// Thrown inside this file only; the two entry points turn it into their Result. Temporary files
// clean up in their destructors on the way out.
struct Failure {
  std::string line;
};

[[noreturn]] void fail(std::string line) {
  throw Failure{std::move(line)};
}

std::string quoted(const fs::path& path) {
  return "'" + path.string() + "'";
}

void put_le(unsigned char* out, std::uint64_t value, std::size_t bytes) {
  for (std::size_t i = 0; i < bytes; ++i) out[i] = static_cast<unsigned char>(value >> (8 * i));
}

std::uint64_t get_le(const unsigned char* in, std::size_t bytes) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < bytes; ++i) value |= std::uint64_t{in[i]} << (8 * i);
  return value;
}

// The file header in its order; see backup.hpp.
struct Header {
  std::array<unsigned char, kHeaderBytes> bytes{};
  unsigned char* format() { return bytes.data() + kMagic.size(); }
  unsigned char* opslimit() { return format() + 4; }
  unsigned char* memlimit() { return opslimit() + 8; }
  unsigned char* salt() { return memlimit() + 8; }
  unsigned char* check() { return bytes.data() + kPrefixBytes; }
  unsigned char* stream() { return check() + kCheckBytes; }
};

// Two keys from one Argon2id run: the stream's, and the one for the key check.
class Keys {
 public:
  Keys(std::string_view passphrase, Header& header) {
    if (crypto_pwhash(bytes_.data(), bytes_.size(), passphrase.data(), passphrase.size(), header.salt(),
                      get_le(header.opslimit(), 8), static_cast<std::size_t>(get_le(header.memlimit(), 8)),
                      crypto_pwhash_ALG_ARGON2ID13) != 0) {
      fail("There is not enough memory to derive the key from the passphrase.");
    }
  }
  Keys(const Keys&) = delete;
  Keys& operator=(const Keys&) = delete;
  ~Keys() { sodium_memzero(bytes_.data(), bytes_.size()); }

  const unsigned char* stream() const { return bytes_.data(); }

  std::array<unsigned char, kCheckBytes> check_of(Header& header) const {
    std::array<unsigned char, kCheckBytes> check{};
    crypto_generichash(check.data(), check.size(), header.bytes.data(), kPrefixBytes,
                       bytes_.data() + kStreamKeyBytes, kCheckBytes);
    return check;
  }

 private:
  std::array<unsigned char, kStreamKeyBytes + kCheckBytes> bytes_{};
};

void sync_folder(const fs::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  (void)::fsync(fd);  // some file systems (a stick's FAT) refuse; the rename has happened anyway
  ::close(fd);
}

fs::path folder_of(const fs::path& file) {
  return file.has_parent_path() ? file.parent_path() : fs::path(".");
}

// A new file beside target, readable by its owner only, removed unless moved onto target.
class TempFile {
 public:
  TempFile(const fs::path& target, const std::string& action) : action_("Could not " + action) {
    std::string name = (folder_of(target) / ("." + target.filename().string() + ".XXXXXX")).string();
    fd_ = ::mkstemp(name.data());  // mode 0600
    if (fd_ < 0) fail(action_ + ": " + std::strerror(errno) + " (" + quoted(folder_of(target)) + ").");
    path_ = name;
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!path_.empty()) ::unlink(path_.c_str());
  }

  const fs::path& path() const { return path_; }

  void write(const unsigned char* data, std::size_t size) {
    while (size > 0) {
      const ssize_t written = ::write(fd_, data, size);
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) fail(action_ + ": " + std::strerror(errno) + " (" + quoted(path_) + ").");
      data += written;
      size -= static_cast<std::size_t>(written);
    }
  }

  // On disk and closed, so that SQLite may open it.
  void finish() {
    if (::fsync(fd_) != 0 || ::close(fd_) != 0) {
      fd_ = -1;
      fail(action_ + ": " + std::strerror(errno) + " (" + quoted(path_) + ").");
    }
    fd_ = -1;
  }

  // Renames the finished file to target, unless target exists by then.
  void move_to(const fs::path& target) {
    int rc = ::renameat2(AT_FDCWD, path_.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE);
    if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {
      // A file system without RENAME_NOREPLACE: the check and the rename are two steps there.
      std::error_code ec;
      if (fs::exists(fs::symlink_status(target, ec))) {
        errno = EEXIST;
      } else {
        rc = ::rename(path_.c_str(), target.c_str());
      }
    }
    if (rc != 0) fail(action_ + ": " + std::strerror(errno) + " (" + quoted(target) + ").");
    path_.clear();
    sync_folder(folder_of(target));
  }

 private:
  std::string action_;
  fs::path path_;
  int fd_ = -1;
};

void require_absent(const fs::path& target, const std::string& why) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(target, ec))) fail(quoted(target) + " already exists; " + why);
}

std::string text_of(Connection& connection, std::string_view sql, const std::string& action) {
  auto value = connection.query_text(sql, action);
  if (!value) fail(value.error().message);
  return value.value();
}

int latest_schema_version() {
  return hub_migration_steps().back().version;
}

struct DatabaseFacts {
  int schema_version = 0;
  std::int64_t responses = 0;
};

// The schema version and response count of a hub database; refuses any other database and, when
// it is to be used here, a schema newer than this program's. `label` names it in messages.
enum class Newer { allowed, refused };

DatabaseFacts read_facts(Connection& connection, const std::string& label, const std::string& action,
                         Newer newer) {
  const bool is_hub =
      text_of(connection,
              "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('hub', 'responses')",
              action) == "2";
  const int version = std::stoi(text_of(connection, "PRAGMA user_version", action));
  if (!is_hub || version <= 0) fail(label + " is not a Peiling hub database.");
  if (newer == Newer::refused && version > latest_schema_version()) {
    fail(label + " was written by a newer peiling-hub (schema " + std::to_string(version) +
         "; this one knows up to " + std::to_string(latest_schema_version()) + ").");
  }
  return {version, std::stoll(text_of(connection, "SELECT count(*) FROM responses", action))};
}

void start_sodium() {
  if (sodium_init() < 0) fail("libsodium failed to start.");
}

// The database image as one contiguous buffer, owned by SQLite.
struct Image {
  std::unique_ptr<unsigned char, void (*)(void*)> owned{nullptr, sqlite3_free};
  const unsigned char* data = nullptr;
  std::size_t size = 0;
};

BackupSummary write_backup(const fs::path& db, const fs::path& out, std::string_view passphrase) {
  start_sodium();
  if (find_invalid_utf8(passphrase) || count_code_points(passphrase) < kMinPassphraseChars) {
    fail("The passphrase must have at least " + std::to_string(kMinPassphraseChars) + " characters.");
  }
  require_absent(out, "choose a new file name so that no earlier backup is lost.");
  std::error_code ec;
  if (!fs::is_regular_file(db, ec)) fail("There is no hub database at " + quoted(db) + ".");

  const std::string action = "back up the hub";
  // This connection only reads, one snapshot while `serve` keeps writing. It opens read-write so
  // that, when it is the last, SQLite removes the -wal and -shm files it made.
  auto source = Connection::open(db.string(), SQLITE_OPEN_READWRITE, "open the hub database for the backup");
  if (!source) fail(source.error().message);
  sqlite3_busy_timeout(source->handle(), store::kDefaultBusyTimeoutMs);
  // The copy stays in memory: the plain database never touches the disk beside the backup.
  auto copy = Connection::open("file:peiling-backup?vfs=memdb",
                               SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI,
                               "make the backup's copy");
  if (!copy) fail(copy.error().message);
  // The facts and the copy come from one read transaction, so they agree whatever `serve` writes.
  if (auto begun = source->run_script("BEGIN", "start reading the hub database"); !begun) {
    fail(begun.error().message);
  }
  const DatabaseFacts facts = read_facts(source.value(), quoted(db), action, Newer::allowed);
  sqlite3_backup* backup = sqlite3_backup_init(copy->handle(), "main", source->handle(), "main");
  if (!backup) fail(copy->error(sqlite3_errcode(copy->handle()), "copy the hub database").message);
  // -1: every page in one step, inside the read transaction begun above.
  const int step_rc = sqlite3_backup_step(backup, -1);
  const int finish_rc = sqlite3_backup_finish(backup);
  if (step_rc != SQLITE_DONE) fail(source->error(step_rc, "copy the hub database").message);
  if (finish_rc != SQLITE_OK) fail(copy->error(finish_rc, "copy the hub database").message);
  // The copy's page 1 says WAL, which an in-memory database cannot open: it is only serialized.

  Image image;
  sqlite3_int64 size = 0;
  image.data = sqlite3_serialize(copy->handle(), "main", &size, SQLITE_SERIALIZE_NOCOPY);
  if (!image.data) {
    image.owned.reset(sqlite3_serialize(copy->handle(), "main", &size, 0));
    image.data = image.owned.get();
  }
  if (!image.data || size < 100) fail("Could not " + action + ": there is not enough memory for the copy.");
  image.size = static_cast<std::size_t>(size);

  Header header;
  std::copy(kMagic.begin(), kMagic.end(), header.bytes.begin());
  put_le(header.format(), kBackupFormat, 4);
  put_le(header.opslimit(), kOpsLimit, 8);
  put_le(header.memlimit(), kMemLimit, 8);
  randombytes_buf(header.salt(), crypto_pwhash_SALTBYTES);
  const Keys keys(passphrase, header);
  const auto check = keys.check_of(header);
  std::copy(check.begin(), check.end(), header.check());
  crypto_secretstream_xchacha20poly1305_state state;
  crypto_secretstream_xchacha20poly1305_init_push(&state, header.stream(), keys.stream());

  TempFile temp(out, action);
  temp.write(header.bytes.data(), header.bytes.size());
  std::vector<unsigned char> plain(kChunkBytes);
  std::vector<unsigned char> sealed(kSealedChunkBytes);
  for (std::size_t at = 0; at < image.size; at += kChunkBytes) {
    const std::size_t length = std::min(kChunkBytes, image.size - at);
    std::copy_n(image.data + at, length, plain.begin());
    if (at == 0 && plain[18] == 2 && plain[19] == 2) {
      // The pages carry the source's WAL flag (file format bytes 18 and 19); the backup is one
      // self-contained file in rollback mode, and opening the restored hub turns WAL back on.
      plain[18] = plain[19] = 1;
    }
    const bool last = at + length == image.size;
    unsigned long long sealed_length = 0;
    crypto_secretstream_xchacha20poly1305_push(&state, sealed.data(), &sealed_length, plain.data(), length,
                                               header.bytes.data(), header.bytes.size(),
                                               last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                    : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
    temp.write(sealed.data(), static_cast<std::size_t>(sealed_length));
  }
  sodium_memzero(plain.data(), plain.size());
  temp.finish();
  temp.move_to(out);
  return {out, fs::file_size(out, ec), facts.schema_version, facts.responses};
}

// Reads up to size bytes, fewer only at the end of the file.
std::size_t read_up_to(int fd, unsigned char* data, std::size_t size, const fs::path& file) {
  std::size_t got = 0;
  while (got < size) {
    const ssize_t n = ::read(fd, data + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("Could not read " + quoted(file) + ": " + std::strerror(errno) + ".");
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  return got;
}

class InputFile {
 public:
  explicit InputFile(const fs::path& file) : fd_(::open(file.c_str(), O_RDONLY | O_CLOEXEC)) {
    if (fd_ < 0) fail("Could not open " + quoted(file) + ": " + std::strerror(errno) + ".");
  }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  ~InputFile() { ::close(fd_); }
  int fd() const { return fd_; }

 private:
  int fd_;
};

RestoreSummary read_backup(const fs::path& backup_file, const fs::path& new_db, std::string_view passphrase) {
  start_sodium();
  const std::string why = "restore into a new file so that no hub database is overwritten.";
  // A stale -wal or -journal beside the new name would be replayed into the restored database.
  for (const char* suffix : {"", "-wal", "-journal", "-shm"}) require_absent(new_db.string() + suffix, why);
  std::error_code ec;
  if (!fs::is_regular_file(backup_file, ec)) fail("There is no backup file at " + quoted(backup_file) + ".");

  const std::string label = quoted(backup_file);
  const std::string nothing = " Nothing was restored.";
  InputFile input(backup_file);
  Header header;
  if (read_up_to(input.fd(), header.bytes.data(), header.bytes.size(), backup_file) < header.bytes.size() ||
      !std::equal(kMagic.begin(), kMagic.end(), header.bytes.begin())) {
    fail(label + " is not a Peiling hub backup." + nothing);
  }
  if (const auto format = get_le(header.format(), 4); format != kBackupFormat) {
    fail(format > kBackupFormat
             ? label + " was written by a newer peiling-hub (backup format " + std::to_string(format) +
                   "; this one reads format " + std::to_string(kBackupFormat) + ")." + nothing
             : label + " has a damaged header." + nothing);
  }
  // An altered header must not make Argon2id take all the memory or all day.
  const std::uint64_t ops = get_le(header.opslimit(), 8);
  const std::uint64_t mem = get_le(header.memlimit(), 8);
  if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > crypto_pwhash_OPSLIMIT_SENSITIVE ||
      mem < crypto_pwhash_MEMLIMIT_MIN || mem > crypto_pwhash_MEMLIMIT_SENSITIVE) {
    fail(label + " has a damaged header." + nothing);
  }
  const Keys keys(passphrase, header);
  if (sodium_memcmp(keys.check_of(header).data(), header.check(), kCheckBytes) != 0) {
    fail("The passphrase does not open " + label + ": it is not the one the backup was made with." + nothing);
  }
  crypto_secretstream_xchacha20poly1305_state state;
  if (crypto_secretstream_xchacha20poly1305_init_pull(&state, header.stream(), keys.stream()) != 0) {
    fail(label + " has a damaged header." + nothing);
  }

  TempFile temp(new_db, "restore the hub");
  std::vector<unsigned char> sealed(kSealedChunkBytes);
  std::vector<unsigned char> plain(kChunkBytes);
  for (std::uint64_t chunk = 1;; ++chunk) {
    const std::size_t got = read_up_to(input.fd(), sealed.data(), sealed.size(), backup_file);
    if (got == 0) fail(label + " is cut short: it ends before the backup does." + nothing);
    unsigned long long length = 0;
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(&state, plain.data(), &length, &tag, sealed.data(), got,
                                                   header.bytes.data(), header.bytes.size()) != 0) {
      fail(label + " is damaged, cut short or was altered (part " + std::to_string(chunk) +
           " does not verify)." + nothing);
    }
    temp.write(plain.data(), static_cast<std::size_t>(length));
    if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
      unsigned char extra = 0;
      if (read_up_to(input.fd(), &extra, 1, backup_file) != 0) {
        fail(label + " has bytes after the end of the backup; it was altered." + nothing);
      }
      break;
    }
    if (got < sealed.size()) fail(label + " is cut short: it ends before the backup does." + nothing);
  }
  sodium_memzero(plain.data(), plain.size());
  temp.finish();

  DatabaseFacts facts;
  {
    const std::string action = "check the restored database";
    auto restored =
        Connection::open(temp.path().string(), SQLITE_OPEN_READONLY, "check the restored database");
    if (!restored) fail(restored.error().message + nothing);
    const std::string integrity = text_of(restored.value(), "PRAGMA integrity_check", action);
    if (integrity != "ok") fail("The database in " + label + " fails SQLite's integrity check." + nothing);
    facts = read_facts(restored.value(), "The database in " + label, action, Newer::refused);
  }
  temp.move_to(new_db);
  return {new_db, facts.schema_version, facts.responses};
}

template <class T, class Run>
Result<T> reported(Run&& run) {
  try {
    return run();
  } catch (const Failure& failure) {
    return Result<T>::failure(failure.line);
  }
}

}  // namespace

Result<BackupSummary> backup_hub(const fs::path& db, const fs::path& out, std::string_view passphrase) {
  return reported<BackupSummary>([&] { return write_backup(db, out, passphrase); });
}

Result<RestoreSummary> restore_hub(const fs::path& backup_file, const fs::path& new_db,
                                   std::string_view passphrase) {
  return reported<RestoreSummary>([&] { return read_backup(backup_file, new_db, passphrase); });
}

}  // namespace peiling::hub
