#include "store/data_dir_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace peiling::store {

StoreResult<DataDirLock> DataDirLock::acquire(const std::filesystem::path& data_dir) {
  const auto path = data_dir / "peiling.lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    const int error = errno;
    const ErrorKind kind =
        (error == EACCES || error == EROFS || error == EPERM) ? ErrorKind::read_only : ErrorKind::io;
    return StoreError{kind, "Could not open the data folder: cannot write to " + data_dir.string() + " (" +
                                std::strerror(error) + ")."};
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd);
    if (error == EWOULDBLOCK) {
      return StoreError{ErrorKind::locked,
                        "Another Peiling is using " + data_dir.string() +
                            "; close it first, or start this one with another --data-dir."};
    }
    return StoreError{ErrorKind::io, "Could not lock " + path.string() + " (" + std::strerror(error) + ")."};
  }
  return DataDirLock(fd);
}

DataDirLock::DataDirLock(DataDirLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

DataDirLock& DataDirLock::operator=(DataDirLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

// Closing the descriptor releases the flock.
DataDirLock::~DataDirLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace peiling::store
