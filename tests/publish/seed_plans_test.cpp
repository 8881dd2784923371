// The seed plans in config/demo/ as their authors wrote them: facts read from the seed texts in
// ../shared/seeds/ (the oracle), checked against what wallboard-publish makes of the typed-in plans.
// Torbay 2019 (seed 002) and Plymouth 2015 (seed 001) here; West Sussex and Jersey beside them.
#include "core/derived.h"

#include "test_support.h"

#include <algorithm>
#include <cctype>
#include <map>

using namespace wb;
using namespace std::chrono;

namespace
{

const Action& ActionById(const Snapshot& s, const std::string& id)
{
    for (const Action& a : s.actions)
        if (a.id == id)
            return a;
    FAIL("no action " << id);
    throw std::logic_error("unreachable");
}

std::string SeedText(const std::string& file)
{
    return test::ReadFile(test::SharedDir() + "/seeds/" + file);
}

// The seeds' extracted text breaks hyphenated words at line ends ("child- focused").
std::string JoinBrokenHyphens(std::string text)
{
    for (size_t at = text.find("- "); at != std::string::npos; at = text.find("- ", at))
        if (at > 0 && std::isalpha(static_cast<unsigned char>(text[at - 1])))
            text.erase(at + 1, 1);
        else
            at += 2;
    return text;
}

const char* const kTorbaySeed = "002_ad5ca1d4337f4ee1.txt";
const char* const kPlymouth2015Seed = "001_8bdf68733229ae37.txt";

} // namespace

TEST_CASE("Torbay 2019 has the plan's themes, rows and refs as printed", "[demo][seeds]")
{
    const Snapshot s = test::BuildDemo("torbay");
    CHECK(s.plan.authority == "Torbay Council");

    // Four themes and the improvement journey's three stages. The seed's tables hold 36 numbered rows:
    // objectives 1.1-1.3 have 7, 2 and 3 rows; 2.1-2.8 have 1, 1, 4, 4, 1, 6, 1, 1; 3.1 has 2; 4.1 has 3.
    REQUIRE(s.priorities.size() == 5);
    CHECK(s.priorities[0].id == "Theme 1");
    CHECK(s.priorities[3].title == "Quality Assurance and Audit");
    std::map<std::string, int> rows_by_priority;
    for (const Action& a : s.actions)
        ++rows_by_priority[a.priority];
    CHECK(s.actions.size() == 39);
    CHECK(rows_by_priority["Theme 1"] == 12);
    CHECK(rows_by_priority["Theme 2"] == 19);
    CHECK(rows_by_priority["Theme 3"] == 2);
    CHECK(rows_by_priority["Theme 4"] == 3);
    CHECK(rows_by_priority["Journey"] == 3);

    // Refs as the plan numbers them; no ref repeats, so every id is its ref.
    for (const char* ref :
         {"1.1.1", "1.1.4", "1.2.2", "2.2.1", "2.4.1", "2.6.5", "3.1.1", "4.1.3", "Stage 1", "Stage 3"})
    {
        INFO(ref);
        CHECK(ActionById(s, ref).ref == ref);
    }

    // The plan's own columns were read, not dropped: lead, outcome, measure and the RAG/DOT rating.
    const Action& a114 = ActionById(s, "1.1.4");
    CHECK(a114.lead == "Operational Managers – HoS, Service Managers and Team Managers");
    CHECK(a114.outcome.starts_with("Effective caseload management will support practitioners"));
    CHECK(ActionById(s, "2.8.1")
              .measure.find("Compliance with the 12 week maximum timescale is achieved (16 "
                            "weeks if there are complexities)") != std::string::npos);
    CHECK(ActionById(s, "1.1.2").rag == "A");
    const std::string seed = SeedText(kTorbaySeed);
    CHECK(seed.find(a114.lead) != std::string::npos);
}

TEST_CASE("Torbay 2019 dues are read from the plan's own wording", "[demo][seeds]")
{
    const Snapshot s = test::BuildDemo("torbay");
    const std::string seed = SeedText(kTorbaySeed);

    const Action& a112 = ActionById(s, "1.1.2");
    CHECK(a112.due.text == "31 st December 2019");
    CHECK(seed.find("31 st December 2019") != std::string::npos);
    CHECK(a112.due.kind == DueKind::OnDate);
    CHECK(a112.due.date == Date{2019y, December, 31d});

    CHECK(ActionById(s, "1.2.1").due.date == Date{2019y, December, 31d}); // "December 2019"
    CHECK(ActionById(s, "1.1.4").due.date == Date{2020y, March, 31d});    // "31 st March 2020"

    const Action& a211 = ActionById(s, "2.1.1");
    CHECK(a211.due.text == "End January 2020 for review outcome and implement ation plan");
    CHECK(seed.find(a211.due.text) != std::string::npos);
    CHECK(a211.due.date == Date{2020y, January, 31d});

    const Action& a411 = ActionById(s, "4.1.1");
    CHECK(a411.due.text == "An agreed audit programme to be in place by 1st November 2019");
    CHECK(a411.due.date == Date{2019y, November, 1d});

    CHECK(ActionById(s, "1.1.1").due.kind == DueKind::Immediate);
    CHECK(ActionById(s, "1.1.1").due.text == "Immediate");
    CHECK(ActionById(s, "2.6.5").due.kind == DueKind::None); // its timescale is lost in the seed

    CHECK(ActionById(s, "Stage 1").due.date == Date{2019y, December, 31d}); // "By December 2019"
    CHECK(ActionById(s, "Stage 2").due.date == Date{2020y, April, 30d});    // "By April 2020"
    // A range names only its end (due_reading.h): the stage is due when it should be finished.
    const Due& stage3 = ActionById(s, "Stage 3").due;
    CHECK(stage3.text == "Between April 2020 and March 2021");
    CHECK(stage3.date == Date{2021y, March, 31d});
    CHECK(stage3.milestones.empty());
}

TEST_CASE("Torbay 2019 key is its own three levels with no done level", "[demo][seeds]")
{
    const Snapshot s = test::BuildDemo("torbay");
    const std::string seed = SeedText(kTorbaySeed);
    REQUIRE(s.rag_key.size() == 3);
    CHECK(s.rag_key[0].code == "R");
    CHECK(s.rag_key[1].code == "A");
    CHECK(s.rag_key[2].code == "G");
    for (const RagLevel& level : s.rag_key)
    {
        INFO(level.code);
        CHECK_FALSE(level.done);
        // "Green- the actions against this objective are proceeding as planned and ..."
        CHECK(seed.find(level.label + "- " + level.definition) != std::string::npos);
    }

    // With no done level only the due date decides: a Green row past its date is overdue, one still to
    // come is not, and "Immediate" fell due at the plan's start.
    const Date today = s.plan.as_of; // 2019-12-02
    CHECK(ActionById(s, "4.1.1").rag == "G");
    CHECK(IsOverdue(ActionById(s, "4.1.1"), s, today)); // by 1st November 2019
    CHECK_FALSE(IsOverdue(ActionById(s, "1.1.2"), s, today));
    CHECK(IsOverdue(ActionById(s, "1.1.1"), s, today));
    CHECK_FALSE(IsOverdue(ActionById(s, "1.1.1"), s, Date{2019y, October, 21d}));
}

TEST_CASE("Torbay 2019 qualitative measures are text indicators with text targets", "[demo][seeds]")
{
    const Snapshot s = test::BuildDemo("torbay");
    const Indicator& audit = test::IndicatorById(s, "8");
    CHECK(audit.unit == Unit::Text);
    CHECK(audit.target.kind == TargetKind::Text);
    CHECK(audit.target.text == "An agreed audit programme to be in place by 1st November 2019");
    REQUIRE_FALSE(audit.series.empty());
    CHECK_FALSE(audit.series.back().value.has_value());
    CHECK(audit.series.back().placeholder == "In place");
    CHECK(StatusAgainstTarget(audit) == TargetStatus::NoTarget); // words are shown, never judged

    const Indicator& plo = test::IndicatorById(s, "6");
    CHECK(plo.unit == Unit::Text);
    CHECK(plo.target.kind == TargetKind::Text); // "Compliance with the 12 week ...": not a figure of 12
    CHECK(plo.comparators.empty());

    // The one real figure: the Ofsted letter's "40% of frontline staff are not permanent" (October 2019).
    const Indicator& agency = test::IndicatorById(s, "7");
    CHECK(agency.name == "Reliance on agency staff to be reduced.");
    bool october = false;
    for (const PeriodValue& pv : agency.series)
        if (pv.period == Period{2019, 10})
            october = pv.value == 40.0;
    CHECK(october);
}

TEST_CASE("Plymouth 2015 has 17 improvement areas in their own words", "[demo][seeds]")
{
    const Snapshot s = test::BuildDemo("plymouth-2015");
    CHECK(s.plan.authority == "Plymouth City Council");
    REQUIRE(s.priorities.size() == 17);
    REQUIRE(s.actions.size() == 17);
    CHECK(s.indicators.empty()); // the update prints none

    // One action per area, ref and priority the area's number (the seed's OCR'd "I" and "П" are 1 and 11).
    for (size_t i = 0; i < s.actions.size(); ++i)
    {
        const Action& a = s.actions[i];
        INFO(a.id);
        CHECK(a.ref == std::to_string(i + 1));
        CHECK(a.priority == a.ref);
        CHECK(s.priorities[i].title == a.text);
        CHECK(a.lead.empty()); // the plan gives no leads
        CHECK(a.rag.empty());  // and no ratings
    }

    // Every area but 15 (split across a page) is word for word the seed's.
    const std::string seed = JoinBrokenHyphens(SeedText(kPlymouth2015Seed));
    for (const Action& a : s.actions)
        if (a.ref != "15")
        {
            INFO(a.ref << ": " << a.text);
            CHECK(seed.find(a.text) != std::string::npos);
        }
    CHECK(ActionById(s, "7").text ==
          "Conduct a further test of assurance, including a risk assessment, of the "
          "dual role of the Director of Children's Services (DCS).");
}

TEST_CASE("Plymouth 2015 carries each Overview as the area's evidence note", "[demo][seeds]")
{
    const Snapshot s = test::BuildDemo("plymouth-2015");
    const std::string seed = SeedText(kPlymouth2015Seed);
    for (const Action& a : s.actions)
    {
        INFO(a.ref);
        REQUIRE(a.evidence.size() == 1);
        CHECK_FALSE(a.evidence[0].date.has_value()); // the update is undated
        if (a.ref != "15")
            CHECK(seed.find(a.evidence[0].text) != std::string::npos);
    }
    CHECK(ActionById(s, "5").evidence[0].text.find("The meetings are held on a fortnightly basis") !=
          std::string::npos);
}

TEST_CASE("Plymouth 2015 dues come from the Overview and its key is a built-in one", "[demo][seeds]")
{
    const Snapshot s = test::BuildDemo("plymouth-2015");
    // Month-only dues resolve to 2015, the year of the plan's dates.
    CHECK(ActionById(s, "2").due.text == "in place from June Ist");
    CHECK(ActionById(s, "2").due.date == Date{2015y, June, 1d});
    CHECK(ActionById(s, "7").due.text == "will be complete in June");
    CHECK(ActionById(s, "7").due.date == Date{2015y, June, 30d});
    CHECK(ActionById(s, "9").due.date == Date{2015y, May, 31d}); // "in place by end of May"
    CHECK(ActionById(s, "1").due.kind == DueKind::None);

    // The update prints no key: the built-in one is used, and nothing is overdue on its date.
    CHECK_FALSE(s.rag_key.empty());
    for (const Action& a : s.actions)
        CHECK_FALSE(IsOverdue(a, s, s.plan.as_of));
}

// ---- West Sussex 2019 (seed 003) and Jersey 2018 (seed 004) -----------------------------------------------

namespace
{

const char* const kWestSussexSeed = "003_f42ab668102e5fb8.txt";
const char* const kJerseySeed = "004_2c2cca32f36dff0e.txt";

} // namespace

TEST_CASE("West Sussex 2019 has the plan's twelve areas, numbered actions and KPIs", "[demo][seeds]")
{
    const Snapshot s = test::BuildDemo("west-sussex");
    const std::string seed = SeedText(kWestSussexSeed);
    CHECK(s.plan.authority == "West Sussex County Council");

    // Ofsted's twelve "what needs to improve" areas; the seed numbers 96 actions from 1.2.1 (its ref lost
    // with the start of area 1) to 12.7: 11, 6, 6, 8, 6, 8, 2, 7, 20, 6, 9 and 7 per area.
    REQUIRE(s.priorities.size() == 12);
    CHECK(s.priorities[6].title == "The quality and timeliness of life-story work.");
    std::map<std::string, int> actions_by_area;
    for (const Action& a : s.actions)
        ++actions_by_area[a.priority];
    CHECK(s.actions.size() == 96);
    CHECK(actions_by_area["1"] == 11);
    CHECK(actions_by_area["9"] == 20);
    CHECK(actions_by_area["12"] == 7);
    for (const char* ref : {"2.1.0", "4.2.3", "9.3.4", "12.7"})
    {
        INFO(ref);
        CHECK(ActionById(s, ref).ref == ref);
        CHECK(seed.find(std::string(ref) + ". ") != std::string::npos);
    }

    // KPIs 6-71 (1-5 are lost from the seed's text), 11's sub-items a)-c), and 11 c)'s "Seen Alone" target
    // as a row of its own.
    CHECK(s.indicators.size() == 70);
    for (const Indicator& ind : s.indicators)
        if (ind.id != "11" && ind.id != "11c-alone") // 11 runs over two paragraphs; 11c-alone is split off
        {
            INFO(ind.id);
            CHECK(seed.find(ind.name) != std::string::npos);
        }

    // No key and no ratings printed: a built-in key, nothing rated.
    CHECK_FALSE(s.rag_key.empty());
    for (const Action& a : s.actions)
        CHECK(a.rag.empty());

    // The plan's own columns: leads as printed, and the KPI cell as the action's measure.
    CHECK(ActionById(s, "4.2.3").lead == "Head of QA");
    CHECK(ActionById(s, "12.6").measure ==
          "69. Clear evidence of timeliness in referring and case duration from the tracker");
    CHECK(ActionById(s, "2.3").inspection_refs.size() == 3); // "Pg 3 Para 2 Pg 4 Para 8 Pg 9 para 34"
}

TEST_CASE("West Sussex 2019 dues are the Due cells as printed, lists read as milestones", "[demo][seeds]")
{
    const Snapshot s = test::BuildDemo("west-sussex");
    const std::string seed = SeedText(kWestSussexSeed);

    // Area 2's table row prints five dates for its actions: milestones, and the earliest is the due date.
    const Due& neglect = ActionById(s, "2.1.0").due;
    CHECK(neglect.text == "Nov 2019 Jun 2019 Jan 2019 Aug 2019 Dec 2019");
    CHECK(seed.find(neglect.text) != std::string::npos);
    CHECK(neglect.kind == DueKind::OnDate);
    CHECK(neglect.date == Date{2019y, January, 31d});
    REQUIRE(neglect.milestones.size() == 5);
    CHECK(neglect.milestones.front() == Date{2019y, January, 31d});
    CHECK(neglect.milestones.back() == Date{2019y, December, 31d});
    CHECK(NextMilestone(neglect, Date{2019y, July, 31d}) == Date{2019y, August, 31d});

    // One date: no milestones.
    const Due& chronologies = ActionById(s, "2.3").due;
    CHECK(chronologies.text == "Dec 2019");
    CHECK(chronologies.date == Date{2019y, December, 31d});
    CHECK(chronologies.milestones.empty());

    // Area 3 lists eight dates, one of them "Nov 2019 & ongoing".
    const Due& housing = ActionById(s, "3.5").due;
    CHECK(housing.text.find("Nov 2019 & ongoing") != std::string::npos);
    CHECK(housing.continues);
    CHECK(housing.date == Date{2019y, August, 31d});
    CHECK(housing.milestones.back() == Date{2019y, December, 31d});

    CHECK(ActionById(s, "12.3").due.milestones.back() == Date{2020y, March, 31d}); // "March 2020"
    CHECK(ActionById(s, "9.4").due.kind == DueKind::None);                         // the plan prints none

    // Nothing is rated, so the date alone decides: Jan 2019 has passed on the draft's date, Sep 2019 not.
    CHECK(IsOverdue(ActionById(s, "2.1.0"), s, s.plan.as_of));
    CHECK_FALSE(IsOverdue(ActionById(s, "7.1"), s, s.plan.as_of));
}

TEST_CASE("West Sussex 2019 KPI targets are read as printed", "[demo][seeds]")
{
    const Snapshot s = test::BuildDemo("west-sussex");

    // KPI 42: an interim and a final target; the one in force changes after October 2019.
    const Indicator& supervision = test::IndicatorById(s, "42");
    CHECK(supervision.target.kind == TargetKind::Value);
    CHECK(supervision.target.text == "Interim target by Oct 2019: 70% Target by Mar 2020: 95%");
    CHECK(supervision.target.value == 95.0);
    REQUIRE(supervision.target.steps.size() == 2);
    CHECK(supervision.target.steps[0].value == 70.0);
    CHECK(supervision.target.steps[0].by == Date{2019y, October, 31d});
    CHECK(TargetFor(supervision, Period{2019, 10}) == 70.0);
    CHECK(TargetFor(supervision, Period{2019, 11}) == 95.0);

    // KPI 45 puts the date after the figure: "Interim target: 70% by Oct 2019 Target by Feb 2020: 90%".
    const Indicator& oversight = test::IndicatorById(s, "45");
    REQUIRE(oversight.target.steps.size() == 2);
    CHECK(oversight.target.steps[0].value == 70.0);
    CHECK(oversight.target.steps[0].by == Date{2019y, October, 31d});
    CHECK(oversight.target.steps[1].by == Date{2020y, February, 29d});
    CHECK(oversight.target.value == 90.0);

    // A dated target, "Target: 95%", a TBC and a ceiling in words.
    const Indicator& nimt = test::IndicatorById(s, "12"); // "Target 70% by Jan 2020"
    CHECK(nimt.target.value == 70.0);
    REQUIRE(nimt.target.steps.size() == 1);
    CHECK(nimt.target.steps[0].by == Date{2020y, January, 31d});
    CHECK(test::IndicatorById(s, "19").target.value == 95.0);
    CHECK(test::IndicatorById(s, "28").target.kind == TargetKind::Tbc);
    const Indicator& vacancy = test::IndicatorById(s, "54"); // "Vacancy gap to be less than 10%"
    CHECK(vacancy.target.value == 10.0);
    CHECK(vacancy.target.sense == TargetSense::Below);

    // Qualitative KPIs are text: a third of them (25 of 70).
    const Indicator& audits = test::IndicatorById(s, "13");
    CHECK(audits.name == "Findings of the Multi-agency audits.");
    CHECK(audits.unit == Unit::Text);
    CHECK(test::IndicatorById(s, "57").unit == Unit::Text); // "HR/Training attendance logs"
    int text_kpis = 0;
    for (const Indicator& ind : s.indicators)
        text_kpis += ind.unit == Unit::Text;
    CHECK(text_kpis == 25);

    // The draft has no figures: "no figures yet", never on target and never "no target".
    CHECK(StatusAgainstTarget(test::IndicatorById(s, "7")) == TargetStatus::NoValue);
}

TEST_CASE("Jersey 2018 has five drivers and its rows with stacked cells kept together", "[demo][seeds]")
{
    const Snapshot s = test::BuildDemo("jersey");
    const std::string seed = SeedText(kJerseySeed);
    CHECK(s.plan.authority == "The States of Jersey");

    // Five Drivers of Success; 17 printed table rows (5, 4, 1, 3 and 4 per driver), a row that runs over a
    // page break counted once.
    REQUIRE(s.priorities.size() == 5);
    CHECK(s.priorities[3].title == "Placements");
    for (const Priority& p : s.priorities)
        CHECK(seed.find("Driver of Success " + p.id + ". " + p.title) != std::string::npos);
    CHECK(s.actions.size() == 17);
    CHECK_FALSE(s.rag_key.empty()); // no key printed: a built-in one
    for (const Action& a : s.actions)
        CHECK(a.rag.empty());

    // "Sep 2018 / August 2018": the row's two stacked dates are milestones, judged by the earlier.
    const Action& mash = ActionById(s, "D2.A1");
    CHECK(mash.ref == "D2.A1");
    CHECK(mash.due.text == "Sep 2018 / August 2018");
    CHECK(mash.due.date == Date{2018y, August, 31d});
    REQUIRE(mash.due.milestones.size() == 2);
    CHECK(mash.due.milestones[1] == Date{2018y, September, 30d});
    CHECK(mash.lead == "Interim AD; HoS");
    CHECK(ActionById(s, "D4.A3").due.date == Date{2018y, October, 31d}); // "October 2018"

    // The forward-looking "Evidence of Progress" is the action's measure, not a progress note.
    const Action& assessments = ActionById(s, "D5.A1");
    CHECK(assessments.measure.starts_with("90% of new assessments will be completed in the agreed timescales "
                                          "but within a maximum of 45 days by September 2018."));
    CHECK(assessments.evidence.empty());
    CHECK(assessments.outcome.starts_with("Children will be aware of agreed timescales"));
    for (const Action& a : s.actions)
        CHECK_FALSE(IsOverdue(a, s, s.plan.as_of)); // Version 1: every date is still to come
}

TEST_CASE("Jersey 2018 measures with a figure are indicators with the plan's targets", "[demo][seeds]")
{
    const Snapshot s = test::BuildDemo("jersey");
    const Indicator& timeliness = test::IndicatorById(s, "1"); // "90% by September 2018"
    CHECK(timeliness.target.value == 90.0);
    REQUIRE(timeliness.target.steps.size() == 1);
    CHECK(timeliness.target.steps[0].by == Date{2018y, September, 30d});
    CHECK(StatusAgainstTarget(timeliness) == TargetStatus::NoValue);

    const Indicator& supervision = test::IndicatorById(s, "3");
    CHECK(supervision.unit == Unit::Text);
    CHECK(supervision.target.kind == TargetKind::Text);
    CHECK(supervision.target.text == "maximum six weekly");
}
