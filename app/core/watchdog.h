// When the board next tells systemd it is alive (WATCHDOG=1). systemd restarts the service when no
// keep-alive comes for WatchdogSec; the board sends one every half of it (as sd_watchdog_enabled(3)
// advises), and only from its frame loop after a frame, so a loop stuck in the GL driver goes quiet.
// Pure: the caller passes the clock (seconds as a double), so tests drive it with a fake one.
#pragma once

#include <cstdint>
#include <optional>

namespace wb
{

// Seconds between keep-alives for a watchdog of `watchdog_usec` microseconds (WATCHDOG_USEC): half of it.
// 0 (no watchdog) gives 0.
double WatchdogPingInterval(std::uint64_t watchdog_usec);

class WatchdogSchedule
{
  public:
    // A keep-alive each `interval_s` seconds; 0 or less: no watchdog, nothing is ever due.
    explicit WatchdogSchedule(double interval_s = 0);

    bool Enabled() const { return m_interval > 0; }
    double Interval() const { return m_interval; }

    // True when a keep-alive is due at `now`: the first one at once, then `interval_s` after the last.
    // A few milliseconds early counts as due, so a sleep that wakes a little before its deadline does not
    // cost a second frame to send it.
    bool Due(double now) const;
    // A keep-alive was sent at `now`.
    void Sent(double now);
    // Seconds from `now` until the next keep-alive is due (0 when due), for the frame loop's sleep; empty
    // without a watchdog.
    std::optional<double> SecondsUntilDue(double now) const;

  private:
    double m_interval = 0;
    std::optional<double> m_last; // when the last keep-alive was sent
};

} // namespace wb
