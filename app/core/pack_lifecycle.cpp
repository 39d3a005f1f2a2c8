#include "core/pack_lifecycle.hpp"

namespace peiling {

std::string_view to_string(PackState state) {
  switch (state) {
    case PackState::closing:
      return "closing";
    case PackState::closed:
      return "closed";
    case PackState::open:
      break;
  }
  return "open";
}

std::optional<PackState> pack_state_named(std::string_view name) {
  if (name == "open") return PackState::open;
  if (name == "closing") return PackState::closing;
  if (name == "closed") return PackState::closed;
  return std::nullopt;
}

PackState effective_state(const PackLifecycle& lifecycle, UtcMillis now) {
  if (lifecycle.closes_at && *lifecycle.closes_at <= now) return PackState::closed;
  return lifecycle.state;
}

bool takes_new_responses(PackState state) {
  return state == PackState::open;
}

bool takes_drafts(PackState state, Mode mode) {
  return mode == Mode::tablet && state != PackState::closed;
}

}  // namespace peiling
