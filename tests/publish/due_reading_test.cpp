// Due cells as plans print them (publish/due_reading.h): one check per form from the issue and every due
// wording the seed plans print, and the overdue rule with milestones, end to end through core/derived.h.
// Expected dates are worked out by hand from a calendar.
#include "publish/due_reading.h"

#include "core/derived.h"
#include "publish/seed_plan_dates.h"

#include <catch2/catch.hpp>

using namespace wb;
using namespace wb::publish;

namespace
{

using namespace wb::test;

// What a due reads as, in one line: "2019-12-31", "2019-01-31 [2019-01-31 2019-06-30] +ongoing",
// "immediate", "ongoing", "none".
std::string Read(std::string_view printed, const PlanDates& dates)
{
    const Due due = ReadDueWording(printed, dates).due;
    std::string out;
    switch (due.kind)
    {
    case DueKind::OnDate:
        out = FormatIsoDate(*due.date);
        break;
    case DueKind::Immediate:
        out = "immediate";
        break;
    case DueKind::Ongoing:
        out = "ongoing";
        break;
    case DueKind::None:
        out = "none";
        break;
    }
    if (!due.milestones.empty())
    {
        out += " [";
        for (size_t i = 0; i < due.milestones.size(); ++i)
            out += (i ? " " : "") + FormatIsoDate(due.milestones[i]);
        out += "]";
    }
    if (due.continues)
        out += " +ongoing";
    return out;
}

std::string WarningFor(std::string_view printed, const PlanDates& dates)
{
    return ReadDueWording(printed, dates).warning;
}

} // namespace

TEST_CASE("dues of a month and a year", "[publish][dues]")
{
    CHECK(Read("Dec 2019", kTorbay) == "2019-12-31");
    CHECK(Read("December 2019", kTorbay) == "2019-12-31");
    CHECK(Read("Sept 23", kPlymouth) == "2023-09-30");
    CHECK(Read("Oct-19", kTorbay) == "2019-10-31");
    CHECK(WarningFor("Dec 2019", kTorbay).empty());
}

TEST_CASE("a due of a month alone is read in the plan's year without a warning", "[publish][dues]")
{
    CHECK(Read("March", kPlymouth) == "2023-03-31");
    CHECK(Read("May", kPlymouth) == "2023-05-31");
    CHECK(WarningFor("March", kPlymouth).empty());
}

TEST_CASE("a month alone in a plan with no start is read with a warning", "[publish][dues]")
{
    CHECK(Read("March", kWestSussex) == "2019-03-31");
    const std::string warning = WarningFor("March", kWestSussex);
    CHECK(warning.find("names no year") != std::string::npos);
    CHECK(warning.find("31 Mar 2019") != std::string::npos);
}

TEST_CASE("dues of a day, a month and a year", "[publish][dues]")
{
    CHECK(Read("31 st December 2019", kTorbay) == "2019-12-31");
    CHECK(Read("31 st March 2020", kTorbay) == "2020-03-31");
    CHECK(Read("31 st March 2023", kPlymouth) == "2023-03-31");
    CHECK(Read("31 st March", kTorbay) == "2020-03-31"); // Torbay's cell split before its year
}

TEST_CASE("dues with words around the date", "[publish][dues]")
{
    CHECK(Read("By April 2020", kTorbay) == "2020-04-30");
    CHECK(Read("By December 2019", kTorbay) == "2019-12-31");
    CHECK(Read("End January 2020 for review outcome and implement ation plan", kTorbay) == "2020-01-31");
    CHECK(Read("An agreed audit programme to be in place by 1st November 2019", kTorbay) == "2019-11-01");
    CHECK(WarningFor("By April 2020", kTorbay).empty());
}

TEST_CASE("a range is due at its end", "[publish][dues]")
{
    CHECK(Read("Between April 2020 and March 2021", kTorbay) == "2021-03-31");
    CHECK(Read("April 2020 to March 2021", kTorbay) == "2021-03-31");
    CHECK(Read("Apr 2020 - Jun 2020", kTorbay) == "2020-06-30");
    CHECK(Read("April \xE2\x80\x93 June 2020", kTorbay) == "2020-06-30");
    // "and" without "between" is a list of two dates, not a range.
    CHECK(Read("April 2020 and March 2021", kTorbay) == "2020-04-30 [2020-04-30 2021-03-31]");
}

TEST_CASE("Plymouth 2015's dues in words", "[publish][dues]")
{
    CHECK(Read("in place from June Ist", kPlymouth2015) == "2015-06-01");
    CHECK(Read("will be complete in June", kPlymouth2015) == "2015-06-30");
    CHECK(Read("in place by end of May", kPlymouth2015) == "2015-05-31");
    CHECK(Read("in place by the end of June", kPlymouth2015) == "2015-06-30");
    CHECK(Read("ratified at peninsular LSCBs in June", kPlymouth2015) == "2015-06-30");
}

TEST_CASE("a date then ongoing continues after it", "[publish][dues]")
{
    CHECK(Read("Nov 2019 & ongoing", kWestSussex) == "2019-11-30 +ongoing");
    CHECK(Read("May 23 Ongoing through the year", kPlymouth) == "2023-05-31 +ongoing");
    CHECK(Read("Dec 2019", kWestSussex) == "2019-12-31"); // and without it, it does not
}

TEST_CASE("several dates in one cell are milestones, the earliest first", "[publish][dues]")
{
    CHECK(Read("Sep 2018 / August 2018", kJersey) == "2018-08-31 [2018-08-31 2018-09-30]");
    CHECK(Read("Nov 2019 Jun 2019 Jan 2019", kWestSussex) == "2019-01-31 [2019-01-31 2019-06-30 2019-11-30]");
    // The same date twice is one milestone, and one date alone is no list.
    CHECK(Read("October 2018 / October 2018", kJersey) == "2018-10-31");
    CHECK(
        Read(
            "Nov 2019 / Aug 2019 / Aug 2019 / Aug 2019 / Nov 2019 & ongoing / Sep 2019 / Dec 2019 / Dec 2019",
            kWestSussex) == "2019-08-31 [2019-08-31 2019-09-30 2019-11-30 2019-12-31] +ongoing");
}

TEST_CASE("immediate and ongoing dues", "[publish][dues]")
{
    CHECK(Read("Immediate", kTorbay) == "immediate");
    CHECK(Read("Immediately", kPlymouth) == "immediate");
    CHECK(Read("Ongoing", kPlymouth) == "ongoing");
    CHECK(Read("on-going", kPlymouth) == "ongoing");
    CHECK(Read("Quarterly", kTorbay) == "ongoing");
    CHECK(Read("Immediate and ongoing", kTorbay) == "immediate +ongoing");
    CHECK(WarningFor("Immediate", kTorbay).empty());
}

TEST_CASE("immediately beside a date is a milestone on the plan's start", "[publish][dues]")
{
    CHECK(Read("Immediately / New service in place for Dec 2023", kPlymouth) ==
          "2023-02-24 [2023-02-24 2023-12-31]");
    CHECK(Read("Immediately; New service in place for Dec 2023", kPlymouth) ==
          "2023-02-24 [2023-02-24 2023-12-31]");
    // With no start to date it by, only the printed date counts, and the build says so.
    CHECK(Read("Immediately / New service in place for Dec 2023", kWestSussex) == "2023-12-31");
    CHECK(WarningFor("Immediately / New service in place for Dec 2023", kWestSussex).find("no start") !=
          std::string::npos);
}

TEST_CASE("quarters, seasons and numeric dates as dues", "[publish][dues]")
{
    CHECK(Read("Q3 2019/20", kTorbay) == "2019-12-31");
    CHECK(Read("by Q4 2019/20", kTorbay) == "2020-03-31");
    CHECK(Read("Spring 2020", kTorbay) == "2020-05-31");
    CHECK(Read("2023-03-31", kPlymouth) == "2023-03-31");
    CHECK(Read("31/03/2023", kPlymouth) == "2023-03-31");
    CHECK(Read("Q3 2019", kTorbay) == "2019-12-31");
    CHECK(WarningFor("Q3 2019", kTorbay).find("financial year 2019/20") != std::string::npos);
}

TEST_CASE("a due that names only a year is its end, with a warning", "[publish][dues]")
{
    CHECK(Read("2020", kTorbay) == "2020-12-31");
    CHECK(WarningFor("2020", kTorbay).find("only a year") != std::string::npos);
}

TEST_CASE("a date before the plan's start is read and warned about", "[publish][dues]")
{
    CHECK(Read("Jan 2019", kTorbay) == "2019-01-31");
    CHECK(WarningFor("Jan 2019", kTorbay).find("before the plan's start") != std::string::npos);
}

TEST_CASE("wording with no date is kept, never overdue, and warned about", "[publish][dues]")
{
    const DueReading reading = ReadDueWording("  When the protocol is agreed ", kTorbay);
    CHECK(reading.due.kind == DueKind::None);
    CHECK(reading.due.text == "When the protocol is agreed");
    CHECK_FALSE(reading.due.date);
    CHECK(reading.warning.starts_with("no date in it can be read")); // the caller names the due
    CHECK(reading.warning.find("never counted overdue") != std::string::npos);

    Snapshot snapshot;
    snapshot.plan.start = kTorbay.start;
    Action action;
    action.due = reading.due;
    CHECK_FALSE(IsOverdue(action, snapshot, Iso("2030-01-01")));
}

TEST_CASE("an empty due is no due and no warning", "[publish][dues]")
{
    const DueReading reading = ReadDueWording("   ", kTorbay);
    CHECK(reading.due.kind == DueKind::None);
    CHECK(reading.warning.empty());
}

TEST_CASE("the printed wording is kept whatever it reads as", "[publish][dues]")
{
    CHECK(ReadDueWording("Nov 2019 & ongoing", kWestSussex).due.text == "Nov 2019 & ongoing");
    CHECK(ReadDueWording("Immediate", kTorbay).due.text == "Immediate");
}

TEST_CASE("every due the seed plans print reads without a warning", "[publish][dues]")
{
    // Each distinct due wording in TOR19, WSX19, JER18, PLY23 and PLY15 (config/demo and the seeds).
    const std::vector<std::pair<const char*, const PlanDates*>> dues = {
        {"31 st December 2019", &kTorbay},
        {"December 2019", &kTorbay},
        {"31 st March 2020", &kTorbay},
        {"31 st March", &kTorbay},
        {"Immediate", &kTorbay},
        {"End January 2020 for review outcome and implement ation plan", &kTorbay},
        {"An agreed audit programme to be in place by 1st November 2019", &kTorbay},
        {"By December 2019", &kTorbay},
        {"By April 2020", &kTorbay},
        {"Between April 2020 and March 2021", &kTorbay},
        {"By April 2021", &kTorbay},
        {"Nov 2019 Jun 2019 Jan 2019 Aug 2019 Dec 2019", &kWestSussex},
        {"Nov 2019 / Aug 2019 / Aug 2019 / Aug 2019 / Nov 2019 & ongoing / Sep 2019 / Dec 2019 / Dec 2019",
         &kWestSussex},
        {"Feb 2020 / Feb 2020 / Aug 2019", &kWestSussex},
        {"Aug 2019 Nov 2019 Feb 2020 Aug 2019", &kWestSussex},
        {"Sep 2019 Aug 2019 Jul 2019 Jul 2019", &kWestSussex},
        {"Oct 2019 Nov 2019 Sep 2019", &kWestSussex},
        {"Jul 2019 Jun 2019 Jun 2019 Sep 2019 Feb 2020", &kWestSussex},
        {"Jun 2019 / Sep 2019 / March 2020", &kWestSussex},
        {"Mar 2020", &kWestSussex},
        {"August 2018", &kJersey},
        {"Sep 2018 / August 2018", &kJersey},
        {"October 2018 / October 2018 / October 2018 / Sep 2018", &kJersey},
        {"August 2018 / September 2018 / October 2018", &kJersey},
        {"July 23", &kPlymouth},
        {"Sept 23", &kPlymouth},
        {"March", &kPlymouth},
        {"May", &kPlymouth},
        {"31 st March 2023", &kPlymouth},
        {"Immediately / New service in place for Dec 2023", &kPlymouth},
        {"Immediately", &kPlymouth},
        {"May 23 Ongoing through the year", &kPlymouth},
        {"in place from June Ist", &kPlymouth2015},
        {"complete by end of June", &kPlymouth2015},
        {"by June", &kPlymouth2015},
    };
    for (const auto& [printed, dates] : dues)
    {
        INFO(printed);
        const DueReading reading = ReadDueWording(printed, *dates);
        CHECK(reading.due.kind != DueKind::None);
        CHECK(reading.warning.empty());
    }
}

TEST_CASE("an action is overdue once its first milestone has passed undone", "[publish][dues]")
{
    Snapshot snapshot;
    snapshot.plan.as_of = kJersey.as_of;
    snapshot.plan.start = kJersey.start;
    snapshot.rag_key = {{"R", "Red", "#C0392B", "", false},
                        {"A", "Amber", "#E67E22", "", false},
                        {"G", "Green", "#27AE60", "", false},
                        {"C", "Complete", "#2E86C1", "", true}};
    Action action;
    action.due = ReadDueWording("Sep 2018 / August 2018 / October 2018", kJersey).due;
    action.rag = "G";

    // Before the first milestone (31 Aug 2018): not overdue, and the next milestone is the first.
    CHECK_FALSE(IsOverdue(action, snapshot, Iso("2018-08-31")));
    CHECK(FormatIsoDate(*NextMilestone(action.due, Iso("2018-08-31"))) == "2018-08-31");
    // The first milestone passed and the row is not done: overdue, and the board shows the next one ahead.
    CHECK(IsOverdue(action, snapshot, Iso("2018-09-01")));
    CHECK(FormatIsoDate(*NextMilestone(action.due, Iso("2018-09-01"))) == "2018-09-30");
    CHECK(FormatIsoDate(*NextMilestone(action.due, Iso("2018-10-15"))) == "2018-10-31");
    // A done level is never overdue, whatever milestones have passed.
    action.rag = "C";
    CHECK_FALSE(IsOverdue(action, snapshot, Iso("2018-11-01")));
}

TEST_CASE("with a key that has no done level only the dates decide overdue", "[publish][dues]")
{
    Snapshot snapshot;
    snapshot.plan.start = kTorbay.start;
    snapshot.rag_key = {{"R", "Red", "#C0392B", "", false}, {"G", "Green", "#27AE60", "", false}};
    Action action;
    action.due = ReadDueWording("31 st December 2019", kTorbay).due;
    action.rag = "G";
    CHECK_FALSE(IsOverdue(action, snapshot, Iso("2019-12-31")));
    CHECK(IsOverdue(action, snapshot, Iso("2020-01-01")));
}
