// Theme helpers: colours from the plan's key, RAG badges, refs, and the layout record for tests.
#include "widgets/theme.h"

#include <algorithm>
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

ImU32 DarkTint(const Theme& theme, ImU32 colour)
{
    const auto mix = [&](int shift)
    {
        const unsigned over = (colour >> shift) & 0xFF;
        const unsigned under = (theme.background >> shift) & 0xFF;
        return (over + 3 * under) / 4;
    };
    return IM_COL32(mix(IM_COL32_R_SHIFT), mix(IM_COL32_G_SHIFT), mix(IM_COL32_B_SHIFT),
                    (colour >> IM_COL32_A_SHIFT) & 0xFF);
}

namespace
{

thread_local LayoutRecord* t_record = nullptr; // set by a LayoutRecorder; null on the wall
thread_local bool t_door = false;              // set by a DoorText

} // namespace

float BadgeTextSize(const Theme& theme, float height)
{
    return std::min(height * 0.7f, std::max(theme.em * 0.9f, height * 0.62f));
}

const std::string& CodeToFit(const Theme& theme, const RagLevel* level, float size, float width)
{
    static const std::string unknown = "?";
    if (!level)
        return unknown;
    // Half a pixel of slack: a badge sized by BadgeWidth to fit a code exactly gets that width back as
    // (x + width) - x, which float rounding can make a hair smaller, and the code must not then shrink.
    const auto fits = [&](const std::string& code)
    { return TextWidth(theme.bold, size, code) <= width + 0.5f; };
    if (level->short_code.empty() || fits(level->code))
        return level->code;
    if (fits(level->short_code) || level->short_code.size() < level->code.size())
        return level->short_code;
    return level->code;
}

namespace
{

float BadgePad(const Theme& theme)
{
    return theme.em * 0.25f;
}

} // namespace

float BadgeWidth(const Theme& theme, const RagLevel* level, float height, float most)
{
    const float size = BadgeTextSize(theme, height);
    const float pad = BadgePad(theme);
    const std::string& code = CodeToFit(theme, level, size, most - 2 * pad);
    return std::max(height, TextWidth(theme.bold, size, code) + 2 * pad);
}

float BadgeColumnWidth(const Theme& theme, const std::vector<RagLevel>& key, float height, float most)
{
    float width = BadgeWidth(theme, nullptr, height, most);
    for (const RagLevel& level : key)
        width = std::max(width, BadgeWidth(theme, &level, height, most));
    return width;
}

void DrawRagBadge(ImDrawList* draw, const Theme& theme, ImVec2 min, ImVec2 max, const RagLevel* level,
                  const ImVec4* clip)
{
    if (!draw)
        return;
    const ImVec4 within = clip ? *clip : kNoClip;
    const ImU32 fill = level ? ColourFromHex(level->colour) : IM_COL32(90, 90, 96, 255);
    FillClipped(draw, min, max, fill, theme.em * 0.2f, within);
    if (Inside(min, max, within))
        RecordBadge(min, max);
    const float size = BadgeTextSize(theme, max.y - min.y);
    const std::string& code = CodeToFit(theme, level, size, max.x - min.x - 2 * BadgePad(theme));
    const ImVec2 text_size = theme.bold->CalcTextSizeA(size, FLT_MAX, 0.0f, code.c_str());
    const ImVec2 at((min.x + max.x - text_size.x) * 0.5f, (min.y + max.y - text_size.y) * 0.5f);
    if (at.y < within.w && at.y + size > within.y)
        draw->AddText(theme.bold, size, at, TextOn(fill), code.c_str(), nullptr, 0.0f, clip);
    if (Inside(at, ImVec2(at.x + text_size.x, at.y + text_size.y), within))
        RecordText(theme.bold, size, at, code, level ? level->code : code, TextRole::Code,
                   level ? level->short_code : std::string());
}

float RefColumnWidth(const Theme& theme, float size, const std::vector<std::string_view>& refs, float most)
{
    float width = 0;
    for (const std::string_view ref : refs)
        width = std::max(width, TextWidth(theme.bold, size, ref));
    return std::min(width + theme.em * 0.1f, most);
}

void DrawRef(ImDrawList* draw, const Theme& theme, ImVec2 pos, float width, float size, ImU32 colour,
             std::string_view ref)
{
    const float natural = TextWidth(theme.bold, size, ref);
    const float shown_size = natural > width && natural > 0 ? size * width / natural : size;
    const ImVec2 at(pos.x, pos.y + (size - shown_size) * 0.5f);
    draw->AddText(theme.bold, shown_size, at, colour, ref.data(), ref.data() + ref.size());
    RecordText(theme.bold, shown_size, at, ref, ref, TextRole::Ref);
}

LayoutRecorder::LayoutRecorder() : m_previous(t_record)
{
    t_record = &m_record;
}

LayoutRecorder::~LayoutRecorder()
{
    t_record = m_previous;
}

DoorText::DoorText() : m_previous(t_door)
{
    t_door = true;
}

DoorText::~DoorText()
{
    t_door = m_previous;
}

bool Recording()
{
    return t_record != nullptr;
}

void RecordText(ImFont* font, float size, ImVec2 pos, std::string_view shown, std::string_view whole,
                TextRole role, std::string_view alternative)
{
    if (!t_record || shown.empty())
        return;
    const ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, 0.0f, shown.data(), shown.data() + shown.size());
    t_record->texts.push_back({pos, ImVec2(pos.x + extent.x, pos.y + extent.y), std::string(shown),
                               std::string(whole), std::string(alternative), role,
                               t_door ? TextClass::Door : TextClass::Meeting, font, size});
}

void RecordBadge(ImVec2 min, ImVec2 max)
{
    if (t_record)
        t_record->badges.push_back({min, max});
}

} // namespace wb::widgets
