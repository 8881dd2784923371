// Text summary of a snapshot for `wallboard-publish check`.
#include "publish/summary.h"

#include "core/derived.h"
#include "core/snapshot.h"
#include "publish/output.h"

#include <sstream>

namespace wb::publish
{

std::string SummariseSnapshot(const Snapshot& s, Date today)
{
    std::ostringstream out;
    out << s.plan.authority << ": " << s.plan.title << "\n";
    out << "  plan id " << s.plan.id << ", figures as of " << FormatIsoDate(s.plan.as_of) << "\n";

    int with_values = 0, placeholders_only = 0, empty = 0;
    int met = 0, near = 0, missed = 0, no_target = 0;
    Period latest{};
    for (const Indicator& ind : s.indicators)
    {
        if (const PeriodValue* value = LatestValue(ind))
        {
            ++with_values;
            latest = std::max(latest, value->period);
        }
        else if (!ind.series.empty())
            ++placeholders_only;
        else
            ++empty;
        switch (StatusAgainstTarget(ind))
        {
        case TargetStatus::Met:
            ++met;
            break;
        case TargetStatus::Near:
            ++near;
            break;
        case TargetStatus::Missed:
            ++missed;
            break;
        default:
            ++no_target;
        }
    }
    out << "  indicators: " << s.indicators.size() << " (" << with_values << " with figures, "
        << placeholders_only << " placeholder only, " << empty << " empty)";
    if (with_values > 0)
        out << ", latest month " << FormatShortPeriod(latest);
    out << "\n    against target: " << met << " met, " << near << " near, " << missed << " missed, "
        << no_target << " with no target\n";

    std::vector<const Action*> rows;
    for (const Action& a : s.actions)
        rows.push_back(&a);
    const auto refs = RollUpByRef(rows, s, today);
    const RagCounts counts = CountRatings(refs, s);
    out << "  actions: " << s.actions.size() << " rows under " << refs.size() << " refs; by rating:";
    for (size_t i = 0; i < s.rag_key.size(); ++i)
        out << " " << s.rag_key[i].code << " " << counts.by_level[i];
    out << ", not rated " << counts.not_rated << "\n";
    out << "    overdue on " << FormatIsoDate(today) << ": " << counts.overdue << " refs";
    std::string overdue_refs;
    for (const RefSummary& ref : refs)
        if (ref.overdue)
            overdue_refs += (overdue_refs.empty() ? " (" : ", ") + ref.ref;
    out << (overdue_refs.empty() ? "" : overdue_refs + ")") << "\n";

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
