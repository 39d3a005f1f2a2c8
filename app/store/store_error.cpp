#include "store/store_error.hpp"

namespace peiling::store {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::full:
      return "full";
    case ErrorKind::read_only:
      return "read_only";
    case ErrorKind::locked:
      return "locked";
    case ErrorKind::corrupt:
      return "corrupt";
    case ErrorKind::newer_schema:
      return "newer_schema";
    case ErrorKind::io:
      return "io";
    case ErrorKind::constraint:
      return "constraint";
    case ErrorKind::not_found:
      return "not_found";
  }
  return "unknown";
}

}  // namespace peiling::store
