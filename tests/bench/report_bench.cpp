// Report speed: `peiling-hub report --format html` and `--format xlsx` on a hub of 100,000
// responses of 12 answers each (6 of the conference pack's points, each on importance and
// feasibility), each against a bare SQLite read of the same answers in this process: the floor
// any report stands on. The targets are absolute: HTML under 3 s, XLSX under 30 s.
// The hub is filled through HubStore::ingest, the import's own path, without batch files.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <random>
#include <stdexcept>

#include "core/codec.hpp"
#include "core/pack.hpp"
#include "figures.hpp"
#include "hub/hub_store.hpp"

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
  const double bare_seconds = bare_read(db, pack.id);
  const ChildRun html = report("html");
  const ChildRun xlsx = report("xlsx");
  return {
      make_figure("report --format html: 100k responses x 12 answers", html.seconds, "s",
                  "bare SQLite read of the same answers", bare_seconds, "< 3 s"),
      make_figure("report --format xlsx: 100k responses x 12 answers", xlsx.seconds, "s",
                  "bare SQLite read of the same answers", bare_seconds, "< 30 s"),
  };
}

}  // namespace peiling::bench
