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

std::string value_text(int value) {
  return value == 0 ? std::string(kNoOpinionValue) : std::to_string(value);
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
  const SurveyTable table(data, disclosure);
  CsvWriter csv(out, dialect);
  for (const char* header : {"response_id", "pack_id", "pack_version", "status", "role", "item", "scale", "value", "comment"})
    csv.field(header);
  csv.end_row();
  for (ResponseIndex r : table.counted) {
    const SurveyResponse& response = data.responses[r];
    const ResponseRows& rows = table.rows[r];
    const std::string version = disclosure.pack_version(response);
    const std::string status = status_text(response);
    const auto begin_row = [&]() -> CsvWriter& {
      return csv.field(response.id).field(pack.id).field(version).field(status).field(disclosure.role(response));
    };
    std::unordered_map<NameId, const SurveyText*> comment_of;
    for (const SurveyText* comment : rows.comments) comment_of[comment->key] = comment;
    for (const SurveyRating* rating : rows.ratings) {
      begin_row().field(data.name(rating->item)).field(data.name(rating->scale)).field(value_text(rating->value));
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
  const SurveyTable table(data, disclosure);
  const std::vector<WideColumn> columns = wide_item_columns(data, pack);
  CsvWriter csv(out, dialect);
  for (const char* header : {"response_id", "pack_id", "pack_version", "status", "role", "language", "started_at", "ended_at"})
    csv.field(header);
  for (const auto& column : columns) csv.field(column.header);
  const int top_n = pack.settings.top_n_size;
  for (int rank = 1; rank <= top_n; ++rank) csv.field("top-" + std::to_string(rank));
  for (const auto& question : pack.open_questions) csv.field(question.id);
  csv.end_row();
  for (ResponseIndex r : table.counted) {
    const SurveyResponse& response = data.responses[r];
    const ResponseRows& rows = table.rows[r];
    csv.field(response.id).field(pack.id).field(disclosure.pack_version(response)).field(status_text(response));
    csv.field(disclosure.role(response)).field(response.language);
    csv.field(format_rfc3339(response.started_at)).field(format_rfc3339(response.ended_at));
    for (const auto& column : columns) {
      std::string cell;
      if (column.comment) {
        for (const SurveyText* comment : rows.comments) {
          if (comment->key == column.item) cell = comment->text;
        }
      } else {
        for (const SurveyRating* rating : rows.ratings) {
          if (rating->item == column.item && rating->scale == column.scale) cell = value_text(rating->value);
        }
      }
      csv.field(cell);
    }
    for (int rank = 1; rank <= top_n; ++rank) {
      std::string cell;
      for (const SurveyChoice* choice : rows.top_choices) {
        if (choice->rank == rank) cell = data.name(choice->item);
      }
      csv.field(cell);
    }
    for (const auto& question : pack.open_questions) {
      std::string cell;
      for (const SurveyText* answer : rows.open_answers) {
        if (data.name(answer->key) == question.id) cell = answer->text;
      }
      csv.field(cell);
    }
    csv.end_row();
  }
}

}  // namespace peiling::report
