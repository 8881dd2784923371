// Office hours (office_hours.h): reading the [office-hours] table, the shipped bank holidays and the
// schedule. Local times go through localtime_r and mktime, so the clock changes come from the time-zone
// database, never from a rule of ours.
#include "core/office_hours.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace wb
{

extern const char* const kEnglandAndWalesBankHolidaysText; // generated from the data file at build time

namespace
{

constexpr const char* kDayKeys[7] = {"monday", "tuesday",  "wednesday", "thursday",
                                     "friday", "saturday", "sunday"};
constexpr const char* kDayNames[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                      "Friday", "Saturday", "Sunday"};
constexpr int kMinutesPerDay = 24 * 60;
constexpr int kSearchDays = 400; // past this with no open day the screen is simply off

std::string Where(const std::string& file, const toml::node& node, const std::string& key)
{
    return file + ":" + std::to_string(node.source().begin.line) + ": office-hours." + key;
}

// "07:30" -> 450; up to "24:00" when `end`.
std::optional<int> ParseClockTime(std::string_view text, bool end)
{
    if (text.size() != 5 || text[2] != ':')
        return std::nullopt;
    for (size_t i : {0u, 1u, 3u, 4u})
        if (text[i] < '0' || text[i] > '9')
            return std::nullopt;
    const int hours = (text[0] - '0') * 10 + (text[1] - '0'),
              minutes = (text[3] - '0') * 10 + (text[4] - '0');
    if (minutes > 59 || hours > 24 || (hours == 24 && (!end || minutes != 0)))
        return std::nullopt;
    return hours * 60 + minutes;
}

// "07:30-18:00" or "closed".
std::optional<DayHours> ParseDayHours(std::string_view text)
{
    if (text == "closed")
        return DayHours{};
    const size_t dash = text.find('-');
    if (dash == std::string_view::npos)
        return std::nullopt;
    const auto on = ParseClockTime(text.substr(0, dash), false),
               off = ParseClockTime(text.substr(dash + 1), true);
    if (!on || !off || *off <= *on)
        return std::nullopt;
    return DayHours{*on, *off};
}

std::optional<Date> NodeDate(const toml::node& node)
{
    if (const auto* text = node.as_string())
        return ParseIsoDate(text->get());
    if (const auto* date = node.as_date())
        return MakeDate(date->get().year, date->get().month, date->get().day);
    return std::nullopt;
}

// The local calendar day and time of `epoch`.
struct LocalMoment
{
    Date date;
    int weekday = 0; // 0 Monday
};

LocalMoment Local(std::int64_t epoch)
{
    const std::time_t t = static_cast<std::time_t>(epoch);
    std::tm local{};
    localtime_r(&t, &local);
    return {Date{std::chrono::year(local.tm_year + 1900),
                 std::chrono::month(static_cast<unsigned>(local.tm_mon + 1)),
                 std::chrono::day(static_cast<unsigned>(local.tm_mday))},
            (local.tm_wday + 6) % 7};
}

// The moment local `date` shows `minute` (24:00 is the next midnight). In the spring gap the C library
// moves it an hour on; in the autumn's repeated hour it picks one of the two.
std::int64_t EpochAt(Date date, int minute)
{
    std::tm local{};
    local.tm_year = static_cast<int>(date.year()) - 1900;
    local.tm_mon = static_cast<int>(static_cast<unsigned>(date.month())) - 1;
    local.tm_mday = static_cast<int>(static_cast<unsigned>(date.day()));
    local.tm_hour = minute / 60;
    local.tm_min = minute % 60;
    local.tm_isdst = -1;
    return static_cast<std::int64_t>(std::mktime(&local));
}

int Weekday(Date date)
{
    return static_cast<int>(std::chrono::weekday(std::chrono::sys_days(date)).iso_encoding()) - 1;
}

Date AddDays(Date date, int days)
{
    return Date{std::chrono::sys_days(date) + std::chrono::days(days)};
}

// The hours `date` keeps: its weekday's, unless it is a closure day or (when they count) a bank holiday.
DayHours HoursOn(const OfficeHours& hours, const std::vector<Date>& holidays, Date date)
{
    const bool closed =
        std::find(hours.closed_days.begin(), hours.closed_days.end(), date) != hours.closed_days.end() ||
        (hours.bank_holidays && std::binary_search(holidays.begin(), holidays.end(), date));
    return closed ? DayHours{} : hours.days[static_cast<size_t>(Weekday(date))];
}

std::string ClockText(int minute)
{
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", minute / 60 % 24, minute % 60);
    return text;
}

// "Screen off until 07:30 Monday": today's time alone, "tomorrow", a weekday within the week, else a date.
std::string OffWords(Date today, Date opens, int minute)
{
    const int days = DaysBetween(today, opens);
    std::string words = "Screen off until " + ClockText(minute);
    if (days == 1)
        words += " tomorrow";
    else if (days > 1 && days < 7)
        words += std::string(" ") + kDayNames[Weekday(opens)];
    else if (days >= 7)
        words += std::string(" ") + kDayNames[Weekday(opens)] + " " + FormatLongDate(opens);
    return words;
}

} // namespace

OfficeHours ReadOfficeHours(const toml::table& table, const std::string& file, std::vector<Problem>& problems)
{
    OfficeHours hours;
    hours.configured = true;
    std::optional<DayHours> weekdays;
    std::array<std::optional<DayHours>, 7> days;
    bool any_day = false; // a day's key, even one with a wrong value (said once, as that)
    for (const auto& [key_name, node] : table)
    {
        const std::string key(key_name.str());
        const auto day = std::find(std::begin(kDayKeys), std::end(kDayKeys), key);
        if (day != std::end(kDayKeys) || key == "weekdays")
        {
            any_day = true;
            const auto* text = node.as_string();
            const auto parsed = text ? ParseDayHours(text->get()) : std::nullopt;
            if (!parsed)
                problems.push_back(
                    {Where(file, node, key),
                     "must be the hours on and off as \"07:30-18:00\" (24-hour, off after on, up "
                     "to \"24:00\") or \"closed\"."});
            else if (key == "weekdays")
                weekdays = parsed;
            else
                days[static_cast<size_t>(day - std::begin(kDayKeys))] = parsed;
        }
        else if (key == "closed-days")
        {
            const auto* list = node.as_array();
            if (!list)
                problems.push_back(
                    {Where(file, node, key), "must be a list of dates, e.g. [\"2026-12-24\"]."});
            else
                for (const toml::node& item : *list)
                    if (const auto date = NodeDate(item))
                        hours.closed_days.push_back(*date);
                    else
                        problems.push_back(
                            {Where(file, item, key), "must be a date as YYYY-MM-DD, e.g. \"2026-12-24\"."});
        }
        else if (key == "bank-holidays")
        {
            if (const auto* flag = node.as_boolean())
                hours.bank_holidays = flag->get();
            else
                problems.push_back(
                    {Where(file, node, key),
                     "must be true (the screen is off on England and Wales bank holidays) or false."});
        }
        else
            problems.push_back({Where(file, node, key),
                                "is not an office-hours setting; they are monday ... sunday, weekdays, "
                                "closed-days and bank-holidays."});
    }
    for (size_t i = 0; i < days.size(); ++i)
        hours.days[i] = days[i] ? *days[i] : (i < 5 && weekdays ? *weekdays : DayHours{});
    if (!any_day)
        problems.push_back({file + ":" + std::to_string(table.source().begin.line) + ": office-hours",
                            "gives no day's hours; add weekdays = \"07:30-18:00\" or a day's own, e.g. "
                            "monday = \"08:00-17:00\"."});
    return hours;
}

Result<std::vector<Date>> ParseHolidayList(std::string_view text, const std::string& name)
{
    std::vector<Date> dates;
    std::vector<Problem> problems;
    int line_number = 0;
    while (!text.empty())
    {
        const size_t end = std::min(text.find('\n'), text.size());
        const std::string_view line = text.substr(0, end);
        text.remove_prefix(std::min(end + 1, text.size()));
        ++line_number;
        if (line.empty() || line.front() == '#')
            continue;
        if (const auto date = ParseIsoDate(line.substr(0, 10));
            date && (line.size() == 10 || line[10] == ' '))
            dates.push_back(*date);
        else
            problems.push_back(
                {name + ":" + std::to_string(line_number), "must start with a date as YYYY-MM-DD."});
    }
    if (!problems.empty())
        return problems;
    std::sort(dates.begin(), dates.end());
    return dates;
}

const std::vector<Date>& EnglandAndWalesBankHolidays()
{
    // Read once; a broken data file fails its test and the build's checks, and here leaves no holidays.
    static const std::vector<Date> holidays = []
    {
        auto parsed = ParseHolidayList(kEnglandAndWalesBankHolidaysText, "england-and-wales.txt");
        return parsed.Ok() ? std::move(parsed).Value() : std::vector<Date>{};
    }();
    return holidays;
}

ScheduleState ScheduleAt(const OfficeHours& hours, const std::vector<Date>& holidays, std::int64_t epoch)
{
    if (!hours.configured)
        return {};
    const Date today = Local(epoch).date;
    const DayHours now_hours = HoursOn(hours, holidays, today);
    if (now_hours.Open() && EpochAt(today, now_hours.on) <= epoch && epoch < EpochAt(today, now_hours.off))
    {
        // On until today's off time, or further while one day's 24:00 meets the next day's 00:00.
        Date day = today;
        DayHours span = now_hours;
        for (int i = 0; i < kSearchDays && span.off == kMinutesPerDay; ++i)
        {
            const DayHours next = HoursOn(hours, holidays, AddDays(day, 1));
            if (!next.Open() || next.on != 0)
                break;
            day = AddDays(day, 1);
            span = next;
        }
        return {true, EpochAt(day, span.off), ""};
    }
    for (int i = 0; i < kSearchDays; ++i)
    {
        const Date day = AddDays(today, i);
        const DayHours day_hours = HoursOn(hours, holidays, day);
        if (day_hours.Open() && EpochAt(day, day_hours.on) > epoch)
            return {false, EpochAt(day, day_hours.on), OffWords(today, day, day_hours.on)};
    }
    return {false, std::nullopt, "Screen off"};
}

std::optional<std::int64_t> ParseLocalDateTime(std::string_view text)
{
    if (text.size() != 19 || text[10] != 'T')
        return std::nullopt;
    const auto date = ParseIsoDate(text.substr(0, 10));
    const auto time = ParseClockTime(text.substr(11, 5), false);
    if (!date || !time || text[16] != ':' || text[17] < '0' || text[17] > '5' || text[18] < '0' ||
        text[18] > '9')
        return std::nullopt;
    return EpochAt(*date, *time) + (text[17] - '0') * 10 + (text[18] - '0');
}

} // namespace wb
