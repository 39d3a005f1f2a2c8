#pragma once
// A value or an error. std::expected is C++23; GCC 12 has no <expected>.
// The default error is a list of human-readable lines; a library may use its own error type
// (the store's carries a kind the UI can act on).
#include <concepts>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace peiling {

struct Errors {
  std::vector<std::string> lines;  // one problem per line, each naming where it is

  std::string joined(const char* separator = "\n") const {
    std::string out;
    for (const auto& line : lines) {
      if (!out.empty()) out += separator;
      out += line;
    }
    return out;
  }
};

// [[nodiscard]]: a result nobody reads is a failure nobody hears of.
template <class T, class E = Errors>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Result(E error) : state_(std::in_place_index<1>, std::move(error)) {}

  static Result failure(std::string line) requires std::same_as<E, Errors> {
    return Result(Errors{{std::move(line)}});
  }

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const E& errors() const { return std::get<1>(state_); }
  // The same as errors(); reads better for error types that hold one error.
  const E& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, E> state_;
};

}  // namespace peiling
