#include "hub/zip_archive.hpp"

#include <zip.h>

#include <algorithm>

namespace peiling::hub {

namespace {

// Unix file type bits in the upper half of an entry's external attributes.
constexpr std::uint32_t kUnixTypeMask = 0170000;
constexpr std::uint32_t kUnixSymlink = 0120000;

bool is_symlink(zip_t* zip, zip_uint64_t index) {
  zip_uint8_t system = 0;
  zip_uint32_t attributes = 0;
  if (zip_file_get_external_attributes(zip, index, 0, &system, &attributes) != 0) return false;
  return system == ZIP_OPSYS_UNIX && ((attributes >> 16) & kUnixTypeMask) == kUnixSymlink;
}

// A name that stays inside the folder the archive is unpacked in.
bool is_contained(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.front() == '\\') return false;
  if (name.size() > 1 && name[1] == ':') return false;  // C:\ from Windows
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t end = std::min(name.find_first_of("/\\", start), name.size());
    if (name.substr(start, end - start) == "..") return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

struct ZipArchive::Handle {
  zip_t* zip = nullptr;
  ~Handle() {
    if (zip) zip_discard(zip);
  }
};

Result<ZipArchive> ZipArchive::open(std::string_view bytes, std::string label, ZipLimits limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) {
    zip_error_fini(&error);
    return Result<ZipArchive>::failure(label + ": could not be read");
  }
  auto handle = std::make_unique<Handle>();
  handle->zip = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (!handle->zip) {
    zip_source_free(source);
    return Result<ZipArchive>::failure(label + ": not a zip archive");
  }
  const zip_int64_t count = zip_get_num_entries(handle->zip, 0);
  if (count < 0 || static_cast<std::uint64_t>(count) > limits.max_entries) {
    return Result<ZipArchive>::failure(label + ": more than " + std::to_string(limits.max_entries) +
                                       " entries; refused whole");
  }
  std::vector<std::string> names;
  for (zip_int64_t i = 0; i < count; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(handle->zip, index, 0, &stat) != 0 || !(stat.valid & ZIP_STAT_NAME)) {
      return Result<ZipArchive>::failure(label + ": entry " + std::to_string(i + 1) + " cannot be read");
    }
    const std::string name = stat.name;
    if (!is_contained(name)) {
      return Result<ZipArchive>::failure(label + ": entry '" + name +
                                         "' points outside the archive's folder; refused whole");
    }
    if (is_symlink(handle->zip, index)) {
      return Result<ZipArchive>::failure(label + ": entry '" + name + "' is a link; refused whole");
    }
    if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE) {
      return Result<ZipArchive>::failure(label + ": entry '" + name +
                                         "' is encrypted (password-protected); save it without a password");
    }
    if (!name.empty() && name.back() == '/') continue;  // a folder
    names.push_back(name);
  }
  return ZipArchive(std::move(handle), std::move(label), limits, std::move(names));
}

ZipArchive::ZipArchive(std::unique_ptr<Handle> handle, std::string label, ZipLimits limits,
                       std::vector<std::string> names)
    : handle_(std::move(handle)), label_(std::move(label)), limits_(limits), names_(std::move(names)) {}
ZipArchive::ZipArchive(ZipArchive&&) noexcept = default;
ZipArchive& ZipArchive::operator=(ZipArchive&&) noexcept = default;
ZipArchive::~ZipArchive() = default;

bool ZipArchive::contains(std::string_view name) const {
  return std::find(names_.begin(), names_.end(), name) != names_.end();
}

Result<std::optional<std::string>> ZipArchive::read(std::string_view name) {
  using Read = Result<std::optional<std::string>>;
  if (!contains(name)) return std::optional<std::string>();
  const std::string entry(name);
  zip_file_t* file = zip_fopen(handle_->zip, entry.c_str(), 0);
  if (!file) return Read::failure(label_ + ": entry '" + entry + "' cannot be read");
  std::string bytes;
  char buffer[64 << 10];
  for (;;) {
    const zip_int64_t got = zip_fread(file, buffer, sizeof buffer);
    if (got < 0) {
      zip_fclose(file);
      return Read::failure(label_ + ": entry '" + entry + "' is damaged");
    }
    if (got == 0) break;
    bytes_read_ += static_cast<std::uint64_t>(got);
    const bool entry_too_large = bytes.size() + static_cast<std::size_t>(got) > limits_.max_entry_bytes;
    if (entry_too_large || bytes_read_ > limits_.max_total_bytes) {
      zip_fclose(file);
      const std::uint64_t limit = entry_too_large ? limits_.max_entry_bytes : limits_.max_total_bytes;
      return Read::failure(label_ + ": " + (entry_too_large ? "entry '" + entry + "' unpacks" : "unpacks") +
                           " to more than " + std::to_string(limit >> 20) + " MiB" +
                           (entry_too_large ? "" : " (at entry '" + entry + "')") + "; refused whole");
    }
    bytes.append(buffer, static_cast<std::size_t>(got));
  }
  zip_fclose(file);
  return std::optional<std::string>(std::move(bytes));
}

Result<std::vector<ZipEntry>> ZipArchive::read_all() {
  std::vector<ZipEntry> entries;
  for (const auto& name : names_) {
    auto bytes = read(name);
    if (!bytes) return bytes.errors();
    entries.push_back({name, std::move(*bytes.value())});
  }
  return entries;
}

}  // namespace peiling::hub
