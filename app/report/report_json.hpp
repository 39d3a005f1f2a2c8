#pragma once
// The aggregates as JSON, in the structure assets/schema/report.schema.json documents
// (format "peiling.report/1"), so other tools can build on them.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/aggregation.hpp"
#include "core/pack.hpp"

namespace peiling::report {

inline constexpr std::string_view kReportFormat = "peiling.report/1";

// What the moderators decided for the big screen (/live) about the report's comments and open
// answers: the report itself keeps every text.
struct ModerationCounts {
  int approved = 0;
  int hidden = 0;
  int waiting = 0;
};

struct ReportContext {
  std::string language = "en";  // of the titles and labels
  UtcMillis generated_at = 0;
  // CSV only: the excel-nl dialect (';') or the plain one (','); by default excel-nl for nl.
  std::optional<bool> excel_nl_csv;
  std::optional<ModerationCounts> moderation;  // from the hub; none for a device's own report
  // The Rehearsal view: the report is of the pack's rehearsal responses, which nothing else counts.
  bool rehearsal = false;
};

// "On the big screen: 3 approved, 1 hidden, 2 not yet decided. This report keeps every text."
std::string moderation_sentence(const ModerationCounts& counts, std::string_view language);

nlohmann::json report_json(const Aggregate& aggregate, const Pack& pack, const ReportContext& context);

// The title of a point or other item in the language, or its id when the pack does not know it.
std::string item_title(const Pack& pack, std::string_view item_id, std::string_view language);
// The label of a group: the role's label, "no role given", a version, or the merged groups.
std::string group_label(const Pack& pack, const GroupSplit& split, const GroupSummary& group,
                        std::string_view language);

}  // namespace peiling::report
