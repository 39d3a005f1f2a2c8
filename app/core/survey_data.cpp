#include "core/survey_data.hpp"

namespace peiling {

NameId SurveyData::intern(std::string_view name) {
  auto [it, added] = name_ids_.try_emplace(std::string(name), static_cast<NameId>(names.size()));
  if (added) names.emplace_back(name);
  return it->second;
}

std::optional<NameId> SurveyData::find(std::string_view name) const {
  auto it = name_ids_.find(std::string(name));
  if (it == name_ids_.end()) return std::nullopt;
  return it->second;
}

}  // namespace peiling
