// The frame loop's sleep (frame_pacing.h).
#include "core/frame_pacing.h"

#include <algorithm>

namespace wb
{

Wake NextWake(const WakeDeadlines& d)
{
    Wake wake{std::max(d.to_minute, 0.0), WakeReason::Minute};
    const auto consider = [&](std::optional<double> seconds, WakeReason reason)
    {
        if (seconds && *seconds < wake.seconds)
            wake = {std::max(*seconds, 0.0), reason};
    };
    consider(d.navigation, WakeReason::Navigation);
    if (d.cue_counting)
        consider(kCueStepSeconds, WakeReason::Cue);
    if (d.resume_counting)
        consider(kResumeStepSeconds, WakeReason::ResumeCountdown);
    consider(d.long_press, WakeReason::LongPress);
    if (d.cursor_hides)
        consider(*d.cursor_hides + kCursorSlackSeconds, WakeReason::CursorHides);
    consider(d.keep_alive, WakeReason::KeepAlive);
    consider(d.other, WakeReason::Other);
    consider(d.schedule, WakeReason::Schedule);
    consider(d.burn_in, WakeReason::BurnIn);
    return wake;
}

} // namespace wb
