#include "script_run.hpp"

#include <regex>
#include <sstream>

namespace peiling::test {

ProcessResult run_script(const std::string& dir, const std::string& script, std::vector<std::string> extra) {
  const std::string script_path = dir + "/test.script";
  write_file(script_path, script);
  std::vector<std::string> argv{PEILING_KIOSK_BIN, "--headless", "--virtual-time", "--script", script_path};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return run_process(argv, {.working_dir = dir});
}

std::string enter_pin(const std::string& pin) {
  std::string script;
  for (char digit : pin) script += std::string("tap \"pin.") + digit + "\"\n";
  return script + "tap \"pin.ok\"\n";
}

std::vector<PrintedRect> printed_rects(const std::string& output) {
  const std::regex line_pattern(
      R"re(^(measure|widget) "(.*)"(?: (\S+))? (-?\d+) (-?\d+) (-?\d+) (-?\d+)(?: of (-?\d+) (-?\d+) (-?\d+) (-?\d+))?( midword)?( spills)?( taller)?$)re");
  std::vector<PrintedRect> rects;
  std::istringstream lines(output);
  std::string line;
  std::smatch match;
  while (std::getline(lines, line)) {
    if (!std::regex_match(line, match, line_pattern)) continue;
    PrintedRect rect{
        match[1],           match[2], match[3], std::stof(match[4]), std::stof(match[5]), std::stof(match[6]),
        std::stof(match[7])};
    rect.whole = !match[8].matched;
    rect.broken_word = match[12].matched;
    rect.label_spills = match[13].matched;
    rect.taller_than_view = match[14].matched;
    rect.full_x0 = rect.whole ? rect.x0 : std::stof(match[8]);
    rect.full_y0 = rect.whole ? rect.y0 : std::stof(match[9]);
    rect.full_x1 = rect.whole ? rect.x1 : std::stof(match[10]);
    rect.full_y1 = rect.whole ? rect.y1 : std::stof(match[11]);
    rects.push_back(rect);
  }
  return rects;
}

std::vector<ViewCase> every_view(const std::string& tap) {
  const auto choose = [&](const std::string& id) { return tap + " \"" + id + "\"\n"; };
  std::vector<ViewCase> views;
  for (const auto& [orientation, size] :
       {std::pair{"landscape", "1280x800"}, std::pair{"portrait", "800x1280"}}) {
    const std::string prefix = std::string(orientation) + "_";
    views.push_back({prefix + "a", size, ""});
    views.push_back({prefix + "a_plus", size, choose("view.text.a_plus")});
    views.push_back({prefix + "a_plus_plus", size, choose("view.text.a_plus_plus")});
    views.push_back(
        {prefix + "high_contrast_a_plus", size, choose("view.contrast") + choose("view.text.a_plus")});
  }
  return views;
}

}  // namespace peiling::test
