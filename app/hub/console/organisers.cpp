#include "hub/console/organisers.hpp"

#include <algorithm>

#include "core/admin_pin.hpp"
#include "core/utc_time.hpp"

namespace peiling::hub::console {

namespace {

Result<store::Done> failed(const store::StoreError& error) {
  return Result<store::Done>::failure(error.message);
}

std::size_t utf8_chars(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

Result<std::string> hashed(std::string_view password) {
  if (auto problem = password_problem(password)) return Result<std::string>::failure(*problem);
  auto hash = hash_password(password);
  if (!hash) return Result<std::string>::failure("the password could not be hashed (out of memory)");
  return std::move(*hash);
}

}  // namespace

bool is_valid_organiser_name(std::string_view name) {
  return !name.empty() && name.size() <= kMaxNameBytes && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-' || c == '@';
  });
}

std::optional<std::string> password_problem(std::string_view password) {
  if (utf8_chars(password) < kMinPasswordChars)
    return "a password needs at least " + std::to_string(kMinPasswordChars) + " characters";
  return std::nullopt;
}

Result<store::Done> add_organiser(HubStore& hub, const std::string& name, std::string_view password,
                                  const std::string& language) {
  if (!is_valid_organiser_name(name)) {
    return Result<store::Done>::failure("'" + name + "' is not a name for an organiser: use 1 to " +
                                        std::to_string(kMaxNameBytes) +
                                        " letters, digits and . _ - @, like anna or a.jansen");
  }
  if (language != "nl" && language != "en")
    return Result<store::Done>::failure("--lang " + language + ": the console speaks nl or en");
  auto hash = hashed(password);
  if (!hash) return hash.errors();
  if (auto added = hub.add_organiser({name, language, 0}, hash.value()); !added) return failed(added.error());
  if (auto logged = hub.audit({0, name, "organiser-added", "by peiling-hub organisers add", "cli"}); !logged)
    return failed(logged.error());
  return store::Done{};
}

Result<store::Done> change_password(HubStore& hub, const std::string& name, std::string_view password) {
  auto hash = hashed(password);
  if (!hash) return hash.errors();
  auto changed = hub.set_organiser_password(name, hash.value());
  if (!changed) return failed(changed.error());
  if (!changed.value()) return Result<store::Done>::failure("the hub has no organiser named " + name);
  if (auto logged = hub.audit({0, name, "password-changed", "its sessions ended", "cli"}); !logged)
    return failed(logged.error());
  return store::Done{};
}

Result<store::Done> remove_organiser(HubStore& hub, const std::string& name) {
  auto removed = hub.remove_organiser(name);
  if (!removed) return failed(removed.error());
  if (!removed.value()) return Result<store::Done>::failure("the hub has no organiser named " + name);
  if (auto logged = hub.audit({0, name, "organiser-removed", "its sessions ended", "cli"}); !logged)
    return failed(logged.error());
  return store::Done{};
}

std::string organisers_text(const std::vector<Organiser>& organisers) {
  if (organisers.empty()) return "No organisers: add one with peiling-hub organisers add NAME --db HUB.db\n";
  std::string text;
  for (const auto& organiser : organisers)
    text +=
        organiser.name + "  " + organiser.language + "  added " + format_rfc3339(organiser.created_at) + "\n";
  return text;
}

std::string audit_text(const std::vector<AuditEntry>& entries) {
  std::string text;
  for (const auto& entry : entries) {
    text += format_rfc3339(entry.at) + "  " + entry.organiser + "  " + entry.action;
    if (!entry.detail.empty()) text += "  " + entry.detail;
    text += "  (" + entry.client + ")\n";
  }
  return text;
}

nlohmann::json audit_json(const std::vector<AuditEntry>& entries) {
  auto list = nlohmann::json::array();
  for (const auto& entry : entries) {
    list.push_back({{"at", format_rfc3339(entry.at)},
                    {"organiser", entry.organiser},
                    {"action", entry.action},
                    {"detail", entry.detail},
                    {"client", entry.client}});
  }
  return list;
}

}  // namespace peiling::hub::console
