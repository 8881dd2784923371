// The sync's refresh jitter: the first fetch after start and each refresh are spread within their bounds,
// and a fleet started in the same second does not fetch in the same second. Bounds and counts, no clock.
#include "io/sync.h"

#include "core/digest.h"
#include "core/snapshot.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <set>

using namespace wb;
using namespace wb::io;
using std::chrono::milliseconds;

TEST_CASE("each refresh waits the interval give or take 10 percent", "[sync][jitter]")
{
    // Hand-worked: 60 s +-10% is 54 to 66 s, the ends reached at jitter 0 and just below 1.
    CHECK(RefreshDelay(60, 0.0) == 54);
    CHECK(RefreshDelay(60, 0.5) == 60);
    CHECK(RefreshDelay(60, 0.9999) == 66);
    std::set<int> seen;
    for (int step = 0; step < 1000; ++step)
    {
        const int delay = RefreshDelay(60, step / 1000.0);
        CHECK(delay >= 54);
        CHECK(delay <= 66);
        seen.insert(delay);
    }
    CHECK(seen.size() == 13); // every whole second from 54 to 66: spread, not two or three values
    // Out-of-range jitter is clamped, and a tiny interval never becomes a busy loop.
    CHECK(RefreshDelay(60, -3.0) == 54);
    CHECK(RefreshDelay(60, 7.0) == 66);
    CHECK(RefreshDelay(1, 0.0) == 1);
}

TEST_CASE(
    "the first fetch comes within seconds with nothing to show, within one refresh with the feed's data",
    "[sync][jitter]")
{
    // Nothing from this feed on screen: a technician waits at most kPromptFetchSpread (3 s).
    CHECK(FirstFetchDelay(60, false, 0.0) == milliseconds(0));
    CHECK(FirstFetchDelay(60, false, 0.5) == milliseconds(1500));
    CHECK(FirstFetchDelay(60, false, 0.9999) < milliseconds(3000));
    // A refresh shorter than that bounds it instead.
    CHECK(FirstFetchDelay(2, false, 0.9999) < milliseconds(2000));
    CHECK(FirstFetchDelay(2, false, 0.9999) > milliseconds(1900));
    // Showing what the feed last sent: anywhere in the first refresh.
    CHECK(FirstFetchDelay(60, true, 0.0) == milliseconds(0));
    CHECK(FirstFetchDelay(60, true, 0.25) == milliseconds(15000));
    CHECK(FirstFetchDelay(60, true, 0.9999) < milliseconds(60000));
    CHECK(FirstFetchDelay(60, true, 0.9999) > milliseconds(59000));
    CHECK(FirstFetchDelay(60, true, 5.0) == milliseconds(60000));
}

TEST_CASE("500 boards powered on together do not fetch in the same second", "[sync][jitter]")
{
    // Each board draws its own jitter, as each Sync does from its own generator (seeded here, so the
    // counts are the same on every run). Over 10 minutes, each second's fetches are counted.
    std::mt19937 random(13);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::map<long long, int> per_second;
    for (int board = 0; board < 500; ++board)
    {
        double at_ms = static_cast<double>(FirstFetchDelay(60, true, uniform(random)).count());
        while (at_ms < 600'000)
        {
            ++per_second[static_cast<long long>(at_ms / 1000)];
            at_ms += 1000.0 * RefreshDelay(60, uniform(random));
        }
    }
    int busiest = 0;
    int fetches = 0;
    for (const auto& [second, count] : per_second)
    {
        busiest = std::max(busiest, count);
        fetches += count;
    }
    // 500 boards every 54 to 66 s: about 8.3 fetches a second on average. Without jitter every board
    // would keep its start-up second: 500 in one second, then none for a minute.
    CHECK(fetches >= 500 * 9);
    CHECK(busiest <= 25);
    CHECK(per_second.size() >= 590); // hardly a second of the 600 without a fetch
}

TEST_CASE("after a success the status's next attempt is the jittered refresh", "[sync][jitter]")
{
    test::TempDir dir;
    const Snapshot s = test::BuildDemo("plymouth");
    std::ofstream(dir.Path() / "snapshot.json") << SnapshotToJsonWithHash(s, ContentHash(SnapshotToJson(s)));
    SyncOptions options;
    options.fetch.url = "file://" + (dir.Path() / "snapshot.json").string();
    options.backoff.refresh_s = 60;
    Sync sync(options, nullptr, nullptr, [](const std::string&) {});
    std::set<std::int64_t> waits;
    for (int attempt = 0; attempt < 20; ++attempt)
    {
        const int delay = sync.RunOnce();
        const SyncStatus status = sync.Status();
        REQUIRE(status.state == SyncState::Online);
        REQUIRE(status.next_attempt);
        REQUIRE(status.last_attempt);
        CHECK(delay >= 54);
        CHECK(delay <= 66);
        // The status says the same wait (its clock may have ticked a second since the attempt began).
        const std::int64_t said = *status.next_attempt - *status.last_attempt;
        CHECK(said >= delay);
        CHECK(said <= delay + 1);
        waits.insert(delay);
    }
    CHECK(waits.size() >= 3); // 20 draws from 13 values: one value every time would mean no jitter
}
