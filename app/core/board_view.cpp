// The pages' view of a snapshot.
#include "core/board_view.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace wb
{
namespace
{

void SortMostOverdueFirst(std::vector<DueAction>& rows)
{
    std::stable_sort(rows.begin(), rows.end(),
                     [](const DueAction& a, const DueAction& b) { return a.days_overdue > b.days_overdue; });
}

} // namespace

const DashboardView* BoardView::FindDashboard(const std::string& id) const
{
    for (const DashboardView& d : dashboards)
        if (d.dashboard->id == id)
            return &d;
    return nullptr;
}

BoardView BuildBoardView(std::shared_ptr<const Snapshot> snapshot, Date today)
{
    BoardView view;
    view.today = today;
    view.snapshot = std::move(snapshot);
    if (!view.snapshot)
        return view;
    const Snapshot& s = *view.snapshot;

    std::unordered_map<std::string, const Indicator*> indicators;
    for (const Indicator& ind : s.indicators)
        indicators.emplace(ind.id, &ind);
    std::unordered_map<std::string, const Action*> actions;
    for (const Action& a : s.actions)
        actions.emplace(a.id, &a);

    for (const Dashboard& d : s.dashboards)
    {
        DashboardView& dv = view.dashboards.emplace_back();
        dv.dashboard = &d;
        for (const std::string& id : d.indicators)
        {
            if (const auto found = indicators.find(id); found != indicators.end())
                dv.indicators.push_back(found->second);
        }
        std::vector<const Action*> rows;
        for (const std::string& id : d.actions)
        {
            if (const auto found = actions.find(id); found != actions.end())
                rows.push_back(found->second);
        }
        dv.refs = RollUpByRef(rows, s, today);
        dv.counts = CountRatings(dv.refs, s);
        for (const Action* a : rows)
        {
            const auto days = DaysOverdue(*a, s.plan, today);
            if (days && *days >= -kDueSoonDays && !IsDone(*a, s.rag_key))
                dv.due.push_back({a, *days});
        }
        SortMostOverdueFirst(dv.due);
    }

    for (const Action& a : s.actions)
        if (IsOverdue(a, s, today))
            view.overdue.push_back({&a, *DaysOverdue(a, s.plan, today)});
    SortMostOverdueFirst(view.overdue);

    const auto by_priority = CountByPriority(s, today);
    for (const Priority& p : s.priorities)
    {
        PriorityView& pv = view.priorities.emplace_back();
        pv.priority = &p;
        if (const auto found = by_priority.find(p.id); found != by_priority.end())
            pv.counts = found->second;
        else
            pv.counts.by_level.assign(s.rag_key.size(), 0);
    }

    for (const Indicator& ind : s.indicators)
        if (StatusAgainstTarget(ind) == TargetStatus::Missed)
            view.off_target.push_back({&ind, std::fabs(*LatestValue(ind)->value - ind.target.value) /
                                                 std::max(1.0, std::fabs(ind.target.value))});
    std::stable_sort(view.off_target.begin(), view.off_target.end(),
                     [](const OffTarget& a, const OffTarget& b) { return a.gap > b.gap; });
    return view;
}

} // namespace wb
