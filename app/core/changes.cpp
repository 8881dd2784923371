// Comparing two snapshots: rating changes, newly overdue actions, target crossings, largest moves.
#include "core/changes.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

namespace wb
{

namespace
{

template <typename T>
std::unordered_map<std::string, const T*> ById(const std::vector<T>& items)
{
    std::unordered_map<std::string, const T*> index;
    for (const T& item : items)
        index.emplace(item.id, &item);
    return index;
}

RatingMove MoveOf(const std::vector<RagLevel>& before_key, const std::string& from,
                  const std::vector<RagLevel>& after_key, const std::string& to)
{
    const int from_rank = RagRank(before_key, from);
    const int to_rank = RagRank(after_key, to);
    if (to_rank == from_rank)
        return RatingMove::Unclear;
    return to_rank > from_rank ? RatingMove::TowardsDone : RatingMove::AwayFromDone;
}

// Missed < Near < Met; anything else has no place on that scale.
int StatusRank(TargetStatus status)
{
    switch (status)
    {
    case TargetStatus::Missed:
        return 0;
    case TargetStatus::Near:
        return 1;
    case TargetStatus::Met:
        return 2;
    case TargetStatus::NoTarget:
    case TargetStatus::NoValue:
        break;
    }
    return -1;
}

// The same resolution as DirectionOfTravel: below it, a figure did not move.
bool SameValue(double a, double b)
{
    return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

} // namespace

Changes CompareSnapshots(const Snapshot& before, const Snapshot& after, Date today,
                         const ChangeOptions& options)
{
    Changes changes;
    changes.since = before.plan.as_of;
    changes.today = today;

    // ---- Actions ----
    const auto before_actions = ById(before.actions);
    const auto after_actions = ById(after.actions);
    for (const Action& a : after.actions)
    {
        const auto found = before_actions.find(a.id);
        const Action* old = found == before_actions.end() ? nullptr : found->second;
        if (!old)
            changes.added.push_back(&a);
        else if (old->rag != a.rag)
            changes.ratings.push_back(
                {&a, old->rag, a.rag, MoveOf(before.rag_key, old->rag, after.rag_key, a.rag)});
    }
    // Newly overdue refs, counted as the board counts them (RefsWithRows): overdue now, but not overdue in
    // `before` as of its own date.
    const auto rows_of = [](const Snapshot& s)
    {
        std::vector<const Action*> rows;
        for (const Action& a : s.actions)
            rows.push_back(&a);
        return rows;
    };
    std::set<std::string> overdue_before;
    for (const DueRef& ref : RefsWithRows(rows_of(before), before, before.plan.as_of, RefsShown::Overdue))
        overdue_before.insert(ref.ref);
    for (DueRef& ref : RefsWithRows(rows_of(after), after, today, RefsShown::Overdue))
        if (!overdue_before.contains(ref.ref))
            changes.newly_overdue.push_back(std::move(ref));
    for (const Action& a : before.actions)
        if (!after_actions.contains(a.id))
            changes.removed.push_back(a.id);
    std::stable_partition(changes.ratings.begin(), changes.ratings.end(),
                          [](const RatingChange& r) { return r.move == RatingMove::AwayFromDone; });

    // ---- Indicators ----
    const auto before_indicators = ById(before.indicators);
    std::vector<IndicatorChange> moves;
    for (const Indicator& ind : after.indicators)
    {
        const auto found = before_indicators.find(ind.id);
        if (found == before_indicators.end())
            continue;
        const Indicator& old = *found->second;
        const PeriodValue* old_latest = LatestValue(old);
        const PeriodValue* latest = LatestValue(ind);
        if (!old_latest || !latest)
            continue;
        IndicatorChange change;
        change.indicator = &ind;
        change.before = *old_latest->value;
        change.before_period = old_latest->period;
        change.after = *latest->value;
        change.after_period = latest->period;
        change.from = StatusAgainstTarget(old, options.target);
        change.to = StatusAgainstTarget(ind, options.target);
        const bool has_target = ind.target.kind == TargetKind::Value && std::fabs(ind.target.value) > 0;
        const double base = std::max(1.0, std::fabs(has_target ? ind.target.value : change.before));
        change.share = std::fabs(change.after - change.before) / base;

        const int from_rank = StatusRank(change.from);
        const int to_rank = StatusRank(change.to);
        if (from_rank >= 0 && to_rank >= 0 && from_rank != to_rank)
        {
            IndicatorChange crossing = change;
            crossing.good = to_rank > from_rank;
            changes.crossed.push_back(crossing);
        }
        if (ind.polarity != Polarity::Monitor && !SameValue(change.before, change.after))
        {
            const bool up = change.after > change.before;
            change.good = up == (ind.polarity == Polarity::HigherIsBetter);
            moves.push_back(change);
        }
    }
    std::stable_partition(changes.crossed.begin(), changes.crossed.end(),
                          [](const IndicatorChange& c) { return !c.good; });
    std::stable_sort(moves.begin(), moves.end(),
                     [](const IndicatorChange& a, const IndicatorChange& b) { return a.share > b.share; });
    if (moves.size() > options.moved_most)
        moves.resize(options.moved_most);
    changes.moved = std::move(moves);
    return changes;
}

} // namespace wb
