// The files of `pack to-sheet` and `pack from-sheet`.
#include <cstdio>
#include <fstream>

#include "core/json_file.hpp"
#include "hub/pack_sheet.hpp"
#include "hub/zip_archive.hpp"

namespace peiling::hub {

namespace {

namespace fs = std::filesystem;

// A workbook is a zip: ZipArchive's limit on what it unpacks to bounds it as well.
constexpr std::size_t kMaxWorkbookBytes = ZipLimits{}.max_total_bytes;

// Through a temporary file beside out, renamed over it once complete.
Result<fs::path> write_whole(const fs::path& out, const std::string& bytes) {
  fs::path temporary = out;
  temporary += ".partial";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    file.close();
    if (!file) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
      return Result<fs::path>::failure(out.string() + ": cannot write");
    }
  }
  std::error_code error;
  fs::rename(temporary, out, error);
  if (error) {
    fs::remove(temporary, error);
    return Result<fs::path>::failure(out.string() + ": cannot write");
  }
  return out;
}

}  // namespace

Result<fs::path> write_pack_workbook(const fs::path& pack_json, const fs::path& out) {
  auto text = read_text_file(pack_json, kMaxPackBytes);
  if (!text) return text.errors();
  auto workbook = workbook_from_pack(text.value(), pack_json.string());
  if (!workbook) return workbook.errors();
  return write_whole(out, workbook.value());
}

Result<Pack> write_pack_from_workbook(const fs::path& workbook, const fs::path& out) {
  auto bytes = read_text_file(workbook, kMaxWorkbookBytes);
  if (!bytes) return bytes.errors();
  auto read = pack_from_workbook(bytes.value(), workbook.string());
  if (!read) return read.errors();
  if (auto written = write_whole(out, read->json); !written) return written.errors();
  return std::move(read->pack);
}

}  // namespace peiling::hub
