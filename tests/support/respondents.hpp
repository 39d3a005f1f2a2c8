#pragma once
// Respondents made through the DeviceStore API, as the kiosk's screens would make them: each
// rates every point shown on every scale (now and then a skip), comments, answers the open
// questions and picks a top three. Tests compare what arrives elsewhere with what was given here.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "core/pack.hpp"
#include "store/device_store.hpp"

namespace peiling::test {

// Texts as people type them: accents, quotes, backslashes, line breaks, emoji, right-to-left,
// a NUL byte. The marker word lets a test look for the text in a file.
inline constexpr std::string_view kCommentMarker = "opmerking";
inline const std::vector<std::string> kTrickyTexts{
    "Zo\xC3\xAB zegt: \"\xC3\xA9\xC3\xA9n loket\" \xE2\x80\x94 graag!",
    "back\\slash, tab\tand\nnew line",
    "emoji \xF0\x9F\x91\x8D and \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D right-to-left",
    std::string("a NUL \0 inside", 14),
    "   leading and trailing spaces   ",
};

struct Respondents {
  std::vector<Response> given;  // read back from the store once complete
};

// Makes count complete respondents (and abandoned ones besides, which a pack may or may not keep)
// in store for pack. The pack must be remembered in the store already.
inline Respondents add_respondents(store::DeviceStore& store, const Pack& pack, int count, int abandoned = 0,
                                   unsigned seed = std::random_device{}()) {
  SCOPED_TRACE("respondent seed " + std::to_string(seed));
  std::mt19937 random(seed);
  Respondents made;
  const PackRef ref{pack.id, pack.version};
  for (int n = 0; n < count + abandoned; ++n) {
    std::vector<std::string> shown;
    for (const auto& point : pack.points) shown.push_back(point.id);
    std::shuffle(shown.begin(), shown.end(), random);
    shown.resize(static_cast<std::size_t>(
        std::min<int>(pack.settings.points_per_respondent, static_cast<int>(shown.size()))));
    std::optional<std::string> role;
    if (pack.roles) role = pack.roles->options[random() % pack.roles->options.size()].id;
    auto id = store.begin_response({ref, pack.languages[random() % pack.languages.size()], role,
                                    random() % 2 ? Mode::kiosk : Mode::tablet, shown});
    EXPECT_TRUE(id.ok()) << id.error().message;
    if (!id.ok()) return made;
    for (const auto& point : shown) {
      for (const auto& scale_id : pack.point_scales) {
        const auto* pack_scale = pack.scale(scale_id);
        const int values = pack_scale->max - pack_scale->min + 1;
        const auto rating =
            random() % 7 == 0 ? Rating::skip() : Rating::of(1 + static_cast<int>(random() % values));
        EXPECT_TRUE(store.record_answer(id.value(), point, scale_id, rating).ok());
        // Some people change their mind: the revision counts it.
        if (random() % 5 == 0) {
          EXPECT_TRUE(store.record_answer(id.value(), point, scale_id, Rating::of(1)).ok());
        }
      }
      if (random() % 2 == 0) {
        const std::string text = std::string(kCommentMarker) + "-" + std::to_string(n) + " " +
                                 kTrickyTexts[random() % kTrickyTexts.size()];
        EXPECT_TRUE(store.set_comment(id.value(), point, text).ok());
      }
    }
    for (const auto& question : pack.open_questions) {
      EXPECT_TRUE(
          store.record_open_answer(id.value(), question.id, kTrickyTexts[random() % kTrickyTexts.size()])
              .ok());
    }
    std::vector<std::string> top(pack.top_n.from.begin(), pack.top_n.from.end());
    std::shuffle(top.begin(), top.end(), random);
    top.resize(
        static_cast<std::size_t>(std::min<int>(pack.settings.top_n_size, static_cast<int>(top.size()))));
    EXPECT_TRUE(store.set_top_choices(id.value(), top).ok());
    const bool complete = n < count;
    EXPECT_TRUE((complete ? store.complete_response(id.value()) : store.abandon_response(id.value())).ok());
    if (complete) {
      auto response = store.response(id.value());
      EXPECT_TRUE(response.ok());
      if (response.ok()) made.given.push_back(std::move(response.value()));
    }
  }
  return made;
}

// The fields of two responses side by side, so a failure names what differs.
inline void expect_same_response(const Response& got, const Response& given) {
  SCOPED_TRACE("response " + given.id);
  EXPECT_EQ(got.id, given.id);
  EXPECT_EQ(got.pack, given.pack);
  EXPECT_EQ(got.status, given.status);
  EXPECT_EQ(got.mode, given.mode);
  EXPECT_EQ(got.language, given.language);
  EXPECT_EQ(got.role, given.role);
  EXPECT_EQ(got.started_at, given.started_at);
  EXPECT_EQ(got.ended_at, given.ended_at);
  EXPECT_EQ(got.points_shown, given.points_shown);
  EXPECT_EQ(got.missed_shown, given.missed_shown);
  EXPECT_EQ(got.top_choices, given.top_choices);
  ASSERT_EQ(got.answers.size(), given.answers.size());
  for (std::size_t i = 0; i < given.answers.size(); ++i) {
    EXPECT_EQ(got.answers[i].item_id, given.answers[i].item_id);
    EXPECT_EQ(got.answers[i].scale_id, given.answers[i].scale_id);
    EXPECT_EQ(got.answers[i].rating, given.answers[i].rating);
    EXPECT_EQ(got.answers[i].revision, given.answers[i].revision);
    EXPECT_EQ(got.answers[i].answered_at, given.answers[i].answered_at);
  }
  const auto same_texts = [](const std::vector<TextEntry>& a, const std::vector<TextEntry>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < b.size(); ++i) {
      EXPECT_EQ(a[i].key, b[i].key);
      EXPECT_EQ(a[i].text, b[i].text) << "byte for byte";
      EXPECT_EQ(a[i].revision, b[i].revision);
      EXPECT_EQ(a[i].written_at, b[i].written_at);
    }
  };
  same_texts(got.comments, given.comments);
  same_texts(got.open_answers, given.open_answers);
}

}  // namespace peiling::test
