#pragma once
// The commands of `peiling --script FILE` (the language is described in ui/script.hpp) as text:
// parse_script() reads them without SDL or ImGui, so that the parser builds, and is fuzzed, on a
// machine without the screens (tests/fuzz).
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace peiling::ui {

enum class ScriptOp {
  tap,
  tap_at,
  drag,
  finger_tap,
  finger_drag,
  long_press,
  wheel,
  type,
  key,
  wait,
  expect,
  expect_not,
  screenshot,
  measure,
  list_widgets,
  resize,
  reach,
};

struct ScriptCommand {
  ScriptOp op;
  std::vector<std::string> args;
  int line = 0;
};

// Parses a whole script; errors read "ORIGIN:LINE: why", all of them.
Result<std::vector<ScriptCommand>> parse_script(std::string_view text, std::string_view origin);

// The argument at index as a whole number; fallback when it is absent (parse_script has checked
// the numeric arguments of every command it returns).
int int_argument(const ScriptCommand& command, std::size_t index, int fallback);

}  // namespace peiling::ui
