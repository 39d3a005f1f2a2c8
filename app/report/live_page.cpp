#include "report/live_page.hpp"

#include "report/live_room.hpp"
#include "report/report_html.hpp"

namespace peiling::report {

store::StoreResult<std::string> live_page(hub::HubStore& hub, const Pack& pack, std::string_view language,
                                          UtcMillis now) {
  auto data = hub.survey_data(pack.id);
  if (!data) return data.error();
  const Aggregate aggregate = peiling::aggregate(data.value(), pack, {pack.settings.min_group_size, false});
  auto queue = hub.moderation_queue(pack.id);
  if (!queue) return queue.error();
  const std::string_view page_language = language == "nl" ? "nl" : "en";
  return live_html(aggregate, pack, page_language,
                   room_panel(queue.value(), aggregate, pack, page_language, now ? now : utc_now()));
}

}  // namespace peiling::report
