#include "report/survey_table.hpp"

#include <algorithm>

namespace peiling::report {

Disclosure::Disclosure(const Aggregate& aggregate)
    : include_abandoned(aggregate.options.include_abandoned),
      withheld(aggregate.withheld),
      merged_roles(aggregate.by_role.merged),
      merged_versions(aggregate.by_pack_version.merged) {}

std::string Disclosure::role(const SurveyResponse& response) const {
  const std::string role = response.role.value_or("");
  const bool merged = std::find(merged_roles.begin(), merged_roles.end(), role) != merged_roles.end();
  return merged ? std::string(kMergedGroupKey) : role;
}

std::string Disclosure::pack_version(const SurveyResponse& response) const {
  const std::string version = std::to_string(response.pack_version);
  const bool merged = std::find(merged_versions.begin(), merged_versions.end(), version) != merged_versions.end();
  return merged ? std::string(kMergedGroupKey) : version;
}

SurveyTable::SurveyTable(const SurveyData& data, const Disclosure& disclosure) : rows(data.responses.size()) {
  for (std::size_t r = 0; r < data.responses.size() && !disclosure.withheld; ++r) {
    if (data.responses[r].complete || disclosure.include_abandoned) counted.push_back(static_cast<ResponseIndex>(r));
  }
  for (const auto& rating : data.ratings) rows[rating.response].ratings.push_back(&rating);
  for (const auto& text : data.comments) rows[text.response].comments.push_back(&text);
  for (const auto& text : data.open_answers) rows[text.response].open_answers.push_back(&text);
  for (const auto& choice : data.top_choices) rows[choice.response].top_choices.push_back(&choice);
  for (auto& row : rows) {
    std::sort(row.ratings.begin(), row.ratings.end(), [&](const SurveyRating* a, const SurveyRating* b) {
      const auto& an = data.name(a->item);
      const auto& bn = data.name(b->item);
      return an != bn ? an < bn : data.name(a->scale) < data.name(b->scale);
    });
    std::sort(row.top_choices.begin(), row.top_choices.end(),
              [](const SurveyChoice* a, const SurveyChoice* b) { return a->rank < b->rank; });
  }
}

std::vector<WideColumn> wide_item_columns(const SurveyData& data, const Pack& pack) {
  std::vector<WideColumn> columns;
  const auto add_item = [&](const std::string& item_id, const std::vector<std::string>& scales) {
    const auto item = data.find(item_id);
    for (const auto& scale : scales) columns.push_back({item_id + "/" + scale, item, data.find(scale), false});
    columns.push_back({item_id + "/comment", item, std::nullopt, true});
  };
  for (const auto& point : pack.points) add_item(point.id, pack.point_scales);
  if (pack.missed_opportunities) {
    for (const auto& item : pack.missed_opportunities->items) add_item(item.id, {pack.missed_opportunities->scale});
  }
  return columns;
}

std::string status_text(const SurveyResponse& response) {
  return response.complete ? "complete" : "abandoned";
}

}  // namespace peiling::report
