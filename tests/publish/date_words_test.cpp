// Date phrases as plans print them (publish/date_words.h): one check per form, the expected dates worked
// out by hand from a calendar.
#include "publish/date_words.h"

#include "publish/seed_plan_dates.h"

#include <catch2/catch.hpp>

using namespace wb;
using namespace wb::publish;

namespace
{

using namespace wb::test;

// The one date `text` reads as, in ISO form, or "none".
std::string Read(std::string_view text, const PlanDates& plan = kTorbay)
{
    auto phrase = ReadDatePhrase(text, plan);
    return phrase ? FormatIsoDate(phrase->date) : "none";
}

// Every date found in `text`, ISO, space-separated.
std::string Find(std::string_view text, const PlanDates& plan = kTorbay)
{
    std::string found;
    for (const DatePhrase& phrase : FindDatePhrases(text, plan))
        found += (found.empty() ? "" : " ") + FormatIsoDate(phrase.date);
    return found;
}

} // namespace

TEST_CASE("a month and a full year is the month's last day", "[publish][dues]")
{
    CHECK(Read("Dec 2019") == "2019-12-31");
    CHECK(Read("December 2019") == "2019-12-31");
    CHECK(Read("Feb 2020") == "2020-02-29"); // a leap year
    CHECK(Read("Sep 2018") == "2018-09-30");
    CHECK(Read("Sept. 2019") == "2019-09-30");
}

TEST_CASE("a month and a two-digit year is read in the plan's century", "[publish][dues]")
{
    CHECK(Read("Sept 23", kPlymouth) == "2023-09-30");
    CHECK(Read("July 23", kPlymouth) == "2023-07-31");
    CHECK(Read("Oct-19") == "2019-10-31");
    CHECK(Read("Mar '20") == "2020-03-31");
    // The nearest year ending in 99 to a plan of 2019 is 1999, not 2099.
    CHECK(Read("Dec 99") == "1999-12-31");
}

TEST_CASE("a day, a month and a year, with the ordinal however it was printed", "[publish][dues]")
{
    CHECK(Read("31 st December 2019") == "2019-12-31");
    CHECK(Read("1st November 2019") == "2019-11-01");
    CHECK(Read("31 March 2023") == "2023-03-31");
    CHECK(Read("22nd of May 2023") == "2023-05-22");
    CHECK(Read("June 1st 2020") == "2020-06-01");
    CHECK(Read("31 st June 2020") == "none"); // June has 30 days
}

TEST_CASE("a PDF's Ist is a 1st", "[publish][dues]")
{
    const PlanDates plymouth_2015{Iso("2015-05-01"), Iso("2015-03-11")};
    CHECK(Find("in place from June Ist", plymouth_2015) == "2015-06-01");
    CHECK(Find("in place from June lst", plymouth_2015) == "2015-06-01");
}

TEST_CASE("a month with no year is the first one ending on or after the plan's start", "[publish][dues]")
{
    CHECK(Read("March", kPlymouth) == "2023-03-31");    // start 24 Feb 2023
    CHECK(Read("January", kPlymouth) == "2024-01-31");  // January 2023 ended before the start
    CHECK(Read("February", kPlymouth) == "2023-02-28"); // ends on or after 24 Feb 2023
    CHECK(Read("31 st March") == "2020-03-31");         // Torbay began in October 2019
    auto phrase = ReadDatePhrase("March", kPlymouth);
    REQUIRE(phrase);
    CHECK(phrase->year_guessed);
    CHECK_FALSE(ReadDatePhrase("March 2023", kPlymouth)->year_guessed);
}

TEST_CASE("a month with no year takes the year of a dated month joined to it", "[publish][dues]")
{
    // Torbay's start would put a lone August in 2020; joined to Sep 2019 it is August 2019.
    CHECK(Find("Aug/Sep 2019") == "2019-08-31 2019-09-30");
    CHECK(Find("June, July and August 2019") == "2019-06-30 2019-07-31 2019-08-31");
    CHECK(Find("Nov - Feb 2020") == "2019-11-30 2020-02-29");   // November before the February named
    CHECK(Find("August. Sep 2019") == "2020-08-31 2019-09-30"); // a sentence apart: not joined
}

TEST_CASE("a month with no year and no plan start counts from a year before as_of", "[publish][dues]")
{
    // As of 31 July 2019: a year back is 31 July 2018, so March is March 2019 and August is August 2018.
    CHECK(Read("March", kWestSussex) == "2019-03-31");
    CHECK(Read("August", kWestSussex) == "2018-08-31");
}

TEST_CASE("ordinary words are not months", "[publish][dues]")
{
    CHECK(Find("this may be reviewed") == "");
    CHECK(Find("we will march on") == "");
    CHECK(Find("Decision due at the board") == "");
    CHECK(Find("may 2020") == "2020-05-31"); // with a year it is a month whatever its case
    CHECK(Find("by end of june") == "2020-06-30");
    CHECK(Find("2020") == ""); // a bare year is not a date phrase
}

TEST_CASE("UK financial quarters end with their third month", "[publish][dues]")
{
    CHECK(Read("Q1 2019/20") == "2019-06-30");
    CHECK(Read("Q2 2019/20") == "2019-09-30");
    CHECK(Read("Q3 2019/20") == "2019-12-31");
    CHECK(Read("Q4 2019/20") == "2020-03-31");
    CHECK(Read("Q4 2019-2020") == "2020-03-31");
    CHECK(Read("Quarter 3 2019/20") == "2019-12-31");
    CHECK(Read("2019/20 Q3") == "2019-12-31");
    CHECK(Read("Q3 FY2019/20") == "2019-12-31");
    CHECK(Read("Q3 FY 2019/20") == "2019-12-31");
    CHECK(Read("Q3 2019/21") == "none"); // not one financial year
}

TEST_CASE("a quarter with one year is a financial quarter, read with a doubt", "[publish][dues]")
{
    auto phrase = ReadDatePhrase("Q3 2019", kTorbay);
    REQUIRE(phrase);
    CHECK(FormatIsoDate(phrase->date) == "2019-12-31");
    CHECK(phrase->doubt.find("financial year 2019/20") != std::string::npos);
    CHECK(ReadDatePhrase("Q3 2019/20", kTorbay)->doubt.empty());
}

TEST_CASE("a financial year alone ends on 31 March", "[publish][dues]")
{
    CHECK(Read("2019/20") == "2020-03-31");
    CHECK(Read("FY2019/20") == "2020-03-31");
    CHECK(Read("FY2019/21") == "none");
    CHECK(Find("16/17 year olds") == ""); // not a financial year
}

TEST_CASE("seasons and school terms end with their last month", "[publish][dues]")
{
    CHECK(Read("Spring 2020") == "2020-05-31");
    CHECK(Read("Summer 2020") == "2020-08-31");
    CHECK(Read("Autumn 2019") == "2019-11-30");
    CHECK(Read("Fall 2019") == "2019-11-30");
    CHECK(Read("Winter 2019/20") == "2020-02-29");
    CHECK(Read("Autumn term 2019") == "2019-12-31");
    CHECK(Read("Spring term 2020") == "2020-03-31");
    CHECK(Read("Summer term 2020") == "2020-07-31");
    auto winter = ReadDatePhrase("Winter 2019", kTorbay);
    REQUIRE(winter);
    CHECK(FormatIsoDate(winter->date) == "2020-02-29");
    CHECK_FALSE(winter->doubt.empty());
    CHECK(Read("Spring", kPlymouth) == "2023-05-31");
    CHECK(Find("a spring in their step") == "");
}

TEST_CASE("ISO and UK numeric dates are read as core/date.h reads them", "[publish][dues]")
{
    CHECK(Read("2023-03-31") == "2023-03-31");
    CHECK(Read("31/03/2023") == "2023-03-31");
    CHECK(Read("31/3/23") == "2023-03-31");
    CHECK(Read("31.03.2023") == "2023-03-31");
    CHECK(Read("31/02/2023") == "none");
    CHECK(Read("31/03-2023") == "none"); // mixed separators
}

TEST_CASE("dates inside words are found in order with their places", "[publish][dues]")
{
    CHECK(Find("End January 2020 for review outcome and implement ation plan") == "2020-01-31");
    CHECK(Find("An agreed audit programme to be in place by 1st November 2019") == "2019-11-01");
    CHECK(Find("Nov 2019 Jun 2019 Jan 2019") == "2019-11-30 2019-06-30 2019-01-31");
    CHECK(Find("Sep 2018 / August 2018") == "2018-09-30 2018-08-31");
    CHECK(Find("Between April 2020 and March 2021") == "2020-04-30 2021-03-31");
    CHECK(Find("Interim target by Oct 2019: 70% Target by Mar 2020: 95%") == "2019-10-31 2020-03-31");
    const std::string text = "95% by March 2020";
    auto phrases = FindDatePhrases(text, kTorbay);
    REQUIRE(phrases.size() == 1);
    CHECK(text.substr(phrases[0].begin, phrases[0].end - phrases[0].begin) == "March 2020");
}

TEST_CASE("ReadDatePhrase takes only a text that is one date", "[publish][dues]")
{
    CHECK(Read(" Oct 2019. ") == "2019-10-31");
    CHECK(Read("by March 2020") == "none");
    CHECK(Read("Nov 2019 Dec 2019") == "none");
    CHECK(Read("") == "none");
}

TEST_CASE("en dashes and curly quotes are read as their ASCII forms", "[publish][dues]")
{
    CHECK(Read("Oct\xE2\x80\x93"
               "19") == "2019-10-31");
    CHECK(Read("Mar \xE2\x80\x99"
               "20") == "2020-03-31");
}

TEST_CASE("month words are whole names or their first three letters or more", "[publish][dues]")
{
    CHECK(ParseMonthName("Sept") == 9);
    CHECK(ParseMonthName("march") == 3);
    CHECK(ParseMonthName("DEC") == 12);
    CHECK_FALSE(ParseMonthName("Ma"));
    CHECK_FALSE(ParseMonthName("Mayor"));
}
