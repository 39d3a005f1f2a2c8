#include "report/report_consensus.hpp"

#include "core/catalog.hpp"
#include "core/consensus.hpp"
#include "report/report_html.hpp"
#include "report/report_json.hpp"
#include "report/report_text.hpp"

namespace peiling::report {

namespace {

std::string percent(double share, std::string_view language) {
  return format_decimal(100 * share, 0, language) + "%";
}

std::vector<std::string> group_labels(const Aggregate& aggregate, const Pack& pack,
                                      std::string_view language) {
  std::vector<std::string> labels;
  for (const auto& group : aggregate.by_role.groups) {
    labels.push_back(group_label(pack, aggregate.by_role, group, language) + " (n " +
                     std::to_string(group.responses) + ")");
  }
  return labels;
}

std::string unavailable_sentence(const Aggregate& aggregate, std::string_view language) {
  return fill(words(language).consensus_unavailable,
              {{"k", std::to_string(aggregate.options.k)},
               {"groups", std::to_string(aggregate.by_role.groups.size())}});
}

// A table of points with a figure each and then every group's share, a card per row at phone
// width (table.groups). figure(i) is the figure of result.points[i].
template <typename Figure>
std::string shares_table(const Aggregate& aggregate, const Pack& pack, std::string_view language,
                         const Consensus& result, const std::vector<std::size_t>& listed,
                         std::string_view figure_name, Figure figure) {
  const ReportWords& w = words(language);
  const std::vector<std::string> labels = group_labels(aggregate, pack, language);
  std::string html = "<div class=\"wide\"><table class=\"groups\"><thead><tr><th>" + std::string(w.point) +
                     "</th><th class=\"n\">" + html_escape(figure_name) + "</th>";
  for (const auto& label : labels) html += "<th class=\"n\">" + html_escape(label) + "</th>";
  html += "</tr></thead><tbody>";
  for (const std::size_t i : listed) {
    const PointConsensus& point = result.points[i];
    const ItemSummary& item = aggregate.points[point.point];
    html += "<tr><td class=\"point\">" + std::to_string(item.rank) + ". " +
            html_escape(item_title(pack, item.item_id, language)) + "</td><td class=\"n\" data-label=\"" +
            html_escape(figure_name) + "\">" + figure(i) + "</td>";
    for (std::size_t g = 0; g < labels.size(); ++g) {
      html += "<td class=\"n\" data-label=\"" + html_escape(labels[g]) + "\">" +
              percent(point.groups[g].share(), language) + "</td>";
    }
    html += "</tr>";
  }
  return html + "</tbody></table></div>";
}

std::vector<std::size_t> first(const std::vector<std::size_t>& order, std::size_t count) {
  return {order.begin(), order.begin() + static_cast<std::ptrdiff_t>(std::min(count, order.size()))};
}

// The points highest by mean: Aggregate::points is in that order already, unrated last.
std::vector<std::size_t> top_by_mean(const Aggregate& aggregate, const std::string& scale_id,
                                     std::size_t count) {
  std::vector<std::size_t> top;
  for (std::size_t i = 0; i < aggregate.points.size() && top.size() < count; ++i) {
    const ScaleSummary* scale = aggregate.points[i].scale(scale_id);
    if (scale && scale->mean) top.push_back(i);
  }
  return top;
}

}  // namespace

std::string consensus_section_html(const Aggregate& aggregate, const Pack& pack, std::string_view language) {
  const ReportWords& w = words(language);
  std::string html = "<section id=\"consensus\"><h2>" + std::string(w.consensus_title) + "</h2>";
  const Consensus result = consensus(aggregate, pack);
  if (!result.available || result.by_score.empty()) {
    return html + "<p class=\"note\">" + html_escape(unavailable_sentence(aggregate, language)) +
           "</p></section>";
  }
  html += "<p class=\"note\">" +
          html_escape(fill(w.read_consensus, {{"from", std::to_string(result.agree_from)},
                                              {"scale", scale_name(result.scale_id, language)},
                                              {"k", std::to_string(aggregate.options.k)}})) +
          "</p>";
  html += "<h3>" + std::string(w.consensus_top) + "</h3>" +
          shares_table(aggregate, pack, language, result, first(result.by_score, kConsensusListed),
                       w.consensus_score,
                       [&](std::size_t i) { return format_decimal(result.points[i].score, 3, language); });
  html +=
      "<h3>" + std::string(w.mean_top) + "</h3>" +
      shares_table(aggregate, pack, language, result,
                   top_by_mean(aggregate, result.scale_id, kConsensusListed), w.mean, [&](std::size_t i) {
                     return format_optional(aggregate.points[i].scale(result.scale_id)->mean, 2, language);
                   });
  std::vector<std::size_t> differing;
  for (const std::size_t i : result.by_spread) {
    if (result.points[i].spread > 0 && differing.size() < kConsensusListed) differing.push_back(i);
  }
  if (!differing.empty()) {
    html +=
        "<h3>" + std::string(w.consensus_differ) + "</h3>" +
        shares_table(aggregate, pack, language, result, differing, w.consensus_spread, [&](std::size_t i) {
          return format_decimal(100 * result.points[i].spread, 0, language) + " pp";
        });
  }
  return html + "</section>";
}

nlohmann::json consensus_json(const Aggregate& aggregate, const Pack& pack, std::string_view language) {
  using nlohmann::json;
  const Consensus result = consensus(aggregate, pack);
  json groups = json::array();
  for (const auto& group : aggregate.by_role.groups) {
    groups.push_back({{"key", group.key},
                      {"label", group_label(pack, aggregate.by_role, group, language)},
                      {"responses", group.responses}});
  }
  if (!result.available) return {{"available", false}, {"groups", groups}};
  json points = json::array();
  for (const auto& point : result.points) {
    json shares = json::array();
    for (const auto& group : point.groups)
      shares.push_back({{"agree", group.agree}, {"rated", group.rated}, {"share", group.share()}});
    points.push_back({{"point", aggregate.points[point.point].item_id},
                      {"score", point.score},
                      {"spread", point.spread},
                      {"groups", shares}});
  }
  const auto ids = [&](const std::vector<std::size_t>& order) {
    json out = json::array();
    for (const std::size_t i : order) out.push_back(aggregate.points[i].item_id);
    return out;
  };
  return {{"available", true},
          {"scale", result.scale_id},
          {"agree_from", result.agree_from},
          {"rule", "score: product over the role groups of (agree + 1) / (rated + 2)"},
          {"groups", groups},
          {"points", points},
          {"by_score", ids(result.by_score)},
          {"by_mean", ids(top_by_mean(aggregate, result.scale_id, aggregate.points.size()))},
          {"by_spread", ids(result.by_spread)}};
}

void consensus_sheet(WorkbookSink& book, const Aggregate& aggregate, const Pack& pack,
                     std::string_view language) {
  const ReportWords& w = words(language);
  const Consensus result = consensus(aggregate, pack);
  Sheet sheet(book, "Roles");
  if (!result.available) {
    sheet.column_width(0, 0, 100, CellFormat::wrap);
    sheet.text(w.consensus_title, CellFormat::header).end_row();
    sheet.text(unavailable_sentence(aggregate, language)).end_row();
    return;
  }
  sheet.column_width(2, 2, 60);
  sheet.text("#", CellFormat::header).text("id", CellFormat::header).text(w.point, CellFormat::header);
  sheet.text(std::string(w.rank) + " " + std::string(w.mean), CellFormat::header);
  sheet.text(w.mean, CellFormat::header).text(w.consensus_score, CellFormat::header);
  sheet.text(w.consensus_spread, CellFormat::header);
  for (const auto& label : group_labels(aggregate, pack, language)) sheet.text(label, CellFormat::header);
  sheet.end_row();
  // The points every group rated by consensus, then the others in the order of the mean.
  std::vector<bool> listed(result.points.size(), false);
  std::size_t place = 0;
  const auto row = [&](std::size_t i, bool scored) {
    const PointConsensus& point = result.points[i];
    const ItemSummary& item = aggregate.points[point.point];
    const ScaleSummary* scale = item.scale(result.scale_id);
    scored ? sheet.number(static_cast<double>(++place), CellFormat::whole) : sheet.skip();
    sheet.text(item.item_id)
        .text(item_title(pack, item.item_id, language))
        .number(item.rank, CellFormat::whole);
    sheet.optional(scale ? scale->mean : std::nullopt, CellFormat::decimal);
    scored ? sheet.number(point.score, CellFormat::decimal).number(point.spread, CellFormat::decimal)
           : sheet.skip().skip();
    for (const auto& group : point.groups) {
      group.rated ? sheet.number(group.share(), CellFormat::decimal) : sheet.skip();
    }
    sheet.end_row();
    listed[i] = true;
  };
  for (const std::size_t i : result.by_score) row(i, true);
  for (std::size_t i = 0; i < result.points.size(); ++i) {
    if (!listed[i]) row(i, false);
  }
  sheet.finish_table();
}

std::string consensus_live_html(const Aggregate& aggregate, const Pack& pack, std::string_view language) {
  const ReportWords& w = words(language);
  const Consensus result = consensus(aggregate, pack);
  if (!result.available || result.by_score.empty()) return "";
  std::string html = "<section class=\"consensus\"><h2>" + std::string(w.consensus_live) + "</h2><ol>";
  for (const std::size_t i : first(result.by_score, 3)) {
    const PointConsensus& point = result.points[i];
    double lowest = 1;
    for (const auto& group : point.groups) lowest = std::min(lowest, group.share());
    html += "<li>" + html_escape(item_title(pack, aggregate.points[point.point].item_id, language)) +
            " <small>" + html_escape(fill(w.consensus_live_least, {{"share", percent(lowest, language)}})) +
            "</small></li>";
  }
  return html + "</ol></section>";
}

}  // namespace peiling::report
