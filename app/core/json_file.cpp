#include "core/json_file.hpp"

#include <fstream>
#include <set>
#include <system_error>
#include <utility>
#include <vector>

namespace peiling {

using nlohmann::json;

Result<std::string> read_text_file(const std::filesystem::path& path, std::size_t max_bytes) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Result<std::string>::failure(path.string() + ": cannot read: " + ec.message());
  if (size > max_bytes) {
    return Result<std::string>::failure(path.string() + ": file is " + std::to_string(size) +
                                        " bytes, over the limit of " + std::to_string(max_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Result<std::string>::failure(path.string() + ": cannot open");
  std::string text(size, '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::size_t>(in.gcount()) != size) {
    return Result<std::string>::failure(path.string() + ": short read");
  }
  return text;
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char lead = byte(i);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    // The allowed range of the second byte depends on the lead (Unicode table 3-7); it is what
    // excludes overlong forms, surrogates and code points above U+10FFFF.
    std::size_t length = 0;
    unsigned char second_low = 0x80, second_high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) second_low = 0xA0;
      if (lead == 0xED) second_high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) second_low = 0x90;
      if (lead == 0xF4) second_high = 0x8F;
    } else {
      return i;
    }
    if (i + length > text.size()) return i;
    if (byte(i + 1) < second_low || byte(i + 1) > second_high) return i;
    for (std::size_t k = 2; k < length; ++k) {
      if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return i;
    }
    i += length;
  }
  return std::nullopt;
}

std::size_t count_code_points(std::string_view utf8) {
  std::size_t count = 0;
  for (const char c : utf8) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string pointer_token(std::string_view key) {
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string token;
  for (const char c : key) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '~') {
      token += "~0";
    } else if (c == '/') {
      token += "~1";
    } else if (u < 0x20 || u == 0x7F) {
      token += "\\u00";
      token += kHex[u >> 4];
      token += kHex[u & 0xF];
    } else {
      token += c;
    }
  }
  return token;
}

namespace {

// Builds the document from nlohmann's SAX events, which its parser emits without recursion,
// so the depth limit holds before any deep structure exists.
class StrictBuilder {
 public:
  StrictBuilder(std::string_view text, std::size_t max_depth, bool quote_text)
      : text_(text), max_depth_(max_depth), quote_text_(quote_text) {}

  bool null() { return add(nullptr); }
  bool boolean(bool value) { return add(value); }
  bool number_integer(json::number_integer_t value) { return add(value); }
  bool number_unsigned(json::number_unsigned_t value) { return add(value); }
  bool number_float(json::number_float_t value, const json::string_t& /*raw*/) { return add(value); }
  bool string(json::string_t& value) { return add(std::move(value)); }
  bool binary(json::binary_t& value) { return add(json::binary(std::move(value))); }
  bool start_object(std::size_t /*elements*/) { return open(json::object()); }
  bool start_array(std::size_t /*elements*/) { return open(json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(json::string_t& key) {
    Frame& frame = frames_.back();
    frame.key = key;
    // Keep going: every duplicate is reported, not only the first.
    if (!frame.keys.insert(key).second)
      errors_.lines.push_back(frame.pointer + "/" + pointer_token(key) + ": duplicate key");
    return true;
  }

  bool parse_error(std::size_t position, const std::string& /*last_token*/, const json::exception& error) {
    // nlohmann counts the bytes read, so the offending byte is the one before.
    const std::size_t offset = std::min(position == 0 ? 0 : position - 1, text_.size());
    std::size_t line = 1, line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
      if (text_[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    const std::size_t column = count_code_points(text_.substr(line_start, offset - line_start)) + 1;
    // what() is "[json.exception.parse_error.101] parse error at line L, column C: <reason>".
    std::string reason = error.what();
    const auto at = reason.find("column ");
    if (const auto colon = reason.find(": ", at); at != std::string::npos && colon != std::string::npos) {
      reason.erase(0, colon + 2);
    }
    // nlohmann quotes the token it stopped at ("...; last read: '<token>'"), a whole string if
    // the error is in one.
    if (const auto quote = reason.find("; last read: "); !quote_text_ && quote != std::string::npos) {
      // The token may hold "; " itself: what follows it is the last "'; expected ...", if any.
      const auto expected = reason.rfind("'; expected ");
      reason.erase(quote, expected == std::string::npos || expected < quote ? std::string::npos
                                                                            : expected + 1 - quote);
    }
    if (offset >= text_.size()) reason = "the text ends too early, is it truncated? (" + reason + ")";
    syntax_error_ = "invalid JSON at byte " + std::to_string(offset) + " (line " + std::to_string(line) +
                    ", column " + std::to_string(column) + "): " + reason;
    return false;
  }

  json& root() { return root_; }
  Errors& errors() { return errors_; }
  const std::string& syntax_error() const { return syntax_error_; }

 private:
  struct Frame {
    json* container;
    std::string pointer;
    std::string key;  // the key of the member being read, in an object
    std::set<std::string, std::less<>> keys;
  };

  // Where a new value goes: its slot in the innermost open container, and its pointer.
  std::pair<json*, std::string> slot() {
    if (frames_.empty()) return {&root_, ""};
    Frame& frame = frames_.back();
    if (frame.container->is_object()) {
      return {&(*frame.container)[frame.key], frame.pointer + "/" + pointer_token(frame.key)};
    }
    const std::string pointer = frame.pointer + "/" + std::to_string(frame.container->size());
    frame.container->push_back(nullptr);
    return {&frame.container->back(), pointer};
  }

  bool add(json value) {
    *slot().first = std::move(value);
    return true;
  }

  bool open(json container) {
    auto [target, pointer] = slot();
    if (frames_.size() + 1 > max_depth_) {
      errors_.lines.push_back(pointer + ": nested deeper than " + std::to_string(max_depth_) + " levels");
      return false;
    }
    *target = std::move(container);
    frames_.push_back(Frame{target, std::move(pointer), {}, {}});
    return true;
  }

  bool close() {
    frames_.pop_back();
    return true;
  }

  std::string_view text_;
  std::size_t max_depth_;
  bool quote_text_;  // false: a syntax error does not quote the token it stopped at
  json root_;
  std::vector<Frame> frames_;
  Errors errors_;
  std::string syntax_error_;
};

}  // namespace

namespace {

Result<json> parse_strictly(std::string_view text, const std::string& origin, std::size_t max_depth,
                            bool quote_text) {
  // Checked first and on its own: with broken encoding, any later message would mislead. One
  // offset is enough; the rest of such a file is usually the same mistake (a Latin-1 editor).
  if (const auto offset = find_invalid_utf8(text)) {
    return Result<json>::failure(origin + ": invalid UTF-8 at byte " + std::to_string(*offset));
  }
  StrictBuilder builder(text, max_depth, quote_text);
  json::sax_parse(text.begin(), text.end(), &builder);
  Errors errors = std::move(builder.errors());
  if (!builder.syntax_error().empty()) errors.lines.push_back(builder.syntax_error());
  if (!errors.lines.empty()) {
    for (auto& line : errors.lines) line = origin + ": " + line;
    return errors;
  }
  return std::move(builder.root());
}

}  // namespace

Result<json> parse_json(std::string_view text, const std::string& origin, std::size_t max_depth) {
  return parse_strictly(text, origin, max_depth, true);
}

Result<json> parse_private_json(std::string_view text, const std::string& origin) {
  return parse_strictly(text, origin, kMaxJsonDepth, false);
}

}  // namespace peiling
