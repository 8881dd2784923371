// Text summary of a snapshot for `wallboard-publish check`.
#include "publish/summary.h"

#include "core/board_view.h"
#include "core/derived.h"
#include "core/snapshot.h"
#include "core/wording.h"
#include "publish/output.h"

#include <cstdio>
#include <sstream>

namespace wb::publish
{

namespace
{

// "95%", "20", "42.1 per 10k": a figure as the check prints it (no thousands separators: it is for reading
// back, not for the wall).
std::string FormatFigure(double value, Unit unit)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    switch (unit)
    {
    case Unit::Percent:
        return std::string(text) + "%";
    case Unit::RatePer10k:
        return std::string(text) + " per 10k";
    case Unit::Days:
        return std::string(text) + " days";
    case Unit::Count:
    case Unit::Text:
        break;
    }
    return text;
}

std::string KeyAsRead(const std::vector<RagLevel>& key)
{
    std::string text = "  key:";
    bool any_done = false;
    for (const RagLevel& level : key)
    {
        text += " " + level.code + (level.short_code.empty() ? "" : " (" + level.short_code + ")") +
                (level.label != level.code ? " = " + level.label : "") + (level.done ? " [done]" : "") + ",";
        any_done = any_done || level.done;
    }
    text.pop_back();
    return text + (any_done ? "\n" : "\n    no level means done: only due dates decide what is overdue\n");
}

// "2019-12-31", "2018-08-31, 2018-09-30 (milestones), then ongoing", "shown as written, never overdue".
std::string DueReadAs(const Due& due)
{
    switch (due.kind)
    {
    case DueKind::Immediate:
        return "immediate: due from the plan's start";
    case DueKind::Ongoing:
        return "ongoing: never overdue";
    case DueKind::None:
        return "no date read: shown as written, never overdue";
    case DueKind::OnDate:
        break;
    }
    std::string text;
    if (due.milestones.empty())
        text = FormatIsoDate(*due.date);
    else
    {
        for (const Date& date : due.milestones)
            text += (text.empty() ? "" : ", ") + FormatIsoDate(date);
        text += " (milestones; overdue once the first has passed)";
    }
    return text + (due.continues ? ", then ongoing" : "");
}

// Only the wordings that say more than a plain date: the reading a person should check, and what the
// board's lists will say as of `today`.
std::string DuesAsRead(const Snapshot& s, Date today)
{
    std::string lines;
    int count = 0;
    for (const Action& a : s.actions)
    {
        if (a.due.text.empty() || (a.due.date && a.due.text == FormatIsoDate(*a.due.date)))
            continue;
        ++count;
        lines += "    " + a.id + " \"" + a.due.text + "\" -> " + DueReadAs(a.due) + " (the board says \"" +
                 DueInWords(a.due, s.plan, today, DueForm::Compact) + "\")\n";
    }
    return count == 0 ? std::string() : "  dues as read (" + std::to_string(count) + "):\n" + lines;
}

std::string TargetsAsRead(const Snapshot& s)
{
    std::string lines;
    int count = 0;
    for (const Indicator& ind : s.indicators)
    {
        const Target& t = ind.target;
        if (t.text.empty() && t.sense == TargetSense::FromPolarity && t.steps.empty())
            continue;
        ++count;
        std::string read;
        if (t.kind == TargetKind::Text)
            read = "in words, shown and not judged";
        else if (t.kind == TargetKind::Value)
        {
            const std::string sense = TargetSenseWords(t.sense);
            if (t.steps.empty())
                read = sense + FormatFigure(t.value, ind.unit);
            for (const TargetStep& step : t.steps)
                read += (read.empty() ? "" : ", then ") + sense + FormatFigure(step.value, ind.unit) +
                        (step.by ? " by " + FormatIsoDate(*step.by) : "");
        }
        else
            read = std::string(ToString(t.kind));
        const std::string shown = TargetStepsInWords(ind);
        lines += "    " + ind.id + " \"" + (t.text.empty() ? read : t.text) + "\" -> " + read +
                 (shown.empty() || shown == read ? "" : " (the board says \"" + shown + "\")") + "\n";
    }
    return count == 0 ? std::string() : "  targets as read (" + std::to_string(count) + "):\n" + lines;
}

} // namespace

std::string SummariseSnapshot(const Snapshot& s, Date today)
{
    std::ostringstream out;
    out << s.plan.authority << ": " << s.plan.title << "\n";
    out << "  plan id " << s.plan.id << ", figures as of " << FormatIsoDate(s.plan.as_of) << "\n";

    int with_values = 0, placeholders_only = 0, empty = 0;
    Period latest{};
    std::vector<const Indicator*> all;
    for (const Indicator& ind : s.indicators)
    {
        all.push_back(&ind);
        if (const PeriodValue* value = LatestValue(ind))
        {
            ++with_values;
            latest = std::max(latest, value->period);
        }
        else if (!ind.series.empty() && ind.unit == Unit::Text)
        {
            ++with_values; // a measure in words: its words are its figures
            latest = std::max(latest, ind.series.back().period);
        }
        else if (!ind.series.empty())
            ++placeholders_only;
        else
            ++empty;
    }
    out << "  indicators: " << s.indicators.size() << " (" << with_values << " with figures, "
        << placeholders_only << " placeholder only, " << empty << " empty)";
    if (with_values > 0)
        out << ", latest month " << FormatShortPeriod(latest);
    out << "\n    against target: " << TargetSummaryInWords(CountAgainstTarget(all)) << "\n";

    out << KeyAsRead(s.rag_key);
    std::vector<const Action*> rows;
    for (const Action& a : s.actions)
        rows.push_back(&a);
    const auto refs = RollUpByRef(rows, s, today);
    const RagCounts counts = CountRatings(refs, s);
    out << "  actions: " << s.actions.size() << " rows under " << refs.size() << " refs; by rating:";
    for (size_t i = 0; i < s.rag_key.size(); ++i)
        out << " " << s.rag_key[i].code << " " << counts.by_level[i];
    out << ", not rated " << counts.not_rated << "\n";
    // The board's own count: the refs its Overdue page lists.
    const std::vector<DueRef> overdue = RefsWithRows(rows, s, today, RefsShown::Overdue);
    out << "    overdue on " << FormatIsoDate(today) << ": " << overdue.size() << " refs";
    std::string overdue_refs;
    for (const DueRef& ref : overdue)
        overdue_refs += (overdue_refs.empty() ? " (" : ", ") + ref.ref;
    out << (overdue_refs.empty() ? "" : overdue_refs + ")") << "\n";

    out << DuesAsRead(s, today) << TargetsAsRead(s);
    out << "  dashboards: " << s.dashboards.size() << "\n";
    for (const Dashboard& d : s.dashboards)
        out << "    " << d.id << " (" << ToString(d.kind) << "): " << d.indicators.size() << " indicators, "
            << d.actions.size() << " actions\n";

    if (s.content_hash.empty())
        out << "  content hash: none\n";
    else if (ContentHash(SnapshotToJson(s)) == s.content_hash)
        out << "  content hash: " << s.content_hash << " (matches)\n";
    else
        out << "  content hash: " << s.content_hash
            << " DOES NOT MATCH the content (edited by hand, or written by a newer publisher)\n";
    return out.str();
}

} // namespace wb::publish
