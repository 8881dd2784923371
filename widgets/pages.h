// Whole pages: a team dashboard, and the status strip every page carries.
// Pages take the snapshot, the local context and a rectangle; they hold no state.
#pragma once

#include "core/model.h"
#include "widgets/theme.h"

#include <string>

namespace wb::widgets
{

// What the page knows of the world outside the snapshot.
struct PageContext
{
    Date today{};
    std::string clock;       // "14:02"
    std::string status_line; // "Synced 14:02 · figures as of 17 Apr 2023"
    std::string
        warning; // when not empty, shown large: "Offline since 14:02 — showing data from Monday 09:00"
    bool warning_severe = false;  // the feed is failing (red, figures dimmed), not just figures that are late
    double rotation_progress = 0; // 0..1 of the page's dwell used
};

// "17 Apr 2023".
std::string FormatLongDate(Date date);

// A team dashboard: header, RAG counts for the team's actions, a grid of indicator tiles (as many as fit
// at readable sizes; the rest are counted), and the team's overdue and due-soon actions.
void DrawDashboardPage(ImDrawList* draw, const Theme& theme, const Snapshot& snapshot,
                       const Dashboard& dashboard, const PageContext& context, ImVec2 min, ImVec2 max);

// The plan overview for the improvement board: each priority's actions by rating as a bar, its overdue
// count, and the indicators off target.
void DrawOverviewPage(ImDrawList* draw, const Theme& theme, const Snapshot& snapshot,
                      const Dashboard& dashboard, const PageContext& context, ImVec2 min, ImVec2 max);

// Every overdue action of the plan: ref, action, lead, due date, days overdue, rating.
void DrawOverduePage(ImDrawList* draw, const Theme& theme, const Snapshot& snapshot,
                     const PageContext& context, ImVec2 min, ImVec2 max);

// The strip at the foot of every page: sync state and data age, the rotation cue, and the warning.
// Returns the height it used.
float DrawStatusStrip(ImDrawList* draw, const Theme& theme, const PageContext& context, ImVec2 min,
                      ImVec2 max);

} // namespace wb::widgets
