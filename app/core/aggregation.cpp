#include "core/aggregation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace peiling {

std::string_view to_string(Quadrant quadrant) {
  switch (quadrant) {
    case Quadrant::quick_win:
      return "quick-win";
    case Quadrant::long_term:
      return "long-term";
    case Quadrant::easy_extra:
      return "easy-extra";
    case Quadrant::reconsider:
      return "reconsider";
  }
  return "unknown";
}

const ScaleSummary* ItemSummary::scale(std::string_view scale_id) const {
  for (const auto& summary : scales) {
    if (summary.scale_id == scale_id) return &summary;
  }
  return nullptr;
}

int ScaleSummary::rated_at_least(int value) const {
  int at_least = 0;
  for (std::size_t i = 0; i < distribution.size(); ++i) {
    if (min + static_cast<int>(i) >= value) at_least += distribution[i];
  }
  return at_least;
}

double t_quantile_975(int df) {
  // Exact to five decimals up to 30 degrees of freedom; above that the Cornish-Fisher expansion
  // around the normal quantile is closer than that.
  constexpr std::array<double, 30> kTable{
      12.70620, 4.30265, 3.18245, 2.77645, 2.57058, 2.44691, 2.36462, 2.30600, 2.26216, 2.22814,
      2.20099,  2.17881, 2.16037, 2.14479, 2.13145, 2.11991, 2.10982, 2.10092, 2.09302, 2.08596,
      2.07961,  2.07387, 2.06866, 2.06390, 2.05954, 2.05553, 2.05183, 2.04841, 2.04523, 2.04227};
  if (df < 1) df = 1;
  if (df <= static_cast<int>(kTable.size())) return kTable[static_cast<std::size_t>(df - 1)];
  const double z = 1.959963984540054;
  const double n = df;
  const double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z, z9 = z7 * z * z;
  return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n) +
         (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n) +
         (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * n * n * n * n);
}

namespace {

constexpr int kNone = -1;

// The items of the pack with the scales each is rated on, and the interned names mapped to them.
struct ItemPlan {
  struct Item {
    std::string id;
    std::vector<const Scale*> scales;
    bool is_point = false;
  };
  std::vector<Item> items;  // points, then other items, in pack order
  std::size_t point_count = 0;
  std::vector<int> item_of_name;  // item index per NameId, or kNone
  // scale position per (item, NameId): scale_of_name[item][name], or kNone
  std::vector<std::vector<int>> scale_of_name;

  ItemPlan(const Pack& pack, const SurveyData& data) {
    std::vector<const Scale*> point_scales;
    for (const auto& id : pack.point_scales) {
      if (const Scale* scale = pack.scale(id)) point_scales.push_back(scale);
    }
    for (const auto& point : pack.points) items.push_back({point.id, point_scales, true});
    point_count = items.size();
    if (pack.missed_opportunities) {
      const Scale* scale = pack.scale(pack.missed_opportunities->scale);
      for (const auto& item : pack.missed_opportunities->items) {
        items.push_back(
            {item.id, scale ? std::vector<const Scale*>{scale} : std::vector<const Scale*>{}, false});
      }
    }
    item_of_name.assign(data.names.size(), kNone);
    scale_of_name.assign(items.size(), std::vector<int>(data.names.size(), kNone));
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (auto name = data.find(items[i].id)) item_of_name[*name] = static_cast<int>(i);
      for (std::size_t s = 0; s < items[i].scales.size(); ++s) {
        if (auto name = data.find(items[i].scales[s]->id)) scale_of_name[i][*name] = static_cast<int>(s);
      }
    }
  }
};

void finish_scale(ScaleSummary& summary) {
  long long n = 0;
  double sum = 0, sum_squares = 0;
  for (std::size_t i = 0; i < summary.distribution.size(); ++i) {
    const double value = summary.min + static_cast<int>(i);
    const long long count = summary.distribution[i];
    n += count;
    sum += value * static_cast<double>(count);
    sum_squares += value * value * static_cast<double>(count);
  }
  if (n == 0) return;
  const double mean = sum / static_cast<double>(n);
  summary.mean = mean;
  // The median of the sorted values: the middle one, or the mean of the middle two.
  const auto value_at = [&](long long position) {
    long long seen = 0;
    for (std::size_t i = 0; i < summary.distribution.size(); ++i) {
      seen += summary.distribution[i];
      if (position < seen) return static_cast<double>(summary.min + static_cast<int>(i));
    }
    return static_cast<double>(summary.min + static_cast<int>(summary.distribution.size()) - 1);
  };
  summary.median = (value_at((n - 1) / 2) + value_at(n / 2)) / 2;
  if (n >= kMinRatedForInterval) {
    const double variance =
        std::max(0.0, (sum_squares - static_cast<double>(n) * mean * mean) / static_cast<double>(n - 1));
    const double half =
        t_quantile_975(static_cast<int>(n - 1)) * std::sqrt(variance / static_cast<double>(n));
    const double lowest = summary.min;
    const double highest = summary.min + static_cast<int>(summary.distribution.size()) - 1;
    summary.ci95 = Interval{std::max(lowest, mean - half), std::min(highest, mean + half)};
  }
}

// Every planned item with its scales and empty counts.
std::vector<ItemSummary> empty_summaries(const ItemPlan& plan) {
  std::vector<ItemSummary> summaries(plan.items.size());
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    summaries[i].item_id = plan.items[i].id;
    for (const Scale* scale : plan.items[i].scales) {
      ScaleSummary summary;
      summary.scale_id = scale->id;
      summary.min = scale->min;
      summary.distribution.assign(static_cast<std::size_t>(scale->max - scale->min + 1), 0);
      summaries[i].scales.push_back(std::move(summary));
    }
  }
  return summaries;
}

// A scope is a set of responses counted together: all counted responses (scope 0), or one group
// of a split. Each counted response is in scope 0 and in one group of each split.
constexpr std::size_t kMaxScopesPerResponse = 3;
struct ResponseScopes {
  std::array<int, kMaxScopesPerResponse> ids{};
  std::size_t count = 0;  // 0: the response is not counted
};

// The summaries of every planned item in every scope, from one pass over the rows.
std::vector<std::vector<ItemSummary>> summarise(const SurveyData& data, const ItemPlan& plan, int top_n_size,
                                                std::size_t scope_count,
                                                const std::vector<ResponseScopes>& scopes_of) {
  std::vector<std::vector<ItemSummary>> summaries(scope_count, empty_summaries(plan));
  const std::size_t items = plan.items.size();
  // Shown: saw the item in the list, or answered it (other items are not in the list); each
  // response once per item.
  std::vector<char> seen(data.responses.size() * items, 0);
  const auto see = [&](ResponseIndex response, NameId item) {
    const int index = plan.item_of_name[item];
    if (index != kNone) seen[response * items + static_cast<std::size_t>(index)] = 1;
  };
  for (const auto& shown : data.shown) {
    if (scopes_of[shown.response].count > 0) see(shown.response, shown.item);
  }
  for (const auto& rating : data.ratings) {
    const ResponseScopes& scopes = scopes_of[rating.response];
    if (scopes.count == 0) continue;
    see(rating.response, rating.item);
    const int index = plan.item_of_name[rating.item];
    if (index == kNone) continue;
    const int position = plan.scale_of_name[static_cast<std::size_t>(index)][rating.scale];
    if (position == kNone) continue;
    const auto at = [&](int scope) -> ScaleSummary& {
      return summaries[static_cast<std::size_t>(scope)][static_cast<std::size_t>(index)]
          .scales[static_cast<std::size_t>(position)];
    };
    const ScaleSummary& first = at(scopes.ids[0]);
    // No arithmetic on kNoOpinion: it is the lowest int.
    const int slot = rating.no_opinion() ? -1 : rating.value - first.min;
    const bool rated = slot >= 0 && slot < static_cast<int>(first.distribution.size());
    for (std::size_t s = 0; s < scopes.count; ++s) {
      ScaleSummary& summary = at(scopes.ids[s]);
      if (rating.no_opinion()) {
        ++summary.no_opinion;
      } else if (rated) {
        ++summary.distribution[static_cast<std::size_t>(slot)];
      }
    }
  }
  for (const auto& choice : data.top_choices) {
    const ResponseScopes& scopes = scopes_of[choice.response];
    const int index = plan.item_of_name[choice.item];
    if (index == kNone) continue;
    for (std::size_t s = 0; s < scopes.count; ++s) {
      ItemSummary& summary =
          summaries[static_cast<std::size_t>(scopes.ids[s])][static_cast<std::size_t>(index)];
      ++summary.chosen;
      summary.rank_score += std::max(1, top_n_size + 1 - choice.rank);
    }
  }
  std::vector<int> shown(scope_count * items, 0);
  for (std::size_t r = 0; r < data.responses.size(); ++r) {
    const ResponseScopes& scopes = scopes_of[r];
    for (std::size_t i = 0; i < items && scopes.count > 0; ++i) {
      if (!seen[r * items + i]) continue;
      for (std::size_t s = 0; s < scopes.count; ++s)
        ++shown[static_cast<std::size_t>(scopes.ids[s]) * items + i];
    }
  }
  for (std::size_t scope = 0; scope < scope_count; ++scope) {
    for (std::size_t i = 0; i < items; ++i) {
      for (auto& scale : summaries[scope][i].scales) {
        scale.shown = shown[scope * items + i];
        for (int count : scale.distribution) scale.rated += count;
        finish_scale(scale);
      }
    }
  }
  return summaries;
}

std::optional<Quadrant> quadrant_of(const ItemSummary& item, const QuadrantRule& rule) {
  const ScaleSummary* y = item.scale(rule.y_scale);
  const ScaleSummary* x = item.scale(rule.x_scale);
  if (!x || !y || !x->mean || !y->mean) return std::nullopt;
  const bool important = *y->mean >= rule.y_threshold;
  const bool feasible = *x->mean >= rule.x_threshold;
  if (important) return feasible ? Quadrant::quick_win : Quadrant::long_term;
  return feasible ? Quadrant::easy_extra : Quadrant::reconsider;
}

// The key of each response in one dimension of the split.
using KeyOf = std::string (*)(const SurveyResponse&);
std::string role_key(const SurveyResponse& response) {
  return response.role.value_or("");
}
std::string version_key(const SurveyResponse& response) {
  return std::to_string(response.pack_version);
}

// How one dimension splits the counted responses into the groups shown, by the k-anonymity rule
// in the header; the figures of each group come from summarise().
struct SplitPlan {
  GroupSplit split;           // the groups' keys, members and sizes, with no points yet
  std::vector<int> group_of;  // per response: its group in split.groups, or kNone when not counted
};

SplitPlan plan_split(const SurveyData& data, const std::vector<char>& counted, std::string dimension,
                     KeyOf key_of, const std::vector<std::string>& preferred_order, int k, bool withheld) {
  SplitPlan plan;
  plan.split.dimension = std::move(dimension);
  plan.group_of.assign(data.responses.size(), kNone);
  std::vector<std::string> keys(data.responses.size());
  std::map<std::string, int> sizes;
  for (std::size_t r = 0; r < data.responses.size(); ++r) {
    if (!counted[r]) continue;
    keys[r] = key_of(data.responses[r]);
    ++sizes[keys[r]];
  }
  std::vector<std::string> ordered;
  for (const auto& key : preferred_order) {
    if (sizes.contains(key)) ordered.push_back(key);
  }
  for (const auto& [key, size] : sizes) {
    if (std::find(ordered.begin(), ordered.end(), key) == ordered.end()) ordered.push_back(key);
  }
  if (withheld) {
    plan.split.withheld = ordered;
    return plan;
  }
  std::set<std::string> merged;
  int merged_size = 0;
  for (const auto& [key, size] : sizes) {
    if (size < k) {
      merged.insert(key);
      merged_size += size;
    }
  }
  // A merged group under k would still be hidden, and then derivable from the total: grow it with
  // the smallest shown groups until it is large enough.
  while (!merged.empty() && merged_size < k) {
    const std::string* smallest = nullptr;
    for (const auto& key : ordered) {
      if (merged.contains(key)) continue;
      if (!smallest || sizes[key] < sizes[*smallest]) smallest = &key;
    }
    if (!smallest) break;
    merged.insert(*smallest);
    merged_size += sizes[*smallest];
  }
  std::map<std::string, int> group_of_key;
  for (const auto& key : ordered) {
    if (merged.contains(key)) continue;
    group_of_key[key] = static_cast<int>(plan.split.groups.size());
    plan.split.groups.push_back({key, {}, sizes[key], {}});
  }
  if (!merged.empty()) {
    for (const auto& key : ordered) {
      if (!merged.contains(key)) continue;
      plan.split.merged.push_back(key);
      group_of_key[key] = static_cast<int>(plan.split.groups.size());
    }
    plan.split.groups.push_back({std::string(kMergedGroupKey), plan.split.merged, merged_size, {}});
  }
  for (std::size_t r = 0; r < data.responses.size(); ++r) {
    if (counted[r]) plan.group_of[r] = group_of_key[keys[r]];
  }
  return plan;
}

std::vector<CommentSet> comment_sets(const SurveyData& data, const std::vector<SurveyText>& texts,
                                     const std::vector<std::string>& keys, const std::vector<char>& counted) {
  std::vector<CommentSet> sets;
  std::vector<int> set_of_name(data.names.size(), kNone);
  for (const auto& key : keys) {
    auto name = data.find(key);
    if (!name) continue;
    set_of_name[*name] = static_cast<int>(sets.size());
    sets.push_back({key, {}});
  }
  for (const auto& text : texts) {
    if (!counted[text.response] || set_of_name[text.key] == kNone) continue;
    sets[static_cast<std::size_t>(set_of_name[text.key])].texts.push_back(text.text);
  }
  std::erase_if(sets, [](const CommentSet& set) { return set.texts.empty(); });
  for (auto& set : sets) std::sort(set.texts.begin(), set.texts.end());
  return sets;
}

}  // namespace

Aggregate aggregate(const SurveyData& data, const Pack& pack, AggregationOptions options) {
  options.k = std::max(1, options.k);
  Aggregate result;
  result.options = options;
  std::vector<char> counted(data.responses.size(), 0);
  std::set<std::string> devices;
  std::set<int> versions;
  for (std::size_t r = 0; r < data.responses.size(); ++r) {
    const SurveyResponse& response = data.responses[r];
    if (!response.complete && !options.include_abandoned) {
      ++result.abandoned_excluded;
      continue;
    }
    counted[r] = 1;
    ++(response.complete ? result.complete : result.abandoned);
    if (response.late) ++result.late;
    if (!response.device_id.empty()) devices.insert(response.device_id);
    versions.insert(response.pack_version);
    result.first_started = std::min(result.first_started.value_or(response.started_at), response.started_at);
    result.last_ended = std::max(result.last_ended.value_or(response.ended_at), response.ended_at);
  }
  result.responses = result.complete + result.abandoned;
  result.devices = static_cast<int>(devices.size());
  result.pack_versions.assign(versions.begin(), versions.end());
  result.withheld = result.responses < options.k;

  if (pack.point_scales.size() >= 2) {
    QuadrantRule rule;
    rule.y_scale = pack.point_scales[0];
    rule.x_scale = pack.point_scales[1];
    // High means at least the middle of the scale.
    if (const Scale* y = pack.scale(rule.y_scale)) rule.y_threshold = (y->min + y->max) / 2.0;
    if (const Scale* x = pack.scale(rule.x_scale)) rule.x_threshold = (x->min + x->max) / 2.0;
    result.quadrant_rule = rule;
  }

  std::vector<std::string> role_order;
  if (pack.roles) {
    for (const auto& role : pack.roles->options) role_order.push_back(role.id);
  }
  role_order.emplace_back("");
  SplitPlan by_role = plan_split(data, counted, "role", role_key, role_order, options.k, result.withheld);
  SplitPlan by_version =
      plan_split(data, counted, "pack_version", version_key, {}, options.k, result.withheld);

  // Scopes: 0 for all counted responses, then the role groups, then the version groups.
  const ItemPlan plan(pack, data);
  const int top_n_size = pack.settings.top_n_size;
  const int first_version_scope = 1 + static_cast<int>(by_role.split.groups.size());
  const std::size_t scope_count =
      static_cast<std::size_t>(first_version_scope) + by_version.split.groups.size();
  std::vector<ResponseScopes> scopes_of(data.responses.size());
  for (std::size_t r = 0; r < data.responses.size() && !result.withheld; ++r) {
    if (!counted[r]) continue;
    scopes_of[r] = {{0, 1 + by_role.group_of[r], first_version_scope + by_version.group_of[r]}, 3};
  }
  std::vector<std::vector<ItemSummary>> scopes;
  if (!result.withheld) scopes = summarise(data, plan, top_n_size, scope_count, scopes_of);
  const std::vector<ItemSummary> no_summaries;
  const std::vector<ItemSummary>& summaries = scopes.empty() ? no_summaries : scopes.front();

  std::vector<std::size_t> ranked_order;
  for (std::size_t i = 0; i < summaries.size() && i < plan.point_count; ++i) ranked_order.push_back(i);
  const std::string ranking_scale = pack.point_scales.empty() ? "" : pack.point_scales.front();
  const auto ranking_mean = [&](std::size_t index) {
    const ScaleSummary* scale = summaries[index].scale(ranking_scale);
    return scale && scale->mean ? *scale->mean : -std::numeric_limits<double>::infinity();
  };
  std::stable_sort(ranked_order.begin(), ranked_order.end(),
                   [&](std::size_t a, std::size_t b) { return ranking_mean(a) > ranking_mean(b); });
  for (std::size_t index : ranked_order) {
    ItemSummary item = summaries[index];
    if (result.quadrant_rule) item.quadrant = quadrant_of(item, *result.quadrant_rule);
    item.rank = static_cast<int>(result.points.size()) + 1;
    result.points.push_back(std::move(item));
  }
  for (std::size_t i = plan.point_count; i < summaries.size(); ++i)
    result.other_items.push_back(summaries[i]);
  for (std::size_t i = 0; i < result.points.size(); ++i) {
    if (result.points[i].chosen > 0) result.top_n.push_back(i);
  }
  std::stable_sort(result.top_n.begin(), result.top_n.end(), [&](std::size_t a, std::size_t b) {
    const ItemSummary& left = result.points[a];
    const ItemSummary& right = result.points[b];
    if (left.rank_score != right.rank_score) return left.rank_score > right.rank_score;
    return left.chosen > right.chosen;
  });

  // A group's points are in the overall ranking, so tables line up, keep the overall rank and get
  // their own quadrant.
  const auto fill_groups = [&](SplitPlan& dimension, int first_scope) {
    for (std::size_t g = 0; g < dimension.split.groups.size(); ++g) {
      GroupSummary& group = dimension.split.groups[g];
      auto& group_summaries = scopes[static_cast<std::size_t>(first_scope) + g];
      for (std::size_t i = 0; i < ranked_order.size(); ++i) {
        ItemSummary item = std::move(group_summaries[ranked_order[i]]);
        item.rank = result.points[i].rank;
        if (result.quadrant_rule) item.quadrant = quadrant_of(item, *result.quadrant_rule);
        group.points.push_back(std::move(item));
      }
    }
    return std::move(dimension.split);
  };
  result.by_role = fill_groups(by_role, 1);
  result.by_pack_version = fill_groups(by_version, first_version_scope);
  if (!result.withheld) {
    std::vector<std::string> item_keys;
    for (const auto& item : plan.items) item_keys.push_back(item.id);
    std::vector<std::string> question_keys;
    for (const auto& question : pack.open_questions) question_keys.push_back(question.id);
    result.item_comments = comment_sets(data, data.comments, item_keys, counted);
    result.open_answers = comment_sets(data, data.open_answers, question_keys, counted);
  }
  return result;
}

}  // namespace peiling
