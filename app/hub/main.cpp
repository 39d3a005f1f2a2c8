// peiling-hub: the organisers' tool. It validates packs; later issues add import, status,
// reports and the server.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "core/pack.hpp"

namespace {

std::string counted(std::size_t count, const char* noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

int validate_packs(const std::vector<std::string>& files) {
  int failures = 0;
  for (const auto& file : files) {
    auto loaded = peiling::load_pack_file(file);
    if (!loaded) {
      for (const auto& line : loaded.errors().lines) std::printf("%s\n", line.c_str());
      ++failures;
      continue;
    }
    const peiling::Pack& pack = loaded->pack;
    std::string languages;
    for (const auto& language : pack.languages) languages += (languages.empty() ? "" : ",") + language;
    std::printf("%s: ok (%s, %s, languages %s)\n", file.c_str(), counted(pack.points.size(), "point").c_str(),
                counted(pack.vignette.scenes.size(), "scene").c_str(), languages.c_str());
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"peiling-hub: collect, merge and report Peiling responses", "peiling-hub"};
  cli.require_subcommand(1);
  cli.failure_message(CLI::FailureMessage::help);

  auto* pack = cli.add_subcommand("pack", "Work with content packs");
  pack->require_subcommand(1);
  std::vector<std::string> pack_files;
  auto* validate = pack->add_subcommand("validate", "Check pack files; prints 'FILE: ok' or the errors");
  validate->add_option("FILE", pack_files, "Pack files")->required();

  CLI11_PARSE(cli, argc, argv);
  if (validate->parsed()) return validate_packs(pack_files);
  return 0;
}
