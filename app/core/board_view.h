// What the pages show, worked out once per snapshot and day rather than in every frame: each
// dashboard's indicators and rolled-up actions, the overdue list, the overview's counts.
// Pure: a snapshot and a date in, a view out. The view keeps the snapshot alive.
#pragma once

#include "core/derived.h"
#include "core/model.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace wb
{

// An action with a due date, and how many days past it (negative: still to come).
struct DueAction
{
    const Action* action = nullptr;
    int days_overdue = 0;
    bool dated = true; // false: no due date (Ongoing, none), so days_overdue means nothing
};

// ---- The one way the board counts actions ----------------------------------------------------------
// An overdue action is a REF: the rows sharing a ref rolled up (RollUpByRef), overdue when any row is,
// which is what the plan reports. Every count the board or `check` shows ("5 overdue", a bar's "3
// overdue", "newly overdue") is the length of a list RefsWithRows made, and every list shows a ref as
// one entry with its rows under it.

// A ref as a list shows it.
struct DueRef
{
    std::string ref;
    std::string rag;      // rolled up over all the ref's rows in the group; empty when any is not rated
    bool overdue = false; // a row is overdue (RollUpByRef's rule)
    int days_overdue = 0; // the most of its dated rows listed (negative: due in that many days)
    bool dated = false;   // some row listed has a due date
    std::vector<DueAction> rows; // the rows listed, most days overdue first; never empty
};

enum class RefsShown
{
    Overdue,          // refs with an overdue row; their overdue rows
    OverdueOrDueSoon, // those, then refs with a row not done due within kDueSoonDays; rows that are either
    All,              // every ref, with every row, in the plan's order
};

// Days ahead that a team's list shows actions coming due.
inline constexpr int kDueSoonDays = 30;

// `rows` (one group: a team, a priority, the plan) rolled up by ref and filtered as `shown` says; overdue
// and due-soon lists are sorted most days overdue first (then soonest due).
std::vector<DueRef> RefsWithRows(const std::vector<const Action*>& rows, const Snapshot& snapshot, Date today,
                                 RefsShown shown);

// How many of `refs` are overdue: the "N overdue" every chip and bar shows.
int OverdueCount(const std::vector<DueRef>& refs);

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
        indicators;                  // in the dashboard's order; a validated snapshot names only known ids
    std::vector<const Action*> rows; // the dashboard's action rows, in its order
    std::vector<RefSummary> refs;    // the team's actions rolled up by ref
    RagCounts counts;                // counts.overdue is OverdueCount(due)
    std::vector<DueRef> due;         // RefsShown::OverdueOrDueSoon: overdue refs first, then due soon
    TargetSummary targets;           // the dashboard's indicators against target
};

struct PriorityView
{
    const Priority* priority = nullptr;
    RagCounts counts;                // counts.overdue is OverdueCount(overdue)
    std::vector<const Action*> rows; // the priority's action rows, in the plan's order
    std::vector<DueRef> overdue;     // its overdue refs, most days first
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
    std::vector<DueRef> overdue;           // the whole plan's overdue refs, most days first
    std::vector<PriorityView> priorities;  // in the plan's order
    std::vector<OffTarget> off_target;     // worst first
    TargetSummary targets;                 // the whole plan's indicators against target

    const DashboardView* FindDashboard(const std::string& id) const;
};

BoardView BuildBoardView(std::shared_ptr<const Snapshot> snapshot, Date today);

// What a list view shows: refs with their rows, or indicators.
struct ListView
{
    std::string title;                        // "Priority 2: Workforce", "Front Door: overdue"
    std::vector<DueRef> refs;                 // for an action list
    std::vector<const Indicator*> indicators; // for an indicator list
    std::string empty_words;                  // what to say when both are empty
};

// The list a list view id names, as navigation's ViewKind::Actions and ViewKind::Indicators carry it:
//   actions:  [overdue: | due:] [priority:<id> | <dashboard>] [:rating:<code>]   ("" code: not rated)
//     "overdue" (the plan's overdue refs), "overdue:priority:2", "overdue:front-door",
//     "due:front-door" (the team's overdue and due soon), "priority:2", "priority:2:rating:OT",
//     "front-door:rating:OT", "ref:3.3" (every row of a ref, one entry per row);
//   indicators: "off-target".
// Empty when the id names nothing in this plan (an unknown priority, dashboard or ref).
std::optional<ListView> FindActionList(const BoardView& view, const std::string& id);
std::optional<ListView> FindIndicatorList(const BoardView& view, const std::string& id);

} // namespace wb
