#include "hub/multipart.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/json_file.hpp"

namespace peiling::hub {

namespace {

constexpr std::size_t kMaxBoundary = 70;           // RFC 2046 section 5.1.1
constexpr std::size_t kMaxHeaderBytes = 16 << 10;  // one part's header section
constexpr std::size_t kMaxFileName = 255;          // NAME_MAX
constexpr std::string_view kCrlf = "\r\n";

// Thrown inside this file only, so that the parser reads as the grammar does; parse_multipart
// turns it into the Result.
struct Malformed {
  std::string line;
};

[[noreturn]] void fail(std::string line) {
  throw Malformed{std::move(line)};
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

bool is_token_char(unsigned char c) {
  return c > 0x20 && c < 0x7f &&
         std::string_view("()<>@,;:\\\"/[]?={}").find(static_cast<char>(c)) == std::string_view::npos;
}

// A header value such as `form-data; name="files"; filename="a.json"`: the leading value, lower
// case, and its parameters by lower-case name. `where` names the header in messages.
struct HeaderValue {
  std::string value;
  std::map<std::string, std::string> parameters;
};

HeaderValue parse_header_value(std::string_view text, const std::string& where) {
  HeaderValue out;
  const std::size_t first = text.find(';');
  out.value = lower(trim(text.substr(0, first)));
  if (first == std::string_view::npos) return out;
  std::size_t at = first + 1;
  while (at < text.size()) {
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
    if (at == text.size()) break;
    const std::size_t equals = text.find('=', at);
    if (equals == std::string_view::npos) fail(where + ": a parameter has no '='");
    const std::string_view key = trim(text.substr(at, equals - at));
    if (key.empty() || !std::all_of(key.begin(), key.end(), [](char c) { return is_token_char(c); })) {
      fail(where + ": a parameter name is not a token");
    }
    at = equals + 1;
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
    std::string value;
    if (at < text.size() && text[at] == '"') {
      // A quoted string. A backslash escapes only '"' and '\': browsers on Windows once sent
      // whole paths ("C:\stick\a.json"), which must stay paths so that they are refused.
      ++at;
      bool closed = false;
      while (at < text.size()) {
        const char c = text[at++];
        if (c == '"') {
          closed = true;
          break;
        }
        if (c == '\\' && at < text.size() && (text[at] == '"' || text[at] == '\\')) {
          value += text[at++];
        } else {
          value += c;
        }
      }
      if (!closed) fail(where + ": a quoted parameter value is not closed");
      while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
      if (at < text.size() && text[at] != ';') fail(where + ": characters follow a quoted parameter value");
    } else {
      const std::size_t end = std::min(text.find(';', at), text.size());
      value = std::string(trim(text.substr(at, end - at)));
      at = end;
    }
    if (at < text.size()) ++at;  // the ';'
    if (!out.parameters.emplace(lower(key), std::move(value)).second) {
      fail(where + ": the parameter " + lower(key) + " is given twice");
    }
  }
  return out;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 5987 ext-value: charset'language'percent-encoded bytes; only UTF-8, which is what browsers send.
std::string decode_ext_value(std::string_view text, const std::string& where) {
  const std::size_t charset_end = text.find('\'');
  const std::size_t language_end =
      charset_end == std::string_view::npos ? std::string_view::npos : text.find('\'', charset_end + 1);
  if (language_end == std::string_view::npos) fail(where + ": filename* is not charset'language'value");
  if (lower(text.substr(0, charset_end)) != "utf-8") fail(where + ": filename* is not in UTF-8");
  std::string out;
  for (std::size_t at = language_end + 1; at < text.size(); ++at) {
    if (text[at] != '%') {
      out += text[at];
      continue;
    }
    const int high = at + 1 < text.size() ? hex_digit(text[at + 1]) : -1;
    const int low = at + 2 < text.size() ? hex_digit(text[at + 2]) : -1;
    if (high < 0 || low < 0) fail(where + ": filename* has a '%' not followed by two hex digits");
    out += static_cast<char>(high * 16 + low);
    at += 2;
  }
  if (find_invalid_utf8(out)) fail(where + ": filename* is not valid UTF-8");
  return out;
}

std::string boundary_of(std::string_view content_type_header) {
  const HeaderValue header = parse_header_value(content_type_header, "Content-Type");
  if (header.value != "multipart/form-data") fail("Content-Type: is not multipart/form-data");
  const auto found = header.parameters.find("boundary");
  if (found == header.parameters.end()) fail("Content-Type: has no boundary");
  const std::string& boundary = found->second;
  if (boundary.empty() || boundary.size() > kMaxBoundary) {
    fail("Content-Type: the boundary must be 1 to 70 characters");
  }
  if (boundary.back() == ' ' ||
      !std::all_of(boundary.begin(), boundary.end(), [](unsigned char c) { return c >= 0x20 && c < 0x7f; })) {
    fail("Content-Type: the boundary has characters RFC 2046 does not allow");
  }
  return boundary;
}

// What follows "--boundary" at `at`: the close delimiter "--", or transport padding and CRLF
// before the next part's headers. Anything else means these bytes were not a delimiter.
enum class After { close, part, truncated, not_delimiter };

After after_delimiter(std::string_view body, std::size_t& at) {
  if (body.substr(at, 2) == "--") return After::close;
  while (at < body.size() && (body[at] == ' ' || body[at] == '\t')) ++at;
  if (body.substr(at, 2) == kCrlf) {
    at += 2;
    return After::part;
  }
  return at >= body.size() || body.substr(at) == "\r" ? After::truncated : After::not_delimiter;
}

// Reads the header lines of a part from `at` up to and past the empty line.
void read_part_headers(std::string_view body, std::size_t& at, FormPart& part, const std::string& where) {
  const std::size_t start = at;
  bool disposition = false;
  for (;;) {
    const std::size_t end = body.find(kCrlf, at);
    if (end == std::string_view::npos) fail(where + ": the headers do not end (missing final boundary)");
    if (end - start > kMaxHeaderBytes) fail(where + ": the headers are longer than 16 KiB");
    const std::string_view line = body.substr(at, end - at);
    at = end + 2;
    if (line.empty()) break;
    if (line.front() == ' ' || line.front() == '\t') fail(where + ": a header line is folded");
    const std::size_t colon = line.find(':');
    const std::string_view name =
        colon == std::string_view::npos ? std::string_view{} : line.substr(0, colon);
    if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) { return is_token_char(c); })) {
      fail(where + ": a header line is not 'Name: value'");
    }
    const std::string key = lower(name);
    const std::string_view value = trim(line.substr(colon + 1));
    if (key == "content-disposition") {
      if (disposition) fail(where + ": Content-Disposition is given twice");
      disposition = true;
      HeaderValue header = parse_header_value(value, where + ": Content-Disposition");
      if (header.value != "form-data") fail(where + ": Content-Disposition is not form-data");
      const auto field = header.parameters.find("name");
      if (field == header.parameters.end()) fail(where + ": Content-Disposition has no name");
      part.name = field->second;
      if (const auto ext = header.parameters.find("filename*"); ext != header.parameters.end()) {
        part.filename = decode_ext_value(ext->second, where + ": Content-Disposition");
      } else if (const auto plain = header.parameters.find("filename"); plain != header.parameters.end()) {
        part.filename = plain->second;
      }
    } else if (key == "content-type") {
      if (!value.empty()) part.content_type = std::string(value);
    }
    // Other headers (Content-Transfer-Encoding, which RFC 7578 deprecates) change nothing.
  }
  if (!disposition) fail(where + ": has no Content-Disposition");
}

std::vector<FormPart> parse_body(std::string_view content_type_header, std::string_view body,
                                 const MultipartLimits& limits) {
  const std::string delimiter = "--" + boundary_of(content_type_header);
  const std::string inner_delimiter = std::string(kCrlf) + delimiter;

  // The first delimiter opens the body or follows a preamble and CRLF.
  std::size_t at = 0;
  if (body.substr(0, delimiter.size()) != delimiter) {
    const std::size_t found = body.find(inner_delimiter);
    if (found == std::string_view::npos) fail("the body has no boundary line from Content-Type");
    at = found + 2;
  }
  at += delimiter.size();

  std::vector<FormPart> parts;
  for (;;) {
    switch (after_delimiter(body, at)) {
      case After::close:
        return parts;
      case After::truncated:
        fail("the body ends without its final boundary");
      case After::not_delimiter:
        fail("part " + std::to_string(parts.size() + 1) + ": characters follow the boundary on its line");
      case After::part:
        break;
    }
    if (parts.size() == limits.max_parts) {
      fail("more than " + std::to_string(limits.max_parts) + " parts");
    }
    const std::string where = "part " + std::to_string(parts.size() + 1);
    FormPart part;
    part.content_type = "text/plain";
    read_part_headers(body, at, part, where);

    // The content runs to the next CRLF "--boundary" that is followed by what a delimiter allows.
    const std::size_t content_start = at;
    for (std::size_t search = at;;) {
      const std::size_t found = body.find(inner_delimiter, search);
      if (found == std::string_view::npos) fail(where + ": the body ends without its final boundary");
      std::size_t next = found + inner_delimiter.size();
      std::size_t probe = next;
      if (after_delimiter(body, probe) == After::not_delimiter) {
        search = found + 1;
        continue;
      }
      if (found - content_start > limits.max_part_bytes) {
        fail(where + ": is larger than " + std::to_string(limits.max_part_bytes) + " bytes");
      }
      part.bytes.assign(body.substr(content_start, found - content_start));
      at = next;
      break;
    }
    parts.push_back(std::move(part));
  }
}

}  // namespace

Result<std::vector<FormPart>> parse_multipart(std::string_view content_type_header, std::string_view body,
                                              MultipartLimits limits) {
  try {
    return parse_body(content_type_header, body, limits);
  } catch (const Malformed& problem) {
    return Result<std::vector<FormPart>>::failure("multipart/form-data: " + problem.line);
  }
}

std::optional<std::string> safe_upload_name(std::string_view filename) {
  if (filename.empty() || filename.size() > kMaxFileName) return std::nullopt;
  if (filename.find("..") != std::string_view::npos) return std::nullopt;
  if (filename == ".") return std::nullopt;
  for (const unsigned char c : filename) {
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') return std::nullopt;
  }
  if (find_invalid_utf8(filename)) return std::nullopt;
  // C1 control characters (U+0080 to U+009F) are two bytes in UTF-8: C2 80 to C2 9F.
  for (std::size_t at = 0; at + 1 < filename.size(); ++at) {
    if (static_cast<unsigned char>(filename[at]) == 0xc2 &&
        static_cast<unsigned char>(filename[at + 1]) >= 0x80 &&
        static_cast<unsigned char>(filename[at + 1]) <= 0x9f) {
      return std::nullopt;
    }
  }
  return std::string(filename);
}

bool has_extension(std::string_view filename, std::string_view extension) {
  if (filename.size() < extension.size()) return false;
  const std::string_view tail = filename.substr(filename.size() - extension.size());
  return std::equal(tail.begin(), tail.end(), extension.begin(), [](unsigned char name, char wanted) {
    return static_cast<char>(std::tolower(name)) == wanted;
  });
}

}  // namespace peiling::hub
