#include "report/hub_report.hpp"

#include <algorithm>

#include "core/series.hpp"
#include "hub/hub_packs.hpp"
#include "hub/hub_store.hpp"

namespace peiling::report {

namespace {

// The language asked for, else the pack's first.
std::string language_for(const ReportRequest& request, const Pack& pack) {
  return request.language.empty() ? pack.languages.front() : request.language;
}

}  // namespace

Result<ReportWritten> write_report(const ReportRequest& request) {
  using Written = Result<ReportWritten>;
  if (request.pack_files.size() > 1) return Written::failure("give one --pack-file, or two with --series.");
  const std::string pack_file = request.pack_files.empty() ? "" : request.pack_files.front();
  auto hub = hub::HubStore::open(request.db);
  if (!hub) return Written::failure(hub.error().message);
  auto loaded =
      pack_file.empty() ? hub::published_pack(hub.value(), request.pack_id) : load_pack_file(pack_file);
  if (!loaded && pack_file.empty()) {
    return Written::failure(loaded.errors().joined("; ") +
                            ": publish the pack (peiling-hub pack publish --db " + request.db.string() +
                            " PACK.json) or give its file with --pack-file.");
  }
  if (!loaded) return loaded.errors();
  const Pack& pack = loaded->pack;
  if (!request.pack_id.empty() && request.pack_id != pack.id) {
    return Written::failure("--pack " + request.pack_id + " is not the pack in " + pack_file + " (" +
                            pack.id + "); give that pack's file with --pack-file.");
  }
  const int k = request.k.value_or(pack.settings.min_group_size);
  if (k < 1) return Written::failure("--k must be 1 or more.");
  auto data = hub->survey_data(pack.id, request.rehearsal);
  if (!data) return Written::failure(data.error().message);
  const Aggregate aggregate = peiling::aggregate(data.value(), pack, {k, request.include_abandoned});
  ReportContext context{language_for(request, pack), utc_now(), request.excel_nl_csv};
  context.rehearsal = request.rehearsal;
  // Moderation is of the big screen, which never shows rehearsal responses.
  if (!request.rehearsal) {
    auto tally = hub->moderation_tally(pack.id, request.include_abandoned);
    if (!tally) return Written::failure(tally.error().message);
    context.moderation = ModerationCounts{tally->approved, tally->hidden, tally->pending};
  }
  auto written = write(request.format, request.out, aggregate, data.value(), pack, context, request.wide);
  if (!written) return written.errors();
  return ReportWritten{aggregate.responses, k, aggregate.withheld};
}

Result<SeriesWritten> write_series_report(const ReportRequest& request) {
  using Written = Result<SeriesWritten>;
  if (request.pack_files.size() != 2)
    return Written::failure("--series needs two --pack-file: the first pack and its follow-up.");
  if (request.format != Format::html && request.format != Format::xlsx)
    return Written::failure("--series writes --format html or xlsx.");
  auto a = load_pack_file(request.pack_files[0]);
  if (!a) return a.errors();
  auto b = load_pack_file(request.pack_files[1]);
  if (!b) return b.errors();
  auto packs = order_series_packs(a->pack, b->pack);
  if (!packs) return packs.errors();
  const Pack& first = *packs->first;
  const Pack& follow_up = *packs->follow_up;
  const int k =
      request.k.value_or(std::max(first.settings.min_group_size, follow_up.settings.min_group_size));
  if (k < 1) return Written::failure("--k must be 1 or more.");
  auto hub = hub::HubStore::open(request.db);
  if (!hub) return Written::failure(hub.error().message);
  auto first_data = hub->survey_data(first.id);
  if (!first_data) return Written::failure(first_data.error().message);
  auto follow_up_data = hub->survey_data(follow_up.id);
  if (!follow_up_data) return Written::failure(follow_up_data.error().message);
  const AggregationOptions options{k, request.include_abandoned};
  const Aggregate first_aggregate = aggregate(first_data.value(), first, options);
  const Aggregate follow_up_aggregate = aggregate(follow_up_data.value(), follow_up, options);
  const SeriesReport report(packs.value(), first_aggregate, follow_up_aggregate);
  auto written = write_series(request.format, request.out, report, {language_for(request, first), utc_now()});
  if (!written) return written.errors();
  return SeriesWritten{first.id, first_aggregate.responses, follow_up.id, follow_up_aggregate.responses, k};
}

}  // namespace peiling::report
