#pragma once
// The hand-worked fixture of consensus across roles (issue 17), for the core's test and the
// reports': three roles, one under k, one point every role supports, one only the majority does.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/pack.hpp"
#include "support/survey_builder.hpp"

namespace peiling::test {

// valid-minimal.json: roles executive, frontline, other; points wg1-1, wg2-1, plenary-1.
inline Pack fixture_pack() {
  auto loaded = load_pack_file(std::filesystem::path(PEILING_TEST_DATA_DIR) / "fixtures" / "packs" /
                               "valid-minimal.json");
  EXPECT_TRUE(loaded.ok()) << loaded.errors().joined();
  return loaded.ok() ? loaded->pack : Pack{};
}

// k = 5. executive 14, frontline 6, other 3: "other" is under k and alone stays under it, so the
// smallest shown role (frontline) joins it: the groups are executive (14) and merged (9).
//   wg1-1: everyone rates importance 4.         executive 14/14, merged 9/9 support.
//          mean 4.00; score (15/16)(10/11) = 0.8523; spread 0.
//   wg2-1: executive all rate 5; frontline two 4 and four 2; other one 4 and two 2.
//          executive 14/14, merged 3/9 support. mean (70 + 12 + 12) / 23 = 4.087, the highest;
//          score (15/16)(4/11) = 0.3409; spread 1 - 1/3 = 0.6667.
//   plenary-1: nobody rated it.
inline SurveyBuilder consensus_fixture() {
  SurveyBuilder b;
  const auto add = [&](const char* role, int count, int wg2_support) {
    for (int i = 0; i < count; ++i) {
      const auto r = b.add(std::string(role));
      b.rate(r, "wg1-1", "importance", 4);
      b.rate(r, "wg2-1", "importance", std::string_view(role) == "executive" ? 5 : (i < wg2_support ? 4 : 2));
    }
  };
  add("executive", 14, 14);
  add("frontline", 6, 2);
  add("other", 3, 1);
  return b;
}

}  // namespace peiling::test
