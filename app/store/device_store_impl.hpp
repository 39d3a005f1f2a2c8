#pragma once
// What the files of the device store share (device_store.cpp, device_store_*.cpp): the state behind
// DeviceStore and the helpers its operations use. Only those files include it.
#include <sodium.h>

#include <algorithm>
#include <array>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/data_dir_lock.hpp"
#include "store/device_store.hpp"
#include "store/sqlite/connection.hpp"

namespace peiling::store {

using sqlite::Connection;
using sqlite::Statement;

// "Could not <action>: ", the start of every error message.
std::string could_not(std::string_view action);
StoreError problem(ErrorKind kind, std::string_view action, const std::string& reason);
bool has_duplicates(const std::vector<std::string>& ids);

struct DeviceIdentity {
  std::string id;
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> public_key{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret_key{};
};

struct DeviceStore::Impl {
  // Binds an operation's own parameters onto its statement.
  using Binder = std::function<void(Statement&)>;

  Impl(StoreOptions store_options, std::optional<DataDirLock> folder_lock, Connection db,
       DeviceIdentity identity)
      : options(std::move(store_options)),
        lock(std::move(folder_lock)),
        connection(std::move(db)),
        device(std::move(identity)) {}
  ~Impl() { sodium_memzero(device.secret_key.data(), device.secret_key.size()); }

  // Runs one operation under the mutex; a full disk also becomes a warning for the admin screen.
  template <class Operation>
  auto guarded(Operation operation) {
    std::lock_guard guard(mutex);
    auto result = operation();
    if (!result && result.error().kind == ErrorKind::full) note_disk_full(result.error().message);
    return result;
  }

  void note_disk_full(const std::string& message) {
    const bool already = std::any_of(session_warnings.begin(), session_warnings.end(),
                                     [](const Warning& w) { return w.kind == WarningKind::disk_full; });
    if (!already) session_warnings.push_back({WarningKind::disk_full, message, options.now()});
  }

  StoreStatus add_warning(WarningKind kind, const std::string& message);
  StoreError not_in_progress(const std::string& response_id, std::string_view action);
  StoreStatus require_in_progress(const std::string& response_id, std::string_view action);
  StoreResult<int> upsert_returning_revision(std::string_view sql, std::string_view action,
                                             const std::string& response_id, const Binder& bind);
  StoreStatus update_in_progress(std::string_view sql, std::string_view action,
                                 const std::string& response_id, const std::optional<std::string>& text);
  StoreResult<Response> load_response(const std::string& response_id);
  // Runs a bound query whose first column is a response id, then loads each response it names.
  StoreResult<std::vector<Response>> load_responses(Statement& select_ids);
  StoreResult<std::int64_t> single_integer(std::string_view sql, std::string_view action);
  StoreStatus write_one(std::string_view sql, std::string_view action, const Binder& bind);

  StoreOptions options;
  std::optional<DataDirLock> lock;  // none for an in-memory store
  Connection connection;
  DeviceIdentity device;
  std::vector<Warning> session_warnings;
  std::mutex mutex;
};

}  // namespace peiling::store
