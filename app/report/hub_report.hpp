#pragma once
// `peiling-hub report`: the responses a hub counted, on the pack the organiser names (its file,
// else the one published on the hub), under that pack's k, written to a file. The hub database
// is opened here, after the arguments check out, as the live page opens its own.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "report/report_file.hpp"

namespace peiling::report {

struct ReportRequest {
  std::filesystem::path db;  // the hub database
  Format format = Format::html;
  std::filesystem::path out;
  std::string language;                 // empty: the pack's first language
  std::string pack_id;                  // empty: the pack file's id, or the pack published on the hub last
  std::vector<std::string> pack_files;  // none: the pack published on the hub; two for a series
  std::optional<int> k;                 // empty: the pack's settings.min_group_size
  bool wide = false;                    // csv: one row per response
  bool include_abandoned = false;
  bool rehearsal = false;  // the Rehearsal view: the pack's rehearsal responses instead of the counted ones
  std::optional<bool> excel_nl_csv;  // csv: the dialect; by default excel-nl for nl (the console asks)
};

struct ReportWritten {
  int responses = 0;  // counted
  int k = 0;
  bool withheld = false;  // fewer than k: no figures
};

// One pack. With a pack file, request.pack_id only checks that it is that pack.
Result<ReportWritten> write_report(const ReportRequest& request);

struct SeriesWritten {
  std::string first_id;
  int first_responses = 0;
  std::string follow_up_id;
  int follow_up_responses = 0;
  int k = 0;
};

// `report --series`: two pack files, told apart by refers_to; each is aggregated on its own with
// the same k, the larger of the two packs' min_group_size unless request.k says otherwise.
Result<SeriesWritten> write_series_report(const ReportRequest& request);

}  // namespace peiling::report
