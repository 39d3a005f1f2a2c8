#include "core/response.hpp"

#include <algorithm>

namespace peiling {

std::string_view to_string(Mode mode) {
  return mode == Mode::tablet ? "tablet" : "kiosk";
}

std::string_view to_string(ResponseStatus status) {
  switch (status) {
    case ResponseStatus::in_progress:
      return "in_progress";
    case ResponseStatus::complete:
      return "complete";
    case ResponseStatus::abandoned:
      return "abandoned";
  }
  return "unknown";
}

UtcMillis time_spent(const Response& response, UtcMillis max_gap) {
  std::vector<UtcMillis> moments{response.started_at};
  for (const auto& answer : response.answers) moments.push_back(answer.answered_at);
  for (const auto& entry : response.comments) moments.push_back(entry.written_at);
  for (const auto& entry : response.open_answers) moments.push_back(entry.written_at);
  for (const auto& entry : response.choices) moments.push_back(entry.answered_at);
  if (response.ended_at) moments.push_back(*response.ended_at);
  std::sort(moments.begin(), moments.end());
  UtcMillis spent = 0;
  for (std::size_t i = 1; i < moments.size(); ++i) spent += std::min(moments[i] - moments[i - 1], max_gap);
  return spent;
}

}  // namespace peiling
