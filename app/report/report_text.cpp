#include "report/report_text.hpp"

#include <array>

namespace peiling::report {

namespace {

constexpr ReportWords kDutch{
    .report_title = "Resultaten",
    .summary = "Samenvatting",
    .responses = "Reacties",
    .complete = "volledig",
    .abandoned_counted = "afgebroken (meegeteld)",
    .late = "daarvan te laat binnen (na de sluiting)",
    .rehearsal = "PROEF / REHEARSAL: alleen de proefreacties, die verder nergens meetellen",
    .devices = "Apparaten",
    .period = "Periode",
    .pack_versions = "Versies van de vragenlijst",
    .generated = "Gemaakt op",
    .points_ranked = "Verbeterpunten, op volgorde van belang",
    .rank = "#",
    .point = "Punt",
    .mean = "gemiddelde",
    .median = "mediaan",
    .ci95 = "95%-interval",
    .rated = "beoordeeld",
    .no_opinion = "geen mening",
    .shown = "getoond",
    .distribution = "verdeling 1–5",
    .low_to_high = "van laag naar hoog",
    .quadrant = "Kwadrant",
    .quadrant_title = "Belang × haalbaarheid",
    .quadrant_note =
        "Elk punt staat op zijn gemiddelden; het nummer is de plaats in de tabel. De assen tonen "
        "het deel van de schaal waarin de gemiddelden liggen. Punten die elkaar zouden bedekken, staan "
        "om hun plek heen, elk met een lijntje ernaartoe.",
    .top_n = "Top-keuzes",
    .chosen = "gekozen",
    .rank_score = "score",
    .groups_by_role = "Naar rol",
    .groups_by_version = "Naar versie van de vragenlijst",
    .group = "Groep",
    .no_role = "geen rol opgegeven",
    .merged_group = "samengevoegd",
    .version = "versie",
    .other_items = "Gemiste kansen",
    .comments = "Opmerkingen",
    .open_questions = "Open vragen",
    .how_to_read = "Zo leest u dit",
    .withheld = "Te weinig reacties",
    .live_title = "Wat vindt de zaal?",
    .live_refresh = "Vernieuwt elke 10 seconden",
    .quick_win = "snelle winst",
    .long_term = "werk voor de lange termijn",
    .easy_extra = "makkelijk meegenomen",
    .reconsider = "heroverwegen",
    .read_k = "Groepen van minder dan {k} reacties worden nooit getoond.",
    .read_excluded_abandoned =
        "Alleen volledige reacties tellen mee; {n} afgebroken reactie(s) zijn weggelaten.",
    .read_included_abandoned = "Afgebroken reacties tellen mee ({n}), naast de volledige.",
    .read_excluded_other =
        "Reacties van apparaten die nog niet zijn goedgekeurd of die zijn geblokkeerd, tellen niet mee.",
    .read_ranking =
        "De punten staan op volgorde van het gemiddelde belang (1–5); punten zonder oordeel staan "
        "onderaan.",
    .read_interval =
        "Het 95%-interval van het gemiddelde volgt uit de t-verdeling en wordt afgekapt op de uiteinden "
        "van de schaal; bij minder dan {n} oordelen staat er geen, omdat zo weinig oordelen meer zeggen "
        "over die enkelen dan over de zaal. Een smal interval betekent dat de zaal het eens is.",
    .read_quadrant =
        "Een punt telt als belangrijk of haalbaar als het gemiddelde minstens {y} (belang) of {x} "
        "(haalbaarheid) is, het midden van de schaal.",
    .read_top_n = "Top-keuzes: een eerste keuze telt {first} punten, de volgende telkens één minder.",
    .read_comments = "Opmerkingen staan letterlijk, op alfabet, zonder verband met andere antwoorden.",
    .read_merged =
        "Samengevoegd tot één groep omdat ze afzonderlijk te klein zijn of af te leiden zouden zijn: "
        "{groups}.",
    .withheld_sentence = "Er zijn {n} reactie(s), minder dan {k}: er worden geen uitkomsten getoond.",
    .series_title = "Van werkconferentie naar vervolgpeiling",
    .series_points = "Verbeterpunten: oordeel op de conferentie en wat ermee gedaan is",
    .not_followed_up = "niet nagevraagd",
    .answered = "beantwoord",
    .follow_up_status = "Stand bij de vervolgpeiling",
    .read_series_order = "De punten staan in de volgorde van de eerste vragenlijst, niet op belang.",
    .read_series_sources =
        "Belang, haalbaarheid en kwadrant komen uit de reacties op ‘{first}’; de stand van zaken "
        "(aantal per status, weet niet, n) uit de reacties op ‘{follow_up}’. Het zijn andere "
        "reacties: niemand wordt over beide gevolgd.",
    .read_series_k =
        "Elke vragenlijst valt apart onder de k-regel: heeft er een minder dan {k} reacties, dan staat "
        "daarvan alleen het aantal.",
    .read_series_not_followed = "‘Niet nagevraagd’: de vervolgpeiling vraagt niet naar dit punt.",
    .consensus_title = "Gedragen door alle rollen",
    .consensus_top = "Het breedst gedragen",
    .mean_top = "Het hoogst op gemiddelde",
    .consensus_differ = "Waar de rollen het meest verschillen",
    .consensus_score = "consensus",
    .consensus_spread = "verschil",
    .consensus_live = "Het breedst gedragen, over alle rollen",
    .consensus_live_least = "in elke rol ten minste {share}",
    .read_consensus =
        "Een punt wordt in een rolgroep gedragen als het op {scale} {from} of hoger krijgt; de "
        "percentages zijn het aandeel van de beoordelingen in die groep dat dat doet. De consensus is "
        "het product over de rolgroepen van (dragend + 1) / (beoordeeld + 2), zoals Pol.is "
        "groepsbrede consensus berekent: hij is alleen hoog als elke groep het punt draagt, terwijl "
        "een hoog gemiddelde ook van de grootste groep alleen kan komen. Alleen rolgroepen van ten "
        "minste {k} reacties staan er; kleinere zijn samengevoegd zoals in de tabel per rol. Punten "
        "die niet in elke groep zijn beoordeeld, ontbreken hier.",
    .consensus_unavailable =
        "Om de rollen te vergelijken zijn ten minste twee rolgroepen van {k} of meer reacties nodig; "
        "dit rapport heeft er {groups}.",
};

constexpr ReportWords kEnglish{
    .report_title = "Results",
    .summary = "Summary",
    .responses = "Responses",
    .complete = "complete",
    .abandoned_counted = "abandoned (counted)",
    .late = "of which arrived late (after closing)",
    .rehearsal = "REHEARSAL / PROEF: only the rehearsal responses, which nothing else counts",
    .devices = "Devices",
    .period = "Period",
    .pack_versions = "Questionnaire versions",
    .generated = "Generated",
    .points_ranked = "Improvement points, by importance",
    .rank = "#",
    .point = "Point",
    .mean = "mean",
    .median = "median",
    .ci95 = "95% interval",
    .rated = "rated",
    .no_opinion = "no opinion",
    .shown = "shown",
    .distribution = "distribution 1–5",
    .low_to_high = "low to high",
    .quadrant = "Quadrant",
    .quadrant_title = "Importance × feasibility",
    .quadrant_note =
        "Each point sits at its means; its number is its place in the table. The axes show the part "
        "of the scale where the means lie. Points that would cover each other are set around their "
        "place, each with a line to it.",
    .top_n = "Top choices",
    .chosen = "chosen",
    .rank_score = "score",
    .groups_by_role = "By role",
    .groups_by_version = "By questionnaire version",
    .group = "Group",
    .no_role = "no role given",
    .merged_group = "merged",
    .version = "version",
    .other_items = "Missed opportunities",
    .comments = "Comments",
    .open_questions = "Open questions",
    .how_to_read = "How to read this",
    .withheld = "Too few responses",
    .live_title = "What does the room think?",
    .live_refresh = "Refreshes every 10 seconds",
    .quick_win = "quick win",
    .long_term = "long-term work",
    .easy_extra = "easy extra",
    .reconsider = "reconsider",
    .read_k = "Groups of fewer than {k} responses are never shown.",
    .read_excluded_abandoned =
        "Only complete responses are counted; {n} abandoned response(s) were left out.",
    .read_included_abandoned = "Abandoned responses are counted ({n}), besides the complete ones.",
    .read_excluded_other = "Responses from devices not yet approved, or blocked, are not counted.",
    .read_ranking = "Points are ranked by their mean importance (1–5); points nobody rated come last.",
    .read_interval =
        "The 95% interval of the mean comes from Student's t and is cut to the ends of the scale; with "
        "fewer than {n} ratings there is none, as so few ratings say more about those few than about the "
        "room. A narrow interval means the room agrees.",
    .read_quadrant =
        "A point counts as important or feasible when its mean is at least {y} (importance) or {x} "
        "(feasibility), the middle of the scale.",
    .read_top_n = "Top choices: a first choice scores {first}, each next one one less.",
    .read_comments = "Comments are verbatim, in alphabetical order, unlinked from any other answer.",
    .read_merged = "Merged into one group because alone they are too small or could be derived: {groups}.",
    .withheld_sentence = "There are {n} response(s), fewer than {k}: no results are shown.",
    .series_title = "From conference to follow-up",
    .series_points = "Improvement points: rated at the conference, and what was done with them",
    .not_followed_up = "not followed up",
    .answered = "answered",
    .follow_up_status = "Status at the follow-up",
    .read_series_order = "Points are in the order of the first questionnaire, not ranked.",
    .read_series_sources =
        "Importance, feasibility and quadrant come from the responses to ‘{first}’; the status "
        "(count per status, don’t know, n) from the responses to ‘{follow_up}’. These are "
        "different responses: nobody is followed across both.",
    .read_series_k =
        "Each questionnaire falls under the k rule on its own: one with fewer than {k} responses "
        "shows only its count.",
    .read_series_not_followed = "‘Not followed up’: the follow-up survey does not ask about this point.",
    .consensus_title = "Supported across roles",
    .consensus_top = "Most widely supported",
    .mean_top = "Highest by mean",
    .consensus_differ = "Where the roles differ most",
    .consensus_score = "consensus",
    .consensus_spread = "difference",
    .consensus_live = "Most widely supported, across all roles",
    .consensus_live_least = "at least {share} in every role",
    .read_consensus =
        "A point is supported within a role group when it is rated {from} or higher on {scale}; the "
        "percentages are the share of the group’s ratings that are. The consensus is the product "
        "over the role groups of (supporting + 1) / (rated + 2), as Pol.is computes group-informed "
        "consensus: it is high only when every group supports the point, where a high mean can come "
        "from the largest group alone. Only role groups of at least {k} responses are shown, smaller "
        "ones merged as in the table by role. Points not rated in every group are left out here.",
    .consensus_unavailable =
        "Comparing the roles needs at least two role groups of {k} or more responses; this report "
        "has {groups}.",
};

}  // namespace

const ReportWords& words(std::string_view language) {
  return language == "nl" ? kDutch : kEnglish;
}

std::string_view quadrant_name(const ReportWords& words, Quadrant quadrant) {
  switch (quadrant) {
    case Quadrant::quick_win:
      return words.quick_win;
    case Quadrant::long_term:
      return words.long_term;
    case Quadrant::easy_extra:
      return words.easy_extra;
    case Quadrant::reconsider:
      return words.reconsider;
  }
  return "";
}

std::string scale_name(std::string_view scale_id, std::string_view language) {
  struct Name {
    std::string_view id, dutch, english;
  };
  constexpr std::array<Name, 3> kNames{{{"importance", "Belang", "Importance"},
                                        {"feasibility", "Haalbaarheid", "Feasibility"},
                                        {"recognisability", "Herkenbaarheid", "Recognisability"}}};
  for (const auto& name : kNames) {
    if (name.id == scale_id) return std::string(language == "nl" ? name.dutch : name.english);
  }
  return std::string(scale_id);
}

std::string format_optional(const std::optional<double>& value, int digits, std::string_view language) {
  return value ? format_decimal(*value, digits, language) : "–";
}

std::string format_date(UtcMillis at) {
  return format_rfc3339(at).substr(0, 10);
}

}  // namespace peiling::report
