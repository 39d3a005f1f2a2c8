// A zip an organiser uploads: mode 0 the archive reader with its limits alone; mode 1 the console's
// import of a stick's folder as a zip (import_uploads), which leaves the hub database as it was
// when nothing of it was taken in.
#include "fuzz/fuzz_support.hpp"
#include "hub/hub_upload.hpp"
#include "hub/zip_archive.hpp"

namespace {

// A name that is absolute or has a ".." folder in it.
bool climbs_out(std::string_view name) {
  if (name.starts_with('/')) return true;
  while (!name.empty()) {
    const auto slash = name.find('/');
    if (name.substr(0, slash) == "..") return true;
    name = slash == std::string_view::npos ? std::string_view() : name.substr(slash + 1);
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace peiling;
  const auto input = fuzz::as_text(data, size);
  const auto [mode, bytes] = fuzz::split_mode(input, 2);
  if (mode == 0) {
    auto archive = hub::ZipArchive::open(bytes, "fuzz.zip");
    if (!archive) return 0;
    auto entries = archive->read_all();
    if (entries) {
      fuzz::require(entries->size() == archive->names().size(), "a zip read whole gave other entries", input);
      for (const auto& entry : entries.value()) {
        fuzz::require(!climbs_out(entry.name), "a zip entry outside its folder was read", input);
      }
    }
    return 0;
  }
  auto& hub = fuzz::FuzzHub::instance();
  const std::string before = hub.checksum();
  auto outcome = hub::import_uploads(hub.store(), {{"stick.zip", std::string(bytes)}}, false);
  bool took_any = false;
  if (outcome) {
    for (const auto& file : outcome->files) took_any |= file.status != hub::UploadStatus::refused;
  }
  if (!took_any) {
    fuzz::require(hub.checksum() == before, "an upload refused whole changed the hub database", input);
  } else {
    hub.changed();
  }
  return 0;
}
