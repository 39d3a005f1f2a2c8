// Every screen × every event × every page index, over packs of several shapes in both modes:
// no transition from a position that holds the invariants of core/respondent_flow.hpp breaks one.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/pack_lifecycle.hpp"
#include "core/respondent_flow.hpp"

namespace peiling {
namespace {

const std::filesystem::path kPacks = std::filesystem::path(PEILING_ASSETS_DIR) / "packs";

constexpr Screen kScreens[] = {
    Screen::welcome,
    Screen::role,
    Screen::vignette,
    Screen::points,
    Screen::missed_opportunities,
    Screen::sections,
    Screen::top_choices,
    Screen::open_questions,
    Screen::review,
    Screen::thanks,
    Screen::overview,
    Screen::admin_pin,
    Screen::admin_panel,
};
constexpr FlowEvent kEvents[] = {
    FlowEvent::begin,
    FlowEvent::next,
    FlowEvent::back,
    FlowEvent::skip,
    FlowEvent::send,
    FlowEvent::thanks_done,
    FlowEvent::reset,
    FlowEvent::pause,
    FlowEvent::resume,
    FlowEvent::overview,
    FlowEvent::open,
    FlowEvent::change,
    FlowEvent::admin_requested,
    FlowEvent::admin_unlocked,
    FlowEvent::admin_closed,
};

struct NamedShape {
  std::string name;
  FlowShape shape;
};

Pack load(const std::string& file) {
  auto loaded = load_pack_file(kPacks / file);
  EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.errors().joined());
  return loaded.ok() ? loaded->pack : Pack{};
}

// The bundled packs as they come and with their optional parts taken out, each as a kiosk and a
// tablet would run it, and sections hidden in ways the bundled packs do not hide them.
std::vector<NamedShape> pack_shapes() {
  const Pack conference = load("conference-2009-11-13.json");
  const Pack follow_up = load("follow-up-2010-spring.json");
  std::vector<std::pair<std::string, Pack>> packs{{"conference", conference}, {"follow-up", follow_up}};
  const auto variant = [&](std::string name, auto change) {
    Pack pack = conference;
    change(pack);
    packs.emplace_back(std::move(name), std::move(pack));
  };
  variant("no roles", [](Pack& pack) { pack.roles.reset(); });
  variant("no scenes", [](Pack& pack) { pack.vignette.scenes.clear(); });
  variant("no missed opportunities", [](Pack& pack) { pack.missed_opportunities.reset(); });
  variant("no open questions", [](Pack& pack) { pack.open_questions.clear(); });
  variant("top 1", [](Pack& pack) { pack.settings.top_n_size = 1; });
  variant("one point", [](Pack& pack) { pack.points.resize(1); });
  variant("only points", [](Pack& pack) {
    pack.roles.reset();
    pack.vignette.scenes.clear();
    pack.missed_opportunities.reset();
    pack.open_questions.clear();
  });
  std::vector<NamedShape> shapes;
  for (const auto& [name, pack] : packs) {
    for (Mode mode : {Mode::kiosk, Mode::tablet}) {
      shapes.push_back({name + (mode == Mode::tablet ? ", tablet" : ", kiosk"),
                        flow_shape(pack, mode, points_per_response(pack, mode), {})});
    }
  }
  const auto sections = [&](std::string name, std::vector<bool> shown, bool tablet) {
    shapes.push_back({std::move(name), FlowShape{.has_roles = true,
                                                 .scenes = 1,
                                                 .points = 2,
                                                 .sections_shown = std::move(shown),
                                                 .tablet = tablet}});
  };
  sections("middle section hidden, tablet", {true, false, true}, true);
  sections("first section hidden, kiosk", {false, true}, false);
  sections("every section hidden, tablet", {false, false}, true);
  // The pack's life: closing (no new response; a tablet's draft goes on) and closed (neither).
  for (Mode mode : {Mode::kiosk, Mode::tablet}) {
    for (PackState state : {PackState::closing, PackState::closed}) {
      FlowShape shape = flow_shape(conference, mode, points_per_response(conference, mode), {});
      shape.takes_new = takes_new_responses(state);
      shape.takes_drafts = takes_drafts(state, mode);
      shapes.push_back(
          {"conference " + std::string(to_string(state)) + (mode == Mode::tablet ? ", tablet" : ", kiosk"),
           std::move(shape)});
    }
  }
  return shapes;
}

// The pages a sweep tries on a screen: one before the first, every one, and one past the last;
// each also as a card opened from review to change it (FlowPosition::changing).
std::vector<FlowPosition> every_position(const FlowShape& shape) {
  std::vector<FlowPosition> positions;
  for (Screen screen : kScreens) {
    for (int page = -1; page <= page_count(screen, shape); ++page) {
      positions.push_back({screen, page});
      positions.push_back({screen, page, true});
    }
  }
  return positions;
}

std::string first_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (std::size_t i = 0; i < lines.size() && i < 10; ++i) text += "  " + lines[i] + "\n";
  return text;
}

bool holds(FlowPosition position, const FlowShape& shape) {
  return check_invariants(position, shape).empty();
}

TEST(RespondentFlowSweep, NoTransitionBreaksAnInvariant) {
  for (const auto& [name, shape] : pack_shapes()) {
    SCOPED_TRACE(name);
    const std::vector<FlowPosition> positions = every_position(shape);
    std::vector<std::string> broken;
    int transitions = 0;
    for (FlowPosition from : positions) {
      if (!holds(from, shape)) continue;  // a position the flow is never in
      for (FlowEvent event : kEvents) {
        // Only open and change read their target; for them, every position is tried as one.
        const bool targeted = event == FlowEvent::open || event == FlowEvent::change;
        const std::vector<FlowPosition> targets = targeted ? positions : std::vector<FlowPosition>{{}};
        for (FlowPosition target : targets) {
          ++transitions;
          for (auto& line : check_invariants(from, event, target, shape)) broken.push_back(std::move(line));
        }
      }
    }
    EXPECT_GT(transitions, 0);
    EXPECT_TRUE(broken.empty()) << broken.size() << " broken, the first:\n" << first_lines(broken);
  }
}

// The positions that hold the invariants are exactly those the flow reaches from Welcome: the
// checker rules out no page a respondent can see, and no page is out of the respondent's reach. On
// a closing pack the pages are reached by the response begun before it closed: from the first page.
TEST(RespondentFlowSweep, ThePositionsThatHoldTheInvariantsAreThoseReachedFromWelcome) {
  for (const auto& [name, shape] : pack_shapes()) {
    SCOPED_TRACE(name);
    const std::vector<FlowPosition> positions = every_position(shape);
    std::vector<FlowPosition> reached{FlowPosition{}};
    if (!shape.takes_new) {
      FlowShape open = shape;
      open.takes_new = true;
      reached.push_back(transition({}, FlowEvent::begin, open).to);
    }
    for (std::size_t i = 0; i < reached.size(); ++i) {
      for (FlowEvent event : kEvents) {
        for (FlowPosition target : positions) {
          const FlowPosition to = transition(reached[i], event, shape, target).to;
          if (std::find(reached.begin(), reached.end(), to) == reached.end()) reached.push_back(to);
        }
      }
    }
    for (FlowPosition position : positions) {
      const bool is_reached = std::find(reached.begin(), reached.end(), position) != reached.end();
      EXPECT_EQ(is_reached, holds(position, shape))
          << screen_name(position.screen) << "[" << position.page << "]";
    }
  }
}

}  // namespace
}  // namespace peiling
