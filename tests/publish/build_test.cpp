// wallboard-publish build: what it reads, and every kind of bad input reported as file:line.
#include "publish/build.h"

#include "core/derived.h"
#include "test_support.h"

using namespace wb;
using namespace wb::publish;
using wb::test::HasProblem;

namespace
{

const char* kPlan = R"(
[plan]
id = "test"
authority = "Testshire Council"
title = "Improvement Plan"
as_of = 2023-04-17
start = 2023-02-24

[indicators]
placeholders = ["Report development required"]

[[rag]]
code = "R"
label = "Red"
colour = "#C0392B"
definition = "Task is overdue"

[[rag]]
code = "G"
label = "Green"
colour = "#27AE60"
definition = "Done"
done = true

[[priorities]]
id = "1"
title = "Front door"

[[teams]]
id = "mash"
name = "MASH"

[[teams]]
id = "qa"
name = "QA"

[[dashboards]]
id = "mash"
title = "MASH"
teams = ["mash"]

[[dashboards]]
id = "board"
title = "Improvement Board"
kind = "overview"
)";

const char* kIndicators =
    "\xEF\xBB\xBF"
    "id,name,unit,measure,polarity,target,teams,Feb-23,Mar-23,note\r\n"
    "1,\"Referrals, in month\",count,in_month,monitor,Monitor,mash,\"1,147\",624,\r\n"
    "12,Assessments in 45 days,percent,to_date,up_good,90.0%,mash,63.2%,64.1%,\r\n"
    "9,NFA,percent,in_month,down_good,7.6% England,qa,9.0%,12.5%,\r\n"
    "19,CP rate,rate_per_10k,month_end,down_good,42.1r England,qa,43.7r,43.7r,\r\n"
    "2,EH assessments,percent,to_date,up_good,TBC,mash,Report development required,,\r\n";

const char* kActions =
    "ref,priority,outcome,action,lead,teams,due,due_text,rag,inspection_refs,priority_action\n"
    "2.6,1,Thresholds,\"Dip sample, fortnightly\",HOS Front Door,mash,2023-03-31,March 23,G,"
    "\"PRIORITY ACTION and para 13; 16 FDFV | para 6\",yes\n"
    "2.6,1,Thresholds,Redesign,HOS Front Door,mash,31/03/2023,March,,,\n"
    "5.3,1,Chairs,Conferences on time,SM QAS,qa,immediate,Immediately,R,,no\n"
    "4.3,1,Sufficiency,Strategy,SC Manager,,ongoing,May 23 Ongoing through the year,,,\n";

const char* kEvidence = "action,date,note\n"
                        "2.6a,1/3/23,Dip sampling began\n"
                        "2.6b,,Consultation concluded\n";

BuildInputs Inputs()
{
    return {{"plan.toml", kPlan},
            {"indicators.csv", kIndicators},
            {"actions.csv", kActions},
            InputText{"evidence.csv", kEvidence}};
}

std::vector<Problem> ProblemsOf(const BuildInputs& inputs)
{
    auto result = BuildSnapshot(inputs);
    REQUIRE_FALSE(result.Ok());
    return result.Problems();
}

std::string Replace(std::string text, const std::string& from, const std::string& to)
{
    const size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("a valid set of exports builds a snapshot", "[publish]")
{
    auto result = BuildSnapshot(Inputs());
    INFO(FormatProblems(result.Problems()));
    REQUIRE(result.Ok());
    const Snapshot& s = result.Value();
    CHECK(s.indicators.size() == 5);

    const Indicator& referrals = test::IndicatorById(s, "1");
    CHECK(referrals.name == "Referrals, in month");
    CHECK(*referrals.series.at(0).value == 1147);
    CHECK(referrals.target.kind == TargetKind::Monitor);

    const Indicator& assessments = test::IndicatorById(s, "12");
    CHECK(assessments.target.kind == TargetKind::Value);
    CHECK(assessments.target.value == 90.0);
    CHECK(assessments.series.at(1).period == Period{2023, 3});
    CHECK(*assessments.series.at(1).value == 64.1);

    const Indicator& nfa = test::IndicatorById(s, "9");
    CHECK(nfa.target.kind == TargetKind::None);
    REQUIRE(nfa.comparators.size() == 1);
    CHECK(nfa.comparators[0].name == "England");
    CHECK(nfa.comparators[0].value == 7.6);
    CHECK(*test::IndicatorById(s, "19").series.at(0).value == 43.7);

    const Indicator& eh = test::IndicatorById(s, "2");
    REQUIRE(eh.series.size() == 1); // the empty Mar-23 cell is no entry at all
    CHECK_FALSE(eh.series[0].value);
    CHECK(eh.series[0].placeholder == "Report development required");
    CHECK(eh.target.kind == TargetKind::Tbc);

    REQUIRE(s.actions.size() == 4);
    CHECK(s.actions[0].id == "2.6a");
    CHECK(s.actions[1].id == "2.6b");
    CHECK(s.actions[2].id == "5.3");
    CHECK(s.actions[0].text == "Dip sample, fortnightly");
    CHECK(s.actions[0].inspection_refs ==
          std::vector<std::string>{"PRIORITY ACTION and para 13; 16 FDFV", "para 6"});
    CHECK(s.actions[0].priority_action);
    CHECK(FormatIsoDate(*s.actions[1].due.date) == "2023-03-31");
    CHECK(s.actions[1].due.text == "March");
    CHECK(s.actions[2].due.kind == DueKind::Immediate);
    CHECK(s.actions[3].due.kind == DueKind::Ongoing);
    REQUIRE(s.actions[0].evidence.size() == 1);
    CHECK(FormatIsoDate(*s.actions[0].evidence[0].date) == "2023-03-01");
    CHECK_FALSE(s.actions[1].evidence.at(0).date);

    REQUIRE(s.dashboards.size() == 2);
    CHECK(s.dashboards[0].indicators == std::vector<std::string>{"1", "12", "2"});
    CHECK(s.dashboards[0].actions == std::vector<std::string>{"2.6a", "2.6b"});
    CHECK(s.dashboards[1].kind == DashboardKind::Overview);
    CHECK(s.dashboards[1].indicators.size() == 5);
    CHECK(s.dashboards[1].actions.size() == 4);
}

TEST_CASE("an unclosed quote is reported at its line", "[publish][bad-input]")
{
    BuildInputs in = Inputs();
    in.evidence->text = Replace(in.evidence->text, "2.6b,,Consultation", "2.6b,,\"Consultation");
    CHECK(HasProblem(ProblemsOf(in), "evidence.csv:3", "never closed"));
}

TEST_CASE("text in a numeric column is reported with its column", "[publish][bad-input]")
{
    BuildInputs in = Inputs();
    in.indicators.text = Replace(in.indicators.text, "63.2%", "n/a");
    const auto problems = ProblemsOf(in);
    CHECK(HasProblem(problems, "indicators.csv:3", "column Feb-23: \"n/a\" is not a number"));
    CHECK(HasProblem(problems, "indicators.csv:3", "placeholders"));
}

TEST_CASE("a unit suffix that does not suit the unit is reported", "[publish][bad-input]")
{
    BuildInputs in = Inputs();
    in.indicators.text = Replace(in.indicators.text, ",624,", ",62.4%,");
    CHECK(HasProblem(ProblemsOf(in), "indicators.csv:2", "unit is count"));
}

TEST_CASE("a decimal comma is not read as a thousands separator", "[publish][bad-input]")
{
    BuildInputs in = Inputs();
    in.indicators.text = Replace(in.indicators.text, "63.2%", "\"63,2%\"");
    CHECK(HasProblem(ProblemsOf(in), "indicators.csv:3", "\"63,2%\" is not a number"));
}

TEST_CASE("an unknown RAG code is reported with the plan's key", "[publish][bad-input]")
{
    BuildInputs in = Inputs();
    in.actions.text = Replace(in.actions.text, "immediate,Immediately,R", "immediate,Immediately,Amber");
    CHECK(HasProblem(ProblemsOf(in), "actions.csv:4", "RAG \"Amber\" is not in the plan's key (R, G)"));
}

TEST_CASE("a duplicate indicator id names the first line", "[publish][bad-input]")
{
    BuildInputs in = Inputs();
    in.indicators.text = Replace(in.indicators.text, "9,NFA", "12,NFA");
    CHECK(HasProblem(ProblemsOf(in), "indicators.csv:4", "already used on line 3"));
}

TEST_CASE("a missing column is named with the header it found", "[publish][bad-input]")
{
    BuildInputs in = Inputs();
    in.indicators.text = Replace(in.indicators.text, "polarity,", "direction,");
    CHECK(
        HasProblem(ProblemsOf(in), "indicators.csv:1", "column \"polarity\" is missing; the header has: id"));
}

TEST_CASE("a due date that is not a date is reported", "[publish][bad-input]")
{
    BuildInputs in = Inputs();
    in.actions.text = Replace(in.actions.text, "31/03/2023", "March 23");
    CHECK(HasProblem(ProblemsOf(in), "actions.csv:3", "due \"March 23\" is not a date"));
    in = Inputs();
    in.actions.text = Replace(in.actions.text, "31/03/2023", "31/02/2023");
    CHECK(HasProblem(ProblemsOf(in), "actions.csv:3", "is not a date"));
}

TEST_CASE("a team that does not exist is reported in every file", "[publish][bad-input]")
{
    BuildInputs in = Inputs();
    in.indicators.text = Replace(in.indicators.text, "up_good,90.0%,mash", "up_good,90.0%,mash;fostering");
    in.actions.text = Replace(in.actions.text, "SM QAS,qa,", "SM QAS,quality,");
    in.plan.text = Replace(in.plan.text, "teams = [\"mash\"]", "teams = [\"mash\", \"irt\"]");
    const auto problems = ProblemsOf(in);
    CHECK(HasProblem(problems, "indicators.csv:3", "team \"fostering\" does not exist"));
    CHECK(HasProblem(problems, "actions.csv:4", "team \"quality\" does not exist"));
    CHECK(HasProblem(problems, "plan.toml:", "names team \"irt\""));
}

TEST_CASE("every problem is reported, not just the first", "[publish][bad-input]")
{
    BuildInputs in = Inputs();
    in.indicators.text = Replace(in.indicators.text, "count,in_month", "counts,in_month");
    in.indicators.text = Replace(in.indicators.text, "64.1%", "64.1%%");
    in.actions.text =
        Replace(in.actions.text, "Conferences on time,SM QAS,qa,immediate", "Conferences,SM QAS,qa,soon");
    in.evidence->text = Replace(in.evidence->text, "2.6a,", "2.6,");
    const auto problems = ProblemsOf(in);
    CHECK(problems.size() == 4);
    CHECK(HasProblem(problems, "indicators.csv:2", "unit \"counts\""));
    CHECK(HasProblem(problems, "indicators.csv:3", "64.1%%"));
    CHECK(HasProblem(problems, "actions.csv:4", "due \"soon\""));
    CHECK(HasProblem(problems, "evidence.csv:2", "action \"2.6\" is not in the actions file"));
}

TEST_CASE("a row with a field too many is reported", "[publish][bad-input]")
{
    BuildInputs in = Inputs();
    in.indicators.text = Replace(in.indicators.text, "NFA,", "NFA,extra,");
    CHECK(HasProblem(ProblemsOf(in), "indicators.csv:4", "has 11 fields but the header has 10"));
}

TEST_CASE("plan.toml problems carry their line", "[publish][bad-input]")
{
    BuildInputs in = Inputs();
    in.plan.text = Replace(in.plan.text, "as_of = 2023-04-17", "as_of = \"17 April\"");
    in.plan.text = Replace(in.plan.text, "colour = \"#27AE60\"", "colour = \"green\"");
    const auto problems = ProblemsOf(in);
    CHECK(HasProblem(problems, "plan.toml:6", "as_of must be a date"));
    CHECK(HasProblem(problems, "plan.toml:", "#RRGGBB"));

    in = Inputs();
    in.plan.text = Replace(in.plan.text, "[plan]", "[plan");
    CHECK(HasProblem(ProblemsOf(in), "plan.toml:2", "not valid TOML"));
}

TEST_CASE("duplicate ids in plan.toml are refused", "[publish][bad-input]")
{
    BuildInputs in = Inputs();
    in.plan.text = Replace(in.plan.text, "id = \"qa\"", "id = \"mash\"");
    CHECK(HasProblem(ProblemsOf(in), "plan.toml", "Team \"mash\" is defined twice"));
}

TEST_CASE("ReadInputs reports a file that cannot be read", "[publish][bad-input]")
{
    auto result =
        ReadInputs("/nonexistent/plan.toml", "/nonexistent/i.csv", "/nonexistent/a.csv", std::nullopt);
    REQUIRE_FALSE(result.Ok());
    CHECK(result.Problems().size() == 3);
    CHECK(HasProblem(result.Problems(), "/nonexistent/plan.toml", "cannot be read"));
}
