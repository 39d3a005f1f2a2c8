// pack_changes: what an organiser checks before publishing the next version of a pack.
#include <algorithm>

#include "hub/pack_sheet.hpp"

namespace peiling::hub {

namespace {

bool same_texts(const std::vector<LocalizedText>& a, const std::vector<LocalizedText>& b) {
  return std::equal(
      a.begin(), a.end(), b.begin(), b.end(),
      [](const LocalizedText& x, const LocalizedText& y) { return x.by_language == y.by_language; });
}

bool same_scale(const Scale& a, const Scale& b) {
  return a.kind == b.kind && a.min == b.min && a.max == b.max &&
         a.question.by_language == b.question.by_language &&
         a.no_opinion.by_language == b.no_opinion.by_language && same_texts(a.labels, b.labels);
}

}  // namespace

PackChanges pack_changes(const Pack& old_pack, const Pack& new_pack) {
  PackChanges changes;
  for (const auto& point : new_pack.points) {
    const Point* before = old_pack.point(point.id);
    if (!before) {
      changes.points_added.push_back(point.id);
    } else if (before->title.by_language != point.title.by_language ||
               before->body.by_language != point.body.by_language) {
      changes.points_reworded.push_back(point.id);
    }
  }
  for (const auto& point : old_pack.points)
    if (!new_pack.point(point.id)) changes.points_removed.push_back(point.id);
  for (const auto& scale : new_pack.scales) {
    const Scale* before = old_pack.scale(scale.id);
    if (!before || !same_scale(*before, scale)) changes.scales_changed.push_back(scale.id);
  }
  for (const auto& scale : old_pack.scales)
    if (!new_pack.scale(scale.id)) changes.scales_changed.push_back(scale.id);
  return changes;
}

}  // namespace peiling::hub
