#pragma once
// multipart/form-data (RFC 7578), the body a browser sends when an organiser uploads files on the
// console's import page. The parser reads a whole body that the server has already capped in size;
// it never throws and never reads past the body, whatever the bytes. Errors name the part by its
// position (and the header), never repeat what was sent: an upload holds respondents' answers.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace peiling::hub {

struct MultipartLimits {
  std::size_t max_parts = 10'000;
  std::size_t max_part_bytes = 8 << 20;  // one part's content, headers not counted
};

struct FormPart {
  std::string name;                     // the form field
  std::optional<std::string> filename;  // as sent (filename* decoded when given); see safe_upload_name
  std::string content_type;             // text/plain when the part has none
  std::string bytes;                    // the content, exactly as sent
};

// The parts of body, in order. content_type_header is the request's Content-Type, which must be
// multipart/form-data with a boundary (quoted or not).
Result<std::vector<FormPart>> parse_multipart(std::string_view content_type_header, std::string_view body,
                                              MultipartLimits limits = {});

// filename itself when it is a plain file name: not empty, at most 255 bytes of valid UTF-8, with
// no '/' or '\', no "..", no NUL or other control character. Otherwise nullopt, so that a name
// like "../../etc/passwd" or "C:\stick\batch.json" is refused rather than cut down to a base name
// the organiser did not choose.
std::optional<std::string> safe_upload_name(std::string_view filename);

// True when an uploaded file's name ends in extension (given in lower case, ".zip"), whatever the
// case of the name: a stick may hold "STICK.ZIP" or "Pakket.XLSX".
bool has_extension(std::string_view filename, std::string_view extension);

}  // namespace peiling::hub
