#pragma once
// The console's stylesheet and script, the files console.css and console.js beside this header,
// built into peiling-hub (CMake writes them into console_assets.cpp), so serve needs no files.
#include <string_view>

namespace peiling::hub::console {

extern const std::string_view kConsoleCss;
extern const std::string_view kConsoleJs;

}  // namespace peiling::hub::console
