#include "store/device_store.hpp"

#include <set>
#include <utility>

#include "store/device_store_impl.hpp"
#include "store/sqlite/response_rows.hpp"

namespace peiling::store {

std::string_view to_string(WarningKind kind) {
  return kind == WarningKind::disk_full ? "disk_full" : "corrupt_moved_aside";
}

std::string could_not(std::string_view action) {
  return "Could not " + std::string(action) + ": ";
}

StoreError problem(ErrorKind kind, std::string_view action, const std::string& reason) {
  return {kind, could_not(action) + reason};
}

bool has_duplicates(const std::vector<std::string>& ids) {
  return std::set<std::string>(ids.begin(), ids.end()).size() != ids.size();
}

// --- Impl ----------------------------------------------------------------------------------------

StoreStatus DeviceStore::Impl::add_warning(WarningKind kind, const std::string& message) {
  constexpr std::string_view action = "record a warning";
  auto transaction = connection.begin_write(action);
  if (!transaction) return transaction.error();
  {
    auto insert =
        connection.prepare("INSERT INTO warnings (kind, message, at_ms) VALUES (?1, ?2, ?3)", action);
    if (!insert) return insert.error();
    insert->bind_text(1, to_string(kind)).bind_text(2, message).bind_int(3, options.now());
    if (auto done = insert->run(); !done) return done.error();
  }
  return transaction->commit();
}

StoreError DeviceStore::Impl::not_in_progress(const std::string& response_id, std::string_view action) {
  auto select = connection.prepare("SELECT status FROM responses WHERE response_id = ?1", action);
  if (!select) return select.error();
  select->bind_text(1, response_id);
  auto status = select->first([](const Statement& row) { return row.text(0); });
  if (!status) return status.error();
  if (!status.value())
    return problem(ErrorKind::not_found, action, "there is no response " + response_id + ".");
  return problem(
      ErrorKind::constraint, action,
      "response " + response_id + " is " + *status.value() + "; only a response in progress can change.");
}

StoreStatus DeviceStore::Impl::require_in_progress(const std::string& response_id, std::string_view action) {
  auto select =
      connection.prepare("SELECT status = 'in_progress' FROM responses WHERE response_id = ?1", action);
  if (!select) return select.error();
  select->bind_text(1, response_id);
  auto open = select->first([](const Statement& row) { return row.integer(0) == 1; });
  if (!open) return open.error();
  if (open.value() == true) return Done{};
  return not_in_progress(response_id, action);
}

// One upsert in its own transaction; its RETURNING row exists only for a response in progress.
// ?1 is the response id; bind sets the rest.
StoreResult<int> DeviceStore::Impl::upsert_returning_revision(std::string_view sql, std::string_view action,
                                                              const std::string& response_id,
                                                              const Binder& bind) {
  auto transaction = connection.begin_write(action);
  if (!transaction) return transaction.error();
  int revision = 0;
  {
    auto upsert = connection.prepare(sql, action);
    if (!upsert) return upsert.error();
    upsert->bind_text(1, response_id);
    bind(upsert.value());
    auto returned = upsert->first([](const Statement& row) { return static_cast<int>(row.integer(0)); });
    if (!returned) return returned.error();
    if (!returned.value()) return not_in_progress(response_id, action);
    revision = *returned.value();
  }  // the statement is reset here; COMMIT needs no statement running
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return revision;
}

StoreStatus DeviceStore::Impl::update_in_progress(std::string_view sql, std::string_view action,
                                                  const std::string& response_id,
                                                  const std::optional<std::string>& text) {
  auto transaction = connection.begin_write(action);
  if (!transaction) return transaction.error();
  {
    auto update = connection.prepare(sql, action);
    if (!update) return update.error();
    update->bind_text(1, response_id);
    if (text) {
      update->bind_text(2, *text);
    } else {
      update->bind_null(2);
    }
    if (auto done = update->run(); !done) return done.error();
  }
  if (connection.changes() == 0) return not_in_progress(response_id, action);
  return transaction->commit();
}

StoreResult<std::int64_t> DeviceStore::Impl::single_integer(std::string_view sql, std::string_view action) {
  auto select = connection.prepare(sql, action);
  if (!select) return select.error();
  auto value = select->first([](const Statement& row) { return row.integer(0); });  // NULL reads as 0
  if (!value) return value.error();
  return value->value_or(0);
}

// A one-statement write in its own transaction.
StoreStatus DeviceStore::Impl::write_one(std::string_view sql, std::string_view action, const Binder& bind) {
  auto transaction = connection.begin_write(action);
  if (!transaction) return transaction.error();
  {
    auto statement = connection.prepare(sql, action);
    if (!statement) return statement.error();
    bind(statement.value());
    if (auto done = statement->run(); !done) return done.error();
  }
  return transaction->commit();
}

StoreResult<std::vector<Response>> DeviceStore::Impl::load_responses(Statement& select_ids) {
  auto ids = select_ids.collect([](const Statement& row) { return row.text(0); });
  if (!ids) return ids.error();
  std::vector<Response> responses;
  for (const auto& id : ids.value()) {
    auto loaded = load_response(id);
    if (!loaded) return loaded.error();
    responses.push_back(std::move(loaded.value()));
  }
  return responses;
}

StoreResult<Response> DeviceStore::Impl::load_response(const std::string& response_id) {
  return sqlite::read_response(connection, response_id);
}

DeviceStore::DeviceStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DeviceStore::DeviceStore(DeviceStore&&) noexcept = default;
DeviceStore& DeviceStore::operator=(DeviceStore&&) noexcept = default;
DeviceStore::~DeviceStore() = default;

// --- The device ----------------------------------------------------------------------------------

const std::string& DeviceStore::device_id() const {
  return impl_->device.id;
}

const std::array<unsigned char, 32>& DeviceStore::signing_public_key() const {
  return impl_->device.public_key;
}

UtcMillis DeviceStore::now() const {
  return impl_->options.now();
}

std::array<unsigned char, 64> DeviceStore::sign(std::string_view message) const {
  std::array<unsigned char, crypto_sign_BYTES> signature;
  crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), impl_->device.secret_key.data());
  return signature;
}

}  // namespace peiling::store
