#pragma once
// One measured figure of `make bench`, always side by side with its baseline from the same run.
#include <filesystem>
#include <string>
#include <vector>

namespace peiling::bench {

struct Figure {
  std::string name;
  double value = 0;
  std::string unit;
  std::string baseline_name;
  double baseline_value = 0;
  double ratio = 0;    // value / baseline_value
  std::string target;  // e.g. "<= 1.5", shown in the table; empty when there is none
};

struct BenchContext {
  std::filesystem::path bin_dir;      // the Release build folder (build/release)
  std::filesystem::path scratch_dir;  // an empty folder for databases and files
};

// A child program run to its end with its output discarded: wall time and peak memory.
struct ChildRun {
  double seconds = 0;
  double peak_megabytes = 0;
};
// Throws std::runtime_error when argv[0] cannot start or exits with a failure.
ChildRun run_child(const std::vector<std::string>& argv);

Figure make_figure(std::string name, double value, std::string unit, std::string baseline_name,
                   double baseline_value, std::string target);

// Each suite returns its figures; bench_main.cpp lists the suites.
std::vector<Figure> startup_and_idle_figures(const BenchContext& context);
// DeviceStore::record_answer against a bare SQLite insert+commit, p50 and p99 (store_bench.cpp).
// Throws std::runtime_error when the scratch folder cannot hold a database.
std::vector<Figure> store_commit_figures(const BenchContext& context);
// `peiling-hub import` of 100,000 responses against a bare SQLite bulk insert of the same rows,
// and its peak memory for all files against a tenth of them (sync_bench.cpp).
std::vector<Figure> hub_import_figures(const BenchContext& context);
// `peiling-hub report --format html` and `--format xlsx` on a hub of 100,000 responses against a
// bare SQLite read of the same answers, and the console's overview page against the HTML report
// (report_bench.cpp).
std::vector<Figure> report_figures(const BenchContext& context);
// Sync of 10,000 responses over loopback HTTP (the hub's server, the device's client and ack check)
// against `peiling-hub import` of the same batch files (sync_bench.cpp).
std::vector<Figure> hub_http_figures(const BenchContext& context);
// pack_from_workbook of a 500-point bilingual workbook against parse_pack of the same pack as JSON
// (pack_sheet_bench.cpp).
std::vector<Figure> pack_sheet_figures(const BenchContext& context);

}  // namespace peiling::bench
