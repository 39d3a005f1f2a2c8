#pragma once
// A venue (venue.hpp) whose devices deliver over HTTP: devices with batches formed as the kiosk
// forms them, `peiling --sync`, and their batch files to post by hand. The HTTP sync tests and
// the console's end-to-end tests share it.
#include "support/hub_process.hpp"
#include "sync/outbox.hpp"
#include "venue.hpp"

namespace peiling::test {

class HttpVenue : public Venue {
 protected:
  // A device whose respondents come in `batches` batches of `per_batch`, formed as the kiosk forms
  // them after each sync: what it gives is returned, and its batch files are in its store.
  std::vector<Response> device_with_batches(const std::string& name, int batches, int per_batch) {
    std::vector<Response> given;
    auto store = store::DeviceStore::open(dir / name);
    EXPECT_TRUE(store.ok()) << store.error().message;
    if (!store.ok()) return given;
    device_ids[name] = store->device_id();
    EXPECT_TRUE(store->remember_pack({pack_model.id, pack_model.version}, read_file(plain_pack)).ok());
    // Plain, not sealed: any hub can open them, so only the ack's key tells hubs apart.
    auto plain = load_pack_file(plain_pack);
    EXPECT_TRUE(plain.ok());
    if (!plain.ok()) return given;
    for (int batch = 0; batch < batches; ++batch) {
      auto made = add_respondents(store.value(), plain->pack, per_batch).given;
      given.insert(given.end(), made.begin(), made.end());
      auto formed = sync::form_batches(store.value(), plain->pack);
      EXPECT_TRUE(formed.ok());
      EXPECT_EQ(formed.ok() ? formed.value() : 0, 1);
    }
    return given;
  }

  ProcessResult sync(const std::string& name, const std::string& url, std::vector<std::string> extra = {}) {
    std::vector<std::string> argv{
        PEILING_KIOSK_BIN, "--data-dir", (dir / name).string(), "--pack", plain_pack.string(), "--sync", url};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run_process(argv);
  }

  store::SyncCounts counts_of(const std::string& name) {
    auto store = store::DeviceStore::open(dir / name);
    EXPECT_TRUE(store.ok());
    if (!store.ok()) return {};
    auto counts = store->sync_counts(false);
    EXPECT_TRUE(counts.ok());
    return counts.ok() ? counts.value() : store::SyncCounts{};
  }

  // The first batch file of a device, as the kiosk would post it.
  std::string batch_file(const std::string& name, std::int64_t seq = 1) {
    auto store = store::DeviceStore::open(dir / name);
    EXPECT_TRUE(store.ok());
    if (!store.ok()) return {};
    auto file = store->batch_file(seq);
    EXPECT_TRUE(file.ok());
    return file.ok() ? file.value() : std::string();
  }

  fs::path log_dir() const { return dir / "logs"; }
};

}  // namespace peiling::test
