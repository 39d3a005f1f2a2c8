#include "hub/console/console_http.hpp"

#include <sodium.h>

#include "hub/console/console_page.hpp"

namespace peiling::hub::console {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string hex(const unsigned char* bytes, std::size_t size) {
  std::string text(size * 2 + 1, '\0');
  sodium_bin2hex(text.data(), text.size(), bytes, size);
  text.pop_back();
  return text;
}

}  // namespace

void add_security_headers(HttpResponse& response) {
  const auto has = [&](std::string_view name) {
    for (const auto& [key, value] : response.headers)
      if (key == name) return true;
    return false;
  };
  if (!has("Content-Security-Policy"))
    response.headers.emplace_back("Content-Security-Policy", std::string(kContentSecurityPolicy));
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Cache-Control", "no-store");
  response.headers.emplace_back("Referrer-Policy", "same-origin");
}

std::string url_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
               hex_digit(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string url_encode(std::string_view text) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kDigits[byte >> 4];
      out += kDigits[byte & 15];
    }
  }
  return out;
}

Form parse_form(std::string_view body) {
  Form form;
  while (!body.empty()) {
    const auto amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    if (pair.empty()) continue;
    const auto equals = pair.find('=');
    std::string key = url_decode(pair.substr(0, equals));
    std::string value =
        equals == std::string_view::npos ? std::string() : url_decode(pair.substr(equals + 1));
    form.insert_or_assign(std::move(key), std::move(value));
  }
  return form;
}

std::optional<std::string> cookie(const HttpRequest& request, std::string_view name) {
  const auto header = request.headers.find("cookie");
  if (header == request.headers.end()) return std::nullopt;
  std::string_view rest = header->second;
  while (!rest.empty()) {
    const auto semicolon = rest.find(';');
    std::string_view pair = rest.substr(0, semicolon);
    rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name)
      return std::string(pair.substr(equals + 1));
  }
  return std::nullopt;
}

std::string cookie_header(std::string_view name, std::string_view value, bool tls) {
  std::string header =
      std::string(name) + "=" + std::string(value) + "; HttpOnly; SameSite=Strict; Path=/console";
  if (value.empty()) header += "; Max-Age=0";
  if (tls) header += "; Secure";
  return header;
}

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return hex(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
}

std::string token_hash(std::string_view token) {
  std::string hash(crypto_generichash_BYTES, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(hash.data()), hash.size(),
                     reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
  return hash;
}

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

HttpResponse html_response(int status, std::string body) {
  return HttpResponse{status, "text/html; charset=utf-8", std::move(body)};
}

HttpResponse redirect(std::string_view location) {
  // A browser follows Location; the body is the short page with a link RFC 9110 suggests, HTML like
  // every other answer of the console.
  const std::string link = html(location);
  HttpResponse response = html_response(303, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" +
                                                 link + "</title></head><body><p><a href=\"" + link + "\">" +
                                                 link + "</a></p></body></html>\n");
  response.headers.emplace_back("Location", std::string(location));
  return response;
}

HttpResponse download(std::string content_type, std::string body, std::string_view file_name,
                      bool inline_view) {
  HttpResponse response{200, std::move(content_type), std::move(body)};
  response.headers.emplace_back("Content-Disposition", std::string(inline_view ? "inline" : "attachment") +
                                                           "; filename=\"" + std::string(file_name) + "\"");
  return response;
}

}  // namespace peiling::hub::console
