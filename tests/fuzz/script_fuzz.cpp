// The kiosk's --script parser. Every problem names the script and its line; what parses holds only
// commands with the arguments they take.
#include "fuzz/fuzz_support.hpp"
#include "ui/script_parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace peiling;
  const auto input = fuzz::as_text(data, size);
  auto script = ui::parse_script(input, "fuzz.script");
  if (!script) {
    for (const auto& line : script.errors().lines)
      fuzz::require(line.starts_with("fuzz.script:"), "a script error that does not name the script", input);
    return 0;
  }
  int last_line = 0;
  for (const auto& command : script.value()) {
    fuzz::require(command.line > last_line, "script commands out of line order", input);
    last_line = command.line;
    for (std::size_t i = 0; i < command.args.size(); ++i) (void)ui::int_argument(command, i, 0);
  }
  return 0;
}
