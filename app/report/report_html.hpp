#pragma once
// The shareable report as one self-contained HTML file (inline CSS and SVG, no external
// requests), printable on A4 and readable at phone width; and the live page for the projector.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/aggregation.hpp"
#include "core/pack.hpp"
#include "report/report_json.hpp"

namespace peiling::report {

std::string report_html(const Aggregate& aggregate, const Pack& pack, const ReportContext& context);

// The complete page for `GET /live?lang=...`: the current top choices and the quadrant in large
// type on a dark background, reloading itself every kLiveRefreshSeconds.
inline constexpr int kLiveRefreshSeconds = 10;
// panel_html: whole elements after the figures (the "From the room" panel, report/live_room.hpp).
std::string live_html(const Aggregate& aggregate, const Pack& pack, std::string_view language,
                      std::string_view panel_html = {});

// The building blocks the series report shares with this one.
// Rating colours from 1 (low) to 5 (high), then "no opinion"; they keep apart in greyscale print.
inline constexpr std::array<std::string_view, 5> kValueColours{"#b2182b", "#ef8a62", "#d9d9a0", "#67a9cf",
                                                               "#2166ac"};
inline constexpr std::string_view kNoOpinionColour = "#bdbdbd";
// The colour of slot (0-based) of a scale with slots values; a 1..3 scale takes the ends and middle.
std::string_view value_colour(std::size_t slot, std::size_t slots);
struct BarSegment {
  int count = 0;
  std::string_view colour;
};
// A stacked bar (inline SVG) of the segments' counts, with title as its tooltip.
std::string stacked_bar_svg(const std::vector<BarSegment>& segments, const std::string& title);
// The document up to <body>: the report's stylesheet (screen, phone and A4 print) plus extra_css.
std::string report_page_head(std::string_view language, const std::string& title, std::string_view extra_css);

// text with &, <, >, " and ' escaped, and a NUL byte shown as U+FFFD.
std::string html_escape(std::string_view text);

}  // namespace peiling::report
