#include "store/device_startup.hpp"

#include <utility>

namespace peiling::store {

namespace {

// The device's active pack, read back from the store; none if there is none or it no longer
// validates.
std::optional<PackFile> stored_active_pack(DeviceStore& store) {
  auto active = store.active_pack();
  if (!active || !active.value()) return std::nullopt;
  auto stored = store.pack(*active.value());
  if (!stored) return std::nullopt;
  auto pack = parse_pack(stored->json, "stored pack " + stored->ref.id);
  if (!pack) return std::nullopt;
  return PackFile{std::move(pack.value()), stored->json};
}

std::optional<PackFile> choose_pack(const StartupOptions& options, DeviceStore& store,
                                    std::vector<std::string>& messages) {
  if (options.pack_file.empty()) {
    if (auto active = stored_active_pack(store)) return active;
  }
  const std::filesystem::path& requested =
      options.pack_file.empty() ? options.bundled_pack_file : options.pack_file;
  auto loaded = load_pack_file(requested);
  if (loaded) {
    const PackRef ref{loaded->pack.id, loaded->pack.version};
    auto remembered = store.remember_pack(ref, loaded->bytes);
    auto activated = remembered ? store.set_active_pack(ref) : StoreStatus(remembered.error());
    if (!activated) messages.push_back("warning: " + activated.error().message);
    return std::move(loaded.value());
  }
  // The lines are the ones `peiling-hub pack validate` prints, so an organiser can compare.
  messages.push_back("refusing the pack " + requested.string() + "; it is not valid:\n" +
                     loaded.errors().joined());
  if (auto active = stored_active_pack(store)) {
    messages.push_back("running the last good pack, " + active->pack.id + " version " +
                       std::to_string(active->pack.version));
    return active;
  }
  if (requested != options.bundled_pack_file) {
    if (auto bundled = load_pack_file(options.bundled_pack_file)) {
      messages.push_back("running the bundled pack, " + bundled->pack.id);
      return std::move(bundled.value());
    }
  }
  return std::nullopt;
}

StoreStatus close_interrupted(DeviceStore& store, const Pack& pack, std::optional<Mode> mode) {
  const bool tablet = mode.value_or(pack.settings.mode) == Mode::tablet;
  const int draft_days = tablet ? pack.settings.draft_days : Settings{}.draft_days;
  if (auto closed = store.abandon_interrupted(store.now() - draft_days * kDayMillis); !closed)
    return closed.error();
  return Done{};
}

}  // namespace

Result<Device> open_device(const StartupOptions& options) {
  std::vector<std::string> messages;
  const auto failed = [&](std::string why) {
    messages.push_back(std::move(why));
    return Errors{std::move(messages)};
  };
  auto store = DeviceStore::open(options.data_dir, options.store);
  if (!store) return failed(store.error().message);
  auto warnings = store->warnings();
  if (!warnings) return failed(warnings.error().message);
  for (const auto& warning : warnings.value()) messages.push_back("warning: " + warning.message);
  auto pack = choose_pack(options, store.value(), messages);
  if (!pack) return failed("no valid pack to run");
  if (auto closed = close_interrupted(store.value(), pack->pack, options.mode); !closed)
    return failed(closed.error().message);
  return Device{std::move(store.value()), std::move(*pack), std::move(messages)};
}

}  // namespace peiling::store
