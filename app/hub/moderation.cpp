#include "hub/moderation.hpp"

#include <array>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace peiling::hub {

namespace {

// Titles before a surname, lower-case.
constexpr std::array<std::string_view, 10> kTitles{"meneer", "mevrouw", "mevr", "dhr", "mw",
                                                   "mr",     "mrs",     "ms",   "dr",  "collega"};
// Dutch infixes between a first name and a surname ("Jan van der Berg").
constexpr std::array<std::string_view, 9> kInfixes{"van", "de", "der", "den", "ter",
                                                   "ten", "te", "het", "la"};

bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
// A byte of a word: an ASCII letter or digit, or any byte of a UTF-8 sequence (é, ë, ...).
bool is_word_byte(char c) {
  return is_ascii_letter(c) || is_digit(c) || (static_cast<unsigned char>(c) >= 0x80);
}

std::string lower(std::string_view word) {
  std::string out(word);
  for (char& c : out)
    if (is_upper(c)) c = static_cast<char>(c - 'A' + 'a');
  return out;
}

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& list, std::string_view word) {
  for (const auto entry : list)
    if (entry == word) return true;
  return false;
}

struct Word {
  std::string_view text;
  bool after_space_only = false;  // only spaces between it and the word before
};

std::vector<Word> words_of(std::string_view text) {
  std::vector<Word> words;
  std::size_t at = 0;
  bool spaces_only = false;
  while (at < text.size()) {
    if (!is_word_byte(text[at])) {
      spaces_only = spaces_only && text[at] == ' ';
      ++at;
      continue;
    }
    const std::size_t start = at;
    while (at < text.size() && is_word_byte(text[at])) ++at;
    words.push_back({text.substr(start, at - start), spaces_only});
    spaces_only = true;
  }
  return words;
}

// Capitalised like a name: an upper-case first letter and a lower-case second one.
bool capitalised(std::string_view word) {
  return word.size() >= 2 && is_upper(word[0]) && !is_upper(word[1]) && !is_digit(word[1]);
}

bool has_email(std::string_view text) {
  for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    if (at == 0 || !is_word_byte(text[at - 1])) continue;
    std::size_t end = at + 1;
    while (end < text.size() && (is_word_byte(text[end]) || text[end] == '.' || text[end] == '-')) ++end;
    const std::string_view domain = text.substr(at + 1, end - at - 1);
    const auto dot = domain.find('.');
    if (dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size() && is_word_byte(domain[dot + 1]))
      return true;
  }
  return false;
}

// Nine digits or more, with at most two separators (space, - . / ( ) +) between any two of them.
bool has_phone(std::string_view text) {
  constexpr std::string_view kSeparators = " -./()+";
  int digits = 0;
  int gap = 0;
  for (const char c : text) {
    if (is_digit(c)) {
      gap = 0;
      if (++digits >= 9) return true;
    } else if (kSeparators.find(c) != std::string_view::npos) {
      if (++gap > 2) digits = 0;
    } else {
      digits = 0;
      gap = 0;
    }
  }
  return false;
}

bool has_name(const std::vector<Word>& words, const FlagWords& list) {
  const auto name_word = [&](std::string_view word) {
    return capitalised(word) && !list.stop.contains(lower(word));
  };
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const std::string first = lower(words[i].text);
    if (one_of(kTitles, first) && words[i + 1].after_space_only && name_word(words[i + 1].text)) return true;
    if (!name_word(words[i].text)) continue;
    std::size_t next = i + 1;
    while (next < words.size() && words[next].after_space_only && one_of(kInfixes, words[next].text)) ++next;
    if (next < words.size() && words[next].after_space_only && name_word(words[next].text)) return true;
  }
  return false;
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::set<std::string, std::less<>> parse_word_list(std::string_view text) {
  std::set<std::string, std::less<>> words;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (!line.empty() && line.front() != '#') words.insert(lower(line));
    start = end + 1;
  }
  return words;
}

std::filesystem::path moderation_dir() {
  if (const char* env = std::getenv("PEILING_ASSETS_DIR"); env && *env)
    return std::filesystem::path(env) / "moderation";
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    const auto installed = self.parent_path() / ".." / "share" / "peiling" / "moderation";
    if (std::filesystem::is_directory(installed, error)) return installed;
  }
  return std::filesystem::path(PEILING_ASSETS_DIR) / "moderation";
}

FlagWords load_flag_words(const std::filesystem::path& dir) {
  return {parse_word_list(read_text(dir / "flag-words.txt")),
          parse_word_list(read_text(dir / "stop-words.txt"))};
}

std::vector<std::string_view> text_flags(std::string_view text, const FlagWords& list) {
  std::vector<std::string_view> flags;
  if (has_email(text)) flags.push_back("e-mail address");
  if (has_phone(text)) flags.push_back("phone number");
  const auto words = words_of(text);
  if (has_name(words, list)) flags.push_back("name");
  for (const auto& word : words) {
    if (list.flagged.contains(lower(word.text))) {
      flags.push_back("word list");
      break;
    }
  }
  return flags;
}

std::string queue_text(const std::vector<QueuedText>& queue, const FlagWords& words, std::string_view point) {
  std::string out;
  int shown = 0;
  for (const auto& text : queue) {
    if (!point.empty() && text.key != point) continue;
    ++shown;
    std::string flags;
    for (const auto flag : text_flags(text.text, words))
      flags += (flags.empty() ? "" : ",") + std::string(flag);
    out += text.id + "  " + std::string(to_string(text.state)) + "  " +
           (flags.empty() ? "-" : "flagged:" + flags) + "  " + text.key + "  " +
           nlohmann::json(text.text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
  return out + std::to_string(shown) + (shown == 1 ? " text" : " texts") + " on the queue\n";
}

nlohmann::json queue_json(const std::vector<QueuedText>& queue, const FlagWords& words,
                          std::string_view point) {
  auto list = nlohmann::json::array();
  for (const auto& text : queue) {
    if (!point.empty() && text.key != point) continue;
    auto flags = nlohmann::json::array();
    for (const auto flag : text_flags(text.text, words)) flags.push_back(flag);
    list.push_back({{"id", text.id},
                    {"kind", text.open_answer ? "open_answer" : "comment"},
                    {"pack", text.pack_id},
                    {"key", text.key},
                    {"state", to_string(text.state)},
                    {"flags", flags},
                    {"complete", text.complete},
                    {"text", text.text}});
  }
  return list;
}

std::vector<std::string> unflagged_pending(const std::vector<QueuedText>& queue, const FlagWords& words,
                                           std::string_view point) {
  std::vector<std::string> ids;
  for (const auto& text : queue) {
    if (text.state != Moderation::pending || (!point.empty() && text.key != point)) continue;
    if (text_flags(text.text, words).empty()) ids.push_back(text.id);
  }
  return ids;
}

}  // namespace peiling::hub
