#pragma once
// The console's stylesheet, script and icon, the files console.css, console.js and console-icon.svg beside
// this header, built into peiling-hub (CMake writes them into console_assets.cpp), so serve needs no files.
#include <string_view>

namespace peiling::hub::console {

extern const std::string_view kConsoleCss;
extern const std::string_view kConsoleJs;
extern const std::string_view kConsoleIcon;

}  // namespace peiling::hub::console
