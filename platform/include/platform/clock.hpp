#pragma once
// The clock every timer in the app reads. A virtual clock lets a test wait out a 90 s idle
// timeout instantly: it only moves when the script driver advances it.
#include <cstdint>

namespace platform {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::uint64_t now_ms() const = 0;
  virtual bool is_virtual() const = 0;
  // Moves a virtual clock forward to ms (never back); a real clock ignores it.
  virtual void advance_to(std::uint64_t ms) = 0;
};

class RealClock final : public Clock {
 public:
  std::uint64_t now_ms() const override;
  bool is_virtual() const override { return false; }
  void advance_to(std::uint64_t) override {}
};

class VirtualClock final : public Clock {
 public:
  std::uint64_t now_ms() const override { return now_ms_; }
  bool is_virtual() const override { return true; }
  void advance_to(std::uint64_t ms) override {
    if (ms > now_ms_) now_ms_ = ms;
  }

 private:
  std::uint64_t now_ms_ = 0;
};

}  // namespace platform
