// Text primitives: measuring, cutting with an ellipsis in one pass, one-line and wrapped drawing, and the
// clipped fill, shared by every widget.
#include "widgets/text.h"

#include "widgets/theme.h"

#include <imgui_internal.h> // ImTextCharFromUtf8: the decoder ImFont::CalcTextSizeA uses

#include <algorithm>
#include <cstring>
#include <vector>

namespace wb::widgets
{

namespace
{

const char* const kEllipsis = "…";

bool IsNoClip(const ImVec4& clip)
{
    return clip.x == -FLT_MAX && clip.y == -FLT_MAX && clip.z == FLT_MAX && clip.w == FLT_MAX;
}

const char* NextChar(const char* s, const char* end)
{
    ++s;
    while (s < end && (static_cast<unsigned char>(*s) & 0xC0) == 0x80)
        ++s;
    return s;
}

// One glyph of a line: where it starts in the text and its advance at the size asked for.
struct Glyph
{
    size_t at;
    float advance;
};

// Walks `text`'s glyphs as ImFont::CalcTextSizeA does (same decoding, same advances, same scale), so a
// running sum of the advances equals its measure of every prefix, bit for bit. `visit(glyph)` returns
// false to stop early. Text must hold no line break (the callers flatten them).
template <class Visit>
void ForEachGlyph(const ImFont* font, float size, std::string_view text, Visit visit)
{
    const float scale = size / font->FontSize;
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    for (const char* s = begin; s < end;)
    {
        const char* const start = s;
        unsigned int c = static_cast<unsigned char>(*s);
        if (c < 0x80)
            s += 1;
        else
        {
            s += ImTextCharFromUtf8(&c, s, end);
            if (c == 0)
                return; // malformed: CalcTextSizeA stops measuring here too
        }
        float advance = 0.0f;
        if (c != '\r')
            advance = (static_cast<int>(c) < font->IndexAdvanceX.Size ? font->IndexAdvanceX.Data[c]
                                                                      : font->FallbackAdvanceX) *
                      scale;
        if (!visit(Glyph{static_cast<size_t>(start - begin), advance}))
            return;
    }
}

std::string Flattened(std::string_view text)
{
    std::string flat(text);
    std::replace(flat.begin(), flat.end(), '\n', ' ');
    return flat;
}

void TrimEnd(std::string& text)
{
    while (!text.empty() && text.back() == ' ')
        text.pop_back();
}

// End: the longest prefix whose width with "…" after it fits `width`. Glyph advances are never negative,
// so the walk stops once neither a longer prefix nor the whole text can fit.
std::string CutAtEnd(ImFont* font, float size, float width, const std::string& flat)
{
    const float ellipsis_width = TextWidth(font, size, kEllipsis);
    float line_width = 0.0f;
    size_t best = 0;
    bool whole = true;
    ForEachGlyph(font, size, flat,
                 [&](const Glyph& g)
                 {
                     if (line_width + ellipsis_width <= width)
                         best = g.at;
                     line_width += g.advance;
                     if (line_width > width)
                         whole = false;
                     return whole || line_width + ellipsis_width <= width;
                 });
    if (whole)
        return flat;
    std::string out = flat.substr(0, best);
    TrimEnd(out);
    return out + kEllipsis;
}

// Middle: the text's end in about half the room (from a word start when the end holds one), then as much
// of its start as fits before "…".
std::string CutInMiddle(ImFont* font, float size, float width, const std::string& flat)
{
    std::vector<Glyph> glyphs;
    float total = 0.0f;
    ForEachGlyph(font, size, flat,
                 [&](const Glyph& g)
                 {
                     glyphs.push_back(g);
                     total += g.advance;
                     return true;
                 });
    if (total <= width)
        return flat;
    const float ellipsis_width = TextWidth(font, size, kEllipsis);
    const float room = width - ellipsis_width;
    if (room <= 0)
        return kEllipsis;
    // The tail: the shortest run of glyphs from the end that stays within half the room.
    size_t tail = glyphs.size();
    float tail_width = 0.0f;
    while (tail > 0 && tail_width + glyphs[tail - 1].advance <= room * 0.5f)
        tail_width += glyphs[--tail].advance;
    size_t tail_at = tail < glyphs.size() ? glyphs[tail].at : flat.size();
    if (tail_at > 0 && tail_at < flat.size() && flat[tail_at - 1] != ' ')
    {
        const size_t space = flat.find(' ', tail_at);
        if (space != std::string::npos && flat.find_first_not_of(' ', space) != std::string::npos)
            tail_at = flat.find_first_not_of(' ', space); // a whole word, not the end of one
    }
    while (tail_at < flat.size() && flat[tail_at] == ' ')
        ++tail_at;
    const std::string tail_text = flat.substr(tail_at);
    const float tail_shown = TextWidth(font, size, tail_text);
    // The head: the longest prefix that fits before "…" and the tail.
    size_t head = 0;
    float head_width = 0.0f;
    for (const Glyph& g : glyphs)
    {
        if (g.at >= tail_at || head_width + g.advance + ellipsis_width + tail_shown > width)
            break;
        head_width += g.advance;
        head = g.at + 1;
        while (head < flat.size() && (static_cast<unsigned char>(flat[head]) & 0xC0) == 0x80)
            ++head;
    }
    std::string out = flat.substr(0, head);
    TrimEnd(out);
    out += kEllipsis + tail_text;
    // Widths summed in another order can differ in the last bit: drop a glyph of the head until it fits.
    while (TextWidth(font, size, out) > width && head > 0)
    {
        --head;
        while (head > 0 && (static_cast<unsigned char>(flat[head]) & 0xC0) == 0x80)
            --head;
        out = flat.substr(0, head);
        TrimEnd(out);
        out += kEllipsis + tail_text;
    }
    return out;
}

// Where a trailing bracketed qualifier starts ("… – Permanency Service (month end snapshot (all
// workers))"), or npos. A middle cut drops it first: it is what names of a family share.
size_t TrailingQualifier(const std::string& text)
{
    if (text.empty() || text.back() != ')')
        return std::string::npos;
    int depth = 0;
    for (size_t i = text.size(); i-- > 0;)
    {
        depth += text[i] == ')' ? 1 : text[i] == '(' ? -1 : 0;
        if (depth == 0)
            return i > 1 && text[i - 1] == ' ' ? i - 1 : std::string::npos;
    }
    return std::string::npos;
}

std::string CutNames(ImFont* font, float size, float width, const std::string& flat)
{
    if (TextWidth(font, size, flat) <= width)
        return flat;
    const size_t qualifier = TrailingQualifier(flat);
    if (qualifier == std::string::npos)
        return CutInMiddle(font, size, width, flat);
    std::string core = flat.substr(0, qualifier);
    TrimEnd(core);
    if (TextWidth(font, size, core) + TextWidth(font, size, kEllipsis) <= width)
        return core + kEllipsis;
    std::string shown = CutInMiddle(font, size, width, core);
    return shown == core ? CutAtEnd(font, size, width, flat) : shown;
}

// Draws `shown` (for `whole`) at `pos`, cut at `clip`, and records it when wholly inside.
void Put(ImDrawList* draw, ImFont* font, float size, ImVec2 pos, ImU32 colour, std::string_view shown,
         std::string_view whole, const ImVec4& clip)
{
    if (shown.empty() || pos.x >= clip.z)
        return;
    const bool unclipped = IsNoClip(clip);
    draw->AddText(font, size, pos, colour, shown.data(), shown.data() + shown.size(), 0.0f,
                  unclipped ? nullptr : &clip);
    if (Recording() &&
        (unclipped || Inside(pos, ImVec2(pos.x + TextWidth(font, size, shown), pos.y + size), clip)))
        RecordText(font, size, pos, shown, whole);
}

} // namespace

ImVec4 ClipOf(ImVec2 min, ImVec2 max)
{
    return ImVec4(min.x, min.y, max.x, max.y);
}

ImVec4 Intersect(const ImVec4& a, const ImVec4& b)
{
    ImVec4 r(std::max(a.x, b.x), std::max(a.y, b.y), std::min(a.z, b.z), std::min(a.w, b.w));
    r.z = std::max(r.z, r.x);
    r.w = std::max(r.w, r.y);
    return r;
}

bool Inside(ImVec2 min, ImVec2 max, const ImVec4& clip)
{
    return min.x >= clip.x && min.y >= clip.y && max.x <= clip.z && max.y <= clip.w;
}

float TextWidth(ImFont* font, float size, std::string_view text)
{
    return font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
}

std::string Ellipsised(ImFont* font, float size, float width, std::string_view text, TextCut cut)
{
    const std::string flat = Flattened(text);
    return cut == TextCut::Middle ? CutNames(font, size, width, flat) : CutAtEnd(font, size, width, flat);
}

void DrawText(ImDrawList* draw, ImFont* font, float size, ImVec2 pos, ImU32 colour, std::string_view text)
{
    DrawText(draw, font, size, pos, colour, text, kNoClip);
}

void DrawText(ImDrawList* draw, ImFont* font, float size, ImVec2 pos, ImU32 colour, std::string_view text,
              const ImVec4& clip)
{
    if (draw && pos.y < clip.w && pos.y + size > clip.y)
        Put(draw, font, size, pos, colour, text, text, clip);
}

void DrawOneLine(ImDrawList* draw, ImFont* font, float size, ImVec2 pos, float max_x, ImU32 colour,
                 std::string_view text, const ImVec4& clip, TextCut cut)
{
    if (draw && pos.y < clip.w && pos.y + size > clip.y)
        Put(draw, font, size, pos, colour, Ellipsised(font, size, max_x - pos.x, text, cut), text, clip);
}

void DrawClippedText(ImDrawList* draw, ImFont* font, float size, ImVec2 min, ImVec2 max, ImU32 colour,
                     std::string_view text, TextCut cut)
{
    DrawOneLine(draw, font, size, min, max.x, colour, text, kNoClip, cut);
}

float WrapText(ImDrawList* draw, ImFont* font, float size, ImVec2 pos, float max_x, ImU32 colour,
               std::string_view text, const WrapStyle& style)
{
    if (text.empty())
        return 0.0f;
    const float width = std::max(max_x - pos.x, size);
    const float line = size * style.line_spacing;
    const float bottom = style.max_y + 0.5f; // half a pixel of float slack
    const char* s = text.data();
    const char* const end = s + text.size();
    float y = pos.y;
    int lines = 0;
    while (y + size <= bottom)
    {
        const char* paragraph_end =
            static_cast<const char*>(std::memchr(s, '\n', static_cast<size_t>(end - s)));
        if (!paragraph_end)
            paragraph_end = end;
        do
        {
            const char* wrap = s < paragraph_end ? font->CalcWordWrapPositionA(size / font->FontSize, s,
                                                                               paragraph_end, width)
                                                 : paragraph_end;
            if (wrap == s && s < paragraph_end)
                wrap = NextChar(s, paragraph_end);
            ++lines;
            const bool last = (style.max_lines > 0 && lines == style.max_lines) || y + line + size > bottom;
            if (last && (wrap < paragraph_end || paragraph_end < end))
            {
                DrawOneLine(draw, font, size, ImVec2(pos.x, y), max_x, colour,
                            std::string_view(s, static_cast<size_t>(end - s)), style.clip, style.cut);
                return y + line - pos.y;
            }
            DrawText(draw, font, size, ImVec2(pos.x, y), colour,
                     std::string_view(s, static_cast<size_t>(wrap - s)), style.clip);
            y += line;
            s = wrap;
            while (s < paragraph_end && (*s == ' ' || *s == '\t' || *s == '\r'))
                ++s;
        } while (s < paragraph_end);
        if (paragraph_end >= end)
            break;
        s = paragraph_end + 1;
    }
    return y - pos.y;
}

float DrawWrappedText(ImDrawList* draw, ImFont* font, float size, ImVec2 min, ImVec2 max, ImU32 colour,
                      std::string_view text, int max_lines, TextCut cut)
{
    return WrapText(draw, font, size, min, max.x, colour, text, {kNoClip, max_lines, 1.0f, max.y, cut});
}

void FillClipped(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 colour, float rounding, const ImVec4& clip)
{
    if (!draw)
        return;
    const ImVec2 ca(std::max(a.x, clip.x), std::max(a.y, clip.y));
    const ImVec2 cb(std::min(b.x, clip.z), std::min(b.y, clip.w));
    if (ca.x >= cb.x || ca.y >= cb.y)
        return;
    const bool cut = ca.x > a.x || ca.y > a.y || cb.x < b.x || cb.y < b.y;
    draw->AddRectFilled(ca, cb, colour, cut ? 0.0f : rounding);
}

} // namespace wb::widgets
