#include "report/report_series.hpp"

#include <vector>

#include "core/catalog.hpp"
#include "report/report_html.hpp"
#include "report/report_text.hpp"
#include "report/xlsx_sheet.hpp"

namespace peiling::report {

namespace {

// Not started to done run from low to high like a rating; not applicable and don't know stand apart.
constexpr std::array<std::string_view, 5> kStatusColours{kValueColours[0], kValueColours[1], kValueColours[2],
                                                         kValueColours[4], "#8c6bb1"};

// The status labels in the language, then don't know.
std::vector<std::string> status_labels(const SeriesReport& report, std::string_view language) {
  std::vector<std::string> labels;
  const Scale* scale = report.packs.follow_up->scale(report.series.status_scale);
  for (std::size_t i = 0; i < kStatusValues.size(); ++i) {
    labels.emplace_back(scale && i < scale->labels.size() ? scale->labels[i].in(language) : kStatusValues[i]);
  }
  labels.emplace_back(scale ? scale->no_opinion.in(language) : "?");
  return labels;
}

// The sentences of "how to read", shared by both formats.
std::vector<std::string> how_to_read(const SeriesReport& report, std::string_view language) {
  const ReportWords& w = words(language);
  std::vector<std::string> sentences{
      std::string(w.read_series_order),
      fill(w.read_series_sources, {{"first", std::string(report.packs.first->title.in(language))},
                                   {"follow_up", std::string(report.packs.follow_up->title.in(language))}}),
      fill(w.read_series_k, {{"k", std::to_string(report.first->options.k)}}),
  };
  if (const auto& rule = report.first->quadrant_rule) {
    sentences.push_back(fill(w.read_quadrant, {{"y", format_decimal(rule->y_threshold, 1, language)},
                                               {"x", format_decimal(rule->x_threshold, 1, language)}}));
  }
  sentences.emplace_back(w.read_series_not_followed);
  return sentences;
}

// One pack's line of the summary: its responses, or why no figures are shown.
std::string pack_summary(const Pack& pack, const Aggregate& aggregate, std::string_view language) {
  const ReportWords& w = words(language);
  std::string line = std::string(w.responses) + ": " + std::to_string(aggregate.responses);
  if (aggregate.withheld) {
    line += ". " + fill(w.withheld_sentence, {{"n", std::to_string(aggregate.responses)},
                                              {"k", std::to_string(aggregate.options.k)}});
  }
  return std::string(pack.title.in(language)) + " (" + pack.id + ") — " + line;
}

// On a phone each point becomes a card: the ratings side by side under its title, the status below.
constexpr std::string_view kSeriesCss = R"css(
.counts{display:flex;gap:0 .45rem;white-space:nowrap;font-size:.85rem;font-variant-numeric:tabular-nums}
.counts i,.legend i{display:inline-block;width:.8rem;height:.8rem;vertical-align:-.1rem;margin-right:.2rem;border:1px solid #999}
td.none{color:#666;font-style:italic}
@media screen and (max-width:40rem){
  table.series thead{display:none}
  table.series tr{display:grid;grid-template-columns:1.8rem 1fr 1fr;border-bottom:1px solid #ddd;padding:.35rem 0}
  table.series td{border:0;padding:.1rem .25rem;text-align:left;min-width:0}
  table.series td:first-child{grid-row:1/span 4}
  table.series td:nth-child(2),table.series td.status,table.series td.none,table.series td.answered{grid-column:2/4}
  table.series td[data-label]::before{content:attr(data-label) " ";font-size:.85rem;color:#555}
  table.series td.rating br{display:none}
  table.series td.rating small{margin-left:.3rem}
}
@media print{table.series{font-size:8.5pt}}
)css";

std::string html_rating(const ItemSummary* item, const std::string& scale_id, std::string_view language) {
  const ScaleSummary* scale = item ? item->scale(scale_id) : nullptr;
  const std::string cell =
      "<td class=\"n rating\" data-label=\"" + html_escape(scale_name(scale_id, language)) + "\">";
  if (!scale) return cell + "–</td>";
  return cell + "<b>" + format_optional(scale->mean, 2, language) + "</b><br><small>n " +
         std::to_string(scale->rated) + "</small></td>";
}

std::string html_status(const SeriesRow& row, const std::vector<std::string>& labels,
                        std::string_view language) {
  if (!row.followed_up) {
    return "<td class=\"none\" colspan=\"2\">" + html_escape(words(language).not_followed_up) + "</td>";
  }
  if (!row.status) return "<td class=\"status\">–</td><td class=\"n answered\">–</td>";
  std::vector<BarSegment> segments;
  std::string title, counts;
  const auto add = [&](int count, std::string_view colour, const std::string& label) {
    segments.push_back({count, colour});
    title += label + ": " + std::to_string(count) + "  ";
    counts += "<span title=\"" + html_escape(label) + "\"><i style=\"background:" + std::string(colour) +
              "\"></i>" + std::to_string(count) + "</span>";
  };
  for (std::size_t i = 0; i < row.status->counts.size(); ++i)
    add(row.status->counts[i], kStatusColours[i], labels[i]);
  add(row.status->dont_know, kNoOpinionColour, labels.back());
  return "<td class=\"status\" data-label=\"" + html_escape(words(language).follow_up_status) + "\">" +
         stacked_bar_svg(segments, title) + "<div class=\"counts\">" + counts +
         "</div></td><td class=\"n answered\" data-label=\"n\">" + std::to_string(row.status->answered()) +
         "</td>";
}

// The colour of each status, in the order of the counts.
std::string status_legend(const std::vector<std::string>& labels) {
  std::string html = "<p class=\"legend\">";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const std::string_view colour = i < kStatusColours.size() ? kStatusColours[i] : kNoOpinionColour;
    html += "<span><i style=\"background:" + std::string(colour) + "\"></i>" + html_escape(labels[i]) +
            "</span> ";
  }
  return html + "</p>";
}

std::string series_table(const SeriesReport& report, std::string_view language) {
  const ReportWords& w = words(language);
  const Pack& first = *report.packs.first;
  const std::vector<std::string> labels = status_labels(report, language);
  std::string html = status_legend(labels) +
                     "<div class=\"wide\"><table class=\"series\"><thead><tr><th class=\"n\">" +
                     std::string(w.rank) + "</th><th>" + std::string(w.point) + "</th>";
  for (const auto& scale_id : first.point_scales) {
    html += "<th class=\"n\">" + html_escape(scale_name(scale_id, language)) + " <small>(" +
            std::string(w.mean) + ")</small></th>";
  }
  html += "<th class=\"hide-narrow\">" + std::string(w.quadrant) + "</th><th>" +
          std::string(w.follow_up_status) + "</th><th class=\"n\">n</th></tr></thead><tbody>";
  int place = 0;
  for (const auto& row : report.series.rows) {
    const ItemSummary* item = row.first ? &*row.first : nullptr;
    html += "<tr><td class=\"n\">" + std::to_string(++place) + "</td><td>" +
            html_escape(item_title(first, row.point_id, language)) + " <small class=\"id\">" +
            html_escape(row.point_id) + "</small></td>";
    for (const auto& scale_id : first.point_scales) html += html_rating(item, scale_id, language);
    html += "<td class=\"hide-narrow\">" +
            (item && item->quadrant ? html_escape(quadrant_name(w, *item->quadrant)) : std::string("–")) +
            "</td>";
    html += html_status(row, labels, language) + "</tr>";
  }
  return html + "</tbody></table></div>";
}

}  // namespace

SeriesReport::SeriesReport(SeriesPacks packs_, const Aggregate& first_, const Aggregate& follow_up_)
    : packs(packs_),
      first(&first_),
      follow_up(&follow_up_),
      series(build_series(packs_, first_, follow_up_)) {}

std::string series_html(const SeriesReport& report, const ReportContext& context) {
  const std::string& language = context.language;
  const ReportWords& w = words(language);
  const std::string title = std::string(w.series_title);
  std::string html =
      report_page_head(language, title, kSeriesCss) + "<body><header><h1>" + html_escape(title) + "</h1>";
  html += "<p class=\"sub\">" + html_escape(report.packs.first->title.in(language)) + " → " +
          html_escape(report.packs.follow_up->title.in(language)) + "</p></header>";
  html += "<section id=\"summary\"><h2>" + std::string(w.summary) + "</h2><ul>";
  html += "<li>" + html_escape(pack_summary(*report.packs.first, *report.first, language)) + "</li>";
  html += "<li>" + html_escape(pack_summary(*report.packs.follow_up, *report.follow_up, language)) + "</li>";
  html += "<li>" + std::string(w.generated) + " " + format_rfc3339(context.generated_at).substr(0, 16) +
          " UTC</li></ul></section>";
  html += "<section id=\"series\"><h2>" + std::string(w.series_points) + "</h2>" +
          series_table(report, language) + "</section>";
  html += "<section id=\"read\"><h2>" + std::string(w.how_to_read) + "</h2><ul class=\"read\">";
  for (const auto& sentence : how_to_read(report, language)) html += "<li>" + html_escape(sentence) + "</li>";
  return html + "</ul></section></body></html>\n";
}

Result<std::filesystem::path> write_series_xlsx(const std::filesystem::path& path, const SeriesReport& report,
                                                const ReportContext& context) {
  const std::string& language = context.language;
  const ReportWords& w = words(language);
  const Pack& first = *report.packs.first;
  const std::vector<std::string> labels = status_labels(report, language);
  return write_workbook(path, [&](WorkbookSink& book) {
    Sheet sheet(book, "Series");
    // Wide enough for the headings: the point's title, then every figure and the quadrant's name.
    const auto figures = static_cast<XlsxColumn>(3 + 2 * first.point_scales.size() + 2 + labels.size() + 1);
    sheet.column_width(2, 2, 60);
    sheet.column_width(3, figures - 1, 16);
    sheet.text(w.rank, CellFormat::header).text("id", CellFormat::header).text(w.point, CellFormat::header);
    for (const auto& scale_id : first.point_scales) {
      const std::string name = scale_name(scale_id, language) + " ";
      sheet.text(name + std::string(w.rated), CellFormat::header)
          .text(name + std::string(w.mean), CellFormat::header);
    }
    sheet.text(w.quadrant, CellFormat::header)
        .text(std::string(w.follow_up_status) + ": id", CellFormat::header);
    for (const auto& label : labels) sheet.text(label, CellFormat::header);
    sheet.text("n " + std::string(w.answered), CellFormat::header).end_row();
    int place = 0;
    for (const auto& row : report.series.rows) {
      sheet.number(++place, CellFormat::whole)
          .text(row.point_id)
          .text(item_title(first, row.point_id, language));
      for (const auto& scale_id : first.point_scales) {
        const ScaleSummary* scale = row.first ? row.first->scale(scale_id) : nullptr;
        if (scale) {
          sheet.number(scale->rated, CellFormat::whole).optional(scale->mean, CellFormat::decimal);
        } else {
          sheet.skip().skip();
        }
      }
      sheet.text(row.first && row.first->quadrant ? quadrant_name(w, *row.first->quadrant) : "");
      if (!row.followed_up) {
        sheet.text(w.not_followed_up);
      } else if (row.status) {
        sheet.text(row.status->point_id);
        for (int count : row.status->counts) sheet.number(count, CellFormat::whole);
        sheet.number(row.status->dont_know, CellFormat::whole)
            .number(row.status->answered(), CellFormat::whole);
      }
      sheet.end_row();
    }
    sheet.finish_table();

    Sheet notes(book, "How to read");
    notes.column_width(0, 0, 120, CellFormat::wrap);
    notes.text(w.how_to_read, CellFormat::header).end_row();
    notes.text(pack_summary(first, *report.first, language)).end_row();
    notes.text(pack_summary(*report.packs.follow_up, *report.follow_up, language)).end_row();
    for (const auto& sentence : how_to_read(report, language)) notes.text(sentence).end_row();
    notes.text(std::string(w.generated) + " " + format_rfc3339(context.generated_at)).end_row();
  });
}

}  // namespace peiling::report
