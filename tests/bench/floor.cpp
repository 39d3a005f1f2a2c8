// The benchmark floor: the smallest ImGui + SDL program that builds the kiosk's font atlas.
//   --first-frame  headless (dummy driver, software renderer): draw one window, present, say
//                  "first frame presented" on stdout, exit
//   --stock-loop   a real window with ImGui's stock SDL example loop: poll, then render every frame
#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>

#include <cstdio>
#include <cstring>

#include "platform/imgui_runtime.hpp"
#include "platform/paths.hpp"
#include "ui/view_settings.hpp"

namespace {

constexpr int kWidth = 1280;
constexpr int kHeight = 800;

void draw_one_window() {
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(kWidth, kHeight));
  ImGui::Begin("floor", nullptr, ImGuiWindowFlags_NoDecoration);
  ImGui::TextUnformatted("Werkconferentie ‘De complexe werkelijkheid’");
  ImGui::End();
  ImGui::Render();
}

bool build_atlas() {
  std::vector<ImFont*> fonts;
  const platform::FontSpec spec{platform::font_file().string(), peiling::ui::font_ladder_pixels(1.0f)};
  return platform::add_fonts(*ImGui::GetIO().Fonts, spec, fonts);
}

int first_frame() {
  SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
  if (SDL_Init(SDL_INIT_VIDEO) != 0) return 1;
  SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, kWidth, kHeight, 32, SDL_PIXELFORMAT_ARGB8888);
  SDL_Renderer* renderer = SDL_CreateSoftwareRenderer(surface);
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  if (!build_atlas()) return 1;
  ImGui_ImplSDLRenderer_Init(renderer);
  ImGui_ImplSDLRenderer_NewFrame();
  ImGui::GetIO().DisplaySize = ImVec2(kWidth, kHeight);
  ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
  draw_one_window();
  SDL_RenderClear(renderer);
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
  SDL_RenderPresent(renderer);
  std::puts("first frame presented");  // as the kiosk's --quit-after-first-frame says it
  std::fflush(stdout);
  ImGui_ImplSDLRenderer_Shutdown();
  ImGui::DestroyContext();
  SDL_DestroyRenderer(renderer);
  SDL_FreeSurface(surface);
  SDL_Quit();
  return 0;
}

// As in imgui/examples/example_sdl_sdlrenderer/main.cpp.
int stock_loop() {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) return 1;
  SDL_Window* window = SDL_CreateWindow("floor", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, kWidth,
                                        kHeight, SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  SDL_Renderer* renderer =
      SDL_CreateRenderer(window, -1, SDL_RENDERER_PRESENTVSYNC | SDL_RENDERER_ACCELERATED);
  if (!renderer) renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
  if (!window || !renderer) return 1;
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  if (!build_atlas()) return 1;
  ImGui_ImplSDL2_InitForSDLRenderer(window);
  ImGui_ImplSDLRenderer_Init(renderer);
  bool done = false;
  while (!done) {
    SDL_Event event;
    while (SDL_PollEvent(&event)) {
      ImGui_ImplSDL2_ProcessEvent(&event);
      if (event.type == SDL_QUIT) done = true;
    }
    ImGui_ImplSDLRenderer_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    draw_one_window();
    SDL_SetRenderDrawColor(renderer, 250, 248, 245, 255);
    SDL_RenderClear(renderer);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    SDL_RenderPresent(renderer);
  }
  ImGui_ImplSDLRenderer_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_DestroyRenderer(renderer);
  SDL_DestroyWindow(window);
  SDL_Quit();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], "--first-frame") == 0) return first_frame();
  if (argc == 2 && std::strcmp(argv[1], "--stock-loop") == 0) return stock_loop();
  std::fprintf(stderr, "usage: peiling-bench-floor --first-frame | --stock-loop\n");
  return 2;
}
