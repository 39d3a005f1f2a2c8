#include "sync/files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace peiling::sync {

namespace {

std::string failed(const std::filesystem::path& path, const char* what) {
  return path.string() + ": cannot " + what + ": " + std::strerror(errno);
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

}  // namespace

Result<std::filesystem::path> write_file_durably(const std::filesystem::path& dir, const std::string& name,
                                                 std::string_view bytes) {
  using R = Result<std::filesystem::path>;
  const auto target = dir / name;
  // A dot name is hidden from people browsing the stick, and from the hub's import (*.json only).
  const auto temporary = dir / ("." + name + ".tmp-" + std::to_string(::getpid()));
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return R::failure(failed(temporary, "create"));
  const bool written = write_all(fd, bytes) && ::fsync(fd) == 0;
  const std::string write_error = written ? "" : failed(temporary, "write");
  if (::close(fd) != 0 && written) {
    ::unlink(temporary.c_str());
    return R::failure(failed(temporary, "close"));
  }
  if (!written) {
    ::unlink(temporary.c_str());
    return R::failure(write_error);
  }
  if (::rename(temporary.c_str(), target.c_str()) != 0) {
    const std::string rename_error = failed(target, "rename into place");
    ::unlink(temporary.c_str());
    return R::failure(rename_error);
  }
  const int dir_fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0 || ::fsync(dir_fd) != 0) {
    const std::string sync_error = failed(dir, "flush the folder");
    if (dir_fd >= 0) ::close(dir_fd);
    return R::failure(sync_error);
  }
  ::close(dir_fd);
  return target;
}

std::vector<std::filesystem::directory_entry> list_folder(const std::filesystem::path& dir,
                                                          std::error_code& error) {
  std::vector<std::filesystem::directory_entry> entries;
  std::filesystem::directory_iterator it(dir, error);
  for (; !error && it != std::filesystem::directory_iterator(); it.increment(error)) entries.push_back(*it);
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
  return entries;
}

std::vector<std::filesystem::path> sorted_json_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : list_folder(dir, ec)) {
    const auto& path = entry.path();
    if (entry.is_regular_file(ec) && !entry.is_symlink(ec) && path.extension() == ".json" &&
        !path.filename().string().starts_with(".")) {
      files.push_back(path);
    }
  }
  return files;
}

}  // namespace peiling::sync
