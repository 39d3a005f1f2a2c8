#include "ui/character_stand_ins.hpp"

namespace peiling::ui {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes one character at text[at], advancing at; invalid or truncated sequences give U+FFFD
// and advance one byte.
char32_t decode(std::string_view text, std::size_t& at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  const int length = lead < 0x80           ? 1
                     : (lead >> 5) == 0x6  ? 2
                     : (lead >> 4) == 0xE  ? 3
                     : (lead >> 3) == 0x1E ? 4
                                           : 0;
  if (length == 0 || at + length > text.size()) {
    ++at;
    return kReplacement;
  }
  char32_t c = length == 1 ? lead : lead & (0x7F >> length);
  for (int i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) {
      ++at;
      return kReplacement;
    }
    c = (c << 6) | (byte(at + i) & 0x3F);
  }
  at += length;
  return c;
}

void encode(char32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace

char32_t CharacterStandIns::for_editor(char32_t c) {
  if (c <= 0xFFFF) return c;
  if (const auto found = stand_ins_.find(c); found != stand_ins_.end()) return found->second;
  const char32_t stand_in = kLast - static_cast<char32_t>(originals_.size());
  if (stand_in < kFirst) return kReplacement;
  originals_.push_back(c);
  stand_ins_.emplace(c, stand_in);
  return stand_in;
}

std::string CharacterStandIns::to_editor(std::string_view text) {
  std::string edited;
  edited.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) encode(for_editor(decode(text, at)), edited);
  return edited;
}

std::string CharacterStandIns::from_editor(std::string_view edited) const {
  std::string text;
  text.reserve(edited.size());
  for (std::size_t at = 0; at < edited.size();) {
    const char32_t c = decode(edited, at);
    const std::size_t index = kLast - c;
    encode(c <= kLast && index < originals_.size() ? originals_[index] : c, text);
  }
  return text;
}

}  // namespace peiling::ui
