#pragma once
// Which points one kiosk respondent rates: those shown least often on this device first, ties
// broken at random, then shuffled, so every point gets about the same number of ratings.
#include <map>
#include <random>
#include <string>
#include <vector>

namespace peiling {

std::vector<std::string> choose_points(const std::vector<std::string>& point_ids,
                                       const std::map<std::string, int>& times_shown, int count,
                                       std::mt19937_64& random);

}  // namespace peiling
