// Reading a pack from a workbook (`peiling-hub pack from-sheet`): a bilingual pack of 500 points,
// written by to-sheet, read back through the zip, the XML and the pack validator, against parsing
// and validating the same pack as JSON in this process. The target is absolute: under 1 s.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/json_file.hpp"
#include "core/pack.hpp"
#include "figures.hpp"
#include "hub/pack_sheet.hpp"

namespace peiling::bench {

namespace {

constexpr int kPoints = 500;
constexpr int kRuns = 5;

// The bundled conference pack with its points repeated to kPoints, each with an id of its own.
std::string large_pack() {
  const auto path = std::filesystem::path(PEILING_ASSETS_DIR) / "packs" / "conference-2009-11-13.json";
  auto text = read_text_file(path, kMaxPackBytes);
  if (!text) throw std::runtime_error(text.errors().joined("; "));
  nlohmann::ordered_json pack = nlohmann::ordered_json::parse(text.value());
  const auto points = pack["points"];
  pack["points"] = nlohmann::ordered_json::array();
  pack["top_n"]["from"] = nlohmann::ordered_json::array();
  for (int i = 0; i < kPoints; ++i) {
    auto point = points[static_cast<std::size_t>(i) % points.size()];
    point["id"] = "bench-" + std::to_string(i + 1);
    point.erase("related");
    pack["top_n"]["from"].push_back(point["id"]);
    pack["points"].push_back(std::move(point));
  }
  return pack.dump(2);
}

template <class Run>
double median_seconds(Run run) {
  std::vector<double> seconds;
  for (int i = 0; i < kRuns; ++i) {
    const auto start = std::chrono::steady_clock::now();
    run();
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  return seconds[seconds.size() / 2];
}

}  // namespace

std::vector<Figure> pack_sheet_figures(const BenchContext&) {
  const std::string json = large_pack();
  auto workbook = hub::workbook_from_pack(json, "bench.json");
  if (!workbook) throw std::runtime_error(workbook.errors().joined("; "));
  const double sheet = median_seconds([&] {
    if (!hub::pack_from_workbook(workbook.value(), "bench.xlsx"))
      throw std::runtime_error("from-sheet failed");
  });
  const double parse = median_seconds([&] {
    if (!parse_pack(json, "bench.json")) throw std::runtime_error("parse_pack failed");
  });
  return {make_figure("pack from-sheet, 500 points in nl and en (median of 5)", sheet, "s",
                      "parse_pack of the same pack as JSON", parse, "< 1 s")};
}

}  // namespace peiling::bench
