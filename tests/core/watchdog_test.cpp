// The keep-alive schedule, on a fake clock: when WATCHDOG=1 is due and how long the frame loop may sleep.
#include "core/watchdog.h"

#include <catch2/catch.hpp>

using namespace wb;

TEST_CASE("a keep-alive every half of WatchdogSec", "[watchdog]")
{
    CHECK(WatchdogPingInterval(30'000'000) == Approx(15.0));
    CHECK(WatchdogPingInterval(4'000'000) == Approx(2.0));
    CHECK(WatchdogPingInterval(0) == 0.0);
}

TEST_CASE("without a watchdog nothing is ever due and the loop's sleep is not shortened", "[watchdog]")
{
    const WatchdogSchedule off(WatchdogPingInterval(0));
    CHECK_FALSE(off.Enabled());
    CHECK_FALSE(off.Due(0.0));
    CHECK_FALSE(off.Due(1e9));
    CHECK_FALSE(off.SecondsUntilDue(100.0).has_value());
    CHECK_FALSE(WatchdogSchedule(-3.0).Enabled());
}

TEST_CASE("the first keep-alive is due at once, the next an interval after the last sent", "[watchdog]")
{
    WatchdogSchedule schedule(2.0);
    REQUIRE(schedule.Enabled());
    CHECK(schedule.Due(1000.0));
    CHECK(*schedule.SecondsUntilDue(1000.0) == 0.0);
    schedule.Sent(1000.0);
    CHECK_FALSE(schedule.Due(1000.5));
    CHECK(*schedule.SecondsUntilDue(1000.5) == Approx(1.5));
    CHECK_FALSE(schedule.Due(1001.9));
    CHECK(schedule.Due(1002.0));
    CHECK(schedule.Due(1007.0)); // late (a long frame): still due, and the sleep is not negative
    CHECK(*schedule.SecondsUntilDue(1007.0) == 0.0);
    // The interval counts from when it was sent, not from when it was due: a late keep-alive does not
    // bring the next one forward.
    schedule.Sent(1007.0);
    CHECK_FALSE(schedule.Due(1008.0));
    CHECK(*schedule.SecondsUntilDue(1008.0) == Approx(1.0));
}

TEST_CASE("a sleep that wakes a few milliseconds early still sends the keep-alive", "[watchdog]")
{
    // The frame loop sleeps SecondsUntilDue(); the wait may return a little before it. Sending then is
    // better than a second frame a millisecond later just for the keep-alive.
    WatchdogSchedule schedule(15.0);
    schedule.Sent(0.0);
    CHECK(schedule.Due(14.995));
    CHECK_FALSE(schedule.Due(14.9));
}

TEST_CASE("a frame loop that sleeps to each deadline sends a keep-alive in every interval", "[watchdog]")
{
    // A fake frame loop on an idle board: it sleeps until the keep-alive or its own deadline (the
    // minute, here every 7 s), wakes, and sends when due. The gaps between keep-alives never exceed the
    // interval plus the frame's own time, so never reach WatchdogSec (twice the interval).
    WatchdogSchedule schedule(WatchdogPingInterval(4'000'000));
    const double frame_s = 0.05;
    double now = 0.0;
    double last = -1.0;
    double longest_gap = 0.0;
    int sent = 0;
    while (now < 60.0)
    {
        now += frame_s; // drawing the frame
        if (schedule.Due(now))
        {
            if (last >= 0)
                longest_gap = std::max(longest_gap, now - last);
            schedule.Sent(now);
            last = now;
            ++sent;
        }
        const double own_deadline = 7.0 - std::fmod(now, 7.0);
        now += std::min(own_deadline, *schedule.SecondsUntilDue(now));
    }
    CHECK(longest_gap <= 2.0 + frame_s + 1e-9);
    CHECK(longest_gap < 4.0);
    CHECK(sent >= 28); // 60 s at one per 2.05 s at worst
}
