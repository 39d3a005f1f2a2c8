#include "core/survey_data.hpp"

namespace peiling {

NameId SurveyData::intern(std::string_view name) {
  if (auto it = name_ids_.find(name); it != name_ids_.end()) return it->second;
  const auto id = static_cast<NameId>(names.size());
  names.emplace_back(name);
  name_ids_.emplace(std::string(name), id);
  return id;
}

std::optional<NameId> SurveyData::find(std::string_view name) const {
  auto it = name_ids_.find(name);
  if (it == name_ids_.end()) return std::nullopt;
  return it->second;
}

}  // namespace peiling
