// The two detail views of the touch drill-down (issue 5): one indicator with the whole history the cache
// holds, and one action row in full. Draw-list only, like pages: data and a rectangle in, the rectangles
// a tap can hit out; nothing is stored. Each view has a large Back and Home control at its top left and
// one area that scrolls (the indicator's month-by-month table; the action's body), clipped on the CPU so
// that nothing drawn ever leaves the rectangle.
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

// The measure basis in words: "in month", "month-end snapshot", "rolling 12 months", "year to date",
// "to date", "basis not stated".
std::string DescribeBasis(MeasureBasis basis);

// Actions whose outcome, text or evidence names the indicator: its full name (any case), or
// "indicator 12", "indicators 12" or "PI 12" with the id as a whole word. In plan order.
std::vector<const Action*> ActionsMentioning(const Snapshot& snapshot, const Indicator& indicator);

// An indicator in full: a chart of `history` (oldest first; the cache may hold more than the snapshot's
// series, which is used when `history` is empty) with its target and comparator lines labelled and
// placeholders shown as gaps with their text; the measure basis, unit, polarity, target, comparators,
// MTFP link and flags in words; the actions in `mentioned_by` as tappable rows; and every month's value
// in a table, newest first, which `scroll` (pixels) moves.
DetailHits DrawIndicatorDetail(ImDrawList* draw, const Theme& theme, const Snapshot& snapshot,
                               const Indicator& indicator, const std::vector<PeriodValue>& history,
                               const std::vector<const Action*>& mentioned_by, float px_per_mm, float scroll,
                               ImVec2 min, ImVec2 max);

// An action row in full: ref and priority, the priority-action flag, its rating with the plan's own
// definition, the due date with days overdue or left as of `today`, lead, inspection refs (these stay
// in view), then the desired outcome, the full action text, the evidence-of-progress notes newest first
// and the other rows sharing its ref as tappable rows, which `scroll` (pixels) moves.
DetailHits DrawActionDetail(ImDrawList* draw, const Theme& theme, const Snapshot& snapshot,
                            const Action& action, Date today, float px_per_mm, float scroll, ImVec2 min,
                            ImVec2 max);

} // namespace wb::widgets
