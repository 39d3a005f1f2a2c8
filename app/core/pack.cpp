#include "core/pack.hpp"

#include "core/json_file.hpp"

namespace peiling {

namespace {

using nlohmann::json;

// Reads {"nl": "...", "en": "..."} at pointer, requiring every pack language.
LocalizedText read_text(const json& node, const std::string& pointer, const std::vector<std::string>& languages,
                        Errors& errors) {
  LocalizedText text;
  if (!node.is_object()) {
    errors.lines.push_back(pointer + ": expected an object of language: text");
    return text;
  }
  for (const auto& language : languages) {
    auto it = node.find(language);
    if (it == node.end()) {
      errors.lines.push_back(pointer + "/" + language + ": missing translation");
    } else if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
      errors.lines.push_back(pointer + "/" + language + ": expected a non-empty string");
    } else {
      text.by_language[language] = it->get<std::string>();
    }
  }
  return text;
}

const json* member(const json& object, const char* key, const std::string& pointer, Errors& errors) {
  auto it = object.find(key);
  if (it == object.end()) {
    errors.lines.push_back(pointer + "/" + key + ": required");
    return nullptr;
  }
  return &*it;
}

}  // namespace

Result<Pack> parse_pack(const std::string& text, const std::string& origin) {
  auto parsed = parse_json(text, origin);
  if (!parsed) return parsed.errors();
  const json& root = parsed.value();
  Errors errors;
  if (!root.is_object()) return Result<Pack>::failure(origin + ": a pack is a JSON object");

  Pack pack;
  if (auto* format = member(root, "format", "", errors)) {
    if (*format != kPackFormat) {
      errors.lines.push_back("/format: unknown format " + format->dump() + ", expected \"" + kPackFormat + "\"");
    }
  }
  if (auto* id = member(root, "id", "", errors); id && id->is_string()) pack.id = id->get<std::string>();
  if (auto* version = member(root, "version", "", errors); version && version->is_number_integer()) {
    pack.version = version->get<int>();
  }
  if (auto* languages = member(root, "languages", "", errors); languages && languages->is_array()) {
    for (const auto& language : *languages) {
      if (language.is_string()) pack.languages.push_back(language.get<std::string>());
    }
  }
  if (pack.languages.empty()) errors.lines.push_back("/languages: at least one language is required");
  if (auto* title = member(root, "title", "", errors)) pack.title = read_text(*title, "/title", pack.languages, errors);
  if (auto* intro = member(root, "intro", "", errors)) {
    if (auto* question = member(*intro, "question", "/intro", errors)) {
      pack.question = read_text(*question, "/intro/question", pack.languages, errors);
    }
  }
  if (!errors.lines.empty()) {
    for (auto& line : errors.lines) line = origin + ": " + line;
    return errors;
  }
  return pack;
}

Result<Pack> load_pack_file(const std::filesystem::path& path) {
  auto text = read_text_file(path, kMaxPackBytes);
  if (!text) return text.errors();
  return parse_pack(text.value(), path.string());
}

}  // namespace peiling
