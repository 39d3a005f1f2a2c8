#include "report/live_page.hpp"

#include "report/report_html.hpp"

namespace peiling::report {

store::StoreResult<std::string> live_page(hub::HubStore& hub, const Pack& pack, std::string_view language) {
  auto data = hub.survey_data(pack.id);
  if (!data) return data.error();
  const Aggregate aggregate = peiling::aggregate(data.value(), pack, {pack.settings.min_group_size, false});
  return live_html(aggregate, pack, language == "nl" ? "nl" : "en");
}

}  // namespace peiling::report
