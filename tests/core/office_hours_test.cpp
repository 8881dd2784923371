// Office hours: the shipped bank holidays against the rules (with an Easter of the test's own), the
// [office-hours] table's reading, and the schedule with a fake clock in Europe/London across a bank
// holiday week, both clock changes of 2026, a closed weekend and closure days. Expected moments are
// written in UTC by hand (GMT until 29 March 01:00 UTC and from 25 October 01:00 UTC, BST between), so
// the oracle never goes through the C library's time zones that the code uses.
#include "core/config.h"
#include "core/office_hours.h"

#include "test_support.h"

#include <chrono>
#include <cstdlib>
#include <ctime>

using namespace wb;
using namespace std::chrono;

namespace
{

// TZ=Europe/London for one test, the process's own zone again after it.
class LondonTime
{
  public:
    LondonTime()
    {
        if (const char* tz = std::getenv("TZ"))
            m_old = tz;
        setenv("TZ", "Europe/London", 1);
        tzset();
    }
    ~LondonTime()
    {
        if (m_old)
            setenv("TZ", m_old->c_str(), 1);
        else
            unsetenv("TZ");
        tzset();
    }
    LondonTime(const LondonTime&) = delete;
    LondonTime& operator=(const LondonTime&) = delete;

  private:
    std::optional<std::string> m_old;
};

std::int64_t Utc(int y, unsigned m, unsigned d, int hh, int mm, int ss = 0)
{
    return (sys_days(year(y) / month(m) / day(d)) + hours(hh) + minutes(mm) + seconds(ss))
               .time_since_epoch() /
           1s;
}

Date D(int y, unsigned m, unsigned d)
{
    return year(y) / month(m) / day(d);
}

// Gauss's Easter algorithm (the constants M = 24, N = 5 hold for 1900 to 2099): a second method beside the
// one the data file was written with.
Date GaussEaster(int y)
{
    const int a = y % 19, b = y % 4, c = y % 7;
    const int d = (19 * a + 24) % 30, e = (2 * b + 4 * c + 6 * d + 5) % 7;
    int march_day = 22 + d + e;
    // The two exceptions of the Gregorian rule.
    if (d == 29 && e == 6)
        march_day = 31 + 19; // 19 April
    else if (d == 28 && e == 6 && (11 * 24 + 11) % 30 < 19)
        march_day = 31 + 18; // 18 April
    return march_day <= 31 ? D(y, 3, static_cast<unsigned>(march_day))
                           : D(y, 4, static_cast<unsigned>(march_day - 31));
}

weekday Wd(Date d)
{
    return weekday(sys_days(d));
}

Date Plus(Date d, int days)
{
    return Date(sys_days(d) + std::chrono::days(days));
}

// The first `wd` on or after `d`, and the last on or before it.
Date OnOrAfter(Date d, weekday wd)
{
    while (Wd(d) != wd)
        d = Plus(d, 1);
    return d;
}
Date OnOrBefore(Date d, weekday wd)
{
    while (Wd(d) != wd)
        d = Plus(d, -1);
    return d;
}

bool Weekend(Date d)
{
    return Wd(d) == Saturday || Wd(d) == Sunday;
}

// Every England and Wales bank holiday of `y` by the standing rules, substitute days included.
std::vector<Date> RuleHolidays(int y)
{
    const Date easter = GaussEaster(y);
    std::vector<Date> days;
    days.push_back(Weekend(D(y, 1, 1)) ? OnOrAfter(D(y, 1, 1), Monday) : D(y, 1, 1));
    days.push_back(Plus(easter, -2));
    days.push_back(Plus(easter, 1));
    days.push_back(OnOrAfter(D(y, 5, 1), Monday));
    days.push_back(OnOrBefore(D(y, 5, 31), Monday));
    days.push_back(OnOrBefore(D(y, 8, 31), Monday));
    // Christmas on a weekend moves to the next free weekday; then Boxing Day to the next free after it.
    Date christmas = D(y, 12, 25);
    while (Weekend(christmas))
        christmas = Plus(christmas, 1);
    Date boxing = D(y, 12, 26);
    while (Weekend(boxing) || boxing == christmas)
        boxing = Plus(boxing, 1);
    days.push_back(christmas);
    days.push_back(boxing);
    return days;
}

OfficeHours Load(const std::string& table)
{
    auto config = LoadBoardConfig("[office-hours]\n" + table, "board.toml");
    INFO(FormatProblems(config.Problems()));
    REQUIRE(config.Ok());
    return config.Value().office_hours;
}

OfficeHours Weekdays()
{
    return Load("weekdays = \"07:30-18:00\"\n");
}

} // namespace

TEST_CASE("Easter by Gauss's method matches the published Sundays", "[office-hours]")
{
    CHECK(GaussEaster(2026) == D(2026, 4, 5));
    CHECK(GaussEaster(2027) == D(2027, 3, 28));
    CHECK(GaussEaster(2028) == D(2028, 4, 16));
    CHECK(GaussEaster(2029) == D(2029, 4, 1));
    CHECK(GaussEaster(2030) == D(2030, 4, 21));
    CHECK(GaussEaster(2019) == D(2019, 4, 21));
}

TEST_CASE("the shipped bank holidays are exactly the rules' for 2026 to 2030", "[office-hours]")
{
    std::vector<Date> expected;
    for (int y = 2026; y <= 2030; ++y)
        for (const Date d : RuleHolidays(y))
            expected.push_back(d);
    std::sort(expected.begin(), expected.end());
    const std::vector<Date>& shipped = EnglandAndWalesBankHolidays();
    REQUIRE(shipped.size() == 40);
    for (size_t i = 0; i < expected.size(); ++i)
    {
        INFO(FormatIsoDate(expected[i]) << " expected, " << FormatIsoDate(shipped[i]) << " shipped");
        CHECK(shipped[i] == expected[i]);
    }
    // Hand-checked substitute days: Boxing Day 2026 is a Saturday, Christmas 2027 a Saturday, New Year
    // 2028 a Saturday.
    for (const Date d : {D(2026, 12, 28), D(2027, 12, 27), D(2027, 12, 28), D(2028, 1, 3)})
        CHECK(std::binary_search(shipped.begin(), shipped.end(), d));
    // The data file itself, read as the build reads it.
    const auto file = ParseHolidayList(
        test::ReadFile(test::SourceDir() + "/config/bank-holidays/england-and-wales.txt"), "file");
    REQUIRE(file.Ok());
    CHECK(file.Value() == shipped);
}

TEST_CASE("a holiday list with a line that is not a date names the line", "[office-hours]")
{
    const auto parsed =
        ParseHolidayList("# comment\n2026-01-01 New Year's Day\n\n2026-02-30 No such day\n", "x.txt");
    REQUIRE_FALSE(parsed.Ok());
    CHECK(test::HasProblem(parsed.Problems(), "x.txt:4", "YYYY-MM-DD"));
    const auto good = ParseHolidayList("2026-12-28 Boxing Day\n2026-01-01\n", "x.txt");
    REQUIRE(good.Ok());
    CHECK(good.Value() == std::vector<Date>{D(2026, 1, 1), D(2026, 12, 28)});
}

TEST_CASE("the office-hours table: weekdays, a day's own hours, closure days, bank holidays",
          "[office-hours]")
{
    const OfficeHours hours = Load("friday = \"08:00-16:30\"\n"
                                   "weekdays = \"07:30-18:00\"\n"
                                   "sunday = \"closed\"\n"
                                   "saturday = \"10:00-24:00\"\n"
                                   "closed-days = [\"2026-12-24\", 2026-12-31]\n"
                                   "bank-holidays = false\n");
    CHECK(hours.configured);
    CHECK(hours.days[0] == DayHours{450, 1080}); // Monday from `weekdays`
    CHECK(hours.days[3] == DayHours{450, 1080});
    CHECK(hours.days[4] == DayHours{480, 990}); // Friday's own, though given before `weekdays`
    CHECK(hours.days[5] == DayHours{600, 1440});
    CHECK_FALSE(hours.days[6].Open());
    CHECK(hours.closed_days == std::vector<Date>{D(2026, 12, 24), D(2026, 12, 31)});
    CHECK_FALSE(hours.bank_holidays);
    CHECK(Weekdays().bank_holidays); // on by default
    CHECK_FALSE(Weekdays().days[5].Open());
    CHECK_FALSE(BoardConfig().office_hours.configured);
}

TEST_CASE("a wrong office-hours entry names the file, line and key", "[office-hours]")
{
    const auto config = LoadBoardConfig("[office-hours]\n"
                                        "monday = \"18:00-07:30\"\n"
                                        "tuesday = \"7:30-18:00\"\n"
                                        "wednesday = \"07:30-24:30\"\n"
                                        "closed-days = [\"2026-13-01\"]\n"
                                        "bank-holidays = \"yes\"\n"
                                        "holidays = true\n"
                                        "thursday = 730\n",
                                        "board.toml");
    REQUIRE_FALSE(config.Ok());
    const auto& p = config.Problems();
    CHECK(test::HasProblem(p, "board.toml:2: office-hours.monday", "\"07:30-18:00\""));
    CHECK(test::HasProblem(p, "board.toml:3: office-hours.tuesday", "closed"));
    CHECK(test::HasProblem(p, "board.toml:4: office-hours.wednesday", "24:00"));
    CHECK(test::HasProblem(p, "board.toml:5: office-hours.closed-days", "YYYY-MM-DD"));
    CHECK(test::HasProblem(p, "board.toml:6: office-hours.bank-holidays", "true"));
    CHECK(test::HasProblem(p, "board.toml:7: office-hours.holidays", "not an office-hours setting"));
    CHECK(test::HasProblem(p, "board.toml:8: office-hours.thursday", "closed"));
    CHECK(test::HasProblem(LoadBoardConfig("[office-hours]\nbank-holidays = true\n", "b.toml").Problems(),
                           "b.toml:1: office-hours", "no day's hours"));
    CHECK(test::HasProblem(LoadBoardConfig("office-hours = \"9-5\"\n", "b.toml").Problems(),
                           "b.toml:1: office-hours", "table"));
}

TEST_CASE("display-off and clock are checked", "[office-hours][config]")
{
    const LondonTime london;
    auto good = LoadBoardConfig("display-off = \"cec\"\nclock = \"2026-11-30T17:59:50\"\n", "b.toml");
    REQUIRE(good.Ok());
    CHECK(good.Value().display_off == "cec");
    CHECK(BoardConfig().display_off == "dpms");
    CHECK(test::HasProblem(LoadBoardConfig("display-off = \"off\"\n", "b.toml").Problems(),
                           "b.toml: display-off", "\"dpms\", \"cec\" or \"none\""));
    CHECK(test::HasProblem(LoadBoardConfig("clock = \"2026-11-30 17:59\"\n", "b.toml").Problems(),
                           "b.toml: clock", "YYYY-MM-DDTHH:MM:SS"));
    CHECK(ParseLocalDateTime("2026-11-30T17:59:50") == Utc(2026, 11, 30, 17, 59, 50)); // GMT
    CHECK(ParseLocalDateTime("2026-07-01T09:00:05") == Utc(2026, 7, 1, 8, 0, 5));      // BST
    // From the command line, named as given there.
    SettingOverrides overrides;
    overrides.text["display-off"] = "blank";
    BoardConfig config;
    config.feed = "file:///x.json";
    config.display_off = "blank";
    CHECK(test::HasProblem(CheckBoardConfig(config, overrides), "--display-off", "\"none\""));
    config.display_off = "none";
    config.clock = "tomorrow";
    CHECK(test::HasProblem(CheckBoardConfig(config, overrides), "clock", "YYYY-MM-DDTHH:MM:SS"));
    CHECK_FALSE(ParseLocalDateTime("2026-07-01T24:00:00"));
    CHECK_FALSE(ParseLocalDateTime("2026-07-01T09:00:60"));
}

TEST_CASE("no office hours: always on, never a change", "[office-hours]")
{
    const LondonTime london;
    const ScheduleState state = ScheduleAt({}, EnglandAndWalesBankHolidays(), Utc(2026, 12, 25, 3, 0));
    CHECK(state.on);
    CHECK_FALSE(state.next_change);
    CHECK(state.words.empty());
}

TEST_CASE("a week with a bank holiday: off from Friday evening until Tuesday morning", "[office-hours]")
{
    const LondonTime london; // late August 2026: BST, UTC+1
    const OfficeHours hours = Weekdays();
    const auto& holidays = EnglandAndWalesBankHolidays();
    // Friday 28 August: on until 18:00 BST (17:00 UTC), to the second.
    ScheduleState s = ScheduleAt(hours, holidays, Utc(2026, 8, 28, 16, 59, 59));
    CHECK(s.on);
    CHECK(s.next_change == Utc(2026, 8, 28, 17, 0));
    s = ScheduleAt(hours, holidays, Utc(2026, 8, 28, 17, 0));
    CHECK_FALSE(s.on);
    CHECK(s.next_change == Utc(2026, 9, 1, 6, 30)); // Monday 31 August is the summer bank holiday
    CHECK(s.words == "Screen off until 07:30 Tuesday");
    s = ScheduleAt(hours, holidays, Utc(2026, 8, 31, 6, 30)); // the bank holiday's 07:30
    CHECK_FALSE(s.on);
    CHECK(s.words == "Screen off until 07:30 tomorrow");
    s = ScheduleAt(hours, holidays, Utc(2026, 9, 1, 6, 29, 59));
    CHECK_FALSE(s.on);
    CHECK(s.words == "Screen off until 07:30");
    s = ScheduleAt(hours, holidays, Utc(2026, 9, 1, 6, 30));
    CHECK(s.on);
    CHECK(s.next_change == Utc(2026, 9, 1, 17, 0));
    CHECK(s.words.empty());
    // Bank holidays not kept: Monday is an ordinary day.
    OfficeHours working = hours;
    working.bank_holidays = false;
    s = ScheduleAt(working, holidays, Utc(2026, 8, 28, 17, 0));
    CHECK(s.next_change == Utc(2026, 8, 31, 6, 30));
    CHECK(s.words == "Screen off until 07:30 Monday");
    CHECK(ScheduleAt(working, holidays, Utc(2026, 8, 31, 12, 0)).on);
}

TEST_CASE("the March clock change: a closed weekend, then on at 07:30 BST", "[office-hours]")
{
    const LondonTime london; // 29 March 2026, 01:00 UTC: GMT becomes BST
    const OfficeHours hours = Weekdays();
    const auto& holidays = EnglandAndWalesBankHolidays();
    ScheduleState s = ScheduleAt(hours, holidays, Utc(2026, 3, 27, 17, 59, 59)); // Friday, GMT
    CHECK(s.on);
    CHECK(s.next_change == Utc(2026, 3, 27, 18, 0));
    s = ScheduleAt(hours, holidays, Utc(2026, 3, 28, 12, 0)); // Saturday
    CHECK_FALSE(s.on);
    CHECK(s.next_change == Utc(2026, 3, 30, 6, 30)); // Monday 07:30 BST
    CHECK(s.words == "Screen off until 07:30 Monday");
    CHECK_FALSE(ScheduleAt(hours, holidays, Utc(2026, 3, 30, 6, 29, 59)).on);
    CHECK(ScheduleAt(hours, holidays, Utc(2026, 3, 30, 6, 30)).on);
    CHECK(ScheduleAt(hours, holidays, Utc(2026, 3, 30, 6, 30)).next_change == Utc(2026, 3, 30, 17, 0));
    // Hours across the change itself: 00:30 GMT to 03:00 BST is an hour and a half.
    const OfficeHours night = Load("sunday = \"00:30-03:00\"\n");
    CHECK_FALSE(ScheduleAt(night, holidays, Utc(2026, 3, 29, 0, 29, 59)).on);
    s = ScheduleAt(night, holidays, Utc(2026, 3, 29, 0, 30));
    CHECK(s.on);
    CHECK(s.next_change == Utc(2026, 3, 29, 2, 0));
    CHECK_FALSE(ScheduleAt(night, holidays, Utc(2026, 3, 29, 2, 0)).on);
}

TEST_CASE("the October clock change: off Friday 18:00 BST, on Monday 07:30 GMT", "[office-hours]")
{
    const LondonTime london; // 25 October 2026, 01:00 UTC: BST becomes GMT
    const OfficeHours hours = Weekdays();
    const auto& holidays = EnglandAndWalesBankHolidays();
    ScheduleState s = ScheduleAt(hours, holidays, Utc(2026, 10, 23, 16, 59, 59));
    CHECK(s.on);
    CHECK(s.next_change == Utc(2026, 10, 23, 17, 0));
    s = ScheduleAt(hours, holidays, Utc(2026, 10, 23, 17, 0, 1));
    CHECK_FALSE(s.on);
    CHECK(s.next_change == Utc(2026, 10, 26, 7, 30));
    CHECK(s.words == "Screen off until 07:30 Monday");
    CHECK_FALSE(ScheduleAt(hours, holidays, Utc(2026, 10, 26, 7, 29, 59)).on);
    CHECK(ScheduleAt(hours, holidays, Utc(2026, 10, 26, 7, 30)).on);
    // 00:30 BST to 03:00 GMT is three and a half hours.
    const OfficeHours night = Load("sunday = \"00:30-03:00\"\n");
    s = ScheduleAt(night, holidays, Utc(2026, 10, 24, 23, 30));
    CHECK(s.on);
    CHECK(s.next_change == Utc(2026, 10, 25, 3, 0));
    CHECK(ScheduleAt(night, holidays, Utc(2026, 10, 25, 2, 59, 59)).on);
    CHECK_FALSE(ScheduleAt(night, holidays, Utc(2026, 10, 25, 3, 0)).on);
}

TEST_CASE("closure days and Christmas: off until a weekday, or a date when further", "[office-hours]")
{
    const LondonTime london;
    const auto& holidays = EnglandAndWalesBankHolidays();
    // Thursday 24 December closed; 25th and the 28th (Boxing Day's substitute) are bank holidays.
    OfficeHours hours = Load("weekdays = \"07:30-18:00\"\nclosed-days = [\"2026-12-24\"]\n");
    ScheduleState s = ScheduleAt(hours, holidays, Utc(2026, 12, 23, 18, 0));
    CHECK_FALSE(s.on);
    CHECK(s.next_change == Utc(2026, 12, 29, 7, 30));
    CHECK(s.words == "Screen off until 07:30 Tuesday");
    CHECK_FALSE(ScheduleAt(hours, holidays, Utc(2026, 12, 24, 10, 0)).on);
    // The council closed until the new year: New Year's Day is a Friday, so on again Monday 4 January.
    hours = Load("weekdays = \"07:30-18:00\"\n"
                 "closed-days = [\"2026-12-24\", \"2026-12-29\", \"2026-12-30\", \"2026-12-31\"]\n");
    s = ScheduleAt(hours, holidays, Utc(2026, 12, 23, 18, 0));
    CHECK(s.next_change == Utc(2027, 1, 4, 7, 30));
    CHECK(s.words == "Screen off until 07:30 Monday 4 Jan 2027");
}

TEST_CASE("every next change is where the state really changes", "[office-hours]")
{
    const LondonTime london;
    const auto& holidays = EnglandAndWalesBankHolidays();
    const OfficeHours hours =
        Load("weekdays = \"07:30-18:00\"\nfriday = \"07:30-24:00\"\nsaturday = \"00:00-01:30\"\n"
             "sunday = \"00:30-03:00\"\nclosed-days = [\"2026-10-28\"]\n");
    // Two windows around the clock changes and one over Christmas, every 7 minutes.
    for (const auto& [from, to] : {std::pair{Utc(2026, 3, 20, 0, 0), Utc(2026, 4, 10, 0, 0)},
                                   std::pair{Utc(2026, 10, 18, 0, 0), Utc(2026, 11, 2, 0, 0)},
                                   std::pair{Utc(2026, 12, 20, 0, 0), Utc(2027, 1, 6, 0, 0)}})
        for (std::int64_t t = from; t < to; t += 7 * 60)
        {
            const ScheduleState s = ScheduleAt(hours, holidays, t);
            REQUIRE(s.next_change);
            INFO("at " << t << " next " << *s.next_change);
            REQUIRE(*s.next_change > t);
            CHECK(ScheduleAt(hours, holidays, *s.next_change - 1).on == s.on);
            CHECK(ScheduleAt(hours, holidays, *s.next_change).on != s.on);
            CHECK(s.words.empty() == s.on);
        }
    // Friday until midnight runs on into Saturday's 00:00-01:30: one change, not two.
    const ScheduleState friday = ScheduleAt(hours, holidays, Utc(2026, 11, 27, 20, 0));
    CHECK(friday.next_change == Utc(2026, 11, 28, 1, 30));
}

TEST_CASE("the packaged config documents office hours, and its example parses once uncommented",
          "[office-hours]")
{
    const std::string text = test::ReadFile(test::SourceDir() + "/config/board.toml");
    for (const char* name : {"\ndisplay-off = ", "# clock = ", "# [office-hours]"})
        CHECK(text.find(name) != std::string::npos);
    // The [office-hours] example, uncommented as the file says, after the rest of the file.
    std::string uncommented;
    std::istringstream lines(text.substr(text.find("# [office-hours]")));
    for (std::string line; std::getline(lines, line);)
        uncommented += line.substr(2) + "\n";
    auto config = LoadBoardConfig(text + uncommented, "board.toml");
    INFO(FormatProblems(config.Problems()) << uncommented);
    REQUIRE(config.Ok());
    const OfficeHours& hours = config.Value().office_hours;
    CHECK(hours.configured);
    CHECK(hours.days[0] == DayHours{450, 1080});
    CHECK(hours.days[4] == DayHours{450, 990});
    CHECK_FALSE(hours.days[5].Open());
    CHECK(hours.closed_days.size() == 4);
    CHECK(config.Value().display_off == "dpms");
}
