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
  const bool merged =
      std::find(merged_versions.begin(), merged_versions.end(), version) != merged_versions.end();
  return merged ? std::string(kMergedGroupKey) : version;
}

namespace {

// Each name's place in the pack's order of items (points, then missed opportunities) and of
// scales (the point scales, then the missed opportunities'), names the pack lacks after those by
// name; so sorting by place sorts in the pack's order.
struct PackOrder {
  std::vector<std::size_t> item;   // per NameId
  std::vector<std::size_t> scale;  // per NameId

  PackOrder(const SurveyData& data, const Pack& pack) {
    std::vector<std::string> items, scales;
    for (const auto& point : pack.points) items.push_back(point.id);
    scales = pack.point_scales;
    if (pack.missed_opportunities) {
      for (const auto& missed : pack.missed_opportunities->items) items.push_back(missed.id);
      scales.push_back(pack.missed_opportunities->scale);
    }
    std::vector<NameId> by_name(data.names.size());
    for (NameId name = 0; name < by_name.size(); ++name) by_name[name] = name;
    std::sort(by_name.begin(), by_name.end(),
              [&](NameId a, NameId b) { return data.name(a) < data.name(b); });
    item = places(data, items, by_name);
    scale = places(data, scales, by_name);
  }

 private:
  static std::vector<std::size_t> places(const SurveyData& data, const std::vector<std::string>& ordered,
                                         const std::vector<NameId>& by_name) {
    std::vector<std::size_t> place(data.names.size(), 0);
    for (std::size_t alphabetical = 0; alphabetical < by_name.size(); ++alphabetical)
      place[by_name[alphabetical]] = ordered.size() + alphabetical;
    for (std::size_t position = ordered.size(); position-- > 0;) {
      if (const auto name = data.find(ordered[position])) place[*name] = position;
    }
    return place;
  }
};

}  // namespace

SurveyTable::SurveyTable(const SurveyData& data, const Pack& pack, const Disclosure& disclosure)
    : rows(data.responses.size()) {
  for (std::size_t r = 0; r < data.responses.size() && !disclosure.withheld; ++r) {
    if (data.responses[r].complete || disclosure.include_abandoned)
      counted.push_back(static_cast<ResponseIndex>(r));
  }
  std::stable_sort(counted.begin(), counted.end(), [&](ResponseIndex a, ResponseIndex b) {
    return data.responses[a].started_at < data.responses[b].started_at;
  });
  for (const auto& rating : data.ratings) rows[rating.response].ratings.push_back(&rating);
  for (const auto& text : data.comments) rows[text.response].comments.push_back(&text);
  for (const auto& text : data.open_answers) rows[text.response].open_answers.push_back(&text);
  for (const auto& choice : data.top_choices) rows[choice.response].top_choices.push_back(&choice);
  const PackOrder order(data, pack);
  for (auto& row : rows) {
    std::sort(row.ratings.begin(), row.ratings.end(), [&](const SurveyRating* a, const SurveyRating* b) {
      const auto ia = order.item[a->item], ib = order.item[b->item];
      return ia != ib ? ia < ib : order.scale[a->scale] < order.scale[b->scale];
    });
    std::sort(row.top_choices.begin(), row.top_choices.end(),
              [](const SurveyChoice* a, const SurveyChoice* b) { return a->rank < b->rank; });
  }
}

WideTable::WideTable(const SurveyData& data, const Pack& pack)
    : data_(data),
      rating_column_(data.names.size() * data.names.size(), kNoColumn),
      comment_column_(data.names.size(), kNoColumn),
      open_column_(data.names.size(), kNoColumn),
      top_n_(pack.settings.top_n_size) {
  const auto add_item = [&](const std::string& item_id, const std::vector<std::string>& scales) {
    const auto item = data.find(item_id);
    for (const auto& scale : scales) {
      const auto scale_name = data.find(scale);
      if (item && scale_name) rating_column(*item, *scale_name) = headers_.size();
      headers_.push_back(item_id + "/" + scale);
    }
    if (item) comment_column_[*item] = headers_.size();
    headers_.push_back(item_id + "/comment");
  };
  for (const auto& point : pack.points) add_item(point.id, pack.point_scales);
  if (pack.missed_opportunities) {
    for (const auto& item : pack.missed_opportunities->items)
      add_item(item.id, {pack.missed_opportunities->scale});
  }
  first_top_column_ = headers_.size();
  for (int rank = 1; rank <= top_n_; ++rank) headers_.push_back("top-" + std::to_string(rank));
  for (const auto& question : pack.open_questions) {
    if (const auto name = data.find(question.id)) open_column_[*name] = headers_.size();
    headers_.push_back(question.id);
  }
}

void WideTable::cells(const ResponseRows& rows, std::vector<Cell>& out) const {
  out.assign(headers_.size(), Cell{});
  std::vector<Filled> filled;
  filled_cells(rows, filled);
  for (const auto& [column, cell] : filled) out[column] = cell;
}

void WideTable::filled_cells(const ResponseRows& rows, std::vector<Filled>& out) const {
  out.clear();
  const std::size_t names = data_.names.size();
  for (const SurveyRating* rating : rows.ratings) {
    const std::size_t column = rating_column_[rating->item * names + rating->scale];
    if (column == kNoColumn) continue;
    out.push_back(
        {column, rating->no_opinion() ? Cell{std::nullopt, kNoOpinionValue} : Cell{rating->value, {}}});
  }
  for (const SurveyText* comment : rows.comments) {
    const std::size_t column = comment_column_[comment->key];
    if (column != kNoColumn) out.push_back({column, Cell{std::nullopt, comment->text}});
  }
  for (const SurveyChoice* choice : rows.top_choices) {
    if (choice->rank >= 1 && choice->rank <= top_n_) {
      out.push_back({first_top_column_ + static_cast<std::size_t>(choice->rank - 1),
                     Cell{std::nullopt, data_.name(choice->item)}});
    }
  }
  for (const SurveyText* answer : rows.open_answers) {
    const std::size_t column = open_column_[answer->key];
    if (column != kNoColumn) out.push_back({column, Cell{std::nullopt, answer->text}});
  }
  // In column order, by insertion (the ratings come in it already, the few others are placed
  // among them); of two cells in one column (not in a well-formed store) the later one holds.
  for (std::size_t i = 1; i < out.size(); ++i) {
    for (std::size_t j = i; j > 0 && out[j - 1].column > out[j].column; --j) std::swap(out[j - 1], out[j]);
  }
  const auto last_of_each = std::unique(
      out.rbegin(), out.rend(), [](const Filled& a, const Filled& b) { return a.column == b.column; });
  out.erase(out.begin(), last_of_each.base());
}

std::string status_text(const SurveyResponse& response) {
  return response.complete ? "complete" : "abandoned";
}

std::string_view late_text(const SurveyResponse& response) {
  return response.late ? "true" : "false";
}

}  // namespace peiling::report
