#pragma once
// Dear ImGui (1.86) on SDL: the context, the font atlas, input, and drawing through the
// SDL_Renderer backend.
//
// Input is translated here from SDL events rather than by ImGui_ImplSDL2 from libimgui.a,
// because that backend polls SDL_GetMouseState() each frame: synthesized events (the --script
// driver) and touch would not reach it. Reading only events keeps a script run deterministic.
// Mouse and finger arrive as one pointer (see pointer.hpp); after a finger lifts, the pointer
// leaves the screen so that nothing stays hovered on a touch screen (imgui #1470).
#include <SDL_events.h>
#include <SDL_render.h>
#include <imgui.h>

#include <bitset>
#include <string>
#include <vector>

#include "platform/display.hpp"
#include "platform/pointer.hpp"

namespace platform {

struct FontSpec {
  std::string path;                // a TrueType file
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

  // Feeds one event other than pointer events to ImGui (keys, text, wheel, window). Returns
  // true when the event may change what is drawn.
  bool process_event(const SDL_Event& event);
  // Feeds the pointer to ImGui.
  void process_pointer(const PointerEvent& pointer);
  // Moves ImGui's pointer off-screen: it is over something ImGui does not own.
  void hide_pointer();
  void begin_frame(float delta_seconds);
  // Finishes the frame and, when draw_pixels, draws it on the display's renderer (not yet
  // presented). Without pixels ImGui still completes the frame's logic.
  void render(bool draw_pixels);

 private:
  static const char* clipboard_text(void* user_data);
  bool create_font_texture();

  Display* display_ = nullptr;
  char* clipboard_ = nullptr;
  ImGuiContext* context_ = nullptr;
  std::vector<ImFont*> fonts_;
  SDL_Texture* font_texture_ = nullptr;  // the atlas's, drawn by the backend through its TexID
  // A press that is released within one frame must still be seen for a frame: a quick tap, or a
  // key the on-screen keyboard presses and releases in one go.
  bool pressed_since_last_frame_ = false;
  bool held_ = false;
  std::bitset<512> keys_pressed_since_last_frame_;  // by scancode, like ImGuiIO::KeysDown
  std::bitset<512> keys_held_;
  // After a finger lifts: one frame delivers the release where the finger was, the next one
  // starts with the pointer parked off-screen.
  enum class Lift { none, delivering_release, park };
  Lift lift_ = Lift::none;
};

}  // namespace platform
