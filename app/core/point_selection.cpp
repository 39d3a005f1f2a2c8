#include "core/point_selection.hpp"

#include <algorithm>

namespace peiling {

std::vector<std::string> choose_points(const std::vector<std::string>& point_ids,
                                       const std::map<std::string, int>& times_shown, int count,
                                       std::mt19937_64& random) {
  std::vector<std::string> candidates = point_ids;
  // Shuffle first, then a stable sort by count: equal counts stay in random order.
  std::shuffle(candidates.begin(), candidates.end(), random);
  auto shown = [&](const std::string& id) {
    auto it = times_shown.find(id);
    return it == times_shown.end() ? 0 : it->second;
  };
  std::stable_sort(candidates.begin(), candidates.end(),
                   [&](const std::string& a, const std::string& b) { return shown(a) < shown(b); });
  candidates.resize(std::min(candidates.size(), static_cast<std::size_t>(std::max(count, 0))));
  std::shuffle(candidates.begin(), candidates.end(), random);
  return candidates;
}

}  // namespace peiling
