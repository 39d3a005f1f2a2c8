// SIGKILL at a random moment, then every promise the writer printed must hold (SQLite's own method,
// sqlite.org/testing.html section 3.3).
//
// Each iteration starts store_crash_writer on the same folder and kills it 5..200 ms later: while it
// opens the database, records an answer, completes a response, anywhere. Then the test reopens the
// folder and checks: the start-up check passed (nothing moved aside), integrity_check is ok, every
// answer printed as committed is there with its value and revision, nothing is there that was never
// tried, and completion was all-or-nothing (status, outbox and tallies agree).
//
// PEILING_CRASH_ITERATIONS sets the number of kills (50 by default); PEILING_CRASH_SEED repeats a run.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>

#include "store/device_store.hpp"
#include "support/process.hpp"
#include "support/raw_database.hpp"

namespace peiling::store::test {
namespace {

constexpr int kPointsShown = 8;  // as in store_crash_writer

struct Attempt {
  std::string response;
  std::string item;
  Rating rating = Rating::skip();
};

// What the writer promised before it died.
struct Transcript {
  std::vector<std::string> begun;
  std::map<std::pair<std::string, std::string>, std::pair<Rating, int>>
      committed;  // (response, item) -> value, revision
  std::set<std::pair<std::string, std::string>> tried;
  std::optional<Attempt> in_flight;  // a try with no ok: it may or may not have landed
  std::vector<std::string> completed, abandoned;
  std::string last_begun_or_closed;  // the response a kill may have caught mid-close
  std::vector<std::string> other_lines;
};

Rating parse_rating(const std::string& text) {
  return text == "skip" ? Rating::skip() : Rating::of(std::stoi(text));
}

Transcript parse(const std::string& output) {
  Transcript transcript;
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string tag, response, item, value;
    int revision = 0;
    words >> tag >> response;
    if (tag == "begin") {
      transcript.begun.push_back(response);
    } else if (tag == "try" && (words >> item >> value)) {
      transcript.in_flight = Attempt{response, item, parse_rating(value)};
      transcript.tried.insert({response, item});
    } else if (tag == "ok" && (words >> item >> value >> revision)) {
      transcript.committed.insert_or_assign({response, item}, std::pair(parse_rating(value), revision));
      transcript.in_flight.reset();
    } else if (tag == "complete") {
      transcript.completed.push_back(response);
    } else if (tag == "abandon") {
      transcript.abandoned.push_back(response);
    } else {
      transcript.other_lines.push_back(line);
    }
  }
  return transcript;
}

unsigned long env_number(const char* name, unsigned long fallback) {
  const char* text = std::getenv(name);
  return text && *text ? std::stoul(text) : fallback;
}

struct Totals {
  int kills = 0;
  int kills_before_first_answer = 0;
  int answers_committed = 0;
  int in_flight_landed = 0;
  int in_flight_lost = 0;
  int completions = 0;
};

// Checks one killed run against the reopened database; returns the failures, empty when all held.
std::vector<std::string> verify(const std::filesystem::path& dir, DeviceStore& store,
                                const Transcript& transcript, Totals& totals) {
  std::vector<std::string> failures;
  auto fail = [&](const std::string& what) { failures.push_back(what); };

  for (const auto& problem : peiling::test::RawDatabase(dir / kDatabaseFileName).problems()) fail(problem);
  auto warnings = store.warnings();
  if (!warnings) {
    fail(warnings.error().message);
  } else if (!warnings->empty()) {
    fail("the reopened database has a warning: " + warnings->front().message);
  }

  std::map<std::string, Response> responses;
  for (const auto& id : transcript.begun) {
    auto response = store.response(id);
    if (!response) {
      fail("printed response " + id + ": " + response.error().message);
      continue;
    }
    responses.emplace(id, std::move(response.value()));
  }
  auto stored_answer = [&](const std::string& response, const std::string& item) -> const Answer* {
    auto found = responses.find(response);
    if (found == responses.end()) return nullptr;
    for (const auto& answer : found->second.answers) {
      if (answer.item_id == item) return &answer;
    }
    return nullptr;
  };

  for (const auto& [key, promised] : transcript.committed) {
    const auto& [rating, revision] = promised;
    const Answer* answer = stored_answer(key.first, key.second);
    const bool changing = transcript.in_flight && transcript.in_flight->response == key.first &&
                          transcript.in_flight->item == key.second;
    if (!answer) {
      fail("committed answer " + key.first + " " + key.second + " is missing");
    } else if (answer->rating == rating && answer->revision == revision) {
      ++totals.answers_committed;
    } else if (changing && answer->rating == transcript.in_flight->rating &&
               answer->revision == revision + 1) {
      ++totals.answers_committed;  // the interrupted change landed on top of it
    } else {
      fail("answer " + key.first + " " + key.second + " holds value " +
           std::to_string(answer->rating.value()) + " revision " + std::to_string(answer->revision) +
           "; printed value " + std::to_string(rating.value()) + " revision " + std::to_string(revision));
    }
  }
  if (transcript.in_flight &&
      !transcript.committed.count({transcript.in_flight->response, transcript.in_flight->item})) {
    const Answer* answer = stored_answer(transcript.in_flight->response, transcript.in_flight->item);
    if (!answer) {
      ++totals.in_flight_lost;
    } else if (answer->rating == transcript.in_flight->rating && answer->revision == 1) {
      ++totals.in_flight_landed;
    } else {
      fail("the interrupted first answer " + transcript.in_flight->item +
           " landed with the wrong value or revision");
    }
  }
  for (const auto& [id, response] : responses) {
    for (const auto& answer : response.answers) {
      if (!transcript.tried.count({id, answer.item_id}))
        fail("answer " + id + " " + answer.item_id + " was never tried");
    }
  }
  for (const auto& id : transcript.completed) {
    auto found = responses.find(id);
    if (found != responses.end() && found->second.status != ResponseStatus::complete) {
      fail("printed completion of " + id + " did not hold");
    }
  }
  for (const auto& id : transcript.abandoned) {
    auto found = responses.find(id);
    if (found != responses.end() && found->second.status != ResponseStatus::abandoned) {
      fail("printed abandonment of " + id + " did not hold");
    }
  }
  totals.completions += static_cast<int>(transcript.completed.size());

  // Completion is one transaction: every complete response is queued and tallied, no more, no less.
  auto counts = store.counts();
  auto tallies = store.point_tallies("crash-test");
  if (!counts || !tallies) {
    fail("counts or tallies unreadable");
  } else {
    int shown = 0;
    for (const auto& [point, tally] : tallies.value()) shown += tally.times_shown;
    if (counts->unsynced != counts->complete) {
      fail(std::to_string(counts->complete) + " complete responses but " + std::to_string(counts->unsynced) +
           " in the outbox");
    }
    if (shown != kPointsShown * counts->complete) {
      fail("tallies count " + std::to_string(shown) + " points shown for " +
           std::to_string(counts->complete) + " complete responses");
    }
    if (counts->complete < totals.completions) fail("fewer complete responses than printed completions");
  }
  return failures;
}

TEST(StoreCrash, EveryAnswerPrintedAfterItsCommitSurvivesSigkill) {
  const auto iterations = static_cast<int>(env_number("PEILING_CRASH_ITERATIONS", 50));
  const auto master_seed = static_cast<unsigned>(env_number("PEILING_CRASH_SEED", std::random_device{}()));
  std::mt19937 random(master_seed);
  std::uniform_int_distribution<int> kill_after_ms(5, 200);
  const std::string dir = peiling::test::scratch_dir("store_crash");
  const auto started = std::chrono::steady_clock::now();

  Totals totals;
  for (int iteration = 1; iteration <= iterations; ++iteration) {
    const int delay = kill_after_ms(random);
    const auto run = peiling::test::run_process({PEILING_CRASH_WRITER_BIN, dir, std::to_string(random())},
                                                {.timeout_seconds = 30, .kill_after_ms = delay});
    const std::string where = "seed " + std::to_string(master_seed) + ", iteration " +
                              std::to_string(iteration) + ", killed after " + std::to_string(delay) + " ms";
    ASSERT_EQ(run.signal, SIGKILL) << where << ": the writer stopped by itself\n" << run.output;
    const Transcript transcript = parse(run.output);
    ASSERT_TRUE(transcript.other_lines.empty()) << where << ": unexpected output\n" << run.output;
    ++totals.kills;
    if (transcript.committed.empty()) ++totals.kills_before_first_answer;

    auto reopened = DeviceStore::open(dir);
    ASSERT_TRUE(reopened.ok()) << where << ": " << reopened.error().message;
    const auto failures = verify(dir, reopened.value(), transcript, totals);
    for (const auto& failure : failures) ADD_FAILURE() << where << ": " << failure;
    ASSERT_TRUE(failures.empty()) << run.output;
  }
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    EXPECT_EQ(entry.path().filename().string().find(".corrupt-"), std::string::npos) << entry.path();
  }

  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "crash test: " << totals.kills << " kills (" << totals.kills_before_first_answer
            << " before the first answer), " << totals.answers_committed << " committed answers verified, "
            << totals.completions << " printed completions, interrupted answers landed "
            << totals.in_flight_landed << " / lost " << totals.in_flight_lost << ", " << seconds
            << " s, seed " << master_seed << "\n";
  RecordProperty("kills", totals.kills);
  RecordProperty("committed_answers_verified", totals.answers_committed);
}

}  // namespace
}  // namespace peiling::store::test
