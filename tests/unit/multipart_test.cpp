// multipart/form-data as browsers send it from the console's import page, and every way a body can
// be wrong: each is a clear error, none a crash, and upload names that climb out are refused.
#include "hub/multipart.hpp"

#include <gtest/gtest.h>

#include <random>

namespace peiling::hub::test {
namespace {

constexpr std::string_view kType = "multipart/form-data; boundary=----WebKitFormBoundaryx7Qz";
const std::string kDelimiter = "------WebKitFormBoundaryx7Qz";

std::string part(std::string_view headers, std::string_view content) {
  return kDelimiter + "\r\n" + std::string(headers) + "\r\n\r\n" + std::string(content) + "\r\n";
}

std::string body_of(std::initializer_list<std::string> parts) {
  std::string body;
  for (const auto& p : parts) body += p;
  return body + kDelimiter + "--\r\n";
}

std::string error_of(std::string_view type, std::string_view body, MultipartLimits limits = {}) {
  auto parsed = parse_multipart(type, body, limits);
  EXPECT_FALSE(parsed.ok());
  return parsed.ok() ? std::string{} : parsed.errors().joined();
}

TEST(Multipart, ReadsFieldsAndFilesAsABrowserSendsThem) {
  const std::string body = body_of({
      part("Content-Disposition: form-data; name=\"csrf\"", "t0k3n"),
      part("Content-Disposition: form-data; name=\"files\"; filename=\"batch-1.json\"\r\n"
           "Content-Type: application/json",
           "{\"format\":\"peiling.batch/1\"}"),
      part("Content-Disposition: form-data; name=\"files\"; filename=\"stick.zip\"\r\n"
           "Content-Type: application/zip",
           "PK\x03\x04"),
  });
  auto parsed = parse_multipart(kType, body);
  ASSERT_TRUE(parsed.ok()) << parsed.errors().joined();
  const auto& parts = parsed.value();
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].name, "csrf");
  EXPECT_FALSE(parts[0].filename.has_value());
  EXPECT_EQ(parts[0].content_type, "text/plain");
  EXPECT_EQ(parts[0].bytes, "t0k3n");
  EXPECT_EQ(parts[1].name, "files");
  EXPECT_EQ(parts[1].filename, "batch-1.json");
  EXPECT_EQ(parts[1].content_type, "application/json");
  EXPECT_EQ(parts[1].bytes, "{\"format\":\"peiling.batch/1\"}");
  EXPECT_EQ(parts[2].filename, "stick.zip");
  EXPECT_EQ(parts[2].content_type, "application/zip");
  EXPECT_EQ(parts[2].bytes, "PK\x03\x04");
}

TEST(Multipart, KeepsEveryByteOfBinaryContentIncludingCrlfNulAndBoundaryLookalikes) {
  std::string binary;
  for (int i = 0; i < 256; ++i) binary += static_cast<char>(i);
  // Looks like a delimiter but is followed by other characters, so it is content.
  binary += "\r\n" + kDelimiter + "X\r\n\r\n\r\n";
  binary += std::string("\0\r\n\0", 4);
  const std::string body =
      body_of({part("Content-Disposition: form-data; name=\"f\"; filename=\"b.bin\"\r\n"
                    "Content-Type: application/octet-stream",
                    binary)});
  auto parsed = parse_multipart(kType, body);
  ASSERT_TRUE(parsed.ok()) << parsed.errors().joined();
  ASSERT_EQ(parsed->size(), 1u);
  EXPECT_EQ(parsed->front().bytes, binary);
}

TEST(Multipart, AcceptsAQuotedBoundaryAPreambleAnEpilogueAndAnEmptyPart) {
  const std::string body =
      "This is the preamble.\r\n--a b'c\r\nContent-Disposition: form-data; name=x\r\n\r\n"
      "\r\n--a b'c--\r\nepilogue, ignored";
  auto parsed = parse_multipart("Multipart/Form-Data; charset=utf-8; boundary=\"a b'c\"", body);
  ASSERT_TRUE(parsed.ok()) << parsed.errors().joined();
  ASSERT_EQ(parsed->size(), 1u);
  EXPECT_EQ(parsed->front().name, "x");
  EXPECT_EQ(parsed->front().bytes, "");
}

TEST(Multipart, AFormWithNoPartsIsEmpty) {
  auto parsed = parse_multipart(kType, kDelimiter + "--\r\n");
  ASSERT_TRUE(parsed.ok()) << parsed.errors().joined();
  EXPECT_TRUE(parsed->empty());
}

TEST(Multipart, ReadsEscapedQuotesAndKeepsOtherBackslashes) {
  const std::string body = body_of({
      part("content-disposition: form-data; name=\"a\\\"b\"; filename=\"say \\\"hi\\\".json\"", "1"),
      part("Content-Disposition: form-data; name=\"w\"; filename=\"C:\\stick\\batch.json\"", "2"),
  });
  auto parsed = parse_multipart(kType, body);
  ASSERT_TRUE(parsed.ok()) << parsed.errors().joined();
  ASSERT_EQ(parsed->size(), 2u);
  const auto& parts = parsed.value();
  EXPECT_EQ(parts[0].name, "a\"b");
  EXPECT_EQ(parts[0].filename, "say \"hi\".json");
  EXPECT_EQ(parts[1].filename, "C:\\stick\\batch.json");
  EXPECT_EQ(safe_upload_name(*parts[1].filename), std::nullopt);
}

TEST(Multipart, DecodesFilenameStarInUtf8AndPrefersItToFilename) {
  const std::string body =
      body_of({part("Content-Disposition: form-data; name=\"f\"; filename=\"fallback.json\"; "
                    "filename*=UTF-8''zaal%20B%20%E2%82%AC%C3%A9.json",
                    "x")});
  auto parsed = parse_multipart(kType, body);
  ASSERT_TRUE(parsed.ok()) << parsed.errors().joined();
  EXPECT_EQ(parsed->front().filename, "zaal B \xE2\x82\xAC\xC3\xA9.json");
}

TEST(Multipart, RefusesABadFilenameStar) {
  const auto header = [](std::string_view ext) {
    return body_of({part("Content-Disposition: form-data; name=\"f\"; filename*=" + std::string(ext), "x")});
  };
  EXPECT_NE(error_of(kType, header("ISO-8859-1''a%E9.json")).find("not in UTF-8"), std::string::npos);
  EXPECT_NE(error_of(kType, header("UTF-8''a%4.json")).find("two hex digits"), std::string::npos);
  EXPECT_NE(error_of(kType, header("UTF-8''a%C3")).find("not valid UTF-8"), std::string::npos);
  EXPECT_NE(error_of(kType, header("a.json")).find("charset'language'value"), std::string::npos);
}

TEST(Multipart, ClearErrorsForAMissingOrBadBoundary) {
  const std::string body = body_of({part("Content-Disposition: form-data; name=\"a\"", "1")});
  EXPECT_NE(error_of("multipart/form-data", body).find("has no boundary"), std::string::npos);
  EXPECT_NE(error_of("application/json; boundary=x", body).find("is not multipart/form-data"),
            std::string::npos);
  EXPECT_NE(error_of("multipart/form-data; boundary=", body).find("1 to 70"), std::string::npos);
  EXPECT_NE(error_of("multipart/form-data; boundary=" + std::string(71, 'a'), body).find("1 to 70"),
            std::string::npos);
  EXPECT_NE(error_of("multipart/form-data; boundary=\"ab", body).find("not closed"), std::string::npos);
  EXPECT_NE(error_of("multipart/form-data; boundary=other", body).find("no boundary line"),
            std::string::npos);
}

TEST(Multipart, ClearErrorsForAMissingFinalBoundary) {
  const std::string one = part("Content-Disposition: form-data; name=\"a\"", "1");
  EXPECT_NE(error_of(kType, one).find("without its final boundary"), std::string::npos);
  // Cut at every byte: each prefix is refused or (at the full length) read; none crashes.
  const std::string whole = body_of({one});
  for (std::size_t cut = 0; cut < whole.size() - 2; ++cut) {
    auto parsed = parse_multipart(kType, std::string_view(whole).substr(0, cut));
    EXPECT_FALSE(parsed.ok()) << "cut at " << cut;
  }
}

TEST(Multipart, ClearErrorsForMalformedHeaders) {
  const auto with = [](std::string_view headers) { return body_of({part(headers, "1")}); };
  EXPECT_NE(error_of(kType, with("Content-Type: text/plain")).find("part 1: has no Content-Disposition"),
            std::string::npos);
  EXPECT_NE(error_of(kType, with("Content-Disposition: attachment; name=\"a\"")).find("not form-data"),
            std::string::npos);
  EXPECT_NE(error_of(kType, with("Content-Disposition: form-data; filename=\"a\"")).find("has no name"),
            std::string::npos);
  EXPECT_NE(error_of(kType, with("Content-Disposition form-data; name=\"a\"")).find("not 'Name: value'"),
            std::string::npos);
  EXPECT_NE(
      error_of(kType, with("Content-Disposition: form-data; name=\"a\"\r\n filename=\"b\"")).find("folded"),
      std::string::npos);
  EXPECT_NE(error_of(kType, with("Content-Disposition: form-data; name=\"a\"; name=\"b\"")).find("twice"),
            std::string::npos);
  EXPECT_NE(
      error_of(kType, with("Content-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; "
                           "name=\"b\""))
          .find("given twice"),
      std::string::npos);
  EXPECT_NE(error_of(kType, with("Content-Disposition: form-data; name=\"a\"x")).find("follow a quoted"),
            std::string::npos);
  EXPECT_NE(error_of(kType, with("Content-Disposition: form-data; name")).find("no '='"), std::string::npos);
  EXPECT_NE(error_of(kType, with("Content-Disposition: form-data; name=\"a\"\r\nX-Long: " +
                                 std::string(17 << 10, 'h')))
                .find("longer than 16 KiB"),
            std::string::npos);
  EXPECT_NE(error_of(kType, kDelimiter + "junk\r\n").find("characters follow the boundary"),
            std::string::npos);
}

TEST(Multipart, ErrorsNameThePartAndNeverRepeatItsContent) {
  const std::string secret = "my child was taken in 2008";
  const std::string body = body_of({
      part("Content-Disposition: form-data; name=\"a\"", secret),
      part("Content-Disposition: form-data; name=\"" + secret + "\"; filename=\"" + secret + "\"; junk",
           secret),
  });
  const std::string error = error_of(kType, body);
  EXPECT_NE(error.find("part 2"), std::string::npos) << error;
  EXPECT_EQ(error.find("child"), std::string::npos) << error;
}

TEST(Multipart, EnforcesThePartCountAndPartSizeLimits) {
  std::vector<std::string> parts(4, part("Content-Disposition: form-data; name=\"a\"", "1234"));
  std::string body;
  for (const auto& p : parts) body += p;
  body += kDelimiter + "--";
  EXPECT_TRUE(parse_multipart(kType, body, {.max_parts = 4, .max_part_bytes = 4}).ok());
  EXPECT_NE(error_of(kType, body, {.max_parts = 3}).find("more than 3 parts"), std::string::npos);
  EXPECT_NE(error_of(kType, body, {.max_part_bytes = 3}).find("part 1: is larger than 3 bytes"),
            std::string::npos);
}

TEST(Multipart, RandomBytesAndMutationsNeverCrash) {
  const std::string valid = body_of({
      part("Content-Disposition: form-data; name=\"csrf\"", "t"),
      part("Content-Disposition: form-data; name=\"files\"; filename*=UTF-8''a%20b.json\r\n"
           "Content-Type: application/json",
           "{}"),
  });
  std::mt19937 random(15);
  std::uniform_int_distribution<int> byte(0, 255);
  int refused = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string mutated = valid;
    const int changes = 1 + round % 4;
    for (int c = 0; c < changes; ++c) {
      const std::size_t at = random() % mutated.size();
      switch (random() % 3) {
        case 0:
          mutated[at] = static_cast<char>(byte(random));
          break;
        case 1:
          mutated.erase(at, 1 + random() % 8);
          break;
        default:
          mutated.insert(at, 1, "\r\n-\"\\;=%"[random() % 8]);
      }
      if (mutated.empty()) mutated = "x";
    }
    auto parsed = parse_multipart(kType, mutated, {.max_parts = 3, .max_part_bytes = 64});
    if (!parsed.ok()) {
      ++refused;
      EXPECT_FALSE(parsed.errors().lines.empty());
    }
  }
  EXPECT_GT(refused, 0);
}

TEST(SafeUploadName, KeepsPlainNames) {
  EXPECT_EQ(safe_upload_name("batch-000001.json"), "batch-000001.json");
  EXPECT_EQ(safe_upload_name("stick zaal B.zip"), "stick zaal B.zip");
  EXPECT_EQ(safe_upload_name("r\xC3\xA9sultats \xE2\x82\xAC.json"), "r\xC3\xA9sultats \xE2\x82\xAC.json");
  EXPECT_EQ(safe_upload_name(".hidden.json"), ".hidden.json");
}

TEST(SafeUploadName, RefusesTraversalSeparatorsAndControlCharacters) {
  for (const std::string_view name :
       {"", ".", "..", "../batch.json", "../../etc/passwd", "a/b.json", "/etc/passwd", "a\\b.json",
        "C:\\stick\\batch.json", "..\\x", "x..json", "a\tb", "a\nb", "a\rb", "a\x7f",
        "a\xC2\x85"
        "b",
        "\xFF\xFE.json", "\xC3"}) {
    EXPECT_EQ(safe_upload_name(name), std::nullopt) << name;
  }
  EXPECT_EQ(safe_upload_name(std::string_view("a\0b.json", 8)), std::nullopt);
  EXPECT_EQ(safe_upload_name(std::string(256, 'a')), std::nullopt);
  EXPECT_EQ(safe_upload_name(std::string(255, 'a')), std::string(255, 'a'));
}

TEST(HasExtension, MatchesTheEndWhateverItsCase) {
  for (const std::string_view name : {"stick.zip", "STICK.ZIP", "Stick.Zip", ".zip"})
    EXPECT_TRUE(has_extension(name, ".zip")) << name;
  for (const std::string_view name : {"zip", "stick.zip.json", "stickzip", "", "stick.zi"})
    EXPECT_FALSE(has_extension(name, ".zip")) << name;
  EXPECT_TRUE(has_extension("Pakket.XLSX", ".xlsx"));
  EXPECT_FALSE(has_extension("r\xC3\xA9.json", ".xlsx"));
}

}  // namespace
}  // namespace peiling::hub::test
