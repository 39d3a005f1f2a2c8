// The packs this device has run, byte for byte, and the active one.
#include "core/codec.hpp"
#include "store/device_store_impl.hpp"

namespace peiling::store {

namespace {

// A row of (pack_id, version).
PackRef read_pack_ref(const Statement& row) {
  return {row.text(0), static_cast<int>(row.integer(1))};
}

}  // namespace

// --- Packs ---------------------------------------------------------------------------------------

StoreResult<std::string> DeviceStore::remember_pack(const PackRef& pack, std::string_view json) {
  return impl_->guarded([&]() -> StoreResult<std::string> {
    constexpr std::string_view action = "remember the pack";
    Connection& db = impl_->connection;
    const std::string digest = sha256_hex(json);
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    auto inserted = db.execute(
        "INSERT INTO packs (pack_id, version, sha256, json, first_seen_at_ms) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (pack_id, version) DO NOTHING",
        action, [&](Statement& insert) {
          insert.bind_text(1, pack.id)
              .bind_int(2, pack.version)
              .bind_text(3, digest)
              .bind_text(4, json)
              .bind_int(5, impl_->options.now());
        });
    if (!inserted) return inserted.error();
    if (db.changes() == 0) {
      auto select = db.prepare("SELECT sha256 FROM packs WHERE pack_id = ?1 AND version = ?2", action);
      if (!select) return select.error();
      select->bind_text(1, pack.id).bind_int(2, pack.version);
      auto stored = select->first([](const Statement& row) { return row.text(0); });
      if (!stored) return stored.error();
      if (stored.value() && *stored.value() != digest) {
        return problem(
            ErrorKind::constraint, action,
            "pack " + pack.id + " version " + std::to_string(pack.version) +
                " is already on this device with different content; give the new content a new version.");
      }
    }
    if (auto committed = transaction->commit(); !committed) return committed.error();
    return digest;
  });
}

StoreResult<StoredPack> DeviceStore::pack(const PackRef& pack) {
  return impl_->guarded([&]() -> StoreResult<StoredPack> {
    constexpr std::string_view action = "read the pack";
    auto select = impl_->connection.prepare(
        "SELECT sha256, json FROM packs WHERE pack_id = ?1 AND version = ?2", action);
    if (!select) return select.error();
    select->bind_text(1, pack.id).bind_int(2, pack.version);
    auto stored = select->first([&](const Statement& row) {
      return StoredPack{pack, row.text(0), row.text(1)};
    });
    if (!stored) return stored.error();
    if (!stored.value()) {
      return problem(
          ErrorKind::not_found, action,
          "pack " + pack.id + " version " + std::to_string(pack.version) + " is not on this device.");
    }
    return std::move(*stored.value());
  });
}

StoreStatus DeviceStore::set_active_pack(const PackRef& pack) {
  return impl_->guarded([&]() -> StoreStatus {
    constexpr std::string_view action = "choose the active pack";
    Connection& db = impl_->connection;
    auto transaction = db.begin_write(action);
    if (!transaction) return transaction.error();
    auto upserted = db.execute(
        "INSERT INTO active_pack (singleton, pack_id, version) "
        "SELECT 1, pack_id, version FROM packs WHERE pack_id = ?1 AND version = ?2 "
        "ON CONFLICT (singleton) DO UPDATE SET pack_id = excluded.pack_id, version = excluded.version",
        action, [&](Statement& upsert) { upsert.bind_text(1, pack.id).bind_int(2, pack.version); });
    if (!upserted) return upserted.error();
    if (db.changes() == 0) {
      return problem(
          ErrorKind::not_found, action,
          "pack " + pack.id + " version " + std::to_string(pack.version) + " is not on this device.");
    }
    return transaction->commit();
  });
}

StoreResult<std::optional<PackRef>> DeviceStore::active_pack() {
  return impl_->guarded([&]() -> StoreResult<std::optional<PackRef>> {
    auto select = impl_->connection.prepare("SELECT pack_id, version FROM active_pack WHERE singleton = 1",
                                            "read the active pack");
    if (!select) return select.error();
    return select->first(read_pack_ref);
  });
}

StoreResult<std::vector<PackRef>> DeviceStore::packs() {
  return impl_->guarded([&]() -> StoreResult<std::vector<PackRef>> {
    auto select = impl_->connection.prepare("SELECT pack_id, version FROM packs ORDER BY pack_id, version",
                                            "list the packs");
    if (!select) return select.error();
    return select->collect(read_pack_ref);
  });
}

// --- The hub's word on each pack -----------------------------------------------------------------

StoreStatus DeviceStore::learn_pack_status(const PackRef& pack, const PackLifecycle& lifecycle,
                                           UtcMillis changed_at) {
  return impl_->guarded([&]() -> StoreStatus {
    return impl_->connection.execute(
        "INSERT INTO pack_status (pack_id, version, state, closes_at_ms, rehearsal, changed_at_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (pack_id, version) DO UPDATE SET "
        "state = excluded.state, closes_at_ms = excluded.closes_at_ms, rehearsal = excluded.rehearsal, "
        "changed_at_ms = excluded.changed_at_ms WHERE excluded.changed_at_ms >= pack_status.changed_at_ms",
        "keep the pack's state", [&](Statement& upsert) {
          upsert.bind_text(1, pack.id)
              .bind_int(2, pack.version)
              .bind_text(3, to_string(lifecycle.state))
              .bind_int(5, lifecycle.rehearsal ? 1 : 0)
              .bind_int(6, changed_at);
          if (lifecycle.closes_at) {
            upsert.bind_int(4, *lifecycle.closes_at);
          } else {
            upsert.bind_null(4);
          }
        });
  });
}

StoreResult<PackLifecycle> DeviceStore::pack_status(const PackRef& pack) {
  return impl_->guarded([&]() -> StoreResult<PackLifecycle> {
    auto select = impl_->connection.prepare(
        "SELECT state, closes_at_ms, rehearsal FROM pack_status WHERE pack_id = ?1 AND version = ?2",
        "read the pack's state");
    if (!select) return select.error();
    select->bind_text(1, pack.id).bind_int(2, pack.version);
    auto row = select->first([](const Statement& found) {
      PackLifecycle lifecycle;
      lifecycle.state = pack_state_named(found.text(0)).value_or(PackState::open);
      if (!found.is_null(1)) lifecycle.closes_at = found.integer(1);
      lifecycle.rehearsal = found.integer(2) != 0;
      return lifecycle;
    });
    if (!row) return row.error();
    return row.value().value_or(PackLifecycle{});
  });
}

}  // namespace peiling::store
