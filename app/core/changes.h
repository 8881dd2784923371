// What changed between two snapshots of the same plan, for the improvement board's monthly question:
// which actions changed rating, which fell overdue, which indicators crossed their target or moved most.
// Pure: two snapshots and "today" in, lists out.
//
// Lifetimes: Action and Indicator pointers point into `after` and stay valid while the caller holds it;
// everything taken from `before` (old codes, old figures, removed ids) is copied, so `before` may go.
#pragma once

#include "core/board_view.h"
#include "core/derived.h"
#include "core/model.h"

#include <cstddef>
#include <string>
#include <vector>

namespace wb
{

enum class RatingMove
{
    TowardsDone,  // further along the plan's key (least complete first)
    AwayFromDone, // back down the key, or a rating cleared (not rated counts as least complete)
    Unclear,      // both codes outside the key: the snapshot was not validated
};

// An action, matched by Action::id, whose rating differs between the snapshots.
struct RatingChange
{
    const Action* action = nullptr; // in `after`
    std::string from;               // the code in `before`; empty when not rated
    std::string to;                 // the code in `after` (action->rag); empty when not rated
    RatingMove move = RatingMove::Unclear;
};

// One indicator's latest figure in each snapshot, and how its status against target moved.
struct IndicatorChange
{
    const Indicator* indicator = nullptr; // in `after`
    double before = 0;                    // the latest value in `before`
    Period before_period{};
    double after = 0; // the latest value in `after`
    Period after_period{};
    TargetStatus from = TargetStatus::NoTarget; // status against target in `before`
    TargetStatus to = TargetStatus::NoTarget;   // and in `after`
    // |after - before| over the target, or over the earlier value when the target is not a number or is 0;
    // the divisor is at least 1 (a unit, a percentage point) so a move away from 0 stays finite.
    double share = 0;
    bool good = false; // crossings: the status improved; moves: the value went the way polarity wants
};

struct Changes
{
    Date since{}; // before.plan.as_of
    Date today{};
    // Away from done first, then towards; each in the plan's order. Actions new in `after` are not
    // listed here even when rated: they are in `added`.
    std::vector<RatingChange> ratings;
    std::vector<const Action*> added; // in `after` only, in the plan's order
    std::vector<std::string> removed; // ids of actions in `before` only
    // Refs overdue as of `today` in `after` (RefsWithRows, as the board counts them), but not overdue in
    // `before` as of before.plan.as_of (judged by that snapshot's own due dates and ratings). A ref new in
    // `after` that is already overdue is listed: it was on no overdue list before. Most days overdue first.
    std::vector<DueRef> newly_overdue;
    // Status against target changed between Met, Near and Missed (either way); worse first, then better,
    // each in the plan's order. A first figure (no value before) or a target newly set (TBC before) is
    // not a crossing.
    std::vector<IndicatorChange> crossed;
    // The largest moves of the latest value, largest share first, at most ChangeOptions::moved_most.
    // Monitor-only indicators are left out (no target and no good direction to judge a move by; their
    // volumes swing most and would crowd out the rest), as are indicators lacking a figure on either
    // side (placeholders only) and those whose figure did not move. A crossed indicator may also be listed
    // here.
    std::vector<IndicatorChange> moved;
};

struct ChangeOptions
{
    size_t moved_most = 5; // rows in Changes::moved
    TargetOptions target;  // the amber band that tells Near from Missed
};

// Compares two snapshots of the same plan (the caller checks plan.id). `today` is the date the board
// shows: usually the current date, which may be later than after.plan.as_of.
Changes CompareSnapshots(const Snapshot& before, const Snapshot& after, Date today,
                         const ChangeOptions& options = {});

} // namespace wb
