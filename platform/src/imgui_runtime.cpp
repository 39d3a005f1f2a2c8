#include "platform/imgui_runtime.hpp"

#include <SDL.h>
#include <imgui_impl_sdlrenderer.h>

#include <cfloat>

namespace platform {

namespace {

// Inclusive ranges, zero-terminated; ImGui keeps the pointer until the atlas is built.
constexpr ImWchar kGlyphRanges[] = {
    0x0020, 0x00FF,  // Basic Latin and Latin-1: é ë ï ó ö ü ç ñ
    0x0100, 0x017F,  // Latin Extended-A
    0x2010, 0x2027,  // dashes, typographic quotes, bullet, ellipsis
    0x2030, 0x203A,  // per mille, guillemets
    0x20AC, 0x20AC,  // euro
    0x2190, 0x2193,  // arrows for navigation buttons
    0x21B5, 0x21B5,  // downwards arrow with corner leftwards: the keyboard's enter
    0x21E7, 0x21E7,  // upwards white arrow: the keyboard's shift
    0x2328, 0x2328,  // keyboard: the key that hides the on-screen keyboard
    0x232B, 0x232B,  // erase to the left: the keyboard's backspace
    0x2713, 0x2713,  // tick: an answer is saved
    0x25A1, 0x25A1,  // white square: drawn for glyphs the font lacks
    0x25B8, 0x25B8,  // small right-pointing triangle: a closed theme of the top three
    0x25BE, 0x25BE,  // small down-pointing triangle: hide the keyboard
    0x25D0, 0x25D0,  // circle with left half black: the contrast switch
    0xFFFD, 0xFFFD,  // replacement character
    0,
};

static_assert(sizeof(ImGuiIO::KeysDown) / sizeof(bool) == 512, "keys_held_ mirrors ImGuiIO::KeysDown");

void set_clipboard(void*, const char* text) {
  SDL_SetClipboardText(text);
}

void map_keys(ImGuiIO& io) {
  io.KeyMap[ImGuiKey_Tab] = SDL_SCANCODE_TAB;
  io.KeyMap[ImGuiKey_LeftArrow] = SDL_SCANCODE_LEFT;
  io.KeyMap[ImGuiKey_RightArrow] = SDL_SCANCODE_RIGHT;
  io.KeyMap[ImGuiKey_UpArrow] = SDL_SCANCODE_UP;
  io.KeyMap[ImGuiKey_DownArrow] = SDL_SCANCODE_DOWN;
  io.KeyMap[ImGuiKey_PageUp] = SDL_SCANCODE_PAGEUP;
  io.KeyMap[ImGuiKey_PageDown] = SDL_SCANCODE_PAGEDOWN;
  io.KeyMap[ImGuiKey_Home] = SDL_SCANCODE_HOME;
  io.KeyMap[ImGuiKey_End] = SDL_SCANCODE_END;
  io.KeyMap[ImGuiKey_Insert] = SDL_SCANCODE_INSERT;
  io.KeyMap[ImGuiKey_Delete] = SDL_SCANCODE_DELETE;
  io.KeyMap[ImGuiKey_Backspace] = SDL_SCANCODE_BACKSPACE;
  io.KeyMap[ImGuiKey_Space] = SDL_SCANCODE_SPACE;
  io.KeyMap[ImGuiKey_Enter] = SDL_SCANCODE_RETURN;
  io.KeyMap[ImGuiKey_Escape] = SDL_SCANCODE_ESCAPE;
  io.KeyMap[ImGuiKey_KeyPadEnter] = SDL_SCANCODE_KP_ENTER;
  io.KeyMap[ImGuiKey_A] = SDL_SCANCODE_A;
  io.KeyMap[ImGuiKey_C] = SDL_SCANCODE_C;
  io.KeyMap[ImGuiKey_V] = SDL_SCANCODE_V;
  io.KeyMap[ImGuiKey_X] = SDL_SCANCODE_X;
  io.KeyMap[ImGuiKey_Y] = SDL_SCANCODE_Y;
  io.KeyMap[ImGuiKey_Z] = SDL_SCANCODE_Z;
}

}  // namespace

const ImWchar* app_glyph_ranges() {
  return kGlyphRanges;
}

bool add_fonts(ImFontAtlas& atlas, const FontSpec& spec, std::vector<ImFont*>& fonts) {
  fonts.clear();
  // The SDL renderer takes any texture height; a power of two would only add empty rows to
  // convert and upload at start-up.
  atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
  for (float size : spec.pixel_sizes) {
    ImFontConfig config;
    // Horizontal oversampling sharpens small text placed between pixels; from about 30 px on it
    // makes no visible difference and only costs start-up time and atlas space.
    constexpr float kOversampleBelowPixels = 30.0f;
    config.OversampleH = size < kOversampleBelowPixels ? 2 : 1;
    // Without oversampling, glyphs between pixels come out blurred; snap them to whole pixels.
    config.PixelSnapH = config.OversampleH == 1;
    ImFont* font = atlas.AddFontFromFileTTF(spec.path.c_str(), size, &config, kGlyphRanges);
    if (!font) return false;
    font->FallbackChar = 0x25A1;  // a visible box, never nothing
    fonts.push_back(font);
  }
  return atlas.Build();
}

// ImGui copies the text before asking again; SDL's copy is freed on the next call.
const char* ImGuiRuntime::clipboard_text(void* user_data) {
  auto* self = static_cast<ImGuiRuntime*>(user_data);
  SDL_free(self->clipboard_);
  self->clipboard_ = SDL_GetClipboardText();
  return self->clipboard_;
}

ImGuiRuntime::~ImGuiRuntime() {
  SDL_free(clipboard_);
  if (font_texture_) SDL_DestroyTexture(font_texture_);
  if (!context_) return;
  ImGui_ImplSDLRenderer_Shutdown();
  ImGui::DestroyContext(context_);
}

// The atlas's texture, written straight from its 8-bit coverage into the texture's own pixels.
// The backend would first convert the atlas into a 32-bit copy of it, then copy that into the
// texture, and keep the copy: for this atlas 4 MiB written twice and a thousand page faults
// more, on the way to the first frame. The texels are the ones the backend makes (white, with
// the coverage as alpha), so the drawing is the same.
bool ImGuiRuntime::create_font_texture() {
  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  unsigned char* coverage = nullptr;
  int width = 0;
  int height = 0;
  atlas.GetTexDataAsAlpha8(&coverage, &width, &height);
  font_texture_ = SDL_CreateTexture(display_->renderer(), SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STREAMING,
                                    width, height);
  void* texels = nullptr;
  int pitch = 0;
  if (!font_texture_ || SDL_LockTexture(font_texture_, nullptr, &texels, &pitch) != 0) return false;
  for (int y = 0; y < height; ++y) {
    auto* row = reinterpret_cast<ImU32*>(static_cast<unsigned char*>(texels) +
                                         static_cast<std::ptrdiff_t>(y) * pitch);
    const unsigned char* from = coverage + static_cast<std::ptrdiff_t>(y) * width;
    for (int x = 0; x < width; ++x) row[x] = IM_COL32(255, 255, 255, from[x]);
  }
  SDL_UnlockTexture(font_texture_);
  SDL_SetTextureBlendMode(font_texture_, SDL_BLENDMODE_BLEND);
  atlas.SetTexID(font_texture_);
  atlas.ClearTexData();  // the texture has the pixels now
  return true;
}

bool ImGuiRuntime::init(Display& display, const FontSpec& fonts, std::string& error) {
  display_ = &display;
  IMGUI_CHECKVERSION();
  context_ = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // a kiosk keeps no window layout between respondents
  io.LogFilename = nullptr;
  io.BackendPlatformName = "peiling_sdl2_events";
  io.ClipboardUserData = this;
  io.GetClipboardTextFn = clipboard_text;
  io.SetClipboardTextFn = set_clipboard;
  map_keys(io);
  if (!add_fonts(*io.Fonts, fonts, fonts_)) {
    error = "cannot load the font " + fonts.path;
    return false;
  }
  if (!ImGui_ImplSDLRenderer_Init(display.renderer())) {
    error = "cannot initialise the ImGui renderer backend";
    return false;
  }
  if (!create_font_texture()) {
    error = std::string("cannot create the font texture: ") + SDL_GetError();
    return false;
  }
  return true;
}

void ImGuiRuntime::process_pointer(const PointerEvent& pointer) {
  ImGui::GetIO().MousePos = pointer.position;
  if (pointer.action == PointerAction::press) {
    held_ = true;
    pressed_since_last_frame_ = true;
    lift_ = Lift::none;
  } else if (pointer.action == PointerAction::release) {
    held_ = false;
    if (pointer.source == PointerSource::touch) lift_ = Lift::delivering_release;
  }
}

void ImGuiRuntime::hide_pointer() {
  ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
}

bool ImGuiRuntime::process_event(const SDL_Event& event) {
  ImGuiIO& io = ImGui::GetIO();
  switch (event.type) {
    case SDL_MOUSEWHEEL:
      io.MouseWheel += static_cast<float>(event.wheel.y);
      io.MouseWheelH += static_cast<float>(event.wheel.x);
      return true;
    case SDL_TEXTINPUT:
      io.AddInputCharactersUTF8(event.text.text);
      return true;
    case SDL_KEYDOWN:
    case SDL_KEYUP: {
      const auto scancode = static_cast<std::size_t>(event.key.keysym.scancode);
      if (scancode < keys_held_.size()) {
        keys_held_[scancode] = event.type == SDL_KEYDOWN;
        if (event.type == SDL_KEYDOWN) keys_pressed_since_last_frame_[scancode] = true;
      }
      const Uint16 mod = event.key.keysym.mod;
      io.KeyShift = (mod & KMOD_SHIFT) != 0;
      io.KeyCtrl = (mod & KMOD_CTRL) != 0;
      io.KeyAlt = (mod & KMOD_ALT) != 0;
      io.KeySuper = (mod & KMOD_GUI) != 0;
      return true;
    }
    case SDL_WINDOWEVENT:
      if (event.window.event == SDL_WINDOWEVENT_LEAVE) hide_pointer();
      return true;  // resizes, exposure and focus all need a redraw
    default:
      return false;
  }
}

void ImGuiRuntime::begin_frame(float delta_seconds) {
  ImGuiIO& io = ImGui::GetIO();
  const Size size = display_->pixel_size();
  io.DisplaySize = ImVec2(static_cast<float>(size.width), static_cast<float>(size.height));
  io.DeltaTime = delta_seconds > 0.0f ? delta_seconds : 1.0f / 1000.0f;
  if (lift_ == Lift::park) {
    hide_pointer();
    lift_ = Lift::none;
  }
  io.MouseDown[0] = held_ || pressed_since_last_frame_;
  pressed_since_last_frame_ = false;
  for (std::size_t key = 0; key < keys_held_.size(); ++key) {
    io.KeysDown[key] = keys_held_[key] || keys_pressed_since_last_frame_[key];
  }
  keys_pressed_since_last_frame_.reset();
  if (lift_ == Lift::delivering_release && !io.MouseDown[0]) lift_ = Lift::park;
  // No ImGui_ImplSDLRenderer_NewFrame(): all it does is make the font texture, which init made.
  ImGui::NewFrame();
}

void ImGuiRuntime::render(bool draw_pixels) {
  ImGui::Render();
  if (!draw_pixels) return;
  SDL_Renderer* renderer = display_->renderer();
  const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  SDL_SetRenderDrawColor(renderer, static_cast<Uint8>(clear.x * 255), static_cast<Uint8>(clear.y * 255),
                         static_cast<Uint8>(clear.z * 255), 255);
  // The screen only: a headless surface is larger than its screen, and never touching the rest
  // keeps those pages from being allocated at all.
  const Size size = display_->pixel_size();
  const SDL_Rect screen{0, 0, size.width, size.height};
  SDL_RenderFillRect(renderer, &screen);
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
}

}  // namespace platform
