#pragma once
// The response model: what one respondent gave, as the device stores it, a batch carries it and
// the hub merges it. Plain values with no storage behind them, so the device store, the wire
// formats, the hub and the reports all speak of the same things.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/utc_time.hpp"

namespace peiling {

// How a survey runs: a kiosk resets after each respondent, a tablet keeps drafts to resume.
enum class Mode { kiosk, tablet };
enum class ResponseStatus { in_progress, complete, abandoned };

std::string_view to_string(Mode mode);
std::string_view to_string(ResponseStatus status);

// A rating on one of the pack's scales, or an explicit skip ("no opinion").
class Rating {
 public:
  static Rating of(int value) { return Rating(value); }
  static Rating skip() { return Rating(std::nullopt); }
  bool is_skip() const { return !value_; }
  int value() const { return value_.value_or(0); }  // 0 for a skip
  bool operator==(const Rating&) const = default;

 private:
  explicit Rating(std::optional<int> value) : value_(value) {}
  std::optional<int> value_;
};

struct PackRef {
  std::string id;
  int version = 0;
  bool operator==(const PackRef&) const = default;
};

struct Answer {
  std::string item_id;
  std::string scale_id;
  Rating rating = Rating::skip();
  int revision = 0;  // 1 when first given, +1 each time it is changed
  UtcMillis answered_at = 0;
};

struct TextEntry {
  std::string key;   // the item id (comments) or the question id (open answers)
  std::string text;  // byte-identical to what was given
  int revision = 0;
  UtcMillis written_at = 0;
};

// The options chosen in one choice question (pack format 1.1), by option id.
struct ChoiceEntry {
  std::string question_id;
  std::vector<std::string> options;
  UtcMillis answered_at = 0;
};

// A contact opt-in: an address and the pack it came with, nothing more (no response, no time).
struct Contact {
  std::string pack_id;
  std::string email;
  bool operator==(const Contact&) const = default;
};

struct Response {
  std::string id;
  PackRef pack;
  std::string language;
  std::optional<std::string> role;
  Mode mode = Mode::kiosk;
  ResponseStatus status = ResponseStatus::in_progress;
  UtcMillis started_at = 0;
  std::optional<UtcMillis> ended_at;
  std::vector<std::string> points_shown;
  std::vector<std::string> missed_shown;  // the missed opportunities whose page it reached, in order
  std::vector<std::string> top_choices;   // in rank order
  std::vector<Answer> answers;            // by item, then scale
  std::vector<TextEntry> comments;        // by item
  std::vector<TextEntry> open_answers;    // by question
  std::vector<ChoiceEntry> choices;       // by question
  // The latest moment anything in it was written (started_at when nothing was).
  UtcMillis last_active_at = 0;
  // Begun while the device showed its pack as a rehearsal (core/pack_lifecycle.hpp): never counted.
  bool rehearsal = false;
};

// The time a respondent spent on a response that may have been answered in several sittings:
// the gaps between its answers, each counted up to max_gap (a closed app does not count).
UtcMillis time_spent(const Response& response, UtcMillis max_gap);

}  // namespace peiling
