// Whole pages: a team dashboard, the plan overview, the overdue actions, and the status strip every
// page carries. Pages draw a BoardView (worked out once per snapshot and day) into a rectangle; they
// hold no state. A page with more than fits at readable sizes is shown in parts ("<id>.2", ...).
#pragma once

#include "core/board_view.h"
#include "widgets/status_strip.h"
#include "widgets/theme.h"

#include <string>
#include <vector>

namespace wb::widgets
{

// The page's title as people read it: "Early Help", "Early Help, part 2", "Overdue actions".
std::string PageTitle(const BoardView& view, const std::string& page_id);

// How page `id` (a dashboard id or "overdue", without a part number) is split on a screen of `screen`
// pixels: the tiles or rows that fit at readable sizes decide it (door text at theme.door), and the
// parts share them evenly (7 tiles on 2 parts: 4 and 3). At most kMaxPageParts parts; the last then
// counts what is left ("+ 4 more indicators").
inline constexpr int kMaxPageParts = 8;
struct PagePlan
{
    int parts = 1;
    size_t items = 0;    // tiles or rows the page has
    size_t per_part = 0; // the most tiles or rows a part shows; 0 for a page that is not split (the overview)
};
PagePlan PlanPage(const Theme& theme, const BoardView& view, const std::string& id, ImVec2 screen);

// What a tap on the page can open: the rectangles of tiles, rows and counts as drawn. Every number drawn
// with a hit opens a list of exactly that many entries ("and N more": the whole list it ends).
enum class HitKind
{
    Indicator,  // id: an indicator's id
    Action,     // id: an action's id, or a parent ref (which opens its rows)
    Changes,    // the overview's "What changed since ..." button
    Actions,    // id: an action list (core/board_view.h FindActionList): "overdue:priority:2"
    Indicators, // id: an indicator list: "off-target"
};
struct Hit
{
    ImVec2 min, max;
    HitKind kind;
    std::string id;
};
using Hits = std::vector<Hit>;
const Hit* HitAt(const Hits& hits, ImVec2 point);

// The bottom right corner of the area above the status strip, for views drawn outside DrawBoard.
ImVec2 PageArea(const Theme& theme, ImVec2 screen);

// Draws page `page_id` ("early-help", "early-help.2", "overdue") and the status strip on a screen of
// `screen` pixels, and returns what can be tapped. Without a view (no data yet) it says so.
Hits DrawBoard(ImDrawList* draw, const Theme& theme, const BoardView* view, const std::string& page_id,
               const PageContext& context, ImVec2 screen);

} // namespace wb::widgets
