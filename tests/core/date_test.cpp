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
