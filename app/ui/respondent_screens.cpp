#include "ui/respondent_screens.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <string>
#include <type_traits>

#include "core/catalog.hpp"
#include "core/conditions.hpp"
#include "ui/answer_views.hpp"
#include "ui/scale_widget.hpp"
#include "ui/top_bar.hpp"
#include "ui/top_choices.hpp"
#include "ui/touch_scroll.hpp"

namespace peiling::ui {

namespace {

constexpr float kNavButtonWidth = 7.0f;  // font units
// Back and Next are a finger's size plus a little, not a fixed share of the text: at A+ and A++ a
// taller footer would take a point card's last row (GOV.UK's buttons are about 2 em).
constexpr float kNavButtonHeight = 1.9f;
constexpr float kShortScreenTargets = 8.0f;
constexpr float kScaleRowWidth = 46.0f;  // a scale's row may be wider than the text column
// A point card's rhythm, in font units (GOV.UK's form pattern: a question close to its answers,
// more room above the next question than below it): between its lines, and the extra before each
// question and before the remark.
constexpr float kCardLineSpacing = 0.25f;
constexpr float kCardQuestionGap = 0.15f;
constexpr float kColumnWidth = 34.0f;             // a readable measure for body text
constexpr float kCardColumnWidth = 40.0f;         // a point card's: about 80 characters, so it fits landscape
constexpr std::size_t kMaxTextCharacters = 2000;  // in a remark or an open answer

struct Nav {
  bool back = true;
  std::string_view next_key = "nav.next";
  std::string_view skip_key;          // a third, quieter way forward (skip the role, skip the case)
  float column_units = kColumnWidth;  // the body's measure
  // The middle button does something on the page instead of moving on (a point's "add a
  // remark", where the footer has room for it): its id, and where its tap is told.
  std::string_view skip_id;
  bool* aside_tapped = nullptr;
  // Read once the body is drawn: true brings the footer into view, where it scrolls with the page.
  const bool* reveal_footer = nullptr;
};

std::string page_id(const ScreenContext& context, std::string_view name) {
  return std::string(name) + "#" + std::to_string(context.state.respondent_number);
}

void draw_header(ScreenContext& context, std::string_view progress, float fraction) {
  // While the keyboard is up, the text being typed needs the room more than the view controls.
  bool progress_drawn = false;
  if (context.ui.keyboard_height == 0)
    progress_drawn = draw_top_bar(context.ui, context.state, context.pack, progress, fraction);
  if (!progress.empty() && !progress_drawn) progress_bar(context.ui, fraction, progress);
}

// The respondent reads what happened in their own language; the store's English sentence is for
// the operator (the admin panel's problems) and never shows here.
void draw_error(ScreenContext& context) {
  const auto kind = context.state.session ? context.state.session->last_error_kind() : std::nullopt;
  std::string_view key;
  if (kind) {
    key = *kind == store::ErrorKind::full ? "store.failed_full" : "store.failed";
  } else if (!context.state.error.empty()) {
    key = context.state.error_key;
  } else {
    return;
  }
  ImGui::PushStyleColor(ImGuiCol_Text, context.ui.theme.error);
  text(context.ui, context.ui.tr(key));
  ImGui::PopStyleColor();
}

float content_width() {
  return ImGui::GetWindowContentRegionMax().x - ImGui::GetWindowContentRegionMin().x;
}

// Back and Next are as wide as each other: a fixed size, narrower on a narrow screen, but never
// narrower than their labels.
ImVec2 nav_button_size(const Ui& ui, const Nav& nav) {
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  float label_width = button_size(ui, ui.tr(nav.next_key)).x;
  if (nav.back) label_width = std::max(label_width, button_size(ui, ui.tr("nav.back")).x);
  const float half = std::floor((content_width() - spacing) / 2);
  float width = std::max(std::min(ui.unit() * kNavButtonWidth, half), label_width);
  // Where both labels do not fit side by side, the buttons keep half the row each and their
  // labels shrink to fit (button()), rather than stack: a stacked footer took a third of 600x900
  // at scale 2. Only below a finger and a half each do they take a row of their own.
  if (width > half && half >= ui.min_target() * 1.5f) width = half;
  // On a screen under eight fingers tall (600x900 at scale 2) they are a finger tall at every text
  // size: the page's body needs the height more.
  const bool short_screen = ImGui::GetMainViewport()->Size.y < ui.min_target() * kShortScreenTargets;
  const float height = short_screen ? ui.min_target() : std::round(ui.unit() * kNavButtonHeight);
  return ImVec2(width, std::max(ui.min_target(), height));
}

// How the footer's buttons are arranged: all on one row, skip on a row above Back and Next, or
// (very narrow) each on its own row.
struct FooterLayout {
  ImVec2 nav;
  ImVec2 skip;  // 0 without a skip button
  bool skip_own_row = false;
  bool stacked = false;  // Back and Next on rows of their own

  float height() const {
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    const float nav_rows = stacked ? 2.0f : 1.0f;
    return (nav.y + spacing) * nav_rows + (skip_own_row ? skip.y + spacing : 0.0f) + spacing;
  }
};

FooterLayout footer_layout(const Ui& ui, const Nav& nav) {
  FooterLayout layout;
  layout.nav = nav_button_size(ui, nav);
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  layout.stacked = nav.back && layout.nav.x * 2 + spacing > content_width();
  if (!nav.skip_key.empty()) {
    // As tall as Back and Next, or as its label needs: "Casus overslaan — ik zag het spel al" takes
    // three lines at 800x1280, scale 2, A++, and ran over the button's bottom edge.
    layout.skip = button_size(ui, ui.tr(nav.skip_key), ImVec2(0, 0));
    layout.skip.y = std::max(layout.skip.y, layout.nav.y);
    layout.skip_own_row =
        layout.stacked || layout.nav.x * 2 + layout.skip.x + ui.unit() * 2 > content_width();
  }
  return layout;
}

std::optional<FlowEvent> draw_footer(ScreenContext& context, const Nav& nav) {
  Ui& ui = context.ui;
  const FooterLayout layout = footer_layout(ui, nav);
  const float left = ImGui::GetWindowContentRegionMin().x;
  const float right = ImGui::GetWindowContentRegionMax().x;
  std::optional<FlowEvent> event;
  if (!nav.skip_key.empty()) {
    ImGui::SetCursorPosX(layout.skip_own_row ? left + (right - left - layout.skip.x) / 2
                                             : left + layout.nav.x + ImGui::GetStyle().ItemSpacing.x);
    const float row_y = ImGui::GetCursorPosY();
    const std::string_view id = nav.skip_id.empty() ? nav.skip_key : nav.skip_id;
    if (button(ui, ui.tr(nav.skip_key), id, ButtonStyle::secondary, ImVec2(0, layout.skip.y))) {
      if (nav.aside_tapped) {
        *nav.aside_tapped = true;
      } else {
        event = FlowEvent::skip;
      }
    }
    if (!layout.skip_own_row) ImGui::SetCursorPosY(row_y);  // Back and Next go on the same row
  }
  // Back and Next as wide as each other, their labels of one size too: where one has to shrink
  // to fit, both do.
  float label_size = fit_label(ui, ui.tr(nav.next_key), layout.nav.x).font_size;
  if (nav.back) {
    label_size = std::min(label_size, fit_label(ui, ui.tr("nav.back"), layout.nav.x).font_size);
    ImGui::SetCursorPosX(left);
    if (button(ui, ui.tr("nav.back"), "nav.back", ButtonStyle::secondary, layout.nav, label_size))
      event = FlowEvent::back;
    if (!layout.stacked) ImGui::SameLine();
  }
  ImGui::SetCursorPosX(right - layout.nav.x);
  if (button(ui, ui.tr(nav.next_key), nav.next_key, ButtonStyle::primary, layout.nav, label_size)) {
    event = nav.next_key == "review.send" ? FlowEvent::send : FlowEvent::next;
  }
  if (event == FlowEvent::skip && nav.skip_key == "nav.overview") event = FlowEvent::overview;
  return event;
}

// Draws content in a centred column of readable width; returns what content returned.
template <class Content>
std::optional<FlowEvent> in_column(ScreenContext& context, Content&& content, float units = kColumnWidth) {
  // A spacing clear of a scrollbar, so that it never sits flush against a button.
  const float available =
      ImGui::GetContentRegionAvail().x -
      (ImGui::GetCurrentWindowRead()->ScrollbarY ? ImGui::GetStyle().ItemSpacing.x : 0.0f);
  const float column = std::min(available, context.ui.unit() * units);
  const float left = ImGui::GetCursorPosX() + (available - column) / 2;
  ImGui::SetCursorPosX(left);
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(left + column);
  ImGui::PushItemWidth(column);
  std::optional<FlowEvent> event = content(column);
  ImGui::PopItemWidth();
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  return event;
}

bool is_blank_text(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// A page: header, an optional part that stays put (pinned), a scrolling body, and the
// navigation at the bottom.
template <class Pinned, class Body>
std::optional<FlowEvent> page(ScreenContext& context, std::string_view name, std::string_view progress,
                              float fraction, const Nav& page_nav, Pinned&& pinned, Body&& body) {
  Ui& ui = context.ui;
  // On a tablet the quieter middle button always leads to the overview, which also passes over
  // the role or the case (the kiosk's skips); the overview's own buttons stay.
  Nav nav = page_nav;
  if (context.tablet && nav.skip_key != "overview.pause") nav.skip_key = "nav.overview";
  draw_header(context, progress, fraction);
  // Only a failure takes a line here: an empty one would cost a point card its last row.
  if ((context.state.session && context.state.session->last_error_kind()) || !context.state.error.empty()) {
    in_column(context, [&](float) {
      draw_error(context);
      return std::optional<FlowEvent>();
    });
  }
  // A skip on a row of its own that leaves the body too little room to scroll alone goes to the
  // body's end, so that Next stays put (a scene at 600x900, scale 2: the whole page scrolled and
  // Next was below the fold). A middle button that does something on the page never gets here.
  float footer_height = footer_layout(ui, nav).height();
  std::string_view skip_in_body;
  if (footer_layout(ui, nav).skip_own_row && !nav.aside_tapped && !ScrollingBody::fits(ui, footer_height)) {
    Nav without_skip = nav;
    without_skip.skip_key = {};
    if (ScrollingBody::fits(ui, footer_layout(ui, without_skip).height())) {
      skip_in_body = nav.skip_key;
      nav = without_skip;
      footer_height = footer_layout(ui, nav).height();
    }
  }
  // The pinned part stays put above the body while that leaves the body room; otherwise it
  // scrolls with the body, and the footer stays put. Its height is last frame's.
  ImGuiStorage& storage = *ImGui::GetStateStorage();
  const ImGuiID pinned_height_key = ImGui::GetID("pinned height");
  const float room = ImGui::GetContentRegionAvail().y + ui.keyboard_height - footer_height;
  const bool pinned_stays =
      room - storage.GetFloat(pinned_height_key, 0) >= ui.min_target() * ScrollingBody::kMinBodyInTargets;
  const auto draw_pinned = [&]() -> std::optional<FlowEvent> {
    // A page without one has no empty group either, whose spacing would cost the body a line.
    if constexpr (std::is_null_pointer_v<std::decay_t<Pinned>>) {
      return std::nullopt;
    } else {
      const float top = ImGui::GetCursorPosY();
      std::optional<FlowEvent> pinned_event = in_column(context, pinned);
      storage.SetFloat(pinned_height_key, ImGui::GetCursorPosY() - top);
      return pinned_event;
    }
  };
  std::optional<FlowEvent> event;
  if (pinned_stays) event = draw_pinned();
  {
    const auto scrolling = ScrollingBody::begin(ui, page_id(context, name), footer_height);
    if (!pinned_stays) event = draw_pinned();
    if (auto body_event = in_column(context, body, nav.column_units)) event = body_event;
    if (!skip_in_body.empty()) {
      ImGui::Dummy(ImVec2(0, ui.unit() * 0.3f));
      const float skip_width = button_size(ui, ui.tr(skip_in_body)).x;
      ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (content_width() - skip_width) / 2));
      if (button(ui, ui.tr(skip_in_body), skip_in_body, ButtonStyle::secondary))
        event = skip_in_body == "nav.overview" ? FlowEvent::overview : FlowEvent::skip;
    }
  }
  const float footer_top = ImGui::GetCursorScreenPos().y;
  if (auto nav_event = draw_footer(context, nav)) event = nav_event;
  if (nav.reveal_footer && *nav.reveal_footer)
    ui.reveal = Reveal{ImGui::GetCurrentWindow()->ID, footer_top, ImGui::GetItemRectMax().y};
  return event;
}

template <class Body>
std::optional<FlowEvent> page(ScreenContext& context, std::string_view name, std::string_view progress,
                              float fraction, const Nav& nav, Body&& body) {
  return page(context, name, progress, fraction, nav, nullptr, body);
}

std::string progress_text(const ScreenContext& context, std::string_view key, int page, int total) {
  return fill(context.ui.tr(key), {{"n", std::to_string(page + 1)}, {"total", std::to_string(total)}});
}

// An optional remark on an item: a link until opened, then a multi-line field saved when the
// respondent leaves it.
bool remark_open(ScreenContext& context, const std::string& item_id) {
  return !context.state.session->comment_buffer(item_id).empty() ||
         context.state.open_remarks.contains(item_id);
}

void draw_remark(ScreenContext& context, const std::string& item_id, float width, bool button_in_footer) {
  Ui& ui = context.ui;
  ResponseSession& session = *context.state.session;
  std::string& buffer = session.comment_buffer(item_id);
  if (!remark_open(context, item_id)) {
    if (button_in_footer) return;
    if (button(ui, ui.tr("points.add_remark"), "remark.open", ButtonStyle::secondary)) {
      context.state.open_remarks.insert(item_id);
    }
    return;
  }
  note(ui, ui.tr("points.remark"));
  if (text_field(ui, ui.tr("points.remark"), "remark", buffer, ImVec2(width, ui.unit() * 4.5f),
                 kMaxTextCharacters)) {
    session.save_comment(item_id);
  }
}

// Title, body, one scale per row (wider than the text column where the screen has the room), the
// saved tick and the remark. Returns true while the footer is to glide into view: the last
// question has just been answered.
bool draw_rating_card(ScreenContext& context, const std::string& item_id, const LocalizedText& title,
                      const LocalizedText& body, const std::vector<std::string>& scale_ids, float width,
                      bool remark_button_in_footer) {
  Ui& ui = context.ui;
  const std::string_view language = context.state.language;
  ResponseSession& session = *context.state.session;
  // Tighter lines within the card than between the parts of a page, so a point with both scales
  // and "add a remark" fits 1280x800 and 800x1280 without scrolling; questions keep their room.
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing,
                      ImVec2(ImGui::GetStyle().ItemSpacing.x, std::round(ui.unit() * kCardLineSpacing)));
  // The title a step above the body, not two: a question's subject rather than the page's title
  // (GOV.UK's heading-m), so that 120 characters take a line less at every text size.
  heading(ui, title.in(language), true);
  text(ui, body.in(language));
  std::vector<const Scale*> scales;
  for (const auto& scale_id : scale_ids)
    if (const Scale* scale = context.pack.scale(scale_id)) scales.push_back(scale);
  // A physical keyboard first: what Enter chose is saved before the scales are drawn.
  std::vector<int> options, selected;
  for (const Scale* scale : scales) {
    const ScaleChoice choice = scale_choice_of(session, item_id, *scale, language);
    options.push_back(choice.option_count());
    selected.push_back(choice.selected);
  }
  ScaleKeyChoice chosen;
  const ScaleFocus focus = scale_keys("scale keys", options, selected, chosen);
  if (chosen.scale >= 0)
    rate_option(session, item_id, *scales[static_cast<std::size_t>(chosen.scale)], chosen.option);
  // After an answer the next question (or the footer, after the last) glides into view: on a
  // small screen the second question then needs no scroll to reach.
  NextPart next_part(item_id);
  if (chosen.scale >= 0) next_part.answered(static_cast<std::size_t>(chosen.scale));

  const float column_left = ImGui::GetCursorPosX();
  const float full_left = ImGui::GetWindowContentRegionMin().x;
  // Clear of the scrollbar by a spacing, so that it never sits flush against the last button.
  const float full_width = ImGui::GetWindowContentRegionMax().x - full_left - ImGui::GetStyle().ItemSpacing.x;
  const float scale_width = std::min(full_width, std::max(width, ui.unit() * kScaleRowWidth));
  const float scale_left =
      std::clamp(column_left + (width - scale_width) / 2, full_left, full_left + full_width - scale_width);
  ScaleLayout layout = ScaleLayout::row;
  for (const Scale* scale : scales)
    layout =
        std::max(layout, scale_layout(ui, scale_choice_of(session, item_id, *scale, language), scale_width));
  for (std::size_t i = 0; i < scales.size(); ++i) {
    const Scale& scale = *scales[i];
    const std::string_view question = scale.question.in(language);
    ImGui::Dummy(ImVec2(0, std::round(ui.unit() * kCardQuestionGap)));
    const float part_top = ImGui::GetCursorScreenPos().y;
    text(ui, question);
    ScaleChoice choice = scale_choice_of(session, item_id, scale, language);
    if (choice.selected >= 0) {
      // The tick shows only once the store has committed the answer; beside a short question,
      // under a long one rather than wrapped into a narrow column.
      const std::string_view saved = ui.tr("answer.saved");
      const float beside = ImGui::CalcTextSize(question.data(), question.data() + question.size()).x +
                           ImGui::GetStyle().ItemSpacing.x +
                           ImGui::CalcTextSize(saved.data(), saved.data() + saved.size()).x;
      if (beside <= width) ImGui::SameLine();
      ImGui::PushStyleColor(ImGuiCol_Text, ui.theme.success);
      text(ui, saved);
      ImGui::PopStyleColor();
    }
    choice.focused = focus.scale == static_cast<int>(i) ? focus.option : -1;
    ImGui::PushID(scale.id.c_str());
    ImGui::SetCursorPosX(scale_left);
    const int tapped = scale_choice(ui, choice, scale_width, layout);
    ImGui::PopID();
    next_part.reveal_if_next(ui, i, part_top, ImGui::GetItemRectMax().y);
    if (tapped >= 0) {
      rate_option(session, item_id, scale, tapped);
      next_part.answered(i);
    }
  }
  const bool reveal_footer = next_part.is_next(scales.size());
  ImGui::Dummy(ImVec2(0, std::round(ui.unit() * kCardQuestionGap)));
  ImGui::PopStyleVar();
  ImGui::PushID(item_id.c_str());
  draw_remark(context, item_id, width, remark_button_in_footer);
  ImGui::PopID();
  return reveal_footer;
}

}  // namespace

std::optional<FlowEvent> draw_welcome_page(ScreenContext& context) {
  Ui& ui = context.ui;
  const std::string_view language = context.state.language;
  draw_top_bar(ui, context.state, context.pack);
  const ImVec2 area = ImGui::GetContentRegionAvail();
  const float unit = ui.unit();
  const float spacing = ImGui::GetStyle().ItemSpacing.y;
  std::optional<FlowEvent> event;
  // The parts of the page, each in the readable column and measured as it is drawn (for the next
  // frame's layout).
  const auto part = [&](ImGuiID key, auto&& draw) {
    const float top = ImGui::GetCursorPosY();
    in_column(context, [&](float column) {
      draw(column);
      return std::optional<FlowEvent>();
    });
    ImGui::GetStateStorage()->SetFloat(key, ImGui::GetCursorPosY() - top);
  };
  const auto texts = [&](float) {
    draw_error(context);
    heading(ui, context.pack.title.in(language));
    ImGui::Dummy(ImVec2(0, unit * 0.5f));
    text(ui, context.pack.intro.question.in(language));
    ImGui::Dummy(ImVec2(0, unit * 0.5f));
    text(ui, ui.tr(context.tablet ? "welcome.invitation_tablet" : "welcome.invitation"));
  };
  const auto actions = [&](float column) {
    if (context.draft_changed_at) {
      // A draft comes first: continuing is what a returning respondent wants.
      note(ui, fill(ui.tr("welcome.draft"), {{"when", format_local_minutes(*context.draft_changed_at)}}));
      if (button(ui, ui.tr("welcome.resume"), "welcome.resume", ButtonStyle::primary,
                 ImVec2(column, unit * 2.6f))) {
        event = FlowEvent::resume;
      }
      ImGui::Dummy(ImVec2(0, unit * 0.3f));
      if (context.takes_new && button(ui, ui.tr("welcome.new"), "welcome.new", ButtonStyle::secondary,
                                      ImVec2(column, unit * 2.2f))) {
        event = FlowEvent::begin;
      }
    } else if (button(ui, ui.tr("welcome.begin"), "welcome.begin", ButtonStyle::primary,
                      ImVec2(column, unit * 2.6f))) {
      event = FlowEvent::begin;
    }
  };
  const auto privacy = [&](float) { note(ui, ui.tr("welcome.privacy")); };

  ImGuiStorage& storage = *ImGui::GetStateStorage();
  const ImGuiID texts_key = ImGui::GetID("welcome texts");
  const ImGuiID actions_key = ImGui::GetID("welcome actions");
  const ImGuiID privacy_key = ImGui::GetID("welcome privacy");
  const float top_gap = std::max(unit, area.y * 0.08f);
  const float whole = top_gap + storage.GetFloat(texts_key) + unit + storage.GetFloat(actions_key) +
                      unit * 0.5f + storage.GetFloat(privacy_key);
  // Where the page is taller than the screen, the texts scroll and Begin stays put at the bottom, as
  // Next does on the other pages: the one thing to do is never below the fold (600x900 at scale 2).
  const float actions_height = storage.GetFloat(actions_key) + spacing;
  // (Where even that leaves the texts too little room, the whole screen scrolls, as below.)
  if (whole > area.y && ScrollingBody::fits(ui, actions_height)) {
    {
      const auto scrolling = ScrollingBody::begin(ui, page_id(context, "welcome"), actions_height);
      part(texts_key, texts);
      ImGui::Dummy(ImVec2(0, unit * 0.5f));
      part(privacy_key, privacy);
    }
    part(actions_key, actions);
    return event;
  }
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + top_gap);
  part(texts_key, texts);
  ImGui::Dummy(ImVec2(0, unit));
  part(actions_key, actions);
  ImGui::Dummy(ImVec2(0, unit * 0.5f));
  part(privacy_key, privacy);
  return event;
}

std::optional<FlowEvent> draw_role_page(ScreenContext& context) {
  const Roles& roles = *context.pack.roles;
  return page(context, "role", "", 0, {.skip_key = "role.skip"}, [&](float) -> std::optional<FlowEvent> {
    Ui& ui = context.ui;
    heading(ui, roles.question.in(context.state.language));
    std::vector<std::string> labels;
    std::vector<std::string> ids;
    int selected = -1;
    for (const auto& option : roles.options) {
      if (context.state.session->role() == option.id) selected = static_cast<int>(ids.size());
      labels.emplace_back(option.label.in(context.state.language));
      ids.push_back("role." + option.id);
    }
    const int tapped = choice_grid(ui, labels, ids, selected, ui.unit() * 14);
    if (tapped >= 0) context.state.session->set_role(roles.options[static_cast<std::size_t>(tapped)].id);
    return std::nullopt;
  });
}

std::optional<FlowEvent> draw_scene_page(ScreenContext& context, int page_number) {
  const auto& scenes = context.pack.vignette.scenes;
  const Scene& scene = scenes[static_cast<std::size_t>(page_number)];
  const int total = static_cast<int>(scenes.size());
  return page(context, "scene-" + scene.id, progress_text(context, "vignette.progress", page_number, total),
              static_cast<float>(page_number + 1) / static_cast<float>(total), {.skip_key = "vignette.skip"},
              [&](float) -> std::optional<FlowEvent> {
                Ui& ui = context.ui;
                const std::string_view language = context.state.language;
                note(ui, context.pack.vignette.title.in(language));
                heading(ui, scene.title.in(language));
                note(ui, fill(ui.tr("vignette.who"), {{"who", std::string(scene.who.in(language))}}));
                ImGui::Dummy(ImVec2(0, ui.unit() * 0.3f));
                text(ui, scene.body.in(language));
                return std::nullopt;
              });
}

namespace {

// A rating card's page. On a kiosk, where the footer has room between Back and Next, "add a
// remark" sits there, so the card's height goes to the scales (a tablet has its overview there).
std::optional<FlowEvent> rating_page(ScreenContext& context, const std::string& name, std::string progress,
                                     float fraction, const std::string& item_id, const LocalizedText& title,
                                     const LocalizedText& body, const std::vector<std::string>& scale_ids,
                                     std::string_view question) {
  bool remark_tapped = false;
  Nav nav{.column_units = kCardColumnWidth};
  // Opened from Review to change an answer: one way on, back to Review (the flow's "changing").
  if (context.state.position.changing)
    nav = {.back = false, .next_key = "review.return", .column_units = kCardColumnWidth};
  if (!context.tablet && !remark_open(context, item_id)) {
    Nav aside = nav;
    aside.skip_key = "points.add_remark";
    if (!footer_layout(context.ui, aside).skip_own_row) {
      nav = aside;
      nav.skip_id = "remark.open";
      nav.aside_tapped = &remark_tapped;
    }
  }
  const bool in_footer = nav.aside_tapped != nullptr;
  bool reveal_footer = false;
  nav.reveal_footer = &reveal_footer;
  auto event = page(context, name, progress, fraction, nav, [&](float width) -> std::optional<FlowEvent> {
    if (!question.empty()) note(context.ui, question);
    reveal_footer = draw_rating_card(context, item_id, title, body, scale_ids, width, in_footer);
    return std::nullopt;
  });
  if (remark_tapped) context.state.open_remarks.insert(item_id);
  return event;
}

}  // namespace

std::optional<FlowEvent> draw_point_page(ScreenContext& context, int page_number) {
  const auto& shown = context.state.session->points();
  const Point* point = context.pack.point(shown[static_cast<std::size_t>(page_number)]);
  const int total = static_cast<int>(shown.size());
  return rating_page(context, "point-" + point->id,
                     progress_text(context, "points.progress", page_number, total),
                     static_cast<float>(page_number + 1) / static_cast<float>(total), point->id, point->title,
                     point->body, context.pack.point_scales, {});
}

std::optional<FlowEvent> draw_missed_page(ScreenContext& context, int page_number) {
  const MissedOpportunities& missed = *context.pack.missed_opportunities;
  const MissedOpportunity& item = missed.items[static_cast<std::size_t>(page_number)];
  const int total = static_cast<int>(missed.items.size());
  return rating_page(context, "missed-" + item.id,
                     progress_text(context, "missed.progress", page_number, total),
                     static_cast<float>(page_number + 1) / static_cast<float>(total), item.id, item.title,
                     item.body, {missed.scale}, missed.question.in(context.state.language));
}

std::optional<FlowEvent> draw_section_page(ScreenContext& context, int page_number) {
  const auto& sections = context.pack.sections;
  const Section& section = sections[static_cast<std::size_t>(page_number)];
  const int total = static_cast<int>(sections.size());
  return page(
      context, "section-" + section.id, progress_text(context, "sections.progress", page_number, total),
      static_cast<float>(page_number + 1) / static_cast<float>(total), {},
      [&](float width) -> std::optional<FlowEvent> {
        Ui& ui = context.ui;
        const std::string_view language = context.state.language;
        ResponseSession& session = *context.state.session;
        heading(ui, section.title.in(language));
        for (const auto& question : section.questions) {
          // Re-evaluated per question: a tap above may show or hide what follows.
          if (!visibility(context.pack, session.choices()).shown(question.id)) continue;
          ImGui::Dummy(ImVec2(0, ui.unit() * 0.4f));
          ImGui::PushID(question.id.c_str());
          text(ui, question.question.in(language));
          if (question.hint) note(ui, question.hint->in(language));
          // A pack's own hint says how to answer; otherwise a multiple choice says so.
          if (question.type == QuestionType::multiple && !question.hint) note(ui, ui.tr("choice.several"));
          std::vector<std::pair<std::string, std::string>> options;  // id, label
          for (const auto& option : question.options)
            options.emplace_back(option.id, option.label.in(language));
          if (question.other) options.emplace_back(std::string(kOtherOption), question.other->in(language));
          for (const auto& [option_id, label] : options) {
            const bool chosen = session.is_chosen(question.id, option_id);
            // One button per option, so several can show as chosen in a multiple choice.
            if (choice_grid(ui, {(chosen ? "✓ " : "") + label}, {question.id + "." + option_id},
                            chosen ? 0 : -1, width) == 0) {
              session.choose(context.pack, question, option_id);
            }
          }
          if (session.is_chosen(question.id, std::string(kOtherOption))) {
            if (text_field(ui, ui.tr("choice.other_text"), "other." + question.id,
                           session.open_answer_buffer(question.id), ImVec2(width, ui.unit() * 2.5f))) {
              session.save_open_answer(question.id);
            }
          }
          ImGui::PopID();
        }
        return std::nullopt;
      });
}

namespace {

// A row of the overview: the whole width, a tick when complete.
bool overview_row(ScreenContext& context, const std::string& label, const std::string& id, bool complete,
                  float width) {
  return choice_grid(context.ui, {(complete ? "✓ " : "") + label}, {id}, complete ? 0 : -1, width) == 0;
}

bool rated_on_every_scale(const ResponseSession& session, const std::string& item_id,
                          const std::vector<std::string>& scale_ids) {
  return std::all_of(scale_ids.begin(), scale_ids.end(),
                     [&](const std::string& scale) { return session.rating(item_id, scale).has_value(); });
}

}  // namespace

std::optional<FlowEvent> draw_overview_page(ScreenContext& context) {
  Ui& ui = context.ui;
  const Pack& pack = context.pack;
  const std::string_view language = context.state.language;
  ResponseSession& session = *context.state.session;
  std::optional<FlowEvent> event;
  const auto open = [&](FlowPosition target) {
    context.state.open_target = target;
    event = FlowEvent::open;
  };
  // The footer's Next is "Review and send", its quiet middle button "Stop for now".
  const Nav nav{.back = false, .next_key = "overview.finish", .skip_key = "overview.pause"};
  const auto footer_event =
      page(context, "overview", "", 0, nav, [&](float width) -> std::optional<FlowEvent> {
        heading(ui, ui.tr("overview.title"));
        note(ui, ui.tr("overview.intro"));
        if (pack.roles && overview_row(context, std::string(ui.tr("overview.role")), "overview.role",
                                       session.role().has_value(), width)) {
          open({Screen::role, 0});
        }
        if (!pack.vignette.scenes.empty() && overview_row(context, std::string(ui.tr("overview.vignette")),
                                                          "overview.vignette", false, width)) {
          open({Screen::vignette, 0});
        }
        // The points by theme, in the order this respondent has them; a tap opens the first one not
        // yet answered.
        const auto& shown = session.points();
        for (const auto& theme : pack.themes) {
          int total = 0;
          int answered = 0;
          std::optional<int> first;
          std::optional<int> first_open;
          for (std::size_t i = 0; i < shown.size(); ++i) {
            const Point* point = pack.point(shown[i]);
            if (!point || point->theme != theme.id) continue;
            ++total;
            if (!first) first = static_cast<int>(i);
            if (rated_on_every_scale(session, point->id, pack.point_scales)) {
              ++answered;
            } else if (!first_open) {
              first_open = static_cast<int>(i);
            }
          }
          if (total == 0) continue;
          const std::string label =
              fill(ui.tr("overview.theme"), {{"theme", std::string(theme.label.in(language))},
                                             {"n", std::to_string(answered)},
                                             {"total", std::to_string(total)}});
          if (overview_row(context, label, "overview.theme." + theme.id, answered == total, width)) {
            open({Screen::points, first_open.value_or(*first)});
          }
        }
        if (pack.missed_opportunities) {
          const auto& items = pack.missed_opportunities->items;
          const int answered =
              static_cast<int>(std::count_if(items.begin(), items.end(), [&](const auto& item) {
                return rated_on_every_scale(session, item.id, {pack.missed_opportunities->scale});
              }));
          const std::string label = fill(ui.tr("overview.missed"), {{"n", std::to_string(answered)},
                                                                    {"total", std::to_string(items.size())}});
          if (overview_row(context, label, "overview.missed", answered == static_cast<int>(items.size()),
                           width))
            open({Screen::missed_opportunities, 0});
        }
        const Visibility visible = visibility(pack, session.choices());
        for (std::size_t k = 0; k < pack.sections.size(); ++k) {
          if (!visible.sections[k]) continue;
          const Section& section = pack.sections[k];
          const bool complete = std::all_of(
              section.questions.begin(), section.questions.end(),
              [&](const auto& q) { return !visible.shown(q.id) || session.choices().contains(q.id); });
          if (overview_row(context, std::string(section.title.in(language)), "overview.section." + section.id,
                           complete, width)) {
            open({Screen::sections, static_cast<int>(k)});
          }
        }
        const int top_size = pack.settings.top_n_size;
        if (overview_row(context, fill(ui.tr("overview.top"), {{"max", std::to_string(top_size)}}),
                         "overview.top", static_cast<int>(session.top_choices().size()) >= top_size, width)) {
          open({Screen::top_choices, 0});
        }
        const bool all_written =
            std::all_of(pack.open_questions.begin(), pack.open_questions.end(),
                        [&](const auto& q) { return !is_blank_text(session.open_answer_buffer(q.id)); });
        if (overview_row(context, std::string(ui.tr("overview.open")), "overview.open", all_written, width)) {
          open({Screen::open_questions, 0});
        }
        return std::nullopt;
      });
  if (footer_event == FlowEvent::next) open({Screen::review, 0});
  if (footer_event == FlowEvent::skip) event = FlowEvent::pause;
  return event;
}

std::optional<FlowEvent> draw_top_choices_page(ScreenContext& context) {
  // The choice so far stays in view above the list (top_choices.hpp).
  const auto chosen = [&](float column) -> std::optional<FlowEvent> {
    draw_chosen_points(context, column);
    return std::nullopt;
  };
  const auto choosable = [&](float width) -> std::optional<FlowEvent> {
    draw_choosable_points(context, width);
    return std::nullopt;
  };
  return page(context, "top", "", 0, {}, chosen, choosable);
}

std::optional<FlowEvent> draw_open_questions_page(ScreenContext& context) {
  return page(context, "open", "", 0, {}, [&](float width) -> std::optional<FlowEvent> {
    Ui& ui = context.ui;
    const std::string_view language = context.state.language;
    ResponseSession& session = *context.state.session;
    heading(ui, ui.tr("open.title"));
    for (const auto& question : context.pack.open_questions) {
      ImGui::Dummy(ImVec2(0, ui.unit() * 0.4f));
      text(ui, question.question.in(language));
      if (question.hint) note(ui, question.hint->in(language));
      if (text_field(ui, question.question.in(language), "open." + question.id,
                     session.open_answer_buffer(question.id), ImVec2(width, ui.unit() * 5),
                     kMaxTextCharacters)) {
        session.save_open_answer(question.id);
      }
    }
    return std::nullopt;
  });
}

std::optional<FlowEvent> draw_review_page(ScreenContext& context) {
  return page(context, "review", "", 0, {.next_key = "review.send"}, [&](float) -> std::optional<FlowEvent> {
    Ui& ui = context.ui;
    const ResponseSession& session = *context.state.session;
    heading(ui, ui.tr("review.title"));
    text(ui, fill(ui.tr("review.summary"), {{"rated", std::to_string(session.rated_points())},
                                            {"total", std::to_string(session.points().size())},
                                            {"remarks", std::to_string(session.written_remarks())},
                                            {"open", std::to_string(session.written_open_answers())}}));
    text(ui, fill(ui.tr("review.top"), {{"n", std::to_string(session.top_choices().size())},
                                        {"max", std::to_string(context.pack.settings.top_n_size)}}));
    const std::optional<FlowPosition> change = draw_review_answers(context);
    if (change) context.state.open_target = *change;
    if (context.pack.settings.contact_opt_in) {
      // Kept in AppState, not in the response: KioskApp stores it apart when the response is sent.
      ImGui::Dummy(ImVec2(0, ui.unit() * 0.6f));
      heading(ui, ui.tr("contact.title"));
      note(ui, ui.tr("contact.note"));
      text_field(ui, ui.tr("contact.email"), "contact.email", context.state.contact_email,
                 ImVec2(ImGui::GetContentRegionAvail().x, ui.unit() * 2.2f));
    }
    return change ? std::optional(FlowEvent::change) : std::nullopt;
  });
}

void draw_thanks_page(ScreenContext& context) {
  Ui& ui = context.ui;
  const ImVec2 area = ImGui::GetContentRegionAvail();
  const float column = std::min(area.x, ui.unit() * kColumnWidth);
  const float left = ImGui::GetCursorPosX() + (area.x - column) / 2;
  ImGui::SetCursorPos(ImVec2(left, ImGui::GetCursorPosY() + area.y * 0.3f));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(left + column);
  heading(ui, ui.tr("thanks.title"));
  text(ui, ui.tr(context.tablet ? "thanks.body_tablet" : "thanks.body"));
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

void draw_idle_overlay(ScreenContext& context, int seconds_left) {
  Ui& ui = context.ui;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  constexpr ImGuiWindowFlags kOverlayFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                             ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoNav;
  // A dimmed layer over the page, then the question on top of it.
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(viewport->Size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0.45f));
  ImGui::Begin("##idle_dim", nullptr, kOverlayFlags | ImGuiWindowFlags_NoInputs);
  ImGui::End();
  ImGui::PopStyleColor();

  const float width = std::min(viewport->Size.x * 0.9f, ui.unit() * 24);
  ImGui::SetNextWindowPos(
      ImVec2(viewport->Pos.x + viewport->Size.x / 2, viewport->Pos.y + viewport->Size.y / 2),
      ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(width, 0));
  ImGui::SetNextWindowFocus();
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 2.0f);
  ImGui::Begin("##idle", nullptr, kOverlayFlags | ImGuiWindowFlags_AlwaysAutoResize);
  heading(ui, ui.tr("idle.title"));
  text(ui, fill(ui.tr("idle.body"), {{"seconds", std::to_string(seconds_left)}}));
  // Any touch dismisses the overlay (see KioskApp::on_event); the button says so.
  button(ui, ui.tr("idle.continue"), "idle.continue", ButtonStyle::primary,
         ImVec2(ImGui::GetContentRegionAvail().x, ui.unit() * kNavButtonHeight));
  ImGui::End();
  ImGui::PopStyleVar();
}

}  // namespace peiling::ui
