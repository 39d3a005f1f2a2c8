// What the admin sets and sees: the kiosk's settings, the PIN and its lockout, and the warnings.
#include "store/device_store_impl.hpp"

namespace peiling::store {

// --- Admin ---------------------------------------------------------------------------------------

StoreResult<KioskSettings> DeviceStore::kiosk_settings() {
  return impl_->guarded([&]() -> StoreResult<KioskSettings> {
    auto select = impl_->connection.prepare(
        "SELECT scale_percent, own_keyboard, default_language FROM kiosk_settings WHERE singleton = 1",
        "read the kiosk settings");
    if (!select) return select.error();
    auto stored = select->first([](const Statement& row) {
      KioskSettings settings;
      if (!row.is_null(0)) settings.scale_percent = static_cast<int>(row.integer(0));
      settings.own_keyboard = row.integer(1) != 0;
      if (!row.is_null(2)) settings.default_language = row.text(2);
      return settings;
    });
    if (!stored) return stored.error();
    return stored->value_or(KioskSettings{});
  });
}

StoreStatus DeviceStore::set_kiosk_settings(const KioskSettings& settings) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "save the kiosk settings";
    if (settings.scale_percent && (*settings.scale_percent < 50 || *settings.scale_percent > 400)) {
      return problem(ErrorKind::constraint, action, "the scale is 50 to 400 %.");
    }
    return impl_->write_one(
        "UPDATE kiosk_settings SET scale_percent = ?1, own_keyboard = ?2, default_language = ?3 WHERE "
        "singleton = 1",
        action, [&](Statement& update) {
          if (settings.scale_percent) {
            update.bind_int(1, *settings.scale_percent);
          } else {
            update.bind_null(1);
          }
          update.bind_int(2, settings.own_keyboard ? 1 : 0);
          if (settings.default_language) {
            update.bind_text(3, *settings.default_language);
          } else {
            update.bind_null(3);
          }
        });
  });
}

StoreResult<std::optional<std::string>> DeviceStore::admin_pin_hash() {
  return impl_->guarded([&]() -> StoreResult<std::optional<std::string>> {
    auto select =
        impl_->connection.prepare("SELECT pin_hash FROM admin WHERE singleton = 1", "read the admin PIN");
    if (!select) return select.error();
    auto hash = select->first(
        [](const Statement& row) { return row.is_null(0) ? std::nullopt : std::optional(row.text(0)); });
    if (!hash) return hash.error();
    return hash->value_or(std::nullopt);
  });
}

StoreStatus DeviceStore::set_admin_pin_hash(const std::string& pin_hash) {
  return impl_->guarded([&] {
    return impl_->write_one("UPDATE admin SET pin_hash = ?1 WHERE singleton = 1", "set the admin PIN",
                            [&](Statement& update) { update.bind_text(1, pin_hash); });
  });
}

StoreResult<int> DeviceStore::increment_pin_failures() {
  return impl_->guarded([&]() -> StoreResult<int> {
    constexpr std::string_view action = "count the PIN attempt";
    Connection& db = impl_->connection;
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    int failures = 0;
    {
      auto update = db.prepare(
          "UPDATE admin SET pin_failures = pin_failures + 1 WHERE singleton = 1 RETURNING pin_failures",
          action);
      if (!update) return update.error();
      auto returned = update->first([](const Statement& row) { return static_cast<int>(row.integer(0)); });
      if (!returned) return returned.error();
      failures = returned->value_or(0);
    }
    if (auto committed = transaction->commit(); !committed) return committed.error();
    return failures;
  });
}

StoreStatus DeviceStore::reset_pin_failures() {
  return impl_->guarded([&] {
    return impl_->write_one("UPDATE admin SET pin_failures = 0 WHERE singleton = 1", "reset the PIN failures",
                            [](Statement&) {});
  });
}

StoreResult<std::optional<UtcMillis>> DeviceStore::lockout_until() {
  return impl_->guarded([&]() -> StoreResult<std::optional<UtcMillis>> {
    auto select = impl_->connection.prepare("SELECT lockout_until_ms FROM admin WHERE singleton = 1",
                                            "read the lockout");
    if (!select) return select.error();
    auto until = select->first(
        [](const Statement& row) { return row.is_null(0) ? std::nullopt : std::optional(row.integer(0)); });
    if (!until) return until.error();
    return until->value_or(std::nullopt);
  });
}

StoreStatus DeviceStore::set_lockout_until(std::optional<UtcMillis> until) {
  return impl_->guarded([&] {
    return impl_->write_one("UPDATE admin SET lockout_until_ms = ?1 WHERE singleton = 1", "set the lockout",
                            [&](Statement& update) {
                              if (until) {
                                update.bind_int(1, *until);
                              } else {
                                update.bind_null(1);
                              }
                            });
  });
}

StoreResult<std::vector<Warning>> DeviceStore::warnings() {
  return impl_->guarded([&]() -> StoreResult<std::vector<Warning>> {
    auto select = impl_->connection.prepare(
        "SELECT kind, message, at_ms FROM warnings WHERE dismissed = 0 ORDER BY warning_id",
        "read the warnings");
    if (!select) return select.error();
    auto stored = select->collect([](const Statement& row) {
      const WarningKind kind = row.text(0) == to_string(WarningKind::disk_full)
                                   ? WarningKind::disk_full
                                   : WarningKind::corrupt_moved_aside;
      return Warning{kind, row.text(1), row.integer(2)};
    });
    if (!stored) return stored.error();
    std::vector<Warning> warnings = std::move(stored.value());
    warnings.insert(warnings.end(), impl_->session_warnings.begin(), impl_->session_warnings.end());
    std::stable_sort(warnings.begin(), warnings.end(),
                     [](const Warning& a, const Warning& b) { return a.at < b.at; });
    return warnings;
  });
}

StoreStatus DeviceStore::dismiss_warnings() {
  return impl_->guarded([&]() -> StoreStatus {
    auto dismissed = impl_->write_one("UPDATE warnings SET dismissed = 1 WHERE dismissed = 0",
                                      "dismiss the warnings", [](Statement&) {});
    if (!dismissed) return dismissed.error();
    impl_->session_warnings.clear();
    return Done{};
  });
}

}  // namespace peiling::store
