// The indicator tile: its drawing and the sizes a page lays tiles out by.
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

namespace
{

// The rows of a tile, top to bottom, in one place for the drawing and the page's layout.
float NameHeight(const Theme& theme)
{
    return theme.door * 2.0f; // two lines of door text, or as many of the body as fit there
}

float FigureRowHeight(const Theme& theme)
{
    return theme.door * 1.1f; // the figure, or the status badge: door text with a little room round it
}

float TilePad(const Theme& theme)
{
    return theme.em * 0.5f;
}

const char* ArrowOf(Direction direction)
{
    return direction == Direction::Up      ? "▲"
           : direction == Direction::Down  ? "▼"
           : direction == Direction::Level ? "◀▶"
                                           : "";
}

float ArrowSize(const Theme& theme)
{
    return theme.door * 0.8f;
}

float StatusWidth(const Theme& theme, const std::string& word)
{
    return theme.value->CalcTextSizeA(theme.door, FLT_MAX, 0.0f, word.c_str()).x + theme.em * 0.6f;
}

// The widest status a tile may show, so every tile of a grid has room for any.
float WidestStatus(const Theme& theme)
{
    float widest = 0;
    for (const TargetStatus status : {TargetStatus::Met, TargetStatus::Near, TargetStatus::Missed})
        widest = std::max(widest, StatusWidth(theme, TargetStatusWords(status)));
    return widest;
}

// The figure as drawn at the door size, with its arrow: 0 for a tile without a number.
float FigureWidth(const Theme& theme, const Indicator& ind)
{
    const PeriodValue* latest = LatestValue(ind);
    const PeriodValue* newest = ind.series.empty() ? nullptr : &ind.series.back();
    if (ind.unit == Unit::Text || (newest && !newest->value) || !latest)
        return 0;
    const std::string value = FormatValue(*latest->value, ind.unit);
    const char* arrow = ArrowOf(DirectionOfTravel(ind).direction);
    return theme.value->CalcTextSizeA(theme.door, FLT_MAX, 0.0f, value.c_str()).x + TilePad(theme) +
           theme.bold->CalcTextSizeA(ArrowSize(theme), FLT_MAX, 0.0f, arrow).x;
}

// Whether `text` at the door size wraps into two lines of `width` at most, as DrawWrappedText lays it out.
bool InTwoDoorLines(const Theme& theme, const std::string& text, float width)
{
    const char* begin = text.c_str();
    const char* end = begin + text.size();
    const char* wrap =
        theme.value->CalcWordWrapPositionA(theme.door / theme.value->FontSize, begin, end, width);
    while (wrap < end && *wrap == ' ')
        ++wrap;
    return theme.value->CalcTextSizeA(theme.door, FLT_MAX, 0.0f, wrap, end).x <= width;
}

// What a tile names its indicator by: the short name, else the name.
std::string TileName(const Indicator& ind)
{
    return ind.id + ". " + (ind.short_name.empty() ? ind.name : ind.short_name);
}

} // namespace

float TileHeight(const Theme& theme, TileShape shape)
{
    const float pad = TilePad(theme);
    const float status_row = shape.status_beside_figure ? 0.0f : FigureRowHeight(theme) + pad * 0.5f;
    return pad * 2.0f + NameHeight(theme) + pad * 0.5f + FigureRowHeight(theme) + pad * 0.5f + status_row +
           theme.em * 1.1f;
}

bool TileFits(const Theme& theme, const Indicator& ind, float width, TileShape shape)
{
    const float inner = width - TilePad(theme) * 2.0f;
    const float status = WidestStatus(theme);
    const float figure = FigureWidth(theme, ind);
    if (shape.status_beside_figure ? figure + TilePad(theme) + status > inner
                                   : std::max(figure, status) > inner)
        return false;
    // A full name that does not fit is meeting text, wrapped into the name's room; a short name must fit.
    return ind.short_name.empty() || InTwoDoorLines(theme, TileName(ind), inner);
}

bool DrawIndicatorTile(ImDrawList* draw, const Theme& theme, const Indicator& ind, ImVec2 min, ImVec2 max,
                       TileShape shape)
{
    const float em = theme.em;
    const float door = theme.door;
    const float pad = TilePad(theme);
    draw->AddRectFilled(min, max, theme.panel, em * 0.3f);
    const ImVec2 inner_min(min.x + pad, min.y + pad);
    const ImVec2 inner_max(max.x - pad, max.y - pad);

    // The name: read from the door (the short name, or a name as short), two lines at most; a long name
    // without a short one is read at the screen, in as many lines of the body as fit the same room.
    float y = inner_min.y;
    const float name_height = NameHeight(theme);
    const std::string name = TileName(ind);
    if (!ind.short_name.empty() || InTwoDoorLines(theme, name, inner_max.x - inner_min.x))
    {
        const DoorText door_text;
        DrawWrappedText(draw, theme.value, door, ImVec2(inner_min.x, y), ImVec2(inner_max.x, y + name_height),
                        theme.text, name, 2, TextCut::Middle);
    }
    else
        DrawWrappedText(draw, theme.body, em, ImVec2(inner_min.x, y), ImVec2(inner_max.x, y + name_height),
                        theme.text, name, std::max(1, static_cast<int>(name_height / em)), TextCut::Middle);
    y += name_height + pad * 0.5f;

    // The status against target, beside the figure on a wide tile, else on the row under it.
    const TargetStatus status = StatusAgainstTarget(ind);
    const std::string word = TargetStatusWords(status);
    const float row = FigureRowHeight(theme);
    const float status_width = word.empty() ? 0.0f : StatusWidth(theme, word);
    const float figure_max_x = inner_max.x - (shape.status_beside_figure ? WidestStatus(theme) + pad : 0.0f);
    if (!word.empty())
    {
        const ImU32 fill = status == TargetStatus::Met    ? theme.good
                           : status == TargetStatus::Near ? IM_COL32(230, 190, 40, 255)
                                                          : theme.bad;
        const ImVec2 badge_min(shape.status_beside_figure ? inner_max.x - status_width : inner_min.x,
                               shape.status_beside_figure ? y : y + row + pad * 0.5f);
        // A dark tint outlined in the colour, the words in it (burn-in care: DarkTint).
        const ImVec2 badge_max(badge_min.x + status_width, badge_min.y + row);
        draw->AddRectFilled(badge_min, badge_max, Faded(DarkTint(theme, fill), theme.dim), em * 0.2f);
        draw->AddRect(badge_min, badge_max, Faded(fill, theme.dim), em * 0.2f, 0, std::max(1.0f, em * 0.12f));
        const DoorText door_text;
        DrawText(draw, theme.value, door, ImVec2(badge_min.x + em * 0.3f, badge_min.y + (row - door) * 0.5f),
                 Faded(fill, theme.dim), word);
    }

    // The figure, or why there is none.
    const PeriodValue* latest = LatestValue(ind);
    const PeriodValue* newest = ind.series.empty() ? nullptr : &ind.series.back();
    if (ind.unit == Unit::Text)
    {
        // A measure in words: the latest month's words, large, and its month; never a number.
        const PeriodValue* shown = MonthShown(ind);
        if (shown)
        {
            const std::string month = FormatShortPeriod(shown->period);
            const float month_width = theme.body->CalcTextSizeA(em * 0.9f, FLT_MAX, 0.0f, month.c_str()).x;
            DrawWrappedText(draw, theme.bold, em * 1.3f, ImVec2(inner_min.x, y),
                            ImVec2(figure_max_x - month_width - pad, y + row), Faded(theme.text, theme.dim),
                            shown->placeholder, 1);
            DrawText(draw, theme.body, em * 0.9f, ImVec2(figure_max_x - month_width, y + em * 0.3f),
                     theme.dim_text, month);
        }
        else
            DrawText(draw, theme.bold, em * 1.1f, ImVec2(inner_min.x, y), theme.dim_text, "No figures yet");
    }
    else if (newest && !newest->value)
    {
        DrawWrappedText(draw, theme.bold, em * 1.1f, ImVec2(inner_min.x, y), ImVec2(figure_max_x, y + row),
                        Faded(theme.dim_text, theme.dim), newest->placeholder, 2);
    }
    else if (latest)
    {
        const std::string value = FormatValue(*latest->value, ind.unit);
        {
            const DoorText door_text;
            DrawText(draw, theme.value, door, ImVec2(inner_min.x, y + (row - door) * 0.5f),
                     Faded(theme.text, theme.dim), value);
        }
        float x = inner_min.x + theme.value->CalcTextSizeA(door, FLT_MAX, 0.0f, value.c_str()).x + pad;
        const Travel travel = DirectionOfTravel(ind);
        const char* arrow = ArrowOf(travel.direction);
        const ImU32 arrow_colour = !travel.good ? theme.dim_text : (*travel.good ? theme.good : theme.bad);
        const float arrow_size = ArrowSize(theme);
        draw->AddText(theme.bold, arrow_size, ImVec2(x, y + (row - arrow_size) * 0.5f),
                      Faded(arrow_colour, theme.dim), arrow);
        x += theme.bold->CalcTextSizeA(arrow_size, FLT_MAX, 0.0f, arrow).x + pad * 0.5f;
        std::string period = FormatShortPeriod(latest->period);
        if (ind.unit == Unit::RatePer10k)
            period = "per 10k · " + period;
        if (figure_max_x - x > em * 2.0f)
            DrawClippedText(draw, theme.body, em * 0.9f, ImVec2(x, y + (row - em) * 0.5f),
                            ImVec2(figure_max_x, y + row), theme.dim_text, period);
    }
    else
        DrawText(draw, theme.bold, em * 1.1f, ImVec2(inner_min.x, y), theme.dim_text, "No figures yet");
    y += row + pad * 0.5f;
    if (!shape.status_beside_figure)
        y += row + pad * 0.5f;

    // Target and comparators: read at the screen.
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
    DrawClippedText(draw, theme.body, em * 0.9f, ImVec2(inner_min.x, y), ImVec2(inner_max.x, y + em),
                    theme.dim_text, target);
    y += em * 1.1f;

    if (inner_max.y - y > em * 1.2f && ind.unit != Unit::Text)
        DrawSparkline(draw, theme, ind, ImVec2(inner_min.x + em * 0.2f, y + em * 0.2f),
                      ImVec2(inner_max.x - em * 0.2f, inner_max.y - em * 0.2f));

    return ImGui::IsMouseHoveringRect(min, max) && ImGui::IsMouseReleased(ImGuiMouseButton_Left);
}

} // namespace wb::widgets
