#include "core/admin_pin.hpp"

#include <gtest/gtest.h>

namespace peiling {
namespace {

TEST(AdminPin, OnlyFourToEightDigitsAreAPin) {
  EXPECT_TRUE(is_valid_pin("1234"));
  EXPECT_TRUE(is_valid_pin("12345678"));
  EXPECT_FALSE(is_valid_pin("123"));
  EXPECT_FALSE(is_valid_pin("123456789"));
  EXPECT_FALSE(is_valid_pin("12a4"));
  EXPECT_FALSE(is_valid_pin(""));
}

TEST(AdminPin, HashIsArgon2idAndVerifiesOnlyTheSamePin) {
  const auto hash = hash_pin("2009");
  ASSERT_TRUE(hash.has_value());
  EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
  EXPECT_EQ(hash->find("2009"), std::string::npos) << "the PIN itself is never stored";
  EXPECT_TRUE(pin_matches(*hash, "2009"));
  EXPECT_FALSE(pin_matches(*hash, "2010"));
  EXPECT_FALSE(pin_matches("not a hash", "2009"));
}

TEST(AdminPin, LockoutStartsAtFiveFailuresAndDoublesEveryFiveUpToAnHour) {
  EXPECT_EQ(lockout_ms_after(0), 0);
  EXPECT_EQ(lockout_ms_after(4), 0);
  EXPECT_EQ(lockout_ms_after(5), 30'000);
  EXPECT_EQ(lockout_ms_after(9), 30'000);
  EXPECT_EQ(lockout_ms_after(10), 60'000);
  EXPECT_EQ(lockout_ms_after(15), 120'000);
  EXPECT_EQ(lockout_ms_after(30), 960'000);  // 30 s doubled five times
  EXPECT_EQ(lockout_ms_after(35), 1'920'000);
  EXPECT_EQ(lockout_ms_after(40), 3'600'000);  // 3,840 s, capped at an hour
  EXPECT_EQ(lockout_ms_after(1000), 3'600'000);
}

}  // namespace
}  // namespace peiling
