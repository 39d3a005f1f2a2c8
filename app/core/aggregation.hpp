#pragma once
// What came out: per item and scale the counts, mean, median, distribution and 95% interval; the
// importance × feasibility quadrant; the top-N choices; the same split by role and by pack
// version under k-anonymity; and the comments, unlinked from their responses.
//
// k-anonymity: a group of fewer than k responses is never shown. Small groups are merged into one
// group ("merged"); while that is still smaller than k, the smallest shown group joins it, so no
// small group can be had by subtracting the shown groups from the total. When the total itself is
// under k nothing but the count of responses is given (Aggregate::withheld).
//
// Used by the hub's report and live page and by the kiosk's Results screen; no I/O here.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/pack.hpp"
#include "core/survey_data.hpp"

namespace peiling {

struct AggregationOptions {
  int k = 5;                       // the smallest group shown; the pack's settings.min_group_size
  bool include_abandoned = false;  // count abandoned responses besides the complete ones
};

struct Interval {
  double low = 0;
  double high = 0;
};

struct ScaleSummary {
  std::string scale_id;
  int min = 1;
  int shown = 0;                  // responses that saw the item
  int rated = 0;                  // gave a value on this scale
  int no_opinion = 0;             // chose "no opinion"
  std::vector<int> distribution;  // distribution[v - min]: how many rated v
  std::optional<double> mean;     // of the values rated; none when nobody rated
  std::optional<double> median;
  // Of the mean, Student's t, cut to the scale's range; none below kMinRatedForInterval ratings,
  // where t's spread says more about the few than about the room (n = 2: 3.5 ± 19).
  std::optional<Interval> ci95;

  // How many ratings are value or above (4 on a 1-5 scale: rated 4 or 5), of the whole room or of
  // one group of a split alike; core/consensus.hpp's support.
  int rated_at_least(int value) const;
};

inline constexpr int kMinRatedForInterval = 5;

enum class Quadrant { quick_win, long_term, easy_extra, reconsider };
std::string_view to_string(Quadrant quadrant);  // "quick-win", "long-term", "easy-extra", "reconsider"

struct ItemSummary {
  std::string item_id;
  std::vector<ScaleSummary> scales;  // in the pack's order of the item's scales
  int chosen = 0;                    // times in a respondent's top-N
  int rank_score = 0;                // first choice counts N, second N-1, ... (3, 2, 1 for a top three)
  std::optional<Quadrant> quadrant;  // points only, when both quadrant scales have a mean
  int rank = 0;                      // 1-based position in Aggregate::points

  const ScaleSummary* scale(std::string_view scale_id) const;
};

// How the quadrant is drawn: a point is high on a scale when its mean is at least the threshold.
struct QuadrantRule {
  std::string y_scale;  // importance: the pack's first point scale
  std::string x_scale;  // feasibility: its second
  double y_threshold = 3;
  double x_threshold = 3;
};

struct GroupSummary {
  std::string key;                       // a role id, "" for no role, or a pack version; "merged"
  std::vector<std::string> merged_keys;  // the groups a merged group holds
  int responses = 0;
  std::vector<ItemSummary> points;  // in the order of Aggregate::points
};

inline constexpr std::string_view kMergedGroupKey = "merged";

struct GroupSplit {
  std::string dimension;              // "role" or "pack_version"
  std::vector<GroupSummary> groups;   // every one has at least k responses
  std::vector<std::string> merged;    // keys of groups too small to show alone (in the merged group)
  std::vector<std::string> withheld;  // keys not shown at all (only when the total is under k)
};

struct CommentSet {
  std::string key;                 // point, item or open question id
  std::vector<std::string> texts;  // verbatim, sorted by text: no order that follows the responses
};

struct Aggregate {
  AggregationOptions options;
  bool withheld = false;  // fewer than k responses: no figures at all
  int responses = 0;      // counted (complete, plus abandoned when included)
  int complete = 0;
  int abandoned = 0;           // counted ones; 0 unless included
  int abandoned_excluded = 0;  // held but not counted
  int late = 0;                // counted ones that reached the hub after the pack closed
  int devices = 0;             // distinct devices (0 on the kiosk)
  std::optional<UtcMillis> first_started;
  std::optional<UtcMillis> last_ended;
  std::vector<int> pack_versions;             // of the counted responses, ascending
  std::optional<QuadrantRule> quadrant_rule;  // when the pack rates points on two scales or more
  std::vector<ItemSummary> points;            // ranked: first point scale's mean, highest first; unrated last
  std::vector<ItemSummary> other_items;       // missed opportunities, in pack order
  std::vector<std::size_t> top_n;  // indices into points chosen at least once, by rank score, then count
  GroupSplit by_role;
  GroupSplit by_pack_version;
  std::vector<CommentSet> item_comments;  // in pack order of points then other items; empty sets left out
  std::vector<CommentSet> open_answers;   // in pack order of the open questions
};

// The two-sided 95% quantile of Student's t with df degrees of freedom (df >= 1).
double t_quantile_975(int df);

// Aggregates data against pack (the labels, scales and item order; responses of every version of
// the pack are counted). options.k below 1 is taken as 1.
Aggregate aggregate(const SurveyData& data, const Pack& pack, AggregationOptions options);

}  // namespace peiling
