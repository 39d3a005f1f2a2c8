#pragma once
// The answers of each response side by side, for the exports that list single responses (the
// CSV files and the XLSX Answers sheet). Store order is not response order, so rows are grouped
// here once.
#include <optional>
#include <string>
#include <vector>

#include "core/aggregation.hpp"
#include "core/pack.hpp"
#include "core/survey_data.hpp"

namespace peiling::report {

struct ResponseRows {
  std::vector<const SurveyRating*> ratings;  // by item, then scale, as the store keeps them
  std::vector<const SurveyText*> comments;
  std::vector<const SurveyText*> open_answers;
  std::vector<const SurveyChoice*> top_choices;  // by rank
};

// What single-response exports may show, by the aggregate's k-anonymity: a role or pack version
// that was merged into a larger group is written as "merged", and with fewer than k responses in
// all no response is listed.
struct Disclosure {
  bool include_abandoned = false;
  bool withheld = false;
  std::vector<std::string> merged_roles;  // "" is no role
  std::vector<std::string> merged_versions;

  explicit Disclosure(const Aggregate& aggregate);
  std::string role(const SurveyResponse& response) const;
  std::string pack_version(const SurveyResponse& response) const;
};

struct SurveyTable {
  std::vector<ResponseIndex> counted;  // responses to list, in order of starting
  std::vector<ResponseRows> rows;      // per response index

  SurveyTable(const SurveyData& data, const Disclosure& disclosure);
};

// A wide column: an item on a scale, or an item's comment (no scale).
struct WideColumn {
  std::string header;  // "wg1-1/importance", "wg1-1/comment"
  std::optional<NameId> item;
  std::optional<NameId> scale;
  bool comment = false;
};

// The columns of the wide table after the fixed ones: points and other items on their scales,
// comments, then top choices and open answers are added by the writers.
std::vector<WideColumn> wide_item_columns(const SurveyData& data, const Pack& pack);

std::string status_text(const SurveyResponse& response);

}  // namespace peiling::report
