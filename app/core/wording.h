// The words the board and `wallboard-publish check` say about figures, targets, dues and actions: one
// home for turning the model into text, with no drawing, so both programs say the same thing.
#pragma once

#include "core/derived.h"
#include "core/model.h"

#include <string>
#include <string_view>
#include <vector>

namespace wb
{

// ---- Figures and targets ----------------------------------------------------------------------------

// "64.1%", "189.2" (a rate per 10,000: the caller says "per 10k"), "1,147", "12 days".
std::string FormatValue(double value, Unit unit);

// The plan's direction words with a space after them: "at least ", "less than "; empty from polarity.
std::string TargetSenseWords(TargetSense sense);

// The target in force for `period`, with the plan's direction words: "less than 10.0%", "at least 95.0%",
// "70.0% by Oct-19" (a dated step); a target in words as printed ("Protocol in place"); "Monitor only",
// "Target TBC"; empty without a target.
std::string TargetInForceInWords(const Indicator& indicator, Period period);

// Every step of a dated target as the plan set them: "Interim target by Oct-19: 70.0% · Target by Mar-20:
// 95.0%"; for a plain target, TargetInForceInWords of its latest month.
std::string TargetStepsInWords(const Indicator& indicator);

// A target in full, for a detail's facts: the steps, with the plan's own words when they say more;
// "Monitor only: no target", "To be confirmed", "None set".
std::string TargetInWords(const Indicator& indicator);

// "ON TARGET", "NEAR TARGET", "OFF TARGET" (as a tile's badge says it); empty without a target or a figure.
std::string TargetStatusWords(TargetStatus status);

// The month a tile or detail shows: the latest with a figure (for a measure in words, with words), else
// the latest reported, else none.
const PeriodValue* MonthShown(const Indicator& indicator);

// ---- What an indicator measures ----------------------------------------------------------------------

// The measure basis in words: "in month", "month-end snapshot", "rolling 12 months", "year to date",
// "to date", "basis not stated".
std::string DescribeBasis(MeasureBasis basis);

// The same basis explained: "each figure counts that month alone".
std::string BasisExplained(MeasureBasis basis);

// "Percentage", "Rate per 10,000 children", "Count", "Days", "In words".
std::string UnitInWords(Unit unit);

// "Higher is better", "Lower is better", "Monitored: neither direction is a goal".
std::string PolarityInWords(Polarity polarity);

// ---- Actions and dues -------------------------------------------------------------------------------

// "12 days overdue", "due today", "due in 3 days".
std::string DaysOverdueInWords(int days_overdue);

// How a due reads. Compact, for tight lists: "31 Dec 2019", "30 Nov 2019, then ongoing", "Immediate",
// "due: when the protocol is agreed"; with milestones, the next one ahead ("30 Nov 2019, 3rd of 5").
// Full adds the plan's own words when they say more than the date: "31 Dec 2019 (plan: "31 st December
// 2019")".
enum class DueForm
{
    Compact,
    Full,
};
std::string DueInWords(const Due& due, const PlanInfo& plan, Date today, DueForm form);

// A due in full, for an action's detail, as of `today`.
struct DueWords
{
    std::string when;   // "31 Mar 2023", "Immediate", "Ongoing", "No due date"
    std::string status; // "17 days overdue", "Due in 12 days", "Rated done, so not overdue"
    bool overdue = false;
    std::string printed;    // the plan's own words, when they say more than `when`
    std::string milestones; // "passed: 31 Aug 2019 · then 31 Dec 2019", for a due naming several dates
};

DueWords DescribeDue(const Action& action, const Snapshot& snapshot, Date today);

// An action row's text in short: its action text, or its desired outcome when the row has none.
const std::string& ActionSummary(const Action& action);

// Actions whose outcome, text or evidence names the indicator: its full name (any case), or
// "indicator 12", "indicators 12" or "PI 12" with the id as a whole word. In plan order.
std::vector<const Action*> ActionsMentioning(const Snapshot& snapshot, const Indicator& indicator);

// ---- Letters ----------------------------------------------------------------------------------------

// `text` with its first letter in capitals (ASCII): "due today" -> "Due today".
std::string Capitalised(std::string text);

// `text` in lower case (ASCII).
std::string LowerCased(std::string_view text);

} // namespace wb
