// store_crash_writer DIR SEED: records answers until it is killed, like a kiosk that loses power.
//
// It prints each step only after the store call returned, one flushed line each:
//   begin <response>                             the response exists
//   try <response> <item> <value>                about to record (value 1..5, or "skip")
//   ok <response> <item> <value> <revision>      the answer is committed
//   complete <response> | abandon <response>     the response is closed
// A line that is printed is a promise the database must keep after any SIGKILL.
#include <algorithm>
#include <cstdio>
#include <random>
#include <string>

#include "store/device_store.hpp"

namespace {

using namespace peiling;
using namespace peiling::store;

constexpr int kPointsShown = 8;
constexpr int kMaxRunSeconds = 60;  // a writer whose parent vanished stops by itself

void say(const std::string& line) {
  std::fputs((line + "\n").c_str(), stdout);
  std::fflush(stdout);
}

int fail(const StoreError& error) {
  std::fprintf(stderr, "store_crash_writer: %s: %s\n", std::string(to_string(error.kind)).c_str(),
               error.message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: store_crash_writer DIR SEED\n");
    return 2;
  }
  auto opened = DeviceStore::open(argv[1]);
  if (!opened) return fail(opened.error());
  DeviceStore& store = opened.value();
  if (auto closed = store.abandon_interrupted(); !closed) return fail(closed.error());
  const PackRef pack{"crash-test", 1};
  if (auto remembered = store.remember_pack(pack, R"({"id": "crash-test", "version": 1})"); !remembered) {
    return fail(remembered.error());
  }

  std::mt19937 random(static_cast<unsigned>(std::stoul(argv[2])));
  std::vector<std::string> points;
  for (int i = 1; i <= kPointsShown; ++i) points.push_back("p" + std::to_string(i));
  const peiling::UtcMillis stop_at = peiling::utc_now() + kMaxRunSeconds * 1000;
  while (peiling::utc_now() < stop_at) {
    std::shuffle(points.begin(), points.end(), random);
    auto id = store.begin_response({pack, "nl", std::nullopt, Mode::kiosk, points});
    if (!id) return fail(id.error());
    say("begin " + id.value());
    const int answers = std::uniform_int_distribution(3, 20)(random);
    for (int i = 0; i < answers; ++i) {
      // Drawing items with replacement makes some answers changes of an earlier one.
      const std::string& item = points[std::uniform_int_distribution(0, kPointsShown - 1)(random)];
      const int value = std::uniform_int_distribution(0, 5)(random);  // 0 is a skip
      const Rating rating = value == 0 ? Rating::skip() : Rating::of(value);
      const std::string shown = id.value() + " " + item + " " + (value == 0 ? "skip" : std::to_string(value));
      say("try " + shown);
      auto revision = store.record_answer(id.value(), item, "importance", rating);
      if (!revision) return fail(revision.error());
      say("ok " + shown + " " + std::to_string(revision.value()));
    }
    const bool complete = std::uniform_int_distribution(0, 4)(random) != 0;
    auto closed = complete ? store.complete_response(id.value()) : store.abandon_response(id.value());
    if (!closed) return fail(closed.error());
    say((complete ? "complete " : "abandon ") + id.value());
  }
  return 3;
}
