#pragma once
// HubStore's insides, shared by its sources (hub_store.cpp: batches, devices, packs, contacts;
// hub_store_console.cpp: the console's organisers, sessions and audit log), so that one object
// still owns the hub's one connection. Nothing outside HubStore's own sources includes this.
#include <sodium.h>

#include <mutex>
#include <string>

#include "core/response.hpp"
#include "hub/hub_store.hpp"
#include "store/sqlite/connection.hpp"

namespace peiling::hub {

// The store's vocabulary, in every source of HubStore.
using store::Done;
using store::ErrorKind;
using store::StoreError;
using store::StoreResult;
using store::StoreStatus;
using store::sqlite::Connection;
using store::sqlite::Statement;

// The condition on a pack_lifecycle row that its pack is closed at ?3 (now, in UTC milliseconds):
// switched to closed, or past its closing time.
inline constexpr std::string_view kPackClosedSql =
    "state = 'closed' OR (closes_at_ms IS NOT NULL AND closes_at_ms <= ?3)";

// A pack_lifecycle row's state, closes_at_ms from column `first` on, as it holds at now.
PackLifecycle lifecycle_from(const Statement& row, int first, UtcMillis now);

struct HubKeys {
  std::string sign_public, sign_secret, seal_public, seal_secret;
};

struct HubStore::Impl {
  Impl(store::StoreOptions store_options, store::sqlite::Connection db, HubKeys hub_keys)
      : options(std::move(store_options)), connection(std::move(db)), keys(std::move(hub_keys)) {}
  ~Impl() {
    sodium_memzero(keys.sign_secret.data(), keys.sign_secret.size());
    sodium_memzero(keys.seal_secret.data(), keys.seal_secret.size());
  }

  store::StoreResult<std::int64_t> count(std::string_view sql, std::string_view action);
  store::StoreStatus insert_response(const Response& response, const std::string& device_id,
                                     std::int64_t seq);
  // One row of the audit log (entry.at 0: now), inside whatever transaction is open.
  store::StoreStatus write_audit(const AuditEntry& entry, std::string_view action);

  store::StoreOptions options;
  store::sqlite::Connection connection;
  HubKeys keys;
  std::mutex mutex;
};

}  // namespace peiling::hub
