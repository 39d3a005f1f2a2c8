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
#include <set>
#include <string>
#include <string_view>
#include <vector>

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

}  // namespace peiling::hub
