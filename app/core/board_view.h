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

// Indicators by where they stand against the target in force for their latest month. Each indicator is in
// exactly one count. "No figures yet" is its own state: an indicator with nothing measured is never counted
// as on target, nor as having no target.
struct TargetSummary
{
    int met = 0;
    int near = 0;
    int missed = 0;
    int no_figures = 0; // nothing measured yet (no number; for a measure in words, no words either)
    int in_words = 0;   // a target in words, or a measure in words: shown, never judged
    int no_target = 0;  // figures, but Monitor, TBC or no target
    int total = 0;

    int Judged() const { return met + near + missed; }
};

TargetSummary CountAgainstTarget(const std::vector<const Indicator*>& indicators);

// The counts as a line a person reads, the same on the board and in `wallboard-publish check`:
// "2 on target · 1 near · 3 off target · 38 with no figures yet · 32 with no target". Counts of 0 are left
// out; no indicators: "no indicators".
std::string TargetSummaryInWords(const TargetSummary& summary);

// What to say when no indicator is off target, honestly: "Every indicator measured against its target
// is on or near it." only when some were measured; "No figures yet: none of the 38 indicators with a
// target has been measured." when none was.
std::string NothingOffTargetInWords(const TargetSummary& summary);

struct DashboardView
{
    const Dashboard* dashboard = nullptr;
    std::vector<const Indicator*>
        indicators;               // in the dashboard's order; a validated snapshot names only known ids
    std::vector<RefSummary> refs; // the team's actions rolled up by ref
    RagCounts counts;
    std::vector<DueAction> due; // overdue (most days first), then due within 30 days; done actions left out
    TargetSummary targets;      // the dashboard's indicators against target
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
    TargetSummary targets;                 // the whole plan's indicators against target

    const DashboardView* FindDashboard(const std::string& id) const;
};

// Days ahead that a team's list shows actions coming due.
inline constexpr int kDueSoonDays = 30;

BoardView BuildBoardView(std::shared_ptr<const Snapshot> snapshot, Date today);

} // namespace wb
