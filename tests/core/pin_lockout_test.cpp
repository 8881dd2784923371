// The admin keypad's lockout, driven by a fake clock. Expected waits worked by hand: 5 free wrong tries,
// then 30 s doubling per wrong try (30, 60, 120 ...), never above an hour.
#include "core/pin_lockout.h"

#include <catch2/catch.hpp>

using namespace wb;

TEST_CASE("five wrong PINs are free, the fifth starts a 30 s wait", "[pin]")
{
    PinLockout lockout;
    for (int i = 0; i < 4; ++i)
    {
        CHECK(lockout.Attempt(10.0 + i, false));
        CHECK_FALSE(lockout.WaitUntil(10.0 + i));
    }
    CHECK(lockout.Attempt(20.0, false));
    REQUIRE(lockout.WaitUntil(20.0));
    CHECK(*lockout.WaitUntil(20.0) == Approx(50.0));
    CHECK(lockout.WaitUntil(49.9));
    CHECK_FALSE(lockout.WaitUntil(50.0));
}

TEST_CASE("while waiting no PIN is tried, not even the right one", "[pin]")
{
    PinLockout lockout;
    for (int i = 0; i < 5; ++i)
        lockout.Attempt(0.0, false);
    CHECK_FALSE(lockout.Attempt(10.0, true));
    CHECK_FALSE(lockout.Attempt(10.0, false));
    CHECK(lockout.WrongTries() == 5);
    CHECK(*lockout.WaitUntil(10.0) == Approx(30.0)); // a refused try does not lengthen the wait
}

TEST_CASE("each wrong PIN after the free ones doubles the wait, up to an hour", "[pin]")
{
    PinLockout lockout;
    double now = 0;
    for (int i = 0; i < 4; ++i)
        lockout.Attempt(now, false);
    // By hand: 30 * 2^k for the (5 + k)th wrong try, capped at 3600 from the 12th (30 * 128 = 3840).
    for (const double wait : {30.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 3600.0, 3600.0, 3600.0})
    {
        INFO("wrong try " << lockout.WrongTries() + 1);
        REQUIRE(lockout.Attempt(now, false));
        REQUIRE(lockout.WaitUntil(now));
        CHECK(*lockout.WaitUntil(now) - now == Approx(wait));
        now = *lockout.WaitUntil(now);
    }
    for (int i = 0; i < 100; ++i) // however many: no overflow, still an hour
    {
        lockout.Attempt(now, false);
        now = *lockout.WaitUntil(now);
    }
    lockout.Attempt(now, false);
    CHECK(*lockout.WaitUntil(now) - now == Approx(3600.0));
}

TEST_CASE("the right PIN starts the count again", "[pin]")
{
    PinLockout lockout;
    for (int i = 0; i < 6; ++i)
        lockout.Attempt(i * 100.0, false); // the 5th and 6th waited 30 s and 60 s
    CHECK(lockout.WrongTries() == 6);
    CHECK(lockout.Attempt(1000.0, true));
    CHECK(lockout.WrongTries() == 0);
    for (int i = 0; i < 4; ++i)
        lockout.Attempt(1001.0 + i, false);
    CHECK_FALSE(lockout.WaitUntil(1005.0)); // four free tries again
    lockout.Attempt(1005.0, false);
    CHECK(*lockout.WaitUntil(1005.0) == Approx(1035.0)); // and the first wait is 30 s again
}

TEST_CASE("the wait in words counts down in minutes, then seconds, and says when it next changes", "[pin]")
{
    PinLockout lockout;
    CHECK(lockout.WaitInWords(0.0).empty());
    CHECK_FALSE(lockout.NextDeadline(0.0));
    for (int i = 0; i < 5; ++i)
        lockout.Attempt(0.0, false); // 30 s, to 30
    CHECK(lockout.WaitInWords(0.0) == "Wait 30 s before trying again");
    CHECK(lockout.WaitInWords(0.5) == "Wait 30 s before trying again"); // 29.5 s: rounded up
    CHECK(*lockout.NextDeadline(0.5) == Approx(1.0));
    CHECK(lockout.WaitInWords(29.2) == "Wait 1 s before trying again");
    CHECK(*lockout.NextDeadline(29.2) == Approx(30.0));
    CHECK(lockout.WaitInWords(30.0).empty());
    CHECK_FALSE(lockout.NextDeadline(30.0));

    lockout.Attempt(30.0, false); // 60 s, to 90
    CHECK(lockout.WaitInWords(30.0) == "Wait 60 s before trying again");
    lockout.Attempt(90.0, false); // 120 s, to 210
    CHECK(lockout.WaitInWords(90.0) == "Wait 2 min before trying again");
    CHECK(*lockout.NextDeadline(90.0) == Approx(150.0)); // 60 s left: "60 s"
    CHECK(lockout.WaitInWords(149.0) == "Wait 2 min before trying again");
    CHECK(lockout.WaitInWords(150.0) == "Wait 60 s before trying again");
    CHECK(*lockout.NextDeadline(150.0) == Approx(151.0));
    for (const double at : {210.0, 450.0, 930.0, 1890.0, 3810.0}) // 240, 480, 960, 1920, then the cap
        lockout.Attempt(at, false);
    CHECK(lockout.WaitInWords(3810.0) == "Wait 60 min before trying again");
    CHECK(*lockout.NextDeadline(3810.0) == Approx(3870.0));
}
