// Report speed on a hub of 100,000 responses of 12 answers each (6 of the conference pack's
// points, each on importance and feasibility), each format against its floor in this process:
//   --format html  against a bare SQLite read of the same answers, which any report stands on;
//   --format xlsx  against libxlsxwriter alone writing the same sheets' cells (made beforehand by
//                  the report's own fill_report_workbook), which the workbook cannot go below.
// Each is the median of five runs, the two sides of a figure alternating.
// The hub is filled through HubStore::ingest, the import's own path, without batch files.
#include <sqlite3.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <random>
#include <stdexcept>

#include "core/aggregation.hpp"
#include "core/codec.hpp"
#include "core/pack.hpp"
#include "figures.hpp"
#include "hub/console/console.hpp"
#include "hub/console/console_http.hpp"
#include "hub/console/organisers.hpp"
#include "hub/hub_store.hpp"
#include "report/hub_report.hpp"
#include "report/report_xlsx.hpp"

namespace peiling::bench {

namespace {

namespace fs = std::filesystem;

constexpr int kResponses = 100'000;
constexpr int kPointsPerResponse = 6;  // x 2 scales = 12 answers
constexpr int kResponsesPerBatch = 400;
constexpr int kBatches = kResponses / kResponsesPerBatch;

Pack conference_pack() {
  auto loaded = load_pack_file(fs::path(PEILING_ASSETS_DIR) / "packs" / "conference-2009-11-13.json");
  if (!loaded) throw std::runtime_error(loaded.errors().joined("; "));
  return loaded->pack;
}

// Ratings lean on each point's own tendency, so the report has a spread to show.
std::vector<Response> batch_responses(const Pack& pack, int batch) {
  std::mt19937 random(static_cast<unsigned>(batch));
  std::vector<Response> responses(kResponsesPerBatch);
  const UtcMillis start = 1'258'099'200'000 + static_cast<UtcMillis>(batch) * 60'000;
  for (int i = 0; i < kResponsesPerBatch; ++i) {
    Response& response = responses[static_cast<std::size_t>(i)];
    response.id = random_uuid_v4();
    response.pack = {pack.id, pack.version};
    response.language = random() % 3 ? "nl" : "en";
    response.role = pack.roles->options[random() % pack.roles->options.size()].id;
    response.status = random() % 50 ? ResponseStatus::complete : ResponseStatus::abandoned;
    response.started_at = start + i * 100;
    response.ended_at = response.started_at + 240'000;
    std::vector<std::size_t> points(pack.points.size());
    for (std::size_t p = 0; p < points.size(); ++p) points[p] = p;
    std::shuffle(points.begin(), points.end(), random);
    for (int a = 0; a < kPointsPerResponse; ++a) {
      const std::size_t p = points[static_cast<std::size_t>(a)];
      const std::string& id = pack.points[p].id;
      response.points_shown.push_back(id);
      for (const auto& scale : pack.point_scales) {
        const int lean = static_cast<int>((p * 7 + scale.size()) % 5);
        const int value = 1 + (lean + static_cast<int>(random() % 3)) % 5;
        response.answers.push_back(
            {id, scale, random() % 12 ? Rating::of(value) : Rating::skip(), 1, response.started_at});
      }
    }
    std::sort(response.answers.begin(), response.answers.end(), [](const auto& a, const auto& b) {
      return a.item_id != b.item_id ? a.item_id < b.item_id : a.scale_id < b.scale_id;
    });
    response.top_choices = {response.points_shown[0], response.points_shown[1], response.points_shown[2]};
    if (i % 4 == 0)
      response.comments.push_back({response.points_shown[1], "Graag één loket; \"snel\".", 1, start});
    if (i % 10 == 0)
      response.open_answers.push_back({pack.open_questions[0].id, "Samen optrekken.", 1, start});
  }
  return responses;
}

void fill_hub(const fs::path& db, const Pack& pack) {
  auto hub = hub::HubStore::create(db);
  if (!hub) throw std::runtime_error(hub.error().message);
  const std::string device = random_uuid_v4();
  for (int batch = 0; batch < kBatches; ++batch) {
    const std::int64_t seq = batch + 1;
    const sync::VerifiedBatch envelope{device, seq, std::string(32, 'k'), "sha-" + std::to_string(seq),
                                       false,  ""};
    const sync::BatchPayload payload{random_uuid_v4(), device, seq, 0, batch_responses(pack, batch)};
    auto ingested = hub->ingest({envelope, payload, std::to_string(seq) + ".json"}, false);
    if (!ingested) throw std::runtime_error(ingested.error().message);
  }
}

// Steps through every counted answer of the pack once, as the report's reader must.
double bare_read(const fs::path& db, const std::string& pack_id) {
  sqlite3* connection = nullptr;
  if (sqlite3_open_v2(db.c_str(), &connection, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    throw std::runtime_error("bare SQLite: cannot open " + db.string());
  sqlite3_stmt* select = nullptr;
  const auto start = std::chrono::steady_clock::now();
  sqlite3_prepare_v2(
      connection,
      "SELECT a.response_id, a.item_id, a.scale_id, a.value FROM answers a JOIN counted_responses r "
      "ON r.response_id = a.response_id WHERE r.pack_id = ?1",
      -1, &select, nullptr);
  sqlite3_bind_text(select, 1, pack_id.c_str(), -1, SQLITE_TRANSIENT);
  long long rows = 0, sum = 0;
  while (sqlite3_step(select) == SQLITE_ROW) {
    ++rows;
    sum += sqlite3_column_int(select, 3) + sqlite3_column_bytes(select, 0);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  sqlite3_finalize(select);
  sqlite3_close(connection);
  if (rows != static_cast<long long>(kResponses) * kPointsPerResponse * 2 || sum == 0)
    throw std::runtime_error("bare SQLite read " + std::to_string(rows) + " answers");
  return seconds;
}

// The report's workbook as cells, made through the report's own code with the options the
// benchmark's report runs use.
report::WorkbookRecord report_cells(const fs::path& db, const Pack& pack) {
  auto hub = hub::HubStore::open(db);
  if (!hub) throw std::runtime_error(hub.error().message);
  auto data = hub->survey_data(pack.id);
  if (!data) throw std::runtime_error(data.error().message);
  const Aggregate aggregate = peiling::aggregate(data.value(), pack, {pack.settings.min_group_size, true});
  report::WorkbookRecord record;
  report::fill_report_workbook(record, aggregate, data.value(), pack, {pack.languages.front(), utc_now()});
  return record;
}

// Writes record's sheets and cells to path with libxlsxwriter alone, as the report does (constant
// memory, ZIP64, the same five formats, widths, frozen header rows and filters). Returns seconds.
double bare_xlsx_write(const report::WorkbookRecord& record, const fs::path& path) {
  using report::CellFormat;
  const auto start = std::chrono::steady_clock::now();
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.use_zip64 = LXW_TRUE;
  lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
  if (!book) throw std::runtime_error("libxlsxwriter cannot start " + path.string());
  std::array<lxw_format*, static_cast<std::size_t>(CellFormat::wrap) + 1> formats{};
  for (auto& format : formats) format = workbook_add_format(book);
  const auto format_of = [&](CellFormat format) {
    return format == CellFormat::none ? nullptr : formats[static_cast<std::size_t>(format)];
  };
  format_set_bold(format_of(CellFormat::header));
  format_set_bottom(format_of(CellFormat::header), LXW_BORDER_THIN);
  format_set_num_format(format_of(CellFormat::decimal), "0.00");
  format_set_num_format(format_of(CellFormat::whole), "0");
  format_set_num_format(format_of(CellFormat::time), "yyyy-mm-dd hh:mm");
  format_set_text_wrap(format_of(CellFormat::wrap));
  format_set_align(format_of(CellFormat::wrap), LXW_ALIGN_VERTICAL_TOP);
  for (const auto& sheet : record.sheets) {
    lxw_worksheet* worksheet = workbook_add_worksheet(book, sheet.name.c_str());
    for (const auto& width : sheet.widths)
      worksheet_set_column(worksheet, width.first, width.last, width.width, format_of(width.format));
    for (const auto& cell : sheet.cells) {
      if (cell.is_text) {
        worksheet_write_string(worksheet, cell.row, cell.column, record.texts.data() + cell.offset,
                               format_of(cell.format));
      } else {
        worksheet_write_number(worksheet, cell.row, cell.column, cell.number, format_of(cell.format));
      }
    }
    if (sheet.header_row) {
      worksheet_freeze_panes(worksheet, 1, 0);
      worksheet_autofilter(worksheet, 0, 0, sheet.header_row->first, sheet.header_row->second);
    }
  }
  if (workbook_close(book) != LXW_NO_ERROR)
    throw std::runtime_error("libxlsxwriter cannot write " + path.string());
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The console's overview page of the hub, as a signed-in organiser's browser asks for it every
// 10 s, in this process. Returns seconds.
double overview_page(hub::console::Console& console, const std::string& token) {
  hub::HttpRequest request;
  request.method = "GET";
  request.path = "/console/overview";
  request.headers["cookie"] = "peiling_session=" + token;
  request.client_address = "127.0.0.1";
  const auto start = std::chrono::steady_clock::now();
  const hub::HttpResponse page = console.handle(request);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (page.status != 200 || page.body.find("<svg") == std::string::npos)
    throw std::runtime_error("the overview answered " + std::to_string(page.status));
  return seconds;
}

// `report --format html` in this process: the same write_report the command runs.
double html_report(const fs::path& db, const std::string& pack_file, const fs::path& out) {
  report::ReportRequest request;
  request.db = db;
  request.format = report::Format::html;
  request.out = out;
  request.pack_files = {pack_file};
  const auto start = std::chrono::steady_clock::now();
  auto written = report::write_report(request);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!written) throw std::runtime_error(written.errors().joined("; "));
  return seconds;
}

double median_of(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

std::vector<Figure> report_figures(const BenchContext& context) {
  const Pack pack = conference_pack();
  const fs::path dir = context.scratch_dir / "report";
  fs::create_directories(dir);
  const fs::path db = dir / "hub.db";
  fill_hub(db, pack);
  const fs::path hub = context.bin_dir / "app/hub/peiling-hub";
  const std::string pack_file =
      (fs::path(PEILING_ASSETS_DIR) / "packs" / "conference-2009-11-13.json").string();
  const auto report = [&](const std::string& format) {
    return run_child({hub.string(), "report", "--db", db.string(), "--pack-file", pack_file, "--format",
                      format, "--include-abandoned", "--out", (dir / ("report." + format)).string()});
  };
  const report::WorkbookRecord cells = report_cells(db, pack);
  constexpr int kRepeats = 5;
  std::vector<double> bare, html, bare_xlsx, xlsx;
  for (int i = 0; i < kRepeats; ++i) {
    bare.push_back(bare_read(db, pack.id));
    html.push_back(report("html").seconds);
    bare_xlsx.push_back(bare_xlsx_write(cells, dir / "bare.xlsx"));
    xlsx.push_back(report("xlsx").seconds);
  }
  // The console's overview against the HTML report, both in this process, on the same hub.
  auto writer = hub::HubStore::open(db);
  if (!writer) throw std::runtime_error(writer.error().message);
  if (auto added = hub::console::add_organiser(writer.value(), "bench", "a bench password", "en"); !added)
    throw std::runtime_error(added.errors().joined("; "));
  const std::string token = hub::console::random_hex(32);
  if (auto session =
          writer->add_session(hub::console::token_hash(token), "bench", hub::console::random_hex(32));
      !session)
    throw std::runtime_error(session.error().message);
  hub::console::Console console(writer.value(), {db});
  std::vector<double> overview, html_in_process;
  for (int i = 0; i < kRepeats; ++i) {
    overview.push_back(overview_page(console, token));
    html_in_process.push_back(html_report(db, pack_file, dir / "in-process.html"));
  }
  return {
      make_figure("console overview page: 100k responses", median_of(overview), "s",
                  "report --format html on the same hub, in process", median_of(html_in_process), "< 0.5"),
      make_figure("report --format html: 100k responses x 12 answers", median_of(html), "s",
                  "bare SQLite read of the same answers", median_of(bare), "<= 2"),
      make_figure("report --format xlsx: 100k responses x 12 answers", median_of(xlsx), "s",
                  "libxlsxwriter alone writing the same sheets' cells", median_of(bare_xlsx), "<= 1.5"),
  };
}

}  // namespace peiling::bench
