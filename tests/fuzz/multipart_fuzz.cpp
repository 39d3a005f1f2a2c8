// The console's upload body: the first line of the input is the request's Content-Type, the rest
// the multipart/form-data body. The parser never reads past the body, and an uploaded file name
// is taken only when it is a plain name.
#include "fuzz/fuzz_support.hpp"
#include "hub/multipart.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace peiling;
  const auto input = fuzz::as_text(data, size);
  const auto newline = input.find('\n');
  const std::string_view content_type = input.substr(0, newline);
  const std::string_view body =
      newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  auto parts = hub::parse_multipart(content_type, body);
  if (!parts) return 0;
  std::size_t bytes = 0;
  for (const auto& part : parts.value()) {
    bytes += part.bytes.size();
    if (!part.filename) continue;
    if (auto name = hub::safe_upload_name(*part.filename)) {
      fuzz::require(!name->empty() && name->size() <= 255, "an upload name of the wrong length was taken",
                    input);
      fuzz::require(name->find_first_of(std::string_view("/\\\0", 3)) == std::string::npos &&
                        name->find("..") == std::string::npos,
                    "an upload name with a path in it was taken", input);
    }
  }
  fuzz::require(bytes <= body.size(), "parts hold more bytes than the body", input);
  return 0;
}
