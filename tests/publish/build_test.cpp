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

TEST_CASE("a missing column is named with the header it found and how to map it", "[publish][bad-input]")
{
    BuildInputs in = Inputs();
    in.indicators.text = Replace(in.indicators.text, "polarity,", "goodness,");
    const auto problems = ProblemsOf(in);
    CHECK(HasProblem(problems, "indicators.csv:1", "no column holds polarity; the header has: \"id\""));
    CHECK(HasProblem(problems, "indicators.csv:1", "[columns.indicators]: polarity = "));
}

TEST_CASE("a due the publisher cannot read is kept as written, with a warning", "[publish][dues]")
{
    BuildInputs in = Inputs();
    in.actions.text = Replace(in.actions.text, "31/03/2023,March", "when the protocol is agreed,");
    BuildReport report;
    auto result = BuildSnapshot(in, &report);
    INFO(FormatProblems(result.Problems()));
    REQUIRE(result.Ok());
    const Action& redesign = result.Value().actions[1];
    CHECK(redesign.due.kind == DueKind::None);
    CHECK(redesign.due.text == "when the protocol is agreed");
    CHECK_FALSE(IsOverdue(redesign, result.Value(), *ParseIsoDate("2030-01-01")));
    CHECK(HasProblem(report.warnings, "actions.csv:3", "when the protocol is agreed"));

    // A due in the plan's words, with no due_text column, is read and keeps its wording.
    in = Inputs();
    in.actions.text = Replace(in.actions.text, "31/03/2023,March", "31 st March 2023,");
    result = BuildSnapshot(in);
    REQUIRE(result.Ok());
    CHECK(result.Value().actions[1].due.date == ParseIsoDate("2023-03-31"));
    CHECK(result.Value().actions[1].due.text == "31 st March 2023");
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
    in.actions.text = Replace(in.actions.text, "Conferences on time,SM QAS,qa,immediate,Immediately,R",
                              "Conferences,SM QAS,qa,immediate,Immediately,Purple");
    in.evidence->text = Replace(in.evidence->text, "2.6a,", "2.6,");
    const auto problems = ProblemsOf(in);
    CHECK(problems.size() == 4);
    CHECK(HasProblem(problems, "indicators.csv:2", "unit \"counts\""));
    CHECK(HasProblem(problems, "indicators.csv:3", "64.1%%"));
    CHECK(HasProblem(problems, "actions.csv:4", "RAG \"Purple\""));
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

namespace
{

// West Sussex's and Jersey's headings, as their plans print them.
const char* kActionsAsPrinted =
    "Ref No.,Theme,Desired Outcome for Children,Action Required,Owner,Timescale/ Date,RAG/DOT,"
    "How will we measure the difference to children?,Ofsted Ref,Notes\n"
    "1.1.2,1,Members challenge,Seminar for members,DCS,31 st December 2019,G \xE2\x96\xB2,"
    "100% attendance at the improvement board,Pg 3 Para 2,our own note\n"
    "1.1.3,1,Scrutiny,Panel has the data,Leader,Immediate,Green,,,\n";

BuildReport BuildWith(const BuildInputs& in, Snapshot& out)
{
    BuildReport report;
    auto result = BuildSnapshot(in, &report);
    INFO(FormatProblems(result.Problems()));
    REQUIRE(result.Ok());
    out = result.Value();
    return report;
}

} // namespace

TEST_CASE("columns are read under the plan's own headings, and the build says which fed which",
          "[publish][columns]")
{
    BuildInputs in = Inputs();
    in.actions.text = kActionsAsPrinted;
    in.evidence.reset();
    Snapshot s;
    const BuildReport report = BuildWith(in, s);
    REQUIRE(s.actions.size() == 2);
    const Action& a = s.actions[0];
    CHECK(a.ref == "1.1.2");
    CHECK(a.text == "Seminar for members");
    CHECK(a.lead == "DCS");
    CHECK(a.outcome == "Members challenge");
    CHECK(a.due.date == ParseIsoDate("2019-12-31"));
    CHECK(a.rag == "G"); // the RAG/DOT arrow is not part of the rating
    CHECK(a.measure == "100% attendance at the improvement board");
    CHECK(a.inspection_refs == std::vector<std::string>{"Pg 3 Para 2"});
    CHECK(s.actions[1].rag == "G"); // written as the level's label
    CHECK(HasProblem(report.warnings, "actions.csv:2", "direction of travel"));

    std::string actions_line;
    for (const std::string& line : report.readings)
        if (line.starts_with("actions.csv"))
            actions_line = line;
    CHECK(actions_line.find("due <- \"Timescale/ Date\"") != std::string::npos);
    CHECK(actions_line.find("rag <- \"RAG/DOT\"") != std::string::npos);
    CHECK(actions_line.find("not read: \"Notes\"") != std::string::npos); // nothing dropped silently
}

TEST_CASE("plan.toml maps any other heading, and a mapping to no column is refused at its line",
          "[publish][columns]")
{
    BuildInputs in = Inputs();
    in.actions.text = Replace(in.actions.text, "ref,priority,outcome,action,",
                              "ref,priority,outcome,What do we plan to do to get us there?,");
    in.plan.text += "\n[columns.actions]\naction = \"What do we plan to do to get us there?\"\n";
    Snapshot s;
    BuildWith(in, s);
    CHECK(s.actions[0].text == "Dip sample, fortnightly");

    in.plan.text = Replace(in.plan.text, "action = \"What do we plan", "action = \"What we plan");
    CHECK(HasProblem(ProblemsOf(in), "plan.toml:", "is not a column of actions.csv"));
    in.plan.text = Replace(in.plan.text, "action = \"What we plan", "actoin = \"What we plan");
    CHECK(HasProblem(ProblemsOf(in), "plan.toml:", "actoin is not a field of actions.csv"));
}

TEST_CASE("a second column that looks like a known one is a warning, not silently dropped",
          "[publish][columns]")
{
    BuildInputs in = Inputs();
    in.actions.text = Replace(in.actions.text, "priority_action\n", "priority_action,Deadline\n");
    for (const char* row : {"PRIORITY ACTION and para 13; 16 FDFV | para 6\",yes\n", "March,,,\n",
                            "Immediately,R,,no\n", "year,,,\n"})
        in.actions.text =
            Replace(in.actions.text, row, std::string(row).insert(std::string(row).size() - 1, ","));
    Snapshot s;
    const BuildReport report = BuildWith(in, s);
    CHECK(HasProblem(report.warnings, "actions.csv:1",
                     "column \"Deadline\" looks like due, but \"due\" is read"));
}

TEST_CASE("a plan without a key chooses a built-in one, and a key may have no done level", "[publish][keys]")
{
    const std::string own_key = kPlan;
    const size_t first = own_key.find("[[rag]]");
    const size_t after = own_key.find("[[priorities]]");
    const std::string no_key = own_key.substr(0, first) + own_key.substr(after);

    BuildInputs in = Inputs();
    in.plan.text = no_key;
    CHECK(HasProblem(ProblemsOf(in), "plan.toml", "has no RAG key"));

    in.plan.text = Replace(no_key, "start = 2023-02-24", "start = 2023-02-24\nkey = \"progress\"");
    in.actions.text = Replace(Replace(in.actions.text, "March 23,G,", "March 23,On track,"), "Immediately,R,",
                              "Immediately,DONE,");
    Snapshot s;
    BuildWith(in, s);
    REQUIRE(s.rag_key.size() == 5);
    CHECK(s.rag_key[3].code == "On track");
    CHECK(s.rag_key[3].short_code == "OT");
    CHECK(s.actions[0].rag == "On track");
    CHECK(s.actions[2].rag == "Complete"); // written as the short form
    CHECK(IsDone(s.actions[2], s.rag_key));

    in.plan.text = Replace(no_key, "start = 2023-02-24", "start = 2023-02-24\nkey = \"traffic-lights\"");
    CHECK(HasProblem(ProblemsOf(in), "plan.toml:", "\"rag-complete\""));
    in.plan.text = Replace(kPlan, "start = 2023-02-24", "start = 2023-02-24\nkey = \"rag\"");
    CHECK(HasProblem(ProblemsOf(in), "plan.toml:", "are both given"));

    // A word with no short form builds, but its badges will be wide: said so.
    in = Inputs();
    in.plan.text = Replace(kPlan, "code = \"G\"", "code = \"Proceeding\"");
    in.actions.text = Replace(in.actions.text, "March 23,G,", "March 23,Proceeding,");
    CHECK(HasProblem(BuildWith(in, s).warnings, "plan.toml", "\"Proceeding\" has no short form"));
    CHECK_FALSE(HasProblem(BuildWith(Inputs(), s).warnings, "plan.toml", "no short form"));

    // Torbay's key: Green is "proceeding as planned", nothing is done; the due date alone decides.
    in = Inputs();
    in.plan.text = Replace(kPlan, "done = true", "done = false");
    BuildWith(in, s);
    CHECK(IsOverdue(s.actions[0], s, *ParseIsoDate("2023-04-17"))); // rated G, due 31 Mar 2023
}

TEST_CASE("a qualitative measure holds words, and a percent row of fractions is refused",
          "[publish][targets]")
{
    BuildInputs in = Inputs();
    in.indicators.text = Replace(
        in.indicators.text, "2,EH assessments,percent,to_date,up_good,TBC,mash,Report development required,,",
        "2,Multi-agency protocol,text,other,monitor,Protocol in place,mash,In draft,In place,");
    Snapshot s;
    BuildWith(in, s);
    const Indicator& protocol = test::IndicatorById(s, "2");
    CHECK(protocol.unit == Unit::Text);
    CHECK(protocol.target.kind == TargetKind::Text);
    CHECK(protocol.target.text == "Protocol in place");
    REQUIRE(protocol.series.size() == 2);
    CHECK(protocol.series[1].placeholder == "In place");
    CHECK_FALSE(protocol.series[1].value);

    in = Inputs();
    in.indicators.text = Replace(in.indicators.text, "63.2%,64.1%", "0.632,0.641");
    CHECK(HasProblem(ProblemsOf(in), "indicators.csv:3", "look like fractions"));
    in = Inputs();
    in.indicators.text =
        Replace(in.indicators.text, "63.2%,64.1%", "0%,1%"); // small, but written as percents
    CHECK(BuildSnapshot(in).Ok());
}

TEST_CASE("an indicator table without month columns builds, with a warning", "[publish][columns]")
{
    BuildInputs in = Inputs();
    in.indicators.text = "id,name,unit,measure,polarity,target,teams\n"
                         "6,Contacts progressed in 24 hours,percent,in_month,up_good,Target: 95%,mash\n";
    Snapshot s;
    const BuildReport report = BuildWith(in, s);
    CHECK(HasProblem(report.warnings, "indicators.csv:1", "no figures yet"));
    CHECK(StatusAgainstTarget(test::IndicatorById(s, "6")) == TargetStatus::NoValue);
}

TEST_CASE("a Short name column gives a tile its words, and may be left empty", "[publish][columns]")
{
    BuildInputs in = Inputs();
    in.indicators.text = Replace(Replace(in.indicators.text, "id,name,", "id,name,Short name,"),
                                 "\"Referrals, in month\",", "\"Referrals, in month\",Referrals,");
    for (const char* id : {"12,Assessments in 45 days,", "9,NFA,", "19,CP rate,", "2,EH assessments,"})
        in.indicators.text = Replace(in.indicators.text, id, std::string(id) + ",");
    auto result = BuildSnapshot(in);
    INFO(FormatProblems(result.Problems()));
    REQUIRE(result.Ok());
    CHECK(test::IndicatorById(result.Value(), "1").short_name == "Referrals");
    CHECK(test::IndicatorById(result.Value(), "1").name == "Referrals, in month");
    CHECK(test::IndicatorById(result.Value(), "12").short_name.empty());
    // Without the column, no indicator has one.
    auto plain = BuildSnapshot(Inputs());
    REQUIRE(plain.Ok());
    CHECK(test::IndicatorById(plain.Value(), "1").short_name.empty());
}
