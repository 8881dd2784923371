// Colours, sizes and small drawing helpers shared by every widget. Sizes are multiples of the body
// font size, never literal pixels.
#pragma once

#include "core/derived.h"
#include "core/model.h"
#include "core/wording.h"
#include "widgets/text.h"

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace wb::widgets
{

struct Theme
{
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* value = nullptr;
    float em = 20.0f;   // the body font's size in pixels: the unit of every size
    float door = 40.0f; // px size of text read from across the room: cap height >= viewing distance / 200

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

// Burn-in care: a large area in a status or RAG colour (a tile's status, a bar, the strip's warning) is
// filled with this dark tint of it, a quarter of the colour over the background, and carries the colour
// itself in a band, an outline or its words. A TV left on for months ages under a bright saturated block.
ImU32 DarkTint(const Theme& theme, ImU32 colour);

// ---- Codes and refs: one decision each, shared by every page ---------------------------------

// The size of the code on a badge `height` pixels tall.
float BadgeTextSize(const Theme& theme, float height);

// The form of a level's code that fits `width` at `size` in bold: the code whole when it fits, else its
// short form. The one decision every badge, legend, bar and list makes. When neither fits, the shorter
// of the two (a caller sizes its badges with BadgeWidth first, so that never happens). "?" for no level.
const std::string& CodeToFit(const Theme& theme, const RagLevel* level, float size, float width);

// The width of a badge `height` tall for `level`, given at most `most` pixels: at least square, and wide
// enough for CodeToFit(most) whole (wider than `most` when a long code has no short form).
float BadgeWidth(const Theme& theme, const RagLevel* level, float height, float most);

// One width for every badge of a list, so its refs line up: the widest BadgeWidth over the key and
// "not rated".
float BadgeColumnWidth(const Theme& theme, const std::vector<RagLevel>& key, float height, float most);

// A RAG badge: the plan's colour with the plan's code on it (whole, or its short form where the whole
// does not fit), so it reads without colour. Cut at `clip` when given (a badge in a scrolling area).
void DrawRagBadge(ImDrawList* draw, const Theme& theme, ImVec2 min, ImVec2 max, const RagLevel* level,
                  const ImVec4* clip = nullptr);

// The width a column needs to show every one of `refs` whole in bold at `size`, at most `most`.
float RefColumnWidth(const Theme& theme, float size, const std::vector<std::string_view>& refs, float most);

// A ref drawn whole from `pos`: at `size` when it fits `width`, else smaller; never cut.
void DrawRef(ImDrawList* draw, const Theme& theme, ImVec2 pos, float width, float size, ImU32 colour,
             std::string_view ref);

// ---- Layout record, for tests ----------------------------------------------------------------------

enum class TextRole
{
    Plain,
    Code, // a RAG code or its short form
    Ref,  // an action's ref or id
};

// Who reads a text: from across the room (door text: a tile's figure, status and short name, the page
// title, the strip's warning; its cap height is at least the viewing distance / 200), or at the screen.
enum class TextClass
{
    Meeting,
    Door,
};

struct DrawnText
{
    ImVec2 min, max;
    std::string shown;
    std::string whole;       // what the caller asked for; for a code, the code itself
    std::string alternative; // for a code, its short form
    TextRole role = TextRole::Plain;
    TextClass text_class = TextClass::Meeting;
    const ImFont* font = nullptr; // as drawn, so a test can measure its glyphs
    float size = 0;
};

struct DrawnBadge
{
    ImVec2 min, max;
};

struct LayoutRecord
{
    std::vector<DrawnText> texts;
    std::vector<DrawnBadge> badges;
};

// While one is alive, every text and badge the widgets draw on this thread is recorded with its
// rectangle, so tests can check from the layout that nothing is cut or overlaps. Never used on the wall.
class LayoutRecorder
{
  public:
    LayoutRecorder();
    ~LayoutRecorder();
    LayoutRecorder(const LayoutRecorder&) = delete;
    LayoutRecorder& operator=(const LayoutRecorder&) = delete;
    const LayoutRecord& Record() const { return m_record; }
    void Clear() { m_record = {}; }

  private:
    LayoutRecord m_record;
    LayoutRecord* m_previous = nullptr;
};

// While one is alive, every text drawn on this thread is door text (TextClass::Door): a widget marks
// what it draws for the door, and a test checks those sizes from the layout.
class DoorText
{
  public:
    DoorText();
    ~DoorText();
    DoorText(const DoorText&) = delete;
    DoorText& operator=(const DoorText&) = delete;

  private:
    bool m_previous;
};

// Whether a LayoutRecorder is alive on this thread (to skip measuring when not).
bool Recording();

// For the widgets: records a text drawn at `pos` (a no-op unless a LayoutRecorder is alive).
void RecordText(ImFont* font, float size, ImVec2 pos, std::string_view shown, std::string_view whole,
                TextRole role = TextRole::Plain, std::string_view alternative = {});
void RecordBadge(ImVec2 min, ImVec2 max);

} // namespace wb::widgets
