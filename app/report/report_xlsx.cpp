#include "report/report_xlsx.hpp"

#include <xlsxwriter.h>

#include <type_traits>

#include "core/catalog.hpp"
#include "report/report_text.hpp"
#include "report/survey_table.hpp"
#include "report/xlsx_sheet.hpp"

namespace peiling::report {

namespace {

// Excel keeps times as days since 1899-12-30; the Unix epoch is day 25569.
constexpr double kExcelUnixEpochDay = 25569;
constexpr double kMillisPerDay = 86'400'000;

void summary_sheet(lxw_workbook* book, const Formats& formats, const Aggregate& aggregate, const Pack& pack,
                   const ReportContext& context) {
  const std::string& language = context.language;
  const ReportWords& w = words(language);
  Sheet sheet(book, "Summary");
  worksheet_set_column(sheet.get(), 0, 0, 34, nullptr);
  worksheet_set_column(sheet.get(), 1, 1, 90, formats.wrap);
  sheet.text(w.summary, formats.header).text(pack.title.in(language), formats.header).end_row();
  const auto row = [&](std::string_view label, auto value) {
    sheet.text(label);
    if constexpr (std::is_arithmetic_v<decltype(value)>) {
      sheet.number(value, formats.whole);
    } else {
      sheet.text(value);
    }
    sheet.end_row();
  };
  row("pack", pack.id);
  std::string versions;
  for (int version : aggregate.pack_versions)
    versions += (versions.empty() ? "" : ", ") + std::to_string(version);
  row(w.pack_versions, versions);
  row(w.responses, aggregate.responses);
  row(w.complete, aggregate.complete);
  row(w.abandoned_counted, aggregate.abandoned);
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

void points_sheet(lxw_workbook* book, const Formats& formats, const Aggregate& aggregate, const Pack& pack,
                  const std::string& language) {
  const ReportWords& w = words(language);
  Sheet sheet(book, "Points");
  worksheet_set_column(sheet.get(), 2, 2, 60, nullptr);
  sheet.text(w.rank, formats.header).text("id", formats.header).text(w.point, formats.header);
  sheet.text(w.quadrant, formats.header).text(w.chosen, formats.header).text(w.rank_score, formats.header);
  for (const auto& scale_id : pack.point_scales) {
    const std::string name = scale_name(scale_id, language) + " ";
    for (std::string_view column : {w.shown, w.rated, w.no_opinion, w.mean, w.median}) {
      sheet.text(name + std::string(column), formats.header);
    }
    sheet.text(name + std::string(w.ci95) + " −", formats.header)
        .text(name + std::string(w.ci95) + " +", formats.header);
    if (const Scale* scale = pack.scale(scale_id)) {
      for (int v = scale->min; v <= scale->max; ++v) sheet.text(name + std::to_string(v), formats.header);
    }
  }
  sheet.end_row();
  for (const auto& point : aggregate.points) {
    sheet.number(point.rank, formats.whole)
        .text(point.item_id)
        .text(item_title(pack, point.item_id, language));
    sheet.text(point.quadrant ? quadrant_name(w, *point.quadrant) : "").number(point.chosen, formats.whole);
    sheet.number(point.rank_score, formats.whole);
    for (const auto& scale_id : pack.point_scales) {
      const ScaleSummary* scale = point.scale(scale_id);
      if (!scale) continue;
      sheet.number(scale->shown, formats.whole)
          .number(scale->rated, formats.whole)
          .number(scale->no_opinion, formats.whole);
      sheet.optional(scale->mean, formats.decimal).optional(scale->median, formats.decimal);
      if (scale->ci95) {
        sheet.number(scale->ci95->low, formats.decimal).number(scale->ci95->high, formats.decimal);
      } else {
        sheet.skip().skip();
      }
      for (int count : scale->distribution) sheet.number(count, formats.whole);
    }
    sheet.end_row();
  }
  sheet.finish_table();
}

void top_n_sheet(lxw_workbook* book, const Formats& formats, const Aggregate& aggregate, const Pack& pack,
                 const std::string& language) {
  const ReportWords& w = words(language);
  Sheet sheet(book, "Top-N");
  worksheet_set_column(sheet.get(), 2, 2, 60, nullptr);
  sheet.text("#", formats.header).text("id", formats.header).text(w.point, formats.header);
  sheet.text(w.chosen, formats.header).text(w.rank_score, formats.header).end_row();
  for (std::size_t place = 0; place < aggregate.top_n.size(); ++place) {
    const ItemSummary& point = aggregate.points[aggregate.top_n[place]];
    sheet.number(static_cast<double>(place + 1), formats.whole).text(point.item_id);
    sheet.text(item_title(pack, point.item_id, language)).number(point.chosen, formats.whole);
    sheet.number(point.rank_score, formats.whole).end_row();
  }
  sheet.finish_table();
}

void comments_sheet(lxw_workbook* book, const Formats& formats, const Aggregate& aggregate, const Pack& pack,
                    const std::string& language) {
  const ReportWords& w = words(language);
  Sheet sheet(book, "Comments");
  worksheet_set_column(sheet.get(), 1, 1, 50, nullptr);
  worksheet_set_column(sheet.get(), 2, 2, 90, formats.wrap);
  sheet.text("id", formats.header).text(w.point, formats.header).text(w.comments, formats.header).end_row();
  for (const auto* sets : {&aggregate.item_comments, &aggregate.open_answers}) {
    for (const auto& set : *sets) {
      const std::string title = item_title(pack, set.key, language);
      for (const auto& text : set.texts) sheet.text(set.key).text(title).text(text).end_row();
    }
  }
  sheet.finish_table();
}

void answers_sheet(lxw_workbook* book, const Formats& formats, const Aggregate& aggregate,
                   const SurveyData& data, const Pack& pack) {
  const Disclosure disclosure(aggregate);
  const SurveyTable table(data, pack, disclosure);
  const WideTable wide(data, pack);
  Sheet sheet(book, "Answers");
  worksheet_set_column(sheet.get(), 0, 0, 38, nullptr);
  worksheet_set_column(sheet.get(), 6, 7, 17, nullptr);
  for (const char* header :
       {"response_id", "pack_id", "pack_version", "status", "role", "language", "started_at", "ended_at"})
    sheet.text(header, formats.header);
  for (const auto& header : wide.headers()) sheet.text(header, formats.header);
  sheet.end_row();
  std::vector<WideTable::Cell> cells;
  for (ResponseIndex r : table.counted) {
    const SurveyResponse& response = data.responses[r];
    const std::string version = disclosure.pack_version(response);
    sheet.text(response.id).text(pack.id);
    if (version == kMergedGroupKey) {
      sheet.text(version);
    } else {
      sheet.number(response.pack_version, formats.whole);
    }
    sheet.text(status_text(response)).text(disclosure.role(response)).text(response.language);
    sheet.number(kExcelUnixEpochDay + static_cast<double>(response.started_at) / kMillisPerDay, formats.time);
    sheet.number(kExcelUnixEpochDay + static_cast<double>(response.ended_at) / kMillisPerDay, formats.time);
    wide.cells(table.rows[r], cells);
    for (const auto& cell : cells) {
      if (cell.value) {
        sheet.number(*cell.value, formats.whole);
      } else {
        sheet.text(cell.text);
      }
    }
    sheet.end_row();
  }
  sheet.finish_table();
}

}  // namespace

Result<std::filesystem::path> write_xlsx(const std::filesystem::path& path, const Aggregate& aggregate,
                                         const SurveyData& data, const Pack& pack,
                                         const ReportContext& context) {
  return write_workbook(path, [&](lxw_workbook* book, const Formats& formats) {
    summary_sheet(book, formats, aggregate, pack, context);
    points_sheet(book, formats, aggregate, pack, context.language);
    top_n_sheet(book, formats, aggregate, pack, context.language);
    comments_sheet(book, formats, aggregate, pack, context.language);
    answers_sheet(book, formats, aggregate, data, pack);
  });
}

}  // namespace peiling::report
