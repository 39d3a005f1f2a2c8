#pragma once
// One venue for the sync tests with the real programs: the organiser's hub database, the pack with
// the hub's keys, and devices with their data folders and respondents.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/pack.hpp"
#include "hub/hub_store.hpp"
#include "store/device_store.hpp"
#include "support/process.hpp"
#include "support/respondents.hpp"

namespace peiling::test {

namespace fs = std::filesystem;
using nlohmann::json;

inline std::vector<fs::path> json_files(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// One venue: the organiser's hub, the pack with its keys, and devices with their data folders.
class Venue : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = scratch_dir(std::string("sync_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    hub_db = (dir / "hub.db").string();
    const auto init = hub({"init"});
    ASSERT_EQ(init.exit_code, 0) << init.output;
    const auto keys = hub({"keys", "show"});
    ASSERT_EQ(keys.exit_code, 0) << keys.output;
    hub_section = json::parse("{" + keys.output + "}").at("hub");
    EXPECT_EQ(init.output.find(keys.output) != std::string::npos, true) << "init shows the keys too";
    plain_pack = write_pack("pack-plain.json", false);
    sealed_pack = write_pack("pack-sealed.json", true);
  }

  // The fixture pack with this hub's keys: its sign key always, its seal key when sealed.
  fs::path write_pack(const std::string& name, bool sealed) {
    const auto fixture = fs::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs" / "valid-minimal.json";
    json pack = json::parse(read_file(fixture));
    pack["hub"] = {{"sign_key", hub_section.at("sign_key")}};
    if (sealed) pack["hub"]["seal_key"] = hub_section.at("seal_key");
    const auto path = dir / name;
    write_file(path.string(), pack.dump(2));
    const auto validated = run_process({PEILING_HUB_BIN, "pack", "validate", path.string()});
    EXPECT_EQ(validated.exit_code, 0) << validated.output;
    auto loaded = load_pack_file(path);
    EXPECT_TRUE(loaded.ok());
    if (loaded.ok()) pack_model = loaded->pack;
    return path;
  }

  ProcessResult hub(std::vector<std::string> args) {
    args.insert(args.begin(), PEILING_HUB_BIN);
    args.insert(args.end(), {"--db", hub_db});
    return run_process(args);
  }

  // A device whose respondents are made through the store API; the store is closed afterwards,
  // as when the kiosk has stopped.
  std::vector<Response> device(const std::string& name, int respondents) {
    auto store = store::DeviceStore::open(dir / name);
    EXPECT_TRUE(store.ok()) << store.error().message;
    if (!store.ok()) return {};
    device_ids[name] = store->device_id();
    EXPECT_TRUE(store->remember_pack({pack_model.id, pack_model.version}, read_file(plain_pack)).ok());
    return add_respondents(store.value(), pack_model, respondents).given;
  }

  ProcessResult export_to(const std::string& name, const fs::path& stick, const fs::path& pack) {
    return run_process({PEILING_KIOSK_BIN, "--data-dir", (dir / name).string(), "--pack", pack.string(),
                        "--export-batches", stick.string()});
  }

  json status() {
    const auto result = hub({"status", "--json"});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    return json::parse(result.output);
  }

  // Every given response, as the hub holds it, field by field and byte for byte.
  void expect_hub_holds(const std::vector<Response>& given) {
    auto held = hub::HubStore::open(hub_db);
    ASSERT_TRUE(held.ok()) << held.error().message;
    for (const auto& response : given) {
      auto got = held->response(response.id);
      ASSERT_TRUE(got.ok()) << got.error().message;
      expect_same_response(got.value(), response);
    }
  }

  fs::path dir;
  std::string hub_db;
  json hub_section;
  Pack pack_model;
  fs::path plain_pack, sealed_pack;
  std::map<std::string, std::string> device_ids;
};

// Complete responses the hub counts, over every pack.
inline int complete_in(const json& status) {
  int complete = 0;
  for (const auto& pack : status.at("responses")) complete += pack.at("complete").get<int>();
  return complete;
}

}  // namespace peiling::test
