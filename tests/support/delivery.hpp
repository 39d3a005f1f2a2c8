#pragma once
// Respondents delivered to a hub the way an organiser gets them: made through the store API on a
// device of their own (respondents.hpp), written to a stick by `peiling --export-batches` and
// taken in by `peiling-hub import`.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "core/pack.hpp"
#include "store/device_store.hpp"
#include "support/process.hpp"
#include "support/respondents.hpp"

namespace peiling::test {

struct Delivery {
  Pack pack;
  Respondents respondents;
};

// Writes pack (with the hub's keys, as `peiling-hub keys show` prints them) to pack_file, makes
// count complete and abandoned respondents on the device folder beside it ("device-" and the file's
// stem) and imports them into hub_db through the stick folder ("stick-" and the stem).
inline Delivery deliver_respondents(const std::string& hub_db, const std::filesystem::path& pack_file,
                                    nlohmann::json pack, int count, int abandoned, unsigned seed) {
  Delivery delivered;
  const auto keys = run_process({PEILING_HUB_BIN, "keys", "show", "--db", hub_db});
  EXPECT_EQ(keys.exit_code, 0) << keys.output;
  pack["hub"] = nlohmann::json::parse("{" + keys.output + "}").at("hub");
  write_file(pack_file.string(), pack.dump(2));
  auto loaded = load_pack_file(pack_file);
  EXPECT_TRUE(loaded.ok()) << loaded.errors().joined();
  if (!loaded.ok()) return delivered;
  delivered.pack = loaded->pack;
  const std::string stem = pack_file.stem().string();
  const auto device = pack_file.parent_path() / ("device-" + stem);
  {
    auto store = store::DeviceStore::open(device);
    EXPECT_TRUE(store.ok()) << store.error().message;
    if (!store.ok()) return delivered;
    EXPECT_TRUE(store->remember_pack({delivered.pack.id, delivered.pack.version}, read_file(pack_file)).ok());
    delivered.respondents = add_respondents(store.value(), delivered.pack, count, abandoned, seed);
    EXPECT_EQ(delivered.respondents.given.size(), static_cast<std::size_t>(count));
  }
  const auto stick = pack_file.parent_path() / ("stick-" + stem);
  const auto exported = run_process({PEILING_KIOSK_BIN, "--data-dir", device.string(), "--pack",
                                     pack_file.string(), "--export-batches", stick.string()});
  EXPECT_EQ(exported.exit_code, 0) << exported.output;
  const auto imported = run_process({PEILING_HUB_BIN, "import", "--db", hub_db, stick.string()});
  EXPECT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_NE(imported.output.find("(" + std::to_string(count + abandoned) + " responses added)"),
            std::string::npos)
      << imported.output;
  return delivered;
}

}  // namespace peiling::test
