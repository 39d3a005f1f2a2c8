#pragma once
// SurveyData made by hand, row by row, for tests of the aggregation and the reports.
#include <optional>
#include <string>
#include <string_view>

#include "core/survey_data.hpp"

namespace peiling::test {

struct SurveyBuilder {
  SurveyData data;

  // A response "rN" of device-0 or device-1, started at 1000 + N.
  ResponseIndex add(std::optional<std::string> role, bool complete = true, int version = 3) {
    const auto index = static_cast<ResponseIndex>(data.responses.size());
    data.responses.push_back({"r" + std::to_string(index), "device-" + std::to_string(index % 2), version,
                              std::move(role), "nl", complete, 1000 + index, 2000 + index});
    return index;
  }
  // value kNoOpinion is "no opinion"
  void rate(ResponseIndex response, std::string_view item, std::string_view scale, int value) {
    data.ratings.push_back({response, data.intern(item), data.intern(scale), value});
  }
  void show(ResponseIndex response, std::string_view item) {
    data.shown.push_back({response, data.intern(item)});
  }
  void choose(ResponseIndex response, std::string_view item, int rank) {
    data.top_choices.push_back({response, data.intern(item), rank});
  }
  void comment(ResponseIndex response, std::string_view item, std::string text) {
    data.comments.push_back({response, data.intern(item), std::move(text)});
  }
  void answer(ResponseIndex response, std::string_view question, std::string text) {
    data.open_answers.push_back({response, data.intern(question), std::move(text)});
  }
};

}  // namespace peiling::test
