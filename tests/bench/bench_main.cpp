// peiling-bench: runs every benchmark suite, prints a table, writes results.json.
// Each figure is measured side by side with its baseline in this one run, so the ratio holds
// on a shared, noisy machine where absolute times do not.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

#include "figures.hpp"

namespace {

using peiling::bench::BenchContext;
using peiling::bench::Figure;

struct Suite {
  const char* name;
  std::function<std::vector<Figure>(const BenchContext&)> run;
};

void print_table(const std::vector<Figure>& figures) {
  std::printf("\n%-52s %12s %-6s %12s %8s %8s\n", "figure", "value", "unit", "baseline", "ratio", "target");
  for (const auto& f : figures) {
    std::printf("%-52s %12.4g %-6s %12.4g %8.3f %8s\n", f.name.c_str(), f.value, f.unit.c_str(),
                f.baseline_value, f.ratio, f.target.c_str());
    std::printf("  baseline: %s\n", f.baseline_name.c_str());
  }
}

nlohmann::json to_json(const std::vector<Figure>& figures) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : figures) {
    out.push_back({{"name", f.name},
                   {"value", f.value},
                   {"unit", f.unit},
                   {"baseline_name", f.baseline_name},
                   {"baseline_value", f.baseline_value},
                   {"ratio", f.ratio},
                   {"target", f.target}});
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Peiling benchmarks: every figure against its baseline, in one run", "peiling-bench"};
  std::string bin_dir = "build/release";
  std::string out = "build/bench/results.json";
  std::string only;
  cli.add_option("--bin-dir", bin_dir, "The Release build folder")->capture_default_str();
  cli.add_option("--out", out, "Where to write the figures as JSON")->capture_default_str();
  cli.add_option("--only", only, "Run only the suite with this name");
  CLI11_PARSE(cli, argc, argv);

  const std::vector<Suite> suites{
      {"startup-idle", peiling::bench::startup_and_idle_figures},
      {"store-commit", peiling::bench::store_commit_figures},
      {"hub-import", peiling::bench::hub_import_figures},
      {"hub-http", peiling::bench::hub_http_figures},
      {"report", peiling::bench::report_figures},
      {"pack-sheet", peiling::bench::pack_sheet_figures},
  };

  const auto out_dir = std::filesystem::path(out).parent_path();
  BenchContext context{std::filesystem::absolute(bin_dir), std::filesystem::absolute(out_dir) / "scratch"};
  std::vector<Figure> figures;
  for (const auto& suite : suites) {
    if (!only.empty() && only != suite.name) continue;
    std::filesystem::remove_all(context.scratch_dir);
    std::filesystem::create_directories(context.scratch_dir);
    std::printf("running %s ...\n", suite.name);
    std::fflush(stdout);
    try {
      auto suite_figures = suite.run(context);
      figures.insert(figures.end(), suite_figures.begin(), suite_figures.end());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "peiling-bench: %s failed: %s\n", suite.name, e.what());
      return 1;
    }
  }
  print_table(figures);
  std::ofstream(out) << to_json(figures).dump(2) << "\n";
  std::printf("\nwrote %s\n", out.c_str());
  return 0;
}
