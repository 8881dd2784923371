// Office hours on the wall: whether the live board draws, and the display's power. Outside office hours
// the board draws a dim "Screen off until 07:30 Monday" on black once, then switches the display off
// (display-off: dpms or cec) and draws nothing more; where it cannot (none, or the switch failed) the
// notice stays, redrawn a little further along each minute. A touch wakes it for idle-resume seconds.
// The schedule is worked out from the options at each call (core/office_hours.h), never kept from
// start-up, so new options apply at once. Render thread only.
#pragma once

#include "core/office_hours.h"

#include <cstdint>
#include <optional>
#include <string>

namespace wb::io
{
class Sync;
}

namespace wb::board
{

enum class ScreenMode
{
    On,     // office hours, or woken by a touch: the board draws as ever
    Notice, // off hours: the dim notice on black, once a minute
    Dark,   // off hours, the display switched off: no frames
};

class ScreenSchedule
{
  public:
    ScreenSchedule() = default;
    // A board stopped while dark leaves the display on: for the next start, and for X's own blanking.
    ~ScreenSchedule();
    ScreenSchedule(const ScreenSchedule&) = delete;
    ScreenSchedule& operator=(const ScreenSchedule&) = delete;

    // The mode at `epoch` (the board's clock) and `now` (the monotonic clock); logs and tells the status
    // file when the screen goes off or on. Switching the display on happens here; off in SwitchOff().
    // `frames`: the frames the board has drawn so far, for the log's count of those drawn while off.
    ScreenMode Update(const OfficeHours& hours, std::int64_t epoch, double now, io::Sync& sync, long frames);
    // After the notice's first frame: switches the display off (Dark), or keeps the notice if it cannot.
    void SwitchOff(const std::string& method, long frames);
    // A touch or a key: during off hours, on for `idle_resume_s` from `now` (again from each touch).
    void Touched(double now, int idle_resume_s);
    // Seconds until Update() may answer differently: the next change of office hours, or the wake's end.
    std::optional<double> SecondsToChange(std::int64_t epoch, double now) const;
    // The notice is due: it has not been drawn, or not this minute.
    bool NoticeDue(std::int64_t epoch) const;
    void NoticeDrawn(std::int64_t epoch);
    bool SwitchPending() const { return m_switch_pending; }
    ScreenMode Mode() const { return m_mode; }
    const std::string& Words() const { return m_state.words; }

  private:
    void SwitchOnIfDark() const;

    ScheduleState m_state;
    OfficeHours m_hours;        // what m_state was worked out from
    std::int64_t m_minute = -1; // and in which minute
    ScreenMode m_mode = ScreenMode::On;
    std::optional<double> m_woken_until;
    std::string m_method;          // what switched the display off, so the same switches it on
    bool m_switch_pending = false; // off hours began; the notice is drawn before the display goes off
    std::int64_t m_notice_minute = -1;
    double m_off_since = 0;
    long m_frames_when_off = 0; // the board's frame count after the notice's first frame
};

} // namespace wb::board
