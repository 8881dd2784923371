// Pages and the status strip. Each page lays itself out in multiples of the font size; the same layout
// function serves drawing and counting parts, so the playlist and the screen always agree.
#include "widgets/pages.h"

#include "core/rotation.h"
#include "widgets/action_list_view.h"
#include "widgets/indicator_tile.h"

#include <algorithm>
#include <cmath>

namespace wb::widgets
{

// The page's area: the screen less the status strip at its tallest (with a warning), so a warning
// appearing never changes how many parts a page has.
ImVec2 PageArea(const Theme& theme, ImVec2 screen)
{
    return ImVec2(screen.x, screen.y - StatusStripHeight(theme, true));
}

namespace
{

struct Inner
{
    ImVec2 min, max;
};

Inner InnerOf(const Theme& theme, ImVec2 min, ImVec2 max)
{
    return {ImVec2(min.x + theme.em, min.y + theme.em), ImVec2(max.x - theme.em, max.y - theme.em)};
}

constexpr float kHeaderHeight = 3.2f; // in em
// Widest badge a legend or list gives a code before it uses the code's short form, in em.
constexpr float kLegendBadgeMost = 6.0f;
constexpr float kListBadgeMost = 3.5f;
constexpr float kListBadgeHeight = 1.3f;

// Title, clock, and the plan line. `part_label` ("2 of 3") sits by the clock, so a long title never hides it.
void DrawHeader(ImDrawList* draw, const Theme& theme, const Snapshot& s, const std::string& title,
                const std::string& part_label, const PageContext& context, ImVec2 min, ImVec2 max)
{
    const float em = theme.em;
    const float clock_width = TextWidth(theme.value, em * 1.6f, context.clock);
    draw->AddText(theme.value, em * 1.6f, ImVec2(max.x - clock_width, min.y), theme.text,
                  context.clock.c_str());
    float title_max = max.x - clock_width - em;
    if (!part_label.empty())
    {
        const float width = TextWidth(theme.bold, em * 1.2f, part_label);
        title_max -= width + em;
        draw->AddText(theme.bold, em * 1.2f, ImVec2(title_max + em, min.y + em * 0.35f), theme.dim_text,
                      part_label.c_str());
    }
    DrawClippedText(draw, theme.bold, em * 1.6f, min, ImVec2(title_max, min.y + em * 1.8f), theme.text,
                    title);
    DrawClippedText(draw, theme.body, em, ImVec2(min.x, min.y + em * 1.9f), ImVec2(max.x, min.y + em * 2.9f),
                    theme.dim_text,
                    s.plan.authority + " · " + s.plan.title + " · figures as of " +
                        FormatLongDate(s.plan.as_of));
}

std::string PartLabel(int part, int parts)
{
    return parts > 1 ? std::to_string(part + 1) + " of " + std::to_string(parts) : std::string();
}

// The RAG counts as chips that wrap onto more lines on a narrow screen. With `draw` null, only measures.
// With `hits`, each chip opens the refs it counts on dashboard `dashboard_id`. Returns the height used.
float RagStrip(ImDrawList* draw, const Theme& theme, const Snapshot& s, const RagCounts& counts, ImVec2 min,
               ImVec2 max, Hits* hits = nullptr, const std::string& dashboard_id = {})
{
    const float em = theme.em;
    const float line = em * 2.0f;
    float x = min.x;
    float y = min.y;
    const auto place = [&](float width)
    {
        if (x > min.x && x + width > max.x)
        {
            x = min.x;
            y += line;
        }
        const ImVec2 at(x, y);
        x += width + em * 0.8f;
        return at;
    };
    // The legend: each badge as the lists draw it, then what it stands for (the level's label, when that
    // says more than the badge) and the count.
    const auto chip = [&](const RagLevel* level, int count)
    {
        const float badge_height = em * 1.5f;
        const float badge_width = BadgeWidth(theme, level, badge_height, kLegendBadgeMost * em);
        const std::string& shown =
            CodeToFit(theme, level, BadgeTextSize(theme, badge_height), badge_width - em * 0.5f);
        const std::string words = !level ? "Not rated" : level->label.empty() ? level->code : level->label;
        const std::string text = (words == shown ? "" : words + " ") + std::to_string(count);
        const ImVec2 at = place(TextWidth(theme.body, em, text) + badge_width + em * 0.3f);
        if (!draw)
            return;
        DrawRagBadge(draw, theme, at, ImVec2(at.x + badge_width, at.y + badge_height), level);
        DrawClippedText(draw, theme.body, em, ImVec2(at.x + badge_width + em * 0.3f, at.y + em * 0.25f),
                        ImVec2(max.x, at.y + em * 1.5f), theme.text, text);
        if (hits)
            hits->push_back(
                {at, ImVec2(at.x + badge_width + em * 0.3f + TextWidth(theme.body, em, text), at.y + line),
                 HitKind::Actions, dashboard_id + ":rating:" + (level ? level->code : "")});
    };
    for (size_t i = 0; i < s.rag_key.size(); ++i)
        chip(&s.rag_key[i], counts.by_level[i]);
    chip(nullptr, counts.not_rated);
    // counts.overdue is OverdueCount of the dashboard's list, which the chip opens.
    const std::string text =
        counts.overdue > 0 ? std::to_string(counts.overdue) + " overdue" : "none overdue";
    const float width = TextWidth(theme.bold, em, text) + em;
    const ImVec2 at = place(width);
    if (draw)
    {
        const ImU32 fill = counts.overdue > 0 ? theme.bad : theme.panel;
        draw->AddRectFilled(at, ImVec2(at.x + width, at.y + em * 1.5f), fill, em * 0.2f);
        DrawText(draw, theme.bold, em, ImVec2(at.x + em * 0.5f, at.y + em * 0.2f),
                 counts.overdue > 0 ? TextOn(fill) : theme.dim_text, text);
        if (hits)
            hits->push_back(
                {at, ImVec2(at.x + width, at.y + line), HitKind::Actions, "overdue:" + dashboard_id});
    }
    return y - min.y + line;
}

// Where a team dashboard's parts go: header, RAG strip, tile grid, action list.
struct DashboardLayout
{
    Inner inner;
    float strip_top = 0;
    ImVec2 grid_min, grid_max;
    ImVec2 list_min;
    int columns = 1;
    int rows = 1;
    size_t per_part = 1; // tiles on one part
};

DashboardLayout LayoutDashboard(const Theme& theme, const Snapshot& s, const DashboardView& d, ImVec2 min,
                                ImVec2 max)
{
    const float em = theme.em;
    DashboardLayout layout;
    layout.inner = InnerOf(theme, min, max);
    const Inner& inner = layout.inner;
    layout.strip_top = inner.min.y + em * kHeaderHeight;
    const float strip =
        RagStrip(nullptr, theme, s, d.counts, ImVec2(inner.min.x, layout.strip_top), inner.max);
    layout.grid_min = ImVec2(inner.min.x, layout.strip_top + strip);
    // Tiles take what is left above the action list: fewer, larger tiles beat a dense grid.
    const float list_height = std::min((inner.max.y - layout.grid_min.y) * 0.3f, em * 7.5f);
    layout.list_min = ImVec2(inner.min.x, inner.max.y - list_height);
    layout.grid_max = ImVec2(inner.max.x, layout.list_min.y - em * 1.5f);
    const float gap = em * 0.6f;
    layout.columns =
        std::max(1, static_cast<int>((layout.grid_max.x - layout.grid_min.x + gap) / (em * 17.0f + gap)));
    layout.rows =
        std::max(1, static_cast<int>((layout.grid_max.y - layout.grid_min.y + gap) / (em * 8.0f + gap)));
    layout.per_part = static_cast<size_t>(layout.columns * layout.rows);
    return layout;
}

int PartsFor(size_t items, size_t per_part)
{
    const size_t parts = (items + per_part - 1) / std::max<size_t>(1, per_part);
    return std::clamp(static_cast<int>(parts), 1, kMaxPageParts);
}

void DrawActionList(ImDrawList* draw, Hits& hits, const Theme& theme, const Snapshot& s,
                    const DashboardView& d, Date today, ImVec2 min, ImVec2 max)
{
    const float em = theme.em;
    const bool any_overdue = !d.due.empty() && d.due.front().overdue;
    draw->AddText(theme.bold, em * 1.1f, min, theme.text,
                  any_overdue ? "Overdue and due soon" : "Due in the next 30 days");
    float y = min.y + em * 1.6f;
    if (d.due.empty())
    {
        draw->AddText(theme.body, em, ImVec2(min.x, y), theme.dim_text,
                      "Nothing overdue or due in the next 30 days.");
        return;
    }
    // Refs whole, each with its rows under it; the last line is kept for "and N more" when some are left.
    const RefColumns columns = ColumnsForRefs(theme, s, d.due, 0, d.due.size(), (max.x - min.x) * 0.3f);
    const float more = em * 1.5f;
    size_t shown = 0;
    for (const DueRef& ref : d.due)
    {
        const float bottom = max.y - (d.due.size() - shown > 1 ? more : 0);
        // Its rows under it where they fit, else the ref's line alone (its rows a tap away).
        const bool rows_under = y + RefEntryHeight(theme, ref, false) <= bottom;
        if (y + RefEntryHeight(theme, ref, false, rows_under) > bottom)
            break;
        y += DrawRefEntry(draw, hits, theme, s, ref, today, columns, ImVec2(min.x, y), max.x, false,
                          rows_under);
        ++shown;
    }
    if (shown < d.due.size())
    {
        const std::string text = "and " + std::to_string(d.due.size() - shown) + " more";
        DrawText(draw, theme.body, em, ImVec2(min.x, y), theme.dim_text, text);
        hits.push_back({ImVec2(min.x, y), ImVec2(min.x + TextWidth(theme.body, em, text) + em, y + more),
                        HitKind::Actions, "due:" + d.dashboard->id});
    }
}

void DrawDashboardPage(ImDrawList* draw, Hits& hits, const Theme& theme, const BoardView& view,
                       const DashboardView& d, int part, const PageContext& context, ImVec2 min, ImVec2 max)
{
    const Snapshot& s = *view.snapshot;
    const float em = theme.em;
    const DashboardLayout layout = LayoutDashboard(theme, s, d, min, max);
    const int parts = PartsFor(d.indicators.size(), layout.per_part);
    part = std::clamp(part, 0, parts - 1);
    DrawHeader(draw, theme, s, d.dashboard->title, PartLabel(part, parts), context, layout.inner.min,
               layout.inner.max);
    Hits chips; // after the tiles' hits, so a page's first hit stays its first tile
    RagStrip(draw, theme, s, d.counts, ImVec2(layout.inner.min.x, layout.strip_top), layout.inner.max, &chips,
             d.dashboard->id);

    const float gap = em * 0.6f;
    const size_t first = static_cast<size_t>(part) * layout.per_part;
    const size_t last = std::min(d.indicators.size(), first + layout.per_part);
    const size_t count = last > first ? last - first : 0;
    const float width = layout.grid_max.x - layout.grid_min.x;
    const float tile_width =
        (width - gap * static_cast<float>(layout.columns - 1)) / static_cast<float>(layout.columns);
    const int rows_used = std::clamp(static_cast<int>((count + static_cast<size_t>(layout.columns) - 1) /
                                                      static_cast<size_t>(layout.columns)),
                                     1, layout.rows);
    const float tile_height = std::min(
        em * 11.0f, (layout.grid_max.y - layout.grid_min.y - gap * static_cast<float>(rows_used - 1)) /
                        static_cast<float>(rows_used));
    for (size_t i = 0; i < count; ++i)
    {
        const int column = static_cast<int>(i) % layout.columns;
        const int row = static_cast<int>(i) / layout.columns;
        const ImVec2 tile_min(layout.grid_min.x + static_cast<float>(column) * (tile_width + gap),
                              layout.grid_min.y + static_cast<float>(row) * (tile_height + gap));
        const ImVec2 tile_max(tile_min.x + tile_width, tile_min.y + tile_height);
        DrawIndicatorTile(draw, theme, *d.indicators[first + i], tile_min, tile_max);
        hits.push_back({tile_min, tile_max, HitKind::Indicator, d.indicators[first + i]->id});
    }
    if (d.indicators.empty())
        draw->AddText(theme.body, em, layout.grid_min, theme.dim_text, "No indicators on this dashboard.");
    else if (last < d.indicators.size() && part == parts - 1)
        draw->AddText(theme.body, em, ImVec2(layout.grid_min.x, layout.grid_max.y + em * 0.2f),
                      theme.dim_text,
                      ("+ " + std::to_string(d.indicators.size() - last) + " more indicators").c_str());
    DrawActionList(draw, hits, theme, s, d, view.today, layout.list_min, layout.inner.max);
    hits.insert(hits.end(), chips.begin(), chips.end());
}

void DrawOverviewPage(ImDrawList* draw, Hits& hits, const Theme& theme, const BoardView& view,
                      const DashboardView& d, const PageContext& context, ImVec2 min, ImVec2 max)
{
    const Snapshot& s = *view.snapshot;
    const float em = theme.em;
    const Inner inner = InnerOf(theme, min, max);
    DrawHeader(draw, theme, s, d.dashboard->title, "", context, inner.min, inner.max);

    // Priorities: a bar of refs by rating (least complete first, as the key is), and overdue.
    const float label_width = (inner.max.x - inner.min.x) * 0.38f;
    const float overdue_width = std::max(em * 7.0f, TextWidth(theme.bold, em, "none overdue") + em * 0.8f);
    float y = inner.min.y + em * kHeaderHeight;
    // For the meeting: what changed since the last snapshot, a tap away.
    if (!context.changes_since.empty())
    {
        const std::string label = "What changed since " + context.changes_since + "  ▶";
        const ImVec2 a(inner.min.x, y);
        const ImVec2 b(inner.min.x + TextWidth(theme.bold, em, label) + em * 1.6f, y + em * 2.0f);
        draw->AddRectFilled(a, b, theme.good, em * 0.3f);
        DrawClippedText(draw, theme.bold, em, ImVec2(a.x + em * 0.8f, a.y + em * 0.45f),
                        ImVec2(inner.max.x, b.y), TextOn(theme.good), label);
        hits.push_back({a, b, HitKind::Changes, ""});
        y += em * 2.6f;
    }
    // The key, with the plan's counts: what each colour and code (or short form) stands for.
    y += RagStrip(draw, theme, s, d.counts, ImVec2(inner.min.x, y), inner.max, &hits, d.dashboard->id) +
         em * 0.2f;
    for (const PriorityView& p : view.priorities)
    {
        const RagCounts& counts = p.counts;
        DrawClippedText(draw, theme.body, em, ImVec2(inner.min.x, y + em * 0.2f),
                        ImVec2(inner.min.x + label_width - em, y + em * 1.4f), theme.text,
                        p.priority->id + ". " + p.priority->title);
        // The name opens the priority's actions; each segment the refs it counts; "N overdue" those overdue.
        const std::string list = "priority:" + p.priority->id;
        hits.push_back({ImVec2(inner.min.x, y), ImVec2(inner.min.x + label_width, y + em * 2.0f),
                        HitKind::Actions, list});
        const float bar_min_x = inner.min.x + label_width;
        const float bar_max_x = inner.max.x - overdue_width;
        float x = bar_min_x;
        const auto segment = [&](const RagLevel* level, int count)
        {
            if (count == 0 || counts.total == 0)
                return;
            const float width =
                (bar_max_x - bar_min_x) * static_cast<float>(count) / static_cast<float>(counts.total);
            const ImU32 fill = level ? ColourFromHex(level->colour) : IM_COL32(90, 90, 96, 255);
            draw->AddRectFilled(ImVec2(x, y), ImVec2(x + width - 2.0f, y + em * 1.5f), fill);
            hits.push_back({ImVec2(x, y), ImVec2(x + width, y + em * 2.0f), HitKind::Actions,
                            list + ":rating:" + (level ? level->code : "")});
            // "On track 3", else "OT 3", else "3": never a cut code (the key above says what it is).
            const std::string number = std::to_string(count);
            const float room = width - em * 0.6f;
            const float number_width = TextWidth(theme.bold, em, number);
            const std::string& code = CodeToFit(theme, level, em, room - number_width - em * 0.3f);
            const float code_width = TextWidth(theme.bold, em, code);
            if (code_width + em * 0.3f + number_width <= room)
            {
                draw->AddText(theme.bold, em, ImVec2(x + em * 0.3f, y + em * 0.2f), TextOn(fill),
                              code.c_str());
                RecordText(theme.bold, em, ImVec2(x + em * 0.3f, y + em * 0.2f), code,
                           level ? level->code : code, TextRole::Code, level ? level->short_code : "");
                DrawText(draw, theme.bold, em, ImVec2(x + em * 0.6f + code_width, y + em * 0.2f),
                         TextOn(fill), number);
            }
            else if (number_width <= room)
                DrawText(draw, theme.bold, em, ImVec2(x + em * 0.3f, y + em * 0.2f), TextOn(fill), number);
            x += width;
        };
        for (size_t i = 0; i < s.rag_key.size(); ++i)
            segment(&s.rag_key[i], counts.by_level[i]);
        segment(nullptr, counts.not_rated);
        // counts.overdue is OverdueCount(p.overdue), the list this opens.
        const std::string overdue =
            counts.overdue > 0 ? std::to_string(counts.overdue) + " overdue" : "none overdue";
        DrawClippedText(draw, theme.bold, em, ImVec2(bar_max_x + em * 0.6f, y + em * 0.2f),
                        ImVec2(inner.max.x, y + em * 1.4f), counts.overdue > 0 ? theme.bad : theme.dim_text,
                        overdue);
        hits.push_back(
            {ImVec2(bar_max_x, y), ImVec2(inner.max.x, y + em * 2.0f), HitKind::Actions, "overdue:" + list});
        y += em * 2.0f;
    }

    // Indicators off target, worst first by distance from target as a share of it.
    y += em * 0.5f;
    const char* heading = "Indicators off target";
    DrawText(draw, theme.bold, em * 1.1f, ImVec2(inner.min.x, y), theme.text, heading);
    // What the plan's indicators show overall, "no figures yet" counted apart from "no target".
    const float heading_width = TextWidth(theme.bold, em * 1.1f, heading);
    DrawClippedText(draw, theme.body, em, ImVec2(inner.min.x + heading_width + em, y + em * 0.1f),
                    ImVec2(inner.max.x, y + em * 1.2f), theme.dim_text, TargetSummaryInWords(view.targets));
    y += em * 1.7f;
    size_t shown = 0;
    for (const OffTarget& off : view.off_target)
    {
        if (y + em * 2.6f > inner.max.y)
            break;
        const Indicator& ind = *off.indicator;
        const PeriodValue* latest = LatestValue(ind);
        const std::string figures = FormatValue(*latest->value, ind.unit) + " against " +
                                    TargetInForceInWords(ind, latest->period) + " · " +
                                    FormatShortPeriod(latest->period);
        const float figures_width = TextWidth(theme.bold, em, figures);
        DrawText(draw, theme.bold, em, ImVec2(inner.max.x - figures_width, y), Faded(theme.bad, theme.dim),
                 figures);
        DrawClippedText(draw, theme.body, em, ImVec2(inner.min.x, y),
                        ImVec2(inner.max.x - figures_width - em, y + em), theme.text,
                        ind.id + ". " + ind.name, TextCut::Middle);
        hits.push_back(
            {ImVec2(inner.min.x, y), ImVec2(inner.max.x, y + em * 1.4f), HitKind::Indicator, ind.id});
        y += em * 1.4f;
        ++shown;
    }
    if (view.off_target.empty())
        DrawText(draw, theme.body, em, ImVec2(inner.min.x, y), theme.dim_text,
                 NothingOffTargetInWords(view.targets));
    else if (shown < view.off_target.size())
    {
        const std::string text = "and " + std::to_string(view.off_target.size() - shown) + " more off target";
        DrawText(draw, theme.body, em, ImVec2(inner.min.x, y), theme.dim_text, text);
        hits.push_back({ImVec2(inner.min.x, y),
                        ImVec2(inner.min.x + TextWidth(theme.body, em, text) + em, y + em * 1.4f),
                        HitKind::Indicators, "off-target"});
    }
}

// The overdue list: one line per action on a wide screen; two on a narrow (portrait) one, where the
// lead and due date go under the action so that neither is squeezed.
struct OverdueLayout
{
    Inner inner;
    float list_top = 0;
    bool two_lines = false;
    float row_height = 0;
    size_t per_part = 1;
};

OverdueLayout LayoutOverdue(const Theme& theme, ImVec2 min, ImVec2 max)
{
    const float em = theme.em;
    OverdueLayout layout;
    layout.inner = InnerOf(theme, min, max);
    layout.list_top = layout.inner.min.y + em * kHeaderHeight;
    layout.two_lines = layout.inner.max.x - layout.inner.min.x < em * 55.0f;
    layout.row_height = layout.two_lines ? em * 2.9f : em * 1.5f;
    // Room is kept at the foot for "and N more" on the last part.
    const float room = layout.inner.max.y - layout.list_top - em * 1.2f;
    layout.per_part = static_cast<size_t>(std::max(1.0f, std::floor(room / layout.row_height)));
    return layout;
}

void DrawOverduePage(ImDrawList* draw, Hits& hits, const Theme& theme, const BoardView& view, int part,
                     const PageContext& context, ImVec2 min, ImVec2 max)
{
    const Snapshot& s = *view.snapshot;
    const float em = theme.em;
    const OverdueLayout layout = LayoutOverdue(theme, min, max);
    const Inner& inner = layout.inner;
    const int parts = PartsFor(view.overdue.size(), layout.per_part);
    part = std::clamp(part, 0, parts - 1);
    DrawHeader(draw, theme, s, PageTitle(view, std::string(kOverduePageId)), PartLabel(part, parts), context,
               inner.min, inner.max);
    if (view.overdue.empty())
    {
        draw->AddText(theme.bold, em * 1.4f, ImVec2(inner.min.x, layout.list_top), theme.text,
                      "No action is overdue.");
        return;
    }
    // Refs whole, each with its rows under it: a part holds what fits in per_part single-line entries'
    // room, so a ref of several rows pushes the next ones on (and the last part ends "and N more").
    const float room = layout.row_height * static_cast<float>(layout.per_part) + em * 0.01f;
    const auto height_of = [&](size_t i) { return RefEntryHeight(theme, view.overdue[i], layout.two_lines); };
    const auto end_of_part = [&](size_t from) // at least one entry, however tall
    {
        size_t end = from;
        for (float used = 0; end < view.overdue.size() && ((used += height_of(end)) <= room || end == from);)
            ++end;
        return end;
    };
    size_t first = 0;
    for (int p = 0; p < part; ++p)
        first = end_of_part(first);
    const size_t last = end_of_part(first);
    const RefColumns columns =
        ColumnsForRefs(theme, s, view.overdue, first, last, (inner.max.x - inner.min.x) * 0.25f);
    float y = layout.list_top;
    for (size_t i = first; i < last; ++i)
        y += DrawRefEntry(draw, hits, theme, s, view.overdue[i], view.today, columns, ImVec2(inner.min.x, y),
                          inner.max.x, layout.two_lines);
    if (part == parts - 1 && last < view.overdue.size())
    {
        const std::string text = "and " + std::to_string(view.overdue.size() - last) + " more";
        DrawText(draw, theme.body, em, ImVec2(inner.min.x, y), theme.dim_text, text);
        hits.push_back({ImVec2(inner.min.x, y),
                        ImVec2(inner.min.x + TextWidth(theme.body, em, text) + em, y + em * 1.4f),
                        HitKind::Actions, "overdue"});
    }
}

} // namespace

std::string PageTitle(const BoardView& view, const std::string& page_id)
{
    const PagePart split = SplitPageId(page_id);
    std::string title = split.id;
    if (split.id == kOverduePageId)
        title = "Overdue actions";
    else if (const DashboardView* d = view.FindDashboard(split.id))
        title = d->dashboard->title;
    return split.part > 0 ? title + ", part " + std::to_string(split.part + 1) : title;
}

PagePlan PlanPage(const Theme& theme, const BoardView& view, const std::string& id, ImVec2 screen)
{
    PagePlan plan;
    if (!view.snapshot)
        return plan;
    const ImVec2 max = PageArea(theme, screen);
    if (id == kOverduePageId)
    {
        plan.items = view.overdue.size();
        plan.per_part = LayoutOverdue(theme, ImVec2(0, 0), max).per_part;
    }
    else if (const DashboardView* d = view.FindDashboard(id); d && d->dashboard->kind == DashboardKind::Team)
    {
        plan.items = d->indicators.size();
        plan.per_part = LayoutDashboard(theme, *view.snapshot, *d, ImVec2(0, 0), max).per_part;
    }
    else
        return plan; // the overview, or no such page: one part
    plan.parts = PartsFor(plan.items, plan.per_part);
    return plan;
}

Hits DrawBoard(ImDrawList* draw, const Theme& theme, const BoardView* view, const std::string& page_id,
               const PageContext& context, ImVec2 screen)
{
    Hits hits;
    const float em = theme.em;
    const ImVec2 max = PageArea(theme, screen);
    draw->AddRectFilled(ImVec2(0, 0), screen, theme.background);
    if (!view || !view->snapshot)
    {
        draw->AddText(theme.bold, em * 1.6f, ImVec2(em, em), theme.text,
                      "Wallboard is starting: no data has arrived yet.");
    }
    else
    {
        const PagePart split = SplitPageId(page_id);
        const DashboardView* d = view->FindDashboard(split.id);
        if (split.id == kOverduePageId)
            DrawOverduePage(draw, hits, theme, *view, split.part, context, ImVec2(0, 0), max);
        else if (d && d->dashboard->kind == DashboardKind::Overview)
            DrawOverviewPage(draw, hits, theme, *view, *d, context, ImVec2(0, 0), max);
        else if (d)
            DrawDashboardPage(draw, hits, theme, *view, *d, split.part, context, ImVec2(0, 0), max);
        else
            DrawWrappedText(
                draw, theme.bold, em * 1.4f, ImVec2(em, em), ImVec2(screen.x - em, max.y), theme.text,
                "This plan has no dashboard \"" + page_id + "\": check the playlist in the config.", 3);
    }
    DrawStatusStrip(draw, theme, context, ImVec2(0, 0), screen);
    return hits;
}

const Hit* HitAt(const Hits& hits, ImVec2 point)
{
    for (const Hit& hit : hits)
        if (point.x >= hit.min.x && point.x < hit.max.x && point.y >= hit.min.y && point.y < hit.max.y)
            return &hit;
    return nullptr;
}

} // namespace wb::widgets
