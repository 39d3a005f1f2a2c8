#include "ui/response_session.hpp"

#include <algorithm>

namespace peiling::ui {

Result<ResponseSession, std::string> ResponseSession::begin(store::DeviceStore& store, const Pack& pack,
                                                            std::string language, std::vector<std::string> points) {
  store::NewResponse response;
  response.pack = {pack.id, pack.version};
  response.language = std::move(language);
  response.mode = store::Mode::kiosk;
  response.points_shown = points;
  auto id = store.begin_response(response);
  if (!id) return id.error().message;
  return ResponseSession(store, id.value(), std::move(points));
}

bool ResponseSession::check(const store::StoreStatus& status) {
  if (!status) {
    last_error_ = status.error().message;
    return false;
  }
  last_error_.clear();
  return true;
}

bool ResponseSession::set_role(std::optional<std::string> role) {
  if (!check(store_->set_role(id_, role))) return false;
  role_ = std::move(role);
  return true;
}

bool ResponseSession::set_language(const std::string& language) {
  return check(store_->set_language(id_, language));
}

bool ResponseSession::rate(const std::string& item_id, const std::string& scale_id, store::Rating rating) {
  auto revision = store_->record_answer(id_, item_id, scale_id, rating);
  if (!revision) {
    last_error_ = revision.error().message;
    return false;
  }
  ratings_.insert_or_assign({item_id, scale_id}, rating);
  last_error_.clear();
  return true;
}

std::optional<store::Rating> ResponseSession::rating(const std::string& item_id, const std::string& scale_id) const {
  auto it = ratings_.find({item_id, scale_id});
  if (it == ratings_.end()) return std::nullopt;
  return it->second;
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
  if (keep) {
    save_texts();
    return check(store_->abandon_response(id_));
  }
  return check(store_->discard_response(id_));
}

int ResponseSession::rated_points() const {
  std::set<std::string> rated;
  for (const auto& [key, rating] : ratings_) rated.insert(key.first);
  return static_cast<int>(std::count_if(points_.begin(), points_.end(), [&](const auto& id) { return rated.contains(id); }));
}

int ResponseSession::written_comments() const {
  int count = 0;
  for (const auto& [item, comment] : comments_) count += comment.saved.empty() ? 0 : 1;
  for (const auto& [question, answer] : open_answers_) count += answer.saved.empty() ? 0 : 1;
  return count;
}

}  // namespace peiling::ui
