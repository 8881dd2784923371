// The text primitives every widget measures, draws, cuts and wraps text through, and the clipped fill
// they share: like ImGui's RenderTextClipped / RenderTextEllipsis, one set for the whole board. Every
// text drawn here is recorded for layout tests (see LayoutRecorder in theme.h).
//
// A clip rectangle is an ImVec4 (x0, y0, x1, y1). Text and fills are cut against it on the CPU, so that
// nothing drawn leaves a scrolling area (a scissor alone would leave vertices outside it), and only what
// lies wholly inside it is recorded. Functions given a null draw list draw nothing (measuring passes).
#pragma once

#include <imgui.h>

#include <cfloat>
#include <string>
#include <string_view>

namespace wb::widgets
{

// Where a line too long for its room loses characters: at its end ("Percentage of Case Supervision's
// in…"), or in its middle, for names that differ at their end ("Percentage of Case Sup…in time –
// Permanency").
enum class TextCut
{
    End,
    Middle,
};

// Wrapped text in paragraphs: line height as a multiple of the text size.
inline constexpr float kLineSpacing = 1.2f;

// No clip: everything is inside.
inline const ImVec4 kNoClip(-FLT_MAX, -FLT_MAX, FLT_MAX, FLT_MAX);

ImVec4 ClipOf(ImVec2 min, ImVec2 max);
ImVec4 Intersect(const ImVec4& a, const ImVec4& b);
bool Inside(ImVec2 min, ImVec2 max, const ImVec4& clip);

// The width of `text` on one line at `size` pixels.
float TextWidth(ImFont* font, float size, std::string_view text);

// `text` (line breaks read as spaces) as it fits `width` on one line: whole, or cut at UTF-8 boundaries
// with "…" where `cut` says. End keeps the longest prefix that fits with "…" after it. Middle first drops
// a trailing bracketed qualifier ("(month end snapshot)": what names of a family share), then keeps the
// end (about half the room, from a word start where it has one) and as much of the start as then fits.
// One pass over the glyph advances, however long the text.
std::string Ellipsised(ImFont* font, float size, float width, std::string_view text,
                       TextCut cut = TextCut::End);

// Text drawn as given (no cut) from `pos`.
void DrawText(ImDrawList* draw, ImFont* font, float size, ImVec2 pos, ImU32 colour, std::string_view text);

// The same, cut glyph by glyph at `clip`; recorded only when wholly inside it.
void DrawText(ImDrawList* draw, ImFont* font, float size, ImVec2 pos, ImU32 colour, std::string_view text,
              const ImVec4& clip);

// Draws `text` in `font` inside [min, max], cut with "…" (Ellipsised) when it does not fit on one line.
void DrawClippedText(ImDrawList* draw, ImFont* font, float size, ImVec2 min, ImVec2 max, ImU32 colour,
                     std::string_view text, TextCut cut = TextCut::End);

// One line from `pos` to `max_x`, cut with "…" when it does not fit, and cut at `clip`.
void DrawOneLine(ImDrawList* draw, ImFont* font, float size, ImVec2 pos, float max_x, ImU32 colour,
                 std::string_view text, const ImVec4& clip, TextCut cut = TextCut::End);

// How WrapText lays out lines.
struct WrapStyle
{
    ImVec4 clip = kNoClip;
    int max_lines = 0;                 // above zero: at most this many lines, the last cut with "…"
    float line_spacing = kLineSpacing; // line height as a multiple of the text size
    float max_y = FLT_MAX;             // no line goes below this; the last that fits is cut with "…"
    TextCut cut = TextCut::End;
};

// `text` wrapped at word boundaries to [pos.x, max_x], its own line breaks kept. Returns the height used.
float WrapText(ImDrawList* draw, ImFont* font, float size, ImVec2 pos, float max_x, ImU32 colour,
               std::string_view text, const WrapStyle& style = {});

// Draws up to `max_lines` lines of `text` wrapped to the width of [min, max], lines `size` apart, the
// last cut with "…". Returns the height used.
float DrawWrappedText(ImDrawList* draw, ImFont* font, float size, ImVec2 min, ImVec2 max, ImU32 colour,
                      std::string_view text, int max_lines, TextCut cut = TextCut::End);

// A filled rectangle cut at `clip`; a cut one loses its rounding.
void FillClipped(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 colour, float rounding, const ImVec4& clip);

} // namespace wb::widgets
