// The date phrases plans print, read into dates: "Dec 2019", "Sept 23", "Oct-19", "31 st December 2019",
// "June Ist", "March", "Q3 2019/20", "Spring 2020", "2023-03-31", "31/03/2023". Shared by the due reader
// (due_reading.h) and the target reader ("95% by March 2020"). Pure functions: no clock is read here.
//
// Rules (INPUT.md, "Due dates as plans print them"):
// - A month without a day means its last day; a quarter or season means the last day of its last month.
// - A two-digit year is the year ending in those digits nearest the plan's as_of ("Sept 23" in a 2023 plan
//   is September 2023).
// - A month, day or quarter printed without a year ("March", "June 1st") is the first one ending on or
//   after the plan's start; a plan with no start uses its as_of minus a year instead.
// - UK financial quarters: Q1 April-June, Q2 July-September, Q3 October-December, Q4 January-March of the
//   year after ("Q3 2019/20" ends 31 Dec 2019, "Q4 2019/20" ends 31 Mar 2020).
// - Seasons are the meteorological ones (Spring ends 31 May, Summer 31 Aug, Autumn 30 Nov, Winter the end
//   of the February after); school terms end with their term (Autumn term Dec, Spring term Mar, Summer
//   term Jul).
#pragma once

#include "core/date.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wb::publish
{

// The plan's own dates (plan.toml [plan]), against which a phrase without a year is resolved.
struct PlanDates
{
    Date as_of;
    std::optional<Date> start;
};

// One date phrase found in a text.
struct DatePhrase
{
    Date date;        // the day named, else the last day of the month, quarter or season named
    size_t begin = 0; // byte offsets of the phrase in the text read: text.substr(begin, end - begin)
    size_t end = 0;
    bool year_guessed = false; // no year was printed ("March", "June Ist"): resolved by the rule above
    std::string doubt;         // set when the reading is a guess worth a warning, said as a clause:
                               // "\"Q3 2019\" was read as Q3 of the financial year 2019/20 (Oct-Dec 2019)"
};

// Every date phrase in `text`, in the order printed. Words around them are skipped ("by", "End ... for
// review outcome"). A month name with no year and no day counts only when it is capitalised ("March",
// not "march"), and "may" only as "May", so that ordinary words are never read as dates. A bare year
// ("2020") is not a date phrase: callers that accept one say so themselves.
std::vector<DatePhrase> FindDatePhrases(std::string_view text, const PlanDates& plan);

// The date of a text that is one date phrase and nothing else, apart from spaces and punctuation around
// it ("Oct 2019", " 31/03/2023.", "Q3 2019/20"); empty otherwise. "by March 2020" is not one phrase:
// use FindDatePhrases for text with words around the date.
std::optional<DatePhrase> ReadDatePhrase(std::string_view text, const PlanDates& plan);

} // namespace wb::publish
