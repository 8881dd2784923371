// Date and period parsing for plans and exports.
#include "core/date.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <ctime>

namespace wb
{
namespace
{

constexpr std::array<std::string_view, 12> kMonthNames = {"january",   "february", "march",    "april",
                                                          "may",       "june",     "july",     "august",
                                                          "september", "october",  "november", "december"};

std::optional<int> ParseDigits(std::string_view text, size_t min_digits, size_t max_digits)
{
    if (text.size() < min_digits || text.size() > max_digits)
        return std::nullopt;
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

} // namespace

std::optional<Date> MakeDate(int year, int month, int day)
{
    const Date date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                    std::chrono::day(static_cast<unsigned>(day))};
    if (!date.ok() || year < 1900 || year > 2200)
        return std::nullopt;
    return date;
}

std::optional<int> ParseMonthName(std::string_view text)
{
    if (text.size() < 3)
        return std::nullopt;
    std::string lower;
    for (char c : text)
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    for (size_t i = 0; i < kMonthNames.size(); ++i)
        if (kMonthNames[i].starts_with(lower))
            return static_cast<int>(i) + 1;
    return std::nullopt;
}

std::optional<Date> ParseIsoDate(std::string_view text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    auto year = ParseDigits(text.substr(0, 4), 4, 4);
    auto month = ParseDigits(text.substr(5, 2), 2, 2);
    auto day = ParseDigits(text.substr(8, 2), 2, 2);
    if (!year || !month || !day)
        return std::nullopt;
    return MakeDate(*year, *month, *day);
}

std::optional<Date> ParseExportDate(std::string_view text)
{
    if (auto iso = ParseIsoDate(text))
        return iso;
    const size_t first = text.find('/');
    const size_t second = first == std::string_view::npos ? first : text.find('/', first + 1);
    if (second == std::string_view::npos)
        return std::nullopt;
    auto day = ParseDigits(text.substr(0, first), 1, 2);
    auto month = ParseDigits(text.substr(first + 1, second - first - 1), 1, 2);
    auto year_text = text.substr(second + 1);
    auto year = ParseDigits(year_text, 2, 4);
    if (!day || !month || !year || year_text.size() == 3)
        return std::nullopt;
    return MakeDate(year_text.size() == 2 ? 2000 + *year : *year, *month, *day);
}

std::string FormatIsoDate(Date date)
{
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

int DaysBetween(Date from, Date to)
{
    return static_cast<int>((std::chrono::sys_days(to) - std::chrono::sys_days(from)).count());
}

std::optional<Period> ParseIsoPeriod(std::string_view text)
{
    if (text.size() != 7 || text[4] != '-')
        return std::nullopt;
    auto year = ParseDigits(text.substr(0, 4), 4, 4);
    auto month = ParseDigits(text.substr(5, 2), 2, 2);
    if (!year || !month || *month < 1 || *month > 12 || *year < 1900 || *year > 2200)
        return std::nullopt;
    return Period{*year, *month};
}

namespace
{

// Excel's day numbers: 1 is 1900-01-01, and it counts a 29 February 1900 that never was, so from 61 on
// day n is n days after 1899-12-30. Only 2000-01-01 (36526) to 2099-12-31 (73050) are taken as dates,
// so that a column of small numbers is never read as months.
std::optional<Date> ExcelSerialDate(std::string_view text)
{
    auto serial = ParseDigits(text, 5, 5);
    if (!serial || *serial < 36526 || *serial > 73050)
        return std::nullopt;
    constexpr std::chrono::sys_days kEpoch = std::chrono::year(1899) / std::chrono::December / 30;
    return Date(kEpoch + std::chrono::days(*serial));
}

} // namespace

std::optional<Period> ParsePeriodHeading(std::string_view text)
{
    if (auto iso = ParseIsoPeriod(text))
        return iso;
    // A date stands for its month only when it is the 1st, as Excel writes a month column typed as a
    // date ("01/10/2019", "2019-10-01", 43739). Any other day is not a month heading at all.
    std::string_view date_text = text;
    for (std::string_view midnight : {" 00:00:00", " 00:00"})
        if (date_text.ends_with(midnight))
            date_text.remove_suffix(midnight.size());
    std::optional<Date> date = ParseExportDate(date_text);
    if (!date)
        date = ExcelSerialDate(date_text);
    if (date)
    {
        if (date->day() != std::chrono::day(1))
            return std::nullopt;
        return Period{static_cast<int>(date->year()), static_cast<int>(static_cast<unsigned>(date->month()))};
    }
    const size_t split = text.find_first_of("- ");
    if (split == std::string_view::npos)
        return std::nullopt;
    auto month = ParseMonthName(text.substr(0, split));
    auto year_text = text.substr(split + 1);
    auto year = ParseDigits(year_text, 2, 4);
    if (!month || !year || year_text.size() == 3)
        return std::nullopt;
    return Period{year_text.size() == 2 ? 2000 + *year : *year, *month};
}

std::string FormatIsoPeriod(Period period)
{
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", period.year, period.month);
    return text;
}

namespace
{
constexpr std::array<const char*, 12> kShortMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
}

std::string FormatShortPeriod(Period period)
{
    char text[16];
    std::snprintf(text, sizeof text, "%s-%02d", kShortMonths[static_cast<size_t>(period.month - 1)],
                  period.year % 100);
    return text;
}

std::string FormatLongDate(Date date)
{
    return std::to_string(static_cast<unsigned>(date.day())) + " " +
           kShortMonths[static_cast<unsigned>(date.month()) - 1] + " " +
           std::to_string(static_cast<int>(date.year()));
}

Date LastDayOfMonth(Period period)
{
    const std::chrono::year_month_day_last last{std::chrono::year(period.year) /
                                                std::chrono::month(period.month) / std::chrono::last};
    return Date(last);
}

std::string FormatLocalTime(std::int64_t epoch_seconds, const char* format)
{
    const std::time_t t = static_cast<std::time_t>(epoch_seconds);
    std::tm local{};
    localtime_r(&t, &local);
    char text[48];
    std::strftime(text, sizeof text, format, &local);
    return text;
}

Date LocalDate(std::int64_t epoch_seconds)
{
    const std::time_t t = static_cast<std::time_t>(epoch_seconds);
    std::tm local{};
    localtime_r(&t, &local);
    return Date{std::chrono::year(local.tm_year + 1900),
                std::chrono::month(static_cast<unsigned>(local.tm_mon + 1)),
                std::chrono::day(static_cast<unsigned>(local.tm_mday))};
}

} // namespace wb
