// Freshness in words: what the status strip says, in UTC so the clock times are fixed.
#include "io/freshness.h"
#include "io/sync.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>

using namespace wb;
using namespace wb::io;

namespace
{

// 2023-04-17 (a Monday) 09:00 UTC.
constexpr std::int64_t kMonday9 = 1681722000;

Date D(const char* iso)
{
    return *ParseIsoDate(iso);
}

// A status failing since `since` for `failure`, after a success at Monday 09:00.
SyncStatus FailingSince(std::int64_t since, Failure failure, const std::string& reason)
{
    SyncStatus status;
    status.state = failure == Failure::Unreachable ? SyncState::Offline : SyncState::Stale;
    status.last_success = kMonday9;
    status.consecutive_failures = 1;
    status.failing_since = since;
    status.failure = failure;
    status.failure_reason = reason;
    return status;
}

struct Utc
{
    Utc()
    {
        setenv("TZ", "UTC", 1);
        tzset();
    }
};

} // namespace

TEST_CASE("ages in words", "[freshness]")
{
    CHECK(AgeInWords(0) == "under a minute");
    CHECK(AgeInWords(59) == "under a minute");
    CHECK(AgeInWords(60) == "1 minute");
    CHECK(AgeInWords(25 * 60 + 59) == "25 minutes");
    CHECK(AgeInWords(2 * 3600) == "2 hours");
    CHECK(AgeInWords(47 * 3600) == "47 hours");
    CHECK(AgeInWords(2 * 86400) == "2 days");
    CHECK(AgeInWords(59 * 86400) == "59 days");
    CHECK(AgeInWords(120 * 86400) == "4 months");
}

TEST_CASE("fresh data: a quiet status line and no warning", "[freshness]")
{
    Utc utc;
    SyncStatus status;
    status.state = SyncState::Online;
    status.last_success = kMonday9;
    const Freshness f = DescribeFreshness(status, D("2023-04-10"), D("2023-04-17"), kMonday9 + 120);
    CHECK(f.status_line == "Synced 09:00 · figures as of 10 Apr 2023");
    CHECK(f.warning.empty());
    CHECK_FALSE(f.severe);
    CHECK_FALSE(f.dim);
}

TEST_CASE("offline: since when, and how old the data shown is", "[freshness]")
{
    Utc utc;
    SyncStatus status;
    status.state = SyncState::Offline;
    status.last_success = kMonday9;
    status.consecutive_failures = 3;
    status.failing_since = kMonday9 + 5 * 3600 + 2 * 60; // 14:02
    status.failure = Failure::Unreachable;
    status.failure_reason = "cannot connect to the feed server (Connection refused)";
    const std::int64_t now = kMonday9 + 6 * 3600;
    const Freshness f = DescribeFreshness(status, D("2023-04-10"), D("2023-04-17"), now);
    CHECK(f.warning ==
          "Offline since 14:02: cannot connect to the feed server (Connection refused) — showing "
          "data from Monday 09:00 (6 hours old)");
    CHECK(f.severe);
    CHECK(f.dim); // older than the 30 minutes allowed by default

    // Just gone offline: warned of, but the figures are not yet stale.
    const Freshness early = DescribeFreshness(status, D("2023-04-10"), D("2023-04-17"), kMonday9 + 10 * 60);
    CHECK(early.severe);
    CHECK_FALSE(early.dim);
    CHECK(early.warning.find("(10 minutes old)") != std::string::npos);
}

TEST_CASE("refused data from the feed is named as such, with its reason", "[freshness]")
{
    Utc utc;
    const SyncStatus status =
        FailingSince(kMonday9 + 60, Failure::Refused, "the feed sent a web page, not a snapshot");
    const Freshness f = DescribeFreshness(status, D("2023-04-10"), D("2023-04-17"), kMonday9 + 120);
    CHECK(f.warning == "Data refused since 09:01: the feed sent a web page, not a "
                       "snapshot — showing data from Monday 09:00 (2 minutes old)");
    CHECK(f.severe);
}

TEST_CASE("a missing feed file or a 404 is named as such, not as bad data", "[freshness]")
{
    Utc utc;
    const SyncStatus status =
        FailingSince(kMonday9 + 30 * 60, Failure::NotFound, "the server answered HTTP 404");
    const Freshness f = DescribeFreshness(status, D("2023-04-10"), D("2023-04-17"), kMonday9 + 40 * 60);
    CHECK(f.warning.starts_with("No snapshot found since 09:30: the server answered HTTP 404 — "));
    CHECK(f.warning.find("bad data") == std::string::npos);
    CHECK(f.severe);
}

TEST_CASE("any other failure says the feed is failing, with its reason", "[freshness]")
{
    Utc utc;
    const SyncStatus status = FailingSince(kMonday9 + 60, Failure::Other, "the server answered HTTP 500");
    const Freshness f = DescribeFreshness(status, D("2023-04-10"), D("2023-04-17"), kMonday9 + 120);
    CHECK(f.warning.starts_with("Feed failing since 09:01: the server answered HTTP 500 — "));
}

TEST_CASE("a feed file that is not there: the sync records it and the strip says so", "[freshness][sync]")
{
    Utc utc;
    SyncOptions options;
    options.fetch.url = "file:///nonexistent-wallboard-dir/snapshot.json";
    Sync sync(options, nullptr, nullptr, [](const std::string&) {});
    sync.RunOnce();
    const SyncStatus status = sync.Status();
    CHECK(status.failure == Failure::NotFound);
    CHECK(status.state == SyncState::Stale); // the feed's place answered: not offline
    CHECK(status.last_error.find("kept the last good data") != std::string::npos);
    REQUIRE(status.failing_since);
    const Freshness f =
        DescribeFreshness(status, D("2023-04-10"), D("2023-04-17"), *status.failing_since + 60);
    CHECK(f.warning.starts_with("No snapshot found since "));
    CHECK(f.warning.find(status.failure_reason) != std::string::npos);
    CHECK(f.warning.find("bad data") == std::string::npos);
}

TEST_CASE("an unreachable server: the sync records it and the strip says offline, with curl's reason",
          "[freshness][sync]")
{
    Utc utc;
    SyncOptions options;
    options.fetch.url = "http://127.0.0.1:9/snapshot.json"; // the discard port: nothing listens there
    options.fetch.connect_timeout_s = 2;
    Sync sync(options, nullptr, nullptr, [](const std::string&) {});
    sync.RunOnce();
    const SyncStatus status = sync.Status();
    CHECK(status.failure == Failure::Unreachable);
    CHECK(status.state == SyncState::Offline);
    REQUIRE(status.failing_since);
    const Freshness f =
        DescribeFreshness(status, D("2023-04-10"), D("2023-04-17"), *status.failing_since + 60);
    CHECK(f.warning.starts_with("Offline since "));
    CHECK(f.warning.find("cannot connect to the feed server") != std::string::npos);
}

TEST_CASE("data older than the threshold is stale even before a failure", "[freshness]")
{
    Utc utc;
    SyncStatus status; // loaded from the cache, the first fetch still under way
    status.data_fetched_at = kMonday9;
    FreshnessOptions options;
    options.stale_after_s = 3600;
    const Freshness fresh =
        DescribeFreshness(status, D("2023-04-10"), D("2023-04-17"), kMonday9 + 3600, options);
    CHECK(fresh.warning.empty());
    CHECK(fresh.status_line == "Showing saved data · figures as of 10 Apr 2023");
    const Freshness stale =
        DescribeFreshness(status, D("2023-04-10"), D("2023-04-17"), kMonday9 + 3601, options);
    CHECK(stale.warning ==
          "Not confirmed for 60 minutes: these figures may be out of date — showing data from Monday 09:00 "
          "(60 minutes old)");
    CHECK(stale.severe);
    CHECK(stale.dim);
    // A week on, the day name would mislead: the date is given.
    const Freshness old =
        DescribeFreshness(status, D("2023-04-10"), D("2023-04-17"), kMonday9 + 8 * 86400, options);
    CHECK(old.warning.find("showing data from 17 Apr 2023 09:00 (8 days old)") != std::string::npos);
}

TEST_CASE("late monthly figures get an amber note, not a red warning", "[freshness]")
{
    Utc utc;
    SyncStatus status;
    status.state = SyncState::Online;
    status.last_success = kMonday9;
    const Freshness f = DescribeFreshness(status, D("2023-01-31"), D("2023-04-17"), kMonday9 + 60);
    CHECK(f.warning == "Update late — these figures are as of 31 Jan 2023, 2 months ago");
    CHECK(f.status_line.starts_with("Synced 09:00")); // the strip keeps the sync time beside it
    CHECK_FALSE(f.severe);
    CHECK_FALSE(f.dim);
    const Freshness on_time = DescribeFreshness(status, D("2023-03-31"), D("2023-04-17"), kMonday9 + 60);
    CHECK(on_time.warning.empty());
}

TEST_CASE("the strip leads with its warning when there is one, else with its status line", "[freshness]")
{
    Utc utc;
    SyncStatus status;
    status.state = SyncState::Online;
    status.last_success = kMonday9;
    const Freshness late = DescribeFreshness(status, D("2023-01-31"), D("2023-04-17"), kMonday9 + 60);
    CHECK(late.Headline() == "Update late — these figures are as of 31 Jan 2023, 2 months ago");
    const Freshness on_time = DescribeFreshness(status, D("2023-03-31"), D("2023-04-17"), kMonday9 + 60);
    REQUIRE(on_time.warning.empty());
    CHECK(on_time.Headline() == on_time.status_line);
    CHECK_FALSE(on_time.Headline().empty());
    const Freshness waiting = WaitingForFirstSnapshot();
    CHECK(waiting.Headline() == "Waiting for the first snapshot from the feed…");
}

TEST_CASE("a cache that cannot save is said in a few words at the end of the status line", "[freshness]")
{
    Utc utc;
    SyncStatus status;
    status.state = SyncState::Online;
    status.last_success = kMonday9;
    const auto line = [&](CacheHealth cache)
    {
        status.cache = cache;
        return DescribeFreshness(status, D("2023-04-10"), D("2023-04-17"), kMonday9 + 120).status_line;
    };
    CHECK(line(CacheHealth::Saving) == "Synced 09:00 · figures as of 10 Apr 2023");
    CHECK(line(CacheHealth::DiskFull) == "Synced 09:00 · figures as of 10 Apr 2023 · Not saving: disk full");
    CHECK(line(CacheHealth::ReadOnly) == "Synced 09:00 · figures as of 10 Apr 2023 · Not saving: read-only");
    CHECK(line(CacheHealth::None) == "Synced 09:00 · figures as of 10 Apr 2023 · Not saving: no cache");
    status.cache = CacheHealth::DiskFull;
    CHECK(DescribeFreshness(status, D("2023-04-10"), D("2023-04-17"), kMonday9 + 120).warning.empty());
}
