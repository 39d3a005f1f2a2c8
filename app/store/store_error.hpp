#pragma once
// What went wrong in the device store: a kind the UI can act on, and a sentence for a person.
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace peiling::store {

enum class ErrorKind {
  full,          // the disk (or the database's size cap) is full; nothing of the operation was saved
  read_only,     // the data folder or database cannot be written
  locked,        // another Peiling uses the data folder, or another program holds the database
  corrupt,       // the database file is damaged
  newer_schema,  // the database was written by a newer Peiling; it was left untouched
  io,            // any other disk or file-system failure
  constraint,    // the operation breaks a rule (an answer to a completed response, a conflicting pack)
  not_found,     // no such response or pack
};

struct StoreError {
  ErrorKind kind;
  std::string message;  // complete sentence(s), ready to show to the operator
};

// "full", "read_only", ...: for logs and test output.
std::string_view to_string(ErrorKind kind);

template <class T>
using StoreResult = Result<T, StoreError>;

// The value of an operation that has nothing to return but can fail.
struct Done {};
using StoreStatus = StoreResult<Done>;

}  // namespace peiling::store
