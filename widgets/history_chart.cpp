// The indicator detail's chart: the months of a history as a line broken at every gap, the target (stepped
// where the plan dates it) and comparators labelled beside the plot, and placeholder months as bands with
// the plan's words in them.
#include "widgets/history_chart.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace wb::widgets
{

namespace
{

const ImU32 kTargetColour = IM_COL32(64, 170, 230, 255); // the theme's "good" blue: where good lies
const ImU32 kComparatorColours[] = {IM_COL32(190, 150, 240, 255), IM_COL32(90, 200, 200, 255),
                                    IM_COL32(220, 160, 200, 255)};
const ImU32 kGrid = IM_COL32(255, 255, 255, 28);
const ImU32 kGapBand = IM_COL32(160, 164, 170, 40);

int MonthIndex(Period p)
{
    return p.year * 12 + (p.month - 1);
}

// A step of 1, 2 or 5 times a power of ten giving about `ticks` intervals over `range`.
double NiceStep(double range, int ticks)
{
    const double raw = range / std::max(ticks, 1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / magnitude;
    return (f < 1.5 ? 1.0 : f < 3.0 ? 2.0 : f < 7.0 ? 5.0 : 10.0) * magnitude;
}

struct LineLabel
{
    std::string text;
    ImU32 colour;
    float line_y;
    float top = 0;
};

// A dashed horizontal line from x0 to x1.
void Dashed(ImDrawList* draw, float x0, float x1, float y, float dash, float gap, ImU32 colour,
            float thickness)
{
    for (float x = x0; x < x1; x += dash + gap)
        draw->AddLine(ImVec2(x, y), ImVec2(std::min(x + dash, x1), y), colour, thickness);
}

// Whether every word of `text` fits `width`, so that wrapping never breaks one.
bool WordsFit(ImFont* font, float size, std::string_view text, float width)
{
    size_t start = 0;
    while (start < text.size())
    {
        size_t end = text.find_first_of(" \n", start);
        if (end == std::string_view::npos)
            end = text.size();
        if (TextWidth(font, size, text.substr(start, end - start)) > width)
            return false;
        start = end + 1;
    }
    return true;
}

} // namespace

std::vector<Month> Timeline(const std::vector<PeriodValue>& history)
{
    std::vector<Month> months;
    if (history.empty())
        return months;
    const int first = MonthIndex(history.front().period);
    const int last = std::max(first, MonthIndex(history.back().period));
    const int count = std::min(last - first + 1, 600); // 50 years: a bad period never makes a huge table
    months.resize(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i)
        months[static_cast<size_t>(i)].period = Period{(first + i) / 12, (first + i) % 12 + 1};
    for (const PeriodValue& pv : history)
    {
        const int i = MonthIndex(pv.period) - first;
        if (i >= 0 && i < count)
            months[static_cast<size_t>(i)].entry = &pv; // a repeated month: the later entry wins
    }
    return months;
}

bool HasValue(const Month& m)
{
    return m.entry && m.entry->value;
}

bool IsPlaceholder(const Month& m)
{
    return m.entry && !m.entry->value && !m.entry->placeholder.empty();
}

void DrawChart(ImDrawList* draw, const Theme& theme, const Indicator& ind, const std::vector<Month>& months,
               ImVec2 min, ImVec2 max, const ImVec4& view_clip)
{
    const float em = theme.em;
    const ImVec4 clip = Intersect(view_clip, ClipOf(min, max));
    FillClipped(draw, min, max, theme.panel, em * 0.3f, clip);

    // Caption: which way is better, and the months shown.
    const float caption_size = em * 0.95f;
    std::string range_text;
    if (!months.empty())
        range_text = FormatShortPeriod(months.front().period) +
                     (months.size() > 1 ? " to " + FormatShortPeriod(months.back().period) : "");
    const float range_width = TextWidth(theme.body, em * 0.9f, range_text);
    DrawText(draw, theme.body, em * 0.9f, ImVec2(max.x - em * 0.6f - range_width, min.y + em * 0.45f),
             theme.dim_text, range_text, clip);
    DrawOneLine(draw, theme.bold, caption_size, ImVec2(min.x + em * 0.6f, min.y + em * 0.4f),
                max.x - em * 1.6f - range_width, theme.text, PolarityInWords(ind.polarity), clip);

    if (ind.unit == Unit::Text)
    {
        // A measure in words is never charted as numbers: its latest words, large, and the table below.
        const Month* shown = nullptr;
        for (auto m = months.rbegin(); m != months.rend() && !shown; ++m)
            if (IsPlaceholder(*m))
                shown = &*m;
        float y = min.y + em * 2.2f;
        if (shown)
        {
            y += WrapText(draw, theme.bold, em * 1.8f, ImVec2(min.x + em, y), max.x - em,
                          Faded(theme.text, theme.dim), shown->entry->placeholder, {clip, 2});
            DrawOneLine(draw, theme.body, em, ImVec2(min.x + em, y + em * 0.2f), max.x - em, theme.dim_text,
                        "in " + FormatShortPeriod(shown->period) +
                            " · measured in words: every month is in the table",
                        clip);
        }
        else
            WrapText(draw, theme.bold, em * 1.1f, ImVec2(min.x + em, y), max.x - em, theme.dim_text,
                     "No figures yet: this measure is reported in words.", {clip, 3});
        return;
    }
    double low = 1e300, high = -1e300;
    for (const Month& m : months)
        if (HasValue(m))
        {
            low = std::min(low, *m.entry->value);
            high = std::max(high, *m.entry->value);
        }
    if (low > high)
    {
        // Nothing to plot: say why, in the plan's words where it gave them.
        std::string why = "No figures yet.";
        for (auto m = months.rbegin(); m != months.rend(); ++m)
            if (IsPlaceholder(*m))
            {
                why = "No figures yet: " + m->entry->placeholder;
                break;
            }
        WrapText(draw, theme.bold, em * 1.1f, ImVec2(min.x + em, (min.y + max.y) * 0.5f - em), max.x - em,
                 theme.dim_text, why, {clip, 3});
        return;
    }
    const bool has_target = ind.target.kind == TargetKind::Value;
    const double data_high = high;
    // The target in force month by month: a dated target steps.
    std::vector<double> target_of(months.size(), ind.target.value);
    if (has_target)
        for (size_t i = 0; i < months.size(); ++i)
        {
            target_of[i] = TargetFor(ind, months[i].period).value_or(ind.target.value);
            low = std::min(low, target_of[i]);
            high = std::max(high, target_of[i]);
        }
    for (const Comparator& c : ind.comparators)
    {
        low = std::min(low, c.value);
        high = std::max(high, c.value);
    }
    const bool non_negative = low >= 0;
    double spread = high - low;
    if (spread < 1e-9)
        spread = std::max(std::fabs(high) * 0.2, 1.0);
    low -= spread * 0.08;
    high += spread * 0.08;
    if (non_negative)
        low = std::max(low, 0.0);
    const int tick_count = std::clamp(static_cast<int>((max.y - min.y) / (em * 3.0f)), 2, 6);
    double step = NiceStep(high - low, tick_count);
    if (ind.unit == Unit::Count || ind.unit == Unit::Days)
        step = std::max(step, 1.0); // labels are whole numbers
    else
        step = std::max(step, 0.1);
    const double axis_low = std::floor(low / step) * step;
    double axis_high = std::ceil(high / step) * step;
    if (ind.unit == Unit::Percent && data_high <= 100.0 && high <= 100.0)
        axis_high = std::min(axis_high, 100.0);
    if (axis_high - axis_low < 1e-9)
        axis_high = axis_low + step;
    std::vector<double> ticks;
    for (int k = 0; k < 40; ++k)
    {
        const double t = axis_low + step * k;
        if (t > axis_high + step * 1e-6)
            break;
        ticks.push_back(t);
    }
    const float tick_size = em * 0.85f;
    float tick_width = 0;
    for (double t : ticks)
        tick_width = std::max(tick_width, TextWidth(theme.body, tick_size, FormatValue(t, ind.unit)));

    // Target and comparator lines are labelled at their right end, beside the plot.
    std::vector<LineLabel> labels;
    const float label_size = em * 0.85f;
    if (has_target)
        labels.push_back({"Target " + TargetInForceInWords(ind, months.back().period), kTargetColour, 0});
    for (size_t i = 0; i < ind.comparators.size(); ++i)
        labels.push_back({ind.comparators[i].name + " " + FormatValue(ind.comparators[i].value, ind.unit),
                          kComparatorColours[i % std::size(kComparatorColours)], 0});
    float label_width = 0;
    for (const LineLabel& l : labels)
        label_width = std::max(label_width, TextWidth(theme.bold, label_size, l.text));
    const float label_column =
        labels.empty() ? em * 0.8f : std::min(label_width + em * 1.0f, (max.x - min.x) * 0.35f);

    const float month_size = em * 0.85f;
    const ImVec2 plot_min(min.x + em * 0.6f + tick_width + em * 0.5f,
                          min.y + em * 0.4f + caption_size * kLineSpacing + em * 0.9f);
    const ImVec2 plot_max(max.x - label_column, max.y - em * 0.4f - month_size * kLineSpacing - em * 0.5f);
    if (plot_max.x - plot_min.x < em * 3.0f || plot_max.y - plot_min.y < em * 2.0f)
        return; // too small to read: the table below says it all
    const auto y_of = [&](double v)
    {
        return plot_max.y -
               static_cast<float>((v - axis_low) / (axis_high - axis_low)) * (plot_max.y - plot_min.y);
    };
    const size_t n = months.size();
    const float inset = em * 0.5f;
    const float step_x =
        n > 1 ? (plot_max.x - plot_min.x - 2 * inset) / static_cast<float>(n - 1) : plot_max.x - plot_min.x;
    const auto x_of = [&](size_t i) {
        return n > 1 ? plot_min.x + inset + step_x * static_cast<float>(i) : (plot_min.x + plot_max.x) * 0.5f;
    };

    // Axis: grid lines and value labels.
    for (double t : ticks)
    {
        const float y = y_of(t);
        if (!draw)
            break;
        draw->AddLine(ImVec2(plot_min.x, y), ImVec2(plot_max.x, y), kGrid, std::max(1.0f, em * 0.04f));
        const std::string label = FormatValue(t, ind.unit);
        DrawText(
            draw, theme.body, tick_size,
            ImVec2(plot_min.x - em * 0.5f - TextWidth(theme.body, tick_size, label), y - tick_size * 0.5f),
            theme.dim_text, label, clip);
    }

    // Where the target and comparator lines run, so that the words in a gap keep clear of them.
    {
        size_t k = 0;
        if (has_target)
            labels[k++].line_y = y_of(target_of.back());
        for (size_t i = 0; i < ind.comparators.size(); ++i, ++k)
            labels[k].line_y = y_of(ind.comparators[i].value);
    }
    const auto crosses_a_line = [&](float top, float bottom)
    {
        return std::any_of(labels.begin(), labels.end(),
                           [&](const LineLabel& l)
                           { return l.line_y >= top - em * 0.2f && l.line_y <= bottom + em * 0.2f; });
    };

    // Placeholder months: a band over the gap, with the plan's words in it where they fit unbroken.
    for (size_t i = 0; i < n;)
    {
        if (!IsPlaceholder(months[i]))
        {
            ++i;
            continue;
        }
        size_t j = i;
        while (j + 1 < n && IsPlaceholder(months[j + 1]) &&
               months[j + 1].entry->placeholder == months[i].entry->placeholder)
            ++j;
        const float half = n > 1 ? step_x * 0.5f : (plot_max.x - plot_min.x) * 0.5f;
        const ImVec2 band_min(std::max(plot_min.x, x_of(i) - half), plot_min.y);
        const ImVec2 band_max(std::min(plot_max.x, x_of(j) + half), plot_max.y);
        FillClipped(draw, band_min, band_max, kGapBand, 0.0f, clip);
        const std::string& words = months[i].entry->placeholder;
        const float text_x = band_min.x + em * 0.25f;
        const float text_max_x = band_max.x - em * 0.25f;
        for (const float size : {em * 0.75f, em * 0.62f})
        {
            if (!WordsFit(theme.body, size, words, text_max_x - text_x))
                continue;
            const float h = WrapText(nullptr, theme.body, size, ImVec2(text_x, 0), text_max_x, theme.dim_text,
                                     words, {clip, 4});
            float top = band_min.y + em * 0.25f;
            if (crosses_a_line(top, top + h) && !crosses_a_line(band_max.y - em * 0.25f - h, band_max.y))
                top = band_max.y - em * 0.25f - h;
            WrapText(draw, theme.body, size, ImVec2(text_x, top), text_max_x, theme.dim_text, words,
                     {Intersect(clip, ClipOf(band_min, band_max)), 4});
            break;
        }
        i = j + 1;
    }

    // Target (dashed) and comparators (dotted), labelled beside the plot, nudged apart.
    if (draw)
    {
        for (size_t k = 0; k < labels.size(); ++k)
        {
            const bool target = has_target && k == 0; // dashed; comparators dotted
            if (target && n > 1)
            {
                // Month by month, with a riser where a dated target changes.
                const float thickness = std::max(2.0f, em * 0.1f);
                for (size_t i = 0; i < n; ++i)
                {
                    const float x0 = i == 0 ? plot_min.x : x_of(i) - step_x * 0.5f;
                    const float x1 = i + 1 == n ? plot_max.x : x_of(i) + step_x * 0.5f;
                    const float ty = y_of(target_of[i]);
                    Dashed(draw, x0, x1, ty, em * 0.8f, em * 0.4f, labels[k].colour, thickness);
                    if (i + 1 < n && target_of[i + 1] != target_of[i])
                        draw->AddLine(ImVec2(x1, ty), ImVec2(x1, y_of(target_of[i + 1])), labels[k].colour,
                                      thickness);
                }
                continue;
            }
            Dashed(draw, plot_min.x, plot_max.x, labels[k].line_y, target ? em * 0.8f : em * 0.25f,
                   target ? em * 0.4f : em * 0.3f, labels[k].colour,
                   target ? std::max(2.0f, em * 0.1f) : std::max(1.5f, em * 0.08f));
        }
        std::sort(labels.begin(), labels.end(),
                  [](const LineLabel& a, const LineLabel& b) { return a.line_y < b.line_y; });
        const float label_height = label_size * 1.1f;
        const float top_limit = plot_min.y - em * 0.5f;
        const float bottom_limit = plot_max.y + em * 0.5f;
        float previous_bottom = top_limit;
        for (LineLabel& l : labels)
        {
            l.top = std::max(l.line_y - label_height * 0.5f, previous_bottom);
            previous_bottom = l.top + label_height;
        }
        float limit = bottom_limit;
        for (auto l = labels.rbegin(); l != labels.rend(); ++l)
        {
            l->top = std::min(l->top, limit - label_height);
            limit = l->top;
        }
        for (const LineLabel& l : labels)
            DrawOneLine(draw, theme.bold, label_size, ImVec2(plot_max.x + em * 0.4f, l.top),
                        max.x - em * 0.3f, l.colour, l.text, clip);
    }

    // The series: a line through the months with figures, broken at every gap, and a point on each.
    if (draw)
    {
        const ImU32 colour = Faded(theme.text, theme.dim);
        ImVec2 previous{};
        bool have_previous = false;
        size_t newest = n;
        for (size_t i = 0; i < n; ++i)
        {
            if (!HasValue(months[i]))
            {
                have_previous = false;
                continue;
            }
            const ImVec2 point(x_of(i), y_of(*months[i].entry->value));
            if (have_previous)
                draw->AddLine(previous, point, colour, std::max(2.0f, em * 0.12f));
            previous = point;
            have_previous = true;
            newest = i;
        }
        for (size_t i = 0; i < n; ++i)
            if (HasValue(months[i]))
                draw->AddCircleFilled(ImVec2(x_of(i), y_of(*months[i].entry->value)),
                                      i == newest ? em * 0.28f : em * 0.18f, colour);
    }

    // Month labels, thinned to fit, always including the newest.
    float month_width = 0;
    for (const Month& m : months)
        month_width = std::max(month_width, TextWidth(theme.body, month_size, FormatShortPeriod(m.period)));
    const size_t every =
        n > 1 ? static_cast<size_t>(std::ceil((month_width + em * 0.8f) / std::max(step_x, 1.0f))) : 1;
    const float label_y = plot_max.y + em * 0.5f; // below the lowest value label
    for (size_t i = n; i-- > 0;)
    {
        if ((n - 1 - i) % std::max<size_t>(every, 1) != 0)
            continue;
        const std::string text = FormatShortPeriod(months[i].period);
        const float w = TextWidth(theme.body, month_size, text);
        const float x = std::clamp(x_of(i) - w * 0.5f, min.x + em * 0.3f, max.x - em * 0.3f - w);
        DrawText(draw, theme.body, month_size, ImVec2(x, label_y), theme.dim_text, text, clip);
    }
}

} // namespace wb::widgets
