#include "store/sqlite/survey_rows.hpp"

#include <array>
#include <atomic>
#include <future>
#include <optional>

#include "store/store_options.hpp"

namespace peiling::store::sqlite {

namespace {

constexpr std::string_view kAction = "read the responses for the report";

// Interns the names of a table's columns. Rows repeat a few dozen names (items, scales), so each
// name is first looked for in a small table of the last name seen per hash, with one comparison,
// before the names' own table is asked: at 100,000 responses interning was a tenth of the read.
class ColumnNames {
 public:
  explicit ColumnNames(SurveyData& data) : data_(data) { slots_.fill(kUnset); }
  NameId operator()(std::string_view name) {
    std::uint32_t hash = 2166136261u;  // FNV-1a: the names are a few bytes long
    for (const char byte : name) hash = (hash ^ static_cast<unsigned char>(byte)) * 16777619u;
    NameId& cached = slots_[hash % slots_.size()];
    if (cached != kUnset && data_.name(cached) == name) return cached;
    cached = data_.intern(name);
    return cached;
  }

 private:
  static constexpr NameId kUnset = static_cast<NameId>(-1);
  SurveyData& data_;
  std::array<NameId, 256> slots_{};
};

// The finished responses of the pack as a table expression; both texts are fixed, the pack id is
// bound as ?1.
std::string responses_of(StoreKind store, Counted counted) {
  const std::string table = store == StoreKind::device      ? "responses"
                            : counted == Counted::rehearsal ? "rehearsal_responses"
                                                            : "counted_responses";
  const std::string device = store == StoreKind::hub ? "device_id" : "''";
  // Only the hub marks responses late (they arrived after their pack closed).
  const std::string late = store == StoreKind::hub ? "late" : "0";
  return "(SELECT response_id, " + device +
         " AS device_id, pack_version, role, language, status, started_at_ms, "
         "coalesce(ended_at_ms, started_at_ms) AS ended_at_ms, " +
         late + " AS late FROM " + table + " WHERE pack_id = ?1 AND status IN ('complete', 'abandoned'))";
}

// Every row of sql, which names the pack as ?1 when pack_id is given.
template <class OnRow>
StoreStatus each_row(Connection& connection, const std::string& sql, const std::string* pack_id,
                     OnRow&& on_row) {
  auto select = connection.prepare(sql, kAction);
  if (!select) return select.error();
  if (pack_id) select->bind_text(1, *pack_id);
  return select->each(on_row);
}

// Where the rows of the tables beside responses are read, once the responses are known: those
// of responses[first, last), or of all of them.
struct RowSource {
  Connection& connection;
  const std::string& pack_id;
  const std::vector<SurveyResponse>& responses;  // in response id order
  bool whole_tables = true;
  std::size_t first = 0;
  std::size_t last = responses.size();
};

// The rows of one table, each under its response's index, in response id order as the responses
// are: one forward walk pairs them, comparing ids in place (a copy of the id, or a hash lookup,
// per row was most of the time at 100,000 responses). Rows of responses not among them (another
// pack's, an uncounted device's, one imported in between) are passed over. With whole_tables the
// table is read whole in its key order, which costs half of finding each response's rows by a
// join; else the join (responses leading, so one B-tree search per response) reads only this
// pack's rows. A part of the responses bounds the read by their ids (?2 and ?3), on the key.
template <class OnRow>
StoreStatus each_response_row(const RowSource& source, std::string_view columns, std::string_view table,
                              OnRow&& on_row) {
  const auto& responses = source.responses;
  if (source.first >= source.last) return Done{};
  const bool from_first = source.first > 0;
  const bool to_last = source.last < responses.size();
  const std::string id = source.whole_tables ? "t.response_id" : "r.response_id";
  std::string bounds = from_first ? id + " >= ?2" : "";
  if (to_last) bounds += (bounds.empty() ? "" : " AND ") + id + " < ?3";
  const std::string select = "SELECT t.response_id, " + std::string(columns);
  const std::string sql = source.whole_tables
                              ? select + " FROM " + std::string(table) + " t" +
                                    (bounds.empty() ? "" : " WHERE " + bounds) + " ORDER BY t.response_id"
                              : select + " FROM responses r CROSS JOIN " + std::string(table) +
                                    " t ON t.response_id = r.response_id WHERE r.pack_id = ?1" +
                                    (bounds.empty() ? "" : " AND " + bounds) + " ORDER BY r.response_id";
  auto rows = source.connection.prepare(sql, kAction);
  if (!rows) return rows.error();
  if (!source.whole_tables) rows->bind_text(1, source.pack_id);
  if (from_first) rows->bind_text(2, responses[source.first].id);
  if (to_last) rows->bind_text(3, responses[source.last].id);
  std::size_t next = source.first;
  return rows->each([&](const Statement& row) {
    const std::string_view row_id = row.text_view(0);
    int order = 1;
    while (next < source.last && (order = responses[next].id.compare(row_id)) < 0) ++next;
    if (order == 0) on_row(static_cast<ResponseIndex>(next), row);
  });
}

// The answers, half of all rows, in stretches of the responses that two readers take in turn: a
// thread of its own and, once done with the other tables, the thread that read them. With one
// thread reading all the answers, the other sat idle for a third of the read at 100,000
// responses. Each reader interns names of its own; merge renumbers them.
class AnswerStretches {
 public:
  static constexpr std::size_t kStretches = 32;

  // What one reader read: per stretch it took, the ratings, in the names of its own table.
  struct Share {
    SurveyData names;
    std::vector<std::pair<std::size_t, std::vector<SurveyRating>>> stretches;
  };

  explicit AnswerStretches(const RowSource& source) : source_(source) {}

  // Reads stretches on connection until none is left.
  StoreStatus read(Connection& connection, Share& share) {
    ColumnNames names(share.names);
    const std::size_t responses = source_.responses.size();
    for (std::size_t stretch; (stretch = next_.fetch_add(1)) < kStretches;) {
      auto& ratings = share.stretches.emplace_back(stretch, std::vector<SurveyRating>{}).second;
      const RowSource part{connection,
                           source_.pack_id,
                           source_.responses,
                           source_.whole_tables,
                           stretch * responses / kStretches,
                           (stretch + 1) * responses / kStretches};
      auto done = each_response_row(
          part, "t.item_id, t.scale_id, t.value", "answers",
          [&](ResponseIndex response, const Statement& row) {
            ratings.push_back({response, names(row.text_view(1)), names(row.text_view(2)),
                               row.is_null(3) ? kNoOpinion : static_cast<int>(row.integer(3))});
          });
      if (!done) return done;
    }
    return Done{};
  }

  // The shares' ratings into data in stretch order, so in response order, named in data's names.
  static void merge(std::vector<Share>& shares, SurveyData& data) {
    struct Stretch {
      const std::vector<NameId>* names = nullptr;
      const std::vector<SurveyRating>* ratings = nullptr;
    };
    std::vector<Stretch> in_order(kStretches);
    std::vector<std::vector<NameId>> renumbered(shares.size());
    std::size_t count = 0;
    for (std::size_t i = 0; i < shares.size(); ++i) {
      for (const auto& name : shares[i].names.names) renumbered[i].push_back(data.intern(name));
      for (const auto& [stretch, ratings] : shares[i].stretches) {
        in_order[stretch] = {&renumbered[i], &ratings};
        count += ratings.size();
      }
    }
    data.ratings.reserve(count);
    for (const auto& [names, ratings] : in_order) {
      if (!ratings) continue;
      for (SurveyRating rating : *ratings) {
        rating.item = (*names)[rating.item];
        rating.scale = (*names)[rating.scale];
        data.ratings.push_back(rating);
      }
    }
  }

 private:
  const RowSource& source_;
  std::atomic<std::size_t> next_{0};
};

// A read-only connection of its own to connection's database, when that is a file and connection
// holds no transaction whose rows another connection could not see. Its pages are read mapped:
// copying them through read() was a quarter of a report's time at 100,000 responses. Only these
// short-lived readers map the file, so the stores' own connections (an import's memory) are as
// they were.
std::optional<Connection> reading_connection(const Connection& connection) {
  const char* file = sqlite3_db_filename(connection.handle(), "main");
  if (!file || !*file || !sqlite3_get_autocommit(connection.handle())) return std::nullopt;
  auto opened = Connection::open(file, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, kAction);
  if (!opened) return std::nullopt;
  sqlite3_busy_timeout(opened->handle(), kDefaultBusyTimeoutMs);
  if (!opened->run_script("PRAGMA mmap_size = 1073741824", kAction)) return std::nullopt;
  return std::move(opened.value());
}

}  // namespace

StoreResult<SurveyData> read_survey_data(Connection& connection, StoreKind store, const std::string& pack_id,
                                         Counted which) {
  // Both readers are connections of their own when the database is a file (reading_connection).
  std::optional<Connection> own_connection = reading_connection(connection);
  Connection& reader = own_connection ? *own_connection : connection;
  SurveyData data;
  if (auto done = each_row(reader,
                           "SELECT response_id, device_id, pack_version, role, language, status, "
                           "started_at_ms, ended_at_ms, late FROM " +
                               responses_of(store, which) + " ORDER BY response_id",
                           &pack_id,
                           [&](const Statement& row) {
                             SurveyResponse& response = data.responses.emplace_back();
                             response.id = row.text_view(0);
                             response.device_id = row.text_view(1);
                             response.pack_version = static_cast<int>(row.integer(2));
                             if (!row.is_null(3)) response.role = row.text(3);
                             response.language = row.text_view(4);
                             response.complete = row.text_view(5) == "complete";
                             response.started_at = row.integer(6);
                             response.ended_at = row.integer(7);
                             response.late = row.integer(8) != 0;
                           });
      !done) {
    return done.error();
  }
  RowSource source{reader, pack_id, data.responses};
  if (auto counted = each_row(reader, "SELECT count(*) FROM responses", nullptr,
                              [&](const Statement& row) {
                                source.whole_tables =
                                    static_cast<std::int64_t>(data.responses.size()) * 2 >= row.integer(0);
                              });
      !counted) {
    return counted.error();
  }
  // A second reader of the answers, on a connection of its own, when the database is a file.
  AnswerStretches answers(source);
  std::vector<AnswerStretches::Share> shares(2);
  std::optional<Connection> answers_connection = reading_connection(connection);
  std::future<StoreStatus> answers_read;
  if (answers_connection) {
    answers_read =
        std::async(std::launch::async, [&] { return answers.read(*answers_connection, shares[1]); });
  }
  ColumnNames names(data);
  if (auto done = each_response_row(source, "t.point_id", "response_points",
                                    [&](ResponseIndex response, const Statement& row) {
                                      data.shown.push_back({response, names(row.text_view(1))});
                                    });
      !done) {
    return done.error();
  }
  // Missed opportunities count as shown the same way; older batches have none, and then only an
  // answer shows that one was seen.
  if (auto done = each_response_row(source, "t.item_id", "missed_shown",
                                    [&](ResponseIndex response, const Statement& row) {
                                      data.shown.push_back({response, names(row.text_view(1))});
                                    });
      !done) {
    return done.error();
  }
  if (auto done = each_response_row(
          source, "t.point_id, t.rank", "top_choices",
          [&](ResponseIndex response, const Statement& row) {
            data.top_choices.push_back({response, names(row.text_view(1)), static_cast<int>(row.integer(2))});
          });
      !done) {
    return done.error();
  }
  if (auto done =
          each_response_row(source, "t.item_id, t.text", "comments",
                            [&](ResponseIndex response, const Statement& row) {
                              data.comments.push_back({response, names(row.text_view(1)), row.text(2)});
                            });
      !done) {
    return done.error();
  }
  if (auto done =
          each_response_row(source, "t.question_id, t.text", "open_answers",
                            [&](ResponseIndex response, const Statement& row) {
                              data.open_answers.push_back({response, names(row.text_view(1)), row.text(2)});
                            });
      !done) {
    return done.error();
  }
  auto read_here = answers.read(reader, shares[0]);
  if (answers_connection) {
    if (auto done = answers_read.get(); !done) return done.error();
  }
  if (!read_here) return read_here.error();
  AnswerStretches::merge(shares, data);
  return data;
}

}  // namespace peiling::store::sqlite
