#include "core/series.hpp"

#include <algorithm>

namespace peiling {

namespace {

bool refers_to(const Pack& follow_up, const Pack& first) {
  return std::any_of(follow_up.points.begin(), follow_up.points.end(), [&](const Point& point) {
    return point.refers_to && point.refers_to->pack == first.id;
  });
}

const Scale* status_scale(const Pack& pack) {
  for (const auto& id : pack.point_scales) {
    const Scale* scale = pack.scale(id);
    if (scale && scale->kind == ScaleKind::status) return scale;
  }
  return nullptr;
}

const ItemSummary* find_item(const std::vector<ItemSummary>& items, std::string_view id) {
  const auto it =
      std::find_if(items.begin(), items.end(), [&](const ItemSummary& item) { return item.item_id == id; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

int StatusCounts::answered() const {
  int total = dont_know;
  for (int count : counts) total += count;
  return total;
}

Result<SeriesPacks> order_series_packs(const Pack& a, const Pack& b) {
  const bool b_follows_a = refers_to(b, a);
  const bool a_follows_b = refers_to(a, b);
  const std::string names = "packs " + a.id + " and " + b.id;
  if (a.id == b.id)
    return Result<SeriesPacks>::failure("--series needs two different packs; both files are " + a.id + ".");
  if (b_follows_a == a_follows_b) {
    return Result<SeriesPacks>::failure(
        names +
        (b_follows_a ? " refer to each other" : ": neither has points that refer to the other (refers_to)") +
        "; give a first pack and a follow-up pack whose points refer to it.");
  }
  SeriesPacks packs = b_follows_a ? SeriesPacks{&a, &b} : SeriesPacks{&b, &a};
  if (!status_scale(*packs.follow_up)) {
    return Result<SeriesPacks>::failure("follow-up pack " + packs.follow_up->id +
                                        " rates its points on no status scale (point_scales).");
  }
  return packs;
}

Series build_series(const SeriesPacks& packs, const Aggregate& first, const Aggregate& follow_up) {
  Series series;
  const Scale* scale = status_scale(*packs.follow_up);
  series.status_scale = scale ? scale->id : "";
  for (const auto& point : packs.first->points) {
    SeriesRow row;
    row.point_id = point.id;
    if (!first.withheld) {
      if (const ItemSummary* item = find_item(first.points, point.id)) row.first = *item;
    }
    const auto follower =
        std::find_if(packs.follow_up->points.begin(), packs.follow_up->points.end(), [&](const Point& p) {
          return p.refers_to == PointRef{packs.first->id, point.id};
        });
    row.followed_up = follower != packs.follow_up->points.end();
    if (row.followed_up && !follow_up.withheld) {
      const ItemSummary* item = find_item(follow_up.points, follower->id);
      const ScaleSummary* summary = item ? item->scale(series.status_scale) : nullptr;
      if (summary) {
        StatusCounts counts{follower->id, std::vector<int>(kStatusValues.size(), 0), summary->no_opinion};
        // Status values are stored as 1..5 in kStatusValues order (the scale's min is 1).
        for (std::size_t i = 0; i < summary->distribution.size(); ++i) {
          const int value = summary->min + static_cast<int>(i);
          if (value >= 1 && value <= static_cast<int>(counts.counts.size())) {
            counts.counts[static_cast<std::size_t>(value - 1)] = summary->distribution[i];
          }
        }
        row.status = std::move(counts);
      }
    }
    series.rows.push_back(std::move(row));
  }
  return series;
}

}  // namespace peiling
