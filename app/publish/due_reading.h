// Due dates as plans print them, read into a Due: "Dec 2019", "Sept 23", "March", "31 st December 2019",
// "By April 2020", "End January 2020 for review outcome ...", "Between April 2020 and March 2021",
// "in place from June Ist", "Nov 2019 & ongoing", "May 23 Ongoing through the year", several dates in one
// cell ("Sep 2018 / August 2018", "Nov 2019 Jun 2019 Jan 2019"), "Immediate(ly)", "Ongoing", "Q3 2019/20",
// "Spring 2020", "2023-03-31", "31/03/2023". The forms and their rules: INPUT.md, "Due dates as plans print
// them"; the date words themselves are date_words.h's.
#pragma once

#include "core/model.h"
#include "publish/date_words.h"

#include <string>
#include <string_view>

namespace wb::publish
{

// What a due cell was read as. A due is never refused: wording with no readable date is kept as text.
struct DueReading
{
    Due due;             // text = the wording as printed (trimmed); kind None only when it names no date
    std::string warning; // empty, or sentences for a person to check, naming neither file:line nor the due
                         // (the caller says "due \"<wording>\": " before them): the wording named no date,
                         // or a date was a guess (a year from the plan's dates, "Q3 2019")
};

// Reads one printed due.
// - Every date named is a milestone: `date` is the earliest, `milestones` all of them ascending (when two
//   or more); a range ("Between April 2020 and March 2021", "April - June 2020") names only its end.
// - "Immediate(ly)" alone is DueKind::Immediate; beside a date it is a milestone on the plan's start.
// - "Ongoing", or a recurrence ("Quarterly"), alone is DueKind::Ongoing; beside a date it sets `continues`.
// - Nothing readable: DueKind::None with the text kept, and a warning that it is shown as written and never
//   counted overdue. An empty cell is DueKind::None with no warning.
DueReading ReadDueWording(std::string_view printed, const PlanDates& dates);

} // namespace wb::publish
