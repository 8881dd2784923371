#include "core/date.h"

#include <catch2/catch.hpp>

using namespace wb;

TEST_CASE("ISO dates parse and impossible dates are refused", "[date]")
{
    auto date = ParseIsoDate("2023-03-31");
    REQUIRE(date);
    CHECK(FormatIsoDate(*date) == "2023-03-31");
    CHECK_FALSE(ParseIsoDate("2023-02-30"));
    CHECK_FALSE(ParseIsoDate("2023-3-31"));
    CHECK_FALSE(ParseIsoDate("March 23"));
    CHECK_FALSE(ParseIsoDate(""));
}

TEST_CASE("export dates accept the UK day/month order", "[date]")
{
    CHECK(FormatIsoDate(*ParseExportDate("31/03/2023")) == "2023-03-31");
    CHECK(FormatIsoDate(*ParseExportDate("1/3/23")) == "2023-03-01");
    CHECK_FALSE(ParseExportDate("03/31/2023")); // US order is a month 31
    CHECK_FALSE(ParseExportDate("1/3/203"));
}

TEST_CASE("days between dates count calendar days", "[date]")
{
    CHECK(DaysBetween(*ParseIsoDate("2023-03-31"), *ParseIsoDate("2023-04-17")) == 17);
    CHECK(DaysBetween(*ParseIsoDate("2023-04-17"), *ParseIsoDate("2023-03-31")) == -17);
}

TEST_CASE("period headings read as the plans print them", "[date]")
{
    CHECK(*ParsePeriodHeading("Mar-23") == Period{2023, 3});
    CHECK(*ParsePeriodHeading("Sept 2023") == Period{2023, 9});
    CHECK(*ParsePeriodHeading("2022-10") == Period{2022, 10});
    CHECK_FALSE(ParsePeriodHeading("note"));
    CHECK_FALSE(ParsePeriodHeading("Ma-23"));
    CHECK_FALSE(ParsePeriodHeading("2022-13"));
    CHECK(FormatShortPeriod({2023, 3}) == "Mar-23");
    CHECK(FormatLongDate(*ParseIsoDate("2023-04-07")) == "7 Apr 2023");
    CHECK(FormatLongDate(*ParseIsoDate("2024-12-31")) == "31 Dec 2024");
    CHECK(FormatIsoPeriod({2023, 3}) == "2023-03");
}

TEST_CASE("month headings as Excel writes them", "[date][excel-months]")
{
    // Excel's month formats, and a month column typed as dates (the 1st of each month).
    CHECK(*ParsePeriodHeading("Oct-22") == Period{2022, 10});
    CHECK(*ParsePeriodHeading("Oct 2022") == Period{2022, 10});
    CHECK(*ParsePeriodHeading("Oct-19") == Period{2019, 10});
    CHECK(*ParsePeriodHeading("October 2019") == Period{2019, 10});
    CHECK(*ParsePeriodHeading("Sept 2019") == Period{2019, 9});
    CHECK(*ParsePeriodHeading("01/10/2019") == Period{2019, 10}); // UK day/month/year
    CHECK(*ParsePeriodHeading("1/10/19") == Period{2019, 10});
    CHECK(*ParsePeriodHeading("2019-10-01") == Period{2019, 10});
    CHECK(*ParsePeriodHeading("01/10/2019 00:00") == Period{2019, 10});
    CHECK(*ParsePeriodHeading("2019-10-01 00:00:00") == Period{2019, 10});
}

TEST_CASE("Excel day numbers are months only on the 1st and only in this century", "[date][excel-months]")
{
    // Known day numbers (Excel's DATE function): 43739 = DATE(2019,10,1), 36526 = DATE(2000,1,1),
    // 44927 = DATE(2023,1,1), 73020 = DATE(2099,12,1).
    CHECK(*ParsePeriodHeading("43739") == Period{2019, 10});
    CHECK(*ParsePeriodHeading("36526") == Period{2000, 1});
    CHECK(*ParsePeriodHeading("44927") == Period{2023, 1});
    CHECK(*ParsePeriodHeading("73020") == Period{2099, 12});
    CHECK_FALSE(ParsePeriodHeading("43740")); // 2 October 2019
    CHECK_FALSE(ParsePeriodHeading("36525")); // 31 December 1999: out of range
    CHECK_FALSE(ParsePeriodHeading("73051")); // 1 January 2100: out of range
    // Ids and small numbers are never months.
    CHECK_FALSE(ParsePeriodHeading("1"));
    CHECK_FALSE(ParsePeriodHeading("12"));
    CHECK_FALSE(ParsePeriodHeading("2019"));
    CHECK_FALSE(ParsePeriodHeading("100000"));
}

TEST_CASE("a date heading that is not the 1st of a month is not a month", "[date][excel-months]")
{
    CHECK_FALSE(ParsePeriodHeading("31/10/2019"));
    CHECK_FALSE(ParsePeriodHeading("2019-10-31"));
    CHECK_FALSE(ParsePeriodHeading("15/03/2023"));
    CHECK_FALSE(ParsePeriodHeading("31/02/2023")); // no such day
    CHECK_FALSE(ParsePeriodHeading("10/2019"));
    // ParseExportDate itself still reads any day.
    CHECK(FormatIsoDate(*ParseExportDate("31/10/2019")) == "2019-10-31");
    CHECK_FALSE(ParseExportDate("43739"));
}
