// The "What changed since" page. Each list is a section of two-line rows; the sections of a column share
// its height row by row, so a long list never pushes a short one off the page.
#include "widgets/changes_page.h"

#include "widgets/indicator_tile.h"

#include <algorithm>
#include <functional>
#include <string_view>
#include <vector>

namespace wb::widgets
{

namespace
{

// Sizes, in em.
constexpr float kTitleHeight = 3.8f;
constexpr float kHeadingHeight = 1.7f;
constexpr float kRowHeight = 2.7f;  // two lines of body text
constexpr float kLineHeight = 1.3f; // "and N more", or the words of an empty list
constexpr float kSectionGap = 0.8f;
constexpr float kColumnGap = 2.0f;
constexpr float kTwoColumnsFrom = 60.0f; // page width
// Text set flush right gets this much more room than it measures, so rounding never cuts it with "…".
constexpr float kSlack = 0.05f;

std::string LeadOf(const Action& a)
{
    return a.lead.empty() ? "no lead named" : a.lead;
}

std::string RatingWords(const Snapshot& s, const std::string& code)
{
    const RagLevel* level = LevelOf(s, code);
    return level ? level->label : code.empty() ? "not rated" : code;
}

std::string Plural(size_t count, const char* one, const char* many)
{
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

// An arrow pointing right, across [min.x, max.x] at the middle of [min.y, max.y].
void DrawRightArrow(ImDrawList* draw, const Theme& theme, ImVec2 min, ImVec2 max, ImU32 colour)
{
    const float mid = (min.y + max.y) * 0.5f;
    const float head = theme.em * 0.45f;
    draw->AddRectFilled(ImVec2(min.x, mid - theme.em * 0.08f), ImVec2(max.x - head, mid + theme.em * 0.08f),
                        colour);
    draw->AddTriangleFilled(ImVec2(max.x - head, mid - head * 0.8f), ImVec2(max.x, mid),
                            ImVec2(max.x - head, mid + head * 0.8f), colour);
}

// A triangle up or down in [min, max] (a bar when the figure is level): the way the value went.
void DrawTravelMark(ImDrawList* draw, ImVec2 min, ImVec2 max, double before, double after, ImU32 colour)
{
    const float mid_x = (min.x + max.x) * 0.5f;
    if (after > before)
        draw->AddTriangleFilled(ImVec2(mid_x, min.y), ImVec2(max.x, max.y), ImVec2(min.x, max.y), colour);
    else if (after < before)
        draw->AddTriangleFilled(ImVec2(min.x, min.y), ImVec2(max.x, min.y), ImVec2(mid_x, max.y), colour);
    else
    {
        const float mid_y = (min.y + max.y) * 0.5f;
        const float half = (max.y - min.y) * 0.12f;
        draw->AddRectFilled(ImVec2(min.x, mid_y - half), ImVec2(max.x, mid_y + half), colour);
    }
}

// "64.1% (Mar-23) → 91.0% (Apr-23) · target 90.0%"
std::string Figures(const IndicatorChange& c)
{
    const Indicator& ind = *c.indicator;
    std::string text = FormatValue(c.before, ind.unit) + " (" + FormatShortPeriod(c.before_period) + ") → " +
                       FormatValue(c.after, ind.unit) + " (" + FormatShortPeriod(c.after_period) + ")";
    if (ind.target.kind == TargetKind::Value)
        text += " · target " + TargetInForceInWords(ind, c.after_period); // the target in force then
    return text;
}

// One list: a heading, its rows, and what to say when it is empty. `draw_row(i, min, max)` draws row i.
struct Section
{
    std::string heading;
    size_t count = 0;
    const char* empty_words = "";
    std::function<void(size_t, ImVec2, ImVec2)> draw_row;
    size_t shown = 0; // rows that fit, worked out by the column
    // What row i opens when tapped; may be null.
    std::function<Hit(size_t, ImVec2, ImVec2)> hit_of;
};

float SectionHeight(const Section& s, float em)
{
    float height = em * kHeadingHeight;
    if (s.count == 0)
        return height + em * kLineHeight;
    height += em * kRowHeight * static_cast<float>(s.shown);
    return s.shown < s.count ? height + em * kLineHeight : height;
}

// Shares the column's height between its sections a row at a time, in turn, so each shows its first
// rows before any shows many.
void FitRows(std::vector<Section*>& sections, float em, float height)
{
    const auto total = [&]
    {
        float sum = em * kSectionGap * static_cast<float>(sections.size() - 1);
        for (const Section* s : sections)
            sum += SectionHeight(*s, em);
        return sum;
    };
    for (Section* s : sections)
        s->shown = std::min<size_t>(s->count, 1);
    for (bool grew = true; grew;)
    {
        grew = false;
        for (Section* s : sections)
        {
            if (s->shown >= s->count)
                continue;
            ++s->shown;
            if (total() <= height)
                grew = true;
            else
                --s->shown;
        }
    }
}

void DrawColumn(ImDrawList* draw, const Theme& theme, std::vector<Section*> sections, ImVec2 min, ImVec2 max,
                Hits* hits)
{
    const float em = theme.em;
    FitRows(sections, em, max.y - min.y);
    float y = min.y;
    // Anything drawn must end above `max.y`: on a screen too small for even one row, rows are dropped.
    const auto fits = [&](float height) { return y + height <= max.y; };
    for (const Section* s : sections)
    {
        if (!fits(em * kHeadingHeight))
            return;
        const std::string heading =
            s->count > 0 ? s->heading + " (" + std::to_string(s->count) + ")" : s->heading;
        DrawClippedText(draw, theme.bold, em * 1.1f, ImVec2(min.x, y), ImVec2(max.x, y + em * 1.4f),
                        theme.text, heading);
        y += em * kHeadingHeight;
        if (s->count == 0)
        {
            if (fits(em * kLineHeight))
                DrawClippedText(draw, theme.body, em, ImVec2(min.x, y), ImVec2(max.x, y + em), theme.dim_text,
                                s->empty_words);
            y += em * kLineHeight + em * kSectionGap;
            continue;
        }
        size_t drawn = 0;
        for (; drawn < s->shown && fits(em * kRowHeight); ++drawn)
        {
            s->draw_row(drawn, ImVec2(min.x, y), ImVec2(max.x, y + em * kRowHeight));
            if (hits && s->hit_of)
                hits->push_back(s->hit_of(drawn, ImVec2(min.x, y), ImVec2(max.x, y + em * kRowHeight)));
            y += em * kRowHeight;
        }
        if (drawn < s->count && fits(em * kLineHeight))
            DrawClippedText(draw, theme.body, em, ImVec2(min.x, y), ImVec2(max.x, y + em), theme.dim_text,
                            "and " + std::to_string(s->count - drawn) + " more");
        y += (drawn < s->count ? em * kLineHeight : 0.0f) + em * kSectionGap;
    }
}

} // namespace

void DrawChangesPage(ImDrawList* draw, const Theme& theme, const Snapshot& after, const Changes& changes,
                     const std::string& since_label, ImVec2 min, ImVec2 max, Hits* hits)
{
    const float em = theme.em;
    const ImVec2 inner_min(min.x + em, min.y + em);
    const ImVec2 inner_max(max.x - em, max.y - em);
    const ImU32 figures = Faded(theme.text, theme.dim);
    const ImU32 good = Faded(theme.good, theme.dim);
    const ImU32 bad = Faded(theme.bad, theme.dim);

    // ---- Title ----
    DrawClippedText(draw, theme.bold, em * 1.6f, inner_min, ImVec2(inner_max.x, inner_min.y + em * 1.8f),
                    theme.text, "What changed since " + since_label);
    std::string subtitle = after.plan.authority + " · figures as of " + FormatLongDate(after.plan.as_of);
    if (!changes.added.empty())
        subtitle += " · " + Plural(changes.added.size(), "action added", "actions added");
    if (!changes.removed.empty())
        subtitle += " · " + Plural(changes.removed.size(), "action removed", "actions removed");
    DrawClippedText(draw, theme.body, em, ImVec2(inner_min.x, inner_min.y + em * 1.9f),
                    ImVec2(inner_max.x, inner_min.y + em * 2.9f), theme.dim_text, subtitle);

    // ---- Rows ----
    const float line2 = em * 1.35f;
    // One badge width for the page and one ref column per list, so codes and refs are shown whole.
    const float badge = BadgeColumnWidth(theme, after.rag_key, em * 1.3f, em * 3.5f);
    const float most_ref = (inner_max.x - inner_min.x) * 0.25f;
    std::vector<std::string_view> rating_ids, overdue_ids;
    for (const RatingChange& r : changes.ratings)
        rating_ids.emplace_back(r.action->id);
    // A ref of one row reads as that row; a ref of several as the ref, which opens its rows.
    const auto shown_id = [](const DueRef& ref) -> const std::string&
    { return ref.rows.size() == 1 ? ref.rows.front().action->id : ref.ref; };
    for (const DueRef& ref : changes.newly_overdue)
        overdue_ids.emplace_back(shown_id(ref));
    const float rating_ref_width = RefColumnWidth(theme, em, rating_ids, most_ref);
    const float overdue_ref_width = RefColumnWidth(theme, em, overdue_ids, most_ref);
    Section ratings{
        "Ratings changed",
        changes.ratings.size(),
        "No rating changed.",
        [&](size_t i, ImVec2 lo, ImVec2 hi)
        {
            const RatingChange& r = changes.ratings[i];
            const Action& a = *r.action;
            const float height = em * 1.3f;
            DrawRagBadge(draw, theme, lo, ImVec2(lo.x + badge, lo.y + height), LevelOf(after, r.from));
            const ImU32 arrow = r.move == RatingMove::TowardsDone    ? good
                                : r.move == RatingMove::AwayFromDone ? bad
                                                                     : theme.dim_text;
            DrawRightArrow(draw, theme, ImVec2(lo.x + badge + em * 0.2f, lo.y),
                           ImVec2(lo.x + badge + em * 1.4f, lo.y + height), arrow);
            DrawRagBadge(draw, theme, ImVec2(lo.x + badge + em * 1.6f, lo.y),
                         ImVec2(lo.x + badge * 2 + em * 1.6f, lo.y + height), LevelOf(after, r.to));
            const float ref_x = lo.x + badge * 2 + em * 2.1f;
            DrawRef(draw, theme, ImVec2(ref_x, lo.y + em * 0.1f), rating_ref_width, em, theme.text, a.id);
            DrawClippedText(draw, theme.body, em,
                            ImVec2(ref_x + rating_ref_width + em * 0.5f, lo.y + em * 0.1f),
                            ImVec2(hi.x, lo.y + em * 1.2f), theme.text, ActionSummary(a));
            DrawClippedText(draw, theme.body, em, ImVec2(ref_x, lo.y + line2),
                            ImVec2(hi.x, lo.y + line2 + em), theme.dim_text,
                            "Now " + RatingWords(after, r.to) + ", was " + RatingWords(after, r.from) +
                                " · " + LeadOf(a));
        },
        0,
        [&](size_t i, ImVec2 lo, ImVec2 hi) {
            return Hit{lo, hi, HitKind::Action, changes.ratings[i].action->id};
        }};
    Section overdue{
        "Newly overdue",
        changes.newly_overdue.size(),
        "No action became overdue.",
        [&](size_t i, ImVec2 lo, ImVec2 hi)
        {
            const DueRef& ref = changes.newly_overdue[i];
            const Action& a = *ref.rows.front().action;
            DrawRagBadge(draw, theme, lo, ImVec2(lo.x + badge, lo.y + em * 1.3f), LevelOf(after, ref.rag));
            const float ref_x = lo.x + badge + em * 0.5f;
            DrawRef(draw, theme, ImVec2(ref_x, lo.y + em * 0.1f), overdue_ref_width, em, theme.text,
                    shown_id(ref));
            const std::string days =
                Plural(static_cast<size_t>(std::max(ref.days_overdue, 0)), "day", "days") + " overdue";
            const float days_width = std::min(TextWidth(theme.bold, em, days), (hi.x - lo.x) * 0.4f);
            DrawClippedText(draw, theme.bold, em, ImVec2(hi.x - days_width - em * kSlack, lo.y + em * 0.1f),
                            ImVec2(hi.x, lo.y + em * 1.2f), bad, days);
            DrawClippedText(draw, theme.body, em,
                            ImVec2(ref_x + overdue_ref_width + em * 0.5f, lo.y + em * 0.1f),
                            ImVec2(hi.x - days_width - em, lo.y + em * 1.2f), theme.text, ActionSummary(a));
            std::string second =
                "Due " + DueInWords(a.due, after.plan, changes.today, DueForm::Full) + " · " + LeadOf(a);
            if (ref.rows.size() > 1)
            {
                second = std::to_string(ref.rows.size()) + " rows overdue:";
                for (const DueAction& row : ref.rows)
                    second += " " + row.action->id;
            }
            DrawClippedText(draw, theme.body, em, ImVec2(ref_x, lo.y + line2),
                            ImVec2(hi.x, lo.y + line2 + em), theme.dim_text, second);
        },
        0,
        [&](size_t i, ImVec2 lo, ImVec2 hi) {
            return Hit{lo, hi, HitKind::Action, shown_id(changes.newly_overdue[i])};
        }};
    // An indicator row: the way the figure went, coloured good or bad; its name; the figures under it.
    const auto indicator_row = [&](const IndicatorChange& c, const std::string& right, ImVec2 lo, ImVec2 hi)
    {
        const Indicator& ind = *c.indicator;
        const ImU32 colour = c.good ? good : bad;
        DrawTravelMark(draw, ImVec2(lo.x + em * 0.1f, lo.y + em * 0.15f),
                       ImVec2(lo.x + em * 1.2f, lo.y + em * 1.1f), c.before, c.after, colour);
        const float name_x = lo.x + em * 1.8f;
        float name_max = hi.x;
        if (!right.empty())
        {
            const float width = std::min(TextWidth(theme.bold, em, right), (hi.x - name_x) * 0.45f);
            DrawClippedText(draw, theme.bold, em, ImVec2(hi.x - width - em * kSlack, lo.y + em * 0.1f),
                            ImVec2(hi.x, lo.y + em * 1.2f), colour, right);
            name_max = hi.x - width - em;
        }
        DrawClippedText(draw, theme.body, em, ImVec2(name_x, lo.y + em * 0.1f),
                        ImVec2(name_max, lo.y + em * 1.2f), theme.text, ind.id + ". " + ind.name,
                        TextCut::Middle);
        DrawClippedText(draw, theme.body, em, ImVec2(name_x, lo.y + line2), ImVec2(hi.x, lo.y + line2 + em),
                        figures, Figures(c));
    };
    Section crossed{"Indicators across their target",
                    changes.crossed.size(),
                    "No indicator crossed its target.",
                    [&](size_t i, ImVec2 lo, ImVec2 hi)
                    {
                        const IndicatorChange& c = changes.crossed[i];
                        indicator_row(c, "now " + TargetStatusWords(c.to), lo, hi);
                    },
                    0,
                    [&](size_t i, ImVec2 lo, ImVec2 hi) {
                        return Hit{lo, hi, HitKind::Indicator, changes.crossed[i].indicator->id};
                    }};
    Section moved{"Moved most",
                  changes.moved.size(),
                  "No indicator's figure moved.",
                  [&](size_t i, ImVec2 lo, ImVec2 hi) { indicator_row(changes.moved[i], "", lo, hi); },
                  0,
                  [&](size_t i, ImVec2 lo, ImVec2 hi) {
                      return Hit{lo, hi, HitKind::Indicator, changes.moved[i].indicator->id};
                  }};

    // ---- Columns ----
    const float top = inner_min.y + em * kTitleHeight;
    if (max.x - min.x > em * kTwoColumnsFrom)
    {
        const float mid = (inner_min.x + inner_max.x) * 0.5f;
        DrawColumn(draw, theme, {&ratings, &overdue}, ImVec2(inner_min.x, top),
                   ImVec2(mid - em * kColumnGap * 0.5f, inner_max.y), hits);
        DrawColumn(draw, theme, {&crossed, &moved}, ImVec2(mid + em * kColumnGap * 0.5f, top), inner_max,
                   hits);
    }
    else
        DrawColumn(draw, theme, {&ratings, &overdue, &crossed, &moved}, ImVec2(inner_min.x, top), inner_max,
                   hits);
}

} // namespace wb::widgets
