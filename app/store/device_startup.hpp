#pragma once
// How a device starts, whether as the kiosk or for a command-line job of `peiling`: the store in
// its data folder, the pack to run there, and the responses a crash or a closed app left open
// closed first. What start-up has to tell the operator comes back as messages, for the caller to
// print.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/pack.hpp"
#include "core/result.hpp"
#include "store/device_store.hpp"

namespace peiling::store {

struct StartupOptions {
  std::filesystem::path data_dir;
  // `--pack`: run this file, and make it the device's active pack. Empty: the device's active pack
  // (the admin may have chosen it), else the bundled one.
  std::filesystem::path pack_file;
  std::filesystem::path bundled_pack_file;  // the pack that ships with the app
  std::optional<Mode> mode;                 // `--mode`; none: the running pack's settings.mode
  StoreOptions store;
};

struct Device {
  DeviceStore store;
  PackFile pack;
  // What start-up tells the operator, in order, each to be printed after the program's name:
  // "warning: ..." for a problem found in the store (until the admin dismisses it) or in making
  // the pack active, and for a refused pack "refusing the pack FILE; it is not valid:" with the
  // validator's lines below it, then the pack that runs instead.
  std::vector<std::string> messages;
};

// Opens the device store in options.data_dir and chooses the pack: a pack file that fails
// validation is refused, and the last good pack runs (the device's active one, else the bundled
// one). Then closes the responses left open: all of a kiosk's, and the tablet drafts untouched for
// longer than draft_days (the running pack's in tablet mode, else the default); the other drafts
// wait to be continued, also while another pack runs for a while. On failure the lines are the
// messages up to it, then why it failed.
Result<Device> open_device(const StartupOptions& options);

}  // namespace peiling::store
