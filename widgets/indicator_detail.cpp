// The indicator detail view: name and context, the history chart, the facts in words, the actions that
// mention it, and a month-by-month table that scrolls.
#include "widgets/indicator_detail.h"

#include "widgets/detail_common.h"
#include "widgets/history_chart.h"

#include <algorithm>

namespace wb::widgets
{

namespace
{

// One row of the month-by-month table. With `draw` null, only measures. Returns its height.
float TableRow(ImDrawList* draw, const Theme& theme, const Indicator& ind, const Month& m, bool shaded,
               ImVec2 min, float max_x, float month_width, const ImVec4& clip)
{
    const float em = theme.em;
    const float pad = em * 0.25f;
    const float value_x = min.x + month_width;
    float text_height = em * 1.05f;
    std::string value;
    if (HasValue(m))
        value = FormatValue(*m.entry->value, ind.unit);
    else
    {
        value = IsPlaceholder(m) ? m.entry->placeholder : "No figure";
        text_height = WrapText(nullptr, theme.body, em * 0.9f, ImVec2(value_x, 0), max_x - em * 0.4f,
                               theme.dim_text, value, {clip, 2});
    }
    const float h = std::max(em * 1.5f, text_height + pad * 2);
    if (!draw)
        return h;
    if (shaded)
        FillClipped(draw, min, ImVec2(max_x, min.y + h), theme.panel, 0.0f, clip);
    DrawText(draw, theme.body, em, ImVec2(min.x + em * 0.4f, min.y + pad), theme.text,
             FormatShortPeriod(m.period), clip);
    if (HasValue(m))
        DrawText(draw, theme.bold, em * 1.05f, ImVec2(value_x, min.y + pad), Faded(theme.text, theme.dim),
                 value, clip);
    else
        WrapText(draw, theme.body, em * 0.9f, ImVec2(value_x, min.y + pad + em * 0.05f), max_x - em * 0.4f,
                 theme.dim_text, value, {clip, 2});
    return h;
}

// The table's content height: every month's row.
float TableHeight(const Theme& theme, const Indicator& ind, const std::vector<Month>& months, float x,
                  float max_x, float month_width)
{
    if (months.empty())
        return theme.em * 1.5f;
    float height = 0;
    const ImVec4 none(0, 0, 0, 0);
    for (const Month& m : months)
        height += TableRow(nullptr, theme, ind, m, false, ImVec2(x, 0), max_x, month_width, none);
    return height;
}

// The actions that mention an indicator, as rows to tap (a few; the rest named). With `draw` null,
// only measures. Returns the height used, with the gap after it.
float Mentions(ImDrawList* draw, const Theme& theme, const Snapshot& snapshot,
               const std::vector<const Action*>& mentioned_by, ImVec2 min, float max_x, const ImVec4& clip,
               DetailHits& hits)
{
    const float em = theme.em;
    const float heading_size = em * 1.05f;
    float y = min.y;
    DrawOneLine(draw, theme.bold, heading_size, ImVec2(min.x, y), max_x, theme.text,
                "Actions that mention it", clip);
    y += heading_size * 1.35f;
    if (mentioned_by.empty())
        y += WrapText(draw, theme.body, em, ImVec2(min.x, y), max_x, theme.dim_text,
                      "No action mentions this indicator.", {clip, 2});
    else
    {
        const size_t most = 4;
        const size_t shown = mentioned_by.size() > most ? most - 1 : mentioned_by.size();
        const RowColumns columns = ColumnsFor(
            theme, snapshot, std::vector<const Action*>(mentioned_by.begin(), mentioned_by.begin() + shown),
            em * 1.9f, max_x - min.x);
        for (size_t i = 0; i < shown; ++i)
        {
            ActionRow(draw, theme, snapshot, *mentioned_by[i], ImVec2(min.x, y), ImVec2(max_x, y + em * 1.9f),
                      columns, clip, hits);
            y += em * 2.2f;
        }
        if (shown < mentioned_by.size())
        {
            std::string rest;
            for (size_t i = shown; i < mentioned_by.size(); ++i)
                rest += (rest.empty() ? "" : ", ") + mentioned_by[i]->id;
            y += WrapText(draw, theme.body, em * 0.9f, ImVec2(min.x, y), max_x, theme.dim_text,
                          "Also " + rest, {clip, 2});
        }
    }
    return y + em * 0.8f - min.y;
}

} // namespace

DetailHits DrawIndicatorDetail(ImDrawList* draw, const Theme& theme, const Snapshot& snapshot,
                               const Indicator& ind, const std::vector<PeriodValue>& history,
                               const std::vector<const Action*>& mentioned_by, float px_per_mm, float scroll,
                               ImVec2 min, ImVec2 max)
{
    DetailHits hits;
    const auto [clip, inner_min, inner_max, title_x] = BeginDetail(draw, theme, px_per_mm, min, max, hits);
    const float em = theme.em;

    // Top: Back, Home, the indicator's name and where it sits in the plan.
    std::string context = "Indicator " + ind.id;
    if (ind.is_new)
        context += " · NEW";
    if (ind.rolling_12m_flag)
        context += " · R12M";
    if (!ind.mtfp.empty())
        context += " · " + ind.mtfp;
    if (!ind.section.empty())
        context += " · " + ind.section;
    const float title_height = TitleBlock(draw, theme, ind.name, em * 1.3f, context,
                                          ImVec2(title_x, inner_min.y), inner_max.x, clip);
    const float body_top =
        inner_min.y + std::max(DetailControlSize(theme, px_per_mm), title_height) + em * 0.8f;
    const ImVec2 body_min(inner_min.x, body_top);
    const ImVec2 body_max = inner_max;
    const float body_width = body_max.x - body_min.x;
    const float body_height = body_max.y - body_min.y;

    // The facts in words.
    const std::vector<Month> months = Timeline(history.empty() ? ind.series : history);
    std::vector<Fact> facts;
    {
        const PeriodValue* latest = nullptr;
        for (auto m = months.rbegin(); m != months.rend() && !latest; ++m)
            if (HasValue(*m))
                latest = m->entry;
        const Month* newest = months.empty() ? nullptr : &months.back();
        if (newest && IsPlaceholder(*newest))
            facts.push_back({"Latest", FormatShortPeriod(newest->period) + ": " + newest->entry->placeholder,
                             theme.dim_text});
        else if (latest)
        {
            std::string text = FormatValue(*latest->value, ind.unit) +
                               (ind.unit == Unit::RatePer10k ? " per 10,000" : "") + " in " +
                               FormatShortPeriod(latest->period);
            ImU32 colour = Faded(theme.text, theme.dim);
            const TargetStatus status = StatusAgainstTarget(ind);
            if (const std::string words = TargetStatusWords(status); !words.empty())
                text += " · " + LowerCased(words);
            if (status == TargetStatus::Met)
                colour = Faded(theme.good, theme.dim);
            else if (status == TargetStatus::Missed)
                colour = Faded(theme.bad, theme.dim);
            facts.push_back({"Latest", text, colour});
        }
        else
            facts.push_back({"Latest", "No figures yet", theme.dim_text});
        facts.push_back(
            {"Measured", Capitalised(DescribeBasis(ind.basis)) + ": " + BasisExplained(ind.basis)});
        facts.push_back({"Unit", UnitInWords(ind.unit)});
        facts.push_back({"Better", PolarityInWords(ind.polarity)});
        facts.push_back({"Target", TargetInWords(ind)});
        std::string comparators;
        for (const Comparator& c : ind.comparators)
            comparators += (comparators.empty() ? "" : " · ") + c.name + " " + FormatValue(c.value, ind.unit);
        facts.push_back({"Compared with", comparators.empty() ? "No comparator given" : comparators,
                         comparators.empty() ? theme.dim_text : 0u});
        facts.push_back({"MTFP",
                         ind.mtfp.empty() ? "Not linked to the financial plan"
                                          : ind.mtfp + ": linked to the medium-term financial plan",
                         ind.mtfp.empty() ? theme.dim_text : 0u});
        std::string flags;
        if (ind.is_new)
            flags = "NEW: a new indicator";
        if (ind.rolling_12m_flag)
            flags += (flags.empty() ? "" : " · ") + std::string("R12M: rolling 12 months");
        if (!flags.empty())
            facts.push_back({"Flags", flags});
    }

    // Where the parts go: on a wide view the chart and facts on the left, the actions and the table on
    // the right; on a tall one, one above the other, the chart taking what the table leaves (up to half).
    const bool wide = body_width >= em * 48.0f && body_width > body_height * 1.2f;
    const float heading_size = em * 1.05f;
    const float month_width = TextWidth(theme.body, em, "Mar-23") + em * 1.4f;
    ImVec2 chart_min, chart_max, facts_min, facts_max, side_min, side_max;
    if (wide)
    {
        const float left = body_width * 0.6f;
        const float facts_height =
            Facts(nullptr, theme, facts, ImVec2(0, 0), ImVec2(left, FLT_MAX), ImVec4(0, 0, left, FLT_MAX));
        const float chart_height =
            std::max(body_height - facts_height - em, std::min(body_height, em * 12.0f));
        chart_min = body_min;
        chart_max = ImVec2(body_min.x + left, body_min.y + chart_height);
        facts_min = ImVec2(body_min.x, chart_max.y + em);
        facts_max = ImVec2(chart_max.x, body_max.y);
        side_min = ImVec2(chart_max.x + em * 1.2f, body_min.y);
        side_max = body_max;
    }
    else
    {
        const float facts_height = Facts(nullptr, theme, facts, ImVec2(0, 0), ImVec2(body_width, FLT_MAX),
                                         ImVec4(0, 0, body_width, FLT_MAX));
        DetailHits unused;
        const float side_height =
            Mentions(nullptr, theme, snapshot, mentioned_by, body_min, body_max.x, clip, unused) +
            heading_size * 1.35f + TableHeight(theme, ind, months, body_min.x, body_max.x, month_width);
        const float least = std::clamp(body_height * 0.32f, std::min(body_height, em * 10.0f), em * 18.0f);
        const float chart_height = std::clamp(body_height - facts_height - side_height - em * 2.0f, least,
                                              std::max(least, body_height * 0.5f));
        chart_min = body_min;
        chart_max = ImVec2(body_max.x, body_min.y + chart_height);
        facts_min = ImVec2(body_min.x, chart_max.y + em);
        facts_max = ImVec2(body_max.x, std::min(body_max.y, facts_min.y + facts_height));
        side_min = ImVec2(body_min.x, facts_max.y + em * 0.6f);
        side_max = body_max;
    }
    DrawChart(draw, theme, ind, months, chart_min, chart_max, clip);
    Facts(draw, theme, facts, facts_min, facts_max, clip);

    // The actions that mention it, then the months, newest first: the part that scrolls.
    const ImVec4 side_clip = Intersect(clip, ClipOf(side_min, side_max));
    float y =
        side_min.y + Mentions(draw, theme, snapshot, mentioned_by, side_min, side_max.x, side_clip, hits);
    DrawOneLine(draw, theme.bold, heading_size, ImVec2(side_min.x, y), side_max.x, theme.text,
                "Month by month, newest first", side_clip);
    y += heading_size * 1.35f;
    const ImVec2 table_min(side_min.x, std::min(y, side_max.y));
    const ImVec4 table_clip = Intersect(side_clip, ClipOf(table_min, side_max));
    hits.content_height = TableHeight(theme, ind, months, side_min.x, side_max.x, month_width);
    hits.view_height = side_max.y - table_min.y;
    scroll = std::clamp(scroll, 0.0f, hits.MaxScroll());
    draw->PushClipRect(ImVec2(table_clip.x, table_clip.y), ImVec2(table_clip.z, table_clip.w), true);
    float row_y = table_min.y - scroll;
    if (months.empty())
        DrawText(draw, theme.body, em, ImVec2(side_min.x, row_y), theme.dim_text, "No months reported.",
                 table_clip);
    for (size_t k = 0; k < months.size(); ++k)
    {
        const Month& m = months[months.size() - 1 - k];
        const float h = TableRow(nullptr, theme, ind, m, false, ImVec2(side_min.x, row_y), side_max.x,
                                 month_width, table_clip);
        if (row_y + h > table_clip.y && row_y < table_clip.w)
            TableRow(draw, theme, ind, m, k % 2 == 0, ImVec2(side_min.x, row_y), side_max.x, month_width,
                     table_clip);
        row_y += h;
    }
    draw->PopClipRect();
    ScrollBar(draw, theme, inner_max.x + em * 0.2f, table_min.y, side_max.y, hits, scroll, clip);
    draw->PopClipRect();
    return hits;
}

} // namespace wb::widgets
