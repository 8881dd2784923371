// The pages' view of a snapshot.
#include "core/board_view.h"

#include <algorithm>
#include <cmath>
#include <string>
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

bool HasFigures(const Indicator& ind)
{
    if (LatestValue(ind))
        return true;
    if (ind.unit != Unit::Text)
        return false; // placeholders stand in for a missing number: still no figures
    return std::any_of(ind.series.begin(), ind.series.end(),
                       [](const PeriodValue& pv) { return !pv.placeholder.empty(); });
}

std::string Count(int n, const char* what)
{
    return std::to_string(n) + " " + what;
}

} // namespace

TargetSummary CountAgainstTarget(const std::vector<const Indicator*>& indicators)
{
    TargetSummary summary;
    for (const Indicator* ind : indicators)
    {
        ++summary.total;
        if (!HasFigures(*ind))
        {
            ++summary.no_figures;
            continue;
        }
        if (ind->unit == Unit::Text || ind->target.kind == TargetKind::Text)
        {
            ++summary.in_words;
            continue;
        }
        switch (StatusAgainstTarget(*ind))
        {
        case TargetStatus::Met:
            ++summary.met;
            break;
        case TargetStatus::Near:
            ++summary.near;
            break;
        case TargetStatus::Missed:
            ++summary.missed;
            break;
        case TargetStatus::NoValue: // unreachable: HasFigures found a number
            ++summary.no_figures;
            break;
        case TargetStatus::NoTarget:
            ++summary.no_target;
            break;
        }
    }
    return summary;
}

std::string TargetSummaryInWords(const TargetSummary& s)
{
    if (s.total == 0)
        return "no indicators";
    std::string text;
    const auto add = [&](int n, const char* what)
    {
        if (n > 0)
            text += (text.empty() ? "" : " · ") + Count(n, what);
    };
    add(s.met, "on target");
    add(s.near, "near");
    add(s.missed, "off target");
    add(s.no_figures, "with no figures yet");
    add(s.in_words, "in words");
    add(s.no_target, "with no target");
    return text;
}

std::string NothingOffTargetInWords(const TargetSummary& s)
{
    if (s.total == 0)
        return "No indicators in this plan.";
    if (s.Judged() > 0)
        return s.Judged() == 1 ? "The one indicator measured against a target is on or near it."
                               : "All " + std::to_string(s.Judged()) +
                                     " indicators measured against a target are on or near it.";
    if (s.no_figures == s.total)
        return "No figures yet for any of the " + std::to_string(s.total) + " indicators.";
    if (s.no_figures > 0)
        return "No indicator has been measured against a target yet: " + TargetSummaryInWords(s) + ".";
    return "No indicator has a numeric target to be measured against: " + TargetSummaryInWords(s) + ".";
}

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
        dv.targets = CountAgainstTarget(dv.indicators);
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

    std::vector<const Indicator*> all;
    for (const Indicator& ind : s.indicators)
    {
        all.push_back(&ind);
        if (StatusAgainstTarget(ind) != TargetStatus::Missed)
            continue;
        const PeriodValue& latest = *LatestValue(ind);
        const double target = *TargetFor(ind, latest.period); // the target in force that month
        view.off_target.push_back(
            {&ind, std::fabs(*latest.value - target) / std::max(1.0, std::fabs(target))});
    }
    view.targets = CountAgainstTarget(all);
    std::stable_sort(view.off_target.begin(), view.off_target.end(),
                     [](const OffTarget& a, const OffTarget& b) { return a.gap > b.gap; });
    return view;
}

} // namespace wb
