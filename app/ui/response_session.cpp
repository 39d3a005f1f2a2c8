#include "ui/response_session.hpp"

#include <algorithm>

namespace peiling::ui {

Result<ResponseSession, std::string> ResponseSession::begin(store::DeviceStore& store, const Pack& pack,
                                                            std::string language,
                                                            std::vector<std::string> points, Mode mode) {
  store::NewResponse response;
  response.pack = {pack.id, pack.version};
  response.language = language;
  response.mode = mode;
  response.points_shown = points;
  auto id = store.begin_response(response);
  if (!id) return id.error().message;
  return ResponseSession(store, id.value(), std::move(points), std::move(language));
}

Result<ResponseSession, std::string> ResponseSession::resume(store::DeviceStore& store,
                                                             const std::string& response_id) {
  auto stored = store.response(response_id);
  if (!stored) return stored.error().message;
  Response& response = stored.value();
  ResponseSession session(store, response.id, std::move(response.points_shown), response.language);
  session.role_ = response.role;
  for (const auto& answer : response.answers)
    session.ratings_.insert_or_assign({answer.item_id, answer.scale_id}, answer.rating);
  for (const auto& comment : response.comments) session.comments_[comment.key] = {comment.text, comment.text};
  for (const auto& answer : response.open_answers)
    session.open_answers_[answer.key] = {answer.text, answer.text};
  for (auto& choice : response.choices) session.choices_[choice.question_id] = std::move(choice.options);
  session.top_choices_ = std::move(response.top_choices);
  session.missed_shown_.insert(response.missed_shown.begin(), response.missed_shown.end());
  return session;
}

bool ResponseSession::check(const store::StoreStatus& status) {
  if (!status) {
    last_error_ = status.error().message;
    last_error_kind_ = status.error().kind;
    return false;
  }
  last_error_.clear();
  last_error_kind_.reset();
  return true;
}

bool ResponseSession::set_role(std::optional<std::string> role) {
  if (!check(store_->set_role(id_, role))) return false;
  role_ = std::move(role);
  return true;
}

bool ResponseSession::set_language(const std::string& language) {
  if (!check(store_->set_language(id_, language))) return false;
  language_ = language;
  return true;
}

bool ResponseSession::rate(const std::string& item_id, const std::string& scale_id, Rating rating) {
  auto revision = store_->record_answer(id_, item_id, scale_id, rating);
  if (!revision) return check(revision.error());
  ratings_.insert_or_assign({item_id, scale_id}, rating);
  return check(store::Done{});
}

std::optional<Rating> ResponseSession::rating(const std::string& item_id, const std::string& scale_id) const {
  auto it = ratings_.find({item_id, scale_id});
  if (it == ratings_.end()) return std::nullopt;
  return it->second;
}

bool ResponseSession::note_missed_shown(const std::string& item_id) {
  if (missed_shown_.contains(item_id)) return true;
  if (!check(store_->record_missed_shown(id_, item_id))) return false;
  missed_shown_.insert(item_id);
  return true;
}

bool ResponseSession::save_comment(const std::string& item_id) {
  Text& comment = comments_[item_id];
  if (comment.buffer == comment.saved) return true;
  if (!check(store_->set_comment(id_, item_id, comment.buffer))) return false;
  comment.saved = comment.buffer;
  return true;
}

bool ResponseSession::save_open_answer(const std::string& question_id) {
  Text& answer = open_answers_[question_id];
  if (answer.buffer == answer.saved) return true;
  if (!check(store_->record_open_answer(id_, question_id, answer.buffer))) return false;
  answer.saved = answer.buffer;
  return true;
}

bool ResponseSession::toggle_top_choice(const std::string& point_id, int max_choices) {
  std::vector<std::string> choices = top_choices_;
  auto it = std::find(choices.begin(), choices.end(), point_id);
  if (it != choices.end()) {
    choices.erase(it);
  } else if (static_cast<int>(choices.size()) < max_choices) {
    choices.push_back(point_id);
  } else {
    return false;
  }
  if (!check(store_->set_top_choices(id_, choices))) return false;
  top_choices_ = std::move(choices);
  return true;
}

bool ResponseSession::move_top_choice(std::size_t from, std::size_t to) {
  if (from >= top_choices_.size() || to >= top_choices_.size() || from == to) return false;
  std::vector<std::string> choices = top_choices_;
  std::swap(choices[from], choices[to]);
  if (!check(store_->set_top_choices(id_, choices))) return false;
  top_choices_ = std::move(choices);
  return true;
}

bool ResponseSession::is_chosen(const std::string& question_id, const std::string& option_id) const {
  auto it = choices_.find(question_id);
  return it != choices_.end() &&
         std::find(it->second.begin(), it->second.end(), option_id) != it->second.end();
}

bool ResponseSession::choose(const Pack& pack, const ChoiceQuestion& question, const std::string& option_id) {
  std::vector<std::string> options;
  if (question.type == QuestionType::single) {
    options.push_back(option_id);
  } else {
    options = choices_[question.id];
    auto it = std::find(options.begin(), options.end(), option_id);
    if (it != options.end()) {
      options.erase(it);
    } else {
      options.push_back(option_id);
    }
    std::sort(options.begin(), options.end());
  }
  ChosenOptions after = choices_;
  after[question.id] = options;
  // Only questions that hold something need clearing.
  std::vector<std::string> to_clear;
  for (const auto& hidden : visibility(pack, after).hidden_questions) {
    if (choices_.contains(hidden) || open_answers_.contains(hidden)) to_clear.push_back(hidden);
  }
  if (!check(store_->set_choices(id_, question.id, options, to_clear))) return false;
  choices_[question.id] = std::move(options);
  // The store drops the "other" text with the option, and everything of the hidden questions.
  if (!is_chosen(question.id, std::string(kOtherOption))) open_answers_.erase(question.id);
  for (const auto& hidden : to_clear) {
    choices_.erase(hidden);
    open_answers_.erase(hidden);
  }
  return true;
}

bool ResponseSession::save_texts() {
  bool all_saved = true;
  for (auto& [item, comment] : comments_) all_saved = save_comment(item) && all_saved;
  for (auto& [question, answer] : open_answers_) all_saved = save_open_answer(question) && all_saved;
  return all_saved;
}

bool ResponseSession::complete() {
  // Text typed into a field that still has focus belongs to the response.
  return save_texts() && check(store_->complete_response(id_));
}

bool ResponseSession::end_unfinished(bool keep) {
  if (!keep) return check(store_->discard_response(id_));
  // Abandoned even when its typed text cannot be saved; then that failure is the one reported.
  const bool texts_saved = save_texts();
  const std::string texts_error = last_error_;
  const auto texts_error_kind = last_error_kind_;
  if (!check(store_->abandon_response(id_))) return false;
  if (texts_saved) return true;
  last_error_ = texts_error;
  last_error_kind_ = texts_error_kind;
  return false;
}

int ResponseSession::rated_points() const {
  std::set<std::string> rated;
  for (const auto& [key, rating] : ratings_) rated.insert(key.first);
  return static_cast<int>(
      std::count_if(points_.begin(), points_.end(), [&](const auto& id) { return rated.contains(id); }));
}

int ResponseSession::written_remarks() const {
  return static_cast<int>(std::count_if(comments_.begin(), comments_.end(),
                                        [](const auto& comment) { return !comment.second.saved.empty(); }));
}

int ResponseSession::written_open_answers() const {
  return static_cast<int>(std::count_if(open_answers_.begin(), open_answers_.end(),
                                        [](const auto& answer) { return !answer.second.saved.empty(); }));
}

std::string ResponseSession::remark(const std::string& item_id) const {
  const auto found = comments_.find(item_id);
  return found == comments_.end() ? std::string() : found->second.buffer;
}

}  // namespace peiling::ui
