#include "sync/batch_format.hpp"

#include <sodium.h>

#include <set>
#include <utility>

#include "core/codec.hpp"
#include "core/json_file.hpp"
#include "core/pack.hpp"
#include "sync/json_fields.hpp"

namespace peiling::sync {

namespace {

using detail::array_of;
using detail::Fields;
using detail::Malformed;
using detail::malformed;
using nlohmann::json;
using nlohmann::ordered_json;

// No list in a response comes near this; it only keeps a hostile file from asking for more.
constexpr std::size_t kMaxListItems = 10'000;

ordered_json texts_json(const std::vector<TextEntry>& entries, const char* key_name, const char* time_name) {
  ordered_json out = ordered_json::array();
  for (const auto& entry : entries) {
    out.push_back({{key_name, entry.key},
                   {"text", entry.text},
                   {"revision", entry.revision},
                   {time_name, format_rfc3339(entry.written_at)}});
  }
  return out;
}

ordered_json response_json(const Response& response) {
  ordered_json answers = ordered_json::array();
  for (const auto& answer : response.answers) {
    answers.push_back(
        {{"item", answer.item_id},
         {"scale", answer.scale_id},
         {"value", answer.rating.is_skip() ? ordered_json(nullptr) : ordered_json(answer.rating.value())},
         {"revision", answer.revision},
         {"answered_at", format_rfc3339(answer.answered_at)}});
  }
  ordered_json out{{"id", response.id},
                   {"pack", {{"id", response.pack.id}, {"version", response.pack.version}}},
                   {"status", peiling::to_string(response.status)},
                   {"mode", peiling::to_string(response.mode)},
                   {"language", response.language},
                   {"role", response.role ? ordered_json(*response.role) : ordered_json(nullptr)},
                   {"started_at", format_rfc3339(response.started_at)},
                   {"ended_at", format_rfc3339(response.ended_at.value_or(response.started_at))},
                   {"points_shown", response.points_shown},
                   {"answers", std::move(answers)},
                   {"comments", texts_json(response.comments, "item", "written_at")},
                   {"open_answers", texts_json(response.open_answers, "question", "answered_at")},
                   {"top_choices", response.top_choices}};
  // Only a response that reached a missed opportunity carries the key; without it (and in older
  // batches) the hub counts one as shown only when it was answered, as before.
  if (!response.missed_shown.empty()) out["missed_shown"] = response.missed_shown;
  // Only a rehearsal response carries the key, so every other batch stays as it was.
  if (response.rehearsal) out["rehearsal"] = true;
  // Only responses to choice questions carry the key, so a kiosk batch stays as it was.
  if (!response.choices.empty()) {
    ordered_json choices = ordered_json::array();
    for (const auto& choice : response.choices) {
      choices.push_back({{"question", choice.question_id},
                         {"options", choice.options},
                         {"answered_at", format_rfc3339(choice.answered_at)}});
    }
    out["choices"] = std::move(choices);
  }
  return out;
}

// A list of distinct non-empty strings.
std::vector<std::string> distinct_texts(const json& node, const std::string& pointer) {
  std::vector<std::string> out;
  std::set<std::string, std::less<>> seen;
  const json& list = array_of(node, pointer, kMaxListItems);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = pointer + "/" + std::to_string(i);
    std::string text = detail::string_at(list[i], at);
    if (!seen.insert(text).second) malformed(at, "'" + text + "' is listed twice");
    out.push_back(std::move(text));
  }
  return out;
}

std::vector<TextEntry> decode_texts(const json& node, const std::string& pointer, const char* key_name,
                                    const char* time_name) {
  std::vector<TextEntry> out;
  std::set<std::string, std::less<>> seen;
  const json& list = array_of(node, pointer, kMaxListItems);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Fields entry(list[i], pointer + "/" + std::to_string(i),
                       {{key_name, true}, {"text", true}, {"revision", true}, {time_name, true}});
    TextEntry& text = out.emplace_back();
    text.key = entry.text(key_name);
    if (!seen.insert(text.key).second) malformed(entry.at(key_name), "'" + text.key + "' appears twice");
    // A text may be empty (a comment cleared); it need only be a string.
    const json& value = entry.get("text");
    if (!value.is_string())
      malformed(entry.at("text"), std::string("expected a string, got ") + value.type_name());
    text.text = value.get<std::string>();
    text.revision = static_cast<int>(entry.integer("revision", 1, INT32_MAX));
    text.written_at = entry.time(time_name);
  }
  return out;
}

Response decode_response(const json& node, const std::string& pointer) {
  const Fields fields(node, pointer,
                      {{"id", true},
                       {"pack", true},
                       {"status", true},
                       {"mode", true},
                       {"language", true},
                       {"role", false},
                       {"started_at", true},
                       {"ended_at", true},
                       {"points_shown", true},
                       {"answers", true},
                       {"comments", true},
                       {"open_answers", true},
                       {"top_choices", true},
                       {"missed_shown", false},
                       {"rehearsal", false},
                       {"choices", false}});
  Response response;
  response.id = fields.uuid("id");
  const Fields pack(fields.get("pack"), fields.at("pack"), {{"id", true}, {"version", true}});
  response.pack = {pack.text("id"), static_cast<int>(pack.integer("version", 1, INT32_MAX))};
  const std::string status = fields.text("status");
  if (status == "complete") {
    response.status = ResponseStatus::complete;
  } else if (status == "abandoned") {
    response.status = ResponseStatus::abandoned;
  } else {
    malformed(fields.at("status"), "'" + status + "' is not one of complete, abandoned");
  }
  const std::string mode = fields.text("mode");
  if (mode != "kiosk" && mode != "tablet")
    malformed(fields.at("mode"), "'" + mode + "' is not one of kiosk, tablet");
  response.mode = mode == "tablet" ? Mode::tablet : Mode::kiosk;
  response.language = fields.text("language");
  response.role = fields.optional_text("role");
  response.started_at = fields.time("started_at");
  response.ended_at = fields.time("ended_at");
  response.points_shown = distinct_texts(fields.get("points_shown"), fields.at("points_shown"));
  response.top_choices = distinct_texts(fields.get("top_choices"), fields.at("top_choices"));
  if (const json* missed = fields.find("missed_shown"))
    response.missed_shown = distinct_texts(*missed, fields.at("missed_shown"));
  if (fields.find("rehearsal")) response.rehearsal = fields.boolean("rehearsal");

  const json& answers = array_of(fields.get("answers"), fields.at("answers"), kMaxListItems);
  std::set<std::pair<std::string, std::string>> answered;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const Fields answer(
        answers[i], fields.at("answers") + "/" + std::to_string(i),
        {{"item", true}, {"scale", true}, {"value", true}, {"revision", true}, {"answered_at", true}});
    Answer& out = response.answers.emplace_back();
    out.item_id = answer.text("item");
    out.scale_id = answer.text("scale");
    if (!answered.emplace(out.item_id, out.scale_id).second) {
      malformed(answer.pointer(),
                "a second answer to item '" + out.item_id + "' on scale '" + out.scale_id + "'");
    }
    out.rating = answer.get("value").is_null()
                     ? Rating::skip()
                     : Rating::of(static_cast<int>(answer.integer("value", kMinScaleValue, kMaxScaleValue)));
    out.revision = static_cast<int>(answer.integer("revision", 1, INT32_MAX));
    out.answered_at = answer.time("answered_at");
  }
  response.comments = decode_texts(fields.get("comments"), fields.at("comments"), "item", "written_at");
  response.open_answers =
      decode_texts(fields.get("open_answers"), fields.at("open_answers"), "question", "answered_at");
  if (const json* choices_node = fields.find("choices")) {
    const json& choices = array_of(*choices_node, fields.at("choices"), kMaxListItems);
    std::set<std::string, std::less<>> questions;
    for (std::size_t i = 0; i < choices.size(); ++i) {
      const Fields choice(choices[i], fields.at("choices") + "/" + std::to_string(i),
                          {{"question", true}, {"options", true}, {"answered_at", true}});
      ChoiceEntry& out = response.choices.emplace_back();
      out.question_id = choice.text("question");
      if (!questions.insert(out.question_id).second)
        malformed(choice.at("question"), "'" + out.question_id + "' appears twice");
      out.options = distinct_texts(choice.get("options"), choice.at("options"));
      out.answered_at = choice.time("answered_at");
    }
  }
  return response;
}

template <class T>
Result<T> failure(const std::string& origin, const Malformed& problem) {
  return Result<T>::failure(origin + ": " + problem.line());
}

}  // namespace

std::string encode_payload(const BatchPayload& payload) {
  ordered_json responses = ordered_json::array();
  for (const auto& response : payload.responses) responses.push_back(response_json(response));
  const ordered_json out{{"batch_id", payload.batch_id},
                         {"device_id", payload.device_id},
                         {"seq", payload.seq},
                         {"created_at", format_rfc3339(payload.created_at)},
                         {"responses", std::move(responses)}};
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

EncodedBatch encode_batch_file(std::string_view payload_bytes, std::int64_t seq, const BatchSigner& signer,
                               const std::optional<std::string>& seal_key) {
  const std::string carried = seal_key ? seal(payload_bytes, *seal_key) : std::string(payload_bytes);
  const auto signature = signer.sign(carried);
  ordered_json envelope{
      {"format", kBatchFormat},
      {"device_id", signer.device_id},
      {"seq", seq},
      {"device_key", to_base64(signer.public_key)},
      {"payload_sha256", sha256_hex(carried)},
      {"signature", to_base64({reinterpret_cast<const char*>(signature.data()), signature.size()})}};
  if (seal_key) {
    envelope["sealed_payload"] = to_base64(carried);
  } else {
    envelope["payload"] = carried;
  }
  return {envelope.dump(2, ' ', false, json::error_handler_t::replace) + "\n", envelope["payload_sha256"]};
}

Result<VerifiedBatch> read_batch_file(std::string_view bytes, const std::string& origin) {
  auto parsed = parse_private_json(bytes, origin);
  if (!parsed) return Result<VerifiedBatch>::failure(parsed.errors().lines.front());
  try {
    detail::require_format(parsed.value(), kBatchFormat);
    const Fields fields(parsed.value(), "",
                        {{"format", true},
                         {"device_id", true},
                         {"seq", true},
                         {"device_key", true},
                         {"payload_sha256", true},
                         {"signature", true},
                         {"payload", false},
                         {"sealed_payload", false}});
    VerifiedBatch batch;
    batch.device_id = fields.uuid("device_id");
    batch.seq = fields.integer("seq", 1, INT64_MAX);
    batch.device_key = fields.base64("device_key", crypto_sign_PUBLICKEYBYTES);
    batch.payload_sha256 = fields.sha256_hex("payload_sha256");
    const std::string signature = fields.base64("signature", crypto_sign_BYTES);
    const bool plain = fields.find("payload") != nullptr;
    batch.sealed = fields.find("sealed_payload") != nullptr;
    if (plain == batch.sealed) malformed("", "expected exactly one of payload and sealed_payload");
    batch.payload = batch.sealed ? fields.base64("sealed_payload", 0) : fields.text("payload");
    if (sha256_hex(batch.payload) != batch.payload_sha256) {
      malformed("/payload_sha256", "does not match the payload; the file was changed or damaged");
    }
    if (!detail::signature_verifies(batch.payload, signature, batch.device_key)) {
      malformed("/signature",
                "does not verify with the device key; the file was changed or not signed by it");
    }
    return batch;
  } catch (const Malformed& problem) {
    return failure<VerifiedBatch>(origin, problem);
  }
}

Result<BatchPayload> decode_payload(std::string_view bytes, const VerifiedBatch& envelope,
                                    const std::string& origin) {
  auto parsed = parse_private_json(bytes, origin + ": payload");
  if (!parsed) return Result<BatchPayload>::failure(parsed.errors().lines.front());
  try {
    const Fields fields(
        parsed.value(), "/payload",
        {{"batch_id", true}, {"device_id", true}, {"seq", true}, {"created_at", true}, {"responses", true}});
    BatchPayload payload;
    payload.batch_id = fields.uuid("batch_id");
    payload.device_id = fields.uuid("device_id");
    payload.seq = fields.integer("seq", 1, INT64_MAX);
    // The envelope's copies are what a person (and the file name) sees; only the signed ones count.
    if (payload.device_id != envelope.device_id) {
      malformed(fields.at("device_id"), "the signed payload is from device " + payload.device_id +
                                            ", the envelope says " + envelope.device_id);
    }
    if (payload.seq != envelope.seq) {
      malformed(fields.at("seq"), "the signed payload is batch " + std::to_string(payload.seq) +
                                      ", the envelope says " + std::to_string(envelope.seq));
    }
    payload.created_at = fields.time("created_at");
    const json& responses = array_of(fields.get("responses"), fields.at("responses"), kMaxBatchResponses);
    if (responses.empty()) malformed(fields.at("responses"), "must not be empty");
    std::set<std::string, std::less<>> ids;
    for (std::size_t i = 0; i < responses.size(); ++i) {
      const std::string pointer = fields.at("responses") + "/" + std::to_string(i);
      Response response = decode_response(responses[i], pointer);
      if (!ids.insert(response.id).second)
        malformed(pointer + "/id", "response " + response.id + " appears twice");
      payload.responses.push_back(std::move(response));
    }
    return payload;
  } catch (const Malformed& problem) {
    return failure<BatchPayload>(origin, problem);
  }
}

std::string seal(std::string_view message, std::string_view public_key) {
  std::string sealed(message.size() + crypto_box_SEALBYTES, '\0');
  crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()),
                  reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                  reinterpret_cast<const unsigned char*>(public_key.data()));
  return sealed;
}

std::optional<std::string> unseal(std::string_view sealed, std::string_view public_key,
                                  std::string_view secret_key) {
  if (sealed.size() < crypto_box_SEALBYTES || public_key.size() != crypto_box_PUBLICKEYBYTES ||
      secret_key.size() != crypto_box_SECRETKEYBYTES) {
    return std::nullopt;
  }
  std::string message(sealed.size() - crypto_box_SEALBYTES, '\0');
  if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(message.data()),
                           reinterpret_cast<const unsigned char*>(sealed.data()), sealed.size(),
                           reinterpret_cast<const unsigned char*>(public_key.data()),
                           reinterpret_cast<const unsigned char*>(secret_key.data())) != 0) {
    return std::nullopt;
  }
  return message;
}

std::string batch_file_name(const std::string& device_id, std::int64_t seq) {
  return "peiling-" + device_id + "-" + std::to_string(seq) + ".json";
}

}  // namespace peiling::sync
