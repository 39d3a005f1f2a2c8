#pragma once
// Which points every role supports, not only the majority (issue 17). The conference's theme is
// the gap between policy, management and the work floor, so a point the executives love and the
// front line rejects should not top the list as it may by mean.
//
// Support for a point within a group is the share of its ratings of importance (the pack's first
// point scale) above the scale's middle: 4 or 5 on 1..5, 5..7 on 1..7, 1 or 2 on -2..2. "No
// opinion" is neither support nor its absence, as it is left out of the mean.
//
// The consensus score is Pol.is's group-informed consensus: the product over the groups of
// (agree + 1) / (rated + 2). The +1/+2 (a Laplace estimate) keeps a small group's 3 of 3 from
// counting as certainty; the product is high only when every group supports the point.
//
// The groups are Aggregate::by_role's, k-anonymised there (small roles merged, the merged group
// made at least k), so nothing here shows or lets one derive a group under k.
#include <cstddef>
#include <string>
#include <vector>

#include "core/aggregation.hpp"
#include "core/pack.hpp"

namespace peiling {

struct GroupSupport {
  int agree = 0;  // ratings above the middle
  int rated = 0;  // ratings at all
  double share() const { return rated ? static_cast<double>(agree) / rated : 0; }
};

struct PointConsensus {
  std::size_t point = 0;             // index into Aggregate::points
  std::vector<GroupSupport> groups;  // in the order of Aggregate::by_role.groups
  double score = 0;                  // product of (agree + 1) / (rated + 2)
  double spread = 0;                 // highest share minus lowest, over groups with ratings
};

struct Consensus {
  // Why there is none: fewer than two role groups of k or more, no rating scale to ask about, or
  // the aggregate withheld. Then the other fields are empty.
  bool available = false;
  std::string scale_id;                // importance
  int agree_from = 0;                  // the lowest value that counts as support
  std::vector<PointConsensus> points;  // in the order of Aggregate::points
  // Indices into points of those every group rated: by score, and by spread, highest first; ties
  // keep the order of Aggregate::points (by mean).
  std::vector<std::size_t> by_score;
  std::vector<std::size_t> by_spread;
};

// The lowest value above the middle of min..max: 4 on 1..5, 3 on 1..4, 6 on 0..10, 1 on -2..2.
int support_threshold(int min, int max);

Consensus consensus(const Aggregate& aggregate, const Pack& pack);

}  // namespace peiling
