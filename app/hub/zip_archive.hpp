#pragma once
// A zip archive read from memory with limits, for what organisers upload: a stick's folder as a
// zip, and workbooks (.xlsx and .ods are zips of XML). Hostile archives are refused whole, with a
// reason that names the archive's entry, before anything is taken from them:
//   - not a zip, or an encrypted one
//   - more entries than max_entries
//   - an entry whose name is absolute or climbs out with "..", or that is a symbolic link
//   - more bytes in all, or in one entry, than the limits, counted as they are inflated (a zip
//     bomb declares small sizes)
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace peiling::hub {

struct ZipLimits {
  std::size_t max_entries = 10'000;
  std::uint64_t max_total_bytes = 50ull << 20;  // uncompressed, over every entry read
  std::uint64_t max_entry_bytes = 50ull << 20;
};

struct ZipEntry {
  std::string name;   // as stored, '/' between folders
  std::string bytes;  // uncompressed
};

class ZipArchive {
 public:
  // bytes must outlive the archive. label names the archive in messages ("stick.zip").
  static Result<ZipArchive> open(std::string_view bytes, std::string label, ZipLimits limits = {});

  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) noexcept;
  ~ZipArchive();

  // The names of the file entries (folders left out), in the archive's order.
  const std::vector<std::string>& names() const { return names_; }
  bool contains(std::string_view name) const;

  // One entry's bytes; nullopt when there is no such entry. Counts against max_total_bytes.
  Result<std::optional<std::string>> read(std::string_view name);
  // Every file entry, in order.
  Result<std::vector<ZipEntry>> read_all();

 private:
  struct Handle;
  ZipArchive(std::unique_ptr<Handle> handle, std::string label, ZipLimits limits,
             std::vector<std::string> names);

  std::unique_ptr<Handle> handle_;
  std::string label_;
  ZipLimits limits_;
  std::vector<std::string> names_;
  std::uint64_t bytes_read_ = 0;
};

}  // namespace peiling::hub
