// What the pages show, worked out once per snapshot and day rather than in every frame: each
// dashboard's indicators and rolled-up actions, the overdue list, the overview's counts.
// Pure: a snapshot and a date in, a view out. The view keeps the snapshot alive.
#pragma once

#include "core/derived.h"
#include "core/model.h"

#include <memory>
#include <string>
#include <vector>

namespace wb
{

// An action with a due date, and how many days past it (negative: still to come).
struct DueAction
{
    const Action* action = nullptr;
    int days_overdue = 0;
};

struct DashboardView
{
    const Dashboard* dashboard = nullptr;
    std::vector<const Indicator*>
        indicators;               // in the dashboard's order; a validated snapshot names only known ids
    std::vector<RefSummary> refs; // the team's actions rolled up by ref
    RagCounts counts;
    std::vector<DueAction> due; // overdue (most days first), then due within 30 days; done actions left out
};

struct PriorityView
{
    const Priority* priority = nullptr;
    RagCounts counts;
};

// An indicator off target, and how far as a share of its target.
struct OffTarget
{
    const Indicator* indicator = nullptr;
    double gap = 0;
};

struct BoardView
{
    std::shared_ptr<const Snapshot> snapshot;
    Date today{};
    std::vector<DashboardView> dashboards; // aligned with snapshot->dashboards
    std::vector<DueAction> overdue;        // the whole plan's overdue actions, most days first
    std::vector<PriorityView> priorities;  // in the plan's order
    std::vector<OffTarget> off_target;     // worst first

    const DashboardView* FindDashboard(const std::string& id) const;
};

// Days ahead that a team's list shows actions coming due.
inline constexpr int kDueSoonDays = 30;

BoardView BuildBoardView(std::shared_ptr<const Snapshot> snapshot, Date today);

} // namespace wb
