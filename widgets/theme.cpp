// Theme helpers: colours from the plan's key, clipped and wrapped text, RAG badges.
#include "widgets/theme.h"

#include <cstdlib>
#include <string>

namespace wb::widgets
{

ImU32 ColourFromHex(std::string_view hex, float alpha)
{
    if (hex.size() != 7 || hex[0] != '#')
        return IM_COL32(128, 128, 128, static_cast<int>(255 * alpha));
    const unsigned long rgb = std::strtoul(std::string(hex.substr(1)).c_str(), nullptr, 16);
    return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, static_cast<int>(255 * alpha));
}

ImU32 TextOn(ImU32 fill)
{
    const float r = static_cast<float>((fill >> IM_COL32_R_SHIFT) & 0xFF);
    const float g = static_cast<float>((fill >> IM_COL32_G_SHIFT) & 0xFF);
    const float b = static_cast<float>((fill >> IM_COL32_B_SHIFT) & 0xFF);
    return 0.299f * r + 0.587f * g + 0.114f * b > 150.0f ? IM_COL32(0, 0, 0, 255)
                                                         : IM_COL32(255, 255, 255, 255);
}

ImU32 Faded(ImU32 colour, float factor)
{
    const unsigned alpha =
        static_cast<unsigned>(static_cast<float>((colour >> IM_COL32_A_SHIFT) & 0xFF) * factor);
    return (colour & ~IM_COL32_A_MASK) | (alpha << IM_COL32_A_SHIFT);
}

namespace
{

// The longest prefix of `text` (at a UTF-8 boundary) that fits `width` with "…" after it.
std::string Ellipsised(ImFont* font, float size, float width, std::string_view text)
{
    if (font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x <= width)
        return std::string(text);
    const char* ellipsis = "…";
    const float ellipsis_width = font->CalcTextSizeA(size, FLT_MAX, 0.0f, ellipsis).x;
    size_t end = text.size();
    while (end > 0)
    {
        --end;
        while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
            --end;
        if (font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + end).x + ellipsis_width <=
            width)
            break;
    }
    std::string out(text.substr(0, end));
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out + ellipsis;
}

} // namespace

void DrawClippedText(ImDrawList* draw, ImFont* font, float size, ImVec2 min, ImVec2 max, ImU32 colour,
                     std::string_view text)
{
    const std::string shown = Ellipsised(font, size, max.x - min.x, text);
    draw->AddText(font, size, min, colour, shown.c_str());
}

float DrawWrappedText(ImDrawList* draw, ImFont* font, float size, ImVec2 min, ImVec2 max, ImU32 colour,
                      std::string_view text, int max_lines)
{
    const float width = max.x - min.x;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    float y = min.y;
    for (int line = 0; line < max_lines && begin < end && y + size <= max.y + 0.5f; ++line)
    {
        const char* wrap = font->CalcWordWrapPositionA(size / font->FontSize, begin, end, width);
        if (wrap == begin)
            wrap = begin + 1;
        const bool last = line == max_lines - 1 || y + 2 * size > max.y + 0.5f;
        if (last && wrap < end)
            DrawClippedText(draw, font, size, ImVec2(min.x, y), ImVec2(max.x, y + size), colour,
                            std::string_view(begin, static_cast<size_t>(end - begin)));
        else
            draw->AddText(font, size, ImVec2(min.x, y), colour, begin, wrap);
        y += size;
        begin = wrap;
        while (begin < end && (*begin == ' ' || *begin == '\n'))
            ++begin;
        if (last)
            break;
    }
    return y - min.y;
}

void DrawRagBadge(ImDrawList* draw, const Theme& theme, ImVec2 min, ImVec2 max, const RagLevel* level)
{
    const ImU32 fill = level ? ColourFromHex(level->colour) : IM_COL32(90, 90, 96, 255);
    draw->AddRectFilled(min, max, fill, theme.em * 0.2f);
    const std::string code = level ? level->code : "?";
    const float size = std::min(max.y - min.y, theme.em) * 0.9f;
    const ImVec2 text_size = theme.bold->CalcTextSizeA(size, FLT_MAX, 0.0f, code.c_str());
    draw->AddText(theme.bold, size,
                  ImVec2((min.x + max.x - text_size.x) * 0.5f, (min.y + max.y - text_size.y) * 0.5f),
                  TextOn(fill), code.c_str());
}

std::string DaysOverdueInWords(int days_overdue)
{
    if (days_overdue > 0)
        return std::to_string(days_overdue) + (days_overdue == 1 ? " day overdue" : " days overdue");
    if (days_overdue == 0)
        return "due today";
    return "due in " + std::to_string(-days_overdue) + (days_overdue == -1 ? " day" : " days");
}

std::string TargetStatusWords(TargetStatus status)
{
    switch (status)
    {
    case TargetStatus::Met:
        return "ON TARGET";
    case TargetStatus::Near:
        return "NEAR TARGET";
    case TargetStatus::Missed:
        return "OFF TARGET";
    case TargetStatus::NoTarget:
    case TargetStatus::NoValue:
        break;
    }
    return "";
}

const std::string& ActionSummary(const Action& action)
{
    return action.text.empty() ? action.outcome : action.text;
}

} // namespace wb::widgets
