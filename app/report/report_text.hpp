#pragma once
// The fixed words of the reports and the live page, in Dutch and English, and the formatting of
// numbers and dates the way a reader of that language expects them.
#include <optional>
#include <string>
#include <string_view>

#include "core/aggregation.hpp"
#include "core/catalog.hpp"
#include "core/utc_time.hpp"

namespace peiling::report {

struct ReportWords {
  std::string_view report_title, summary, responses, complete, abandoned_counted, late, rehearsal, devices,
      period, pack_versions;
  std::string_view generated, points_ranked, rank, point, mean, median, ci95, rated, no_opinion, shown;
  std::string_view distribution, low_to_high, quadrant, quadrant_title, quadrant_note, top_n, chosen,
      rank_score;
  std::string_view groups_by_role, groups_by_version, group, no_role, merged_group, version;
  std::string_view other_items, comments, open_questions, how_to_read, withheld, live_title, live_refresh;
  std::string_view quick_win, long_term, easy_extra, reconsider;
  // Sentences with {placeholders}, filled by the renderers.
  std::string_view read_k, read_excluded_abandoned, read_included_abandoned, read_excluded_other;
  std::string_view read_ranking, read_interval, read_quadrant, read_top_n, read_comments, read_merged;
  std::string_view withheld_sentence;
  // The series report: a first pack and its follow-up side by side.
  std::string_view series_title, series_points, not_followed_up, answered, follow_up_status;
  std::string_view read_series_order, read_series_sources, read_series_k, read_series_not_followed;
  // Consensus across roles (report_consensus.cpp).
  std::string_view consensus_title, consensus_top, mean_top, consensus_differ, consensus_score,
      consensus_spread, consensus_live, consensus_live_least;
  std::string_view read_consensus, consensus_unavailable;
};

// "nl" gets Dutch; every other language gets English.
const ReportWords& words(std::string_view language);
std::string_view quadrant_name(const ReportWords& words, Quadrant quadrant);
// A short name of a scale for headers and axes ("Belang" for importance); the id when unknown.
std::string scale_name(std::string_view scale_id, std::string_view language);

std::string format_optional(const std::optional<double>& value, int digits, std::string_view language);
// "2009-11-13"
std::string format_date(UtcMillis at);

}  // namespace peiling::report
