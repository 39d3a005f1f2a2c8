#pragma once
// Contact opt-ins ("mail me the report") on their way to the hub, format "peiling.contacts/1".
//
// They never travel in a batch: a batch ties its responses together, and an address must not be
// joinable to any answer. At each export the device writes all of its addresses to
// DIR/contacts/peiling-contacts-<device>.json, sealed to the hub's X25519 key when the pack names
// one (a lost stick then shows none), and `peiling-hub import DIR` keeps them in the hub's own
// contacts table (import_contacts()), read only by `peiling-hub contacts export`.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/response.hpp"
#include "core/result.hpp"

namespace peiling::sync {

inline constexpr std::string_view kContactsFormat = "peiling.contacts/1";
inline constexpr std::string_view kContactFolder = "contacts";
inline constexpr std::size_t kMaxContactFileBytes = 4 << 20;

std::string encode_contact_file(const std::vector<Contact>& contacts,
                                const std::optional<std::string>& seal_key);
// unseal opens a sealed file (the hub's secret key); nullopt when it cannot.
using Unsealer = std::function<std::optional<std::string>(std::string_view sealed)>;
Result<std::vector<Contact>> read_contact_file(std::string_view bytes, const std::string& origin,
                                               const Unsealer& unseal);

}  // namespace peiling::sync
