#include "ui/script_parse.hpp"

#include <algorithm>
#include <charconv>

namespace peiling::ui {

namespace {

struct OpSpec {
  std::string_view name;
  ScriptOp op;
  std::size_t min_args;
  std::size_t max_args;
  std::size_t numeric_args;  // how many leading arguments must be integers
};

constexpr OpSpec kOps[] = {
    {"tap", ScriptOp::tap, 1, 1, 0},
    {"tap_at", ScriptOp::tap_at, 2, 2, 2},
    {"drag", ScriptOp::drag, 4, 5, 5},
    {"finger_tap", ScriptOp::finger_tap, 1, 1, 0},
    {"finger_drag", ScriptOp::finger_drag, 4, 5, 5},
    {"long_press", ScriptOp::long_press, 1, 1, 0},
    {"wheel", ScriptOp::wheel, 3, 3, 2},
    {"type", ScriptOp::type, 1, 1, 0},
    {"key", ScriptOp::key, 1, 1, 0},
    {"wait", ScriptOp::wait, 1, 1, 1},
    {"expect", ScriptOp::expect, 1, 1, 0},
    {"expect_not", ScriptOp::expect_not, 1, 1, 0},
    {"screenshot", ScriptOp::screenshot, 1, 1, 0},
    {"measure", ScriptOp::measure, 1, 1, 0},
    {"list_widgets", ScriptOp::list_widgets, 0, 0, 0},
    {"resize", ScriptOp::resize, 2, 2, 2},
    {"reach", ScriptOp::reach, 1, 1, 0},
};

const OpSpec* find_op(std::string_view name) {
  for (const auto& spec : kOps) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

// Splits a line into words; "quoted strings" keep spaces and take \" \\ \n escapes.
bool split_words(std::string_view line, std::vector<std::string>& words, std::string& why) {
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ' || line[i] == '\t' || line[i] == '\r') {
      ++i;
      continue;
    }
    std::string word;
    if (line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        const char c = line[i++];
        if (c == '"') {
          closed = true;
          break;
        }
        if (c == '\\' && i < line.size()) {
          const char escaped = line[i++];
          word += escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped;
        } else {
          word += c;
        }
      }
      if (!closed) {
        why = "unterminated string";
        return false;
      }
    } else {
      while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') word += line[i++];
    }
    words.push_back(std::move(word));
  }
  return true;
}

bool parse_int(const std::string& word, int& value) {
  const char* end = word.data() + word.size();
  auto [ptr, ec] = std::from_chars(word.data(), end, value);
  return ec == std::errc() && ptr == end;
}

bool parse_notches(const std::string& word) {
  int value = 0;
  return parse_int(word, value) && value != 0 && value >= -100 && value <= 100;
}

}  // namespace

Result<std::vector<ScriptCommand>> parse_script(std::string_view text, std::string_view origin) {
  std::vector<ScriptCommand> commands;
  Errors errors;
  int line_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;

    const std::string where = std::string(origin) + ":" + std::to_string(line_number) + ": ";
    std::vector<std::string> words;
    std::string why;
    if (!split_words(line, words, why)) {
      errors.lines.push_back(where + why);
      continue;
    }
    if (words.empty() || words[0].starts_with('#')) continue;

    const OpSpec* spec = find_op(words[0]);
    const std::string prefix = where + words[0] + ": ";
    if (!spec) {
      errors.lines.push_back(where + "unknown command '" + words[0] + "'");
      continue;
    }
    ScriptCommand command{spec->op, {words.begin() + 1, words.end()}, line_number};
    if (command.args.size() < spec->min_args || command.args.size() > spec->max_args) {
      errors.lines.push_back(
          prefix + "takes " + std::to_string(spec->min_args) +
          (spec->max_args > spec->min_args ? " to " + std::to_string(spec->max_args) : std::string()) +
          " arguments, got " + std::to_string(command.args.size()));
      continue;
    }
    bool numbers_ok = true;
    for (std::size_t i = 0; i < std::min(spec->numeric_args, command.args.size()); ++i) {
      int value = 0;
      if (!parse_int(command.args[i], value) || value < 0) {
        errors.lines.push_back(prefix + "'" + command.args[i] + "' is not a whole number of at least 0");
        numbers_ok = false;
      }
    }
    if (command.op == ScriptOp::wheel && !parse_notches(command.args[2])) {
      errors.lines.push_back(prefix + "'" + command.args[2] +
                             "' is not a number of notches from -100 to 100");
      numbers_ok = false;
    }
    if (numbers_ok) commands.push_back(std::move(command));
  }
  if (!errors.lines.empty()) return errors;
  return commands;
}

int int_argument(const ScriptCommand& command, std::size_t index, int fallback) {
  int value = fallback;
  if (index < command.args.size()) parse_int(command.args[index], value);
  return value;
}

}  // namespace peiling::ui
