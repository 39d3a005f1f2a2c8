// The latency of committing one answer: DeviceStore::record_answer against a bare SQLite
// BEGIN IMMEDIATE / INSERT / COMMIT of the same row with the same pragmas, interleaved in one run
// on the same disk, so both see the same fsync weather.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "figures.hpp"
#include "store/device_store.hpp"

namespace peiling::bench {

namespace {

constexpr int kWarmUp = 100;
constexpr int kSamples = 2000;

// The answers table with the store's columns and key, in a database with the store's pragmas.
class BareAnswers {
 public:
  explicit BareAnswers(const std::filesystem::path& path) {
    check(sqlite3_open(path.c_str(), &db_), "open");
    check(
        sqlite3_exec(
            db_,
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
            "CREATE TABLE answers (response_id TEXT NOT NULL, item_id TEXT NOT NULL, scale_id TEXT NOT NULL,"
            " value INTEGER, revision INTEGER NOT NULL, answered_at_ms INTEGER NOT NULL,"
            " PRIMARY KEY (response_id, item_id, scale_id)) STRICT, WITHOUT ROWID;",
            nullptr, nullptr, nullptr),
        "create");
    prepare("BEGIN IMMEDIATE", &begin_);
    prepare("INSERT INTO answers VALUES (?1, ?2, ?3, ?4, 1, ?5)", &insert_);
    prepare("COMMIT", &commit_);
  }
  ~BareAnswers() {
    for (sqlite3_stmt* stmt : {begin_, insert_, commit_}) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }
  BareAnswers(const BareAnswers&) = delete;
  BareAnswers& operator=(const BareAnswers&) = delete;

  void commit_answer(const std::string& response_id, const std::string& item_id, int value, UtcMillis at) {
    step(begin_);
    sqlite3_bind_text(insert_, 1, response_id.data(), static_cast<int>(response_id.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(insert_, 2, item_id.data(), static_cast<int>(item_id.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(insert_, 3, "importance", -1, SQLITE_STATIC);
    sqlite3_bind_int(insert_, 4, value);
    sqlite3_bind_int64(insert_, 5, at);
    step(insert_);
    step(commit_);
  }

 private:
  void check(int rc, const char* what) {
    if (rc != SQLITE_OK)
      throw std::runtime_error(std::string("bare SQLite ") + what + ": " + sqlite3_errmsg(db_));
  }
  void prepare(const char* sql, sqlite3_stmt** stmt) {
    check(sqlite3_prepare_v2(db_, sql, -1, stmt, nullptr), sql);
  }
  void step(sqlite3_stmt* stmt) {
    const int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) check(rc, sqlite3_sql(stmt));
  }

  sqlite3* db_ = nullptr;
  sqlite3_stmt* begin_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* commit_ = nullptr;
};

double percentile_us(std::vector<double> samples, double fraction) {
  const auto index = static_cast<std::size_t>(fraction * static_cast<double>(samples.size() - 1));
  std::nth_element(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(index), samples.end());
  return samples[index];
}

template <class Operation>
double time_us(Operation operation) {
  const auto start = std::chrono::steady_clock::now();
  operation();
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

std::vector<Figure> store_commit_figures(const BenchContext& context) {
  const auto store_dir = context.scratch_dir / "store-commit" / "device";
  const auto bare_dir = context.scratch_dir / "store-commit" / "bare";
  std::filesystem::create_directories(bare_dir);

  auto opened = store::DeviceStore::open(store_dir);
  if (!opened) throw std::runtime_error(opened.error().message);
  store::DeviceStore& device = opened.value();
  const PackRef pack{"bench", 1};
  if (auto remembered = device.remember_pack(pack, "{}"); !remembered) {
    throw std::runtime_error(remembered.error().message);
  }
  auto response = device.begin_response({pack, "nl", std::nullopt, Mode::kiosk, {}});
  if (!response) throw std::runtime_error(response.error().message);
  BareAnswers bare(bare_dir / "bare.db");

  std::vector<double> store_us, bare_us;
  store_us.reserve(kSamples);
  bare_us.reserve(kSamples);
  for (int i = 0; i < kWarmUp + kSamples; ++i) {
    const std::string item = "item-" + std::to_string(i);
    const int value = 1 + i % 5;
    const auto record = [&] {
      auto revision = device.record_answer(response.value(), item, "importance", Rating::of(value));
      if (!revision) throw std::runtime_error(revision.error().message);
    };
    const auto insert = [&] { bare.commit_answer(response.value(), item, value, utc_now()); };
    // Alternate which goes first, so neither always follows the other's fsync.
    double ours = 0, theirs = 0;
    if (i % 2 == 0) {
      ours = time_us(record);
      theirs = time_us(insert);
    } else {
      theirs = time_us(insert);
      ours = time_us(record);
    }
    if (i < kWarmUp) continue;
    store_us.push_back(ours);
    bare_us.push_back(theirs);
  }

  return {
      make_figure("store: commit one answer, p50", percentile_us(store_us, 0.50), "us",
                  "bare SQLite insert+commit, p50", percentile_us(bare_us, 0.50), ""),
      make_figure("store: commit one answer, p99", percentile_us(store_us, 0.99), "us",
                  "bare SQLite insert+commit, p99", percentile_us(bare_us, 0.99), "<= 1.5"),
  };
}

}  // namespace peiling::bench
