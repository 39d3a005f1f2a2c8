#include "report/report_xlsx.hpp"

#include <algorithm>
#include <array>
#include <type_traits>

#include "core/catalog.hpp"
#include "report/report_consensus.hpp"
#include "report/report_text.hpp"
#include "report/survey_table.hpp"
#include "report/xlsx_sheet.hpp"

namespace peiling::report {

namespace {

// Excel keeps times as days since 1899-12-30; the Unix epoch is day 25569.
constexpr double kExcelUnixEpochDay = 25569;
constexpr double kMillisPerDay = 86'400'000;

void summary_sheet(WorkbookSink& book, const Aggregate& aggregate, const Pack& pack,
                   const ReportContext& context) {
  const std::string& language = context.language;
  const ReportWords& w = words(language);
  Sheet sheet(book, "Summary");
  sheet.column_width(0, 0, 34);
  sheet.column_width(1, 1, 90, CellFormat::wrap);
  sheet.text(w.summary, CellFormat::header).text(pack.title.in(language), CellFormat::header).end_row();
  const auto row = [&](std::string_view label, auto value) {
    sheet.text(label);
    if constexpr (std::is_arithmetic_v<decltype(value)>) {
      sheet.number(value, CellFormat::whole);
    } else {
      sheet.text(value);
    }
    sheet.end_row();
  };
  row("pack", pack.id);
  if (context.rehearsal) row(w.rehearsal, "");
  std::string versions;
  for (int version : aggregate.pack_versions)
    versions += (versions.empty() ? "" : ", ") + std::to_string(version);
  row(w.pack_versions, versions);
  row(w.responses, aggregate.responses);
  row(w.complete, aggregate.complete);
  row(w.abandoned_counted, aggregate.abandoned);
  row(w.late, aggregate.late);
  row(w.devices, aggregate.devices);
  if (aggregate.first_started)
    row(w.period, format_date(*aggregate.first_started) + " – " +
                      format_date(aggregate.last_ended.value_or(*aggregate.first_started)));
  row("k", aggregate.options.k);
  row(w.generated, format_rfc3339(context.generated_at));
  if (aggregate.withheld) {
    row(w.withheld, fill(w.withheld_sentence, {{"n", std::to_string(aggregate.responses)},
                                               {"k", std::to_string(aggregate.options.k)}}));
  }
  if (context.moderation) row(w.comments, moderation_sentence(*context.moderation, language));
  row(w.how_to_read, fill(w.read_k, {{"k", std::to_string(aggregate.options.k)}}));
  row("", aggregate.options.include_abandoned
              ? fill(w.read_included_abandoned, {{"n", std::to_string(aggregate.abandoned)}})
              : fill(w.read_excluded_abandoned, {{"n", std::to_string(aggregate.abandoned_excluded)}}));
  row("", std::string(w.read_ranking));
  row("", fill(w.read_interval, {{"n", std::to_string(kMinRatedForInterval)}}));
  if (aggregate.quadrant_rule) {
    row("",
        fill(w.read_quadrant, {{"y", format_decimal(aggregate.quadrant_rule->y_threshold, 1, language)},
                               {"x", format_decimal(aggregate.quadrant_rule->x_threshold, 1, language)}}));
  }
  row("", fill(w.read_top_n, {{"first", std::to_string(pack.settings.top_n_size)}}));
  for (const GroupSplit* split : {&aggregate.by_role, &aggregate.by_pack_version}) {
    for (const auto& group : split->groups) {
      if (!group.merged_keys.empty())
        row("", fill(w.read_merged, {{"groups", group_label(pack, *split, group, language)}}));
    }
  }
}

// The statistics of one scale, a block of columns: shown, rated, no opinion, mean, median, the
// interval's ends, then how many gave each value.
void scale_headers(Sheet& sheet, const Scale& scale, const std::string& language) {
  const ReportWords& w = words(language);
  const std::string name = scale_name(scale.id, language) + " ";
  for (std::string_view column : {w.shown, w.rated, w.no_opinion, w.mean, w.median}) {
    sheet.text(name + std::string(column), CellFormat::header);
  }
  sheet.text(name + std::string(w.ci95) + " −", CellFormat::header)
      .text(name + std::string(w.ci95) + " +", CellFormat::header);
  for (int v = scale.min; v <= scale.max; ++v) sheet.text(name + std::to_string(v), CellFormat::header);
}

// An item's figures on scale, or empty cells when it is not rated on it.
void scale_cells(Sheet& sheet, const ItemSummary& item, const Scale& scale) {
  const ScaleSummary* summary = item.scale(scale.id);
  if (!summary) {
    for (int column = 0; column < 7 + scale.max - scale.min + 1; ++column) sheet.skip();
    return;
  }
  sheet.number(summary->shown, CellFormat::whole)
      .number(summary->rated, CellFormat::whole)
      .number(summary->no_opinion, CellFormat::whole);
  sheet.optional(summary->mean, CellFormat::decimal).optional(summary->median, CellFormat::decimal);
  if (summary->ci95) {
    sheet.number(summary->ci95->low, CellFormat::decimal).number(summary->ci95->high, CellFormat::decimal);
  } else {
    sheet.skip().skip();
  }
  for (int count : summary->distribution) sheet.number(count, CellFormat::whole);
}

// The points, ranked, then the missed opportunities in pack order (no rank, quadrant or top
// choices), each scale in a block of columns: the point scales, then the missed opportunities'.
void points_sheet(WorkbookSink& book, const Aggregate& aggregate, const Pack& pack,
                  const std::string& language) {
  const ReportWords& w = words(language);
  std::vector<const Scale*> scales;
  for (const auto& scale_id : pack.point_scales) {
    if (const Scale* scale = pack.scale(scale_id)) scales.push_back(scale);
  }
  if (pack.missed_opportunities) {
    const Scale* scale = pack.scale(pack.missed_opportunities->scale);
    if (scale && std::find(scales.begin(), scales.end(), scale) == scales.end()) scales.push_back(scale);
  }
  Sheet sheet(book, "Points");
  sheet.column_width(2, 2, 60);
  sheet.text(w.rank, CellFormat::header).text("id", CellFormat::header).text(w.point, CellFormat::header);
  sheet.text(w.quadrant, CellFormat::header).text(w.chosen, CellFormat::header);
  sheet.text(w.rank_score, CellFormat::header);
  for (const Scale* scale : scales) scale_headers(sheet, *scale, language);
  sheet.end_row();
  for (const auto& point : aggregate.points) {
    sheet.number(point.rank, CellFormat::whole)
        .text(point.item_id)
        .text(item_title(pack, point.item_id, language));
    sheet.text(point.quadrant ? quadrant_name(w, *point.quadrant) : "")
        .number(point.chosen, CellFormat::whole);
    sheet.number(point.rank_score, CellFormat::whole);
    for (const Scale* scale : scales) scale_cells(sheet, point, *scale);
    sheet.end_row();
  }
  for (const auto& item : aggregate.other_items) {
    sheet.skip().text(item.item_id).text(item_title(pack, item.item_id, language)).skip().skip().skip();
    for (const Scale* scale : scales) scale_cells(sheet, item, *scale);
    sheet.end_row();
  }
  sheet.finish_table();
}

void top_n_sheet(WorkbookSink& book, const Aggregate& aggregate, const Pack& pack,
                 const std::string& language) {
  const ReportWords& w = words(language);
  Sheet sheet(book, "Top-N");
  sheet.column_width(2, 2, 60);
  sheet.text("#", CellFormat::header).text("id", CellFormat::header).text(w.point, CellFormat::header);
  sheet.text(w.chosen, CellFormat::header).text(w.rank_score, CellFormat::header).end_row();
  for (std::size_t place = 0; place < aggregate.top_n.size(); ++place) {
    const ItemSummary& point = aggregate.points[aggregate.top_n[place]];
    sheet.number(static_cast<double>(place + 1), CellFormat::whole).text(point.item_id);
    sheet.text(item_title(pack, point.item_id, language)).number(point.chosen, CellFormat::whole);
    sheet.number(point.rank_score, CellFormat::whole).end_row();
  }
  sheet.finish_table();
}

void comments_sheet(WorkbookSink& book, const Aggregate& aggregate, const Pack& pack,
                    const std::string& language) {
  const ReportWords& w = words(language);
  Sheet sheet(book, "Comments");
  sheet.column_width(1, 1, 50);
  sheet.column_width(2, 2, 90, CellFormat::wrap);
  sheet.text("id", CellFormat::header)
      .text(w.point, CellFormat::header)
      .text(w.comments, CellFormat::header)
      .end_row();
  for (const auto* sets : {&aggregate.item_comments, &aggregate.open_answers}) {
    for (const auto& set : *sets) {
      const std::string title = item_title(pack, set.key, language);
      for (const auto& text : set.texts) sheet.text(set.key).text(title).text(text).end_row();
    }
  }
  sheet.finish_table();
}

void answers_sheet(WorkbookSink& book, const Aggregate& aggregate, const SurveyData& data, const Pack& pack) {
  const Disclosure disclosure(aggregate);
  const SurveyTable table(data, pack, disclosure);
  const WideTable wide(data, pack);
  Sheet sheet(book, "Answers");
  sheet.column_width(0, 0, 38);
  sheet.column_width(7, 8, 17);
  constexpr std::array<const char*, 9> kFixedHeaders{"response_id", "pack_id",    "pack_version",
                                                     "status",      "late",       "role",
                                                     "language",    "started_at", "ended_at"};
  for (const char* header : kFixedHeaders) sheet.text(header, CellFormat::header);
  for (const auto& header : wide.headers()) sheet.text(header, CellFormat::header);
  sheet.end_row();
  std::vector<WideTable::Filled> cells;
  for (ResponseIndex r : table.counted) {
    const SurveyResponse& response = data.responses[r];
    const std::string version = disclosure.pack_version(response);
    sheet.text(response.id).text(pack.id);
    if (version == kMergedGroupKey) {
      sheet.text(version);
    } else {
      sheet.number(response.pack_version, CellFormat::whole);
    }
    sheet.text(status_text(response)).text(late_text(response));
    sheet.text(disclosure.role(response)).text(response.language);
    sheet.number(kExcelUnixEpochDay + static_cast<double>(response.started_at) / kMillisPerDay,
                 CellFormat::time);
    sheet.number(kExcelUnixEpochDay + static_cast<double>(response.ended_at) / kMillisPerDay,
                 CellFormat::time);
    wide.filled_cells(table.rows[r], cells);
    for (const auto& [column, cell] : cells) {
      sheet.skip_to(static_cast<XlsxColumn>(kFixedHeaders.size() + column));
      if (cell.value) {
        sheet.number(*cell.value, CellFormat::whole);
      } else {
        sheet.text(cell.text);
      }
    }
    sheet.end_row();
  }
  sheet.finish_table();
}

}  // namespace

void fill_report_workbook(WorkbookSink& book, const Aggregate& aggregate, const SurveyData& data,
                          const Pack& pack, const ReportContext& context) {
  summary_sheet(book, aggregate, pack, context);
  points_sheet(book, aggregate, pack, context.language);
  top_n_sheet(book, aggregate, pack, context.language);
  consensus_sheet(book, aggregate, pack, context.language);
  comments_sheet(book, aggregate, pack, context.language);
  answers_sheet(book, aggregate, data, pack);
}

Result<std::filesystem::path> write_xlsx(const std::filesystem::path& path, const Aggregate& aggregate,
                                         const SurveyData& data, const Pack& pack,
                                         const ReportContext& context) {
  return write_workbook(
      path, [&](WorkbookSink& book) { fill_report_workbook(book, aggregate, data, pack, context); });
}

}  // namespace peiling::report
