#pragma once
// One Peiling per data folder: an exclusive flock on <data-dir>/peiling.lock, held while the store
// is open. The kernel drops it when the process dies, however it dies, so a crash never leaves a
// stale lock. Backups do not take it; they read through SQLite's own locking.
#include <filesystem>

#include "store/store_error.hpp"

namespace peiling::store {

class DataDirLock {
 public:
  static StoreResult<DataDirLock> acquire(const std::filesystem::path& data_dir);

  DataDirLock(DataDirLock&& other) noexcept;
  DataDirLock& operator=(DataDirLock&& other) noexcept;
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;
  ~DataDirLock();

 private:
  explicit DataDirLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace peiling::store
