// The status strip at the foot of every page, and what a page knows of the world outside the snapshot
// (PageContext). One line, left to right: the warning (its headline, up to the first ':', ' — ', ' since '
// or ' for ', at door size; the rest at body size), the sync time (and the date the
// board is set to, when it is set), then the rotation cue at the right, and the cue's progress bar.
// When the line does not fit, it is shortened in this order, and no further:
//   1. the status line's later parts are dropped ("· figures as of 17 Apr 2023": the header says it);
//   2. the next page's title is shortened in the middle, to no less than 10 em ("Initial R…am");
//   3. the warning's explanation after " — " is dropped ("showing data from Monday 09:00 (…)");
//   4. the next page's title is shortened further, to "…" at the least ("Next: … in 12 s");
//   5. the warning's detail is cut at its end, and only when there is no room for any of it, the headline.
// The sync time, the set date and the countdown are never dropped: they are short, and they are what a
// person checks the warning against.
#pragma once

#include "core/date.h"
#include "widgets/theme.h"

#include <string>

namespace wb::widgets
{

// What the page knows of the world outside the snapshot.
struct PageContext
{
    Date today{};
    std::string clock;       // "14:02"
    std::string status_line; // "Synced 14:02 · figures as of 17 Apr 2023"; parts after the first go first
    // The date the board measures against when it is set, not the calendar's: "as of Thu 20 Apr 2023
    // (set)"; empty when the board runs on today's date.
    std::string today_set;
    // When not empty, shown large: "Offline since 14:02 — showing data from Monday 09:00 (3 hours old)".
    std::string warning;
    bool warning_severe =
        false; // the feed is failing or the data is old (red), not just late figures (amber)
    double rotation_progress = 0; // 0..1 of the page's dwell used
    std::string next_page;        // the rotation cue in words, "Next: Early Help in 12 s"; empty when pinned
    std::string next_title;       // the page named in next_page ("Early Help"): shortened first; may be empty
    std::string
        changes_since; // "17 Mar 2023": the overview offers "What changed since"; empty: no earlier data
};

// The strip's height in pixels: with a warning it is a line of door-sized text.
float StatusStripHeight(const Theme& theme, bool warning);

// The strip as it will be drawn across `width` pixels: the words chosen after shortening, and where.
struct StripLayout
{
    float height = 0;
    std::string warning;        // the headline, read from the door: "⚠ Offline"; empty without a warning
    std::string warning_detail; // the rest, read at the screen: ": cannot connect to the feed server (…)"
    std::string status;         // "Synced 14:02"
    std::string cue;            // "Next: Early Help in 12 s"
    float warning_x = 0, warning_max_x = 0, detail_x = 0, detail_max_x = 0, status_x = 0,
          cue_x = 0; // from the strip's left edge
};
StripLayout LayOutStatusStrip(const Theme& theme, const PageContext& context, float width);

// Draws the strip along the foot of [min, max]. Returns the height it used.
float DrawStatusStrip(ImDrawList* draw, const Theme& theme, const PageContext& context, ImVec2 min,
                      ImVec2 max);

} // namespace wb::widgets
