// What the two detail views of the touch drill-down (and views drawn elsewhere, like "what changed")
// share: the rectangles a tap can hit, the Back and Home controls, the title block, label-and-value facts,
// rows naming actions, the scroll bar, and the frame each view starts with. Draw-list only: data and a
// rectangle in, hits out; nothing is stored.
#pragma once

#include "core/model.h"
#include "widgets/theme.h"

#include <string>
#include <vector>

namespace wb::widgets
{

// A row naming an action; a tap on it opens that action's detail. Only the visible part is given.
struct ActionHit
{
    ImVec2 min, max;
    std::string action_id;
};

// What a detail view drew that the caller hit-tests and scrolls.
struct DetailHits
{
    ImVec2 back_min, back_max; // the Back control: max(12 mm, 2.5 em) square
    ImVec2 home_min, home_max; // the Home control, beside it
    std::vector<ActionHit> actions;
    float content_height = 0; // pixels of the scrolling area's content
    float view_height = 0;    // pixels of the area it scrolls in

    // The largest useful `scroll`: the caller clamps its offset to [0, MaxScroll()].
    float MaxScroll() const { return content_height > view_height ? content_height - view_height : 0.0f; }
};

enum class DetailTapKind
{
    None,
    Back,
    Home,
    Action, // DetailTap::action_id names it
};

struct DetailTap
{
    DetailTapKind kind = DetailTapKind::None;
    std::string action_id;
};

// What a tap at `point` hit in a view drawn this frame.
DetailTap HitTestDetail(const DetailHits& hits, ImVec2 point);

// The side of the Back and Home controls: 12 mm at least, so a finger finds them, and 2.5 em.
float DetailControlSize(const Theme& theme, float px_per_mm);

// Back and Home at `at` (top left of a view), for views drawn elsewhere ("what changed"). Returns their
// rectangles; the view's content may start below `back_max.y`.
DetailHits DrawDetailControls(ImDrawList* draw, const Theme& theme, float px_per_mm, ImVec2 at);

// ---- For the views ----------------------------------------------------------------------------------

// What both detail views start with: the background, a clip to the view, Back and Home at the top left.
struct DetailFrame
{
    ImVec4 clip;
    ImVec2 inner_min, inner_max;
    float title_x; // where the title may start, right of the controls
};

// Pushes a clip rectangle for the view (the caller pops it), fills the background and draws Back and Home
// into `hits`.
DetailFrame BeginDetail(ImDrawList* draw, const Theme& theme, float px_per_mm, ImVec2 min, ImVec2 max,
                        DetailHits& hits);

// A title of up to two lines with a line of context under it. Returns the height used.
float TitleBlock(ImDrawList* draw, const Theme& theme, const std::string& title, float title_size,
                 const std::string& context, ImVec2 pos, float max_x, const ImVec4& clip);

struct Fact
{
    std::string label;
    std::string value;
    ImU32 colour = 0; // 0: the theme's text colour
};

// Label and value rows; a row that does not fit whole is left out. With `draw` null, only measures.
// Returns the height used.
float Facts(ImDrawList* draw, const Theme& theme, const std::vector<Fact>& facts, ImVec2 min, ImVec2 max,
            const ImVec4& clip);

// The badge and ref columns of a list of action rows, so that every code and ref shows whole.
struct RowColumns
{
    float badge = 0;
    float id = 0;
};

RowColumns ColumnsFor(const Theme& theme, const Snapshot& s, const std::vector<const Action*>& rows,
                      float row_height, float width);

// A tappable row naming an action: badge, id, its text on one line. Recorded in `hits` where visible.
void ActionRow(ImDrawList* draw, const Theme& theme, const Snapshot& s, const Action& a, ImVec2 min,
               ImVec2 max, const RowColumns& columns, const ImVec4& clip, DetailHits& hits);

// A thin bar beside a scrolling area, from `top` to `bottom` at `x`, when there is more than fits.
void ScrollBar(ImDrawList* draw, const Theme& theme, float x, float top, float bottom, const DetailHits& hits,
               float scroll, const ImVec4& clip);

} // namespace wb::widgets
