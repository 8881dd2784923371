// Calendar dates and monthly periods, as the plans write them.
// Pure functions; no clock is read here: callers pass "today" in.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wb
{

using Date = std::chrono::year_month_day;

// A valid date from its parts, or empty: day 31 of a 30-day month, or a year outside 1900..2200.
std::optional<Date> MakeDate(int year, int month, int day);

// "mar", "march", "sept", "DEC" -> 3, 3, 9, 12: a prefix of at least three letters of a month's name.
std::optional<int> ParseMonthName(std::string_view text);

// "2023-03-31" -> date. Rejects anything else, including impossible dates (2023-02-30).
std::optional<Date> ParseIsoDate(std::string_view text);

// What a spreadsheet export holds: ISO "2023-03-31" or the UK order "31/03/2023" (also "31/3/23").
std::optional<Date> ParseExportDate(std::string_view text);

std::string FormatIsoDate(Date date);

// Whole days from `from` to `to` (positive when `to` is later).
int DaysBetween(Date from, Date to);

// A calendar month: the unit of an indicator's series.
struct Period
{
    int year = 0;
    int month = 0; // 1..12

    auto operator<=>(const Period&) const = default;
};

// "2023-03" -> period.
std::optional<Period> ParseIsoPeriod(std::string_view text);

// A column heading of an indicator table as a plan or Excel writes it: "Mar-23", "Mar 23", "March 2023",
// "Sept 2023", "2023-03"; or the 1st of the month as a date: "01/03/2023" (UK order), "2023-03-01", or
// an Excel day number (44986), taken only from 2000 to 2099. A date on any other day is not a month.
std::optional<Period> ParsePeriodHeading(std::string_view text);

std::string FormatIsoPeriod(Period period);

// "Mar-23": how the plans print a month.
std::string FormatShortPeriod(Period period);

// "17 Apr 2023": how the board prints a date.
std::string FormatLongDate(Date date);

// The last day of a month: the date a figure for that month describes, and a month-only due falls on.
Date LastDayOfMonth(Period period);

// The wall clock where the board hangs (TZ, else /etc/localtime): `epoch_seconds` through strftime's
// `format` ("%H:%M"), and the day it falls on, which "overdue" is measured against.
std::string FormatLocalTime(std::int64_t epoch_seconds, const char* format);
Date LocalDate(std::int64_t epoch_seconds);

} // namespace wb
