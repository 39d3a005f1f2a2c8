// The pack reader and validator, over 800 lines on purpose: PackReader is one pass over the JSON
// that gathers every problem with its JSON pointer, and its state (the id space, the references
// and conditions to resolve at the end) and templated helpers are private to this file. Split
// over files, all of that would become a header of internals for the sake of a line count.
#include "core/pack.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <set>
#include <utility>

#include "core/codec.hpp"
#include "core/json_file.hpp"

namespace peiling {

namespace {

using nlohmann::json;

constexpr std::array<std::pair<std::string_view, PointSource>, 7> kSources{{
    {"workgroup-1", PointSource::workgroup_1},
    {"workgroup-2", PointSource::workgroup_2},
    {"workgroup-3", PointSource::workgroup_3},
    {"workgroup-4", PointSource::workgroup_4},
    {"plenary", PointSource::plenary},
    {"lecture", PointSource::lecture},
    {"site-visits", PointSource::site_visits},
}};

constexpr std::array<std::pair<std::string_view, PointLevel>, 3> kLevels{{
    {"client", PointLevel::client},
    {"professionals", PointLevel::professionals},
    {"policy", PointLevel::policy},
}};

constexpr std::array<std::pair<std::string_view, Mode>, 2> kModes{{
    {"kiosk", Mode::kiosk},
    {"tablet", Mode::tablet},
}};

constexpr std::array<std::pair<std::string_view, PointOrder>, 2> kPointOrders{{
    {"pack", PointOrder::pack},
    {"random", PointOrder::random},
}};

constexpr std::array<std::pair<std::string_view, ScaleKind>, 2> kScaleKinds{{
    {"rating", ScaleKind::rating},
    {"status", ScaleKind::status},
}};

constexpr std::array<std::pair<std::string_view, QuestionType>, 2> kQuestionTypes{{
    {"single", QuestionType::single},
    {"multiple", QuestionType::multiple},
}};

constexpr std::string_view kFormatPrefix = "peiling.pack/";
constexpr std::size_t kMaxIdLength = 64;
constexpr std::int64_t kMaxWholeNumber = 2147483647;  // what an int holds: versions and counts
constexpr int kMaxTopNSize = 10;

// Everything that carries an id shares one id space, so a reference can say what it found instead.
enum class IdKind { theme, scale, role, scene, point, missed_opportunity, open_question, section, question };

std::string_view kind_name(IdKind kind) {
  switch (kind) {
    case IdKind::theme:
      return "theme";
    case IdKind::scale:
      return "scale";
    case IdKind::role:
      return "role";
    case IdKind::scene:
      return "scene";
    case IdKind::point:
      return "point";
    case IdKind::missed_opportunity:
      return "missed opportunity";
    case IdKind::open_question:
      return "open question";
    case IdKind::section:
      return "section";
    case IdKind::question:
      return "question";
  }
  return "thing";
}

std::string with_article(IdKind kind) {
  const std::string_view name = kind_name(kind);
  return (name.front() == 'o' ? "an " : "a ") + std::string(name);
}

}  // namespace

bool is_valid_id(std::string_view id) {
  const auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (id.empty() || id.size() > kMaxIdLength || !lower_or_digit(id.front())) return false;
  return std::all_of(id.begin(), id.end(), [&](char c) { return lower_or_digit(c) || c == '-'; });
}

namespace {

bool is_language_code(std::string_view code) {
  return code.size() == 2 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// YYYY-MM-DD naming a day that exists.
bool is_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int year = 0;
  unsigned month = 0, day = 0;
  const auto number = [&](std::size_t at, std::size_t length, auto& out) {
    const char* first = text.data() + at;
    const auto [end, ec] = std::from_chars(first, first + length, out);
    return ec == std::errc{} && end == first + length;
  };
  if (!number(0, 4, year) || !number(5, 2, month) || !number(8, 2, day)) return false;
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                                         std::chrono::day{day}};
  return date.ok();
}

template <class Enum, std::size_t N>
std::string enum_choices(const std::array<std::pair<std::string_view, Enum>, N>& names) {
  std::string out;
  for (const auto& [name, value] : names) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

std::string counted(std::size_t count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

std::string in_quotes(std::string_view text) {
  return "'" + std::string(text) + "'";
}

struct Key {
  std::string_view name;
  bool required;
};

struct Reference {
  std::string pointer;
  std::string id;
  IdKind kind;
};

// A show_if, checked once every section is read: it may only look back.
struct ConditionCheck {
  std::string pointer;  // of the show_if object
  ShowIf condition;
  std::size_t owner_order;  // the position of its question, or of its section's first question
  bool on_section;
};

// A choice question as conditions see it: where it is and what can be chosen.
struct QuestionPlace {
  std::size_t order;
  std::string pointer;
  std::set<std::string, std::less<>> options;
};

// Reads the JSON tree into a Pack, collecting every problem rather than stopping at the first.
class PackReader {
 public:
  Pack read(const json& root);
  Errors& errors() { return errors_; }

 private:
  void error(const std::string& pointer, std::string_view reason) {
    errors_.lines.push_back(pointer + ": " + std::string(reason));
  }
  void wrong_type(const json& node, const std::string& pointer, std::string_view expected) {
    error(pointer, "expected " + std::string(expected) + ", got " + std::string(node.type_name()));
  }

  bool object(const json* node, const std::string& pointer, std::initializer_list<Key> keys);
  template <class Each>
  bool array(const json* node, const std::string& pointer, bool non_empty, Each each);
  std::optional<std::string> string(const json* node, const std::string& pointer,
                                    std::size_t max_code_points);
  std::optional<std::int64_t> integer(const json* node, const std::string& pointer, std::int64_t min,
                                      std::int64_t max);
  std::string id(const json* node, const std::string& pointer, IdKind kind);
  std::string reference(const json* node, const std::string& pointer, IdKind kind);
  std::vector<std::string> references(const json* node, const std::string& pointer, IdKind kind,
                                      bool non_empty, const std::string& own_id = {});
  LocalizedText text(const json* node, const std::string& pointer, std::size_t max_code_points);
  std::optional<LocalizedText> optional_text(const json* node, const std::string& pointer);
  std::vector<std::string> cites(const json* node, const std::string& pointer);
  template <class Enum, std::size_t N>
  std::optional<Enum> choice(const json* node, const std::string& pointer,
                             const std::array<std::pair<std::string_view, Enum>, N>& names);

  bool format(const json& root);
  void languages(const json* node);
  Conference conference(const json* node);
  Settings settings(const json* node);
  std::vector<Theme> themes(const json* node);
  std::vector<Scale> scales(const json* node);
  void status_labels(const json& scale_node, const std::string& pointer, Scale& scale);
  std::optional<Roles> roles(const json* node);
  Vignette vignette(const json* node);
  std::vector<Point> points(const json* node);
  std::optional<MissedOpportunities> missed_opportunities(const json* node);
  TopN top_n(const json* node);
  std::vector<OpenQuestion> open_questions(const json* node);
  std::vector<Section> sections(const json* node);
  ChoiceQuestion choice_question(const json& node, const std::string& pointer, std::size_t order);
  std::optional<ShowIf> show_if(const json* node, const std::string& pointer);
  std::optional<PointRef> point_ref(const json* node, const std::string& pointer);
  void resolve_conditions();
  std::optional<bool> boolean(const json* node, const std::string& pointer);
  // A key of format 1.1 in a peiling.pack/1 file.
  void needs_minor_1(const json* node, const std::string& pointer);
  std::optional<HubSettings> hub(const json* node);
  std::optional<std::string> hub_key(const json* node, const std::string& pointer);
  void resolve_references();
  void check_counts(const Pack& pack, const json& root);

  Errors errors_;
  std::vector<std::string> languages_;
  bool languages_valid_ = false;  // when not, texts are not checked against them (no cascade of errors)
  std::map<std::string, std::pair<IdKind, std::string>, std::less<>> ids_;  // id: kind, pointer
  std::vector<Reference> references_;
  std::set<IdKind>
      unread_kinds_;  // sections missing or of the wrong type: references into them are not checked
  int format_minor_ = 0;
  std::vector<ConditionCheck> conditions_;
  std::map<std::string, QuestionPlace, std::less<>> questions_;      // by id
  std::map<std::string, std::string, std::less<>> referred_points_;  // "pack/point": pointer
  bool points_per_respondent_given_ = false;
  bool top_n_size_given_ = false;
};

const json* member(const json* object, std::string_view key) {
  if (!object || !object->is_object()) return nullptr;
  auto it = object->find(std::string(key));
  return it == object->end() ? nullptr : &*it;
}

bool PackReader::object(const json* node, const std::string& pointer, std::initializer_list<Key> keys) {
  if (!node) return false;
  if (!node->is_object()) {
    wrong_type(*node, pointer, "an object");
    return false;
  }
  for (const auto& [name, value] : node->items()) {
    const bool known =
        std::any_of(keys.begin(), keys.end(), [&](const Key& key) { return key.name == name; });
    if (!known) error(pointer + "/" + pointer_token(name), "unknown key");
  }
  for (const auto& key : keys) {
    if (key.required && !node->contains(std::string(key.name))) {
      error(pointer + "/" + std::string(key.name), "required key is missing");
    }
  }
  return true;
}

template <class Each>
bool PackReader::array(const json* node, const std::string& pointer, bool non_empty, Each each) {
  if (!node) return false;
  if (!node->is_array()) {
    wrong_type(*node, pointer, "an array");
    return false;
  }
  if (non_empty && node->empty()) error(pointer, "must not be empty");
  for (std::size_t i = 0; i < node->size(); ++i) each((*node)[i], pointer + "/" + std::to_string(i));
  return true;
}

std::optional<std::string> PackReader::string(const json* node, const std::string& pointer,
                                              std::size_t max_code_points) {
  if (!node) return std::nullopt;
  if (!node->is_string()) {
    wrong_type(*node, pointer, "a string");
    return std::nullopt;
  }
  const auto& value = node->get_ref<const std::string&>();
  if (is_blank(value)) {
    error(pointer, "must not be empty");
    return std::nullopt;
  }
  if (const std::size_t length = count_code_points(value); length > max_code_points) {
    error(pointer,
          std::to_string(length) + " characters, more than the limit of " + std::to_string(max_code_points));
  }
  return value;
}

std::optional<std::int64_t> PackReader::integer(const json* node, const std::string& pointer,
                                                std::int64_t min, std::int64_t max) {
  if (!node) return std::nullopt;
  if (!node->is_number_integer()) {
    error(pointer, "expected a whole number, got " +
                       (node->is_number() ? node->dump() : std::string(node->type_name())));
    return std::nullopt;
  }
  const bool too_big =
      node->is_number_unsigned() && node->get<std::uint64_t>() > static_cast<std::uint64_t>(max);
  if (too_big || node->get<std::int64_t>() < min || node->get<std::int64_t>() > max) {
    error(pointer, node->dump() + " is out of range " + std::to_string(min) + ".." + std::to_string(max));
    return std::nullopt;
  }
  return node->get<std::int64_t>();
}

std::string PackReader::id(const json* node, const std::string& pointer, IdKind kind) {
  auto value = string(node, pointer, kMaxTextCodePoints);  // is_valid_id() reports a long one
  if (!value) return {};
  // Registered even when malformed, so that references to it do not add errors of their own.
  if (!is_valid_id(*value)) {
    error(pointer, in_quotes(*value) + " is not a valid id (lower-case letters, digits and '-', at most 64)");
  }
  auto [it, inserted] = ids_.try_emplace(*value, kind, pointer);
  if (!inserted) error(pointer, "duplicate id " + in_quotes(*value) + " (also at " + it->second.second + ")");
  return *value;
}

std::string PackReader::reference(const json* node, const std::string& pointer, IdKind kind) {
  auto value = string(node, pointer, kMaxTextCodePoints);  // a malformed id is simply unknown
  if (!value) return {};
  references_.push_back({pointer, *value, kind});
  return *value;
}

std::vector<std::string> PackReader::references(const json* node, const std::string& pointer, IdKind kind,
                                                bool non_empty, const std::string& own_id) {
  std::vector<std::string> ids;
  std::map<std::string, std::string, std::less<>> seen;  // id: pointer of its first mention
  array(node, pointer, non_empty, [&](const json& element, const std::string& element_pointer) {
    const std::string value = reference(&element, element_pointer, kind);
    if (value.empty()) return;
    if (!own_id.empty() && value == own_id)
      error(element_pointer, with_article(kind) + " cannot refer to itself");
    if (auto [it, inserted] = seen.try_emplace(value, element_pointer); !inserted) {
      error(element_pointer, in_quotes(value) + " is listed twice (also at " + it->second + ")");
    }
    ids.push_back(value);
  });
  return ids;
}

LocalizedText PackReader::text(const json* node, const std::string& pointer, std::size_t max_code_points) {
  LocalizedText out;
  if (!node) return out;
  if (!node->is_object()) {
    wrong_type(*node, pointer, "an object of language: text");
    return out;
  }
  for (const auto& [language, value] : node->items()) {
    const std::string language_pointer = pointer + "/" + pointer_token(language);
    if (languages_valid_ && std::find(languages_.begin(), languages_.end(), language) == languages_.end()) {
      error(language_pointer, in_quotes(language) + " is not a language of this pack");
      continue;
    }
    if (auto translation = string(&value, language_pointer, max_code_points)) {
      out.by_language[language] = std::move(*translation);
    }
  }
  if (languages_valid_) {
    for (const auto& language : languages_) {
      if (!node->contains(language)) error(pointer + "/" + language, "missing translation");
    }
  }
  return out;
}

std::optional<LocalizedText> PackReader::optional_text(const json* node, const std::string& pointer) {
  if (!node) return std::nullopt;
  return text(node, pointer, kMaxTextCodePoints);
}

std::vector<std::string> PackReader::cites(const json* node, const std::string& pointer) {
  std::vector<std::string> out;
  array(node, pointer, true, [&](const json& element, const std::string& element_pointer) {
    if (auto cite = string(&element, element_pointer, kMaxTitleCodePoints)) out.push_back(std::move(*cite));
  });
  return out;
}

template <class Enum, std::size_t N>
std::optional<Enum> PackReader::choice(const json* node, const std::string& pointer,
                                       const std::array<std::pair<std::string_view, Enum>, N>& names) {
  if (!node) return std::nullopt;
  if (!node->is_string()) {
    wrong_type(*node, pointer, "a string");
    return std::nullopt;
  }
  for (const auto& [name, value] : names) {
    if (name == node->get_ref<const std::string&>()) return value;
  }
  error(pointer, in_quotes(node->get_ref<const std::string&>()) + " is not one of " + enum_choices(names));
  return std::nullopt;
}

// A different format is refused before anything else: its other keys would only produce noise.
bool PackReader::format(const json& root) {
  const json* node = member(&root, "format");
  if (!node || !node->is_string()) return true;  // reported with the other keys
  const std::string_view value = node->get_ref<const std::string&>();
  if (value == kPackFormat) return true;
  if (value == kPackFormatLatest) {
    format_minor_ = kPackFormatMinor;
    return true;
  }
  // "N" or "N.M", numbers without leading zeros.
  const auto whole = [](std::string_view number, int& out) {
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), out);
    return !number.empty() && (number.front() != '0' || number.size() == 1) && ec == std::errc{} &&
           end == number.data() + number.size();
  };
  if (value.starts_with(kFormatPrefix)) {
    const std::string_view number = value.substr(kFormatPrefix.size());
    const std::size_t dot = number.find('.');
    int major = 0;
    int minor = 0;
    const bool parsed = dot == std::string_view::npos
                            ? whole(number, major)
                            : whole(number.substr(0, dot), major) && whole(number.substr(dot + 1), minor);
    if (parsed && (major > kPackFormatVersion || (major == kPackFormatVersion && minor > kPackFormatMinor))) {
      error("/format", in_quotes(value) + " is a newer format than this Peiling reads (" +
                           std::string(kPackFormatLatest) + "); update Peiling");
      return false;
    }
  }
  error("/format", "unknown format " + in_quotes(value) + ", expected " + in_quotes(kPackFormat) + " or " +
                       in_quotes(kPackFormatLatest));
  return false;
}

void PackReader::languages(const json* node) {
  std::map<std::string, std::string, std::less<>> seen;
  bool valid = true;
  const bool read = array(node, "/languages", true, [&](const json& element, const std::string& pointer) {
    if (!element.is_string()) {
      wrong_type(element, pointer, "a string");
      valid = false;
      return;
    }
    const auto& code = element.get_ref<const std::string&>();
    if (!is_language_code(code)) {
      error(pointer, in_quotes(code) + " is not a language code of two lower-case letters, such as 'nl'");
      valid = false;
    } else if (auto [it, inserted] = seen.try_emplace(code, pointer); !inserted) {
      error(pointer, in_quotes(code) + " is listed twice (also at " + it->second + ")");
      valid = false;
    } else {
      languages_.push_back(code);
    }
  });
  valid = valid && read;
  if (valid && languages_.size() > kMaxPackLanguages) {
    error("/languages", std::to_string(languages_.size()) + " languages, more than the limit of " +
                            std::to_string(kMaxPackLanguages));
  }
  languages_valid_ = valid && !languages_.empty();
}

Conference PackReader::conference(const json* node) {
  Conference out;
  if (!object(node, "/conference", {{"date", true}, {"place", false}, {"organisers", false}})) return out;
  if (auto date = string(member(node, "date"), "/conference/date", kMaxTextCodePoints)) {
    if (!is_date(*date)) error("/conference/date", in_quotes(*date) + " is not a date written YYYY-MM-DD");
    out.date = *date;
  }
  out.place = optional_text(member(node, "place"), "/conference/place");
  out.organisers = optional_text(member(node, "organisers"), "/conference/organisers");
  return out;
}

Settings PackReader::settings(const json* node) {
  Settings out;
  if (!object(node, "/settings",
              {{"idle_timeout_s", false},
               {"idle_countdown_s", false},
               {"keep_abandoned", false},
               {"points_per_respondent", false},
               {"top_n_size", false},
               {"min_group_size", false},
               {"mode", false},
               {"draft_days", false},
               {"point_order", false},
               {"auto_activate", false},
               {"contact_opt_in", false}})) {
    return out;
  }
  for (const char* key : {"mode", "draft_days", "point_order", "auto_activate", "contact_opt_in"}) {
    needs_minor_1(member(node, key), "/settings/" + std::string(key));
  }
  if (auto mode = choice(member(node, "mode"), "/settings/mode", kModes)) out.mode = *mode;
  if (auto order = choice(member(node, "point_order"), "/settings/point_order", kPointOrders))
    out.point_order = *order;
  if (auto value = boolean(member(node, "auto_activate"), "/settings/auto_activate"))
    out.auto_activate = *value;
  if (auto value = boolean(member(node, "contact_opt_in"), "/settings/contact_opt_in"))
    out.contact_opt_in = *value;
  const auto read = [&](const char* key, int& target, std::int64_t min, std::int64_t max) {
    const json* value = member(node, key);
    if (auto number = integer(value, "/settings/" + std::string(key), min, max))
      target = static_cast<int>(*number);
    return value != nullptr;
  };
  read("idle_timeout_s", out.idle_timeout_s, 10, 3600);
  read("idle_countdown_s", out.idle_countdown_s, 3, 120);
  // The upper bounds of these two depend on the points; check_counts() checks them.
  points_per_respondent_given_ = read("points_per_respondent", out.points_per_respondent, 1, kMaxWholeNumber);
  top_n_size_given_ = read("top_n_size", out.top_n_size, 1, kMaxTopNSize);
  read("min_group_size", out.min_group_size, 2, 100);
  read("draft_days", out.draft_days, 1, 365);
  if (auto keep = boolean(member(node, "keep_abandoned"), "/settings/keep_abandoned"))
    out.keep_abandoned = *keep;
  return out;
}

std::optional<bool> PackReader::boolean(const json* node, const std::string& pointer) {
  if (!node) return std::nullopt;
  if (!node->is_boolean()) {
    wrong_type(*node, pointer, "true or false");
    return std::nullopt;
  }
  return node->get<bool>();
}

void PackReader::needs_minor_1(const json* node, const std::string& pointer) {
  if (node && format_minor_ < 1) error(pointer, "needs format " + in_quotes(kPackFormatLatest));
}

std::vector<Theme> PackReader::themes(const json* node) {
  std::vector<Theme> out;
  const bool read = array(node, "/themes", true, [&](const json& element, const std::string& pointer) {
    Theme& theme = out.emplace_back();
    if (!object(&element, pointer, {{"id", true}, {"label", true}})) return;
    theme.id = id(member(&element, "id"), pointer + "/id", IdKind::theme);
    theme.label = text(member(&element, "label"), pointer + "/label", kMaxTitleCodePoints);
  });
  if (!read) unread_kinds_.insert(IdKind::theme);
  return out;
}

std::vector<Scale> PackReader::scales(const json* node) {
  std::vector<Scale> out;
  const bool read = array(node, "/scales", true, [&](const json& element, const std::string& pointer) {
    Scale& scale = out.emplace_back();
    const json* kind = member(&element, "kind");
    needs_minor_1(kind, pointer + "/kind");
    if (auto value = choice(kind, pointer + "/kind", kScaleKinds)) scale.kind = *value;
    const bool status = scale.kind == ScaleKind::status;
    if (!object(&element, pointer,
                {{"id", true},
                 {"kind", false},
                 {"question", true},
                 {"min", !status},
                 {"max", !status},
                 {"labels", true},
                 {"no_opinion", true}})) {
      return;
    }
    scale.id = id(member(&element, "id"), pointer + "/id", IdKind::scale);
    scale.question = text(member(&element, "question"), pointer + "/question", kMaxTextCodePoints);
    scale.no_opinion = text(member(&element, "no_opinion"), pointer + "/no_opinion", kMaxTitleCodePoints);
    if (status) {
      status_labels(element, pointer, scale);
      return;
    }
    const auto min = integer(member(&element, "min"), pointer + "/min", kMinScaleValue, kMaxScaleValue);
    const auto max = integer(member(&element, "max"), pointer + "/max", kMinScaleValue, kMaxScaleValue);
    if (min) scale.min = static_cast<int>(*min);
    if (max) scale.max = static_cast<int>(*max);
    const bool range_valid = min && max && *min < *max;
    if (min && max && !range_valid) {
      error(pointer + "/max", std::to_string(*max) + " is not more than min " + std::to_string(*min));
    }
    const bool labels_read = array(member(&element, "labels"), pointer + "/labels", true,
                                   [&](const json& label, const std::string& label_pointer) {
                                     scale.labels.push_back(text(&label, label_pointer, kMaxTitleCodePoints));
                                   });
    const auto values = static_cast<std::size_t>(scale.max - scale.min + 1);
    if (labels_read && range_valid && !scale.labels.empty() && scale.labels.size() != values) {
      error(pointer + "/labels", std::to_string(scale.labels.size()) + " labels for the values " +
                                     std::to_string(scale.min) + ".." + std::to_string(scale.max) +
                                     ", expected " + std::to_string(values));
    }
  });
  if (!read) unread_kinds_.insert(IdKind::scale);
  return out;
}

// A status scale has fixed values; its labels are an object keyed by them, so none is misplaced.
void PackReader::status_labels(const json& scale_node, const std::string& pointer, Scale& scale) {
  scale.min = 1;
  scale.max = static_cast<int>(kStatusValues.size());
  for (const char* key : {"min", "max"}) {
    if (member(&scale_node, key)) error(pointer + "/" + key, "a status scale has no min or max");
  }
  const json* labels = member(&scale_node, "labels");
  const std::string labels_pointer = pointer + "/labels";
  if (!labels) return;
  if (!labels->is_object()) {
    wrong_type(*labels, labels_pointer, "an object of status: label");
    return;
  }
  for (const auto& [key, value] : labels->items()) {
    if (std::find(kStatusValues.begin(), kStatusValues.end(), key) == kStatusValues.end()) {
      std::string choices;
      for (const auto name : kStatusValues) choices += (choices.empty() ? "" : ", ") + std::string(name);
      error(labels_pointer + "/" + pointer_token(key), in_quotes(key) + " is not a status (" + choices + ")");
    }
  }
  for (const auto status : kStatusValues) {
    const std::string key(status);
    const json* label = member(labels, key);
    if (!label) error(labels_pointer + "/" + key, "required key is missing");
    scale.labels.push_back(text(label, labels_pointer + "/" + key, kMaxTitleCodePoints));
  }
}

std::optional<Roles> PackReader::roles(const json* node) {
  if (!node) return std::nullopt;
  Roles out;
  if (!object(node, "/roles", {{"question", true}, {"options", true}})) return out;
  out.question = text(member(node, "question"), "/roles/question", kMaxTextCodePoints);
  array(member(node, "options"), "/roles/options", true,
        [&](const json& element, const std::string& pointer) {
          Role& role = out.options.emplace_back();
          if (!object(&element, pointer, {{"id", true}, {"label", true}})) return;
          role.id = id(member(&element, "id"), pointer + "/id", IdKind::role);
          role.label = text(member(&element, "label"), pointer + "/label", kMaxTitleCodePoints);
        });
  return out;
}

Vignette PackReader::vignette(const json* node) {
  Vignette out;
  if (!object(node, "/vignette", {{"title", true}, {"scenes", true}})) return out;
  out.title = text(member(node, "title"), "/vignette/title", kMaxTitleCodePoints);
  array(member(node, "scenes"), "/vignette/scenes", true,
        [&](const json& element, const std::string& pointer) {
          Scene& scene = out.scenes.emplace_back();
          if (!object(&element, pointer,
                      {{"id", true}, {"title", true}, {"body", true}, {"who", true}, {"cites", true}})) {
            return;
          }
          scene.id = id(member(&element, "id"), pointer + "/id", IdKind::scene);
          scene.title = text(member(&element, "title"), pointer + "/title", kMaxTitleCodePoints);
          scene.body = text(member(&element, "body"), pointer + "/body", kMaxTextCodePoints);
          scene.who = text(member(&element, "who"), pointer + "/who", kMaxTitleCodePoints);
          scene.cites = cites(member(&element, "cites"), pointer + "/cites");
        });
  return out;
}

std::vector<Point> PackReader::points(const json* node) {
  std::vector<Point> out;
  const bool read = array(node, "/points", true, [&](const json& element, const std::string& pointer) {
    Point& point = out.emplace_back();
    if (!object(&element, pointer,
                {{"id", true},
                 {"title", true},
                 {"body", true},
                 {"source", true},
                 {"level", false},
                 {"theme", true},
                 {"cites", true},
                 {"related", false},
                 {"refers_to", false}})) {
      return;
    }
    point.id = id(member(&element, "id"), pointer + "/id", IdKind::point);
    point.refers_to = point_ref(member(&element, "refers_to"), pointer + "/refers_to");
    point.title = text(member(&element, "title"), pointer + "/title", kMaxTitleCodePoints);
    point.body = text(member(&element, "body"), pointer + "/body", kMaxTextCodePoints);
    if (auto source = choice(member(&element, "source"), pointer + "/source", kSources))
      point.source = *source;
    point.level = choice(member(&element, "level"), pointer + "/level", kLevels);
    point.theme = reference(member(&element, "theme"), pointer + "/theme", IdKind::theme);
    point.cites = cites(member(&element, "cites"), pointer + "/cites");
    point.related =
        references(member(&element, "related"), pointer + "/related", IdKind::point, false, point.id);
  });
  if (!read) unread_kinds_.insert(IdKind::point);
  return out;
}

// Another pack's ids are not known here; they are only checked to be ids, and each point of that
// pack is followed up at most once.
std::optional<PointRef> PackReader::point_ref(const json* node, const std::string& pointer) {
  needs_minor_1(node, pointer);
  if (!object(node, pointer, {{"pack", true}, {"point", true}})) return std::nullopt;
  PointRef out;
  for (auto [key, target] : {std::pair{"pack", &out.pack}, std::pair{"point", &out.point}}) {
    auto value = string(member(node, key), pointer + "/" + key, kMaxTextCodePoints);
    if (!value) return std::nullopt;
    if (!is_valid_id(*value)) {
      error(pointer + "/" + key,
            in_quotes(*value) + " is not a valid id (lower-case letters, digits and '-', at most 64)");
    }
    *target = *value;
  }
  const std::string key = out.pack + "/" + out.point;
  if (auto [it, inserted] = referred_points_.try_emplace(key, pointer); !inserted) {
    error(pointer, "point " + in_quotes(out.point) + " of pack " + in_quotes(out.pack) +
                       " is followed up twice (also at " + it->second + ")");
  }
  return out;
}

std::optional<MissedOpportunities> PackReader::missed_opportunities(const json* node) {
  if (!node) return std::nullopt;
  MissedOpportunities out;
  const std::string base = "/missed_opportunities";
  if (!object(node, base, {{"question", true}, {"scale", true}, {"items", true}})) return out;
  out.question = text(member(node, "question"), base + "/question", kMaxTextCodePoints);
  out.scale = reference(member(node, "scale"), base + "/scale", IdKind::scale);
  array(member(node, "items"), base + "/items", true, [&](const json& element, const std::string& pointer) {
    MissedOpportunity& item = out.items.emplace_back();
    if (!object(&element, pointer,
                {{"id", true}, {"title", true}, {"body", true}, {"source", true}, {"cites", true}})) {
      return;
    }
    item.id = id(member(&element, "id"), pointer + "/id", IdKind::missed_opportunity);
    item.title = text(member(&element, "title"), pointer + "/title", kMaxTitleCodePoints);
    item.body = text(member(&element, "body"), pointer + "/body", kMaxTextCodePoints);
    if (auto source = choice(member(&element, "source"), pointer + "/source", kSources))
      item.source = *source;
    item.cites = cites(member(&element, "cites"), pointer + "/cites");
  });
  return out;
}

TopN PackReader::top_n(const json* node) {
  TopN out;
  if (!object(node, "/top_n", {{"question", true}, {"from", true}})) return out;
  out.question = text(member(node, "question"), "/top_n/question", kMaxTextCodePoints);
  out.from = references(member(node, "from"), "/top_n/from", IdKind::point, true);
  return out;
}

std::vector<OpenQuestion> PackReader::open_questions(const json* node) {
  std::vector<OpenQuestion> out;
  array(node, "/open_questions", true, [&](const json& element, const std::string& pointer) {
    OpenQuestion& question = out.emplace_back();
    if (!object(&element, pointer, {{"id", true}, {"question", true}, {"hint", false}})) return;
    question.id = id(member(&element, "id"), pointer + "/id", IdKind::open_question);
    question.question = text(member(&element, "question"), pointer + "/question", kMaxTextCodePoints);
    question.hint = optional_text(member(&element, "hint"), pointer + "/hint");
  });
  return out;
}

std::vector<Section> PackReader::sections(const json* node) {
  std::vector<Section> out;
  needs_minor_1(node, "/sections");
  std::size_t order = 0;  // of questions, across sections
  array(node, "/sections", true, [&](const json& element, const std::string& pointer) {
    Section& section = out.emplace_back();
    if (!object(&element, pointer, {{"id", true}, {"title", true}, {"show_if", false}, {"questions", true}}))
      return;
    section.id = id(member(&element, "id"), pointer + "/id", IdKind::section);
    section.title = text(member(&element, "title"), pointer + "/title", kMaxTitleCodePoints);
    section.show_if = show_if(member(&element, "show_if"), pointer + "/show_if");
    const std::size_t first = order;
    array(member(&element, "questions"), pointer + "/questions", true,
          [&](const json& question, const std::string& question_pointer) {
            section.questions.push_back(choice_question(question, question_pointer, order++));
          });
    if (section.show_if) conditions_.push_back({pointer + "/show_if", *section.show_if, first, true});
  });
  return out;
}

ChoiceQuestion PackReader::choice_question(const json& node, const std::string& pointer, std::size_t order) {
  ChoiceQuestion out;
  if (!object(&node, pointer,
              {{"id", true},
               {"type", true},
               {"question", true},
               {"hint", false},
               {"options", true},
               {"other", false},
               {"show_if", false}})) {
    return out;
  }
  out.id = id(member(&node, "id"), pointer + "/id", IdKind::question);
  if (auto type = choice(member(&node, "type"), pointer + "/type", kQuestionTypes)) out.type = *type;
  out.question = text(member(&node, "question"), pointer + "/question", kMaxTextCodePoints);
  out.hint = optional_text(member(&node, "hint"), pointer + "/hint");
  QuestionPlace place{order, pointer, {}};
  std::map<std::string, std::string, std::less<>> seen;  // option id: pointer
  array(member(&node, "options"), pointer + "/options", true,
        [&](const json& element, const std::string& at) {
          ChoiceOption& option = out.options.emplace_back();
          if (!object(&element, at, {{"id", true}, {"label", true}})) return;
          if (auto option_id = string(member(&element, "id"), at + "/id", kMaxTextCodePoints)) {
            if (!is_valid_id(*option_id)) {
              error(at + "/id", in_quotes(*option_id) +
                                    " is not a valid id (lower-case letters, digits and '-', at most 64)");
            } else if (*option_id == kOtherOption) {
              error(at + "/id", "'other' is reserved for the question's \"other\" option");
            } else if (auto [it, inserted] = seen.try_emplace(*option_id, at + "/id"); !inserted) {
              error(at + "/id",
                    "duplicate option id " + in_quotes(*option_id) + " (also at " + it->second + ")");
            }
            option.id = *option_id;
            place.options.insert(*option_id);
          }
          option.label = text(member(&element, "label"), at + "/label", kMaxTitleCodePoints);
        });
  out.other = [&]() -> std::optional<LocalizedText> {
    const json* other = member(&node, "other");
    if (!other) return std::nullopt;
    place.options.insert(std::string(kOtherOption));
    return text(other, pointer + "/other", kMaxTitleCodePoints);
  }();
  out.show_if = show_if(member(&node, "show_if"), pointer + "/show_if");
  if (!out.id.empty()) questions_.try_emplace(out.id, std::move(place));
  if (out.show_if) conditions_.push_back({pointer + "/show_if", *out.show_if, order, false});
  return out;
}

std::optional<ShowIf> PackReader::show_if(const json* node, const std::string& pointer) {
  if (!object(node, pointer, {{"question", true}, {"any_of", true}})) return std::nullopt;
  ShowIf out;
  if (auto question = string(member(node, "question"), pointer + "/question", kMaxTextCodePoints))
    out.question = *question;
  std::set<std::string, std::less<>> seen;
  array(member(node, "any_of"), pointer + "/any_of", true, [&](const json& element, const std::string& at) {
    auto option = string(&element, at, kMaxTextCodePoints);
    if (!option) return;
    if (!seen.insert(*option).second) error(at, in_quotes(*option) + " is listed twice");
    out.any_of.push_back(*option);
  });
  return out;
}

// A condition looks only back, at a choice question shown before its owner, so conditions can never
// form a cycle and a respondent has always answered (or skipped) what decides them.
void PackReader::resolve_conditions() {
  for (const auto& check : conditions_) {
    const ShowIf& condition = check.condition;
    if (condition.question.empty()) continue;
    const std::string question_pointer = check.pointer + "/question";
    auto it = questions_.find(condition.question);
    if (it == questions_.end()) {
      auto other = ids_.find(condition.question);
      error(question_pointer, other == ids_.end() ? "unknown question id " + in_quotes(condition.question)
                                                  : in_quotes(condition.question) + " is " +
                                                        with_article(other->second.first) + " id (at " +
                                                        other->second.second + "), not a question id");
      continue;
    }
    const QuestionPlace& place = it->second;
    if (!check.on_section && place.order == check.owner_order) {
      error(question_pointer, "a question cannot depend on itself");
      continue;
    }
    if (place.order >= check.owner_order) {
      error(question_pointer, in_quotes(condition.question) + " comes at " + place.pointer +
                                  ", not before this " + (check.on_section ? "section" : "question") +
                                  "; show_if may only refer to an earlier question");
      continue;
    }
    for (std::size_t i = 0; i < condition.any_of.size(); ++i) {
      if (!place.options.contains(condition.any_of[i])) {
        error(check.pointer + "/any_of/" + std::to_string(i), in_quotes(condition.any_of[i]) +
                                                                  " is not an option of question " +
                                                                  in_quotes(condition.question));
      }
    }
  }
}

std::optional<HubSettings> PackReader::hub(const json* node) {
  if (!node) return std::nullopt;
  HubSettings out;
  if (!object(node, "/hub", {{"url", false}, {"token", false}, {"sign_key", false}, {"seal_key", false}}))
    return out;
  out.url = string(member(node, "url"), "/hub/url", kMaxTextCodePoints);
  if (out.url && !out.url->starts_with("http://") && !out.url->starts_with("https://")) {
    error("/hub/url", in_quotes(*out.url) + " does not start with http:// or https://");
  }
  out.token = string(member(node, "token"), "/hub/token", kMaxTitleCodePoints);
  out.sign_key = hub_key(member(node, "sign_key"), "/hub/sign_key");
  out.seal_key = hub_key(member(node, "seal_key"), "/hub/seal_key");
  return out;
}

std::optional<std::string> PackReader::hub_key(const json* node, const std::string& pointer) {
  auto text = string(node, pointer, kMaxTitleCodePoints);
  if (!text) return std::nullopt;
  auto key = from_base64(*text);
  if (!key || key->size() != kHubKeyBytes) {
    error(pointer, in_quotes(*text) + " is not a key: expected " + std::to_string(kHubKeyBytes) +
                       " bytes in base64, as `peiling-hub keys show` prints it");
    return std::nullopt;
  }
  return key;
}

void PackReader::resolve_references() {
  for (const auto& reference : references_) {
    if (unread_kinds_.contains(reference.kind)) continue;
    const std::string wanted(kind_name(reference.kind));
    auto it = ids_.find(reference.id);
    if (it == ids_.end()) {
      error(reference.pointer, "unknown " + wanted + " id " + in_quotes(reference.id));
    } else if (it->second.first != reference.kind) {
      error(reference.pointer, in_quotes(reference.id) + " is " + with_article(it->second.first) +
                                   " id (at " + it->second.second + "), not " + with_article(reference.kind) +
                                   " id");
    }
  }
}

// Settings whose upper bound is a count elsewhere in the pack. An empty list was reported already.
void PackReader::check_counts(const Pack& pack, const json& root) {
  const auto check = [&](const char* key, int value, bool given, std::size_t count,
                         const std::string& where) {
    if (count == 0 || static_cast<std::size_t>(value) <= count) return;
    error("/settings/" + std::string(key), std::to_string(value) + (given ? "" : " (the default)") +
                                               " is more than the " + counted(count, "point") + " in " +
                                               where);
  };
  if (member(&root, "points")) {
    check("points_per_respondent", pack.settings.points_per_respondent, points_per_respondent_given_,
          pack.points.size(), "/points");
  }
  if (member(member(&root, "top_n"), "from")) {
    check("top_n_size", pack.settings.top_n_size, top_n_size_given_, pack.top_n.from.size(), "/top_n/from");
  }
}

Pack PackReader::read(const json& root) {
  Pack pack;
  if (!format(root)) return pack;
  pack.format_minor = format_minor_;
  object(&root, "",
         {{"format", true},
          {"id", true},
          {"version", true},
          {"languages", true},
          {"title", true},
          {"conference", true},
          {"intro", true},
          {"settings", true},
          {"themes", true},
          {"scales", true},
          {"point_scales", true},
          {"roles", false},
          {"vignette", format_minor_ < 1},  // a follow-up survey may have no case
          {"points", true},
          {"missed_opportunities", false},
          {"top_n", true},
          {"sections", false},
          {"open_questions", true},
          {"hub", false}});
  if (const json* node = member(&root, "format"); node && !node->is_string())
    wrong_type(*node, "/format", "a string");
  if (auto id_text = string(member(&root, "id"), "/id", kMaxTextCodePoints)) {
    if (!is_valid_id(*id_text)) {
      error("/id",
            in_quotes(*id_text) + " is not a valid id (lower-case letters, digits and '-', at most 64)");
    }
    pack.id = *id_text;
  }
  if (auto version = integer(member(&root, "version"), "/version", 1, kMaxWholeNumber)) {
    pack.version = static_cast<int>(*version);
  }
  languages(member(&root, "languages"));
  pack.languages = languages_;
  pack.title = text(member(&root, "title"), "/title", kMaxTitleCodePoints);
  pack.conference = conference(member(&root, "conference"));
  if (const json* intro = member(&root, "intro");
      object(intro, "/intro", {{"question", true}, {"context", true}})) {
    pack.intro.question = text(member(intro, "question"), "/intro/question", kMaxTextCodePoints);
    pack.intro.context = text(member(intro, "context"), "/intro/context", kMaxTextCodePoints);
  }
  pack.settings = settings(member(&root, "settings"));
  pack.themes = themes(member(&root, "themes"));
  pack.scales = scales(member(&root, "scales"));
  pack.point_scales = references(member(&root, "point_scales"), "/point_scales", IdKind::scale, true);
  pack.roles = roles(member(&root, "roles"));
  if (const json* node = member(&root, "vignette")) pack.vignette = vignette(node);
  pack.points = points(member(&root, "points"));
  pack.missed_opportunities = missed_opportunities(member(&root, "missed_opportunities"));
  pack.top_n = top_n(member(&root, "top_n"));
  if (const json* node = member(&root, "sections")) pack.sections = sections(node);
  pack.open_questions = open_questions(member(&root, "open_questions"));
  pack.hub = hub(member(&root, "hub"));
  resolve_references();
  resolve_conditions();
  check_counts(pack, root);
  return pack;
}

template <class Enum, std::size_t N>
std::string_view name_of(Enum value, const std::array<std::pair<std::string_view, Enum>, N>& names) {
  for (const auto& [name, candidate] : names) {
    if (candidate == value) return name;
  }
  return {};
}

template <class Item>
const Item* find_by_id(const std::vector<Item>& items, std::string_view id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const Item& item) { return item.id == id; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

std::string_view to_string(PointSource source) {
  return name_of(source, kSources);
}
std::string_view to_string(PointLevel level) {
  return name_of(level, kLevels);
}

const Point* Pack::point(std::string_view point_id) const {
  return find_by_id(points, point_id);
}
const Scale* Pack::scale(std::string_view scale_id) const {
  return find_by_id(scales, scale_id);
}
const Theme* Pack::theme(std::string_view theme_id) const {
  return find_by_id(themes, theme_id);
}

std::vector<ThemePoints> Pack::points_by_theme() const {
  std::vector<ThemePoints> groups;
  for (const auto& theme : themes) {
    ThemePoints& group = groups.emplace_back(ThemePoints{&theme, {}});
    for (const auto& point : points) {
      if (point.theme == theme.id) group.points.push_back(&point);
    }
  }
  return groups;
}

std::vector<PackText> Pack::texts() const {
  std::vector<PackText> out;
  const auto add = [&](std::string pointer, const LocalizedText& text) {
    out.push_back({std::move(pointer), &text});
  };
  const auto add_optional = [&](std::string pointer, const std::optional<LocalizedText>& text) {
    if (text) add(std::move(pointer), *text);
  };
  const auto at = [](const std::string& base, std::size_t i) { return base + "/" + std::to_string(i); };
  add("/title", title);
  add_optional("/conference/place", conference.place);
  add_optional("/conference/organisers", conference.organisers);
  add("/intro/question", intro.question);
  add("/intro/context", intro.context);
  for (std::size_t i = 0; i < themes.size(); ++i) add(at("/themes", i) + "/label", themes[i].label);
  for (std::size_t i = 0; i < scales.size(); ++i) {
    const std::string base = at("/scales", i);
    add(base + "/question", scales[i].question);
    for (std::size_t k = 0; k < scales[i].labels.size(); ++k) {
      add(scales[i].kind == ScaleKind::status ? base + "/labels/" + std::string(kStatusValues.at(k))
                                              : at(base + "/labels", k),
          scales[i].labels[k]);
    }
    add(base + "/no_opinion", scales[i].no_opinion);
  }
  if (roles) {
    add("/roles/question", roles->question);
    for (std::size_t i = 0; i < roles->options.size(); ++i)
      add(at("/roles/options", i) + "/label", roles->options[i].label);
  }
  if (!vignette.title.by_language.empty()) add("/vignette/title", vignette.title);  // optional in 1.1
  for (std::size_t i = 0; i < vignette.scenes.size(); ++i) {
    const std::string base = at("/vignette/scenes", i);
    add(base + "/title", vignette.scenes[i].title);
    add(base + "/body", vignette.scenes[i].body);
    add(base + "/who", vignette.scenes[i].who);
  }
  for (std::size_t i = 0; i < points.size(); ++i) {
    add(at("/points", i) + "/title", points[i].title);
    add(at("/points", i) + "/body", points[i].body);
  }
  if (missed_opportunities) {
    add("/missed_opportunities/question", missed_opportunities->question);
    for (std::size_t i = 0; i < missed_opportunities->items.size(); ++i) {
      const std::string base = at("/missed_opportunities/items", i);
      add(base + "/title", missed_opportunities->items[i].title);
      add(base + "/body", missed_opportunities->items[i].body);
    }
  }
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const std::string base = at("/sections", i);
    add(base + "/title", sections[i].title);
    for (std::size_t q = 0; q < sections[i].questions.size(); ++q) {
      const ChoiceQuestion& question = sections[i].questions[q];
      const std::string question_base = at(base + "/questions", q);
      add(question_base + "/question", question.question);
      add_optional(question_base + "/hint", question.hint);
      for (std::size_t o = 0; o < question.options.size(); ++o)
        add(at(question_base + "/options", o) + "/label", question.options[o].label);
      add_optional(question_base + "/other", question.other);
    }
  }
  add("/top_n/question", top_n.question);
  for (std::size_t i = 0; i < open_questions.size(); ++i) {
    add(at("/open_questions", i) + "/question", open_questions[i].question);
    add_optional(at("/open_questions", i) + "/hint", open_questions[i].hint);
  }
  return out;
}

Result<Pack> parse_pack(std::string_view text, const std::string& origin) {
  auto parsed = parse_json(text, origin);
  if (!parsed) return parsed.errors();
  const json& root = parsed.value();
  if (!root.is_object()) {
    return Result<Pack>::failure(origin + ": expected a pack (a JSON object), got " +
                                 std::string(root.type_name()));
  }
  PackReader reader;
  Pack pack = reader.read(root);
  Errors& errors = reader.errors();
  if (!errors.lines.empty()) {
    for (auto& line : errors.lines) line = origin + ": " + line;
    return std::move(errors);
  }
  return pack;
}

Result<PackFile> load_pack_file(const std::filesystem::path& path) {
  auto bytes = read_text_file(path, kMaxPackBytes);
  if (!bytes) return bytes.errors();
  auto pack = parse_pack(bytes.value(), path.string());
  if (!pack) return pack.errors();
  return PackFile{std::move(pack.value()), std::move(bytes.value())};
}

}  // namespace peiling
