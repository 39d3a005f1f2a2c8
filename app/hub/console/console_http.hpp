#pragma once
// The console's side of HTTP, over HubApi's plain request and response (hub/hub_api.hpp): forms,
// cookies, tokens, and the headers every console answer carries. No libmicrohttpd here.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "hub/hub_api.hpp"

namespace peiling::hub::console {

// Content-Security-Policy: default-src 'self'; frame-ancestors 'none', X-Content-Type-Options:
// nosniff and Cache-Control: no-store, on every console answer (pages, downloads, errors).
inline constexpr std::string_view kContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'";
void add_security_headers(HttpResponse& response);

using Form = std::map<std::string, std::string, std::less<>>;

// "%41" → "A", '+' → ' '; a broken escape is kept as it was.
std::string url_decode(std::string_view text);
// application/x-www-form-urlencoded; a repeated field keeps its last value.
Form parse_form(std::string_view body);
std::string url_encode(std::string_view text);

// The value of cookie name in the request's Cookie header.
std::optional<std::string> cookie(const HttpRequest& request, std::string_view name);
// "name=value; HttpOnly; SameSite=Strict; Path=/console" (+ "; Secure" under TLS); an empty
// value with Max-Age=0 removes it.
std::string cookie_header(std::string_view name, std::string_view value, bool tls);

// bytes random bytes as lower-case hex.
std::string random_hex(std::size_t bytes);
// BLAKE2b-256 of the token's text: what the hub keeps of a session.
std::string token_hash(std::string_view token);
// Compares in constant time.
bool same_secret(std::string_view a, std::string_view b);

HttpResponse html_response(int status, std::string body);
HttpResponse redirect(std::string_view location);  // 303 See Other
// A file to save: Content-Disposition attachment (or inline) with its name.
HttpResponse download(std::string content_type, std::string body, std::string_view file_name,
                      bool inline_view = false);

}  // namespace peiling::hub::console
