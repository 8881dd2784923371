// Office hours on the wall (screen_schedule.h).
#include "board/screen_schedule.h"

#include "board/board.h"
#include "core/date.h"
#include "io/sync.h"
#include "platform/display_power.h"

#include <cmath>

namespace wb::board
{

ScreenSchedule::~ScreenSchedule()
{
    SwitchOnIfDark();
}

void ScreenSchedule::SwitchOnIfDark() const
{
    if (m_mode == ScreenMode::Dark)
        if (std::string error = platform::SetDisplayPower(m_method, true); !error.empty())
            Log("cannot switch the display on: " + error);
}

ScreenMode ScreenSchedule::Update(const OfficeHours& hours, std::int64_t epoch, double now, io::Sync& sync,
                                  long frames)
{
    // Worked out again each minute, at a change, or for new hours (a new profile); not every frame.
    if (!(hours == m_hours && epoch / 60 == m_minute &&
          (!m_state.next_change || epoch < *m_state.next_change)))
    {
        m_state = ScheduleAt(hours, EnglandAndWalesBankHolidays(), epoch);
        m_hours = hours;
        m_minute = epoch / 60;
    }
    if (m_state.on || (m_woken_until && now >= *m_woken_until))
        m_woken_until.reset();
    const bool woken = m_woken_until.has_value();
    const bool off = !m_state.on && !woken;
    const auto clock = [epoch] { return FormatLocalTime(epoch, "%H:%M"); }; // for the log alone
    if (off && m_mode == ScreenMode::On)
    {
        m_mode = ScreenMode::Notice;
        m_switch_pending = true;
        m_notice_minute = -1;
        m_off_since = now;
        m_frames_when_off = frames;
        Log("off hours from " + clock() + ": " + m_state.words);
    }
    else if (!off && m_mode != ScreenMode::On)
    {
        SwitchOnIfDark();
        const double off_s = now - m_off_since;
        const std::string off_for = off_s < 120 ? std::to_string(std::lround(off_s)) + " s"
                                                : std::to_string(std::lround(off_s / 60)) + " min";
        Log("screen on at " + clock() + (woken ? ", woken by a touch" : ", office hours") + ", after " +
            off_for + " off (" +
            (m_mode == ScreenMode::Dark ? "display switched off by " + m_method : std::string("the notice")) +
            "), " + std::to_string(frames - m_frames_when_off) + " frames drawn while off");
        m_mode = ScreenMode::On;
        m_switch_pending = false;
    }
    if (m_state.on)
        sync.SetScreen("on", "");
    else
        sync.SetScreen(io::kScreenOffHours, woken ? m_state.words + " (woken by a touch)" : m_state.words);
    return m_mode;
}

void ScreenSchedule::SwitchOff(const std::string& method, long frames)
{
    m_switch_pending = false;
    m_frames_when_off = frames;
    if (std::string error = platform::SetDisplayPower(method, false); !error.empty())
    {
        Log("screen not switched off (" + error + "): the notice stays, dim, on black");
        return;
    }
    m_method = method;
    m_mode = ScreenMode::Dark;
    Log("screen off: display switched off by " + method);
}

void ScreenSchedule::Touched(double now, int idle_resume_s)
{
    if (!m_state.on)
        m_woken_until = now + idle_resume_s;
}

std::optional<double> ScreenSchedule::SecondsToChange(std::int64_t epoch, double now) const
{
    std::optional<double> seconds;
    if (m_state.next_change)
        seconds = static_cast<double>(*m_state.next_change - epoch);
    if (m_woken_until && (!seconds || *m_woken_until - now < *seconds))
        seconds = *m_woken_until - now;
    return seconds;
}

bool ScreenSchedule::NoticeDue(std::int64_t epoch) const
{
    return m_mode == ScreenMode::Notice && epoch / 60 != m_notice_minute;
}

void ScreenSchedule::NoticeDrawn(std::int64_t epoch)
{
    m_notice_minute = epoch / 60;
}

} // namespace wb::board
