#include "report/report_csv.hpp"

#include <unordered_map>

namespace peiling::report {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kLineEnd = "\r\n";

class CsvWriter {
 public:
  CsvWriter(std::ostream& out, CsvDialect dialect) : out_(out), dialect_(dialect) { out_ << kBom; }
  CsvWriter& field(std::string_view text) {
    if (!first_) out_ << dialect_.separator;
    first_ = false;
    out_ << csv_field(text, dialect_);
    return *this;
  }
  void end_row() {
    out_ << kLineEnd;
    first_ = true;
  }

 private:
  std::ostream& out_;
  CsvDialect dialect_;
  bool first_ = true;
};

std::string value_text(const SurveyRating& rating) {
  return rating.no_opinion() ? std::string(kNoOpinionValue) : std::to_string(rating.value);
}

}  // namespace

std::string csv_field(std::string_view text, CsvDialect dialect) {
  if (text.find_first_of(std::string{dialect.separator, '"', '\r', '\n'}) == std::string_view::npos) {
    return std::string(text);
  }
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

void write_long_csv(std::ostream& out, const SurveyData& data, const Pack& pack, const Disclosure& disclosure,
                    CsvDialect dialect) {
  const SurveyTable table(data, pack, disclosure);
  CsvWriter csv(out, dialect);
  for (const char* header : {"response_id", "pack_id", "pack_version", "status", "late", "role", "item",
                             "scale", "value", "comment"})
    csv.field(header);
  csv.end_row();
  for (ResponseIndex r : table.counted) {
    const SurveyResponse& response = data.responses[r];
    const ResponseRows& rows = table.rows[r];
    const std::string version = disclosure.pack_version(response);
    const std::string status = status_text(response);
    const auto begin_row = [&]() -> CsvWriter& {
      return csv.field(response.id)
          .field(pack.id)
          .field(version)
          .field(status)
          .field(late_text(response))
          .field(disclosure.role(response));
    };
    std::unordered_map<NameId, const SurveyText*> comment_of;
    for (const SurveyText* comment : rows.comments) comment_of[comment->key] = comment;
    for (const SurveyRating* rating : rows.ratings) {
      begin_row().field(data.name(rating->item)).field(data.name(rating->scale)).field(value_text(*rating));
      auto comment = comment_of.find(rating->item);
      csv.field(comment == comment_of.end() ? "" : comment->second->text);
      if (comment != comment_of.end()) comment_of.erase(comment);
      csv.end_row();
    }
    // Comments on items without a rating, then the open answers.
    for (const SurveyText* comment : rows.comments) {
      if (!comment_of.contains(comment->key)) continue;
      begin_row().field(data.name(comment->key)).field("").field("").field(comment->text);
      csv.end_row();
    }
    for (const SurveyText* answer : rows.open_answers) {
      begin_row().field(data.name(answer->key)).field("").field("").field(answer->text);
      csv.end_row();
    }
  }
}

void write_wide_csv(std::ostream& out, const SurveyData& data, const Pack& pack, const Disclosure& disclosure,
                    CsvDialect dialect) {
  const SurveyTable table(data, pack, disclosure);
  const WideTable wide(data, pack);
  CsvWriter csv(out, dialect);
  for (const char* header : {"response_id", "pack_id", "pack_version", "status", "late", "role", "language",
                             "started_at", "ended_at"})
    csv.field(header);
  for (const auto& header : wide.headers()) csv.field(header);
  csv.end_row();
  std::vector<WideTable::Cell> cells;
  for (ResponseIndex r : table.counted) {
    const SurveyResponse& response = data.responses[r];
    csv.field(response.id)
        .field(pack.id)
        .field(disclosure.pack_version(response))
        .field(status_text(response))
        .field(late_text(response));
    csv.field(disclosure.role(response)).field(response.language);
    csv.field(format_rfc3339(response.started_at)).field(format_rfc3339(response.ended_at));
    wide.cells(table.rows[r], cells);
    for (const auto& cell : cells)
      csv.field(cell.value ? std::to_string(*cell.value) : std::string(cell.text));
    csv.end_row();
  }
}

}  // namespace peiling::report
