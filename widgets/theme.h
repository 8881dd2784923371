// Colours, sizes and small drawing helpers shared by every widget. Sizes are multiples of the body
// font size, never literal pixels.
#pragma once

#include "core/derived.h"
#include "core/model.h"

#include <imgui.h>

#include <string>
#include <string_view>

namespace wb::widgets
{

struct Theme
{
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* value = nullptr;
    float em = 20.0f; // the body font's size in pixels: the unit of every size

    ImU32 background = IM_COL32(18, 18, 20, 255);
    ImU32 panel = IM_COL32(34, 36, 40, 255);
    ImU32 text = IM_COL32(235, 235, 235, 255);
    ImU32 dim_text = IM_COL32(160, 164, 170, 255);
    ImU32 good =
        IM_COL32(64, 170, 230, 255);         // blue, not green: tells apart from bad without red-green vision
    ImU32 bad = IM_COL32(240, 128, 40, 255); // orange
    ImU32 warning_fill = IM_COL32(200, 40, 40, 255);
    float dim = 1.0f; // 1 normally; below 1 dims figures when the data is stale
};

// "#C0392B" -> colour; grey when the text is not a colour.
ImU32 ColourFromHex(std::string_view hex, float alpha = 1.0f);

// Black or white, whichever reads better on `fill`.
ImU32 TextOn(ImU32 fill);

// Multiplies a colour's alpha (for dimming stale figures).
ImU32 Faded(ImU32 colour, float factor);

// Draws `text` in `font` inside [min, max], cut with "…" when it does not fit on one line.
void DrawClippedText(ImDrawList* draw, ImFont* font, float size, ImVec2 min, ImVec2 max, ImU32 colour,
                     std::string_view text);

// Draws up to `max_lines` lines of `text` wrapped to the width of [min, max], the last cut with "…".
// Returns the height used.
float DrawWrappedText(ImDrawList* draw, ImFont* font, float size, ImVec2 min, ImVec2 max, ImU32 colour,
                      std::string_view text, int max_lines);

// "12 days overdue", "due today", "due in 3 days".
std::string DaysOverdueInWords(int days_overdue);

// "ON TARGET", "NEAR TARGET", "OFF TARGET" (as a tile's badge says it); empty without a target or a figure.
std::string TargetStatusWords(TargetStatus status);

// An action row's text in short: its action text, or its desired outcome when the row has none.
const std::string& ActionSummary(const Action& action);

// A RAG badge: the plan's colour with the plan's code on it, so it reads without colour.
void DrawRagBadge(ImDrawList* draw, const Theme& theme, ImVec2 min, ImVec2 max, const RagLevel* level);

} // namespace wb::widgets
