#include "core/consensus.hpp"

#include <algorithm>
#include <cmath>

namespace peiling {

int support_threshold(int min, int max) {
  return static_cast<int>(std::floor((min + max) / 2.0)) + 1;
}

Consensus consensus(const Aggregate& aggregate, const Pack& pack) {
  Consensus result;
  const auto& groups = aggregate.by_role.groups;
  if (aggregate.withheld || groups.size() < 2 || pack.point_scales.empty()) return result;
  const Scale* importance = pack.scale(pack.point_scales.front());
  if (!importance || importance->kind != ScaleKind::rating) return result;
  result.available = true;
  result.scale_id = importance->id;
  result.agree_from = support_threshold(importance->min, importance->max);
  for (std::size_t p = 0; p < aggregate.points.size(); ++p) {
    PointConsensus point{p, {}, 1.0, 0};
    double lowest = 1, highest = 0;
    for (const auto& group : groups) {
      const ScaleSummary* rated = group.points[p].scale(result.scale_id);
      const GroupSupport counted =
          rated ? GroupSupport{rated->rated_at_least(result.agree_from), rated->rated} : GroupSupport{};
      point.score *= (counted.agree + 1.0) / (counted.rated + 2.0);
      if (counted.rated) {
        lowest = std::min(lowest, counted.share());
        highest = std::max(highest, counted.share());
      }
      point.groups.push_back(counted);
    }
    point.spread = highest >= lowest ? highest - lowest : 0;
    result.points.push_back(std::move(point));
  }
  // Only points every group rated can be said to have, or lack, support across the roles; a point
  // nobody rated would otherwise score (1/2)^groups, above one every group rejected.
  std::vector<std::size_t> rated_by_all;
  for (std::size_t i = 0; i < result.points.size(); ++i) {
    const auto& shares = result.points[i].groups;
    if (std::all_of(shares.begin(), shares.end(), [](const GroupSupport& g) { return g.rated > 0; }))
      rated_by_all.push_back(i);
  }
  const auto order_by = [&](auto key) {
    std::vector<std::size_t> order = rated_by_all;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return key(a) > key(b); });
    return order;
  };
  result.by_score = order_by([&](std::size_t i) { return result.points[i].score; });
  result.by_spread = order_by([&](std::size_t i) { return result.points[i].spread; });
  return result;
}

}  // namespace peiling
