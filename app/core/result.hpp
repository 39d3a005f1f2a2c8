#pragma once
// A value or a list of human-readable errors. std::expected is C++23; GCC 12 has no <expected>.
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

template <class T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Errors errors) : state_(std::move(errors)) {}

  static Result failure(std::string line) { return Result(Errors{{std::move(line)}}); }

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<T>(state_); }
  const T& value() const { return std::get<T>(state_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Errors& errors() const { return std::get<Errors>(state_); }

 private:
  std::variant<T, Errors> state_;
};

}  // namespace peiling
