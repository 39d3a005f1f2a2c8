// What fuzzing found (tests/fuzz, issue 21), one test per input saved under
// tests/fuzz/regressions/<target>/, each asserting the clear refusal that replaced the failure.
// The fuzz label's replay runs the same inputs through the fuzz targets' invariants.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/pack.hpp"
#include "hub/console/console_http.hpp"
#include "hub/hub_api.hpp"
#include "hub/hub_store.hpp"
#include "support/process.hpp"

namespace peiling {
namespace {

namespace fs = std::filesystem;

// A saved input without the mode byte the target reads first.
std::string regression(const std::string& target, const std::string& name) {
  const std::string bytes =
      test::read_file(fs::path(PEILING_TEST_DATA_DIR) / "fuzz" / "regressions" / target / name);
  EXPECT_FALSE(bytes.empty()) << target << "/" << name;
  return bytes.empty() ? bytes : bytes.substr(1);
}

bool any_line_has(const Errors& errors, const std::string& part) {
  for (const auto& line : errors.lines)
    if (line.find(part) != std::string::npos) return true;
  return false;
}

// pack/nul-in-a-text: "\u0000" in a text validated, and then the pack had no workbook (to-sheet
// refused it), so it broke the round trip; the validator now names it.
TEST(FuzzRegressions, PackWithANulCharacterInATextIsRefusedNamingIt) {
  auto pack = parse_pack(regression("pack", "nul-in-a-text"), "nul.json");
  ASSERT_FALSE(pack.ok());
  EXPECT_TRUE(any_line_has(pack.errors(), "nul.json: /conference/place/en: holds a NUL character"))
      << pack.errors().joined();
}

// http/path-not-utf8: a request for a path that is not UTF-8 ("POST /api/v1/batche/dev/shm.1\xf8")
// made the 404's JSON throw, which ended `serve`; now it is a 404 whose body is JSON naming the
// path with U+FFFD for the broken byte.
TEST(FuzzRegressions, RequestForAPathThatIsNotUtf8GetsAJson404) {
  const std::string request =
      test::read_file(fs::path(PEILING_TEST_DATA_DIR) / "fuzz" / "regressions" / "http" / "path-not-utf8");
  const std::string path = request.substr(5, request.find_first_of(" \r\n", 5) - 5);
  ASSERT_NE(path.find('\xf8'), std::string::npos);
  const fs::path db = fs::path(test::scratch_dir("fuzz-http-path")) / "hub.db";
  auto hub = hub::HubStore::create(db);
  ASSERT_TRUE(hub.ok()) << hub.error().message;
  hub::HubApi api(hub.value(), {.db = db});
  auto refused = api.check_head("POST", path, std::nullopt, 10);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->status, 404);
  const auto body = nlohmann::json::parse(refused->body);
  EXPECT_EQ(body["error"].get<std::string>(), "There is nothing at /api/v1/batche/dev/shm.1\uFFFD.");
}

// http/console-redirect-not-html: GET /console (no slash) answered its 303 with a text/plain body,
// the one answer of the console neither HTML nor JSON; a redirect is now a page with the link,
// escaped.
TEST(FuzzRegressions, AConsoleRedirectIsAnHtmlPageWithTheLinkEscaped) {
  const std::string request = test::read_file(fs::path(PEILING_TEST_DATA_DIR) / "fuzz" / "regressions" /
                                              "http" / "console-redirect-not-html");
  ASSERT_EQ(request.rfind("GET /console HTTP/1.1\r\n", 0), 0u);
  const hub::HttpResponse answer = hub::console::redirect("/console/sign-in?next=/console/<x>&y");
  EXPECT_EQ(answer.status, 303);
  EXPECT_EQ(answer.content_type, "text/html; charset=utf-8");
  EXPECT_NE(answer.body.find("<a href=\"/console/sign-in?next=/console/&lt;x&gt;&amp;y\">"),
            std::string::npos)
      << answer.body;
  ASSERT_EQ(answer.headers.size(), 1u);
  EXPECT_EQ(answer.headers[0],
            (std::pair<std::string, std::string>{"Location", "/console/sign-in?next=/console/<x>&y"}));
}

}  // namespace
}  // namespace peiling
