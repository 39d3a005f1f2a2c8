#pragma once
// Dear ImGui (1.86) on SDL: the context, the font atlas, input, and drawing through the
// SDL_Renderer backend.
//
// Input is translated here from SDL events rather than by ImGui_ImplSDL2 from libimgui.a,
// because that backend polls SDL_GetMouseState() each frame: synthesized events (the --script
// driver) and touch would not reach it. Reading only events keeps a script run deterministic.
#include <SDL_events.h>
#include <imgui.h>

#include <array>
#include <string>
#include <vector>

#include "platform/display.hpp"

namespace platform {

struct FontSpec {
  std::string path;             // a TrueType file
  std::vector<float> pixel_sizes;  // one ImFont per size, in this order
};

// Adds one font per size with the glyphs the app needs: Latin-1, Latin Extended-A, typographic
// punctuation, the euro sign, and the replacement box. Shared with the benchmark floor so both
// build the same atlas. Returns false when the file cannot be read.
bool add_fonts(ImFontAtlas& atlas, const FontSpec& spec, std::vector<ImFont*>& fonts);

// The code points every font carries, as ImGui's zero-terminated list of inclusive ranges.
const ImWchar* app_glyph_ranges();

class ImGuiRuntime {
 public:
  ImGuiRuntime() = default;
  ImGuiRuntime(const ImGuiRuntime&) = delete;
  ImGuiRuntime& operator=(const ImGuiRuntime&) = delete;
  ~ImGuiRuntime();

  bool init(Display& display, const FontSpec& fonts, std::string& error);
  const std::vector<ImFont*>& fonts() const { return fonts_; }

  // Feeds one event to ImGui. Returns true when the event may change what is drawn.
  bool process_event(const SDL_Event& event);
  void begin_frame(float delta_seconds);
  // Finishes the frame and, when draw_pixels, draws it on the display's renderer (not yet
  // presented). Without pixels ImGui still completes the frame's logic.
  void render(bool draw_pixels);

 private:
  static const char* clipboard_text(void* user_data);

  Display* display_ = nullptr;
  char* clipboard_ = nullptr;
  ImGuiContext* context_ = nullptr;
  std::vector<ImFont*> fonts_;
  // A press that is released within one frame must still be seen for a frame.
  std::array<bool, 3> pressed_since_last_frame_{};
  std::array<bool, 3> held_{};
};

}  // namespace platform
