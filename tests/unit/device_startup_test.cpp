// How a device starts (store/device_startup.hpp): which pack runs, what the operator is told, and
// which responses left open are closed, on a data folder of its own per test.
#include "store/device_startup.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "store_test_support.hpp"
#include "support/process.hpp"

namespace peiling::store::test {
namespace {

namespace fs = std::filesystem;

const fs::path kBundled = fs::path(PEILING_ASSETS_DIR) / "packs" / "conference-2009-11-13.json";
const fs::path kFixtures = fs::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs";
const fs::path kInvalid = kFixtures / "invalid" / "many-errors.json";

class DeviceStartupTest : public ::testing::Test {
 protected:
  void SetUp() override { dir = test_dir(); }

  StartupOptions options(const fs::path& pack_file = {}) const {
    return {.data_dir = dir, .pack_file = pack_file, .bundled_pack_file = kBundled, .store = clock.options()};
  }

  // Every caller needs the device to go on; GoogleTest reports the exception as this test's failure.
  Device start(const StartupOptions& startup) const {
    auto device = open_device(startup);
    if (!device) throw std::runtime_error("the device did not start: " + device.errors().joined());
    return std::move(device.value());
  }

  static PackRef active_pack(DeviceStore& store) {
    auto active = store.active_pack();
    EXPECT_TRUE(Ok(active));
    return active.ok() ? active.value().value_or(PackRef{}) : PackRef{};
  }

  // What `peiling-hub pack validate` says of the file, as the refusal quotes it.
  static std::string validator_lines(const fs::path& file) {
    auto loaded = load_pack_file(file);
    EXPECT_FALSE(loaded.ok());
    return loaded.ok() ? std::string() : loaded.errors().joined();
  }

  std::string dir;
  TestClock clock;
};

TEST_F(DeviceStartupTest, TheBundledPackRunsAndBecomesActiveOnANewDevice) {
  Device device = start(options());
  EXPECT_EQ(device.pack.pack.id, "conference-2009-11-13");
  EXPECT_EQ(active_pack(device.store), (PackRef{device.pack.pack.id, device.pack.pack.version}));
  EXPECT_EQ(device.messages, std::vector<std::string>{});
}

TEST_F(DeviceStartupTest, APackFileRunsAndBecomesTheActivePackForTheNextStarts) {
  {
    Device device = start(options(kFixtures / "valid-minimal.json"));
    EXPECT_EQ(device.pack.pack.id, "fixture-minimal");
    EXPECT_EQ(active_pack(device.store), (PackRef{"fixture-minimal", 3}));
    EXPECT_EQ(device.messages, std::vector<std::string>{});
  }
  Device device = start(options());
  EXPECT_EQ(device.pack.pack.id, "fixture-minimal") << "the active pack, not the bundled one";
}

TEST_F(DeviceStartupTest, AnInvalidPackFileIsRefusedAndTheLastGoodActivePackRuns) {
  { start(options(kFixtures / "valid-minimal.json")); }
  Device device = start(options(kInvalid));
  EXPECT_EQ(device.pack.pack.id, "fixture-minimal");
  EXPECT_EQ(device.messages,
            (std::vector<std::string>{
                "refusing the pack " + kInvalid.string() + "; it is not valid:\n" + validator_lines(kInvalid),
                "running the last good pack, fixture-minimal version 3",
            }));
  EXPECT_EQ(active_pack(device.store), (PackRef{"fixture-minimal", 3})) << "still the active pack";
}

TEST_F(DeviceStartupTest, AnInvalidPackFileOnANewDeviceIsRefusedAndTheBundledPackRuns) {
  Device device = start(options(kInvalid));
  EXPECT_EQ(device.pack.pack.id, "conference-2009-11-13");
  EXPECT_EQ(device.messages,
            (std::vector<std::string>{
                "refusing the pack " + kInvalid.string() + "; it is not valid:\n" + validator_lines(kInvalid),
                "running the bundled pack, conference-2009-11-13",
            }));
}

TEST_F(DeviceStartupTest, WithNoValidPackAtAllTheDeviceDoesNotStart) {
  StartupOptions startup = options();
  startup.bundled_pack_file = kInvalid;
  auto device = open_device(startup);
  ASSERT_FALSE(device.ok());
  EXPECT_EQ(device.errors().lines,
            (std::vector<std::string>{
                "refusing the pack " + kInvalid.string() + "; it is not valid:\n" + validator_lines(kInvalid),
                "no valid pack to run",
            }));
}

TEST_F(DeviceStartupTest, AStoreThatCannotOpenIsTheOneLineOfTheFailure) {
  peiling::test::write_file(dir + "/a-file", "not a folder");
  StartupOptions startup = options();
  startup.data_dir = dir + "/a-file/data";
  auto device = open_device(startup);
  ASSERT_FALSE(device.ok());
  ASSERT_EQ(device.errors().lines.size(), 1u);
  EXPECT_NE(device.errors().lines[0].find("Could not open the data folder " + startup.data_dir.string()),
            std::string::npos)
      << device.errors().lines[0];
}

TEST_F(DeviceStartupTest, ADamagedDatabaseMovedAsideIsAWarningAtEveryStartUntilDismissed) {
  peiling::test::write_file(dir + "/" + kDatabaseFileName, "not a database, not even its header");
  for (int start_number = 1; start_number <= 2; ++start_number) {
    Device device = start(options());
    ASSERT_EQ(device.messages.size(), 1u) << start_number;
    EXPECT_EQ(device.messages[0].rfind("warning: peiling.db in " + dir + " failed its start-up check", 0), 0u)
        << device.messages[0];
    if (start_number == 2) {
      ASSERT_TRUE(Ok(device.store.dismiss_warnings()));
    }
  }
  EXPECT_EQ(start(options()).messages, std::vector<std::string>{});
}

TEST_F(DeviceStartupTest, AKioskResponseLeftOpenIsAbandonedAtTheNextStart) {
  std::string id;
  {
    Device device = start(options());
    auto begun = device.store.begin_response(
        {{device.pack.pack.id, device.pack.pack.version}, "nl", std::nullopt, Mode::kiosk, {}});
    ASSERT_TRUE(Ok(begun));
    id = begun.value();
  }
  clock.advance(60'000);
  Device device = start(options());
  auto response = device.store.response(id);
  ASSERT_TRUE(Ok(response));
  EXPECT_EQ(response->status, ResponseStatus::abandoned);
}

TEST_F(DeviceStartupTest, TabletDraftsAreKeptForTheirPacksDraftDaysAndAbandonedAfter) {
  const fs::path follow_up = kFixtures / "valid-follow-up.json";
  auto pack = load_pack_file(follow_up);
  ASSERT_TRUE(pack.ok());
  ASSERT_EQ(pack->pack.settings.mode, Mode::tablet);
  const int draft_days = pack->pack.settings.draft_days;
  const auto begin_draft = [&](DeviceStore& store) {
    auto begun =
        store.begin_response({{pack->pack.id, pack->pack.version}, "nl", std::nullopt, Mode::tablet, {}});
    EXPECT_TRUE(Ok(begun));
    return begun.ok() ? begun.value() : std::string();
  };
  std::string old_draft, young_draft;
  {
    Device device = start(options(follow_up));
    old_draft = begin_draft(device.store);
    clock.advance(2 * kDayMillis);
    young_draft = begin_draft(device.store);
  }
  clock.advance((draft_days - 1) * kDayMillis);
  Device device = start(options(follow_up));
  const auto status = [&](const std::string& id) {
    auto response = device.store.response(id);
    EXPECT_TRUE(Ok(response));
    return response.ok() ? response->status : ResponseStatus::in_progress;
  };
  EXPECT_EQ(status(old_draft), ResponseStatus::abandoned) << "untouched for draft_days and a day";
  EXPECT_EQ(status(young_draft), ResponseStatus::in_progress) << "untouched for a day less than draft_days";
}

}  // namespace
}  // namespace peiling::store::test
