// The indicator tile.
#include "widgets/indicator_tile.h"

#include "core/derived.h"

#include <algorithm>

namespace wb::widgets
{

namespace
{

void DrawSparkline(ImDrawList* draw, const Theme& theme, const Indicator& ind, ImVec2 min, ImVec2 max)
{
    double low = 1e300, high = -1e300;
    int count = 0;
    for (const PeriodValue& pv : ind.series)
        if (pv.value)
        {
            low = std::min(low, *pv.value);
            high = std::max(high, *pv.value);
            ++count;
        }
    if (count < 2)
        return;
    const bool has_target = ind.target.kind == TargetKind::Value;
    if (has_target)
        for (const PeriodValue& pv : ind.series)
        {
            const double target = TargetFor(ind, pv.period).value_or(ind.target.value);
            low = std::min(low, target);
            high = std::max(high, target);
        }
    if (high - low < 1e-9)
        high = low + 1.0;
    const auto y_of = [&](double v)
    { return max.y - static_cast<float>((v - low) / (high - low)) * (max.y - min.y); };
    const float step = (max.x - min.x) / static_cast<float>(std::max<size_t>(ind.series.size() - 1, 1));
    if (has_target)
    {
        // Dashed: the target in force month by month, a step where a dated target changes.
        const float thickness = std::max(1.0f, theme.em * 0.06f);
        for (size_t i = 0; i < ind.series.size(); ++i)
        {
            const float y = y_of(TargetFor(ind, ind.series[i].period).value_or(ind.target.value));
            const float x0 = i == 0 ? min.x : min.x + step * (static_cast<float>(i) - 0.5f);
            const float x1 =
                i + 1 == ind.series.size() ? max.x : min.x + step * (static_cast<float>(i) + 0.5f);
            for (float x = x0; x < x1; x += theme.em * 0.5f)
                draw->AddLine(ImVec2(x, y), ImVec2(std::min(x + theme.em * 0.25f, x1), y), theme.dim_text,
                              thickness);
        }
    }
    ImVec2 previous{};
    bool have_previous = false;
    for (size_t i = 0; i < ind.series.size(); ++i)
    {
        const PeriodValue& pv = ind.series[i];
        if (!pv.value)
        {
            have_previous = false; // a gap, not a zero
            continue;
        }
        const ImVec2 point(min.x + step * static_cast<float>(i), y_of(*pv.value));
        if (have_previous)
            draw->AddLine(previous, point, Faded(theme.text, theme.dim), std::max(1.5f, theme.em * 0.1f));
        draw->AddCircleFilled(point, theme.em * 0.12f, Faded(theme.text, theme.dim));
        previous = point;
        have_previous = true;
    }
}

} // namespace

bool DrawIndicatorTile(ImDrawList* draw, const Theme& theme, const Indicator& ind, ImVec2 min, ImVec2 max)
{
    const float em = theme.em;
    const float pad = em * 0.5f;
    draw->AddRectFilled(min, max, theme.panel, em * 0.3f);
    const ImVec2 inner_min(min.x + pad, min.y + pad);
    const ImVec2 inner_max(max.x - pad, max.y - pad);

    // Name: two lines at most, with the id in front.
    const std::string name = ind.id + ". " + ind.name;
    float y = inner_min.y;
    y += DrawWrappedText(draw, theme.body, em, ImVec2(inner_min.x, y), ImVec2(inner_max.x, y + 2 * em),
                         theme.text, name, 2, TextCut::Middle);
    y = inner_min.y + 2 * em + pad * 0.5f;

    // The figure, or why there is none.
    const PeriodValue* latest = LatestValue(ind);
    const PeriodValue* newest = ind.series.empty() ? nullptr : &ind.series.back();
    const float value_size = em * 2.0f;
    if (ind.unit == Unit::Text)
    {
        // A measure in words: the latest month's words, large, and its month; never a number.
        const PeriodValue* shown = MonthShown(ind);
        if (shown)
        {
            const std::string month = FormatShortPeriod(shown->period);
            const float month_width = theme.body->CalcTextSizeA(em * 0.9f, FLT_MAX, 0.0f, month.c_str()).x;
            DrawWrappedText(draw, theme.bold, em * 1.3f, ImVec2(inner_min.x, y),
                            ImVec2(inner_max.x - month_width - pad, y + value_size),
                            Faded(theme.text, theme.dim), shown->placeholder, 1);
            DrawText(draw, theme.body, em * 0.9f, ImVec2(inner_max.x - month_width, y + em * 0.3f),
                     theme.dim_text, month);
        }
        else
            DrawText(draw, theme.bold, em * 1.1f, ImVec2(inner_min.x, y), theme.dim_text, "No figures yet");
    }
    else if (newest && !newest->value)
    {
        DrawWrappedText(draw, theme.bold, em * 1.1f, ImVec2(inner_min.x, y),
                        ImVec2(inner_max.x, y + value_size), Faded(theme.dim_text, theme.dim),
                        newest->placeholder, 2);
    }
    else if (latest)
    {
        const std::string value = FormatValue(*latest->value, ind.unit);
        draw->AddText(theme.value, value_size, ImVec2(inner_min.x, y), Faded(theme.text, theme.dim),
                      value.c_str());
        float x = inner_min.x + theme.value->CalcTextSizeA(value_size, FLT_MAX, 0.0f, value.c_str()).x + pad;
        const Travel travel = DirectionOfTravel(ind);
        const char* arrow = travel.direction == Direction::Up      ? "▲"
                            : travel.direction == Direction::Down  ? "▼"
                            : travel.direction == Direction::Level ? "◀▶"
                                                                   : "";
        const ImU32 arrow_colour = !travel.good ? theme.dim_text : (*travel.good ? theme.good : theme.bad);
        draw->AddText(theme.bold, em * 1.4f, ImVec2(x, y + em * 0.4f), Faded(arrow_colour, theme.dim), arrow);
        x += theme.bold->CalcTextSizeA(em * 1.4f, FLT_MAX, 0.0f, arrow).x + pad * 0.5f;
        std::string period = FormatShortPeriod(latest->period);
        if (ind.unit == Unit::RatePer10k)
            period = "per 10k · " + period;
        DrawClippedText(draw, theme.body, em * 0.9f, ImVec2(x, y + em * 0.6f),
                        ImVec2(inner_max.x, y + em * 1.6f), theme.dim_text, period);
    }
    else
        DrawText(draw, theme.bold, em * 1.1f, ImVec2(inner_min.x, y), theme.dim_text, "No figures yet");
    y += value_size + pad * 0.5f;

    // Target, comparator and status.
    // The target in force for the month shown (the latest with a figure, else the plan's as-of month).
    const PeriodValue* month = ind.unit == Unit::Text ? MonthShown(ind) : latest;
    std::string target = TargetInForceInWords(ind, month    ? month->period
                                                   : newest ? newest->period
                                                            : Period{9999, 12});
    if (ind.target.kind == TargetKind::Value)
        target = "Target " + target;
    else if (ind.target.kind == TargetKind::Text)
        target = "Target: " + target;
    for (const Comparator& c : ind.comparators)
        target += (target.empty() ? "" : " · ") + c.name + " " + FormatValue(c.value, ind.unit);
    if (ind.is_new)
        target = "NEW · " + target;
    const TargetStatus status = StatusAgainstTarget(ind);
    const std::string word = TargetStatusWords(status);
    float status_width = 0;
    if (!word.empty())
    {
        const ImU32 fill = status == TargetStatus::Met    ? theme.good
                           : status == TargetStatus::Near ? IM_COL32(230, 190, 40, 255)
                                                          : theme.bad;
        status_width = theme.bold->CalcTextSizeA(em * 0.8f, FLT_MAX, 0.0f, word.c_str()).x + em * 0.6f;
        const ImVec2 badge_min(inner_max.x - status_width, y);
        draw->AddRectFilled(badge_min, ImVec2(inner_max.x, y + em * 1.1f), Faded(fill, theme.dim), em * 0.2f);
        draw->AddText(theme.bold, em * 0.8f, ImVec2(badge_min.x + em * 0.3f, y + em * 0.15f), TextOn(fill),
                      word.c_str());
    }
    DrawClippedText(draw, theme.body, em * 0.9f, ImVec2(inner_min.x, y + em * 0.1f),
                    ImVec2(inner_max.x - status_width - pad * 0.5f, y + em * 1.1f), theme.dim_text, target);
    y += em * 1.1f + pad * 0.5f;

    if (inner_max.y - y > em * 1.2f && ind.unit != Unit::Text)
        DrawSparkline(draw, theme, ind, ImVec2(inner_min.x + em * 0.2f, y + em * 0.2f),
                      ImVec2(inner_max.x - em * 0.2f, inner_max.y - em * 0.2f));

    return ImGui::IsMouseHoveringRect(min, max) && ImGui::IsMouseReleased(ImGuiMouseButton_Left);
}

} // namespace wb::widgets
