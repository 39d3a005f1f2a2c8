#pragma once
// Where the app finds its assets and keeps its data.
#include <filesystem>

namespace platform {

// The assets folder (packs, i18n, schemas): $PEILING_ASSETS_DIR, else <exe>/../share/peiling,
// else the source tree the binary was built from.
std::filesystem::path assets_dir();

// The TrueType font every screen uses (DejaVu Sans from fonts-dejavu-core).
std::filesystem::path font_file();

// The per-user data folder, SDL_GetPrefPath("peiling", "peiling"); empty if SDL cannot tell.
std::filesystem::path default_data_dir();

}  // namespace platform
