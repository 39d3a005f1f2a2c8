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

std::string counted(std::size_t count, const char* noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

}  // namespace

Result<std::string> write_pack_workbook(const fs::path& pack_json, const fs::path& out) {
  auto text = read_text_file(pack_json, kMaxPackBytes);
  if (!text) return text.errors();
  auto workbook = workbook_from_pack(text.value(), pack_json.string());
  if (!workbook) return workbook.errors();
  if (auto written = write_whole(out, workbook.value()); !written) return written.errors();
  return pack_json.string() + ": written to " + out.string();
}

Result<std::string> write_pack_from_workbook(const fs::path& workbook, const fs::path& out) {
  auto bytes = read_text_file(workbook, kMaxWorkbookBytes);
  if (!bytes) return bytes.errors();
  auto read = pack_from_workbook(bytes.value(), workbook.string());
  if (!read) return read.errors();
  if (auto written = write_whole(out, read->json); !written) return written.errors();
  const Pack& pack = read->pack;
  std::string languages;
  for (const auto& language : pack.languages) languages += (languages.empty() ? "" : ",") + language;
  return workbook.string() + ": ok (" + counted(pack.points.size(), "point") + ", " +
         counted(pack.vignette.scenes.size(), "scene") + ", languages " + languages + "); written to " +
         out.string();
}

}  // namespace peiling::hub
