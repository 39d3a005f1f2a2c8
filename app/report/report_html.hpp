#pragma once
// The shareable report as one self-contained HTML file (inline CSS and SVG, no external
// requests), printable on A4 and readable at phone width; and the live page for the projector.
#include <string>
#include <string_view>

#include "core/aggregation.hpp"
#include "core/pack.hpp"
#include "report/report_json.hpp"

namespace peiling::report {

std::string report_html(const Aggregate& aggregate, const Pack& pack, const ReportContext& context);

// The complete page for `GET /live?lang=...`: the current top choices and the quadrant in large
// type on a dark background, reloading itself every kLiveRefreshSeconds.
inline constexpr int kLiveRefreshSeconds = 10;
std::string live_html(const Aggregate& aggregate, const Pack& pack, std::string_view language);

// text with &, <, >, " and ' escaped, and a NUL byte shown as U+FFFD.
std::string html_escape(std::string_view text);

}  // namespace peiling::report
