#pragma once
// The console's accounts as `peiling-hub organisers add|list|remove|password` and the sign-in page
// use them: names, passwords of at least 10 characters kept as Argon2id strings
// (crypto_pwhash_str, as the kiosk PIN), and the audit log as `peiling-hub audit` prints it.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "hub/hub_store.hpp"

namespace peiling::hub::console {

inline constexpr std::size_t kMinPasswordChars = 10;
inline constexpr std::size_t kMaxNameBytes = 64;

// A name is 1 to 64 letters, digits and . _ - @ (it shows in the audit log and in URLs).
bool is_valid_organiser_name(std::string_view name);
// The problem with password as a sentence, or nothing when it will do.
std::optional<std::string> password_problem(std::string_view password);

// `organisers add NAME`: language "nl" or "en", the console's language for this organiser.
Result<store::Done> add_organiser(HubStore& hub, const std::string& name, std::string_view password,
                                  const std::string& language);
// `organisers password NAME`: a new password ends the organiser's sessions.
Result<store::Done> change_password(HubStore& hub, const std::string& name, std::string_view password);
// `organisers remove NAME`: the account and every session of it go at once.
Result<store::Done> remove_organiser(HubStore& hub, const std::string& name);

// `organisers list`: one line per organiser, name, language and when added.
std::string organisers_text(const std::vector<Organiser>& organisers);

// `audit`: one line per entry, newest first; --json: an array of objects.
std::string audit_text(const std::vector<AuditEntry>& entries);
nlohmann::json audit_json(const std::vector<AuditEntry>& entries);

}  // namespace peiling::hub::console
