// The keep-alive schedule.
#include "core/watchdog.h"

#include <algorithm>

namespace wb
{
namespace
{

// How early a keep-alive may go: a wait's timeout is rounded by the kernel and the event library, and
// waking 1 ms short of the deadline must not mean another frame 1 ms later just to send it.
constexpr double kEarlySeconds = 0.01;

} // namespace

double WatchdogPingInterval(std::uint64_t watchdog_usec)
{
    return static_cast<double>(watchdog_usec) / 2e6;
}

WatchdogSchedule::WatchdogSchedule(double interval_s) : m_interval(std::max(interval_s, 0.0))
{
}

bool WatchdogSchedule::Due(double now) const
{
    if (!Enabled())
        return false;
    return !m_last || now + kEarlySeconds >= *m_last + m_interval;
}

void WatchdogSchedule::Sent(double now)
{
    m_last = now;
}

std::optional<double> WatchdogSchedule::SecondsUntilDue(double now) const
{
    if (!Enabled())
        return std::nullopt;
    if (Due(now))
        return 0.0;
    return *m_last + m_interval - now;
}

} // namespace wb
