// The words the board and the publisher's check say, against values worked out by hand.
#include "core/wording.h"

#include "core/date.h"
#include "test_support.h"

using namespace wb;
using namespace wb::test;

TEST_CASE("figures in words, with the plans' thousands separators", "[wording]")
{
    CHECK(FormatValue(1147, Unit::Count) == "1,147");
    CHECK(FormatValue(-1234567, Unit::Count) == "-1,234,567");
    CHECK(FormatValue(999, Unit::Count) == "999");
    CHECK(FormatValue(64.06, Unit::Percent) == "64.1%");
    CHECK(FormatValue(100, Unit::Percent) == "100.0%");
    CHECK(FormatValue(189.24, Unit::RatePer10k) == "189.2");
    CHECK(FormatValue(12, Unit::Days) == "12 days");
}

TEST_CASE("days overdue and status against target in words", "[wording]")
{
    CHECK(DaysOverdueInWords(1) == "1 day overdue");
    CHECK(DaysOverdueInWords(12) == "12 days overdue");
    CHECK(DaysOverdueInWords(0) == "due today");
    CHECK(DaysOverdueInWords(-1) == "due in 1 day");
    CHECK(DaysOverdueInWords(-3) == "due in 3 days");
    CHECK(TargetStatusWords(TargetStatus::Met) == "ON TARGET");
    CHECK(TargetStatusWords(TargetStatus::Near) == "NEAR TARGET");
    CHECK(TargetStatusWords(TargetStatus::Missed) == "OFF TARGET");
    CHECK(TargetStatusWords(TargetStatus::NoTarget).empty());
    CHECK(TargetStatusWords(TargetStatus::NoValue).empty());
    CHECK(TargetSenseWords(TargetSense::AtLeast) == "at least ");
    CHECK(TargetSenseWords(TargetSense::Below) == "less than ");
    CHECK(TargetSenseWords(TargetSense::FromPolarity).empty());
}

TEST_CASE("an indicator's unit, polarity and target in full", "[wording]")
{
    CHECK(UnitInWords(Unit::RatePer10k) == "Rate per 10,000 children");
    CHECK(UnitInWords(Unit::Text) == "In words");
    CHECK(PolarityInWords(Polarity::LowerIsBetter) == "Lower is better");
    CHECK(PolarityInWords(Polarity::Monitor) == "Monitored: neither direction is a goal");
    CHECK(BasisExplained(MeasureBasis::InMonth) == "each figure counts that month alone");

    Indicator ind;
    ind.unit = Unit::Percent;
    ind.target = {TargetKind::Value, 95, {}, TargetSense::AtLeast, "95% or more"};
    ind.series = {{{2023, 3}, 90.0, ""}};
    CHECK(TargetInWords(ind) == "at least 95.0% (plan: \"95% or more\")");
    ind.target.text = "at least 95.0%"; // the plan's words say no more: not repeated
    CHECK(TargetInWords(ind) == "at least 95.0%");
    ind.target = {TargetKind::Monitor, 0, {}, TargetSense::FromPolarity, ""};
    CHECK(TargetInWords(ind) == "Monitor only: no target");
    ind.target.kind = TargetKind::Tbc;
    CHECK(TargetInWords(ind) == "To be confirmed");
    ind.target.kind = TargetKind::None;
    CHECK(TargetInWords(ind) == "None set");
}

TEST_CASE("the month shown is the latest, or for a measure in words the latest with words", "[wording]")
{
    Indicator ind;
    CHECK(MonthShown(ind) == nullptr);
    ind.series = {{{2023, 1}, 5.0, ""}, {{2023, 2}, std::nullopt, "Report development required"}};
    REQUIRE(MonthShown(ind) != nullptr);
    CHECK(MonthShown(ind)->period == Period{2023, 2});
    ind.unit = Unit::Text;
    ind.series = {{{2023, 1}, std::nullopt, "Protocol drafted"}, {{2023, 2}, std::nullopt, ""}};
    REQUIRE(MonthShown(ind) != nullptr);
    CHECK(MonthShown(ind)->period == Period{2023, 1});
}

TEST_CASE("an action in short, and letters", "[wording]")
{
    Action a;
    a.outcome = "Children are seen in time";
    CHECK(ActionSummary(a) == "Children are seen in time");
    a.text = "Audit visits monthly";
    CHECK(ActionSummary(a) == "Audit visits monthly");
    CHECK(Capitalised("due today") == "Due today");
    CHECK(Capitalised("").empty());
    CHECK(LowerCased("ON TARGET") == "on target");
}

TEST_CASE("the target in force for a month, in the plan's direction words", "[wording][seeds]")
{
    Indicator ind;
    ind.unit = Unit::Percent;
    ind.polarity = Polarity::HigherIsBetter;
    ind.target = {
        TargetKind::Value, 95, {{*ParseIsoDate("2019-10-31"), 70}, {*ParseIsoDate("2020-03-31"), 95}}};
    CHECK(TargetInForceInWords(ind, {2019, 9}) == "70.0% by Oct-19");
    CHECK(TargetInForceInWords(ind, {2019, 12}) == "95.0% by Mar-20");
    CHECK(TargetInForceInWords(ind, {2020, 6}) == "95.0% by Mar-20"); // after the last date, the last step
    CHECK(TargetStepsInWords(ind) == "Interim target by Oct-19: 70.0% · Target by Mar-20: 95.0%");
    Indicator below;
    below.unit = Unit::Percent;
    below.target = {TargetKind::Value, 10, {}, TargetSense::Below, "less than 10%"};
    CHECK(TargetInForceInWords(below, {2019, 9}) == "less than 10.0%");
    Indicator words;
    words.target = {TargetKind::Text, 0, {}, TargetSense::FromPolarity, "Protocol in place"};
    CHECK(TargetInForceInWords(words, {2019, 9}) == "Protocol in place");
}

TEST_CASE("the measure basis in words, for every basis", "[wording]")
{
    CHECK(DescribeBasis(MeasureBasis::InMonth) == "in month");
    CHECK(DescribeBasis(MeasureBasis::MonthEnd) == "month-end snapshot");
    CHECK(DescribeBasis(MeasureBasis::Rolling12Months) == "rolling 12 months");
    CHECK(DescribeBasis(MeasureBasis::YearToDate) == "year to date");
    CHECK(DescribeBasis(MeasureBasis::ToDate) == "to date");
    CHECK(DescribeBasis(MeasureBasis::Other) == "basis not stated");
}

TEST_CASE("the actions that mention an indicator, by id or by its full name", "[wording]")
{
    Snapshot s;
    Indicator ind;
    ind.id = "12";
    ind.name = "Percentage of single assessments completed in 45 working days";
    const auto action = [](const std::string& id, const std::string& outcome, const std::string& text,
                           const std::string& evidence)
    {
        Action a;
        a.id = a.ref = id;
        a.outcome = outcome;
        a.text = text;
        if (!evidence.empty())
            a.evidence.push_back({std::nullopt, evidence});
        return a;
    };
    s.actions = {
        action("1", "", "", "Indicator 12 rose to 64.1% in March."),
        action("2", "", "Track indicator 123 monthly.", ""),
        action("3", "", "PI 12 is reviewed at the surgery.", ""),
        action("4", "More PERCENTAGE OF SINGLE ASSESSMENTS COMPLETED IN 45 WORKING DAYS.", "", ""),
        action("5", "", "The API 12 export is ready.", "See indicator 12.5 for the detail."),
        action("6", "", "Audit 12 cases a month.", "Assessments completed in time."),
        action("7", "", "", "Indicators 12 and 21 both improved."),
    };
    std::vector<std::string> found;
    for (const Action* a : ActionsMentioning(s, ind))
        found.push_back(a->id);
    CHECK(found == std::vector<std::string>{"1", "3", "4", "7"});

    // In the demo plan, no action names indicator 2 by id or name.
    const Snapshot demo = BuildDemo("plymouth");
    CHECK(ActionsMentioning(demo, IndicatorById(demo, "2")).empty());
}

TEST_CASE("a due reads as printed, with the date it was read as", "[wording][seeds]")
{
    PlanInfo plan;
    plan.start = *ParseIsoDate("2019-10-21");
    const Date today = *ParseIsoDate("2019-10-01");
    Due due{DueKind::OnDate, *ParseIsoDate("2019-12-31"), "31 st December 2019"};
    CHECK(DueInWords(due, plan, today, DueForm::Compact) == "31 Dec 2019");
    CHECK(DueInWords(due, plan, today, DueForm::Full) == "31 Dec 2019 (plan: \"31 st December 2019\")");
    Due milestones{DueKind::OnDate, *ParseIsoDate("2019-08-31"), "Sep 2019 / Aug 2019 / Nov 2019 & ongoing"};
    milestones.milestones = {*ParseIsoDate("2019-08-31"), *ParseIsoDate("2019-09-30"),
                             *ParseIsoDate("2019-11-30")};
    milestones.continues = true;
    CHECK(DueInWords(milestones, plan, today, DueForm::Compact) == "30 Nov 2019, 3rd of 3, then ongoing");
    const Due unread{DueKind::None, std::nullopt, "when the protocol is agreed"};
    CHECK(DueInWords(unread, plan, today, DueForm::Compact) == "due: when the protocol is agreed");
    const Due immediate{DueKind::Immediate, std::nullopt, "Immediate"};
    CHECK(DueInWords(immediate, plan, today, DueForm::Full) == "Immediate, from 21 Oct 2019");
}

TEST_CASE("a due in full: when, days overdue, done rows, milestones and the plan's words", "[wording]")
{
    Snapshot s;
    s.rag_key = {{"R", "Red", "#C0392B", "", false, ""}, {"C", "Complete", "#2E7D32", "", true, ""}};
    Action a;
    a.id = a.ref = "2.7a";
    a.rag = "R";
    a.due = {DueKind::OnDate, *ParseIsoDate("2023-03-31"), "March 23"};
    const Date today = *ParseIsoDate("2023-04-17");
    DueWords words = DescribeDue(a, s, today);
    CHECK(words.when == "31 Mar 2023");
    CHECK(words.status == "17 days overdue");
    CHECK(words.overdue);
    CHECK(words.printed == "Plan says \"March 23\"");
    CHECK(words.milestones.empty());

    a.rag = "C"; // rated done: past its date, never overdue
    words = DescribeDue(a, s, today);
    CHECK(words.status == "Rated done, so not overdue");
    CHECK_FALSE(words.overdue);

    a.rag = "R";
    words = DescribeDue(a, s, *ParseIsoDate("2023-03-29"));
    CHECK(words.status == "Due in 2 days");
    CHECK_FALSE(words.overdue);

    a.due = {DueKind::Ongoing, std::nullopt, "Ongoing"};
    CHECK(DescribeDue(a, s, today).status == "Never overdue");

    a.due = {DueKind::OnDate, *ParseIsoDate("2019-08-31"), "Aug 2019 / Dec 2019"};
    a.due.milestones = {*ParseIsoDate("2019-08-31"), *ParseIsoDate("2019-12-31")};
    CHECK(DescribeDue(a, s, *ParseIsoDate("2019-10-01")).milestones ==
          "passed: 31 Aug 2019 · then 31 Dec 2019");
}
