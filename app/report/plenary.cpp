#include "report/plenary.hpp"

#include "report/live_page.hpp"

namespace peiling::report {

std::optional<PlenarySwitch> plenary_switch_named(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kPlenarySwitchNames); ++i)
    if (kPlenarySwitchNames[i] == name) return static_cast<PlenarySwitch>(i);
  return std::nullopt;
}

std::string_view to_string(PlenarySwitch what) {
  return kPlenarySwitchNames[static_cast<std::size_t>(what)];
}

Result<hub::LiveState> switch_plenary(hub::HubStore& hub, const Pack& pack, PlenarySwitch what,
                                      const std::string& organiser, const std::string& client) {
  auto now = hub.plenary(pack.id);
  if (!now) return Result<hub::LiveState>::failure(now.error().message);
  hub::LiveState next = hub::LiveState::shown;
  std::vector<std::pair<std::string, std::string>> pages;
  switch (what) {
    case PlenarySwitch::show:
      next = hub::LiveState::shown;
      break;
    case PlenarySwitch::hide:
      next = hub::LiveState::hidden;
      break;
    case PlenarySwitch::unfreeze:
      if (now->state != hub::LiveState::frozen) {
        return Result<hub::LiveState>::failure("The live page of " + pack.id + " is not frozen (it is " +
                                               std::string(hub::to_string(now->state)) +
                                               "), so there is nothing to unfreeze.");
      }
      next = hub::LiveState::shown;
      break;
    case PlenarySwitch::freeze:
      next = hub::LiveState::frozen;
      for (const std::string language : {"nl", "en"}) {
        auto page = live_page(hub, pack, language);
        if (!page) return Result<hub::LiveState>::failure(page.error().message);
        pages.emplace_back(language, std::move(page.value()));
      }
      break;
  }
  const std::string detail =
      pack.id + ": " + std::string(hub::to_string(now->state)) + " -> " + std::string(hub::to_string(next));
  if (auto set = hub.set_plenary(pack.id, next, pages,
                                 {0, organiser, "plenary-" + std::string(to_string(what)), detail, client});
      !set)
    return Result<hub::LiveState>::failure(set.error().message);
  return next;
}

std::string_view results_follow_soon(std::string_view language) {
  return language == "nl" ? "Resultaten volgen zo" : "Results follow soon";
}

std::string results_follow_soon_detail(const Pack& pack, std::string_view language) {
  std::string title(pack.title.in(language));
  if (title.empty()) title = pack.title.in(pack.languages.front());
  return language == "nl" ? "De resultaten van \xe2\x80\x9c" + title +
                                "\xe2\x80\x9d verschijnen hier zodra de voorzitter ze laat zien."
                          : "The results of \xe2\x80\x9c" + title +
                                "\xe2\x80\x9d appear here once the chair reveals them.";
}

}  // namespace peiling::report
