// Telling systemd how the board is doing (sd_notify(3), libsystemd): READY=1, WATCHDOG=1, STATUS=,
// STOPPING=1, for a unit with Type=notify and WatchdogSec=.
//
// [X] Nothing at all when NOTIFY_SOCKET is unset: a board started by hand or by a test sends nothing
// [X] READY=1 once; the caller says when (the board: after its first complete frame)
// [X] WATCHDOG=1 every half of WATCHDOG_USEC, only when sd_watchdog_enabled() accepts this process
//     (WATCHDOG_PID must be ours: kiosk-session does `export WATCHDOG_PID=$$` then `exec wallboard`,
//     as systemd names xinit, the unit's main process); a mismatch is logged once, in words
// [X] STATUS= only when its words change; the words from ServiceStatusLine()
// [X] STOPPING=1 on a clean exit
// [ ] EXTEND_TIMEOUT_USEC, RELOADING=1, the file descriptor store: the board has no use for them
// Threads: one thread only, the loop the keep-alive vouches for (the frame loop, or the headless loop).
// Never from a helper thread: a keep-alive from anywhere else would hide a stuck render loop.
#pragma once

#include "core/watchdog.h"
#include "io/cache.h"
#include "io/status.h"

#include <optional>
#include <string>
#include <string_view>

namespace wb::io
{

// What `systemctl status` shows on its Status: line, its words from the ones the board already says:
// the sync state (io/status.h), the view shown (its title), and the status strip's words (its warning
// when it has one, else its status line: io/freshness.h). Empty parts are left out.
// E.g. "online · Front Door, part 2 · Synced 14:02 · figures as of 17 Apr 2023".
std::string ServiceStatusLine(SyncState state, std::string_view shown, std::string_view freshness);

class ServiceNotifier
{
  public:
    // Reads NOTIFY_SOCKET and the watchdog settings (WATCHDOG_USEC, WATCHDOG_PID) once. `log` gets a
    // line for the watchdog's interval, a watchdog refused for another process, and the first failure.
    explicit ServiceNotifier(LogFn log);

    // NOTIFY_SOCKET is set: someone listens. Everything below does nothing when it is not.
    bool Active() const { return m_active; }
    // Seconds between keep-alives; 0 without a watchdog.
    double WatchdogInterval() const { return m_watchdog.Interval(); }

    // READY=1, the first time only.
    void Ready();
    // WATCHDOG=1 when one is due at `now` (seconds on the caller's monotonic clock). No system call
    // unless one is due.
    void KeepAlive(double now);
    // Seconds until the next keep-alive is due, for the loop's sleep; empty without a watchdog.
    std::optional<double> SecondsUntilKeepAlive(double now) const;

    // STATUS= with ServiceStatusLine()'s words, when the state, the view or the words changed since the
    // last call. `title()` names the view in words and is called only then; nothing is allocated when
    // nothing changed, so the frame loop may call this every frame.
    template <class TitleFn>
    void UpdateStatus(SyncState state, const std::string& view, const std::string& freshness, TitleFn&& title)
    {
        if (!m_active || (m_status_sent && state == m_state && view == m_view && freshness == m_freshness))
            return;
        m_status_sent = true;
        m_state = state;
        m_view = view;
        m_freshness = freshness;
        Send(("STATUS=" + ServiceStatusLine(state, title(), freshness)).c_str());
    }

    // STOPPING=1: the board is closing of its own accord (SIGTERM, the admin PIN).
    void Stopping();

  private:
    void Send(const char* message);

    LogFn m_log;
    bool m_active = false;
    bool m_ready = false;
    bool m_failed = false; // a send failed: logged once
    WatchdogSchedule m_watchdog;
    bool m_status_sent = false;
    SyncState m_state = SyncState::Stale;
    std::string m_view;
    std::string m_freshness;
};

} // namespace wb::io
