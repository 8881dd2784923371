// Derived figures: direction of travel, status against target, overdue actions, rating counts.
#include "core/derived.h"

#include <algorithm>
#include <cmath>

namespace wb
{

const PeriodValue* LatestValue(const Indicator& indicator)
{
    for (auto it = indicator.series.rbegin(); it != indicator.series.rend(); ++it)
        if (it->value)
            return &*it;
    return nullptr;
}

Travel DirectionOfTravel(const Indicator& indicator)
{
    const PeriodValue* latest = nullptr;
    const PeriodValue* previous = nullptr;
    for (auto it = indicator.series.rbegin(); it != indicator.series.rend() && !previous; ++it)
    {
        if (!it->value)
            continue;
        (latest ? previous : latest) = &*it;
    }
    Travel travel;
    if (!previous)
        return travel;
    travel.from = previous->period;
    travel.to = latest->period;
    travel.change = *latest->value - *previous->value;
    // Values are printed to one decimal place; a difference below that resolution is no change.
    const double tolerance = 1e-9 * std::max({1.0, std::fabs(*latest->value), std::fabs(*previous->value)});
    if (std::fabs(travel.change) <= tolerance)
    {
        travel.direction = Direction::Level;
        return travel;
    }
    travel.direction = travel.change > 0 ? Direction::Up : Direction::Down;
    if (indicator.polarity == Polarity::HigherIsBetter)
        travel.good = travel.direction == Direction::Up;
    else if (indicator.polarity == Polarity::LowerIsBetter)
        travel.good = travel.direction == Direction::Down;
    return travel;
}

std::optional<double> TargetFor(const Indicator& indicator, Period period)
{
    const Target& target = indicator.target;
    if (target.kind != TargetKind::Value)
        return std::nullopt;
    if (target.steps.empty())
        return target.value;
    const Date month_end = LastDayOfMonth(period);
    for (const TargetStep& step : target.steps)
        if (!step.by || *step.by >= month_end)
            return step.value;
    return target.steps.back().value;
}

TargetStatus StatusAgainstTarget(const Indicator& indicator, const TargetOptions& options)
{
    const TargetSense sense = indicator.target.sense;
    if (indicator.target.kind != TargetKind::Value ||
        (indicator.polarity == Polarity::Monitor && sense == TargetSense::FromPolarity))
        return TargetStatus::NoTarget;
    const PeriodValue* latest = LatestValue(indicator);
    if (!latest)
        return TargetStatus::NoValue;
    const double value = *latest->value;
    const double target = *TargetFor(indicator, latest->period);
    const double band = std::fabs(target) * options.amber_band;
    const bool higher_is_better = sense == TargetSense::FromPolarity
                                      ? indicator.polarity == Polarity::HigherIsBetter
                                      : sense == TargetSense::AtLeast || sense == TargetSense::Above;
    const bool strict = sense == TargetSense::Above || sense == TargetSense::Below;
    if (higher_is_better)
    {
        if (strict ? value > target : value >= target)
            return TargetStatus::Met;
        return value >= target - band ? TargetStatus::Near : TargetStatus::Missed;
    }
    if (strict ? value < target : value <= target)
        return TargetStatus::Met;
    return value <= target + band ? TargetStatus::Near : TargetStatus::Missed;
}

std::optional<Date> NextMilestone(const Due& due, Date today)
{
    if (due.milestones.empty())
        return due.date;
    for (const Date& date : due.milestones)
        if (date >= today)
            return date;
    return due.milestones.back();
}

std::optional<Date> EffectiveDueDate(const Action& action, const PlanInfo& plan)
{
    switch (action.due.kind)
    {
    case DueKind::OnDate:
        return action.due.date;
    case DueKind::Immediate:
        return plan.start;
    case DueKind::Ongoing:
    case DueKind::None:
        break;
    }
    return std::nullopt;
}

int RagRank(const std::vector<RagLevel>& key, const std::string& code)
{
    for (size_t i = 0; i < key.size(); ++i)
        if (key[i].code == code)
            return static_cast<int>(i);
    return -1;
}

const RagLevel* LevelOf(const Snapshot& snapshot, const std::string& code)
{
    const int rank = RagRank(snapshot.rag_key, code);
    return rank < 0 ? nullptr : &snapshot.rag_key[static_cast<size_t>(rank)];
}

bool IsDone(const Action& action, const std::vector<RagLevel>& key)
{
    const int rank = RagRank(key, action.rag);
    return rank >= 0 && key[static_cast<size_t>(rank)].done;
}

std::optional<int> DaysOverdue(const Action& action, const PlanInfo& plan, Date today)
{
    const auto due = EffectiveDueDate(action, plan);
    if (!due)
        return std::nullopt;
    return DaysBetween(*due, today);
}

bool IsOverdue(const Action& action, const Snapshot& snapshot, Date today)
{
    const auto days = DaysOverdue(action, snapshot.plan, today);
    return days && *days > 0 && !IsDone(action, snapshot.rag_key);
}

std::vector<RefSummary> RollUpByRef(const std::vector<const Action*>& rows, const Snapshot& snapshot,
                                    Date today)
{
    std::vector<RefSummary> refs;
    std::map<std::string, size_t> index;
    for (const Action* row : rows)
    {
        auto [it, inserted] = index.try_emplace(row->ref, refs.size());
        if (inserted)
        {
            RefSummary& summary = refs.emplace_back();
            summary.ref = row->ref;
            summary.priority = row->priority;
            summary.rag = row->rag;
        }
        RefSummary& summary = refs[it->second];
        summary.rows.push_back(row);
        if (RagRank(snapshot.rag_key, row->rag) < RagRank(snapshot.rag_key, summary.rag))
            summary.rag = RagRank(snapshot.rag_key, row->rag) < 0 ? std::string() : row->rag;
        summary.overdue = summary.overdue || IsOverdue(*row, snapshot, today);
    }
    return refs;
}

RagCounts CountRatings(const std::vector<RefSummary>& refs, const Snapshot& snapshot)
{
    RagCounts counts;
    counts.by_level.assign(snapshot.rag_key.size(), 0);
    for (const RefSummary& ref : refs)
    {
        const int rank = RagRank(snapshot.rag_key, ref.rag);
        if (rank < 0)
            ++counts.not_rated;
        else
            ++counts.by_level[static_cast<size_t>(rank)];
        counts.overdue += ref.overdue ? 1 : 0;
        ++counts.total;
    }
    return counts;
}

namespace
{

template <typename KeysOf>
std::map<std::string, RagCounts> CountByGroup(const Snapshot& snapshot, Date today, KeysOf keys_of)
{
    std::map<std::string, std::vector<const Action*>> groups;
    for (const Action& action : snapshot.actions)
        for (const std::string& key : keys_of(action))
            groups[key].push_back(&action);
    std::map<std::string, RagCounts> counts;
    for (const auto& [key, rows] : groups)
        counts[key] = CountRatings(RollUpByRef(rows, snapshot, today), snapshot);
    return counts;
}

} // namespace

std::map<std::string, RagCounts> CountByPriority(const Snapshot& snapshot, Date today)
{
    return CountByGroup(snapshot, today,
                        [](const Action& a) { return std::vector<std::string>{a.priority}; });
}

std::map<std::string, RagCounts> CountByTeam(const Snapshot& snapshot, Date today)
{
    return CountByGroup(snapshot, today, [](const Action& a) { return a.teams; });
}

} // namespace wb
