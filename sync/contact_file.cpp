#include "sync/contact_file.hpp"

#include "core/codec.hpp"
#include "core/json_file.hpp"
#include "sync/batch_format.hpp"
#include "sync/json_fields.hpp"

namespace peiling::sync {

namespace {

using detail::Fields;
using detail::Malformed;
using nlohmann::json;
using nlohmann::ordered_json;

constexpr std::size_t kMaxContacts = 100'000;

}  // namespace

std::string encode_contact_file(const std::vector<Contact>& contacts,
                                const std::optional<std::string>& seal_key) {
  ordered_json list = ordered_json::array();
  for (const auto& contact : contacts) list.push_back({{"pack", contact.pack_id}, {"email", contact.email}});
  const std::string plain = ordered_json{{"contacts", std::move(list)}}.dump();
  ordered_json file{{"format", kContactsFormat}};
  if (seal_key) {
    file["sealed"] = to_base64(seal(plain, *seal_key));
  } else {
    file["plain"] = plain;
  }
  return file.dump(2) + "\n";
}

Result<std::vector<Contact>> read_contact_file(std::string_view bytes, const std::string& origin,
                                               const Unsealer& unseal) {
  auto parsed = parse_private_json(bytes, origin);
  if (!parsed) return parsed.errors();
  try {
    detail::require_format(parsed.value(), kContactsFormat);
    const Fields file(parsed.value(), "", {{"format", true}, {"sealed", false}, {"plain", false}});
    std::string plain;
    if (file.find("sealed")) {
      const auto sealed = from_base64(file.text("sealed"));
      if (!sealed) detail::malformed("/sealed", "is not base64");
      auto opened = unseal(*sealed);
      if (!opened) detail::malformed("/sealed", "does not open with this hub's key; sealed to another hub?");
      plain = std::move(*opened);
    } else if (file.find("plain")) {
      plain = file.text("plain");
    } else {
      detail::malformed("", "neither 'sealed' nor 'plain'");
    }
    auto payload = parse_private_json(plain, origin + ": contacts");
    if (!payload) return payload.errors();
    const Fields fields(payload.value(), "/contacts", {{"contacts", true}});
    const json& list = detail::array_of(fields.get("contacts"), "/contacts", kMaxContacts);
    std::vector<Contact> contacts;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Fields entry(list[i], "/contacts/" + std::to_string(i), {{"pack", true}, {"email", true}});
      contacts.push_back({entry.text("pack"), entry.text("email")});
    }
    return contacts;
  } catch (const Malformed& problem) {
    return Result<std::vector<Contact>>::failure(origin + ": " + problem.line());
  }
}

}  // namespace peiling::sync
