#pragma once
// The answers of each response side by side, for the exports that list single responses (the
// CSV files and the XLSX Answers sheet). Store order is not response order, so rows are grouped
// here once.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/aggregation.hpp"
#include "core/pack.hpp"
#include "core/survey_data.hpp"

namespace peiling::report {

// How a "no opinion" is written where single answers are listed.
inline constexpr std::string_view kNoOpinionValue = "no-opinion";

struct ResponseRows {
  std::vector<const SurveyRating*> ratings;  // in the pack's order of items, each in its order of scales
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

  // Items and scales the pack does not have (an older version's) come after its own, by name.
  SurveyTable(const SurveyData& data, const Pack& pack, const Disclosure& disclosure);
};

// The wide table's columns after the fixed ones (response, pack, version, status, role, language,
// times): each point and other item on its scales and its comment ("wg1-1/importance",
// "wg1-1/comment"), then "top-1".."top-N" and the open questions.
class WideTable {
 public:
  // A cell: a rating's value, or text (a no-opinion, a comment, a point id); both empty: nothing.
  struct Cell {
    std::optional<int> value;
    std::string_view text;
  };

  // A cell that holds something, and its column (an index into headers()).
  struct Filled {
    std::size_t column;
    Cell cell;
  };

  WideTable(const SurveyData& data, const Pack& pack);
  const std::vector<std::string>& headers() const { return headers_; }
  // The cells of one response, in header order; they point into data.
  void cells(const ResponseRows& rows, std::vector<Cell>& out) const;
  // Only the cells of one response that hold something, in column order: a response fills a
  // dozen of a pack's hundreds of columns, and a sheet need not visit the others.
  void filled_cells(const ResponseRows& rows, std::vector<Filled>& out) const;

 private:
  static constexpr std::size_t kNoColumn = static_cast<std::size_t>(-1);
  std::size_t& rating_column(NameId item, NameId scale) {
    return rating_column_[item * data_.names.size() + scale];
  }

  const SurveyData& data_;
  std::vector<std::string> headers_;
  std::vector<std::size_t> rating_column_;   // per (item, scale) name: the column, or kNoColumn
  std::vector<std::size_t> comment_column_;  // per item name
  std::vector<std::size_t> open_column_;     // per question name
  std::size_t first_top_column_ = 0;
  int top_n_ = 0;
};

std::string status_text(const SurveyResponse& response);
// "true" when the response reached the hub after its pack closed, else "false": the CSV and XLSX
// "late" column, in the words of JSON's booleans (the JSON report's summary.late counts them).
std::string_view late_text(const SurveyResponse& response);

}  // namespace peiling::report
