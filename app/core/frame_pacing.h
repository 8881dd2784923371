// When the board's frame loop wakes next, as a pure function of its deadlines (the idea of hello_imgui's
// DecideIdling): the loop draws a frame when something changed and otherwise sleeps until the earliest
// moment the picture or systemd needs it. Kept apart from the loop so the policy has tests.
#pragma once

#include <optional>

namespace wb
{

// Every deadline in seconds from now; empty where there is none.
struct WakeDeadlines
{
    double to_minute = 60;            // the clock on the strip moves on
    std::optional<double> navigation; // a page change, the rotation resuming, a held view's end
    bool cue_counting = false;        // "Next: … in 12 s" and the progress bar: redrawn every 2 s
    bool resume_counting = false;     // "Back to the rotation in 34 s": every second
    std::optional<double> long_press; // a finger held down becomes a long press
    std::optional<double> cursor_hides;
    std::optional<double> keep_alive; // systemd's watchdog wants a frame's WATCHDOG=1
    std::optional<double> other;      // any other redraw a widget asks for (a keypad's wait ending)
    std::optional<double> schedule;   // office hours start or end, or a touch's wake in off hours ends
    std::optional<double> burn_in;    // the whole frame moves to its next burn-in position
};

// Why the loop wakes, for tests and a technician's log.
enum class WakeReason
{
    Minute,
    Navigation,
    Cue,
    ResumeCountdown,
    LongPress,
    CursorHides,
    KeepAlive,
    Other,
    Schedule,
    BurnIn,
};

struct Wake
{
    double seconds = 60; // never negative
    WakeReason reason = WakeReason::Minute;
};

inline constexpr double kCueStepSeconds = 2.0;      // how often the cue's countdown and bar move on
inline constexpr double kResumeStepSeconds = 1.0;   // how often the resume countdown moves on
inline constexpr double kCursorSlackSeconds = 0.05; // past the cursor's deadline, so it is hidden when woken

// The earliest deadline. Sleeping longer would leave the picture wrong (a stale clock or countdown, a
// missed page change) or let the watchdog lapse; waking sooner costs CPU on a board that is idle for days.
Wake NextWake(const WakeDeadlines& deadlines);

} // namespace wb
