// Targets as plans print them, read into a Target: "90.0%", "Target: 95%", "less than 10%", "≥ 95%",
// "95% by March 2020", "Interim target by Oct 2019: 70% Target by Mar 2020: 95%", "Monitor", "TBC", a
// benchmark in the target column ("7.6% England"), and targets in words for the text unit ("Protocol in
// place"). The forms and their rules: INPUT.md, "Targets as plans print them".
#pragma once

#include "core/model.h"
#include "publish/date_words.h"

#include <string>
#include <string_view>
#include <vector>

namespace wb::publish
{

// What a target cell was read as. At most one of `problem` and `warning` is set.
struct TargetReading
{
    Target target;                       // kind None when the cell is empty or refused
    std::vector<Comparator> comparators; // a benchmark printed in the target column: "7.6% England"
    std::string problem; // the cell is refused: a sentence naming the wording and what to write instead
    std::string warning; // read, but a person should check how: an interim target with no final one
};

// Reads one printed target for an indicator of `unit` and `polarity`. Dates inside it ("by March 2020")
// are read with date_words.h against the plan's dates. Figures follow ParseFigure (figures.h).
TargetReading ReadTargetWording(std::string_view printed, Unit unit, Polarity polarity,
                                const PlanDates& dates);

} // namespace wb::publish
