// What `peiling-hub serve` runs with, read from its arguments before the hub opens: each problem
// names the argument it is about.
#include <gtest/gtest.h>

#include "hub/hub_server.hpp"
#include "support/process.hpp"

namespace peiling::hub {
namespace {

namespace fs = std::filesystem;

class ServeSetupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = peiling::test::scratch_dir(std::string("serve_setup_") +
                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }

  std::string file(const std::string& name, const std::string& text) const {
    const std::string path = (dir / name).string();
    peiling::test::write_file(path, text);
    return path;
  }

  std::string problems(const ServeArguments& arguments) const {
    auto setup = serve_setup(dir / "hub.db", arguments);
    EXPECT_FALSE(setup.ok());
    return setup.ok() ? "" : setup.errors().joined("\n");
  }

  fs::path dir;
};

TEST_F(ServeSetupTest, ReadsTheAddressTheTokenWithoutItsNewlineAndTheLivePack) {
  ServeArguments arguments;
  arguments.listen = "0.0.0.0:0";
  arguments.token_file = file("token", "  s3cret \r\n");
  arguments.pack_file =
      (fs::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs" / "valid-minimal.json").string();
  arguments.strict = true;
  auto setup = serve_setup(dir / "hub.db", arguments);
  ASSERT_TRUE(setup.ok()) << setup.errors().joined();
  EXPECT_EQ(setup->server.host, "0.0.0.0");
  EXPECT_EQ(setup->server.port, 0);
  EXPECT_FALSE(setup->server.tls_cert_pem.has_value());
  EXPECT_EQ(setup->api.db, dir / "hub.db");
  EXPECT_EQ(setup->api.token, "s3cret");
  EXPECT_TRUE(setup->api.strict);
  ASSERT_TRUE(setup->live_pack.has_value());
  EXPECT_EQ(setup->live_pack->id, "fixture-minimal");
}

TEST_F(ServeSetupTest, EachProblemNamesItsArgument) {
  EXPECT_EQ(problems({.listen = "hub.local:8080"}),
            "--listen hub.local:8080: expected an IPv4 address and a port, like 127.0.0.1:8080");
  EXPECT_EQ(problems({.tls_cert = file("cert.pem", "PEM")}), "--tls-cert and --tls-key go together");
  EXPECT_EQ(problems({.tls_cert = file("empty-cert.pem", "\n"), .tls_key = file("empty-key.pem", " ")}),
            "--tls-cert: " + (dir / "empty-cert.pem").string() +
                " is empty\n--tls-key: " + (dir / "empty-key.pem").string() + " is empty");
  EXPECT_EQ(problems({.token_file = file("blank-token", " \n\t\n")}),
            "--token-file: " + (dir / "blank-token").string() + " is empty");
  EXPECT_EQ(problems({.pack_file = file("pack.json", "{}")}).rfind("--pack-file: ", 0), 0u);
}

}  // namespace
}  // namespace peiling::hub
