#pragma once
// A series of two packs: a conference pack and a follow-up pack whose points refer back to it
// (Point::refers_to). For each point of the first pack, its importance and feasibility from the
// first pack's responses beside the follow-up's status counts for it.
//
// Both sides come from aggregate(), each under its own k-anonymity: a pack with fewer than k
// responses gives only its count (Aggregate::withheld), and nothing is computed here that the
// aggregation did not already show.
#include <optional>
#include <string>
#include <vector>

#include "core/aggregation.hpp"
#include "core/pack.hpp"
#include "core/result.hpp"

namespace peiling {

// The two packs of a series, told apart by refers_to.
struct SeriesPacks {
  const Pack* first = nullptr;
  const Pack* follow_up = nullptr;
};

// Which of a and b is the follow-up: the one whose points refer to the other's id. An error names
// both packs when neither refers to the other, when both do, or when the follow-up rates its
// points on no status scale.
Result<SeriesPacks> order_series_packs(const Pack& a, const Pack& b);

// The status counts of one point of the follow-up.
struct StatusCounts {
  std::string point_id;     // the follow-up's point
  std::vector<int> counts;  // per kStatusValues, in that order
  int dont_know = 0;        // the scale's "no opinion"
  int answered() const;     // every status plus don't know
};

struct SeriesRow {
  std::string point_id;  // of the first pack
  // From the first pack's aggregate; none when it is withheld.
  std::optional<ItemSummary> first;
  // From the follow-up's aggregate; none when it is withheld or does not follow this point up.
  std::optional<StatusCounts> status;
  bool followed_up = false;  // some point of the follow-up refers to this one
};

struct Series {
  std::string status_scale;     // the follow-up's status scale
  std::vector<SeriesRow> rows;  // in the first pack's order
};

// The rows of the series from the two packs' aggregates (made by aggregate() with the same k).
Series build_series(const SeriesPacks& packs, const Aggregate& first, const Aggregate& follow_up);

}  // namespace peiling
