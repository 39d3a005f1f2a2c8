#include "hub/hub_packs.hpp"

#include <algorithm>
#include <string>
#include <system_error>
#include <tuple>

#include "sync/files.hpp"
#include "sync/pack_states.hpp"
#include "sync/published_packs.hpp"

namespace peiling::hub {

Result<PackFile> published_pack(HubStore& hub, std::string_view pack_id) {
  auto packs = hub.published_packs();
  if (!packs) return Result<PackFile>::failure(packs.error().message);
  // Without an id, the id published last; of that id the highest version, since versions are the
  // author's order and publishing times may tie.
  std::string id(pack_id);
  if (id.empty()) {
    const auto last = std::max_element(packs->begin(), packs->end(), [](const auto& a, const auto& b) {
      return std::tie(a.published_at, a.ref.version) < std::tie(b.published_at, b.ref.version);
    });
    if (last != packs->end()) id = last->ref.id;
  }
  const sync::PublishedPack* newest = nullptr;
  for (const auto& pack : packs.value()) {
    if (pack.ref.id == id && (!newest || pack.ref.version > newest->ref.version)) newest = &pack;
  }
  if (!newest) {
    return Result<PackFile>::failure(
        (pack_id.empty() ? "no pack is" : "pack " + std::string(pack_id) + " is not") +
        " published on this hub");
  }
  auto file = hub.published_pack_file(newest->ref);
  if (!file) return Result<PackFile>::failure(file.error().message);
  if (!file.value())
    return Result<PackFile>::failure("pack " + newest->ref.id + " vanished while it was read");
  const std::string origin =
      "published pack " + newest->ref.id + " version " + std::to_string(newest->ref.version);
  return sync::read_signed_pack(*file.value(), origin, {hub.sign_public_key()});
}

Result<std::string> pack_states_bytes(HubStore& hub) {
  auto packs = hub.published_packs();
  if (!packs) return Result<std::string>::failure(packs.error().message);
  return sync::encode_pack_states(
      packs.value(), {hub.sign_public_key(), [&hub](std::string_view message) { return hub.sign(message); }});
}

Result<std::filesystem::path> write_pack_states(HubStore& hub, const std::filesystem::path& dir) {
  using Written = Result<std::filesystem::path>;
  auto file = pack_states_bytes(hub);
  if (!file) return file.errors();
  const auto folder = dir / sync::kAckFolder;
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) return Written::failure(folder.string() + ": cannot create the folder: " + ec.message());
  return sync::write_file_durably(folder, sync::pack_states_file_name(hub.sign_public_key()), file.value());
}

Result<store::Done> export_published_packs(HubStore& hub, const std::filesystem::path& dir,
                                           const std::function<void(const std::filesystem::path&)>& written) {
  using Status = Result<store::Done>;
  auto packs = hub.published_packs();
  if (!packs) return Status::failure(packs.error().message);
  const auto folder = dir / sync::kPackFolder;
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) return Status::failure(folder.string() + ": " + ec.message());
  for (const auto& pack : packs.value()) {
    auto file = hub.published_pack_file(pack.ref);
    if (!file || !file.value())
      return Status::failure(file ? "pack " + pack.ref.id + " vanished" : file.error().message);
    auto path = sync::write_file_durably(folder, sync::signed_pack_file_name(pack.ref), *file.value());
    if (!path) return path.errors();
    written(path.value());
  }
  auto states = write_pack_states(hub, dir);
  if (!states) return states.errors();
  written(states.value());
  return store::Done{};
}

}  // namespace peiling::hub
