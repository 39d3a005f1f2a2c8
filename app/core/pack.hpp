#pragma once
// A content pack: everything one survey shows, in every language (formats "peiling.pack/1" and
// "peiling.pack/1.1"; 1.1 adds tablet settings, status scales, choice questions in sections with
// show_if, and references to points of an earlier pack).
// The binding description of the format is assets/packs/README.md and
// assets/schema/pack.schema.json; parse_pack() is the validator the apps trust.
#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/localized_text.hpp"
#include "core/response.hpp"
#include "core/result.hpp"

namespace peiling {

inline constexpr std::string_view kPackFormat = "peiling.pack/1";
inline constexpr std::string_view kPackFormatLatest = "peiling.pack/1.1";
inline constexpr int kPackFormatVersion = 1;
inline constexpr int kPackFormatMinor = 1;  // the newest minor this Peiling reads
inline constexpr std::size_t kMaxPackBytes = 4 << 20;
inline constexpr std::size_t kMaxPackLanguages = 8;
inline constexpr std::size_t kMaxTitleCodePoints = 200;
inline constexpr std::size_t kMaxTextCodePoints = 2000;  // bodies, questions, context and every other text

enum class PointSource { workgroup_1, workgroup_2, workgroup_3, workgroup_4, plenary, lecture, site_visits };
enum class PointLevel { client, professionals, policy };

// The spelling in the pack file, e.g. "workgroup-1", "site-visits", "professionals".
std::string_view to_string(PointSource source);
std::string_view to_string(PointLevel level);

struct Conference {
  std::string date;  // YYYY-MM-DD
  std::optional<LocalizedText> place;
  std::optional<LocalizedText> organisers;
};

struct Intro {
  LocalizedText question;  // the central question of the conference
  LocalizedText context;   // one to three sentences around it
};

enum class PointOrder { pack, random };

// What the pack may omit takes the value shown here; the ranges are enforced by parse_pack().
struct Settings {
  // Format 1.1. Kiosk: anonymous walk-ups with an idle reset. Tablet: every point, resumable drafts.
  Mode mode = Mode::kiosk;
  int draft_days = 30;                        // 1..365: a tablet draft untouched this long is abandoned
  PointOrder point_order = PointOrder::pack;  // tablet mode: the pack's order or shuffled
  bool auto_activate = false;                 // a device that imports this pack switches to it by itself
  bool contact_opt_in = false;                // offer "mail me the report", kept apart from the answers

  int idle_timeout_s = 90;         // 10..3600: an untouched kiosk returns to the welcome screen
  int idle_countdown_s = 15;       // 3..120: the warning shown before that
  bool keep_abandoned = true;      // keep partial answers, marked abandoned, rather than discard them
  int points_per_respondent = 12;  // 1..number of points
  int top_n_size = 3;              // 1..10, at most the number of points in top_n.from
  int min_group_size = 5;          // 2..100: reports hide groups smaller than this
};

struct Theme {
  std::string id;
  LocalizedText label;
};

// A rating scale has values min..max; a status scale (format 1.1) has the five values of
// kStatusValues, stored as 1..5 in that order.
enum class ScaleKind { rating, status };
inline constexpr std::array<std::string_view, 5> kStatusValues{"not-started", "planned", "started", "done",
                                                               "not-applicable"};

// Every value a scale of the pack format can have; the device store, the batch format and the
// hub take any of them (0 and negative included).
inline constexpr int kMinScaleValue = -100;
inline constexpr int kMaxScaleValue = 100;

struct Scale {
  std::string id;
  ScaleKind kind = ScaleKind::rating;
  LocalizedText question;
  int min = 1;
  int max = 5;
  std::vector<LocalizedText> labels;  // one per value, labels[v - min] for value v
  LocalizedText no_opinion;

  const LocalizedText& label(int value) const { return labels.at(static_cast<std::size_t>(value - min)); }
};

struct Role {
  std::string id;
  LocalizedText label;
};

struct Roles {
  LocalizedText question;
  std::vector<Role> options;
};

struct Scene {
  std::string id;
  LocalizedText title;
  LocalizedText body;
  LocalizedText who;
  std::vector<std::string> cites;  // where in the conference report this comes from
};

struct Vignette {
  LocalizedText title;
  std::vector<Scene> scenes;  // in the order they are shown
};

// A point of an earlier pack that a point of this one follows up (format 1.1).
struct PointRef {
  std::string pack;   // that pack's id
  std::string point;  // the point's id there
  bool operator==(const PointRef&) const = default;
};

struct Point {
  std::string id;
  std::optional<PointRef> refers_to;
  LocalizedText title;
  LocalizedText body;
  PointSource source = PointSource::plenary;
  std::optional<PointLevel> level;
  std::string theme;  // a Theme id
  std::vector<std::string> cites;
  std::vector<std::string> related;  // ids of other points with the same idea
};

struct MissedOpportunity {
  std::string id;
  LocalizedText title;
  LocalizedText body;
  PointSource source = PointSource::plenary;
  std::vector<std::string> cites;
};

struct MissedOpportunities {
  LocalizedText question;
  std::string scale;  // a Scale id
  std::vector<MissedOpportunity> items;
};

struct TopN {
  LocalizedText question;
  std::vector<std::string> from;  // point ids the respondent may choose from
};

struct OpenQuestion {
  std::string id;
  LocalizedText question;
  std::optional<LocalizedText> hint;
};

// Shows a question or section only when an earlier choice question has one of these options.
struct ShowIf {
  std::string question;             // the id of an earlier choice question
  std::vector<std::string> any_of;  // option ids of it ("other" when it offers other)
};

enum class QuestionType { single, multiple };
// The option id under which a question's "other" (with its free text) is stored.
inline constexpr std::string_view kOtherOption = "other";

struct ChoiceOption {
  std::string id;  // unique within its question
  LocalizedText label;
};

struct ChoiceQuestion {
  std::string id;
  QuestionType type = QuestionType::single;
  LocalizedText question;
  std::optional<LocalizedText> hint;
  std::vector<ChoiceOption> options;
  std::optional<LocalizedText> other;  // the label of an extra "other" option with a text field
  std::optional<ShowIf> show_if;
};

// A page of choice questions (format 1.1), shown after the points and missed opportunities.
struct Section {
  std::string id;
  LocalizedText title;
  std::optional<ShowIf> show_if;
  std::vector<ChoiceQuestion> questions;
};

// Where this device's responses go (all optional). Keys are raw bytes, decoded from the pack's
// base64; `peiling-hub keys show` prints them in that form.
inline constexpr std::size_t kHubKeyBytes = 32;
struct HubSettings {
  std::optional<std::string> url;       // http(s) address of the hub, for the network transport
  std::optional<std::string> token;     // shown to the hub by the network transport
  std::optional<std::string> sign_key;  // Ed25519 public key that signs the hub's acknowledgements
  std::optional<std::string> seal_key;  // X25519 public key: batch payloads are sealed to it
};

// One localized text of a pack and where it is (a JSON pointer such as "/points/3/title").
struct PackText {
  std::string pointer;
  const LocalizedText* text;
};

struct ThemePoints {
  const Theme* theme;
  std::vector<const Point*> points;  // in pack order
};

struct Pack {
  int format_minor = 0;  // 0 for peiling.pack/1, 1 for peiling.pack/1.1
  std::string id;
  int version = 0;
  std::vector<std::string> languages;  // the first is the source language
  LocalizedText title;
  Conference conference;
  Intro intro;
  Settings settings;
  std::vector<Theme> themes;
  std::vector<Scale> scales;
  std::vector<std::string> point_scales;  // scale ids every point is rated on
  std::optional<Roles> roles;
  Vignette vignette;
  std::vector<Point> points;
  std::optional<MissedOpportunities> missed_opportunities;
  TopN top_n;
  std::vector<Section> sections;
  std::vector<OpenQuestion> open_questions;
  std::optional<HubSettings> hub;

  // Lookups return nullptr for an unknown id; in a validated pack every reference resolves.
  const Point* point(std::string_view point_id) const;
  const Scale* scale(std::string_view scale_id) const;
  const Theme* theme(std::string_view theme_id) const;
  std::vector<ThemePoints> points_by_theme() const;  // in theme order, every theme listed
  // Every localized text, in document order; the pointers into this pack stay valid while it lives.
  std::vector<PackText> texts() const;
};

// A pack together with the exact bytes it was read from (the device store hashes and keeps them).
struct PackFile {
  Pack pack;
  std::string bytes;
};

// Parses and validates a pack. Every problem is reported, one line each:
// "<origin>: <JSON pointer>: <reason>", or "<origin>: <reason>" for the file as a whole.
Result<Pack> parse_pack(std::string_view text, const std::string& origin);
// Refuses files over kMaxPackBytes before reading them; the origin is the path as given.
Result<PackFile> load_pack_file(const std::filesystem::path& path);
// An id as packs spell them: lower-case letters, digits and '-', starting with a letter or digit.
bool is_valid_id(std::string_view id);

}  // namespace peiling
