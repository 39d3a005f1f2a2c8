#pragma once
// Responses in the shape the aggregation and the exports read them: flat, compact rows that the
// hub store and the device store fill with a few bulk queries (store/sqlite/survey_rows.hpp). Item, scale
// and question ids are interned, so 100,000 responses of 12 answers stay small and fast to count.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/utc_time.hpp"

namespace peiling {

using NameId = std::uint32_t;         // an index into SurveyData::names
using ResponseIndex = std::uint32_t;  // an index into SurveyData::responses

struct SurveyResponse {
  std::string id;         // the response UUID: exports of single answers only, never in an aggregate
  std::string device_id;  // empty on the kiosk, which holds only its own
  int pack_version = 0;
  std::optional<std::string> role;
  std::string language;
  bool complete = true;  // false: abandoned
  UtcMillis started_at = 0;
  UtcMillis ended_at = 0;
  bool late = false;  // reached the hub while its pack was closed (core/pack_lifecycle.hpp)
};

struct SurveyShown {
  ResponseIndex response = 0;
  NameId item = 0;
};

// The value of a "no opinion" (an explicit skip). Not 0: a scale may run from -100 to 100, so 0
// and negative values are ratings like any other.
inline constexpr int kNoOpinion = std::numeric_limits<int>::min();

// A rating of an item on a scale, or kNoOpinion.
struct SurveyRating {
  ResponseIndex response = 0;
  NameId item = 0;
  NameId scale = 0;
  int value = kNoOpinion;
  bool no_opinion() const { return value == kNoOpinion; }
};

struct SurveyChoice {
  ResponseIndex response = 0;
  NameId item = 0;
  int rank = 1;  // 1 is the respondent's first choice
};

// A comment on an item, or an answer to an open question (key is then the question id).
struct SurveyText {
  ResponseIndex response = 0;
  NameId key = 0;
  std::string text;
};

struct SurveyData {
  std::vector<std::string> names;
  std::vector<SurveyResponse> responses;  // by response id
  std::vector<SurveyShown> shown;
  std::vector<SurveyRating> ratings;
  std::vector<SurveyChoice> top_choices;
  std::vector<SurveyText> comments;
  std::vector<SurveyText> open_answers;

  // The id of name, added on first use.
  NameId intern(std::string_view name);
  // The id of name, or nullopt when no row mentions it.
  std::optional<NameId> find(std::string_view name) const;
  const std::string& name(NameId id) const { return names[id]; }

 private:
  // Looked up by string_view, so interning a name already known allocates nothing.
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view name) const { return std::hash<std::string_view>{}(name); }
  };
  std::unordered_map<std::string, NameId, NameHash, std::equal_to<>> name_ids_;
};

}  // namespace peiling
