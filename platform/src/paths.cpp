#include "platform/paths.hpp"

#include <SDL.h>

#include <cstdlib>

namespace platform {

namespace {

std::filesystem::path executable_dir() {
  char* base = SDL_GetBasePath();
  if (!base) return {};
  std::filesystem::path dir(base);
  SDL_free(base);
  return dir;
}

}  // namespace

std::filesystem::path assets_dir() {
  if (const char* env = std::getenv("PEILING_ASSETS_DIR"); env && *env) return env;
  const auto installed = executable_dir() / ".." / "share" / "peiling";
  std::error_code ec;
  if (std::filesystem::is_directory(installed / "packs", ec)) return installed;
  return PEILING_ASSETS_DIR;
}

std::filesystem::path font_file() {
  return PEILING_FONT_FILE;
}

std::filesystem::path default_data_dir() {
  char* pref = SDL_GetPrefPath("peiling", "peiling");
  if (!pref) return {};
  std::filesystem::path dir(pref);
  SDL_free(pref);
  return dir;
}

}  // namespace platform
