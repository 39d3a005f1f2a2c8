#include "figures.hpp"

namespace peiling::bench {

Figure make_figure(std::string name, double value, std::string unit, std::string baseline_name, double baseline_value,
                   std::string target) {
  return Figure{std::move(name),          value, std::move(unit), std::move(baseline_name), baseline_value,
                baseline_value > 0 ? value / baseline_value : 0, std::move(target)};
}

}  // namespace peiling::bench
