#include "report/report_json.hpp"

#include "report/report_consensus.hpp"
#include "report/report_text.hpp"

namespace peiling::report {

using nlohmann::json;

namespace {

json optional_number(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

json scale_json(const ScaleSummary& scale) {
  return {{"scale", scale.scale_id},
          {"shown", scale.shown},
          {"rated", scale.rated},
          {"no_opinion", scale.no_opinion},
          {"mean", optional_number(scale.mean)},
          {"median", optional_number(scale.median)},
          {"ci95", scale.ci95 ? json{scale.ci95->low, scale.ci95->high} : json(nullptr)},
          {"distribution", scale.distribution},
          {"min", scale.min}};
}

json item_json(const ItemSummary& item, const Pack& pack, std::string_view language, bool is_point) {
  json scales = json::array();
  for (const auto& scale : item.scales) scales.push_back(scale_json(scale));
  json out = {{"id", item.item_id}, {"title", item_title(pack, item.item_id, language)}, {"scales", scales}};
  if (is_point) {
    out["rank"] = item.rank;
    out["chosen"] = item.chosen;
    out["rank_score"] = item.rank_score;
    out["quadrant"] = item.quadrant ? json(std::string(to_string(*item.quadrant))) : json(nullptr);
  }
  return out;
}

json split_json(const GroupSplit& split, const Pack& pack, std::string_view language) {
  json groups = json::array();
  for (const auto& group : split.groups) {
    json points = json::array();
    for (const auto& point : group.points) points.push_back(item_json(point, pack, language, true));
    groups.push_back({{"key", group.key},
                      {"label", group_label(pack, split, group, language)},
                      {"responses", group.responses},
                      {"merged_keys", group.merged_keys},
                      {"points", points}});
  }
  return {{"dimension", split.dimension},
          {"groups", groups},
          {"merged", split.merged},
          {"withheld", split.withheld}};
}

json comments_json(const std::vector<CommentSet>& sets) {
  json out = json::array();
  for (const auto& set : sets) out.push_back({{"key", set.key}, {"texts", set.texts}});
  return out;
}

}  // namespace

std::string item_title(const Pack& pack, std::string_view item_id, std::string_view language) {
  if (const Point* point = pack.point(item_id)) return std::string(point->title.in(language));
  if (pack.missed_opportunities) {
    for (const auto& item : pack.missed_opportunities->items) {
      if (item.id == item_id) return std::string(item.title.in(language));
    }
  }
  for (const auto& question : pack.open_questions) {
    if (question.id == item_id) return std::string(question.question.in(language));
  }
  return std::string(item_id);
}

std::string group_label(const Pack& pack, const GroupSplit& split, const GroupSummary& group,
                        std::string_view language) {
  const ReportWords& w = words(language);
  const auto label_of = [&](const std::string& key) -> std::string {
    if (split.dimension == "pack_version") return std::string(w.version) + " " + key;
    if (key.empty()) return std::string(w.no_role);
    if (pack.roles) {
      for (const auto& role : pack.roles->options) {
        if (role.id == key) return std::string(role.label.in(language));
      }
    }
    return key;
  };
  if (group.merged_keys.empty()) return label_of(group.key);
  std::string label = std::string(w.merged_group) + ": ";
  for (std::size_t i = 0; i < group.merged_keys.size(); ++i) {
    label += (i ? ", " : "") + label_of(group.merged_keys[i]);
  }
  return label;
}

json report_json(const Aggregate& aggregate, const Pack& pack, const ReportContext& context) {
  const std::string& language = context.language;
  json scales = json::array();
  for (const auto& scale : pack.scales) {
    scales.push_back({{"id", scale.id},
                      {"question", scale.question.in(language)},
                      {"min", scale.min},
                      {"max", scale.max}});
  }
  json points = json::array();
  for (const auto& point : aggregate.points) points.push_back(item_json(point, pack, language, true));
  json other_items = json::array();
  for (const auto& item : aggregate.other_items)
    other_items.push_back(item_json(item, pack, language, false));
  json top_n = json::array();
  for (std::size_t place = 0; place < aggregate.top_n.size(); ++place) {
    const ItemSummary& point = aggregate.points[aggregate.top_n[place]];
    top_n.push_back({{"place", place + 1},
                     {"point", point.item_id},
                     {"chosen", point.chosen},
                     {"rank_score", point.rank_score}});
  }
  json quadrant = nullptr;
  if (aggregate.quadrant_rule) {
    const QuadrantRule& rule = *aggregate.quadrant_rule;
    quadrant = {{"y_scale", rule.y_scale},
                {"x_scale", rule.x_scale},
                {"y_threshold", rule.y_threshold},
                {"x_threshold", rule.x_threshold},
                {"rule", "high when the mean is at least the threshold"}};
  }
  const auto time_or_null = [](const std::optional<UtcMillis>& at) {
    return at ? json(format_rfc3339(*at)) : json(nullptr);
  };
  nlohmann::json report{
      {"format", kReportFormat},
      {"generated_at", format_rfc3339(context.generated_at)},
      {"rehearsal", context.rehearsal},
      {"language", language},
      {"pack", {{"id", pack.id}, {"version", pack.version}, {"title", pack.title.in(language)}}},
      {"k", aggregate.options.k},
      {"include_abandoned", aggregate.options.include_abandoned},
      {"withheld", aggregate.withheld},
      {"summary",
       {{"responses", aggregate.responses},
        {"complete", aggregate.complete},
        {"abandoned", aggregate.abandoned},
        {"abandoned_excluded", aggregate.abandoned_excluded},
        {"late", aggregate.late},
        {"devices", aggregate.devices},
        {"first_started", time_or_null(aggregate.first_started)},
        {"last_ended", time_or_null(aggregate.last_ended)},
        {"pack_versions", aggregate.pack_versions}}},
      {"scales", scales},
      {"quadrant", quadrant},
      {"top_n_size", pack.settings.top_n_size},
      {"points", points},
      {"other_items", other_items},
      {"top_n", top_n},
      {"groups",
       {split_json(aggregate.by_role, pack, language),
        split_json(aggregate.by_pack_version, pack, language)}},
      {"consensus", consensus_json(aggregate, pack, language)},
      {"comments", comments_json(aggregate.item_comments)},
      {"open_answers", comments_json(aggregate.open_answers)},
  };
  if (context.moderation) {
    report["moderation"] = {{"approved", context.moderation->approved},
                            {"hidden", context.moderation->hidden},
                            {"waiting", context.moderation->waiting}};
  }
  return report;
}

std::string moderation_sentence(const ModerationCounts& counts, std::string_view language) {
  const auto n = [](int count) { return std::to_string(count); };
  if (language == "nl") {
    return "Op het grote scherm: " + n(counts.approved) + " goedgekeurd, " + n(counts.hidden) +
           " verborgen, " + n(counts.waiting) + " nog niet beoordeeld. Dit rapport bewaart elke tekst.";
  }
  return "On the big screen: " + n(counts.approved) + " approved, " + n(counts.hidden) + " hidden, " +
         n(counts.waiting) + " not yet decided. This report keeps every text.";
}

}  // namespace peiling::report
