#include "report/report_html.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <utility>
#include <vector>

#include "core/catalog.hpp"
#include "report/report_consensus.hpp"
#include "report/report_text.hpp"

namespace peiling::report {

std::string_view value_colour(std::size_t slot, std::size_t slots) {
  // A 1..3 scale takes the ends and the middle of the five.
  if (slots <= 1) return kValueColours[2];
  const std::size_t index = slot * (kValueColours.size() - 1) / (slots - 1);
  return kValueColours[std::min(index, kValueColours.size() - 1)];
}

namespace {

std::string number(double value) {
  return format_decimal(value, 1, "en");  // SVG coordinates: always a point
}

}  // namespace

std::string stacked_bar_svg(const std::vector<BarSegment>& segments, const std::string& title) {
  int total = 0;
  for (const auto& segment : segments) total += segment.count;
  std::string svg =
      "<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\"><title>" +
      html_escape(title) + "</title>";
  if (total == 0) return svg + "<rect width=\"100\" height=\"10\" fill=\"#eee\"/></svg>";
  double x = 0;
  for (const auto& segment : segments) {
    if (segment.count == 0) continue;
    const double width = 100.0 * segment.count / total;
    svg += "<rect x=\"" + number(x) + "\" width=\"" + number(width + 0.05) + "\" height=\"10\" fill=\"" +
           std::string(segment.colour) + "\"/>";
    x += width;
  }
  return svg + "</svg>";
}

namespace {

// A stacked bar of the distribution, with the counts in its tooltip.
std::string distribution_svg(const ScaleSummary& scale, std::string_view language) {
  const ReportWords& w = words(language);
  std::string title;
  std::vector<BarSegment> segments;
  for (std::size_t i = 0; i < scale.distribution.size(); ++i) {
    title +=
        std::to_string(scale.min + static_cast<int>(i)) + ": " + std::to_string(scale.distribution[i]) + "  ";
    segments.push_back({scale.distribution[i], value_colour(i, scale.distribution.size())});
  }
  title += std::string(w.no_opinion) + ": " + std::to_string(scale.no_opinion);
  segments.push_back({scale.no_opinion, kNoOpinionColour});
  return stacked_bar_svg(segments, title);
}

// The colours of the bars: the values of the point scales from low to high, then "no opinion".
std::string legend(const Pack& pack, std::string_view language) {
  const ReportWords& w = words(language);
  const Scale* scale = pack.point_scales.empty() ? nullptr : pack.scale(pack.point_scales.front());
  if (!scale) return "";
  std::string html = "<p class=\"legend\">";
  const auto slots = static_cast<std::size_t>(scale->max - scale->min + 1);
  for (std::size_t i = 0; i < slots; ++i) {
    html += "<span><i style=\"background:" + std::string(value_colour(i, slots)) + "\"></i>" +
            std::to_string(scale->min + static_cast<int>(i)) + "</span> ";
  }
  return html + "<span>(" + std::string(w.low_to_high) +
         ")</span> <span><i style=\"background:" + std::string(kNoOpinionColour) + "\"></i>" +
         html_escape(w.no_opinion) + "</span></p>";
}

// The part of a scale the plot shows: the means' range widened to half steps, and always the
// threshold with half a step on either side, so the quadrant lines are in view.
struct AxisRange {
  double low, high;
};
AxisRange axis_range(double low_mean, double high_mean, double threshold, const Scale& scale) {
  const double low = std::min(std::floor((low_mean - 0.1) * 2) / 2, threshold - 0.5);
  const double high = std::max(std::ceil((high_mean + 0.1) * 2) / 2, threshold + 0.5);
  return {std::max<double>(scale.min, low), std::min<double>(scale.max, high)};
}

// How the dots of the plot are numbered: by their rank in the report's table, or by their place
// in the top choices listed beside the plot (the live page), unnumbered past that list.
enum class DotLabel { rank, top_place };

// A plot's box in SVG units, its markers and its type sizes. The report draws one for print and
// wide screens and one for phones, where the SVG is shown about 1:1, so that its numbers stay
// readable at 390 px; the live page its own, for a projector.
struct PlotGeometry {
  std::string_view name;  // its CSS class
  double width, height;   // the viewBox
  double left, right, top, bottom;
  double radius;  // of a numbered marker
  double label, tick, axis, corner;
};
constexpr PlotGeometry kWidePlot{"wide", 600, 460, 60, 575, 20, 410, 10, 12, 14, 14, 15};
constexpr PlotGeometry kPhonePlot{"phone", 360, 340, 50, 352, 12, 290, 11, 12, 12, 12, 11};
constexpr PlotGeometry kLivePlot{"live", 600, 460, 60, 575, 20, 410, 16, 18, 20, 20, 20};

// A point's marker: where its means put it, and where it is drawn when it would cover another.
struct Marker {
  const ItemSummary* point;
  double x, y;    // at its means
  double mx, my;  // drawn here
  std::string text;
};

// Where a marker's centre may be: inside the box, clear of the tick labels and corner names.
struct MarkerArea {
  double low_x, high_x, low_y, high_y;
};

// Moves the numbered markers that would cover each other apart, just enough that none does, so
// that every number stays readable; each stays in the area. Markers at the same place start on a
// small ring around it in the order of their numbers, clockwise from the top, then all are pushed
// apart pair by pair until none overlaps (or the area is too full to take them all).
void spread_covering(std::vector<Marker>& markers, const PlotGeometry& plot, const MarkerArea& area) {
  constexpr double kGap = 2;
  constexpr int kRounds = 400;
  std::vector<Marker*> numbered;
  for (auto& marker : markers) {
    if (!marker.text.empty()) numbered.push_back(&marker);
  }
  std::sort(numbered.begin(), numbered.end(),
            [](const Marker* a, const Marker* b) { return std::stoi(a->text) < std::stoi(b->text); });
  const auto same_place = [](const Marker* a, const Marker* b) {
    return std::hypot(a->x - b->x, a->y - b->y) < 0.5;
  };
  for (std::size_t i = 0; i < numbered.size(); ++i) {
    std::vector<Marker*> together;
    for (Marker* other : numbered) {
      if (same_place(numbered[i], other)) together.push_back(other);
    }
    if (together.size() < 2 || together.front() != numbered[i]) continue;  // each group once
    for (std::size_t k = 0; k < together.size(); ++k) {
      const double angle = -std::numbers::pi / 2 + 2 * std::numbers::pi * static_cast<double>(k) /
                                                       static_cast<double>(together.size());
      together[k]->mx = together[k]->x + std::cos(angle);
      together[k]->my = together[k]->y + std::sin(angle);
    }
  }
  const double apart = 2 * plot.radius + kGap;
  for (int round = 0; round < kRounds; ++round) {
    bool moved = false;
    for (std::size_t i = 0; i < numbered.size(); ++i) {
      for (std::size_t j = i + 1; j < numbered.size(); ++j) {
        Marker& a = *numbered[i];
        Marker& b = *numbered[j];
        const double dx = b.mx - a.mx, dy = b.my - a.my, distance = std::hypot(dx, dy);
        if (distance >= apart - 1e-6) continue;
        const double push = (apart - distance) / 2 + 0.01;
        const double ux = distance > 1e-9 ? dx / distance : 1, uy = distance > 1e-9 ? dy / distance : 0;
        a.mx -= ux * push, a.my -= uy * push;
        b.mx += ux * push, b.my += uy * push;
        moved = true;
      }
    }
    for (Marker* marker : numbered) {
      marker->mx = std::clamp(marker->mx, area.low_x, area.high_x);
      marker->my = std::clamp(marker->my, area.low_y, area.high_y);
    }
    if (!moved) break;
  }
}

// The importance × feasibility plot: each point at its two means. The means' range is drawn a
// marker's radius and more inside the box, so that no marker reaches the tick labels outside it,
// and below and above the quadrants' names in its corners.
std::string scatter_svg(const Aggregate& aggregate, const Pack& pack, std::string_view language,
                        DotLabel label, std::size_t listed, const PlotGeometry& plot) {
  if (!aggregate.quadrant_rule) return "";
  const QuadrantRule& rule = *aggregate.quadrant_rule;
  const ReportWords& w = words(language);
  const Scale* y_scale = pack.scale(rule.y_scale);
  const Scale* x_scale = pack.scale(rule.x_scale);
  if (!y_scale || !x_scale) return "";
  std::vector<std::pair<const ItemSummary*, std::pair<double, double>>> placed;  // (x mean, y mean)
  for (const auto& point : aggregate.points) {
    const ScaleSummary* x = point.scale(rule.x_scale);
    const ScaleSummary* y = point.scale(rule.y_scale);
    if (x && y && x->mean && y->mean) placed.push_back({&point, {*x->mean, *y->mean}});
  }
  double x_low = rule.x_threshold, x_high = rule.x_threshold, y_low = rule.y_threshold,
         y_high = rule.y_threshold;
  for (const auto& [point, at] : placed) {
    x_low = std::min(x_low, at.first), x_high = std::max(x_high, at.first);
    y_low = std::min(y_low, at.second), y_high = std::max(y_high, at.second);
  }
  const AxisRange x_range = axis_range(x_low, x_high, rule.x_threshold, *x_scale);
  const AxisRange y_range = axis_range(y_low, y_high, rule.y_threshold, *y_scale);
  const double x_inset = plot.radius + 6, y_inset = plot.radius + plot.corner + 8;
  const auto x_of = [&](double v) {
    return plot.left + x_inset +
           (plot.right - plot.left - 2 * x_inset) * (v - x_range.low) / (x_range.high - x_range.low);
  };
  const auto y_of = [&](double v) {
    return plot.bottom - y_inset -
           (plot.bottom - plot.top - 2 * y_inset) * (v - y_range.low) / (y_range.high - y_range.low);
  };
  const auto size = [](double pixels) { return " font-size=\"" + number(pixels) + "\""; };
  std::string svg = "<svg class=\"scatter " + std::string(plot.name) + "\" viewBox=\"0 0 " +
                    number(plot.width) + " " + number(plot.height) + "\" role=\"img\"><title>" +
                    html_escape(w.quadrant_title) + "</title>";
  svg += "<rect class=\"plot\" x=\"" + number(plot.left) + "\" y=\"" + number(plot.top) + "\" width=\"" +
         number(plot.right - plot.left) + "\" height=\"" + number(plot.bottom - plot.top) + "\"/>";
  // Ticks every half step, outside the box.
  for (double v = x_range.low; v <= x_range.high + 1e-9; v += 0.5) {
    svg += "<text class=\"tick\" x=\"" + number(x_of(v)) + "\" y=\"" + number(plot.bottom + plot.tick + 4) +
           "\"" + size(plot.tick) + " text-anchor=\"middle\">" + format_decimal(v, 1, language) + "</text>";
  }
  for (double v = y_range.low; v <= y_range.high + 1e-9; v += 0.5) {
    svg += "<text class=\"tick\" x=\"" + number(plot.left - 6) + "\" y=\"" +
           number(y_of(v) + plot.tick * 0.35) + "\"" + size(plot.tick) + " text-anchor=\"end\">" +
           format_decimal(v, 1, language) + "</text>";
  }
  svg += "<line class=\"threshold\" x1=\"" + number(x_of(rule.x_threshold)) + "\" x2=\"" +
         number(x_of(rule.x_threshold)) + "\" y1=\"" + number(plot.top) + "\" y2=\"" + number(plot.bottom) +
         "\"/>";
  svg += "<line class=\"threshold\" y1=\"" + number(y_of(rule.y_threshold)) + "\" y2=\"" +
         number(y_of(rule.y_threshold)) + "\" x1=\"" + number(plot.left) + "\" x2=\"" + number(plot.right) +
         "\"/>";
  const auto corner = [&](double x, double y, std::string_view anchor, Quadrant quadrant) {
    svg += "<text class=\"corner\" x=\"" + number(x) + "\" y=\"" + number(y) + "\"" + size(plot.corner) +
           " text-anchor=\"" + std::string(anchor) + "\">" + html_escape(quadrant_name(w, quadrant)) +
           "</text>";
  };
  corner(plot.right - 6, plot.top + plot.corner + 4, "end", Quadrant::quick_win);
  corner(plot.left + 6, plot.top + plot.corner + 4, "start", Quadrant::long_term);
  corner(plot.right - 6, plot.bottom - 6, "end", Quadrant::easy_extra);
  corner(plot.left + 6, plot.bottom - 6, "start", Quadrant::reconsider);
  svg += "<text class=\"axis\" x=\"" + number((plot.left + plot.right) / 2) + "\" y=\"" +
         number(plot.height - 6) + "\"" + size(plot.axis) + " text-anchor=\"middle\">" +
         html_escape(scale_name(rule.x_scale, language)) + "</text>";
  svg += "<text class=\"axis\" transform=\"translate(" + number(plot.axis) + " " +
         number((plot.top + plot.bottom) / 2) + ") rotate(-90)\"" + size(plot.axis) +
         " text-anchor=\"middle\">" + html_escape(scale_name(rule.y_scale, language)) + "</text>";
  const auto number_of = [&](const ItemSummary& point) -> std::string {
    if (label == DotLabel::rank) return std::to_string(point.rank);
    for (std::size_t place = 0; place < aggregate.top_n.size() && place < listed; ++place) {
      if (&aggregate.points[aggregate.top_n[place]] == &point) return std::to_string(place + 1);
    }
    return "";
  };
  std::vector<Marker> markers;
  for (const auto& [point, at] : placed) {
    const double x = x_of(at.first), y = y_of(at.second);
    markers.push_back({point, x, y, x, y, number_of(*point)});
  }
  spread_covering(markers, plot,
                  {plot.left + x_inset, plot.right - x_inset, plot.top + y_inset, plot.bottom - y_inset});
  // Unnumbered dots first, so the numbered ones are drawn on top, and those from the last number to
  // the first, so that of dots lying close together the best placed stays readable.
  std::stable_sort(markers.begin(), markers.end(), [](const Marker& a, const Marker& b) {
    if (a.text.empty() != b.text.empty()) return a.text.empty();
    return !a.text.empty() && std::stoi(a.text) > std::stoi(b.text);
  });
  // The lines from moved markers to their places first, so that no line crosses a marker.
  const auto moved = [&](const Marker& marker) {
    return std::hypot(marker.mx - marker.x, marker.my - marker.y) > plot.radius / 2;
  };
  for (const auto& marker : markers) {
    if (!moved(marker)) continue;
    svg += "<line class=\"lead\" x1=\"" + number(marker.x) + "\" y1=\"" + number(marker.y) + "\" x2=\"" +
           number(marker.mx) + "\" y2=\"" + number(marker.my) + "\"/><circle class=\"spot\" cx=\"" +
           number(marker.x) + "\" cy=\"" + number(marker.y) + "\" r=\"2\"/>";
  }
  for (const auto& marker : markers) {
    const bool numbered = !marker.text.empty();
    svg += "<g><title>" + html_escape(item_title(pack, marker.point->item_id, language)) +
           "</title><circle cx=\"" + number(marker.mx) + "\" cy=\"" + number(marker.my) + "\" r=\"" +
           number(numbered ? plot.radius : 4) + "\"" + (numbered ? "" : " class=\"other\"") + "/>";
    if (numbered) {
      svg += "<text class=\"label\" x=\"" + number(marker.mx) + "\" y=\"" +
             number(marker.my + plot.label * 0.36) + "\"" + size(plot.label) + " text-anchor=\"middle\">" +
             marker.text + "</text>";
    }
    svg += "</g>";
  }
  return svg + "</svg>";
}

// label names the scale where a phone shows the cell without its column's heading.
std::string scale_cell(const ScaleSummary* scale, const std::string& label, std::string_view language) {
  if (!scale) return "<td></td>";
  const ReportWords& w = words(language);
  std::string cell = "<td class=\"scale\" data-label=\"" + html_escape(label) + "\"><b>" +
                     format_optional(scale->mean, 2, language) + "</b>";
  if (scale->ci95) {
    cell += " <small class=\"ci\">(" + format_decimal(scale->ci95->low, 2, language) + "–" +
            format_decimal(scale->ci95->high, 2, language) + ")</small>";
  }
  cell += "<br>" + distribution_svg(*scale, language) + "<br><small>" + std::string(w.median) + " " +
          format_optional(scale->median, 1, language) + " · n " + std::to_string(scale->rated);
  if (scale->no_opinion > 0)
    cell += " · " + std::string(w.no_opinion) + " " + std::to_string(scale->no_opinion);
  return cell + "</small></td>";
}

std::string scale_header(const std::string& scale_id, std::string_view language) {
  return "<th>" + html_escape(scale_name(scale_id, language)) + " <small>(" +
         std::string(words(language).mean) + ", " + std::string(words(language).ci95) + ")</small></th>";
}

std::string points_table(const Aggregate& aggregate, const Pack& pack, std::string_view language) {
  const ReportWords& w = words(language);
  std::string html = "<div class=\"wide\"><table class=\"points\"><thead><tr><th>" + std::string(w.rank) +
                     "</th><th>" + std::string(w.point) + "</th>";
  for (const auto& scale_id : pack.point_scales) html += scale_header(scale_id, language);
  html += "<th class=\"hide-narrow\">" + std::string(w.quadrant) + "</th></tr></thead><tbody>";
  for (const auto& point : aggregate.points) {
    html += "<tr><td class=\"n\">" + std::to_string(point.rank) + "</td><td>" +
            html_escape(item_title(pack, point.item_id, language)) + " <small class=\"id\">" +
            html_escape(point.item_id) + " · " + std::string(w.shown) + " " +
            std::to_string(point.scales.empty() ? 0 : point.scales.front().shown) + "</small></td>";
    for (const auto& scale_id : pack.point_scales) {
      html += scale_cell(point.scale(scale_id), scale_name(scale_id, language), language);
    }
    html += "<td class=\"hide-narrow\">" +
            (point.quadrant ? html_escape(quadrant_name(w, *point.quadrant)) : std::string("–")) +
            "</td></tr>";
  }
  return html + "</tbody></table></div>";
}

std::string top_n_table(const Aggregate& aggregate, const Pack& pack, std::string_view language,
                        std::size_t limit) {
  const ReportWords& w = words(language);
  if (aggregate.top_n.empty()) return "<p>–</p>";
  const int best = aggregate.points[aggregate.top_n.front()].rank_score;
  std::string html = "<table class=\"top\"><thead><tr><th class=\"n\">#</th><th>" + std::string(w.point) +
                     "</th><th class=\"n\">" + std::string(w.rank_score) + "</th><th class=\"n\">" +
                     std::string(w.chosen) + "</th></tr></thead><tbody>";
  for (std::size_t place = 0; place < aggregate.top_n.size() && place < limit; ++place) {
    const ItemSummary& point = aggregate.points[aggregate.top_n[place]];
    const double share = best > 0 ? 100.0 * point.rank_score / best : 0;
    html += "<tr><td class=\"n\">" + std::to_string(place + 1) + "</td><td>" +
            html_escape(item_title(pack, point.item_id, language)) +
            "<span class=\"score\"><span style=\"width:" + number(share) +
            "%\"></span></span></td><td class=\"n\">" + std::to_string(point.rank_score) +
            "</td><td class=\"n\">" + std::to_string(point.chosen) + "×</td></tr>";
  }
  return html + "</tbody></table>";
}

std::string groups_table(const Aggregate& aggregate, const GroupSplit& split, const Pack& pack,
                         std::string_view language) {
  const ReportWords& w = words(language);
  if (split.groups.empty()) return "<p>–</p>";
  const std::string ranking_scale = aggregate.quadrant_rule     ? aggregate.quadrant_rule->y_scale
                                    : pack.point_scales.empty() ? std::string()
                                                                : pack.point_scales.front();
  std::string html = "<div class=\"wide\"><table class=\"groups\"><thead><tr><th>" + std::string(w.point) +
                     " <small>(" + html_escape(scale_name(ranking_scale, language)) + ", " +
                     std::string(w.mean) + ")</small></th>";
  for (const auto& group : split.groups) {
    html += "<th class=\"n\">" + html_escape(group_label(pack, split, group, language)) + "<br><small>n " +
            std::to_string(group.responses) + "</small></th>";
  }
  html += "</tr></thead><tbody>";
  // At phone width a row is a card: the point, then each group's mean under its name.
  std::vector<std::string> labels;
  for (const auto& group : split.groups) {
    labels.push_back(html_escape(group_label(pack, split, group, language) + " (n " +
                                 std::to_string(group.responses) + ")"));
  }
  for (std::size_t i = 0; i < aggregate.points.size(); ++i) {
    html += "<tr><td class=\"point\">" + std::to_string(aggregate.points[i].rank) + ". " +
            html_escape(item_title(pack, aggregate.points[i].item_id, language)) + "</td>";
    for (std::size_t g = 0; g < split.groups.size(); ++g) {
      const GroupSummary& group = split.groups[g];
      const ScaleSummary* scale = i < group.points.size() ? group.points[i].scale(ranking_scale) : nullptr;
      html += "<td class=\"n\" data-label=\"" + labels[g] + "\">" +
              (scale ? format_optional(scale->mean, 2, language) : std::string("–")) + "</td>";
    }
    html += "</tr>";
  }
  html += "</tbody></table></div>";
  if (!split.merged.empty()) {
    std::string names;
    for (const auto& group : split.groups) {
      if (!group.merged_keys.empty()) names = group_label(pack, split, group, language);
    }
    html += "<p class=\"note\">" + html_escape(fill(w.read_merged, {{"groups", names}})) + "</p>";
  }
  return html;
}

std::string other_items_table(const Aggregate& aggregate, const Pack& pack, std::string_view language) {
  const ReportWords& w = words(language);
  std::string html = "<div class=\"wide\"><table><thead><tr><th>" + std::string(w.point) + "</th><th>" +
                     std::string(w.mean) + "</th></tr></thead><tbody>";
  for (const auto& item : aggregate.other_items) {
    html += "<tr><td>" + html_escape(item_title(pack, item.item_id, language)) + "</td>" +
            scale_cell(item.scales.empty() ? nullptr : &item.scales.front(), std::string(w.mean), language) +
            "</tr>";
  }
  return html + "</tbody></table></div>";
}

std::string comment_sections(const std::vector<CommentSet>& sets, const Pack& pack,
                             std::string_view language) {
  std::string html;
  for (const auto& set : sets) {
    html += "<h3>" + html_escape(item_title(pack, set.key, language)) + " <small>(" +
            std::to_string(set.texts.size()) + ")</small></h3><ul class=\"comments\">";
    for (const auto& text : set.texts) html += "<li>" + html_escape(text) + "</li>";
    html += "</ul>";
  }
  return html;
}

std::string how_to_read(const Aggregate& aggregate, const Pack& pack, std::string_view language) {
  const ReportWords& w = words(language);
  std::vector<std::string> sentences{fill(w.read_k, {{"k", std::to_string(aggregate.options.k)}})};
  if (aggregate.options.include_abandoned) {
    sentences.push_back(fill(w.read_included_abandoned, {{"n", std::to_string(aggregate.abandoned)}}));
  } else {
    sentences.push_back(
        fill(w.read_excluded_abandoned, {{"n", std::to_string(aggregate.abandoned_excluded)}}));
  }
  sentences.emplace_back(w.read_excluded_other);
  sentences.emplace_back(w.read_ranking);
  sentences.push_back(fill(w.read_interval, {{"n", std::to_string(kMinRatedForInterval)}}));
  if (aggregate.quadrant_rule) {
    sentences.push_back(
        fill(w.read_quadrant, {{"y", format_decimal(aggregate.quadrant_rule->y_threshold, 1, language)},
                               {"x", format_decimal(aggregate.quadrant_rule->x_threshold, 1, language)}}));
  }
  sentences.push_back(fill(w.read_top_n, {{"first", std::to_string(pack.settings.top_n_size)}}));
  sentences.emplace_back(w.read_comments);
  std::string html = "<ul class=\"read\">";
  for (const auto& sentence : sentences) html += "<li>" + html_escape(sentence) + "</li>";
  return html + "</ul>";
}

constexpr std::string_view kReportCss = R"css(
*{box-sizing:border-box}
body{font:16px/1.45 "DejaVu Sans",Verdana,sans-serif;color:#1a1a1a;margin:0 auto;max-width:62rem;padding:1rem 1.2rem}
h1{font-size:1.9rem;margin:.2rem 0 .3rem}
h2{font-size:1.35rem;border-bottom:2px solid #333;margin:2rem 0 .6rem;padding-bottom:.2rem}
h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
small{color:#555}
.sub{color:#444;margin:0}
dl.summary{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dl.summary dt{font-weight:bold}
dl.summary dd{margin:0}
.wide{overflow-x:auto}
table{border-collapse:collapse;width:100%}
th,td{padding:.35rem .4rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
th{font-size:.9rem;border-bottom:2px solid #999}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td.scale{white-space:nowrap}
small.id{display:block}
svg.bar{width:8rem;height:.8rem;vertical-align:middle;border:1px solid #999}
.legend span{white-space:nowrap;margin-right:.8rem;font-size:.9rem}
.legend i{display:inline-block;width:.9rem;height:.9rem;vertical-align:-.1rem;margin-right:.3rem;border:1px solid #999}
svg.scatter{width:100%;max-width:40rem;height:auto;display:block;margin:.5rem 0}
svg.scatter.phone{display:none}
.scatter .plot{fill:#fafafa;stroke:#999}
.scatter .threshold{stroke:#666;stroke-dasharray:6 4}
.scatter circle{fill:#2166ac;fill-opacity:.9;stroke:#fff;stroke-width:1.5}
.scatter circle.spot{fill:#333;stroke:none}
.scatter .lead{stroke:#333;stroke-width:1}
.scatter .label{fill:#fff;font-weight:bold}
.scatter .tick,.scatter .axis{fill:#333}
.scatter .corner{fill:#777;font-style:italic}
table.top td{padding:.25rem .4rem}
.score{display:block;height:.45rem;background:#eee;margin-top:.15rem}
.score span{display:block;height:100%;background:#2166ac}
ul.comments li{white-space:pre-wrap;margin:.25rem 0}
.note{font-size:.92rem;color:#444}
.withheld{font-size:1.2rem;border:2px solid #b2182b;padding:1rem}
@media (max-width:40rem){
  body{font-size:15px;padding:.6rem}
  h1{font-size:1.45rem}
  small.ci{display:block}
  dl.summary{grid-template-columns:1fr;gap:0}
  dl.summary dd{margin-bottom:.35rem}
  .hide-narrow{display:none}
  svg.bar{width:5.5rem}
  th,td{padding:.3rem .25rem}
  td.scale{white-space:normal}
  /* The points table stacks: rank and point, then each scale under its own name. */
  table.points thead{display:none}
  table.points tr{display:grid;grid-template-columns:1.6rem 1fr;border-bottom:1px solid #ccc;padding:.3rem 0}
  table.points td{display:block;border:0}
  table.points td.hide-narrow{display:none}
  table.points td.scale{grid-column:2}
  table.points td.scale::before{content:attr(data-label);display:block;font-size:.8em;color:#555}
  /* The split tables stack too: the point, then its mean in each group, under the group's name. */
  table.groups thead{display:none}
  table.groups tr{display:flex;flex-wrap:wrap;border-bottom:1px solid #ccc;padding:.3rem 0}
  table.groups td{display:block;border:0;text-align:left;flex:1 1 7.5rem}
  table.groups td.point{flex-basis:100%;font-weight:bold}
  table.groups td.n::before{content:attr(data-label);display:block;font-size:.8em;color:#555}
  /* The plot drawn for a phone: about 1:1, so its numbers keep their size. */
  svg.scatter.wide{display:none}
  svg.scatter.phone{display:block}
}
@media print{
  @page{size:A4;margin:14mm 12mm}
  body{max-width:none;padding:0;font-size:9.5pt}
  h2{break-after:avoid}
  tr,li,svg,h3{break-inside:avoid}
  .wide{overflow:visible}
  svg.scatter{max-width:15cm}
  svg.scatter.wide{display:block}
  svg.scatter.phone{display:none}
}
)css";

std::string page_head(std::string_view language, const std::string& title, std::string_view css,
                      std::string_view extra) {
  return "<!DOCTYPE html>\n<html lang=\"" + html_escape(language) +
         "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
         "content=\"width=device-width,initial-scale=1\">" +
         std::string(extra) + "<title>" + html_escape(title) + "</title><style>" + std::string(css) +
         "</style></head>";
}

}  // namespace

std::string report_page_head(std::string_view language, const std::string& title,
                             std::string_view extra_css) {
  return page_head(language, title, std::string(kReportCss) + std::string(extra_css), "");
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\0':
        out += "&#xFFFD;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string report_html(const Aggregate& aggregate, const Pack& pack, const ReportContext& context) {
  const std::string& language = context.language;
  const ReportWords& w = words(language);
  const std::string title = std::string(pack.title.in(language)) + " — " + std::string(w.report_title);
  std::string html =
      report_page_head(language, title, "") + "<body><header><h1>" + html_escape(title) + "</h1>";
  std::string sub = pack.conference.date;
  if (pack.conference.place) sub += " · " + std::string(pack.conference.place->in(language));
  html += "<p class=\"sub\">" + html_escape(sub) + "</p></header>";
  if (context.rehearsal)
    html += "<p class=\"rehearsal\"><strong>" + std::string(w.rehearsal) + "</strong></p>";

  html += "<section id=\"summary\"><h2>" + std::string(w.summary) + "</h2><dl class=\"summary\">";
  html += "<dt>" + std::string(w.responses) + "</dt><dd>" + std::to_string(aggregate.responses) + " (" +
          std::to_string(aggregate.complete) + " " + std::string(w.complete);
  if (aggregate.options.include_abandoned)
    html += ", " + std::to_string(aggregate.abandoned) + " " + std::string(w.abandoned_counted);
  html += ")</dd>";
  if (aggregate.late > 0)
    html += "<dt>" + std::string(w.late) + "</dt><dd>" + std::to_string(aggregate.late) + "</dd>";
  if (aggregate.devices > 0)
    html += "<dt>" + std::string(w.devices) + "</dt><dd>" + std::to_string(aggregate.devices) + "</dd>";
  if (aggregate.first_started && aggregate.last_ended) {
    html += "<dt>" + std::string(w.period) + "</dt><dd>" + format_date(*aggregate.first_started) + " – " +
            format_date(*aggregate.last_ended) + "</dd>";
  }
  std::string versions;
  for (int version : aggregate.pack_versions)
    versions += (versions.empty() ? "" : ", ") + std::to_string(version);
  html +=
      "<dt>" + std::string(w.pack_versions) + "</dt><dd>" + html_escape(pack.id) + ": " + versions + "</dd>";
  html += "<dt>" + std::string(w.generated) + "</dt><dd>" +
          format_rfc3339(context.generated_at).substr(0, 16) + " UTC</dd></dl></section>";

  if (aggregate.withheld) {
    html += "<p class=\"withheld\">" +
            html_escape(fill(w.withheld_sentence, {{"n", std::to_string(aggregate.responses)},
                                                   {"k", std::to_string(aggregate.options.k)}})) +
            "</p>";
  } else {
    html += "<section id=\"points\"><h2>" + std::string(w.points_ranked) + "</h2>" + legend(pack, language) +
            points_table(aggregate, pack, language) + "</section>";
    if (aggregate.quadrant_rule) {
      html += "<section id=\"quadrant\"><h2>" + std::string(w.quadrant_title) + "</h2>" +
              scatter_svg(aggregate, pack, language, DotLabel::rank, 0, kWidePlot) +
              scatter_svg(aggregate, pack, language, DotLabel::rank, 0, kPhonePlot) + "<p class=\"note\">" +
              std::string(w.quadrant_note) + "</p></section>";
    }
    html += "<section id=\"top\"><h2>" + std::string(w.top_n) + "</h2>" +
            top_n_table(aggregate, pack, language, aggregate.top_n.size()) + "</section>";
    html += "<section id=\"groups\"><h2>" + std::string(w.groups_by_role) + "</h2>" +
            groups_table(aggregate, aggregate.by_role, pack, language) + "<h2>" +
            std::string(w.groups_by_version) + "</h2>" +
            groups_table(aggregate, aggregate.by_pack_version, pack, language) + "</section>";
    html += consensus_section_html(aggregate, pack, language);
    if (!aggregate.other_items.empty()) {
      html += "<section id=\"other\"><h2>" + std::string(w.other_items) + "</h2>" +
              other_items_table(aggregate, pack, language) + "</section>";
    }
    html +=
        "<section id=\"comments\"><h2>" + std::string(w.comments) + "</h2>" +
        (context.moderation
             ? "<p class=\"note\">" + html_escape(moderation_sentence(*context.moderation, language)) + "</p>"
             : std::string()) +
        comment_sections(aggregate.item_comments, pack, language) + "<h2>" + std::string(w.open_questions) +
        "</h2>" + comment_sections(aggregate.open_answers, pack, language) + "</section>";
  }
  html += "<section id=\"how\"><h2>" + std::string(w.how_to_read) + "</h2>" +
          how_to_read(aggregate, pack, language) + "</section></body></html>\n";
  return html;
}

constexpr std::string_view kLiveCss = R"css(
*{box-sizing:border-box}
html,body{margin:0;background:#101418;color:#f4f4f4}
body{font:clamp(16px,min(2.3vw,2.7vh),48px)/1.3 "DejaVu Sans",Verdana,sans-serif;padding:2vh 3vw}
header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:0 1em;margin:0 0 .4em}
h1{font-size:2em;margin:0}
main{display:grid;grid-template-columns:3fr 2fr;gap:3vw;align-items:start}
@media (max-aspect-ratio:1/1){main{grid-template-columns:1fr}}
.room{margin-top:2vh;border-top:1px solid #2b343c}.room h2{font-size:1em;color:#b8c4ce;font-weight:normal;margin:.4em 0}
.room ul{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(14em,1fr));gap:1em 3vw}
.room q{display:block;font-size:1.05em}.room small{display:block;color:#b8c4ce;font-size:.6em;margin-top:.2em}
table{border-collapse:collapse;width:100%}
th{font-size:.6em;color:#b8c4ce;text-align:left;font-weight:normal;padding:0 .3em}
td{padding:.25em .3em;vertical-align:top;border-bottom:1px solid #2b343c}
.n{text-align:right;font-variant-numeric:tabular-nums}
.score{display:block;height:.35em;background:#2b343c;margin-top:.15em}
.score span{display:block;height:100%;background:#f4b400}
svg.scatter{width:100%;height:auto}
.scatter .plot{fill:#182028;stroke:#6b7780}
.scatter .threshold{stroke:#9aa6b0;stroke-dasharray:6 4}
.scatter circle{fill:#f4b400;stroke:#101418;stroke-width:1.5}
.scatter circle.other{fill:#6b7780}
.scatter circle.spot{fill:#d0d8de;stroke:none}
.scatter .lead{stroke:#d0d8de;stroke-width:1}
.scatter .label{fill:#101418;font-weight:bold}
.scatter .tick,.scatter .axis{fill:#d0d8de}
.scatter .corner{fill:#b8c4ce;font-style:italic}
header p{margin:0;color:#b8c4ce;font-size:.8em}
.withheld{font-size:1.3em}
.consensus h2{font-size:.8em;color:#b8c4ce;font-weight:normal;margin:1.2em 0 .3em}
.consensus ol{margin:0;padding-left:1.4em;font-size:.8em}.consensus li{margin:.2em 0}.consensus small{display:block;color:#b8c4ce;font-size:.8em}
)css";

std::string live_html(const Aggregate& aggregate, const Pack& pack, std::string_view language,
                      std::string_view panel_html) {
  constexpr std::size_t kLivePoints = 8;
  const ReportWords& w = words(language);
  const std::string refresh =
      "<meta http-equiv=\"refresh\" content=\"" + std::to_string(kLiveRefreshSeconds) + "\">";
  // The count heads the page: the one figure that is always there, and the sign that it is live.
  std::string html = page_head(language, std::string(w.live_title), kLiveCss, refresh) +
                     "<body><header><h1>" + html_escape(w.live_title) + "</h1><p>" +
                     std::string(w.responses) + ": " + std::to_string(aggregate.responses) + " · " +
                     std::string(w.live_refresh) + "</p></header>";
  if (aggregate.withheld) {
    html += "<p class=\"withheld\">" +
            html_escape(fill(w.withheld_sentence, {{"n", std::to_string(aggregate.responses)},
                                                   {"k", std::to_string(aggregate.options.k)}})) +
            "</p>";
  } else {
    html += "<main><section>" + top_n_table(aggregate, pack, language, kLivePoints) + "</section><section>" +
            scatter_svg(aggregate, pack, language, DotLabel::top_place, kLivePoints, kLivePlot) +
            consensus_live_html(aggregate, pack, language) + "</section></main>";
  }
  return html + std::string(panel_html) + "</body></html>\n";
}

}  // namespace peiling::report
