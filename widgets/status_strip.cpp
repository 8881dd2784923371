// The status strip: its one-line layout, shortened in the order status_strip.h states, and its drawing.
#include "widgets/status_strip.h"

#include <algorithm>

namespace wb::widgets
{
namespace
{

constexpr const char* kWarningSign = "⚠ ";
constexpr const char* kExplanation = " — "; // a warning's explanation follows this

float Width(ImFont* font, float size, std::string_view text)
{
    return TextWidth(font, size, text);
}

} // namespace

float StatusStripHeight(const Theme& theme, bool warning)
{
    return warning ? std::max(theme.door * 1.25f, theme.em * 1.1f) + theme.em * 0.5f : theme.em * 1.6f;
}

StripLayout LayOutStatusStrip(const Theme& theme, const PageContext& context, float width)
{
    const float em = theme.em;
    const float small = em * 0.9f;
    StripLayout layout;
    const bool warn = !context.warning.empty();
    layout.height = StatusStripHeight(theme, warn);

    // The pieces, whole.
    std::string status_first = context.status_line.substr(0, context.status_line.find(" · "));
    std::string status = context.status_line;
    if (!context.today_set.empty())
    {
        status_first += " · " + context.today_set;
        status = status_first + context.status_line.substr(
                                    std::min(context.status_line.size(), context.status_line.find(" · ")));
    }
    std::string cue_lead = context.next_page;
    std::string cue_title;
    std::string cue_tail;
    if (const size_t at =
            context.next_title.empty() ? std::string::npos : context.next_page.find(context.next_title);
        at != std::string::npos)
    {
        cue_lead = context.next_page.substr(0, at);
        cue_title = context.next_title;
        cue_tail = context.next_page.substr(at + context.next_title.size());
    }
    // The headline is what is read from the door; the reason and the explanation are read up close.
    std::string warning = warn ? kWarningSign + context.warning : std::string();
    std::string detail;
    if (const size_t at = std::min(
            {warning.find(": "), warning.find(kExplanation), warning.find(" since "), warning.find(" for ")});
        at != std::string::npos)
    {
        detail = warning.substr(at);
        warning.resize(at);
    }

    const float pad = em;
    const auto room_left = [&]
    {
        float used = pad * 2;
        if (warn)
            used += Width(theme.bold, theme.door, warning) + Width(theme.body, em, detail) + pad;
        used += Width(theme.body, small, status);
        if (!context.next_page.empty())
            used += pad + Width(theme.body, small, cue_lead + cue_title + cue_tail);
        return width - used;
    };
    // 1. The status line's later parts.
    if (room_left() < 0)
        status = status_first;
    // 2. and 4. The next page's title, from its middle, to no less than `least` wide.
    const auto shorten_title = [&](float least)
    {
        const float title_width = Width(theme.body, small, cue_title);
        if (const float room = room_left(); room < 0 && !cue_title.empty() && title_width > least)
            cue_title = Ellipsised(theme.body, small, std::max(least, title_width + room), cue_title,
                                   TextCut::Middle);
    };
    shorten_title(em * 10.0f);
    // 3. The warning's explanation.
    if (const size_t at = detail.find(kExplanation); room_left() < 0 && at != std::string::npos)
        detail.resize(at);
    shorten_title(0.0f);
    // 5. The detail, then the headline, are cut at their ends when drawn (detail_max_x, warning_max_x).

    layout.warning = warning;
    layout.status = status;
    layout.cue = cue_lead + cue_title + cue_tail;
    const float cue_width = layout.cue.empty() ? 0.0f : Width(theme.body, small, layout.cue);
    const float status_width = Width(theme.body, small, status);
    layout.cue_x = width - pad - cue_width;
    const float right = layout.cue.empty() ? width - pad : layout.cue_x - pad;
    if (warn)
    {
        layout.warning_x = pad;
        const float limit = right - status_width - pad;
        layout.warning_max_x = std::max(pad, std::min(pad + Width(theme.bold, theme.door, warning), limit));
        layout.detail_x = layout.warning_max_x;
        layout.detail_max_x =
            std::max(layout.detail_x, std::min(layout.detail_x + Width(theme.body, em, detail), limit));
        layout.warning_detail = layout.detail_max_x > layout.detail_x ? detail : std::string();
        layout.status_x = layout.detail_max_x + pad;
    }
    else
        layout.status_x = pad;
    return layout;
}

float DrawStatusStrip(ImDrawList* draw, const Theme& theme, const PageContext& context, ImVec2 min,
                      ImVec2 max)
{
    const float em = theme.em;
    const float small = em * 0.9f;
    const StripLayout layout = LayOutStatusStrip(theme, context, max.x - min.x);
    const bool warn = !layout.warning.empty();
    const ImVec2 strip_min(min.x, max.y - layout.height);
    const ImU32 colour = !warn                    ? theme.panel
                         : context.warning_severe ? theme.warning_fill
                                                  : IM_COL32(230, 190, 40, 255);
    // A warning can stand for hours: a dark tint under a band of its colour (burn-in care: DarkTint).
    const ImU32 fill = warn ? DarkTint(theme, colour) : colour;
    draw->AddRectFilled(strip_min, max, fill);
    if (warn)
        draw->AddRectFilled(strip_min, ImVec2(max.x, strip_min.y + em * 0.3f), colour);
    const float bar = std::max(1.0f, em * 0.2f);
    // Every piece sits on one baseline band above the progress bar: centred in the line.
    const float line_mid = strip_min.y + (layout.height - bar) * 0.5f;
    const ImU32 quiet = warn ? TextOn(fill) : theme.dim_text;
    if (warn)
        DrawClippedText(
            draw, theme.bold, theme.door, ImVec2(min.x + layout.warning_x, line_mid - theme.door * 0.5f),
            ImVec2(min.x + layout.warning_max_x, line_mid + theme.door * 0.5f), TextOn(fill), layout.warning);
    if (!layout.warning_detail.empty())
        DrawClippedText(draw, theme.body, em, ImVec2(min.x + layout.detail_x, line_mid - em * 0.5f),
                        ImVec2(min.x + layout.detail_max_x, line_mid + em * 0.5f), TextOn(fill),
                        layout.warning_detail);
    const float small_y = line_mid - small * 0.5f;
    DrawClippedText(
        draw, theme.body, small, ImVec2(min.x + layout.status_x, small_y),
        ImVec2(min.x + std::max(layout.status_x, layout.cue.empty() ? max.x - em : layout.cue_x - em),
               small_y + small),
        quiet, layout.status);
    if (!layout.cue.empty())
        DrawText(draw, theme.body, small, ImVec2(min.x + layout.cue_x, small_y),
                 warn ? TextOn(fill) : theme.text, layout.cue);
    // The rotation cue: how much of this page's time has passed.
    draw->AddRectFilled(
        ImVec2(min.x, max.y - bar),
        ImVec2(min.x + (max.x - min.x) * static_cast<float>(context.rotation_progress), max.y), theme.good);
    return layout.height;
}

} // namespace wb::widgets
