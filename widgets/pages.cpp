// Dashboard page and status strip.
#include "widgets/pages.h"

#include "core/derived.h"
#include "widgets/indicator_tile.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace wb::widgets
{

std::string FormatLongDate(Date date)
{
    static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return std::to_string(static_cast<unsigned>(date.day())) + " " +
           kMonths[static_cast<unsigned>(date.month()) - 1] + " " +
           std::to_string(static_cast<int>(date.year()));
}

namespace
{

const RagLevel* LevelOf(const Snapshot& s, const std::string& code)
{
    const int rank = RagRank(s.rag_key, code);
    return rank < 0 ? nullptr : &s.rag_key[static_cast<size_t>(rank)];
}

float DrawHeader(ImDrawList* draw, const Theme& theme, const Snapshot& s, const Dashboard& d,
                 const PageContext& context, ImVec2 min, ImVec2 max)
{
    const float em = theme.em;
    const float clock_width = theme.value->CalcTextSizeA(em * 1.6f, FLT_MAX, 0.0f, context.clock.c_str()).x;
    draw->AddText(theme.value, em * 1.6f, ImVec2(max.x - clock_width, min.y), theme.text,
                  context.clock.c_str());
    DrawClippedText(draw, theme.bold, em * 1.6f, min, ImVec2(max.x - clock_width - em, min.y + em * 1.8f),
                    theme.text, d.title);
    DrawClippedText(draw, theme.body, em, ImVec2(min.x, min.y + em * 1.9f), ImVec2(max.x, min.y + em * 2.9f),
                    theme.dim_text,
                    s.plan.authority + " · " + s.plan.title + " · figures as of " +
                        FormatLongDate(s.plan.as_of));
    return em * 3.2f;
}

float DrawRagStrip(ImDrawList* draw, const Theme& theme, const Snapshot& s,
                   const std::vector<RefSummary>& refs, ImVec2 min, ImVec2 max)
{
    const float em = theme.em;
    const RagCounts counts = CountRatings(refs, s);
    float x = min.x;
    const auto chip = [&](const RagLevel* level, const std::string& label, int count)
    {
        const std::string text = label + " " + std::to_string(count);
        const float width = theme.body->CalcTextSizeA(em, FLT_MAX, 0.0f, text.c_str()).x + em * 2.4f;
        if (x + width > max.x)
            return;
        DrawRagBadge(draw, theme, ImVec2(x, min.y), ImVec2(x + em * 1.5f, min.y + em * 1.5f), level);
        draw->AddText(theme.body, em, ImVec2(x + em * 1.8f, min.y + em * 0.25f), theme.text, text.c_str());
        x += width + em * 0.8f;
    };
    for (size_t i = 0; i < s.rag_key.size(); ++i)
        chip(&s.rag_key[i], s.rag_key[i].label, counts.by_level[i]);
    chip(nullptr, "Not rated", counts.not_rated);
    if (counts.overdue > 0)
    {
        const std::string text = std::to_string(counts.overdue) + " overdue";
        const float width = theme.bold->CalcTextSizeA(em, FLT_MAX, 0.0f, text.c_str()).x + em;
        if (x + width <= max.x)
        {
            draw->AddRectFilled(ImVec2(x, min.y), ImVec2(x + width, min.y + em * 1.5f), theme.bad, em * 0.2f);
            draw->AddText(theme.bold, em, ImVec2(x + em * 0.5f, min.y + em * 0.2f), TextOn(theme.bad),
                          text.c_str());
        }
    }
    return em * 2.0f;
}

void DrawActionList(ImDrawList* draw, const Theme& theme, const Snapshot& s,
                    const std::vector<RefSummary>& refs, const PageContext& context, ImVec2 min, ImVec2 max)
{
    const float em = theme.em;
    // Overdue first (most days first), then the next due within 30 days.
    struct Row
    {
        const Action* action;
        int days; // > 0 overdue
    };
    std::vector<Row> rows;
    for (const RefSummary& ref : refs)
        for (const Action* a : ref.rows)
        {
            const auto days = DaysOverdue(*a, s.plan, context.today);
            if (!days || IsDone(*a, s.rag_key))
                continue;
            if (*days > 0 || *days >= -30)
                rows.push_back({a, *days});
        }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.days > b.days; });
    const int overdue =
        static_cast<int>(std::count_if(rows.begin(), rows.end(), [](const Row& r) { return r.days > 0; }));
    const std::string title = overdue > 0 ? "Overdue and due soon" : "Due in the next 30 days";
    draw->AddText(theme.bold, em * 1.1f, min, theme.text, title.c_str());
    float y = min.y + em * 1.6f;
    if (rows.empty())
    {
        draw->AddText(theme.body, em, ImVec2(min.x, y), theme.dim_text,
                      "Nothing overdue or due in the next 30 days.");
        return;
    }
    const float row_height = em * 1.5f;
    size_t shown = 0;
    for (const Row& row : rows)
    {
        if (y + row_height > max.y - (rows.size() - shown > 1 ? row_height : 0))
            break;
        const Action& a = *row.action;
        DrawRagBadge(draw, theme, ImVec2(min.x, y), ImVec2(min.x + em * 1.3f, y + em * 1.3f),
                     LevelOf(s, a.rag));
        const float ref_x = min.x + em * 1.8f;
        draw->AddText(theme.bold, em, ImVec2(ref_x, y + em * 0.1f), theme.text, a.id.c_str());
        const std::string days = row.days > 0    ? std::to_string(row.days) + " days overdue"
                                 : row.days == 0 ? "due today"
                                                 : "due in " + std::to_string(-row.days) + " days";
        const float days_width = theme.bold->CalcTextSizeA(em, FLT_MAX, 0.0f, days.c_str()).x;
        draw->AddText(theme.bold, em, ImVec2(max.x - days_width, y + em * 0.1f),
                      row.days > 0 ? theme.bad : theme.text, days.c_str());
        const std::string text =
            (a.text.empty() ? a.outcome : a.text) + (a.lead.empty() ? "" : " — " + a.lead);
        DrawClippedText(draw, theme.body, em, ImVec2(ref_x + em * 3.5f, y + em * 0.1f),
                        ImVec2(max.x - days_width - em, y + em * 1.2f), theme.text, text);
        y += row_height;
        ++shown;
    }
    if (shown < rows.size())
        draw->AddText(theme.body, em, ImVec2(min.x, y), theme.dim_text,
                      ("and " + std::to_string(rows.size() - shown) + " more").c_str());
}

} // namespace

void DrawDashboardPage(ImDrawList* draw, const Theme& theme, const Snapshot& s, const Dashboard& d,
                       const PageContext& context, ImVec2 min, ImVec2 max)
{
    const float em = theme.em;
    draw->AddRectFilled(min, max, theme.background);
    const float margin = em;
    ImVec2 inner_min(min.x + margin, min.y + margin);
    const ImVec2 inner_max(max.x - margin, max.y - margin);
    inner_min.y += DrawHeader(draw, theme, s, d, context, inner_min, inner_max);

    std::map<std::string, const Action*> actions;
    for (const Action& a : s.actions)
        actions[a.id] = &a;
    std::vector<const Action*> rows;
    for (const std::string& id : d.actions)
        if (auto found = actions.find(id); found != actions.end())
            rows.push_back(found->second);
    const auto refs = RollUpByRef(rows, s, context.today);
    inner_min.y += DrawRagStrip(draw, theme, s, refs, inner_min, inner_max);

    // Tiles take what is left above the action list: fewer, larger tiles beat a dense grid.
    const float list_height = std::min((inner_max.y - inner_min.y) * 0.3f, em * 7.5f);
    const float grid_bottom = inner_max.y - list_height - em * 1.5f;
    const float tile_width_min = em * 17.0f;
    const float tile_height_min = em * 8.0f;
    const float gap = em * 0.6f;
    const int columns =
        std::max(1, static_cast<int>((inner_max.x - inner_min.x + gap) / (tile_width_min + gap)));
    const int rows_fit =
        std::max(1, static_cast<int>((grid_bottom - inner_min.y + gap) / (tile_height_min + gap)));
    const float tile_width =
        (inner_max.x - inner_min.x - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const int rows_needed = static_cast<int>((d.indicators.size() + static_cast<size_t>(columns) - 1) /
                                             static_cast<size_t>(columns));
    const int rows_used = std::max(1, std::min(rows_fit, rows_needed));
    const float tile_height =
        std::min(em * 11.0f, (grid_bottom - inner_min.y - gap * static_cast<float>(rows_used - 1)) /
                                 static_cast<float>(rows_used));
    std::map<std::string, const Indicator*> indicators;
    for (const Indicator& ind : s.indicators)
        indicators[ind.id] = &ind;
    const size_t capacity = static_cast<size_t>(columns * rows_fit);
    size_t drawn = 0;
    for (const std::string& id : d.indicators)
    {
        const auto found = indicators.find(id);
        if (found == indicators.end())
            continue;
        if (drawn == capacity)
            break;
        const int column = static_cast<int>(drawn) % columns;
        const int row = static_cast<int>(drawn) / columns;
        const ImVec2 tile_min(inner_min.x + static_cast<float>(column) * (tile_width + gap),
                              inner_min.y + static_cast<float>(row) * (tile_height + gap));
        DrawIndicatorTile(draw, theme, *found->second, tile_min,
                          ImVec2(tile_min.x + tile_width, tile_min.y + tile_height));
        ++drawn;
    }
    if (drawn < d.indicators.size())
        draw->AddText(theme.body, em, ImVec2(inner_min.x, grid_bottom + em * 0.2f), theme.dim_text,
                      ("+ " + std::to_string(d.indicators.size() - drawn) + " more indicators").c_str());
    DrawActionList(draw, theme, s, refs, context, ImVec2(inner_min.x, inner_max.y - list_height), inner_max);
}

void DrawOverviewPage(ImDrawList* draw, const Theme& theme, const Snapshot& s, const Dashboard& d,
                      const PageContext& context, ImVec2 min, ImVec2 max)
{
    const float em = theme.em;
    draw->AddRectFilled(min, max, theme.background);
    ImVec2 inner_min(min.x + em, min.y + em);
    const ImVec2 inner_max(max.x - em, max.y - em);
    inner_min.y += DrawHeader(draw, theme, s, d, context, inner_min, inner_max);

    // Priorities: a bar of refs by rating (least complete first, as the key is), and overdue.
    std::vector<const Action*> rows;
    for (const Action& a : s.actions)
        rows.push_back(&a);
    const auto refs = RollUpByRef(rows, s, context.today);
    const float label_width = (inner_max.x - inner_min.x) * 0.38f;
    const float overdue_width = em * 7.0f;
    float y = inner_min.y;
    for (const Priority& p : s.priorities)
    {
        std::vector<RefSummary> mine;
        for (const RefSummary& r : refs)
            if (r.priority == p.id)
                mine.push_back(r);
        const RagCounts counts = CountRatings(mine, s);
        DrawClippedText(draw, theme.body, em, ImVec2(inner_min.x, y + em * 0.2f),
                        ImVec2(inner_min.x + label_width - em, y + em * 1.4f), theme.text,
                        p.id + ". " + p.title);
        const float bar_min_x = inner_min.x + label_width;
        const float bar_max_x = inner_max.x - overdue_width;
        float x = bar_min_x;
        const auto segment = [&](const RagLevel* level, int count)
        {
            if (count == 0 || counts.total == 0)
                return;
            const float width =
                (bar_max_x - bar_min_x) * static_cast<float>(count) / static_cast<float>(counts.total);
            const ImU32 fill = level ? ColourFromHex(level->colour) : IM_COL32(90, 90, 96, 255);
            draw->AddRectFilled(ImVec2(x, y), ImVec2(x + width - 2.0f, y + em * 1.5f), fill);
            const std::string label = (level ? level->code : std::string("?")) + " " + std::to_string(count);
            if (theme.bold->CalcTextSizeA(em, FLT_MAX, 0.0f, label.c_str()).x < width - em * 0.4f)
                draw->AddText(theme.bold, em, ImVec2(x + em * 0.3f, y + em * 0.2f), TextOn(fill),
                              label.c_str());
            x += width;
        };
        for (size_t i = 0; i < s.rag_key.size(); ++i)
            segment(&s.rag_key[i], counts.by_level[i]);
        segment(nullptr, counts.not_rated);
        const std::string overdue =
            counts.overdue > 0 ? std::to_string(counts.overdue) + " overdue" : "none overdue";
        draw->AddText(theme.bold, em, ImVec2(bar_max_x + em * 0.6f, y + em * 0.2f),
                      counts.overdue > 0 ? theme.bad : theme.dim_text, overdue.c_str());
        y += em * 2.0f;
    }

    // Indicators off target, worst first by distance from target as a share of it.
    y += em * 0.5f;
    draw->AddText(theme.bold, em * 1.1f, ImVec2(inner_min.x, y), theme.text, "Indicators off target");
    y += em * 1.7f;
    std::vector<std::pair<double, const Indicator*>> off;
    for (const Indicator& ind : s.indicators)
        if (StatusAgainstTarget(ind) == TargetStatus::Missed)
        {
            const double gap = std::fabs(*LatestValue(ind)->value - ind.target.value) /
                               std::max(1.0, std::fabs(ind.target.value));
            off.emplace_back(gap, &ind);
        }
    std::stable_sort(off.begin(), off.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    size_t shown = 0;
    for (const auto& [gap, ind] : off)
    {
        if (y + em * 2.6f > inner_max.y)
            break;
        const PeriodValue* latest = LatestValue(*ind);
        const std::string figures = FormatValue(*latest->value, ind->unit) + " against " +
                                    FormatValue(ind->target.value, ind->unit) + " · " +
                                    FormatShortPeriod(latest->period);
        const float figures_width = theme.bold->CalcTextSizeA(em, FLT_MAX, 0.0f, figures.c_str()).x;
        draw->AddText(theme.bold, em, ImVec2(inner_max.x - figures_width, y), theme.bad, figures.c_str());
        DrawClippedText(draw, theme.body, em, ImVec2(inner_min.x, y),
                        ImVec2(inner_max.x - figures_width - em, y + em), theme.text,
                        ind->id + ". " + ind->name);
        y += em * 1.4f;
        ++shown;
    }
    if (shown < off.size())
        draw->AddText(theme.body, em, ImVec2(inner_min.x, y), theme.dim_text,
                      ("and " + std::to_string(off.size() - shown) + " more off target").c_str());
}

void DrawOverduePage(ImDrawList* draw, const Theme& theme, const Snapshot& s, const PageContext& context,
                     ImVec2 min, ImVec2 max)
{
    const float em = theme.em;
    draw->AddRectFilled(min, max, theme.background);
    ImVec2 inner_min(min.x + em, min.y + em);
    const ImVec2 inner_max(max.x - em, max.y - em);
    Dashboard title;
    title.title = "Overdue actions";
    inner_min.y += DrawHeader(draw, theme, s, title, context, inner_min, inner_max);
    struct Row
    {
        const Action* action;
        int days;
    };
    std::vector<Row> rows;
    for (const Action& a : s.actions)
        if (IsOverdue(a, s, context.today))
            rows.push_back({&a, *DaysOverdue(a, s.plan, context.today)});
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.days > b.days; });
    if (rows.empty())
    {
        draw->AddText(theme.bold, em * 1.4f, inner_min, theme.text, "No action is overdue.");
        return;
    }
    const float due_width = em * 7.0f, days_width = em * 10.0f,
                lead_width = (inner_max.x - inner_min.x) * 0.22f;
    float y = inner_min.y;
    size_t shown = 0;
    for (const Row& row : rows)
    {
        if (y + em * 2.8f > inner_max.y)
            break;
        const Action& a = *row.action;
        DrawRagBadge(draw, theme, ImVec2(inner_min.x, y), ImVec2(inner_min.x + em * 1.3f, y + em * 1.3f),
                     LevelOf(s, a.rag));
        draw->AddText(theme.bold, em, ImVec2(inner_min.x + em * 1.8f, y + em * 0.1f), theme.text,
                      a.id.c_str());
        const float text_min = inner_min.x + em * 5.0f;
        const float days_x = inner_max.x - days_width;
        const float due_x = days_x - due_width;
        const float lead_x = due_x - lead_width;
        DrawClippedText(draw, theme.body, em, ImVec2(text_min, y + em * 0.1f),
                        ImVec2(lead_x - em, y + em * 1.2f), theme.text, a.text.empty() ? a.outcome : a.text);
        DrawClippedText(draw, theme.body, em, ImVec2(lead_x, y + em * 0.1f),
                        ImVec2(due_x - em, y + em * 1.2f), theme.dim_text,
                        a.lead.empty() ? "no lead named" : a.lead);
        const auto due = EffectiveDueDate(a, s.plan);
        const std::string due_text = a.due.kind == DueKind::Immediate ? "Immediate" : FormatLongDate(*due);
        draw->AddText(theme.body, em, ImVec2(due_x, y + em * 0.1f), theme.dim_text, due_text.c_str());
        const std::string days = std::to_string(row.days) + " days overdue";
        const float days_text = theme.bold->CalcTextSizeA(em, FLT_MAX, 0.0f, days.c_str()).x;
        draw->AddText(theme.bold, em, ImVec2(std::max(days_x, inner_max.x - days_text), y + em * 0.1f),
                      theme.bad, days.c_str());
        y += em * 1.5f;
        ++shown;
    }
    if (shown < rows.size())
        draw->AddText(theme.body, em, ImVec2(inner_min.x, y), theme.dim_text,
                      ("and " + std::to_string(rows.size() - shown) + " more").c_str());
}

float DrawStatusStrip(ImDrawList* draw, const Theme& theme, const PageContext& context, ImVec2 min,
                      ImVec2 max)
{
    const float em = theme.em;
    const bool warn = !context.warning.empty();
    const float height = warn ? em * 2.6f : em * 1.6f;
    const ImVec2 strip_min(min.x, max.y - height);
    const ImU32 fill = !warn                    ? theme.panel
                       : context.warning_severe ? theme.warning_fill
                                                : IM_COL32(230, 190, 40, 255);
    draw->AddRectFilled(strip_min, max, fill);
    if (warn)
        DrawWrappedText(draw, theme.bold, em * 1.1f, ImVec2(strip_min.x + em, strip_min.y + em * 0.2f),
                        ImVec2(max.x - em, max.y), TextOn(fill), "⚠ " + context.warning, 2);
    else
        DrawClippedText(draw, theme.body, em * 0.9f, ImVec2(strip_min.x + em, strip_min.y + em * 0.3f),
                        ImVec2(max.x - em, max.y), theme.dim_text, context.status_line);
    // The rotation cue: how much of this page's time has passed.
    const float bar = std::max(2.0f, em * 0.2f);
    draw->AddRectFilled(
        ImVec2(min.x, max.y - bar),
        ImVec2(min.x + (max.x - min.x) * static_cast<float>(context.rotation_progress), max.y), theme.good);
    return height;
}

} // namespace wb::widgets
