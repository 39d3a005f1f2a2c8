#include "hub/zip_archive.hpp"

#include <gtest/gtest.h>
#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

using peiling::hub::ZipArchive;
using peiling::hub::ZipLimits;

struct Entry {
  std::string name;
  std::string bytes;
  bool symlink = false;
};

// A zip written by libzip to a temporary file and read back as bytes.
std::string make_zip(const std::vector<Entry>& entries) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("peiling-zip-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                     "-" + std::to_string(entries.size()) + ".zip");
  std::filesystem::remove(path);
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_EXCL, &error);
  EXPECT_NE(zip, nullptr);
  for (const auto& entry : entries) {
    zip_source_t* source = zip_source_buffer(zip, entry.bytes.data(), entry.bytes.size(), 0);
    const zip_int64_t index = zip_file_add(zip, entry.name.c_str(), source, ZIP_FL_ENC_UTF_8);
    EXPECT_GE(index, 0) << entry.name;
    if (entry.symlink) {
      zip_file_set_external_attributes(zip, static_cast<zip_uint64_t>(index), 0, ZIP_OPSYS_UNIX,
                                       (0120777u) << 16);
    }
  }
  EXPECT_EQ(zip_close(zip), 0);
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);
  return bytes.str();
}

TEST(ZipArchive, ReadsEveryFileEntryInOrderByteForByte) {
  const std::string archive =
      make_zip({{"stick/a.json", "{\"a\":1}"}, {"stick/sub/b.json", std::string("\0\1\2", 3)}});
  auto zip = ZipArchive::open(archive, "stick.zip");
  ASSERT_TRUE(zip) << zip.errors().joined();
  EXPECT_EQ(zip->names(), (std::vector<std::string>{"stick/a.json", "stick/sub/b.json"}));
  auto entries = zip->read_all();
  ASSERT_TRUE(entries) << entries.errors().joined();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ(entries.value()[0].bytes, "{\"a\":1}");
  EXPECT_EQ(entries.value()[1].bytes, std::string("\0\1\2", 3));
  auto missing = zip->read("nope");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST(ZipArchive, RefusesWhatIsNotAZip) {
  auto zip = ZipArchive::open("this is a batch, not a zip", "upload.zip");
  ASSERT_FALSE(zip);
  EXPECT_EQ(zip.errors().joined(), "upload.zip: not a zip archive");
}

TEST(ZipArchive, RefusesAPathOutsideItsFolderWhole) {
  for (const std::string bad : {"../etc/passwd", "stick/../../x.json", "/abs.json", "C:\\x.json"}) {
    auto zip = ZipArchive::open(make_zip({{"ok.json", "{}"}, {bad, "{}"}}), "stick.zip");
    ASSERT_FALSE(zip) << bad;
    EXPECT_NE(zip.errors().joined().find("points outside the archive's folder"), std::string::npos) << bad;
  }
}

TEST(ZipArchive, RefusesALinkWhole) {
  auto zip = ZipArchive::open(make_zip({{"ok.json", "{}"}, {"link", "/etc/passwd", true}}), "stick.zip");
  ASSERT_FALSE(zip);
  EXPECT_EQ(zip.errors().joined(), "stick.zip: entry 'link' is a link; refused whole");
}

TEST(ZipArchive, RefusesMoreEntriesThanTheLimit) {
  std::vector<Entry> entries;
  for (int i = 0; i < 11; ++i) entries.push_back({"f" + std::to_string(i), "x"});
  const std::string archive = make_zip(entries);
  EXPECT_TRUE(ZipArchive::open(archive, "s.zip", ZipLimits{.max_entries = 11}));
  auto zip = ZipArchive::open(archive, "s.zip", ZipLimits{.max_entries = 10});
  ASSERT_FALSE(zip);
  EXPECT_EQ(zip.errors().joined(), "s.zip: more than 10 entries; refused whole");
}

TEST(ZipArchive, StopsInflatingABombAtTheLimit) {
  // 8 MiB of zeros deflate to a few KiB: the sizes are counted as they come out, not as declared.
  const std::string archive = make_zip({{"bomb.xml", std::string(8 << 20, '\0')}});
  EXPECT_LT(archive.size(), 64u << 10);
  auto zip = ZipArchive::open(archive, "book.xlsx",
                              ZipLimits{.max_total_bytes = 1 << 20, .max_entry_bytes = 4 << 20});
  ASSERT_TRUE(zip);
  auto read = zip->read("bomb.xml");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.errors().joined(),
            "book.xlsx: unpacks to more than 1 MiB (at entry 'bomb.xml'); refused whole");
}

}  // namespace
