// How fresh the figures on screen are, in words for the status strip: when the board last reached the
// feed, how old the data is, and a warning nobody can miss when the feed is failing, the data is older
// than the configured threshold, or the plan's own monthly figures are late; and, at its end, when the cache
// cannot save what is shown.
// Pure apart from the local time zone, which formats clock times ("14:02", "Monday 09:00").
#pragma once

#include "core/date.h"
#include "io/status.h"

#include <cstdint>
#include <string>

namespace wb::io
{

struct FreshnessOptions
{
    std::int64_t stale_after_s = 30 * 60; // data older than this is stale: warned of and dimmed
    int late_after_days = 45;             // a plan as-of date older than this: the monthly update is late
};

struct Freshness
{
    std::string status_line; // "Synced 14:02 · figures as of 17 Apr 2023[ · Not saving: disk full]"
    std::string warning;     // empty when there is nothing to warn of
    bool severe = false;     // red: the feed is failing or the data is stale (amber: only late figures)
    bool dim = false;        // the figures are stale and are drawn dimmed

    // What the strip leads with, and what `systemctl status` says: the warning when there is one.
    const std::string& Headline() const { return warning.empty() ? status_line : warning; }
};

// The strip's words before any snapshot has arrived.
inline Freshness WaitingForFirstSnapshot()
{
    Freshness waiting;
    waiting.status_line = "Waiting for the first snapshot from the feed…";
    return waiting;
}

// "under a minute", "1 minute", "25 minutes", "3 hours", "2 days", "4 months".
std::string AgeInWords(std::int64_t seconds);

// `now` is seconds since the epoch; `today` the local date.
Freshness DescribeFreshness(const SyncStatus& status, Date as_of, Date today, std::int64_t now,
                            const FreshnessOptions& options = {});

} // namespace wb::io
