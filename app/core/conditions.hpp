#pragma once
// Which sections and choice questions of a pack are shown, given the options chosen so far
// (show_if, pack format 1.1). A condition refers only to an earlier question (parse_pack() checks
// that), so one pass in pack order settles everything, hidden questions hiding their dependants.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/pack.hpp"

namespace peiling {

// Question id: the option ids chosen in it.
using ChosenOptions = std::map<std::string, std::vector<std::string>, std::less<>>;

struct Visibility {
  std::vector<bool> sections;                // by section index
  std::vector<std::string> shown_questions;  // in pack order
  std::vector<std::string> hidden_questions;

  bool shown(std::string_view question_id) const;
};

Visibility visibility(const Pack& pack, const ChosenOptions& chosen);

}  // namespace peiling
