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

// Splits "a:b:c" at every ':'.
std::vector<std::string> Fields(const std::string& text)
{
    std::vector<std::string> fields;
    size_t start = 0;
    for (size_t colon = text.find(':'); colon != std::string::npos; colon = text.find(':', start))
    {
        fields.push_back(text.substr(start, colon - start));
        start = colon + 1;
    }
    fields.push_back(text.substr(start));
    return fields;
}

const Priority* FindPriority(const Snapshot& s, const std::string& id)
{
    for (const Priority& p : s.priorities)
        if (p.id == id)
            return &p;
    return nullptr;
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

std::vector<DueRef> RefsWithRows(const std::vector<const Action*>& rows, const Snapshot& snapshot, Date today,
                                 RefsShown shown)
{
    std::vector<DueRef> refs;
    for (const RefSummary& summary : RollUpByRef(rows, snapshot, today))
    {
        DueRef ref{summary.ref, summary.rag, summary.overdue, 0, false, {}};
        for (const Action* row : summary.rows)
        {
            const auto days = DaysOverdue(*row, snapshot.plan, today);
            const bool overdue = IsOverdue(*row, snapshot, today);
            const bool due_soon =
                days && *days <= 0 && *days >= -kDueSoonDays && !IsDone(*row, snapshot.rag_key);
            const bool listed = shown == RefsShown::All       ? true
                                : shown == RefsShown::Overdue ? overdue
                                                              : overdue || due_soon;
            if (!listed)
                continue;
            ref.rows.push_back({row, days.value_or(0), days.has_value()});
            if (days && (!ref.dated || *days > ref.days_overdue))
                ref.days_overdue = *days;
            ref.dated = ref.dated || days.has_value();
        }
        if (ref.rows.empty() || (shown == RefsShown::Overdue && !ref.overdue))
            continue;
        if (shown != RefsShown::All)
            SortMostOverdueFirst(ref.rows);
        refs.push_back(std::move(ref));
    }
    if (shown != RefsShown::All) // overdue refs first: an overdue ref is more days overdue than any due soon
        std::stable_sort(refs.begin(), refs.end(),
                         [](const DueRef& a, const DueRef& b) { return a.days_overdue > b.days_overdue; });
    return refs;
}

int OverdueCount(const std::vector<DueRef>& refs)
{
    return static_cast<int>(
        std::count_if(refs.begin(), refs.end(), [](const DueRef& r) { return r.overdue; }));
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
        for (const std::string& id : d.actions)
        {
            if (const auto found = actions.find(id); found != actions.end())
                dv.rows.push_back(found->second);
        }
        dv.refs = RollUpByRef(dv.rows, s, today);
        dv.counts = CountRatings(dv.refs, s);
        dv.due = RefsWithRows(dv.rows, s, today, RefsShown::OverdueOrDueSoon);
        dv.counts.overdue = OverdueCount(dv.due);
        dv.targets = CountAgainstTarget(dv.indicators);
    }

    std::vector<const Action*> all_rows;
    for (const Action& a : s.actions)
        all_rows.push_back(&a);
    view.overdue = RefsWithRows(all_rows, s, today, RefsShown::Overdue);

    const auto by_priority = CountByPriority(s, today);
    for (const Priority& p : s.priorities)
    {
        PriorityView& pv = view.priorities.emplace_back();
        pv.priority = &p;
        if (const auto found = by_priority.find(p.id); found != by_priority.end())
            pv.counts = found->second;
        else
            pv.counts.by_level.assign(s.rag_key.size(), 0);
        for (const Action* a : all_rows)
            if (a->priority == p.id)
                pv.rows.push_back(a);
        pv.overdue = RefsWithRows(pv.rows, s, today, RefsShown::Overdue);
        pv.counts.overdue = OverdueCount(pv.overdue);
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

std::optional<ListView> FindActionList(const BoardView& view, const std::string& id)
{
    if (!view.snapshot)
        return std::nullopt;
    const Snapshot& s = *view.snapshot;
    std::vector<std::string> fields = Fields(id);
    ListView list;
    if (fields.size() == 2 && fields[0] == "ref") // a parent ref: one entry per row
    {
        for (const Action& a : s.actions)
            if (a.ref == fields[1] && a.id != fields[1])
            {
                const auto days = DaysOverdue(a, s.plan, view.today);
                list.refs.push_back({a.id,
                                     a.rag,
                                     IsOverdue(a, s, view.today),
                                     days.value_or(0),
                                     days.has_value(),
                                     {{&a, days.value_or(0), days.has_value()}}});
            }
        if (list.refs.empty())
            return std::nullopt;
        list.title = "Action " + fields[1] + ": its " + std::to_string(list.refs.size()) + " rows";
        return list;
    }
    size_t next = 0;
    RefsShown shown = RefsShown::All;
    if (fields[next] == "overdue" || fields[next] == "due")
    {
        shown = fields[next] == "overdue" ? RefsShown::Overdue : RefsShown::OverdueOrDueSoon;
        ++next;
    }
    std::vector<const Action*> rows;
    std::string scope = "The whole plan";
    if (next + 1 < fields.size() && fields[next] == "priority")
    {
        const Priority* p = FindPriority(s, fields[next + 1]);
        if (!p)
            return std::nullopt;
        for (const Action& a : s.actions)
            if (a.priority == p->id)
                rows.push_back(&a);
        scope = "Priority " + p->id + ": " + p->title;
        next += 2;
    }
    else if (next < fields.size() && fields[next] != "rating")
    {
        const DashboardView* d = view.FindDashboard(fields[next]);
        if (!d)
            return std::nullopt;
        rows = d->rows;
        scope = d->dashboard->title;
        ++next;
    }
    else
    {
        for (const Action& a : s.actions)
            rows.push_back(&a);
        if (next == fields.size() && shown == RefsShown::All)
            return std::nullopt; // "actions:" alone names nothing
    }
    std::optional<std::string> rating;
    if (next + 2 == fields.size() && fields[next] == "rating")
        rating = fields[next + 1];
    else if (next != fields.size())
        return std::nullopt;
    list.refs = RefsWithRows(rows, s, view.today, shown);
    if (rating)
    {
        std::erase_if(list.refs, [&](const DueRef& r) { return r.rag != *rating; });
        const int rank = RagRank(s.rag_key, *rating);
        if (rank < 0 && !rating->empty())
            return std::nullopt;
        const std::string words = rank < 0 ? "not rated"
                                  : s.rag_key[static_cast<size_t>(rank)].label.empty()
                                      ? *rating
                                      : s.rag_key[static_cast<size_t>(rank)].label;
        scope += " · " + words;
    }
    switch (shown)
    {
    case RefsShown::Overdue:
        list.title = scope + ": " + std::to_string(list.refs.size()) + " overdue";
        list.empty_words = "No action is overdue.";
        break;
    case RefsShown::OverdueOrDueSoon:
        list.title = scope + ": overdue and due soon";
        list.empty_words = "Nothing overdue or due in the next " + std::to_string(kDueSoonDays) + " days.";
        break;
    case RefsShown::All:
        list.title = scope + ": " + std::to_string(list.refs.size()) + " actions";
        list.empty_words = "No actions.";
        break;
    }
    return list;
}

std::optional<ListView> FindIndicatorList(const BoardView& view, const std::string& id)
{
    if (!view.snapshot || id != "off-target")
        return std::nullopt;
    ListView list;
    for (const OffTarget& off : view.off_target)
        list.indicators.push_back(off.indicator);
    list.title = "Indicators off target: " + std::to_string(list.indicators.size());
    list.empty_words = NothingOffTargetInWords(view.targets);
    return list;
}

} // namespace wb
