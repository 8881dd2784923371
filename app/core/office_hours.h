// Office hours: when the screen is on. The `[office-hours]` table of board.toml and of a screen profile
// (its format and its reading), the England and Wales bank holidays the board ships with
// (config/bank-holidays/england-and-wales.txt, compiled in), and the schedule as a pure function of the
// hours, the holidays and a moment: on or off, when that next changes, and the words the dark screen says.
// Local time is the C library's (TZ, else /etc/localtime): its time-zone database knows the clock changes.
#pragma once

#include "core/date.h"
#include "core/problem.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace toml
{
inline namespace v3 // toml++ 3's namespace (Debian bookworm: 3.3); config.cpp includes the whole library
{
class table;
}
} // namespace toml

namespace wb
{

// One weekday's hours: on from `on` until `off`, in minutes after local midnight (off up to 24:00).
struct DayHours
{
    int on = -1; // -1: closed all day
    int off = -1;
    bool Open() const { return on >= 0; }
    bool operator==(const DayHours&) const = default;
};

struct OfficeHours
{
    bool configured = false;       // no [office-hours] table: the screen is always on
    std::array<DayHours, 7> days;  // Monday first; a day not given is closed
    std::vector<Date> closed_days; // the council's own closure days
    bool bank_holidays = true;     // England and Wales bank holidays are closed days
    bool operator==(const OfficeHours&) const = default;
};

// The schedule at one moment.
struct ScheduleState
{
    bool on = true;
    std::optional<std::int64_t> next_change; // seconds since the epoch; empty: never (always on, or no
                                             // open day within a year)
    std::string words;                       // while off: "Screen off until 07:30 Monday"; empty while on
};

// Reads an [office-hours] table. Its keys: monday ... sunday and `weekdays` (Monday to Friday; a day's own
// key wins) as "07:30-18:00" or "closed", `closed-days` (dates), `bank-holidays` (true or false). Each
// problem says "file:line: office-hours.key" and what to write instead.
OfficeHours ReadOfficeHours(const toml::table& table, const std::string& file,
                            std::vector<Problem>& problems);

// The England and Wales bank holidays the board ships with, in order (2026 to 2030).
const std::vector<Date>& EnglandAndWalesBankHolidays();

// "2026-12-25 Christmas Day" lines (and # comments, blank lines) -> the dates in order; a line that is
// not a date is a problem naming its line.
Result<std::vector<Date>> ParseHolidayList(std::string_view text, const std::string& name);

// On or off at `epoch`, and until when. `holidays` counts only when `hours.bank_holidays` is set.
ScheduleState ScheduleAt(const OfficeHours& hours, const std::vector<Date>& holidays, std::int64_t epoch);

// "2026-11-30T17:59:50" as local time -> seconds since the epoch: the `clock` setting's format.
std::optional<std::int64_t> ParseLocalDateTime(std::string_view text);

} // namespace wb
