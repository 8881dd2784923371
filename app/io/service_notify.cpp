// sd_notify for the board, and the words of its STATUS= line.
#include "io/service_notify.h"

#include <systemd/sd-daemon.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace wb::io
{

std::string ServiceStatusLine(SyncState state, std::string_view shown, std::string_view freshness)
{
    std::string line = ToString(state);
    for (const std::string_view part : {shown, freshness})
        if (!part.empty())
            line.append(" · ").append(part);
    return line;
}

ServiceNotifier::ServiceNotifier(LogFn log) : m_log(std::move(log))
{
    const char* socket = std::getenv("NOTIFY_SOCKET");
    m_active = socket && *socket;
    if (!m_active)
        return;
    std::uint64_t usec = 0;
    const int enabled = sd_watchdog_enabled(0, &usec);
    if (enabled > 0)
    {
        m_watchdog = WatchdogSchedule(WatchdogPingInterval(usec));
        char line[120];
        std::snprintf(line, sizeof line, "systemd watchdog: a keep-alive every %g s (WatchdogSec=%g)",
                      WatchdogPingInterval(usec), static_cast<double>(usec) / 1e6);
        m_log(line);
    }
    else if (enabled < 0)
        m_log("systemd watchdog: WATCHDOG_USEC or WATCHDOG_PID is not a number (" +
              std::string(std::strerror(-enabled)) + "): no keep-alives will be sent");
    else if (const char* pid = std::getenv("WATCHDOG_PID"); pid && std::getenv("WATCHDOG_USEC"))
        m_log("systemd watchdog: WATCHDOG_PID is " + std::string(pid) + ", not this process (" +
              std::to_string(getpid()) +
              "), so no keep-alives will be sent and systemd will restart the board; start it with "
              "`export WATCHDOG_PID=$$; exec wallboard ...` as /usr/lib/wallboard/kiosk-session does");
}

void ServiceNotifier::Ready()
{
    if (!m_active || m_ready)
        return;
    m_ready = true;
    Send("READY=1");
}

void ServiceNotifier::KeepAlive(double now)
{
    if (!m_active || !m_watchdog.Due(now))
        return;
    m_watchdog.Sent(now);
    Send("WATCHDOG=1");
}

std::optional<double> ServiceNotifier::SecondsUntilKeepAlive(double now) const
{
    if (!m_active)
        return std::nullopt;
    return m_watchdog.SecondsUntilDue(now);
}

void ServiceNotifier::Stopping()
{
    if (m_active)
        Send("STOPPING=1");
}

void ServiceNotifier::Send(const char* message)
{
    // 0 keeps NOTIFY_SOCKET for the next message; sd_notify returns 0 when no socket is set, < 0 on error.
    const int result = sd_notify(0, message);
    if (result < 0 && !m_failed)
    {
        m_failed = true;
        m_log(std::string("could not tell systemd \"") + message + "\": " + std::strerror(-result) +
              " (further failures are not logged)");
    }
}

} // namespace wb::io
