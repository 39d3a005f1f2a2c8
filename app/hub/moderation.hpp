#pragma once
// The moderation flagger (issue 17): what marks a respondent's comment or open answer as a likely
// problem on the hub's queue before anyone may approve it for the big screen. A flagged text is
// only marked: nothing unapproved is ever shown, flagged or not, and a flagged one is left out of
// a bulk approve so that a person reads it first.
//
// Flags: an e-mail address; a phone number (9 or more digits in a run of digits, spaces, dashes,
// dots, parentheses and a leading +); a person's name (two capitalised words in a row, with Dutch
// infixes such as "van der" between them, neither on the stop-word list; or a title such as
// "meneer" or "Mr" before a capitalised word); and a word of the organisers' word list.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "hub/hub_store.hpp"

namespace peiling::hub {

struct FlagWords {
  std::set<std::string, std::less<>> flagged;  // lower-case (ASCII): any of them flags a text
  std::set<std::string, std::less<>> stop;     // lower-case: capitalised words that are not names
};

// One word per line, any case; blank lines and lines starting with # are skipped.
std::set<std::string, std::less<>> parse_word_list(std::string_view text);

// assets/moderation/flag-words.txt and stop-words.txt under the hub's assets folder: the
// environment's PEILING_ASSETS_DIR, else share/peiling beside the installed peiling-hub, else the
// source tree's assets/. A missing file is an empty list (the patterns still flag).
std::filesystem::path moderation_dir();
FlagWords load_flag_words(const std::filesystem::path& dir = moderation_dir());

// Why text is flagged: "e-mail address", "phone number", "name", "word list"; empty when it is not.
std::vector<std::string_view> text_flags(std::string_view text, const FlagWords& words);

// The queue as `peiling-hub comments list` prints it: one line per text, newest first (id, state,
// flags, the point or question id, the text as a JSON string, so line breaks and control
// characters stay on the line); or as JSON, one object per text. point: only that key ("": all).
std::string queue_text(const std::vector<QueuedText>& queue, const FlagWords& words, std::string_view point);
nlohmann::json queue_json(const std::vector<QueuedText>& queue, const FlagWords& words,
                          std::string_view point);

// Bulk approve: the ids of the pending texts that no flag marks (point "": every point).
std::vector<std::string> unflagged_pending(const std::vector<QueuedText>& queue, const FlagWords& words,
                                           std::string_view point);

}  // namespace peiling::hub
