// Sync over HTTP against import (hub_http_figures): the same 10,000 responses in 25 batch files,
// posted one by one over loopback to the hub's server in this process, each ack checked as a
// device checks it, against `peiling-hub import` of the files.
//
// Hub import throughput and memory: `peiling-hub import` of 100,000 responses (12 answers each)
// from batch files, against a bare SQLite bulk insert of the same rows into the same schema with
// the same pragmas in this process, one transaction per batch on both sides. Peak memory is the
// import child's ru_maxrss, for all the files and for a tenth of them: it must not grow with them.
#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

#include "core/codec.hpp"
#include "figures.hpp"
#include "hub/hub_api.hpp"
#include "hub/hub_schema.hpp"
#include "hub/hub_server.hpp"
#include "hub/hub_store.hpp"
#include "sync/batch_format.hpp"
#include "sync/http_sync.hpp"

namespace peiling::bench {

namespace {

namespace fs = std::filesystem;

constexpr int kResponses = 100'000;
constexpr int kAnswersPerResponse = 12;
constexpr int kResponsesPerBatch = 400;  // keeps each file under the 1 MiB limit
constexpr int kBatches = kResponses / kResponsesPerBatch;
constexpr int kSmallImportBatches = kBatches / 10;

// The responses of one batch, the same on every call with the same number.
std::vector<Response> batch_responses(int batch) {
  std::mt19937 random(static_cast<unsigned>(batch));
  std::vector<Response> responses(kResponsesPerBatch);
  const UtcMillis start = 1'258'099'200'000 + static_cast<UtcMillis>(batch) * 3'600'000;
  for (int i = 0; i < kResponsesPerBatch; ++i) {
    Response& response = responses[static_cast<std::size_t>(i)];
    response.id = random_uuid_v4();
    response.pack = {"conference-2009-11-13", 1};
    response.language = random() % 2 ? "nl" : "en";
    response.role = "frontline";
    response.status = ResponseStatus::complete;
    response.started_at = start + i * 1000;
    response.ended_at = response.started_at + 240'000;
    for (int a = 0; a < kAnswersPerResponse; ++a) {
      const std::string point = "wg" + std::to_string(1 + a % 4) + "-" + std::to_string(1 + a);
      response.points_shown.push_back(point);
      response.answers.push_back({point, "importance", Rating::of(1 + static_cast<int>(random() % 5)), 1,
                                  response.started_at + a * 10'000});
    }
    response.top_choices = {response.points_shown[0], response.points_shown[3], response.points_shown[7]};
    if (i % 4 == 0)
      response.comments.push_back({response.points_shown[1], "Graag één loket, \"snel\".", 1, start});
  }
  return responses;
}

// Writes the first `batches` batch files (all of them by default) into dir/first-tenth and dir/rest.
void write_batch_files(const fs::path& dir, int batches = kBatches) {
  fs::create_directories(dir / "first-tenth");
  fs::create_directories(dir / "rest");
  std::string public_key(crypto_sign_PUBLICKEYBYTES, '\0'), secret_key(crypto_sign_SECRETKEYBYTES, '\0');
  crypto_sign_keypair(reinterpret_cast<unsigned char*>(public_key.data()),
                      reinterpret_cast<unsigned char*>(secret_key.data()));
  const sync::BatchSigner signer{random_uuid_v4(), public_key, [&](std::string_view message) {
                                   std::array<unsigned char, 64> signature;
                                   crypto_sign_detached(
                                       signature.data(), nullptr,
                                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                       reinterpret_cast<const unsigned char*>(secret_key.data()));
                                   return signature;
                                 }};
  for (int batch = 0; batch < batches; ++batch) {
    const std::int64_t seq = batch + 1;
    const sync::BatchPayload payload{random_uuid_v4(), signer.device_id, seq, 1'258'099'200'000,
                                     batch_responses(batch)};
    const auto encoded = sync::encode_batch_file(sync::encode_payload(payload), seq, signer, std::nullopt);
    if (encoded.file.size() > sync::kMaxBatchFileBytes)
      throw std::runtime_error("a benchmark batch is over 1 MiB");
    // Numbered so that a tenth of the files is a prefix in name order.
    char name[32];
    std::snprintf(name, sizeof name, "%04d.json", batch);
    std::ofstream(dir / (batch < kSmallImportBatches ? "first-tenth" : "rest") / name, std::ios::binary)
        << encoded.file;
  }
}

ChildRun run_import(const fs::path& hub, const fs::path& db, const std::vector<fs::path>& folders) {
  std::vector<std::string> argv{hub.string(), "import", "--db", db.string()};
  for (const auto& folder : folders) argv.push_back(folder.string());
  return run_child(argv);
}

void must(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw std::runtime_error(std::string("bare SQLite ") + what + ": " + sqlite3_errmsg(db));
  }
}

// The same rows as the hub stores, inserted with plain prepared statements: the floor the import
// is measured against. Returns the seconds spent in SQLite.
double bare_bulk_insert(const fs::path& path) {
  sqlite3* db = nullptr;
  must(db, sqlite3_open(path.c_str(), &db), "open");
  must(db,
       sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", nullptr,
                    nullptr, nullptr),
       "pragmas");
  for (const auto& step : hub::hub_migration_steps()) {
    must(db, sqlite3_exec(db, std::string(step.sql).c_str(), nullptr, nullptr, nullptr), "schema");
  }
  std::vector<sqlite3_stmt*> statements;
  const auto prepare = [&](const char* text) {
    sqlite3_stmt* statement = nullptr;
    must(db, sqlite3_prepare_v2(db, text, -1, &statement, nullptr), text);
    statements.push_back(statement);
    return statement;
  };
  sqlite3_stmt* begin = prepare("BEGIN IMMEDIATE");
  sqlite3_stmt* commit = prepare("COMMIT");
  sqlite3_stmt* device = prepare(
      "INSERT INTO devices (device_id, signing_key, state, first_seen_at_ms, last_seen_at_ms) "
      "VALUES ('d', zeroblob(32), 'trusted', 0, 0)");
  sqlite3_stmt* batch_row = prepare("INSERT INTO batches VALUES ('d', ?1, 'b', 'sha', 0, 0, 0, 'f')");
  // Columns named: later schema steps add some (late, rehearsal) whose defaults an import keeps.
  sqlite3_stmt* response_row = prepare(
      "INSERT INTO responses (response_id, device_id, seq, pack_id, pack_version, status, mode, language, "
      "role, "
      "started_at_ms, ended_at_ms) VALUES (?1, 'd', ?2, ?3, ?4, 'complete', 'kiosk', ?5, ?6, ?7, ?8)");
  sqlite3_stmt* point_row = prepare("INSERT INTO response_points VALUES (?1, ?2, ?3)");
  sqlite3_stmt* answer_row = prepare("INSERT INTO answers VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  sqlite3_stmt* comment_row = prepare("INSERT INTO comments VALUES (?1, ?2, ?3, ?4, ?5)");
  sqlite3_stmt* top_row = prepare("INSERT INTO top_choices VALUES (?1, ?2, ?3)");
  const auto text = [](sqlite3_stmt* s, int i, const std::string& value) {
    sqlite3_bind_text(s, i, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  };
  const auto step = [&](sqlite3_stmt* s) {
    must(db, sqlite3_step(s), sqlite3_sql(s));
    sqlite3_reset(s);
  };
  step(device);
  double seconds = 0;
  for (int b = 0; b < kBatches; ++b) {
    const auto responses = batch_responses(b);
    const auto start = std::chrono::steady_clock::now();
    step(begin);
    sqlite3_bind_int(batch_row, 1, b + 1);
    step(batch_row);
    for (const auto& r : responses) {
      text(response_row, 1, r.id);
      sqlite3_bind_int(response_row, 2, b + 1);
      text(response_row, 3, r.pack.id);
      sqlite3_bind_int(response_row, 4, r.pack.version);
      text(response_row, 5, r.language);
      text(response_row, 6, *r.role);
      sqlite3_bind_int64(response_row, 7, r.started_at);
      sqlite3_bind_int64(response_row, 8, *r.ended_at);
      step(response_row);
      for (std::size_t i = 0; i < r.points_shown.size(); ++i) {
        text(point_row, 1, r.id);
        sqlite3_bind_int64(point_row, 2, static_cast<sqlite3_int64>(i));
        text(point_row, 3, r.points_shown[i]);
        step(point_row);
      }
      for (const auto& a : r.answers) {
        text(answer_row, 1, r.id);
        text(answer_row, 2, a.item_id);
        text(answer_row, 3, a.scale_id);
        sqlite3_bind_int(answer_row, 4, a.rating.value());
        sqlite3_bind_int(answer_row, 5, a.revision);
        sqlite3_bind_int64(answer_row, 6, a.answered_at);
        step(answer_row);
      }
      for (const auto& c : r.comments) {
        text(comment_row, 1, r.id);
        text(comment_row, 2, c.key);
        text(comment_row, 3, c.text);
        sqlite3_bind_int(comment_row, 4, c.revision);
        sqlite3_bind_int64(comment_row, 5, c.written_at);
        step(comment_row);
      }
      for (std::size_t i = 0; i < r.top_choices.size(); ++i) {
        text(top_row, 1, r.id);
        sqlite3_bind_int64(top_row, 2, static_cast<sqlite3_int64>(i + 1));
        text(top_row, 3, r.top_choices[i]);
        step(top_row);
      }
    }
    step(commit);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  for (auto* statement : statements) sqlite3_finalize(statement);
  sqlite3_close(db);
  return seconds;
}

fs::path fresh_hub(const fs::path& hub, const fs::path& db) {
  run_child({hub.string(), "init", "--db", db.string()});
  return db;
}

// Posts every batch file in folder, in name order, to the hub at url as the device's sync does,
// each answer judged by the device's rule (a signed ack of exactly that batch). Returns seconds.
double post_batches(const std::string& url, const fs::path& folder, const std::string& hub_key) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.is_regular_file()) files.push_back(entry.path());  // not the acks/ the import wrote
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> bodies;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    bodies.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const sync::HubEndpoint endpoint{url, std::nullopt, std::nullopt, std::nullopt};
  const auto start = std::chrono::steady_clock::now();
  for (const auto& body : bodies) {
    auto envelope = sync::read_batch_file(body, "bench");
    if (!envelope) throw std::runtime_error(envelope.errors().joined());
    const auto reply = sync::post(endpoint, "/api/v1/batches", body);
    const auto outcome =
        sync::judge_reply(reply, {envelope->device_id, envelope->seq, envelope->payload_sha256}, {hub_key});
    if (outcome.verdict != sync::PostVerdict::delivered)
      throw std::runtime_error("not delivered: " + outcome.message);
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

std::vector<Figure> hub_http_figures(const BenchContext& context) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to start");
  const fs::path hub = context.bin_dir / "app/hub/peiling-hub";
  const fs::path files = context.scratch_dir / "hub-http" / "files";
  write_batch_files(files, kSmallImportBatches);
  const fs::path batches = files / "first-tenth";
  constexpr int kHttpResponses = kSmallImportBatches * kResponsesPerBatch;

  const auto imported =
      run_import(hub, fresh_hub(hub, context.scratch_dir / "hub-http" / "import.db"), {batches});

  const fs::path served_db = fresh_hub(hub, context.scratch_dir / "hub-http" / "served.db");
  auto store = hub::HubStore::open(served_db);
  if (!store) throw std::runtime_error(store.error().message);
  hub::HubApi api(store.value(), {.db = served_db});
  auto server = hub::HubServer::start(api, {.port = 0});
  if (!server) throw std::runtime_error(server.errors().joined());
  const std::string url = "http://127.0.0.1:" + std::to_string(server.value()->port());
  const double http_seconds = post_batches(url, batches, store->sign_public_key());
  server.value()->stop();

  return {
      make_figure("hub over HTTP: 10k responses, " + std::to_string(kSmallImportBatches) + " posts, seconds",
                  http_seconds, "s", "peiling-hub import of the same files, seconds", imported.seconds, ""),
      make_figure("hub over HTTP: 10k responses x 12 answers", kHttpResponses / http_seconds, "resp/s",
                  "peiling-hub import of the same batch files", kHttpResponses / imported.seconds, ">= 0.5"),
  };
}

std::vector<Figure> hub_import_figures(const BenchContext& context) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to start");
  const fs::path hub = context.bin_dir / "app/hub/peiling-hub";
  const fs::path files = context.scratch_dir / "hub-import" / "files";
  write_batch_files(files);

  const double bare_seconds = bare_bulk_insert(context.scratch_dir / "hub-import" / "bare.db");
  const auto all = run_import(hub, fresh_hub(hub, context.scratch_dir / "hub-import" / "all.db"),
                              {files / "first-tenth", files / "rest"});
  const auto tenth = run_import(hub, fresh_hub(hub, context.scratch_dir / "hub-import" / "tenth.db"),
                                {files / "first-tenth"});

  return {
      make_figure("hub import: 100k responses x 12 answers", kResponses / all.seconds, "resp/s",
                  "bare SQLite bulk insert of the same rows", kResponses / bare_seconds, ">= 0.3"),
      make_figure("hub import: peak RSS, " + std::to_string(kBatches) + " files", all.peak_megabytes, "MiB",
                  "peak RSS, " + std::to_string(kSmallImportBatches) + " files", tenth.peak_megabytes,
                  "<= 1.25"),
  };
}

}  // namespace peiling::bench
