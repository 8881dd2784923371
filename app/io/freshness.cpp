// Freshness in words.
#include "io/freshness.h"

namespace wb::io
{
namespace
{

std::string Plural(std::int64_t n, const char* unit)
{
    return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
}

// The real cause first: an unreachable server, a missing file and refused data need different people. A few
// words, read from the door; the strip shows what follows them (" since 09:30: …") at the body size.
std::string FailureHeadline(const SyncStatus& status)
{
    switch (status.failure)
    {
    case Failure::Unreachable:
        return "Offline";
    case Failure::NotFound:
        return "No snapshot found";
    case Failure::Refused:
        return "Data refused";
    case Failure::None: // a status from before causes were kept: its state says what it can
        if (status.state == SyncState::Offline)
            return "Offline";
        break;
    case Failure::Other:
        break;
    }
    return "Feed failing";
}

// A few words at the end of the status line when what is shown would not survive a restart: the strip is read
// from across the room, the reason in full is in the status file and the log.
std::string NotSaving(CacheHealth cache)
{
    switch (cache)
    {
    case CacheHealth::Saving:
        return "";
    case CacheHealth::ReadOnly:
        return " · Not saving: read-only";
    case CacheHealth::DiskFull:
        return " · Not saving: disk full";
    case CacheHealth::Failing:
        return " · Not saving: cache error";
    case CacheHealth::None:
        return " · Not saving: no cache";
    }
    return "";
}

} // namespace

std::string AgeInWords(std::int64_t seconds)
{
    if (seconds < 60)
        return "under a minute";
    if (seconds < 2 * 3600)
        return Plural(seconds / 60, "minute");
    if (seconds < 2 * 86400)
        return Plural(seconds / 3600, "hour");
    if (seconds < 60 * 86400)
        return Plural(seconds / 86400, "day");
    return Plural(seconds / (30 * 86400), "month");
}

Freshness DescribeFreshness(const SyncStatus& status, Date as_of, Date today, std::int64_t now,
                            const FreshnessOptions& options)
{
    Freshness f;
    const std::string as_of_text = FormatLongDate(as_of);
    if (status.last_success)
        f.status_line =
            "Synced " + FormatLocalTime(*status.last_success, "%H:%M") + " · figures as of " + as_of_text;
    else
        f.status_line = "Showing saved data · figures as of " + as_of_text;
    f.status_line += NotSaving(status.cache);

    const auto age = DataAgeSeconds(status, now);
    // "Monday 09:00" within the week; the date beyond it, so an old figure never looks recent.
    const auto when = [&](std::int64_t t)
    { return FormatLocalTime(t, now - t < 6 * 86400 ? "%A %H:%M" : "%-d %b %Y %H:%M"); };
    const std::string shown =
        age ? "showing data from " + when(now - *age) + " (" + AgeInWords(*age) + " old)"
            : "showing the saved data";
    const bool stale = age && *age > options.stale_after_s;
    const bool failing = status.consecutive_failures > 0 && status.failing_since;
    f.dim = stale;
    if (failing)
        f.warning = FailureHeadline(status) + " since " + FormatLocalTime(*status.failing_since, "%H:%M") +
                    (status.failure_reason.empty() ? "" : ": " + status.failure_reason) + " — " + shown;
    else if (stale)
        f.warning = "Not confirmed for " + AgeInWords(*age) + ": these figures may be out of date — " + shown;
    if (!f.warning.empty())
    {
        f.severe = true;
        return f;
    }
    const int days_old = DaysBetween(as_of, today);
    if (days_old > options.late_after_days)
        f.warning = "Update late — these figures are as of " + as_of_text + ", " +
                    AgeInWords(static_cast<std::int64_t>(days_old) * 86400) + " ago";
    return f;
}

} // namespace wb::io
