#include "core/frame_pacing.h"

#include "test_support.h"

using namespace wb;

TEST_CASE("an idle board with nothing due sleeps until the clock's minute changes", "[frame-pacing]")
{
    WakeDeadlines d;
    d.to_minute = 37;
    const Wake wake = NextWake(d);
    CHECK(wake.seconds == 37);
    CHECK(wake.reason == WakeReason::Minute);
}

TEST_CASE("the earliest deadline wins, and names itself", "[frame-pacing]")
{
    WakeDeadlines d;
    d.to_minute = 50;
    d.navigation = 12.5;
    d.keep_alive = 8;
    d.cursor_hides = 20;
    CHECK(NextWake(d).seconds == 8);
    CHECK(NextWake(d).reason == WakeReason::KeepAlive);

    d.long_press = 0.4;
    CHECK(NextWake(d).seconds == Approx(0.4));
    CHECK(NextWake(d).reason == WakeReason::LongPress);

    d.other = 0.1; // a keypad's wait ending
    CHECK(NextWake(d).reason == WakeReason::Other);
}

TEST_CASE("a rotating board wakes for each step of the cue, a paused one for the resume countdown",
          "[frame-pacing]")
{
    WakeDeadlines d;
    d.to_minute = 45;
    d.navigation = 17; // the page changes in 17 s
    d.cue_counting = true;
    CHECK(NextWake(d).seconds == kCueStepSeconds);
    CHECK(NextWake(d).reason == WakeReason::Cue);

    d.cue_counting = false;
    d.resume_counting = true; // "Back to the rotation in 34 s"
    CHECK(NextWake(d).seconds == kResumeStepSeconds);
    CHECK(NextWake(d).reason == WakeReason::ResumeCountdown);

    d.resume_counting = false;
    CHECK(NextWake(d).seconds == 17);
    CHECK(NextWake(d).reason == WakeReason::Navigation);
}

TEST_CASE("the cursor's deadline gets a little slack, so it is hidden when the loop wakes", "[frame-pacing]")
{
    WakeDeadlines d;
    d.cursor_hides = 3;
    CHECK(NextWake(d).seconds == Approx(3 + kCursorSlackSeconds));
    CHECK(NextWake(d).reason == WakeReason::CursorHides);
}

TEST_CASE("a deadline already past wakes at once, never with a negative wait", "[frame-pacing]")
{
    WakeDeadlines d;
    d.navigation = -0.3; // the loop ran late
    CHECK(NextWake(d).seconds == 0);
    CHECK(NextWake(d).reason == WakeReason::Navigation);

    WakeDeadlines late_minute;
    late_minute.to_minute = -1;
    CHECK(NextWake(late_minute).seconds == 0);
}

TEST_CASE("a board in off hours sleeps until office hours start, or a touch's wake ends", "[frame-pacing]")
{
    WakeDeadlines d;
    d.to_minute = 86400; // dark: no clock to move on
    d.keep_alive = 30;
    d.schedule = 12.5;
    CHECK(NextWake(d).seconds == 12.5);
    CHECK(NextWake(d).reason == WakeReason::Schedule);
    d.schedule = 13 * 3600.0; // until 07:30: the watchdog's ping comes first
    CHECK(NextWake(d).reason == WakeReason::KeepAlive);
    d.schedule = -2; // overdue: at once
    CHECK(NextWake(d).seconds == 0);
}

TEST_CASE("an idle board wakes for the burn-in shift's next position when it comes first", "[frame-pacing]")
{
    WakeDeadlines d;
    d.to_minute = 45;
    d.burn_in = 45; // on the minute: the clock's wake draws the moved frame too
    CHECK(NextWake(d).reason == WakeReason::Minute);
    d.to_minute = 60;
    d.burn_in = 12;
    CHECK(NextWake(d).seconds == 12);
    CHECK(NextWake(d).reason == WakeReason::BurnIn);
}
