// An indicator tile: name, latest value with unit and period, target and comparator, direction of
// travel coloured by polarity, status against target, a sparkline with the target line, flags.
// A placeholder ("Report development required") is shown as such, never as zero.
#pragma once

#include "core/model.h"
#include "widgets/theme.h"

namespace wb::widgets
{

// "64.1%", "189.2 per 10k", "1,147", "12 days".
std::string FormatValue(double value, Unit unit);

// The target in force for `period`, with the plan's direction words: "less than 10.0%", "at least 95.0%",
// "70.0% by Oct-19" (a dated step); a target in words as printed ("Protocol in place"); "Monitor only",
// "Target TBC"; empty without a target.
std::string TargetInForceInWords(const Indicator& indicator, Period period);

// Every step of a dated target as the plan set them: "Interim target by Oct-19: 70.0% · Target by Mar-20:
// 95.0%"; for a plain target, TargetInForceInWords of its latest month.
std::string TargetStepsInWords(const Indicator& indicator);

// The month a tile or detail shows: the latest with a figure (for a measure in words, with words), else
// the latest reported, else none.
const PeriodValue* MonthShown(const Indicator& indicator);

// Draws the tile in [min, max]. Returns true when it was tapped (for drill-down, issue 5).
bool DrawIndicatorTile(ImDrawList* draw, const Theme& theme, const Indicator& indicator, ImVec2 min,
                       ImVec2 max);

} // namespace wb::widgets
