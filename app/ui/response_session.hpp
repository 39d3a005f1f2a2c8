#pragma once
// One respondent's answers: what the screens show and edit, persisted through the device store
// the moment they are given. A value shows as chosen only after its commit returned ok.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/conditions.hpp"
#include "core/pack.hpp"
#include "store/device_store.hpp"

namespace peiling::ui {

class ResponseSession {
 public:
  // Starts a response in the store. On failure returns the store's message for a person.
  static Result<ResponseSession, std::string> begin(store::DeviceStore& store, const Pack& pack,
                                                    std::string language, std::vector<std::string> points,
                                                    Mode mode = Mode::kiosk);
  // Continues a tablet draft with everything it holds.
  static Result<ResponseSession, std::string> resume(store::DeviceStore& store,
                                                     const std::string& response_id);

  const std::string& id() const { return id_; }
  const std::vector<std::string>& points() const { return points_; }

  // Each write returns true when committed; otherwise last_error() says why and nothing changed.
  bool set_role(std::optional<std::string> role);
  bool set_language(const std::string& language);
  bool rate(const std::string& item_id, const std::string& scale_id, Rating rating);
  // Saves the comment buffer of item if it differs from what the store has.
  bool save_comment(const std::string& item_id);
  bool save_open_answer(const std::string& question_id);
  // Saves every comment and open answer typed since its last save.
  bool save_texts();
  // The respondent reached this missed opportunity's page: noted once, answered or not.
  bool note_missed_shown(const std::string& item_id);
  bool toggle_top_choice(const std::string& point_id, int max_choices);
  bool move_top_choice(std::size_t from, std::size_t to);
  // Taps an option of a choice question: a single choice takes it, a multiple choice toggles it.
  // Questions the new choice hides lose their answers in the same transaction.
  bool choose(const Pack& pack, const ChoiceQuestion& question, const std::string& option_id);
  bool complete();
  // The respondent left: keep the partial response as abandoned, or delete it, as the pack says.
  bool end_unfinished(bool keep);

  const std::optional<std::string>& role() const { return role_; }
  std::optional<Rating> rating(const std::string& item_id, const std::string& scale_id) const;
  std::string& comment_buffer(const std::string& item_id) { return comments_[item_id].buffer; }
  std::string& open_answer_buffer(const std::string& question_id) {
    return open_answers_[question_id].buffer;
  }
  const std::vector<std::string>& top_choices() const { return top_choices_; }
  const ChosenOptions& choices() const { return choices_; }
  bool is_chosen(const std::string& question_id, const std::string& option_id) const;
  const std::string& language() const { return language_; }

  // The store's sentence for the operator (English), and its kind, from which the screens say it
  // in the respondent's language.
  const std::string& last_error() const { return last_error_; }
  std::optional<store::ErrorKind> last_error_kind() const { return last_error_kind_; }

  int rated_points() const;          // shown points with at least one answer (a value or "no opinion")
  int written_remarks() const;       // non-empty remarks on points and missed opportunities
  int written_open_answers() const;  // non-empty answers to open questions
  // The remark on an item as its field shows it (empty when there is none).
  std::string remark(const std::string& item_id) const;

 private:
  struct Text {
    std::string buffer;  // what the field shows
    std::string saved;   // what the store has
  };

  ResponseSession(store::DeviceStore& store, std::string id, std::vector<std::string> points,
                  std::string language)
      : store_(&store), id_(std::move(id)), points_(std::move(points)), language_(std::move(language)) {}
  bool check(const store::StoreStatus& status);

  store::DeviceStore* store_;
  std::string id_;
  std::vector<std::string> points_;  // in the order this respondent sees them
  std::optional<std::string> role_;
  std::map<std::pair<std::string, std::string>, Rating> ratings_;
  std::map<std::string, Text> comments_;
  std::map<std::string, Text> open_answers_;
  std::vector<std::string> top_choices_;
  std::set<std::string> missed_shown_;
  ChosenOptions choices_;
  std::string language_;  // the language it started in, or was last switched to
  std::string last_error_;
  std::optional<store::ErrorKind> last_error_kind_;
};

}  // namespace peiling::ui
